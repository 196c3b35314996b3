// What the op-orde report's routes share: who may read it, which report this principal may see (ggk's
// and CBS's own), and how a refused download is recorded and answered.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { staffRolesOf } from '../../../modules/auth/index.ts';
import type { DeliveryRow, DownloadKind } from '../../../modules/deliveries/index.ts';
import { errorMessage } from '../../../modules/i18n/index.ts';
import { findCbsReportForDelivery, isCbsReportOnly } from '../../../modules/handover/index.ts';
import { findContentReport, type StoredContentReport } from '../../../modules/reports/index.ts';
import type { AppDeps } from '../../app.ts';
import { erasedReason, findVisibleDelivery, recordReportDownload } from '../../deliveries/delivery-access.ts';
import { pageContext } from '../page-context.ts';

export const READERS = {
  access: {
    kind: 'organisation-or-staff',
    roles: ['aanleveraar', 'rapportontvanger'],
    staff: ['operator', 'cbs'],
  },
} as const;
export const CBS = { access: { kind: 'staff', roles: ['cbs'] } } as const;

/** Records a download and its audit entry in one transaction (deliveries' recordReportDownload). */
export async function recordContentDownload(
  request: FastifyRequest,
  deps: AppDeps,
  delivery: DeliveryRow,
  kind: DownloadKind,
): Promise<void> {
  await recordReportDownload(request, deps, delivery, kind);
}

type ReadableReport =
  | { delivery: DeliveryRow; report: StoredContentReport }
  | {
      delivery: DeliveryRow | undefined;
      report: undefined;
      reason: RefusalReason;
    };

type ReadableCbsReport = Awaited<ReturnType<typeof findReadableCbsReport>>;

/**
 * The delivery and its report when this principal may read it: the organisation only once the report
 * is placed; CBS and the operator also while it is held.
 */
export async function findReadableReport(
  request: FastifyRequest,
  deps: AppDeps,
  id: string,
): Promise<ReadableReport> {
  const delivery = await findVisibleDelivery(request, deps, id);
  if (!delivery) return { delivery: undefined, report: undefined, reason: 'missing' };
  if (erasedReason(delivery)) return { delivery, report: undefined, reason: 'erased' };
  const report = await findContentReport(deps.db, delivery.id);
  return readableOf(request, delivery, report, () => isCbsReportOnly(deps.db, delivery.round_id));
}

/**
 * findReadableReport and findReadableCbsReport together, for the report's page: after the delivery,
 * ggk's report and CBS's (with the round's choice) are read at once, and the round's choice once, not
 * in four round trips one after another (issue 21).
 */
export async function findReadableReports(
  request: FastifyRequest,
  deps: AppDeps,
  id: string,
): Promise<{ found: ReadableReport; cbs: ReadableCbsReport }> {
  const none = { visible: undefined, reportOnly: false, held: false };
  const delivery = await findVisibleDelivery(request, deps, id);
  if (!delivery) return { found: { delivery: undefined, report: undefined, reason: 'missing' }, cbs: none };
  if (erasedReason(delivery)) return { found: { delivery, report: undefined, reason: 'erased' }, cbs: none };
  const [report, cbs] = await Promise.all([
    findContentReport(deps.db, delivery.id),
    findCbsReportForDelivery(deps.db, delivery),
  ]);
  return {
    found: await readableOf(request, delivery, report, () => cbs.reportOnly),
    cbs: cbsReadableOf(request, cbs),
  };
}

async function readableOf(
  request: FastifyRequest,
  delivery: DeliveryRow,
  report: StoredContentReport | undefined,
  reportOnly: () => boolean | Promise<boolean>,
): Promise<ReadableReport> {
  if (!report) return { delivery, report: undefined, reason: 'not-ready' };
  const staff = staffRolesOf(request.principal).length > 0;
  if (report.state === 'held' && !staff) return { delivery, report: undefined, reason: 'held' };
  // CBS chose, for this round, that the gemeente sees only CBS's own report.
  if (!staff && (await reportOnly())) return { delivery, report: undefined, reason: 'cbs-only' };
  return { delivery, report };
}

export type RefusalReason = 'missing' | 'not-ready' | 'held' | 'erased' | 'cbs-only' | 'cbs-not-placed';

/** CBS's own op-orde rapport of a delivery, when this principal may see it (staff also while held). */
export async function findReadableCbsReport(request: FastifyRequest, deps: AppDeps, delivery: DeliveryRow) {
  if (erasedReason(delivery)) return { visible: undefined, reportOnly: false, held: false };
  return cbsReadableOf(request, await findCbsReportForDelivery(deps.db, delivery));
}

function cbsReadableOf(request: FastifyRequest, cbs: Awaited<ReturnType<typeof findCbsReportForDelivery>>) {
  const staff = staffRolesOf(request.principal).length > 0;
  const visible =
    cbs.report && cbs.stored && (cbs.report.state === 'placed' || staff)
      ? { ...cbs.report, stored: cbs.stored }
      : undefined;
  return { visible, reportOnly: cbs.reportOnly, held: cbs.report?.state === 'held' };
}

/** What the servicedesk reads for a refused op-orde download (stored Dutch, like the other errors). */
export const REFUSAL = {
  missing: 'rapport nog niet klaar',
  'not-ready': 'rapport nog niet klaar',
  held: 'rapport aangehouden door CBS',
  erased: 'rapport verwijderd',
  'cbs-only': 'in deze ronde alleen het rapport van CBS',
  'cbs-not-placed': 'rapport van CBS nog niet geplaatst',
} as const;

/** A refused op-orde download: recorded as a failed download, answered 409 (or 410 when erased). */
export async function notAvailable(
  reply: FastifyReply,
  request: FastifyRequest,
  deps: AppDeps,
  reason: RefusalReason,
  delivery: DeliveryRow,
  kind: DownloadKind,
): Promise<FastifyReply> {
  await recordReportDownload(request, deps, delivery, kind, REFUSAL[reason]);
  const t = pageContext(request, reply, deps).t;
  const erased = erasedReason(delivery);
  if (reason === 'erased' && erased)
    return reply.status(410).type('text/plain; charset=utf-8').send(errorMessage(request.locale, erased));
  return reply
    .status(409)
    .type('text/plain; charset=utf-8')
    .send(
      reason === 'held'
        ? t('reports.notPlaced')
        : reason === 'cbs-not-placed'
          ? t('cbsReports.reader.notYet')
          : reason === 'cbs-only'
            ? t('cbsReports.reader.ggkHidden')
            : t('reports.notReady'),
    );
}
