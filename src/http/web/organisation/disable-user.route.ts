// The gebruikersbeheerder disables a user of the organisation (POST /organisatie/gebruikers/uitschakelen).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { disableUser } from '../../../modules/users/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { formErrorAt } from '../form-errors.ts';
import { ADMIN, adminContext, formField } from './shared.ts';
import { renderUsers } from './users.view.tsx';

export const disableUserSchemas = {
  querystring: z.object({}),
  body: z.object({ _csrf: formField(), gebruiker: formField() }),
};

export function registerDisableUser(app: FastifyInstance, deps: AppDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .post(
      '/organisatie/gebruikers/uitschakelen',
      { config: ADMIN, schema: disableUserSchemas },
      async (request, reply) => {
        const userId = request.body.gebruiker ?? '';
        try {
          await deps.db
            .transaction()
            .execute((trx) => disableUser(trx, adminContext(request, deps), { userId }));
        } catch (error) {
          return renderUsers(deps, request, reply, 400, {
            errors: formErrorAt(error, request.locale, `uitschakelen-${userId}`),
          });
        }
        return reply.redirect('/organisatie/gebruikers?melding=uitgeschakeld', 303);
      },
    );
}
