// The broker's answer to a login (GET /inloggen/callback): the identity provider sends the outcome as
// query parameters (OIDC: code, state, iss, or error and error_description). completeLogin reads them
// from the URL itself; the schema declares them and lets any other parameter through untouched.
// Its rate-limit key is "GET /inloggen/callback" (rate-limits.ts).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { completeLogin } from '../../../modules/auth/index.ts';
import type { AppDeps } from '../../app.ts';
import { COOKIE_OPTIONS, SESSION_COOKIE } from '../../auth/access-control.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { pageContext } from '../page-context.ts';
import { LoginView } from '../pages/login.view.tsx';
import { renderDocument } from '../render.ts';
import { FLOW_COOKIE, PUBLIC, RETURN_COOKIE, html, safeReturnPath } from './shared.tsx';

/** A parameter from the identity provider: passed on as it came (repeated ones too), checked by the flow. */
const fromProvider = () => z.union([z.string(), z.array(z.string())]).optional();

export const completeLoginSchemas = {
  querystring: z.looseObject({
    code: fromProvider(),
    state: fromProvider(),
    iss: fromProvider(),
    session_state: fromProvider(),
    error: fromProvider(),
    error_description: fromProvider(),
    error_uri: fromProvider(),
  }),
};

export function registerCompleteLogin(app: FastifyInstance, deps: AppDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/inloggen/callback', { config: PUBLIC, schema: completeLoginSchemas }, async (request, reply) => {
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
}
