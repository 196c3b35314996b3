// Rejecting a registration request (POST /beheer/aanmeldingen/afwijzen) with a reason, which the
// applicant is mailed; a refusal shows the page again with the error at the reason field.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { rejectRegistration } from '../../../modules/users/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { formErrorAt } from '../form-errors.ts';
import { renderRegistrations } from './registrations.view.tsx';
import { OPERATOR } from './shared.ts';

/**
 * Which request, and its reason in the field `reden-<id of the request>` (one form per request on
 * the page); the service refuses a missing reason with a Dutch message at that field.
 */
export const rejectRegistrationRoute = {
  method: 'POST',
  url: '/beheer/aanmeldingen/afwijzen',
  schema: {
    querystring: z.object({}),
    body: z
      .object({
        _csrf: z.string().max(200).optional(),
        aanmelding: z.string().max(200).optional(),
      })
      .catchall(z.string().max(10_000)),
  },
} as const;

export function registerRejectRegistration(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...rejectRegistrationRoute,
    config: OPERATOR,
    handler: async (request, reply) => {
      const body = request.body;
      const id = String(body.aanmelding ?? '');
      try {
        await deps.db.transaction().execute((trx) =>
          rejectRegistration(trx, {
            id,
            operatorUserId: request.session!.principal.userId,
            now: deps.now(),
            note: String(body[`reden-${id}`] ?? ''),
          }),
        );
      } catch (error) {
        return renderRegistrations(request, reply, deps, 400, {
          errors: formErrorAt(error, request.locale, `reden-${id}`),
        });
      }
      deps.wakeOutbox?.();
      return reply.redirect('/beheer/aanmeldingen?melding=afgewezen', 303);
    },
  });
}
