// The whole audit trail for the operator (GET /beheer/audit), filtered by the query string.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { renderAuditTrail } from './audit-trail.view.tsx';
import { OPERATOR, auditQuery } from './shared.ts';

export const showAuditTrailRoute = {
  method: 'GET',
  url: '/beheer/audit',
  schema: { querystring: auditQuery },
} as const;

export function registerShowAuditTrail(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...showAuditTrailRoute,
    config: OPERATOR,
    handler: (request, reply) =>
      renderAuditTrail(request, request.query, reply, deps, { operator: true, action: '/beheer/audit' }),
  });
}
