// Deleting delivered data for good: on withdrawal and when the retention period has passed. In one
// transaction the per-file data keys are destroyed (the stored files can never be decrypted again),
// the derived report contents are deleted and the deliveries marked; after commit the files
// themselves are overwritten and removed. What remains is the fact: ids, names, sizes and checksums.
import type { Kysely } from 'kysely';
import { recordAudit, SYSTEM_ACTOR } from '../audit/index.ts';
import type { Db, Schema } from '../database-schema.ts';
import {
  destroyFileKeys,
  findDelivery,
  listDeliveriesPastRetention,
  listDestroyedStoredFileIds,
  listFilesOfDeliveries,
  markDeliveriesPurged,
  markDeliveriesWithdrawn,
  markFilesWithdrawn,
  replaceStoredReport,
} from './delivery-repository.ts';
import { fileOutcome, uploadOutcome, type Report } from '../validation/index.ts';

export interface ErasedFile {
  id: string;
  name: string;
  bytes: number;
  sha256: string;
  storedFileId: string;
}

export interface ErasedDelivery {
  id: string;
  receiptNumber: string;
  organisationId: string;
  files: ErasedFile[];
}

/** Deletes the derived contents of other modules (the op-orde report) inside the same transaction. */
export type ReportContentEraser = (trx: Db, deliveryIds: string[]) => Promise<unknown>;

/**
 * Destroys keys and report contents of these (locked) deliveries and marks them withdrawn or
 * purged. Run inside the transaction of the withdrawal or purge; destroy the files after commit.
 */
export async function eraseDeliveries(
  trx: Db,
  deliveries: ReadonlyArray<{ id: string; receipt_number: string; organisation_id: string }>,
  mode: { kind: 'withdrawn'; withdrawalId: string } | { kind: 'purged' },
  now: Date,
  eraseReportContents?: ReportContentEraser,
): Promise<ErasedDelivery[]> {
  const ids = deliveries.map((d) => d.id);
  const files = await listFilesOfDeliveries(trx, ids);
  await destroyFileKeys(trx, ids, now);
  if (mode.kind === 'withdrawn')
    await markDeliveriesWithdrawn(trx, ids, { withdrawalId: mode.withdrawalId, now });
  else await markDeliveriesPurged(trx, ids, now);
  if (eraseReportContents && ids.length > 0) await eraseReportContents(trx, ids);
  return deliveries.map((d) => ({
    id: d.id,
    receiptNumber: d.receipt_number,
    organisationId: d.organisation_id,
    files: files
      .filter((f) => f.delivery_id === d.id)
      .map((f) => ({
        id: f.id,
        name: f.name,
        bytes: f.bytes,
        sha256: f.sha256,
        storedFileId: f.stored_file_id,
      })),
  }));
}

/**
 * Restricts what the op-orde report of a partly withdrawn delivery says to its remaining files (the
 * reports module's part, in the same transaction); `isWithdrawn` tells a data file's name.
 */
export type ReportContentRestricter = (
  trx: Db,
  deliveryId: string,
  isWithdrawn: (dataFileName: string) => boolean,
) => Promise<unknown>;

/** Whether a data file (a stored file, or an entry "x.zip/y.csv" of one) is one of these stored files. */
export function dataFileOf(storedNames: readonly string[]): (name: string) => boolean {
  return (name) => storedNames.some((n) => name === n || name.startsWith(`${n}/`));
}

/**
 * A technical report without the withdrawn files: their verdicts and findings go, and so does every
 * upload-level finding about them or naming them (what the gemeente and CBS read must not describe
 * erased files, whose findings may hold personal data). Status and outcome follow what remains.
 */
export function restrictReport(report: Report, isWithdrawn: (name: string) => boolean): Report {
  const files = report.files.filter((f) => !isWithdrawn(f.name));
  const gone = report.files.filter((f) => isWithdrawn(f.name)).map((f) => f.name);
  const findings = report.findings.filter(
    (f) =>
      !(f.file && isWithdrawn(f.file)) &&
      !(f.files ?? []).some((n) => isWithdrawn(n)) &&
      !gone.some((n) => f.message.includes(n)),
  );
  const approved = files.filter((f) => fileOutcome(f) === 'approved').length;
  const anyError =
    findings.some((f) => f.severity === 'error') ||
    files.some((f) => f.findings.some((x) => x.severity === 'error'));
  return {
    ...report,
    status: anyError ? 'rejected' : 'approved',
    ...(report.outcome !== undefined || files.length !== report.files.length
      ? {
          outcome:
            approved === files.length ? 'approved' : approved === 0 ? 'rejected' : 'partially_approved',
        }
      : {}),
    findings,
    files,
  };
}

/** What one withdrawal takes of one delivery: some of its stored files, or (whole) all that remain. */
export interface WithdrawnPart {
  delivery: { id: string; receipt_number: string; organisation_id: string };
  fileIds: readonly string[];
  /** Every stored file of the delivery that is not withdrawn yet: the delivery itself is withdrawn. */
  whole: boolean;
}

/**
 * A withdrawal (whole round, a half year or a file type of one): in the caller's transaction, the
 * data keys of exactly these stored files are destroyed and each file is marked with this
 * withdrawal (set once: the database refuses a second withdrawal of a file, migration 0028-b). A
 * delivery that loses all its remaining files is withdrawn as before (state, reports, claims); one
 * that keeps files loses only the withdrawn files' verdicts (they no longer count) and claims.
 */
