// Switching the organisation one acts for (POST /organisatie-kiezen), back to where one was.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { switchActingOrganisation } from '../../../modules/auth/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { AUTHENTICATED, field, safeReturnPath } from './shared.tsx';

export const switchOrganisationSchemas = {
  querystring: z.object({}),
  body: z.object({ _csrf: field(), organisatie: field(), terug: field() }),
};

export function registerSwitchOrganisation(app: FastifyInstance, deps: AppDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .post(
      '/organisatie-kiezen',
      { config: AUTHENTICATED, schema: switchOrganisationSchemas },
      async (request, reply) => {
        await switchActingOrganisation(deps.db, request.session!, request.body.organisatie ?? '');
        const back = safeReturnPath(request.body.terug);
        return reply.redirect(back ?? '/account', 303);
      },
    );
}
