// The audit trail on screen: the operator sees and filters all of it and exports it as CSV; a
// gebruikersbeheerder sees the entries about their own organisation. One file per use case under audit/.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerDownloadAuditCsv } from './audit/download-audit-csv.route.ts';
import { registerShowAuditTrail } from './audit/show-audit-trail.route.tsx';
import { registerShowOrganisationAuditTrail } from './audit/show-organisation-audit-trail.route.tsx';

export function registerAuditRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerShowAuditTrail(app, deps);
  registerShowOrganisationAuditTrail(app, deps);
  registerDownloadAuditCsv(app, deps);
}
