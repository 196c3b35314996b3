// The gebruikersbeheerder invites a user to the organisation (POST /organisatie/gebruikers/uitnodigen):
// the invitation mail goes through the outbox; a refusal shows the user list with the form's errors.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { inviteUser } from '../../../modules/users/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { asList, formErrorsOf } from '../form-errors.ts';
import { ADMIN, adminContext, formField, listField } from './shared.ts';
import { renderUsers } from './users.view.tsx';

export const inviteUserSchemas = {
  querystring: z.object({}),
  body: z.object({
    _csrf: formField(),
    naam: formField(),
    email: formField(),
    rollen: listField(),
    persoonlijk: listField(),
  }),
};

export function registerInviteUser(app: FastifyInstance, deps: AppDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .post(
      '/organisatie/gebruikers/uitnodigen',
      { config: ADMIN, schema: inviteUserSchemas },
      async (request, reply) => {
        const body = request.body;
        const form = {
          naam: body.naam ?? '',
          email: body.email ?? '',
          rollen: asList(body.rollen),
          persoonlijk: asList(body.persoonlijk).includes('ja'),
        };
        try {
          await deps.db.transaction().execute((trx) =>
            inviteUser(trx, adminContext(request, deps), {
              name: form.naam,
              email: form.email,
              roles: form.rollen,
              confirmedPersonal: form.persoonlijk,
            }),
          );
        } catch (error) {
          return renderUsers(deps, request, reply, 400, {
            errors: formErrorsOf(error, request.locale, 'uitnodigen-formulier'),
            form,
          });
        }
        deps.wakeOutbox?.();
        return reply.redirect('/organisatie/gebruikers?melding=uitgenodigd', 303);
      },
    );
}
