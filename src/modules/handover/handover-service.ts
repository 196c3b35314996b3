// The hand-over to CBS (contract cbs-handover.md): the feed of what CBS has to take, the files
// themselves (streamed from the encrypted store), and CBS's acknowledgement. Every fetch and every
// acknowledgement is recorded with its audit entry in one transaction.
import { AppError } from '../../platform/errors/app-error.ts';
import { isUuid } from '../../platform/errors/ids.ts';
import { inTransaction } from '../../platform/db/database.ts';
import { amsterdamIso } from '../../platform/time/amsterdam-time.ts';
import type { Db } from '../database-schema.ts';
import { recordAudit } from '../audit/index.ts';
import type { DeliveryFileStore } from '../deliveries/index.ts';
import { openZip } from '../validation/index.ts';
import {
  feedItemExists,
  findOfferedFile,
  findReceipt,
  insertFetch,
  insertReceipt,
  listFeedAfter,
  listFilesByIds,
  lockOfferedDelivery,
  type OfferedFileRow,
} from './handover-repository.ts';
import * as handoverRepository from './handover-repository.ts';

export const FEED_MAX_LIMIT = 500;
const CURSOR_PREFIX = 'ggk1:';

const TYPE_CODES: Record<string, 'WMO' | 'WMOKOSTEN' | 'SBW' | 'JEUGD'> = {
  wmo: 'WMO',
  'wmo-kosten': 'WMOKOSTEN',
  sbw: 'SBW',
  jeugd: 'JEUGD',
};

export function encodeCursor(seq: bigint): string {
  return Buffer.from(`${CURSOR_PREFIX}${seq}`, 'utf8').toString('base64url');
}

function badCursor(): AppError {
  return new AppError('cbs.bad_cursor');
}

/** The feed position of a cursor; 0 is "before the first item". */
export async function decodeCursor(db: Db, cursor: string | undefined): Promise<bigint> {
  if (cursor === undefined) return 0n;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) throw badCursor();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^ggk1:(0|[1-9][0-9]{0,17})$/.exec(text);
  if (!match || encodeCursor(BigInt(match[1]!)) !== cursor) throw badCursor();
  const seq = BigInt(match[1]!);
  // Only positions ggk handed out: 0 or an existing item.
  if (seq !== 0n && !(await feedItemExists(db, seq))) throw badCursor();
  return seq;
}

export type FeedItem =
  | {
      cursor: string;
      kind: 'delivery';
      deliveryId: string;
      receiptNumber: string;
      gemeente: string;
      halfYear: string;
      deliveredBy: { kind: 'gemeente' | 'samenwerkingsverband'; name: string };
      receivedAt: string;
      files: Array<{
        fileId: string;
        name: string;
        type: 'WMO' | 'WMOKOSTEN' | 'SBW' | 'JEUGD';
        bytes: number;
        sha256: string;
        verdict: 'approved';
      }>;
    }
  | {
      cursor: string;
      kind: 'withdrawal';
      withdrawalId: string;
      deliveryId: string;
      gemeente: string;
      halfYear: string;
      fileIds: string[];
      requestedAt: string;
      /** Extension (issue 18): the whole delivery, or only the files listed (a part withdrawn). */
      wholeDelivery: boolean;
      /** Extension: the withdrawn files by name and type, as the delivery item listed them. */
      withdrawnFiles: Array<{ fileId: string; name: string; type: 'WMO' | 'WMOKOSTEN' | 'SBW' | 'JEUGD' }>;
    };

