// Delivering in the portal. Without JavaScript: the upload form (a plain multipart form), the receipt
// with the state of the check, the technical report, and the overview. With JavaScript the upload
// page adds a check of the chosen files in the browser and resumable uploads (assets/upload.js,
// http/deliveries/resumable-upload.ts), which end in the same registration as the plain form.
// One file per use case in deliveries/; registered in this order.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerDownloadDeliveryReport } from './deliveries/download-delivery-report.route.ts';
import { registerFinaliseResumableUpload } from './deliveries/finalise-resumable-upload.route.ts';
import { registerListDeliveries } from './deliveries/list-deliveries.route.tsx';
import { registerSendResumableUpload } from './deliveries/send-resumable-upload.route.ts';
import { registerShowDelivery } from './deliveries/show-delivery.route.tsx';
import { registerUploadDelivery } from './deliveries/upload-delivery.route.ts';

export function registerDeliveryPageRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerUploadDelivery(app, deps);
  registerSendResumableUpload(app, deps);
  registerFinaliseResumableUpload(app, deps);
  registerListDeliveries(app, deps);
  registerDownloadDeliveryReport(app, deps);
  registerShowDelivery(app, deps);
}
