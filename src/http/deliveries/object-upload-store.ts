// Resumable (tus) uploads on the object store (GGK_STORAGE=s3): any node continues an upload another
// node started, with no shared folder. The upload is a row in tus_uploads (owner, file name, length,
// offset, its key wrapped by the master key: migration 0028-e); its bytes are parts in the object
// store, one object per PATCH received, each encrypted in this process before it leaves it:
//
//   offset  bytes  content
//   0       4      magic "GGKT"
//   4       1      format version (1)
//   5       12     GCM nonce (random per part)
//   17      n      AES-256-GCM ciphertext of the part's n plaintext bytes
//   17 + n  16     GCM tag
//
// under the upload's own random 256-bit key, with additional data = the 17 header bytes ‖
// "tus-part:v1:<upload id>:<start offset>", so a part opens only as that upload's part at that
// place. Unlike the disk store's CTR (encrypted-upload-store.ts), every part is authenticated: a
// changed, swapped or truncated part fails when the upload is finalised. The object store sees
// ciphertext only; the key is in the database, wrapped ("tus:<id>"), and rotated by `ggk keys rotate`.
//
// The offset is the database's (committed parts only), not an object's size. A PATCH cut off half way
// still commits what arrived, as a shorter part, so the client resumes from there (as with the disk
// store). A part is recorded (bytes null) before its object is begun and committed (bytes set,
// offset moved on, compare-and-set) after: a node killed mid-part leaves a row that the next PATCH on
// that upload (which holds the upload's lock, so no one else is writing) or the sweep clears, and a
// multipart upload in the store that removeAbandoned() aborts. Removing an upload deletes its row
// first (it is gone at once: HEAD and PATCH answer 404) and then its parts, object before row.
//
// The lock that keeps two requests (on two nodes) from writing one upload at once is upload-locker.ts.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { DataStore, ERRORS, Upload } from '@tus/server';
import type { ObjectBackend, ObjectWriter } from '../../platform/files/object-backend.ts';
import type { KeyWrapper } from './encrypted-upload-store.ts';
import * as rows from './resumable-upload-repository.ts';

const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const MAGIC = Buffer.from('GGKT', 'ascii');
const FORMAT_VERSION = 1;
const HEADER_BYTES = MAGIC.length + 1 + NONCE_BYTES;
const UPLOAD_ID = /^[0-9a-f]{32}$/;
/** A part still being written (bytes null) of an upload that is gone is left this long to its writer. */
const WRITER_GRACE_MS = 3600 * 1000;

export interface ObjectUploadStoreOptions {
  db: Kysely<unknown>;
  /** The store for the parts, under its own prefix (not the delivered files' objects). */
  backend: ObjectBackend;
  keys: KeyWrapper;
  expirationPeriodInMilliseconds: number;
}

function purposeOf(id: string): string {
  return `tus:${id}`;
}

function additionalData(header: Buffer, id: string, startOffset: number): Buffer {
  return Buffer.concat([header, Buffer.from(`tus-part:v1:${id}:${startOffset}`, 'utf8')]);
}

/** The tus DataStore for GGK_STORAGE=s3. Read a finished upload's plaintext with readPlaintext(). */
export class ObjectUploadStore extends DataStore {
  readonly #db: Kysely<unknown>;
  readonly #backend: ObjectBackend;
  readonly #keys: KeyWrapper;
  readonly #expirationMs: number;

  constructor(options: ObjectUploadStoreOptions) {
    super();
    this.#db = options.db;
    this.#backend = options.backend;
    this.#keys = options.keys;
    this.#expirationMs = options.expirationPeriodInMilliseconds;
    this.extensions = ['creation', 'creation-with-upload', 'termination', 'expiration'];
  }

  async #row(id: string): Promise<rows.UploadRow> {
    if (!UPLOAD_ID.test(id)) throw ERRORS.FILE_NOT_FOUND;
    const row = await rows.findUpload(this.#db, id);
    if (!row) throw ERRORS.FILE_NOT_FOUND;
    return row;
  }

