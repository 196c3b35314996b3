export {
  CONTENT_REPORT_WORKING_DAYS,
  TECHNICAL_NOTICE_WORKING_DAYS,
  checkDelivery,
  findDelivery,
  listDeliveryFiles,
  prepareDelivery,
  recoverInterruptedUploads,
  recordReportDownload,
  registerDelivery,
  workingDayDeadline,
  type CheckDependencies,
  type DeliveryFileStore,
  type DeliveryRow,
  type DeliveryTarget,
  type EnqueueCheck,
  type Receipt,
  type StoredFileRef,
} from './delivery-service.ts';
export { listDeliveriesOfOrganisation, listFilesInForce } from './delivery-repository.ts';
export const DELIVERY_CHECK_QUEUE = 'delivery-check';
export { listDownloadsOfDelivery } from './delivery-repository.ts';
export { reportToCsv } from './report-export.ts';
export { deletePendingUploads, insertPendingUpload } from './delivery-repository.ts';
export type { DownloadKind } from '../database-schema.ts';
export { listReportRecipients, type NotificationRecipient } from './delivery-repository.ts';
export {
  destroyStoredFiles,
  eraseDeliveries,
  purgeExpiredDeliveries,
  retentionCutoff,
  sweepDestroyedFiles,
  type ErasedDelivery,
  type FileDestroyer,
  type ReportContentEraser,
} from './delivery-erasure.ts';
export {
  listDeliveriesOfGemeenteInRound,
  listFilesOfDeliveries,
  type GemeenteDeliveryRow,
} from './delivery-repository.ts';
export const DELIVERY_RETENTION_QUEUE = 'delivery-retention';
export { recordDeliveryWithoutFiles } from './seeded-delivery.ts';
