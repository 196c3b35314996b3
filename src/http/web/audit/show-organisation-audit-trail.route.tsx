// The audit trail of their own organisation for a gebruikersbeheerder (GET /organisatie/audit).
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { renderAuditTrail } from './audit-trail.view.tsx';
import { auditQuery } from './shared.ts';

const ADMIN = { access: { kind: 'organisation', roles: ['gebruikersbeheerder'] } } as const;

export const showOrganisationAuditTrailRoute = {
  method: 'GET',
  url: '/organisatie/audit',
  schema: { querystring: auditQuery },
} as const;

export function registerShowOrganisationAuditTrail(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...showOrganisationAuditTrailRoute,
    config: ADMIN,
    handler: (request, reply) =>
      renderAuditTrail(request, request.query, reply, deps, {
        operator: false,
        action: '/organisatie/audit',
      }),
  });
}
