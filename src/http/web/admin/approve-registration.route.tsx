// Approving a registration request (POST /beheer/aanmeldingen/goedkeuren): the applicant's account
// and invitation are made and mailed; a refusal shows the page again with the error at the request.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { approveRegistration } from '../../../modules/users/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { formErrorAt } from '../form-errors.ts';
import { renderRegistrations } from './registrations.view.tsx';
import { OPERATOR } from './shared.ts';

/** Which request; the service refuses an unknown or already decided one with a Dutch message. */
export const approveRegistrationRoute = {
  method: 'POST',
  url: '/beheer/aanmeldingen/goedkeuren',
  schema: {
    querystring: z.object({}),
    body: z.object({
      _csrf: z.string().max(200).optional(),
      aanmelding: z.string().max(200).optional(),
    }),
  },
} as const;

export function registerApproveRegistration(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...approveRegistrationRoute,
    config: OPERATOR,
    handler: async (request, reply) => {
      const body = request.body;
      try {
        await deps.db.transaction().execute((trx) =>
          approveRegistration(trx, {
            id: String(body.aanmelding ?? ''),
            operatorUserId: request.session!.principal.userId,
            now: deps.now(),
            baseUrl: deps.config.baseUrl,
            functionalEmailPrefixes: deps.config.functionalEmailPrefixes,
          }),
        );
      } catch (error) {
        return renderRegistrations(request, reply, deps, 400, {
          errors: formErrorAt(error, request.locale, `goedkeuren-${String(body.aanmelding ?? '')}`),
        });
      }
      deps.wakeOutbox?.();
      return reply.redirect('/beheer/aanmeldingen?melding=goedgekeurd', 303);
    },
  });
}
