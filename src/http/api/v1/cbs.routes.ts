// The hand-over API for CBS (contract cbs-handover.md): only CBS's channel (a CBS token, optionally
// bound to a client certificate) may call it. Files stream from the encrypted store, ranges included.
// One file per endpoint under cbs/.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app.ts';
import type { Endpoint } from './api-schemas.ts';
import { postCbsErased, registerConfirmErasure } from './cbs/confirm-erasure.route.ts';
import { postCbsReceipt, registerConfirmReceipt } from './cbs/confirm-receipt.route.ts';
import { getCbsFile, registerDownloadFile } from './cbs/download-file.route.ts';
import { getCbsHandovers, registerListHandovers } from './cbs/list-handovers.route.ts';
import { putCbsContentReport, registerPlaceContentReport } from './cbs/place-content-report.route.ts';
import { postCbsVerdict, registerRecordVerdict } from './cbs/record-verdict.route.ts';
import { requireClientCertificate } from './cbs/require-client-certificate.ts';

/** The endpoints of this file, as the OpenAPI document lists them (contract cbs-handover.md). */
export const cbsEndpoints: Endpoint[] = [
  getCbsHandovers,
  getCbsFile,
  postCbsReceipt,
  postCbsVerdict,
  putCbsContentReport,
  postCbsErased,
];

export function registerCbsApiRoutes(app: FastifyInstance, deps: AppDeps): void {
  // Optionally the channel is bound to client certificates (Digikoppeling REST profile).
  requireClientCertificate(app, deps);
  registerListHandovers(app, deps);
  registerDownloadFile(app, deps);
  registerConfirmReceipt(app, deps);
  registerRecordVerdict(app, deps);
  registerConfirmErasure(app, deps);
  registerPlaceContentReport(app, deps);
}
