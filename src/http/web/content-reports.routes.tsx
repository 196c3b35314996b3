// The op-orde report in the portal: the page (tables, SVG charts with their text alternative and
// table), the PDF, the JSON and a CSV per table, each download recorded and audited; CBS's own report;
// and CBS's page that holds the reports of a round or gemeente and releases them. One file per use case
// in content-reports/.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerDownloadCbsContentReport } from './content-reports/download-cbs-content-report.route.ts';
import { registerDownloadContentReportJson } from './content-reports/download-content-report-json.route.ts';
import { registerDownloadContentReportPdf } from './content-reports/download-content-report-pdf.route.ts';
import { registerDownloadReportTableCsv } from './content-reports/download-report-table-csv.route.ts';
import { registerHoldContentReports } from './content-reports/hold-content-reports.route.ts';
import { registerReleaseReportHold } from './content-reports/release-report-hold.route.ts';
import { registerShowContentReport } from './content-reports/show-content-report.route.tsx';

export function registerContentReportRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerShowContentReport(app, deps);
  registerDownloadContentReportPdf(app, deps);
  registerDownloadCbsContentReport(app, deps);
  registerDownloadContentReportJson(app, deps);
  registerDownloadReportTableCsv(app, deps);
  registerHoldContentReports(app, deps);
  registerReleaseReportHold(app, deps);
}