  override async create(file: Upload): Promise<Upload> {
    if (!UPLOAD_ID.test(file.id)) throw ERRORS.FILE_NOT_FOUND;
    const key = randomBytes(KEY_BYTES);
    try {
      await rows.insertUpload(this.#db, {
        id: file.id,
        wrappedKey: this.#keys.wrapKey(key, purposeOf(file.id)),
        length: file.size,
        metadata: file.metadata ?? {},
        createdAt: file.creation_date ? new Date(file.creation_date) : new Date(),
      });
    } finally {
      key.fill(0);
    }
    file.storage = { type: 'object', path: file.id };
    return file;
  }

  override async getUpload(id: string): Promise<Upload> {
    const row = await this.#row(id);
    return new Upload({
      id: row.id,
      offset: Number(row.upload_offset),
      ...(row.upload_length === null ? {} : { size: Number(row.upload_length) }),
      metadata: row.metadata,
      creation_date: row.created_at.toISOString(),
      storage: { type: 'object', path: row.id },
    });
  }

  override async declareUploadLength(id: string, length: number): Promise<void> {
    await this.#row(id);
    await rows.declareUploadLength(this.#db, id, length);
  }

  /**
   * Encrypts the incoming bytes as one new part at `offset` and commits it; returns the new offset.
   * The caller (tus) holds the upload's lock. What arrived before the stream broke is kept.
   */
  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    const row = await this.#row(id);
    if (Number(row.upload_offset) !== offset) throw ERRORS.INVALID_OFFSET;
    // Parts still marked as being written: their writer died (we hold the lock). Clear them.
    await this.#removeParts(await rows.findPartKeys(this.#db, id, 'being-written'));

    const key = this.#keys.unwrapKey(row.wrapped_key, purposeOf(id));
    const nonce = randomBytes(NONCE_BYTES);
    const header = Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION]), nonce]);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    key.fill(0);
    cipher.setAAD(additionalData(header, id, offset));

    const objectKey = randomBytes(16).toString('hex');
    let received = 0;
    let sourceError: unknown;
    let writer: ObjectWriter | undefined;
    // Begun at the first byte: an empty PATCH (or one that breaks before it) stores nothing.
    const ensureWriter = async (): Promise<ObjectWriter> => {
      if (writer) return writer;
      await rows.insertPart(this.#db, { objectKey, uploadId: id, startOffset: offset });
      writer = await this.#backend.begin(objectKey);
      await writer.write(header);
      return writer;
    };
    try {
      try {
        for await (const chunk of readable) {
          const bytes = chunk as Buffer;
          if (bytes.length === 0) continue;
          const target = await ensureWriter();
          received += bytes.length;
          await target.write(cipher.update(bytes));
        }
      } catch (error) {
        // The client's stream broke (or tus's size limit stopped it): keep what arrived, as the
        // disk store does, and report the failure after committing it.
        sourceError = error;
      }
      if (received === 0) {
        if (sourceError !== undefined) throw ERRORS.FILE_WRITE_ERROR;
        return offset;
      }
      const target = await ensureWriter();
      await target.write(Buffer.concat([cipher.final(), cipher.getAuthTag()]));
      await target.commit();
    } catch {
      await writer?.abort().catch(() => undefined);
      await rows.deletePart(this.#db, objectKey).catch(() => undefined);
      throw ERRORS.FILE_WRITE_ERROR;
    }

    const committed = await rows.commitPart(this.#db, {
      objectKey,
      uploadId: id,
      startOffset: offset,
      bytes: received,
    });
    if (!committed) {
      // The upload was removed (cancelled, withdrawn, expired) while this part was written.
      await this.#removeParts([objectKey]);
      throw ERRORS.FILE_NOT_FOUND;
    }
    if (sourceError !== undefined) throw ERRORS.FILE_WRITE_ERROR;
    return offset + received;
  }

  override async remove(id: string): Promise<void> {
    if (!UPLOAD_ID.test(id)) throw ERRORS.FILE_NOT_FOUND;
    if (!(await rows.deleteUpload(this.#db, id))) throw ERRORS.FILE_NOT_FOUND;
    // Gone at once (404); then its parts. One being written now is its writer's to remove.
    await this.#sweepOrphanParts();
  }

  /**
   * Removes every upload whose ggk metadata passes `test`, finished or not, and returns how many
   * (a withdrawal ends the gemeente's unfinished uploads). Removed uploads are unknown at once.
   */
  async removeWhere(test: (metadata: Record<string, string | null | undefined>) => boolean): Promise<number> {
    let removed = 0;
    for (const upload of await rows.listUploadMetadata(this.#db)) {
      if (test(upload.metadata ?? {}) && (await rows.deleteUpload(this.#db, upload.id))) removed++;
    }
    await this.#sweepOrphanParts();
    return removed;
  }

  /** Uploads older than the expiry, and the parts of uploads that are gone. */
  override async deleteExpired(): Promise<number> {
    const expired = await rows.deleteUploadsCreatedBefore(this.#db, this.#expirationMs);
    await this.#sweepOrphanParts();
    // Multipart uploads of killed writers (the backend's own age limit: other nodes write now).
    await this.#backend.removeAbandoned();
    return expired;
  }

  override getExpiration(): number {
    return this.#expirationMs;
  }

  async #sweepOrphanParts(): Promise<void> {
    await this.#removeParts(await rows.findOrphanPartKeys(this.#db, WRITER_GRACE_MS));
  }

  /** Object first, then row: a crash in between leaves a row, and the next sweep finishes it. */
  async #removeParts(objectKeys: string[]): Promise<void> {
    for (const objectKey of objectKeys) {
      await this.#backend.remove(objectKey);
      await rows.deletePart(this.#db, objectKey);
    }
  }

  /** The upload's plaintext in order, each part decrypted and its tag checked; errors on any gap. */
  readPlaintext(id: string): Readable {
    return Readable.from(this.#plaintext(id), { objectMode: false });
  }

  async *#plaintext(id: string): AsyncGenerator<Buffer> {
    const row = await this.#row(id);
    const parts = await rows.findCommittedParts(this.#db, id);
    const key = this.#keys.unwrapKey(row.wrapped_key, purposeOf(id));
    try {
      let position = 0;
      for (const part of parts) {
        const start = Number(part.start_offset);
        const bytes = Number(part.bytes);
        if (start !== position) throw new Error(`tus upload ${id}: part at ${start}, expected ${position}`);
        const size = HEADER_BYTES + bytes + TAG_BYTES;
        const header = await this.#backend.readRange(part.object_key, 0, HEADER_BYTES);
        if (!header.subarray(0, MAGIC.length).equals(MAGIC) || header[MAGIC.length] !== FORMAT_VERSION)
          throw new Error(`tus upload ${id}: part at ${start} is not in ggk's format`);
        const tag = await this.#backend.readRange(part.object_key, size - TAG_BYTES, TAG_BYTES);
        const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(MAGIC.length + 1));
        decipher.setAAD(additionalData(header, id, start));
        decipher.setAuthTag(tag);
        for await (const chunk of this.#backend.stream(part.object_key, HEADER_BYTES, size - TAG_BYTES)) {
          yield decipher.update(chunk);
        }
        // Throws when the part was changed, swapped or cut: the finalisation then fails.
        decipher.final();
        position += bytes;
      }
      if (position !== Number(row.upload_offset))
        throw new Error(`tus upload ${id}: parts cover ${position} of ${row.upload_offset} bytes`);
    } finally {
      key.fill(0);
    }
  }
}
