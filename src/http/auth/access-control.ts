// Access on every route: each route must name its policy (config.access), or the app refuses to
// start; deny is the default. The principal comes from the session cookie or a bearer token. Every
// state-changing request from a browser carries a CSRF token: the session's, or before login a
// double-submit cookie.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import {
  authenticateApiToken,
  isAllowed,
  resumeSession,
  type ActiveSession,
  type Policy,
  type Principal,
} from '../../modules/auth/index.ts';
import { secretsEqual } from '../../platform/crypto/secrets.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from './cookies.ts';

// The cookies moved to cookies.ts (page-context needs the CSRF token without access control, whose
// refusal page needs the page context); re-exported for the routes that take them from here.
export { COOKIE_OPTIONS, CSRF_COOKIE, SESSION_COOKIE, csrfTokenFor } from './cookies.ts';
import type { AppDeps } from '../app.ts';
import { h } from 'preact';
import { errorMessage } from '../../modules/i18n/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { sendProblem } from '../problem.ts';
import { renderDocument } from '../web/render.ts';
import { ForbiddenView } from '../web/pages/status.view.tsx';
import { safeReturnPath } from '../return-path.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    session: ActiveSession | undefined;
  }
  interface FastifyContextConfig {
    access?: Policy;
    /** Multipart forms: the handler checks the CSRF token, sent as the form's first field. */
    csrf?: 'in-handler';
  }
  interface FastifyInstance {
    /** Every route with its access policy, for the access matrix test and for review. */
    accessRoutes: Array<{ method: string; url: string; access: Policy }>;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A bearer token (municipal software or CBS's channel): no browser, so no CSRF token. */
function isTokenPrincipal(principal: Principal): boolean {
  return principal.kind === 'token' || principal.kind === 'cbs';
}

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

function submittedCsrf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as Record<string, unknown> | undefined;
  const field = body && typeof body === 'object' ? body._csrf : undefined;
  return typeof field === 'string' ? field : undefined;
}

const authenticated = new WeakMap<FastifyRequest, Promise<void>>();

/**
 * Sets request.principal (and request.session) from the credential the request carries, once per
 * request: the rate limiter (onRequest, http/rate-limits.ts) and the access check (preValidation) share
 * the answer, so only a credential that really authenticates gets its own rate-limit budget.
 */
export function authenticate(request: FastifyRequest, deps: AppDeps): Promise<void> {
  let done = authenticated.get(request);
  if (!done) {
    done = resolvePrincipal(request, deps);
    authenticated.set(request, done);
  }
  return done;
}

async function resolvePrincipal(request: FastifyRequest, deps: AppDeps): Promise<void> {
  request.principal = { kind: 'anonymous' };
  request.session = undefined;
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    const principal = await authenticateApiToken(deps.db, auth.slice(7).trim(), deps.now());
    if (principal) request.principal = principal;
    return;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie) {
    const session = await resumeSession(deps.db, cookie, deps.now(), deps.config.session);
    if (session) {
      request.session = session;
      request.principal = session.principal;
    }
  }
}

function deny(request: FastifyRequest, reply: FastifyReply, refusal: AppError) {
  const status = refusal.status;
  if (isApiRequest(request)) {
    if (status === 401) reply.header('www-authenticate', 'Bearer realm="ggk"');
    return sendProblem(request, reply, refusal);
  }
  if (status === 401 && request.method === 'GET') {
    return reply.redirect(`/inloggen?terug=${encodeURIComponent(request.url)}`, 303);
  }
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(
      renderDocument(
        h(ForbiddenView, {
          message: errorMessage(request.locale ?? 'nl', refusal),
          locale: request.locale,
          contacts: request.contacts,
          ...(status === 401 ? { loginHref: loginAgainHref(request) } : {}),
        }),
      ),
    );
}

/**
 * A form sent after the session ended (WCAG 2.2.1): the login that returns to the page the form was
 * on, its Referer when that is a page of ggk itself (same host), else the plain login.
 */
function loginAgainHref(request: FastifyRequest): string {
  let back: string | undefined;
  try {
    const referer = new URL(request.headers.referer ?? '');
    if (referer.host === request.headers.host) back = safeReturnPath(referer.pathname + referer.search);
  } catch {
    back = undefined;
  }
  return back ? `/inloggen?terug=${encodeURIComponent(back)}` : '/inloggen';
}

export function registerAccessControl(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('principal', null as never);
  app.decorateRequest('session', undefined);

  app.decorate('accessRoutes', []);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access) {
      throw new Error(`Route ${String(route.method)} ${route.url} heeft geen toegangsregel (config.access).`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.accessRoutes.push({ method, url: route.url, access });
    }
  });

  // preValidation, not preHandler: who may call a route is settled before its input is validated, so a
  // caller without access gets 401/403, never a validation error that tells what the route expects.
  app.addHook('preValidation', async (request, reply) => {
    await authenticate(request, deps);
    // The not-found handler is not a route: it shows nothing that needs protecting.
    if (request.is404) return;
    const policy = request.routeOptions.config.access;
    if (!policy || !isAllowed(request.principal, policy)) {
      const anonymous = request.principal.kind === 'anonymous';
      return deny(request, reply, new AppError(anonymous ? 'auth.unauthenticated' : 'auth.forbidden'));
    }
    const csrfInHandler = request.routeOptions.config.csrf === 'in-handler';
    if (UNSAFE_METHODS.has(request.method) && !isTokenPrincipal(request.principal) && !csrfInHandler) {
      const expected = request.session ? request.session.csrfToken : request.cookies[CSRF_COOKIE];
      const submitted = submittedCsrf(request);
      if (!expected || !submitted || !secretsEqual(expected, submitted)) {
        return deny(request, reply, new AppError('auth.csrf'));
      }
    }
  });
}
