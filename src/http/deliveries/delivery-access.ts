// Shared by the delivery pages and the API: who may see a delivery, and recording report downloads.
import type { FastifyRequest } from 'fastify';
import { actingOrganisationOf, staffRolesOf } from '../../modules/auth/index.ts';
import {
  findDelivery,
  recordReportDownload as recordDownload,
  type DeliveryRow,
  type DownloadKind,
} from '../../modules/deliveries/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { isUuid } from '../../platform/errors/ids.ts';
import type { AppDeps } from '../app.ts';

/** The delivery when the principal may see it: its own organisation's, or any for CBS and the operator. */
export async function findVisibleDelivery(
  request: FastifyRequest,
  deps: AppDeps,
  id: string,
): Promise<DeliveryRow | undefined> {
  if (!isUuid(id)) return undefined;
  const delivery = await findDelivery(deps.db, id);
  if (!delivery) return undefined;
  const mine = delivery.organisation_id === actingOrganisationOf(request.principal);
  return mine || staffRolesOf(request.principal).length > 0 ? delivery : undefined;
}

export async function recordReportDownload(
  request: FastifyRequest,
  deps: AppDeps,
  delivery: Pick<DeliveryRow, 'id' | 'organisation_id' | 'receipt_number'>,
  kind: DownloadKind,
  error?: string,
): Promise<void> {
  const p = request.principal;
  await recordDownload(deps.db, {
    delivery,
    kind,
    userId: p.kind === 'user' ? p.userId : null,
    apiTokenId: p.kind === 'token' ? p.tokenId : null,
    actingOrganisationId: actingOrganisationOf(p),
    error: error ?? null,
    now: deps.now(),
  });
}

/** Why a delivery's report is gone for good (withdrawn, or past retention), or undefined. */
export function erasedReason(delivery: DeliveryRow): AppError<'delivery.erased'> | undefined {
  if (delivery.state === 'withdrawn') return new AppError('delivery.erased', { reason: 'withdrawn' });
  if (delivery.checked_at && !delivery.report)
    return new AppError('delivery.erased', { reason: 'retention_expired' });
  return undefined;
}