export async function eraseWithdrawnParts(
  trx: Db,
  parts: readonly WithdrawnPart[],
  withdrawalId: string,
  now: Date,
  eraseReportContents?: ReportContentEraser,
  restrictReportContents?: ReportContentRestricter,
): Promise<Array<ErasedDelivery & { whole: boolean }>> {
  const files = await listFilesOfDeliveries(
    trx,
    parts.map((p) => p.delivery.id),
  );
  const taken = new Set(parts.flatMap((p) => p.fileIds));
  await markFilesWithdrawn(
    trx,
    files.filter((f) => taken.has(f.id)),
    withdrawalId,
    now,
  );
  const whole = parts.filter((p) => p.whole).map((p) => p.delivery.id);
  await markDeliveriesWithdrawn(trx, whole, { withdrawalId, now });
  if (eraseReportContents && whole.length > 0) await eraseReportContents(trx, whole);
  // A delivery that keeps files: its technical report and op-orde report describe only those.
  for (const p of parts.filter((x) => !x.whole && x.fileIds.length > 0)) {
    const isWithdrawn = dataFileOf(
      files.filter((f) => f.delivery_id === p.delivery.id && taken.has(f.id)).map((f) => f.name),
    );
    const stored = (await findDelivery(trx, p.delivery.id))?.report as Report | null | undefined;
    if (stored) {
      const report = restrictReport(stored, isWithdrawn);
      await replaceStoredReport(trx, p.delivery.id, { report, outcome: uploadOutcome(report) });
    }
    await restrictReportContents?.(trx, p.delivery.id, isWithdrawn);
  }
  return parts.map((p) => ({
    id: p.delivery.id,
    receiptNumber: p.delivery.receipt_number,
    organisationId: p.delivery.organisation_id,
    whole: p.whole,
    files: files
      .filter((f) => f.delivery_id === p.delivery.id && taken.has(f.id))
      .map((f) => ({
        id: f.id,
        name: f.name,
        bytes: f.bytes,
        sha256: f.sha256,
        storedFileId: f.stored_file_id,
      })),
  }));
}

export interface FileDestroyer {
  destroy(file: { fileId: string }): Promise<void>;
}

/** After commit: overwrites and removes the files. Failures are returned (the keys are gone anyway). */
export async function destroyStoredFiles(
  store: FileDestroyer,
  erased: readonly ErasedDelivery[],
): Promise<{ destroyed: number; failed: string[] }> {
  let destroyed = 0;
  const failed: string[] = [];
  for (const file of erased.flatMap((d) => d.files)) {
    try {
      await store.destroy({ fileId: file.storedFileId });
      destroyed += 1;
    } catch {
      failed.push(file.storedFileId);
    }
  }
  return { destroyed, failed };
}

/**
 * Files still on disk whose key was destroyed (a process that died between commit and removal):
 * removes them. Returns how many were found.
 */
export async function sweepDestroyedFiles(
  db: Db,
  store: FileDestroyer & { listStoredFileIds(): Promise<string[]> },
): Promise<number> {
  const onDisk = new Set(await store.listStoredFileIds());
  const leftovers = (await listDestroyedStoredFileIds(db)).filter((id) => onDisk.has(id));
  for (const fileId of leftovers) await store.destroy({ fileId });
  return leftovers.length;
}

/** The instant before which a round's withdrawal window must have closed for its files to be purged. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * 86400_000);
}

/**
 * Retention: deletes the data of every delivery whose round closed (end of the withdrawal window)
 * more than `retentionDays` ago, in batches, each with an audit entry per delivery. Idempotent.
 */
export async function purgeExpiredDeliveries(deps: {
  db: Kysely<Schema>;
  store: FileDestroyer & { listStoredFileIds(): Promise<string[]> };
  now: Date;
  retentionDays: number;
  eraseReportContents?: ReportContentEraser;
  batchSize?: number;
}): Promise<{ deliveries: number; files: number; failed: string[]; swept: number }> {
  const cutoff = retentionCutoff(deps.now, deps.retentionDays);
  let deliveries = 0;
  let files = 0;
  const failed: string[] = [];
  for (;;) {
    const erased = await deps.db.transaction().execute(async (trx) => {
      const due = await listDeliveriesPastRetention(trx, cutoff, deps.batchSize ?? 50);
      const result = await eraseDeliveries(trx, due, { kind: 'purged' }, deps.now, deps.eraseReportContents);
      for (const [i, d] of result.entries()) {
        await recordAudit(trx, {
          actor: SYSTEM_ACTOR,
          organisationId: d.organisationId,
          action: 'delivery.purged',
          subjectIds: [d.id, due[i]!.round_id, due[i]!.gemeente_id],
          details: {
            receipt_number: d.receiptNumber,
            retention_days: deps.retentionDays,
            file_ids: d.files.map((f) => f.id),
            sha256: d.files.map((f) => f.sha256),
            bytes: d.files.map((f) => f.bytes),
          },
          at: deps.now,
        });
      }
      return result;
    });
    if (erased.length === 0) break;
    const outcome = await destroyStoredFiles(deps.store, erased);
    deliveries += erased.length;
    files += outcome.destroyed;
    failed.push(...outcome.failed);
  }
  const swept = await sweepDestroyedFiles(deps.db, deps.store);
  return { deliveries, files, failed, swept };
}
