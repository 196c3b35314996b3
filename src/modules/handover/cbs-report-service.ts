// CBS's own op-orde rapport: the one way a PDF gets in (the API's PUT and the CBS pages of the
// portal both call uploadCbsContentReport), the round's choice to show only CBS's report, and the
// release of held CBS reports when CBS lifts a hold (called from the reports module's release).
import { AppError } from '../../platform/errors/app-error.ts';
import { isUuid } from '../../platform/errors/ids.ts';
import { inTransaction } from '../../platform/db/database.ts';
import type { Db } from '../database-schema.ts';
import { recordAudit, type AuditActor } from '../audit/index.ts';
import { changeCbsReportOnly } from '../periods/index.ts';
import { CBS_REPORT_MAX_BYTES, notPdf, placeCbsContentReport, requirePdf } from './handover-answers.ts';
import {
  findCbsContentReport,
  findCbsReportOfDelivery,
  findHandoverOfDelivery as findHandoverRow,
  isHeld,
  type CbsContentReportRow,
  type CbsVerdictRow,
} from './handover-repository.ts';
import { mailCbsReportPlaced } from './cbs-report-mail.ts';
import {
  countStaleCbsReportKeyWraps,
  destroyCbsReportKeys,
  listStaleCbsReportKeyWraps,
  replaceCbsReportKeyWrap,
  findCbsReportOnly,
  findCbsRoundDelivery,
  listCbsRoundDeliveries,
  listHeldCbsReports,
  type CbsRoundDeliveryRow,
  type HeldCbsReportRow,
  markCbsReportPlaced,
} from './cbs-report-repository.ts';

/** The part of the encrypted store this needs. */
export interface PdfStore {
  write(
    source: AsyncIterable<Uint8Array>,
    options: { maxBytes: number },
  ): Promise<{ fileId: string; wrappedKey: string; bytes: number; sha256: string }>;
  destroy(file: { fileId: string }): Promise<void>;
}

/**
 * Stores CBS's PDF encrypted (refused when it is not application/pdf starting with %PDF-, or over 20 MB), records it for the
 * delivery (placed and mailed, or held), and removes the PDF it replaces; nothing stays behind
 * when it is refused.
 */
export async function uploadCbsContentReport(
  db: Db,
  store: PdfStore,
  input: {
    deliveryId: string;
    /** The PDF's media type as sent (Content-Type, or the form part's); anything else is refused. */
    contentType: string;
    body: AsyncIterable<Uint8Array>;
    actor: AuditActor;
    now: Date;
    baseUrl: string;
  },
): Promise<{ state: 'held' | 'placed'; bytes: number; sha256: string }> {
  if (input.contentType.split(';')[0]!.trim().toLowerCase() !== 'application/pdf') throw notPdf();
  const stored = await store.write(requirePdf(input.body), { maxBytes: CBS_REPORT_MAX_BYTES });
  let placed;
  try {
    placed = await placeCbsContentReport(db, {
      deliveryId: input.deliveryId,
      stored,
      actor: input.actor,
      now: input.now,
      baseUrl: input.baseUrl,
    });
  } catch (error) {
    await store.destroy({ fileId: stored.fileId });
    throw error;
  }
  if (placed.replaced) await store.destroy({ fileId: placed.replaced });
  return { state: placed.state, bytes: stored.bytes, sha256: stored.sha256 };
}

function roundNotFound(): AppError {
  return new AppError('cbs.round_not_found');
}

/** CBS chooses per round: ggk's op-orde rapport is shown beside CBS's (false) or only CBS's (true). */
export async function setCbsReportOnly(
  db: Db,
  input: { roundId: string; only: boolean; actor: AuditActor; now: Date },
): Promise<{ changed: boolean }> {
  if (!isUuid(input.roundId)) throw roundNotFound();
  return inTransaction(db, async (trx) => {
    const updated = await changeCbsReportOnly(trx, input.roundId, input.only);
    if (!updated) throw roundNotFound();
    const changed = updated.previous !== input.only;
    if (changed)
      await recordAudit(trx, {
        actor: input.actor,
        organisationId: null,
        action: 'cbs.report_setting_changed',
        subjectIds: [input.roundId],
        details: { round: updated.name, cbs_report_only: input.only },
        at: input.now,
      });
    return { changed };
  });
}

/** What a reader of a delivery's op-orde page may get of CBS's report, and the round's choice. */
export interface CbsReportForDelivery {
  report: { state: 'held' | 'placed'; bytes: number; uploadedAt: Date; placedAt: Date | null } | undefined;
  stored: { fileId: string; wrappedKey: string } | undefined;
  reportOnly: boolean;
}

/** What a reader of a delivery's op-orde page may get of CBS's report, and the round's choice. */
export async function findCbsReportForDelivery(
  db: Db,
  delivery: { id: string; round_id: string },
): Promise<CbsReportForDelivery> {
  const { report, cbsReportOnly } = await findCbsReportOfDelivery(db, delivery);
  return cbsReportForReader(report, cbsReportOnly);
}

