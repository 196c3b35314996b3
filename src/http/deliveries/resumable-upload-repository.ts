// The rows of resumable (tus) uploads on the object store (tus_uploads, tus_upload_parts: migration
// 0028-e); object-upload-store.ts is their only user and keeps the parts' objects in step.
import { sql, type Kysely } from 'kysely';

type Db = Kysely<unknown>;

export interface UploadRow {
  id: string;
  wrapped_key: string;
  upload_length: number | null;
  upload_offset: number;
  metadata: Record<string, string | null>;
  created_at: Date;
}

export interface PartRow {
  object_key: string;
  start_offset: number;
  bytes: number;
}

export async function insertUpload(
  db: Db,
  upload: {
    id: string;
    wrappedKey: string;
    length: number | undefined;
    metadata: Record<string, string | null>;
    createdAt: Date;
  },
): Promise<void> {
  await sql`
    insert into tus_uploads (id, wrapped_key, upload_length, metadata, created_at)
    values (${upload.id}, ${upload.wrappedKey}, ${upload.length ?? null},
            ${JSON.stringify(upload.metadata)}::jsonb, ${upload.createdAt})`.execute(db);
}

export async function findUpload(db: Db, id: string): Promise<UploadRow | undefined> {
  const { rows } = await sql<UploadRow>`
    select id, wrapped_key, upload_length, upload_offset, metadata, created_at
      from tus_uploads where id = ${id}`.execute(db);
  return rows[0];
}

export async function declareUploadLength(db: Db, id: string, length: number): Promise<void> {
  await sql`update tus_uploads set upload_length = ${length}
             where id = ${id} and upload_length is null`.execute(db);
}

/** The ids and metadata of every upload (a withdrawal picks those of its organisations). */
export async function listUploadMetadata(
  db: Db,
): Promise<Array<{ id: string; metadata: Record<string, string | null> }>> {
  const { rows } = await sql<{ id: string; metadata: Record<string, string | null> }>`
    select id, metadata from tus_uploads`.execute(db);
  return rows;
}

/** Deletes the upload's row; its parts stay until their objects are removed. True when it existed. */
export async function deleteUpload(db: Db, id: string): Promise<boolean> {
  const result = await sql`delete from tus_uploads where id = ${id}`.execute(db);
  return Number(result.numAffectedRows ?? 0n) > 0;
}

export async function deleteUploadsCreatedBefore(db: Db, ageMs: number): Promise<number> {
  const result = await sql`
    delete from tus_uploads where created_at < now() - make_interval(secs => ${ageMs / 1000})`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/** A part about to be written (bytes null until commitPart). */
export async function insertPart(
  db: Db,
  part: { objectKey: string; uploadId: string; startOffset: number },
): Promise<void> {
  await sql`insert into tus_upload_parts (object_key, upload_id, start_offset)
            values (${part.objectKey}, ${part.uploadId}, ${part.startOffset})`.execute(db);
}

/**
 * Commits a written part and moves the upload's offset on, if the upload is still there at the
 * offset the part started from (compare-and-set). False: the upload is gone (or moved on).
 */
export async function commitPart(
  db: Db,
  part: { objectKey: string; uploadId: string; startOffset: number; bytes: number },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const moved = await sql`
      update tus_uploads set upload_offset = upload_offset + ${part.bytes}
       where id = ${part.uploadId} and upload_offset = ${part.startOffset}
         and (upload_length is null or upload_offset + ${part.bytes} <= upload_length)`.execute(trx);
    if (Number(moved.numAffectedRows ?? 0n) !== 1) return false;
    await sql`update tus_upload_parts set bytes = ${part.bytes}
               where object_key = ${part.objectKey}`.execute(trx);
    return true;
  });
}

export async function deletePart(db: Db, objectKey: string): Promise<void> {
  await sql`delete from tus_upload_parts where object_key = ${objectKey}`.execute(db);
}

/** The upload's committed parts in order. */
export async function findCommittedParts(db: Db, uploadId: string): Promise<PartRow[]> {
  const { rows } = await sql<PartRow>`
    select object_key, start_offset, bytes from tus_upload_parts
     where upload_id = ${uploadId} and bytes is not null order by start_offset`.execute(db);
  return rows;
}

/** Object keys of the upload's parts: all, or only those still marked as being written. */
export async function findPartKeys(
  db: Db,
  uploadId: string,
  which: 'all' | 'being-written',
): Promise<string[]> {
  const { rows } = await sql<{ object_key: string }>`
    select object_key from tus_upload_parts
     where upload_id = ${uploadId} and (${which} = 'all' or bytes is null)`.execute(db);
  return rows.map((r) => r.object_key);
}

/**
 * Object keys of parts whose upload is gone: committed ones, and ones still marked as being written
 * after `writerGraceMs` (their writer has either finished with them or died).
 */
export async function findOrphanPartKeys(db: Db, writerGraceMs: number): Promise<string[]> {
  const { rows } = await sql<{ object_key: string }>`
    select object_key from tus_upload_parts p
     where not exists (select 1 from tus_uploads u where u.id = p.upload_id)
       and (p.bytes is not null or p.created_at < now() - make_interval(secs => ${writerGraceMs / 1000}))`.execute(
    db,
  );
  return rows.map((r) => r.object_key);
}

/** `ggk keys rotate`: resumable uploads' keys whose wrap is not under the current master key (`current`, a LIKE pattern). */
export async function listStaleUploadKeyWraps(
  db: Db,
  current: string,
  after: string,
  limit: number,
): Promise<Array<{ id: string; stored_file_id: string; wrapped_key: string }>> {
  const { rows } = await sql<{ id: string; stored_file_id: string; wrapped_key: string }>`
    select id::text as id, stored_file_id, wrapped_key from tus_uploads
     where wrapped_key is not null and wrapped_key not like ${current} and id::text > ${after}
     order by id::text limit ${limit}`.execute(db);
  return rows;
}

/** Re-wraps one key if its wrap is still the one read (compare-and-set); the rows changed (0 or 1). */
export async function replaceUploadKeyWrap(
  db: Db,
  id: string,
  previous: string,
  next: string,
): Promise<number> {
  const result = await sql`
    update tus_uploads set wrapped_key = ${next} where id::text = ${id} and wrapped_key = ${previous}`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0n);
}

export async function countStaleUploadKeyWraps(db: Db, current: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from tus_uploads where wrapped_key is not null and wrapped_key not like ${current}`.execute(
    db,
  );
  return rows[0]?.n ?? 0;
}