export async function readFeed(
  db: Db,
  input: { after: string | undefined; limit: number },
): Promise<{ items: FeedItem[]; next: string }> {
  const after = await decodeCursor(db, input.after);
  const limit = Math.min(Math.max(1, Math.trunc(input.limit)), FEED_MAX_LIMIT);
  const rows = await listFeedAfter(db, after, limit);
  const files = new Map(
    (
      await listFilesByIds(
        db,
        rows.flatMap((r) => r.file_ids),
      )
    ).map((f) => [f.id, f]),
  );
  const items = rows.map((row): FeedItem => {
    const cursor = encodeCursor(BigInt(row.seq));
    if (row.kind === 'withdrawal')
      return {
        cursor,
        kind: 'withdrawal',
        withdrawalId: row.withdrawal_id!,
        deliveryId: row.delivery_id,
        gemeente: row.gemeentecode,
        halfYear: row.half_year,
        fileIds: row.file_ids,
        requestedAt: amsterdamIso(row.withdrawn_at ?? row.received_at),
        wholeDelivery: row.whole_delivery,
        withdrawnFiles: row.file_ids.map((id) => {
          const f = files.get(id)!;
          return { fileId: f.id, name: f.name, type: TYPE_CODES[f.file_type] ?? 'WMO' };
        }),
      };
    return {
      cursor,
      kind: 'delivery',
      deliveryId: row.delivery_id,
      receiptNumber: row.receipt_number,
      gemeente: row.gemeentecode,
      halfYear: row.half_year,
      deliveredBy: { kind: row.delivered_by_kind, name: row.delivered_by_name },
      receivedAt: amsterdamIso(row.received_at),
      files: row.file_ids.map((id) => {
        const f = files.get(id)!;
        return {
          fileId: f.id,
          name: f.name,
          type: TYPE_CODES[f.file_type] ?? 'WMO',
          bytes: Number(f.bytes),
          sha256: f.sha256,
          verdict: 'approved' as const,
        };
      }),
    };
  });
  return { items, next: items.at(-1)?.cursor ?? encodeCursor(after) };
}

function fileNotFound(): AppError {
  return new AppError('cbs.file_not_found');
}

export function erasedFileError(): AppError {
  return new AppError('cbs.file_gone');
}

/**
 * The file CBS asks for, once it checked that CBS was offered it and it still exists. Records the
 * fetch (also a refused one for an erased file) with its audit entry before any byte is sent.
 */
export async function openFileForCbs(
  db: Db,
  input: {
    fileId: string;
    tokenId: string;
    /** The range asked for, once the size is known (recorded with the fetch). */
    rangeOf: (bytes: number) => { start: number; end: number } | 'unsatisfiable' | null;
    now: Date;
  },
): Promise<OfferedFileRow> {
  if (!isUuid(input.fileId)) throw fileNotFound();
  const file = await findOfferedFile(db, input.fileId);
  if (!file) throw fileNotFound();
  const gone = file.withdrawn_at !== null || file.purged_at !== null || file.wrapped_key === null;
  const asked = input.rangeOf(Number(file.bytes));
  const range = typeof asked === 'object' ? asked : null;
  await inTransaction(db, async (trx) => {
    await insertFetch(trx, {
      fetchedAt: input.now,
      fileId: file.id,
      tokenId: input.tokenId,
      rangeStart: range?.start ?? null,
      rangeEnd: range?.end ?? null,
      outcome: gone ? 'gone' : 'success',
    });
    await recordAudit(trx, {
      actor: { kind: 'api_token', tokenId: input.tokenId },
      organisationId: file.organisation_id,
      action: 'cbs.file_fetched',
      subjectIds: [file.delivery_id, file.id],
      details: {
        receipt_number: file.receipt_number,
        sha256: file.sha256,
        outcome: gone ? 'gone' : 'success',
        ...(range ? { range_start: range.start, range_end: range.end } : {}),
      },
      at: input.now,
    });
  });
  if (gone) throw erasedFileError();
  return file;
}

/**
 * The bytes of an offered file, decrypted: the stored file itself, or its entry unpacked from the
 * stored ZIP (streamed, CRC-checked on the way; the feed lists the entry's own SHA-256 and size).
 * The first chunk is read before this returns, so that a file withdrawn after openFileForCbs looked
 * (its key destroyed, its bytes removed by the withdrawal) is answered 410 like any erased file, not
 * 500 (CI saw it: cbs-sync-crash, a withdrawal between the two steps). A file that goes while its
 * bytes are already on the way ends the stream with an error: the client asks again and gets 410.
 */
export async function readOfferedFile(
  db: Db,
  store: DeliveryFileStore,
  file: OfferedFileRow,
): Promise<AsyncIterable<Uint8Array>> {
  try {
    return await startReading(await offeredBytes(store, file));
  } catch (error) {
    const now = await findOfferedFile(db, file.id);
    if (!now || now.withdrawn_at !== null || now.purged_at !== null || now.wrapped_key === null)
      throw erasedFileError();
    throw error;
  }
}

/** Reads the first chunk now (where a missing file shows), then yields it and the rest. */
async function startReading(source: AsyncIterable<Uint8Array>): Promise<AsyncIterable<Uint8Array>> {
  const chunks = source[Symbol.asyncIterator]();
  const first = await chunks.next();
  return (async function* () {
    let done = first.done === true;
    try {
      if (!done) yield first.value as Uint8Array;
      while (!done) {
        const next = await chunks.next();
        done = next.done === true;
        if (!done) yield next.value as Uint8Array;
      }
    } finally {
      // The client went away (or a range ended early): let the source close its file.
      if (!done) await chunks.return?.();
    }
  })();
}

