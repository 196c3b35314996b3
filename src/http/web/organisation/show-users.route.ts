// The gebruikersbeheerder's user list (GET /organisatie/gebruikers), with the notice of the action
// that redirected here.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { ADMIN, noticeOf, noticeQuery } from './shared.ts';
import { renderUsers } from './users.view.tsx';

export const showUsersSchemas = { querystring: noticeQuery() };

export function registerShowUsers(app: FastifyInstance, deps: AppDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/organisatie/gebruikers', { config: ADMIN, schema: showUsersSchemas }, async (request, reply) =>
      renderUsers(deps, request, reply, 200, { notice: noticeOf(request.query.melding) }),
    );
}
