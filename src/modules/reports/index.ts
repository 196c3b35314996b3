// The op-orde (content) report: figures of each approved file, comparisons with earlier deliveries,
// plausibility warnings, its placement or CBS hold, and its removal on withdrawal.
export const CONTENT_REPORT_QUEUE = 'content-report';
export {
  deleteReportContents,
  findContentReport,
  generateContentReport,
  holdContentReports,
  listHeldReports,
  releaseContentReportHold,
  restrictReportContents,
  seedContentReport,
  type ContentReportDependencies,
  type StoredContentReport,
} from './report-service.ts';
export { listHeldDeliveryIds, listHolds } from './report-service.ts';
export type { HoldRow } from './report-repository.ts';
export {
  DEFAULT_CHANGE_THRESHOLD_PERCENT,
  type Comparison,
  type ContentReport,
  type CostSection,
  type ReportSection,
  type WmoSection,
} from './report-content.ts';
export { warningMessage, type WarningParams, type TextPart } from './report-warnings.ts';
export { computeWmoFigures, type WmoFigures } from './wmo-figures.ts';
export { computeCostFigures, type CostFigures } from './cost-figures.ts';
export {
  viewContentReport,
  contentReportForDownload,
  findReportTable,
  type ReportView,
  type ReportTable,
  type ReportChart,
  type SectionView,
} from './report-view.ts';
export {
  renderContentReportPdf,
  renderReportCharts,
  reportTableToCsv,
  type ReportMeta,
} from './report-render.ts';
