// `ggk keys rotate`: every wrapped data key re-wrapped under the current master key, so the previous
// master key can then be destroyed. Envelope encryption: the objects are not touched, only the wraps
// in the database (delivery_files, CBS's own op-orde reports in cbs_content_reports, the audit
// anchor's signing key in audit_anchor_key, and resumable uploads' keys in tus_uploads).
//
// Resumable and idempotent: each pass selects only wraps not yet under the current key, in batches;
// a crash or ^C loses at most one batch's work, and a second run finds nothing to do. Safe with nodes
// running: each row is updated only if its wrap is still the one read (compare-and-set), so a
// withdrawal that destroyed the key meanwhile (null) is never undone, and a node writing with the
// old key during a rolling restart is simply picked up by the next run.
import type { Kysely } from 'kysely';
import type { Db, Schema } from '../modules/database-schema.ts';
import { anchorKeyWraps } from '../modules/audit/index.ts';
import { deliveryFileKeyWraps } from '../modules/deliveries/index.ts';
import { cbsReportKeyWraps } from '../modules/handover/index.ts';
import {
  countStaleUploadKeyWraps,
  listStaleUploadKeyWraps,
  replaceUploadKeyWrap,
} from '../http/deliveries/resumable-upload-repository.ts';
import type { EncryptedStore } from '../platform/files/encrypted-store.ts';

const BATCH = 500;

export interface RotationOutcome {
  rewrapped: number;
  /** Wraps still under another key after the run (e.g. a node still writing with the old key). */
  remaining: number;
}

/** One table's wraps, read and replaced by the table's owner (its repository, through its service). */
interface KeyWraps {
  table: string;
  listStale(
    db: Db,
    current: string,
    after: string,
    limit: number,
  ): Promise<Array<{ id: string; stored_file_id: string; wrapped_key: string }>>;
  replace(db: Db, id: string, previous: string, next: string): Promise<number>;
  countStale(db: Db, current: string): Promise<number>;
}

/** http/deliveries keeps its tables out of the modules' Schema (object-upload-store.ts). */
const untyped = (db: Db) => db as unknown as Kysely<unknown>;

const WRAPS: readonly KeyWraps[] = [
  deliveryFileKeyWraps,
  cbsReportKeyWraps,
  // The audit anchor's signing key (0027-a): rotated with the rest, so it outlives the old master key.
  anchorKeyWraps,
  // Resumable uploads on the object store (0028-e): their keys too, so an upload under way survives
  // the old key's destruction. (Those in GGK_DATA_DIR/hervatbaar keep theirs in their info file and
  // are not re-wrapped: wait the 24 hours until they have expired before destroying the old key.)
  {
    table: 'tus_uploads',
    listStale: (db, current, after, limit) => listStaleUploadKeyWraps(untyped(db), current, after, limit),
    replace: (db, id, previous, next) => replaceUploadKeyWrap(untyped(db), id, previous, next),
    countStale: (db, current) => countStaleUploadKeyWraps(untyped(db), current),
  },
];

export async function rotateWrappedKeys(
  db: Kysely<Schema>,
  store: Pick<EncryptedStore, 'rewrap' | 'masterKeyId'>,
  onProgress: (done: number) => void = () => {},
): Promise<RotationOutcome> {
  const current = `v1.${store.masterKeyId}.%`;
  let rewrapped = 0;
  let remaining = 0;
  for (const wraps of WRAPS) {
    let after = '';
    for (;;) {
      const rows = await wraps.listStale(db, current, after, BATCH);
      if (rows.length === 0) break;
      for (const row of rows) {
        const next = store.rewrap({ fileId: row.stored_file_id, wrappedKey: row.wrapped_key });
        if (next === undefined) continue;
        rewrapped += await wraps.replace(db, row.id, row.wrapped_key, next);
      }
      after = rows.at(-1)!.id;
      onProgress(rewrapped);
    }
    remaining += await wraps.countStale(db, current);
  }
  return { rewrapped, remaining };
}
