export {
  FEED_MAX_LIMIT,
  acknowledgeDelivery,
  encodeCursor,
  erasedFileError,
  openFileForCbs,
  readFeed,
  readOfferedFile,
  type FeedItem,
} from './handover-service.ts';
export {
  CBS_REPORT_MAX_BYTES,
  confirmErasure,
  notPdf,
  placeCbsContentReport,
  recordCbsVerdict,
  requirePdf,
  type StoredPdf,
  type VerdictInput,
} from './handover-answers.ts';
export { findCbsContentReport, findErasureConfirmation } from './handover-service.ts';
export type { CbsContentReportRow, CbsVerdictRow } from './handover-repository.ts';
export {
  cbsReportKeyWraps,
  eraseCbsContentReports,
  findCbsReportForDelivery,
  findDeliveryForCbs,
  findHandoverOfDelivery,
  isCbsReportOnly,
  listDeliveriesForCbs,
  listHeldCbsReportsOfRound,
  releaseHeldCbsReports,
  setCbsReportOnly,
  uploadCbsContentReport,
  type CbsRoundDeliveryRow,
  type HeldCbsReportRow,
  type PdfStore,
} from './cbs-report-service.ts';
