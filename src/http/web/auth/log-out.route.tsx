// Logout (POST /uitloggen): end the session, then via the broker's logout (if any) to the page that
// says so (GET /uitgelogd).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { logout } from '../../../modules/auth/index.ts';
import type { AppDeps } from '../../app.ts';
import { SESSION_COOKIE } from '../../auth/access-control.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { pageContext } from '../page-context.ts';
import { LoggedOutView } from '../pages/login.view.tsx';
import { renderDocument } from '../render.ts';
import { AUTHENTICATED, PUBLIC, field, html } from './shared.tsx';

export const logOutSchemas = {
  logOut: { querystring: z.object({}), body: z.object({ _csrf: field() }) },
  loggedOut: { querystring: z.object({}) },
};

export function registerLogOut(app: FastifyInstance, deps: AppDeps): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.post(
    '/uitloggen',
    { config: AUTHENTICATED, schema: logOutSchemas.logOut },
    async (request, reply) => {
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
    },
  );

  routes.get('/uitgelogd', { config: PUBLIC, schema: logOutSchemas.loggedOut }, async (request, reply) => {
    return html(reply, 200, renderDocument(<LoggedOutView ctx={pageContext(request, reply, deps)} />));
  });
}
