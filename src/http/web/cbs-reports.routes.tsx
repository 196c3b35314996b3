// The CBS pages of the portal (staff role cbs): per round the deliveries offered to CBS with where
// each stands on CBS's side, the round's choice of which op-orde rapport the gemeente sees, and per
// delivery placing CBS's own op-orde rapport (a PDF, through the same service as the API's PUT). One
// file per use case in cbs-reports/.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerListCbsDeliveries } from './cbs-reports/list-cbs-deliveries.route.tsx';
import { registerPlaceCbsReport } from './cbs-reports/place-cbs-report.route.tsx';

export function registerCbsReportRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerListCbsDeliveries(app, deps);
  registerPlaceCbsReport(app, deps);
}
