export {
  CONTENT_REPORT_WORKING_DAYS,
  applyCbsVerdict,
  deliveryFileKeyWraps,
  TECHNICAL_NOTICE_WORKING_DAYS,
  checkDelivery,
  findDelivery,
  listDeliveryFiles,
  prepareDelivery,
  recoverInterruptedUploads,
  recordReportDownload,
  registerDelivery,
  IDEMPOTENCY_KEY,
  IdempotentReplay,
  workingDayDeadline,
  type CheckDependencies,
  type DeliveryFileStore,
  type DeliveryRow,
  type DeliveryTarget,
  type EnqueueCheck,
  type Receipt,
  type StoredFileTypes,
  type StoredFileRef,
} from './delivery-service.ts';
export {
  listDeliveriesForGemeenteByOthers,
  listDeliveriesOfOrganisation,
  listFilesInForce,
  searchDeliveries,
  shownDeliveryState,
  findErasure,
  findFilesErasureAndContentReport,
} from './delivery-service.ts';
export type { DeliveryErasure, DeliverySearchRow } from './delivery-repository.ts';
export const DELIVERY_CHECK_QUEUE = 'delivery-check';
export { listDownloadsOfDelivery } from './delivery-service.ts';
export { reportToCsv } from './report-export.ts';
export { deletePendingUploads, insertPendingUpload } from './delivery-service.ts';
export type { DownloadKind } from '../database-schema.ts';
export { listReportRecipients } from './delivery-service.ts';
export type { NotificationRecipient } from './delivery-repository.ts';
export {
  destroyStoredFiles,
  eraseDeliveries,
  eraseWithdrawnParts,
  type WithdrawnPart,
  purgeExpiredDeliveries,
  retentionCutoff,
  sweepDestroyedFiles,
  type ErasedDelivery,
  type FileDestroyer,
  type ReportContentEraser,
  type ReportContentRestricter,
} from './delivery-erasure.ts';
export {
  listDeliveriesOfGemeenteInRound,
  listFilesOfDeliveries,
  listStoredFileTypes,
} from './delivery-service.ts';
export type { GemeenteDeliveryRow } from './delivery-repository.ts';
export const DELIVERY_RETENTION_QUEUE = 'delivery-retention';
export { recordDeliveryWithoutFiles } from './seeded-delivery.ts';