async function offeredBytes(
  store: DeliveryFileStore,
  file: OfferedFileRow,
): Promise<AsyncIterable<Uint8Array>> {
  const stored = store.openByteSource(
    { fileId: file.stored_file_id, wrappedKey: file.wrapped_key!, bytes: Number(file.stored_bytes) },
    file.stored_name,
  );
  if (file.report_name === file.stored_name) return stored.stream();
  const { entries } = await openZip(stored);
  const entry = entries.find((e) => e.name === file.report_name);
  if (!entry || entry.size !== Number(file.bytes))
    throw new Error(`offered file ${file.id} is not in its stored ZIP as it was checked`);
  return entry.stream();
}

function deliveryNotFound(): AppError {
  return new AppError('cbs.delivery_not_found');
}

export function withdrawnDeliveryError(): AppError {
  return new AppError('cbs.delivery_gone');
}

/**
 * CBS has the delivery: every offered file with its SHA-256. A wrong or missing one refuses it all;
 * the same acknowledgement again gives the same answer.
 */
export async function acknowledgeDelivery(
  db: Db,
  input: { deliveryId: string; files: Array<{ fileId: string; sha256: string }>; tokenId: string; now: Date },
): Promise<{ deliveryId: string; receivedAt: Date }> {
  if (!isUuid(input.deliveryId)) throw deliveryNotFound();
  return inTransaction(db, async (trx) => {
    const delivery = await lockOfferedDelivery(trx, input.deliveryId);
    if (!delivery) throw deliveryNotFound();
    const existing = await findReceipt(trx, delivery.delivery_id);
    if (delivery.withdrawn_at !== null && !existing) throw withdrawnDeliveryError();
    const offered = new Map(
      (await listFilesByIds(trx, delivery.file_ids)).map((f) => [f.id, f.sha256.toLowerCase()]),
    );
    // A file withdrawn on its own (a part) before CBS took it need not be listed; listed, it must fit.
    const withdrawn = new Set(delivery.withdrawn_file_ids);
    const expected = new Map([...offered].filter(([id]) => !withdrawn.has(id)));
    const sent = new Map<string, string>();
    for (const f of input.files) sent.set(f.fileId.toLowerCase(), f.sha256.toLowerCase());
    const wrong = [...expected].filter(([id, sha]) => sent.get(id) !== sha).map(([id]) => id);
    const unknown = [...sent]
      .filter(([id, sha]) => !expected.has(id) && offered.get(id) !== sha)
      .map(([id]) => id);
    if (wrong.length > 0 || unknown.length > 0 || sent.size !== input.files.length)
      throw new AppError('cbs.checksum_mismatch', { count: wrong.length + unknown.length });
    if (existing) return { deliveryId: existing.delivery_id, receivedAt: existing.received_at };
    const files = [...offered]
      .filter(([id]) => expected.has(id) || sent.has(id))
      .map(([fileId, sha256]) => ({ fileId, sha256 }));
    await insertReceipt(trx, {
      deliveryId: delivery.delivery_id,
      receivedAt: input.now,
      tokenId: input.tokenId,
      files,
    });
    await recordAudit(trx, {
      actor: { kind: 'api_token', tokenId: input.tokenId },
      organisationId: delivery.organisation_id,
      action: 'cbs.receipt_recorded',
      subjectIds: [delivery.delivery_id],
      details: { receipt_number: delivery.receipt_number, files: files.length },
      at: input.now,
    });
    return { deliveryId: delivery.delivery_id, receivedAt: input.now };
  });
}

// Reads (and a few writes) other modules, http/ and main/ use as they are: the module's surface is
// its services, so what the repository returns may change without them noticing.

export function findCbsContentReport(
  ...args: Parameters<typeof handoverRepository.findCbsContentReport>
): ReturnType<typeof handoverRepository.findCbsContentReport> {
  return handoverRepository.findCbsContentReport(...args);
}

export function findErasureConfirmation(
  ...args: Parameters<typeof handoverRepository.findErasureConfirmation>
): ReturnType<typeof handoverRepository.findErasureConfirmation> {
  return handoverRepository.findErasureConfirmation(...args);
}
