// The round monitor for the operator and CBS: the matrix with filters and counts, its CSV, the
// chart of deliveries per day, the service levels, the timeline of one cell, and the participants
// delivered via the regular route. One file per use case under monitoring/.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerDownloadMonitorCsv } from './monitoring/download-monitor-csv.route.ts';
import { registerMarkRegularRoute } from './monitoring/mark-regular-route.route.tsx';
import { registerShowCellTimeline } from './monitoring/show-cell-timeline.route.tsx';
import { registerShowMonitor } from './monitoring/show-monitor.route.tsx';
import { registerUndoRegularRoute } from './monitoring/undo-regular-route.route.tsx';

export function registerMonitoringRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerMarkRegularRoute(app, deps);
  registerUndoRegularRoute(app, deps);
  registerShowMonitor(app, deps);
  registerDownloadMonitorCsv(app, deps);
  registerShowCellTimeline(app, deps);
}
