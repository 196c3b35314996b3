// The gebruikersbeheerder grants a user a role or revokes one (POST /organisatie/gebruikers/
// rol-toekennen and /rol-intrekken): the same form action, with the refusal at the row's own form.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { grantOrganisationRole, revokeOrganisationRole } from '../../../modules/users/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { formErrorAt } from '../form-errors.ts';
import { ADMIN, adminContext, formField } from './shared.ts';
import { renderUsers } from './users.view.tsx';

export const changeUserRoleSchemas = {
  querystring: z.object({}),
  body: z.object({ _csrf: formField(), gebruiker: formField(), rol: formField() }),
};

export function registerChangeUserRole(app: FastifyInstance, deps: AppDeps): void {
  const roleAction = (
    path: string,
    action: typeof grantOrganisationRole,
    notice: string,
    /** The field or form in the user's row that a refusal is about. */
    target: (userId: string, role: string) => string,
  ) =>
    app
      .withTypeProvider<ZodTypeProvider>()
      .post(path, { config: ADMIN, schema: changeUserRoleSchemas }, async (request, reply) => {
        const body = request.body;
        const userId = body.gebruiker ?? '';
        const role = body.rol ?? '';
        try {
          await deps.db
            .transaction()
            .execute((trx) => action(trx, adminContext(request, deps), { userId, role }));
        } catch (error) {
          return renderUsers(deps, request, reply, 400, {
            errors: formErrorAt(error, request.locale, target(userId, role)),
          });
        }
        return reply.redirect(`/organisatie/gebruikers?melding=${notice}`, 303);
      });
  roleAction(
    '/organisatie/gebruikers/rol-toekennen',
    grantOrganisationRole,
    'rol_toegekend',
    (userId) => `rol-${userId}`,
  );
  roleAction(
    '/organisatie/gebruikers/rol-intrekken',
    revokeOrganisationRole,
    'rol_ingetrokken',
    (userId, role) => `intrekken-${userId}-${role}`,
  );
}
