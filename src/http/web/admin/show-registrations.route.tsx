// The registration requests for the operator (GET /beheer/aanmeldingen), with the notice after a
// decision (?melding=goedgekeurd|afgewezen).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { renderRegistrations } from './registrations.view.tsx';
import { OPERATOR } from './shared.ts';

export const showRegistrationsRoute = {
  method: 'GET',
  url: '/beheer/aanmeldingen',
  schema: { querystring: z.object({ melding: z.string().max(200).optional() }) },
} as const;

export function registerShowRegistrations(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...showRegistrationsRoute,
    config: OPERATOR,
    handler: async (request, reply) =>
      renderRegistrations(request, reply, deps, 200, {
        notice: (
          {
            goedgekeurd: 'admin.registrations.noticeApproved',
            afgewezen: 'admin.registrations.noticeRejected',
          } as const
        )[request.query.melding ?? ''],
      }),
  });
}
