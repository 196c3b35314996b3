export {
  CONTENT_REPORT_WORKING_DAYS,
  TECHNICAL_NOTICE_WORKING_DAYS,
  checkDelivery,
  findDelivery,
  listDeliveryFiles,
  prepareDelivery,
  recoverInterruptedUploads,
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
export { insertDownload as recordDownload, listDownloadsOfDelivery } from './delivery-repository.ts';
export { reportToCsv } from './report-export.ts';
export { deletePendingUploads, insertPendingUpload } from './delivery-repository.ts';
export type { DownloadKind } from '../database-schema.ts';
export { listReportRecipients, type NotificationRecipient } from './delivery-repository.ts';
