// Login through the eHerkenning broker, the invitation landing page, logout, and switching the
// organisation one acts for.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  beginLogin,
  checkInvitation,
  completeLogin,
  logout,
  switchActingOrganisation,
} from '../../modules/auth/index.ts';
import type { AppDeps } from '../app.ts';
import { SESSION_COOKIE, COOKIE_OPTIONS } from '../auth/access-control.ts';
import { pageContext } from './page-context.ts';
import { renderDocument } from './render.ts';
import { InvitationView, LoggedOutView, LoginView } from './pages/login.view.tsx';

const FLOW_COOKIE = 'ggk_login';
const RETURN_COOKIE = 'ggk_return';

/** Only local paths: a return address must not send the user elsewhere after login. */
function safeReturnPath(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?!\/)[\w\-/?=&%.]*$/.test(value) && !value.startsWith('/inloggen')
    ? value
    : undefined;
}

function html(reply: FastifyReply, status: number, body: string) {
  return reply.status(status).type('text/html; charset=utf-8').send(body);
}

async function redirectToBroker(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  invitationId?: string,
): Promise<FastifyReply> {
  const broker = deps.identity.broker;
  if (!broker) {
    const ctx = pageContext(request, reply, deps);
    return html(reply, 503, renderDocument(<LoginView ctx={ctx} failure={ctx.t('login.unavailable')} />));
  }
  const { flowCookie, redirectUrl } = await beginLogin(deps.db, broker, {
    now: deps.now(),
    ...(invitationId ? { invitationId } : {}),
  });
  reply.setCookie(FLOW_COOKIE, flowCookie, { ...COOKIE_OPTIONS, maxAge: 15 * 60 });
  return reply.redirect(redirectUrl, 303);
}

export function registerAuthRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: { terug?: string } }>(
    '/inloggen',
    { config: { access: { kind: 'public' } } },
    async (request, reply) => {
      const returnTo = safeReturnPath(request.query.terug);
      return html(
        reply,
        200,
        renderDocument(
          <LoginView ctx={pageContext(request, reply, deps)} {...(returnTo ? { returnTo } : {})} />,
        ),
      );
    },
  );

  app.get<{ Querystring: { terug?: string } }>(
    '/inloggen/start',
    { config: { access: { kind: 'public' } } },
    async (request, reply) => {
      const returnTo = safeReturnPath(request.query.terug);
      if (returnTo) reply.setCookie(RETURN_COOKIE, returnTo, { ...COOKIE_OPTIONS, maxAge: 15 * 60 });
      return redirectToBroker(request, reply, deps);
    },
  );

  app.get('/inloggen/callback', { config: { access: { kind: 'public' } } }, async (request, reply) => {
    const broker = deps.identity.broker;
    if (!broker) return reply.redirect('/inloggen', 303);
    const callbackUrl = new URL(request.url, deps.config.baseUrl);
    const flowCookie = request.cookies[FLOW_COOKIE];
    reply.clearCookie(FLOW_COOKIE, { path: '/' });
    const outcome = await completeLogin(deps.db, broker, {
      flowCookie,
      callbackUrl,
      now: deps.now(),
      sessionSettings: deps.config.session,
    });
    if (!outcome.ok) {
      request.log.info({ reason: outcome.reason }, 'login refused');
      const ctx = pageContext(request, reply, deps);
      return html(
        reply,
        403,
        renderDocument(<LoginView ctx={ctx} failure={ctx.t(`loginFailure.${outcome.reason}`)} />),
      );
    }
    request.log.info({ userId: outcome.userId }, 'login');
    // A new session id at every login: the old cookie, if any, is replaced.
    reply.setCookie(SESSION_COOKIE, outcome.cookieValue, COOKIE_OPTIONS);
    const returnTo = safeReturnPath(request.cookies[RETURN_COOKIE]);
    reply.clearCookie(RETURN_COOKIE, { path: '/' });
    return reply.redirect(returnTo ?? '/account', 303);
  });

  app.post('/uitloggen', { config: { access: { kind: 'authenticated' } } }, async (request, reply) => {
    const session = request.session!;
    await logout(deps.db, {
      userId: session.principal.userId,
      organisationId: session.principal.actingOrganisationId,
      now: deps.now(),
    });
    request.log.info({ userId: session.principal.userId }, 'logout');
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    const brokerLogout = deps.identity.logoutUrl?.(
      session.idToken ?? undefined,
      `${deps.config.baseUrl}/uitgelogd`,
    );
    return reply.redirect(brokerLogout ?? '/uitgelogd', 303);
  });

  app.get('/uitgelogd', { config: { access: { kind: 'public' } } }, async (request, reply) => {
    return html(reply, 200, renderDocument(<LoggedOutView ctx={pageContext(request, reply, deps)} />));
  });

  app.get<{ Params: { token: string } }>(
    '/uitnodiging/:token',
    { config: { access: { kind: 'public' } } },
    async (request, reply) => {
      const check = await checkInvitation(deps.db, request.params.token, deps.now());
      const ctx = pageContext(request, reply, deps);
      reply.header('referrer-policy', 'no-referrer');
      return check.valid
        ? html(
            reply,
            200,
            renderDocument(
              <InvitationView
                ctx={ctx}
                token={request.params.token}
                organisationName={check.organisationName}
              />,
            ),
          )
        : html(
            reply,
            410,
            renderDocument(<InvitationView ctx={ctx} token="" invalid={ctx.t('loginFailure.not_invited')} />),
          );
    },
  );

  app.post<{ Body: { token?: string } }>(
    '/uitnodiging',
    { config: { access: { kind: 'public' } } },
    async (request, reply) => {
      const check = await checkInvitation(deps.db, String(request.body?.token ?? ''), deps.now());
      if (!check.valid) {
        // The only reason an invitation is refused (the module's text is the Dutch of this key).
        const ctx = pageContext(request, reply, deps);
        return html(
          reply,
          410,
          renderDocument(<InvitationView ctx={ctx} token="" invalid={ctx.t('loginFailure.not_invited')} />),
        );
      }
      return redirectToBroker(request, reply, deps, check.invitationId);
    },
  );

  app.post<{ Body: { organisatie?: string; terug?: string } }>(
    '/organisatie-kiezen',
    { config: { access: { kind: 'authenticated' } } },
    async (request, reply) => {
      await switchActingOrganisation(deps.db, request.session!, String(request.body?.organisatie ?? ''));
      const back = safeReturnPath(request.body?.terug);
      return reply.redirect(back ?? '/account', 303);
    },
  );
}