/**
 * What the delivery page shows of the hand-over: CBS's report as findCbsReportForDelivery gives it,
 * CBS's receipt and erasure confirmation, and CBS's verdicts per file (one statement).
 */
export async function findHandoverOfDelivery(
  db: Db,
  deliveryId: string,
): Promise<{
  cbsReport: CbsReportForDelivery;
  receivedByCbsAt: Date | null;
  erasureConfirmedAt: Date | null;
  erasedAt: Date | null;
  verdicts: CbsVerdictRow[];
}> {
  const row = await findHandoverRow(db, deliveryId);
  return {
    cbsReport: cbsReportForReader(row?.report, row?.cbsReportOnly ?? false),
    receivedByCbsAt: row?.receivedByCbsAt ?? null,
    erasureConfirmedAt: row?.erasureConfirmedAt ?? null,
    erasedAt: row?.erasedAt ?? null,
    verdicts: row?.verdicts ?? [],
  };
}

function cbsReportForReader(row: CbsContentReportRow | undefined, reportOnly: boolean): CbsReportForDelivery {
  const usable = row && row.destroyed_at === null && row.wrapped_key !== null ? row : undefined;
  return {
    report: usable && {
      state: usable.state,
      bytes: usable.bytes,
      uploadedAt: usable.uploaded_at,
      placedAt: usable.placed_at,
    },
    stored: usable && { fileId: usable.stored_file_id, wrappedKey: usable.wrapped_key! },
    reportOnly,
  };
}

/**
 * A hold was released (in the caller's transaction): CBS's held reports in its scope that no other
 * open hold still covers are placed, mailed (link only) and audited. Returns their deliveries.
 */
export async function releaseHeldCbsReports(
  db: Db,
  input: {
    roundId: string;
    gemeenteId: string | null;
    holdId: string;
    actor: AuditActor;
    now: Date;
    baseUrl: string;
  },
): Promise<string[]> {
  const placed: string[] = [];
  for (const report of await listHeldCbsReports(db, input)) {
    if (await isHeld(db, report.round_id, report.gemeente_id)) continue;
    if (!(await markCbsReportPlaced(db, report.delivery_id, input.now))) continue;
    const row = (await findCbsContentReport(db, report.delivery_id))!;
    await mailCbsReportPlaced(db, {
      deliveryId: report.delivery_id,
      organisationId: report.organisation_id,
      receiptNumber: report.receipt_number,
      sha256: row.sha256,
      baseUrl: input.baseUrl,
      now: input.now,
    });
    await recordAudit(db, {
      actor: input.actor,
      organisationId: report.organisation_id,
      action: 'cbs.content_report_placed',
      subjectIds: [report.delivery_id, input.holdId],
      details: { receipt_number: report.receipt_number, sha256: row.sha256 },
      at: input.now,
    });
    placed.push(report.delivery_id);
  }
  return placed;
}

export type { CbsRoundDeliveryRow, HeldCbsReportRow };

/** The deliveries of a round offered to CBS, newest first, with where each stands on CBS's side. */
export async function listDeliveriesForCbs(db: Db, roundId: string): Promise<CbsRoundDeliveryRow[]> {
  return listCbsRoundDeliveries(db, roundId);
}

/** One delivery offered to CBS, or undefined (also for an id that is no uuid). */
export async function findDeliveryForCbs(
  db: Db,
  deliveryId: string,
): Promise<(CbsRoundDeliveryRow & { round_id: string }) | undefined> {
  if (!isUuid(deliveryId)) return undefined;
  return findCbsRoundDelivery(db, deliveryId);
}

/** Whether the gemeenten of this round see only CBS's op-orde rapport. */
export async function isCbsReportOnly(db: Db, roundId: string): Promise<boolean> {
  return findCbsReportOnly(db, roundId);
}

/**
 * Withdrawal or end of retention (in the caller's transaction, with ggk's report contents): the keys
 * of CBS's reports of these deliveries are destroyed; the retention sweep removes the files later.
 */
export async function eraseCbsContentReports(
  db: Db,
  deliveryIds: readonly string[],
  now: Date,
): Promise<number> {
  return destroyCbsReportKeys(db, deliveryIds, now);
}

/** CBS's held op-orde rapporten of a round, oldest first (the hold page lists them). */
export async function listHeldCbsReportsOfRound(db: Db, roundId: string): Promise<HeldCbsReportRow[]> {
  return listHeldCbsReports(db, { roundId });
}

/** CBS's own op-orde reports' keys for `ggk keys rotate` (main/key-rotation.ts): the wraps of cbs_content_reports, which this module owns. */
export const cbsReportKeyWraps = {
  table: 'cbs_content_reports',
  listStale: listStaleCbsReportKeyWraps,
  replace: replaceCbsReportKeyWrap,
  countStale: countStaleCbsReportKeyWraps,
};
