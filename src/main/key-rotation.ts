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
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../modules/database-schema.ts';
import type { EncryptedStore } from '../platform/files/encrypted-store.ts';

const BATCH = 500;

export interface RotationOutcome {
  rewrapped: number;
  /** Wraps still under another key after the run (e.g. a node still writing with the old key). */
  remaining: number;
}

const TABLES = [
  { table: 'delivery_files', id: 'id' },
  { table: 'cbs_content_reports', id: 'delivery_id' },
  // The audit anchor's signing key (0027-a): rotated with the rest, so it outlives the old master key.
  { table: 'audit_anchor_key', id: 'id' },
  // Resumable uploads on the object store (0028-e): their keys too, so an upload under way survives
  // the old key's destruction. (Those in GGK_DATA_DIR/hervatbaar keep theirs in their info file and
  // are not re-wrapped: wait the 24 hours until they have expired before destroying the old key.)
  { table: 'tus_uploads', id: 'id' },
] as const;

export async function rotateWrappedKeys(
  db: Kysely<Schema>,
  store: Pick<EncryptedStore, 'rewrap' | 'masterKeyId'>,
  onProgress: (done: number) => void = () => {},
): Promise<RotationOutcome> {
  const current = `v1.${store.masterKeyId}.%`;
  let rewrapped = 0;
  let remaining = 0;
  for (const { table, id } of TABLES) {
    const exists = await sql<{ ok: boolean }>`select to_regclass(${table}) is not null as ok`.execute(db);
    if (!exists.rows[0]?.ok) continue;
    let after = '';
    for (;;) {
      const rows = await sql<{ id: string; stored_file_id: string; wrapped_key: string }>`
        select ${sql.ref(id)}::text as id, stored_file_id, wrapped_key from ${sql.table(table)}
         where wrapped_key is not null and wrapped_key not like ${current} and ${sql.ref(id)}::text > ${after}
         order by ${sql.ref(id)}::text limit ${BATCH}`.execute(db);
      if (rows.rows.length === 0) break;
      for (const row of rows.rows) {
        const next = store.rewrap({ fileId: row.stored_file_id, wrappedKey: row.wrapped_key });
        if (next === undefined) continue;
        const updated = await sql`
          update ${sql.table(table)} set wrapped_key = ${next}
           where ${sql.ref(id)}::text = ${row.id} and wrapped_key = ${row.wrapped_key}`.execute(db);
        rewrapped += Number(updated.numAffectedRows ?? 0n);
      }
      after = rows.rows.at(-1)!.id;
      onProgress(rewrapped);
    }
    const left = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(table)}
       where wrapped_key is not null and wrapped_key not like ${current}`.execute(db);
    remaining += left.rows[0]?.n ?? 0;
  }
  return { rewrapped, remaining };
}
