// The temporary files of resumable (tus) uploads, encrypted at rest. While an upload is under way its
// bytes sit in <dataDir>/hervatbaar/<id>; a stolen disk or backup must not reveal them, just as it
// must not reveal the stored deliveries (platform/files/encrypted-store.ts).
//
// Each upload gets a random 256-bit key and a random 128-bit IV when it is created. Every chunk that
// arrives (a PATCH at some byte offset) is encrypted with AES-256-CTR positioned at that offset: the
// counter block is IV + floor(offset / 16) (as a 128-bit number, wrapping), and the first
// offset % 16 bytes of its keystream are skipped. CTR encrypts byte for byte, so the file on disk is
// exactly as long as the plaintext received: tus takes the upload's offset from the file's size, and
// HEAD, resume after a broken connection, and expiry work unchanged. A chunk cut off half way leaves
// a correctly encrypted prefix, and the next PATCH continues the keystream at the new offset.
//
// The key is never on disk as such: the upload's info file (<id>.json, written by tus's
// configstore) holds it wrapped by the application's master key, bound to "tus:<id>" (see
// EncryptedStore.wrapKey), next to the IV. The wrapped key never leaves the server: getUpload() and
// hence HEAD only show the metadata ggk set (filename, owner, organisation).
//
// Confidentiality, not integrity (a deliberate choice): CTR has no tag, so someone who can write to
// the data folder could flip bits of a temporary file without it being noticed here. An
// authenticated mode per chunk would change the file size and break tus's offsets. The risk is small
// and bounded: the file lives at most 24 hours (removed on finish, cancel or expiry), the finished
// upload's size is checked, and it is then re-encrypted with AES-256-GCM into the store, hashed
// (SHA-256 on the receipt) and validated from scratch by the delivery check. See docs/security.md.
import { createCipheriv, randomBytes, type Cipheriv } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { open, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataStore, ERRORS, Upload } from '@tus/server';
import { FileStore } from '@tus/file-store';

const KEY_BYTES = 32;
const IV_BYTES = 16;
const AES_BLOCK_BYTES = 16;
const COUNTER_MODULUS = 1n << 128n;
const UPLOAD_ID = /^[0-9a-f]{32}$/;
const FORMAT_VERSION = 1;
/** readPlaintext's chunks. */
const PLAINTEXT_CHUNK_BYTES = 1 << 20;

/** Wraps and unwraps keys under the master key (the delivery store does this). */
export interface KeyWrapper {
  wrapKey(key: Uint8Array, purpose: string): string;
  unwrapKey(wrappedKey: string, purpose: string): Buffer;
}

/** What the upload's info file holds besides tus's own fields. */
interface EncryptionRecord {
  version: typeof FORMAT_VERSION;
  /** The IV (initial counter block), base64. Not secret. */
  iv: string;
  /** The upload's key wrapped by the master key for purpose "tus:<id>". */
  wrappedKey: string;
}

type UploadInfo = Upload & { encryption?: EncryptionRecord };

/**
 * AES-256-CTR positioned at byte `offset` of a stream that starts with counter block `iv`. Encrypting
 * and decrypting are the same operation.
 */
export function ctrCipherAt(key: Uint8Array, iv: Uint8Array, offset: number): Cipheriv {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`bad offset ${offset}`);
  const block = BigInt(Math.floor(offset / AES_BLOCK_BYTES));
  const counter = (BigInt(`0x${Buffer.from(iv).toString('hex')}`) + block) % COUNTER_MODULUS;
  const counterBlock = Buffer.from(counter.toString(16).padStart(IV_BYTES * 2, '0'), 'hex');
  const cipher = createCipheriv('aes-256-ctr', key, counterBlock);
  const skip = offset % AES_BLOCK_BYTES;
  if (skip > 0) cipher.update(Buffer.alloc(skip));
  return cipher;
}

export interface EncryptedUploadStoreOptions {
  /** E.g. `<dataDir>/hervatbaar`; created with mode 0700. */
  directory: string;
  expirationPeriodInMilliseconds: number;
  keys: KeyWrapper;
}

/**
 * A tus DataStore around @tus/file-store's FileStore: the same files and info files in the same
 * folder (so removal, expiry and offsets are FileStore's), with the bytes encrypted on the way in.
 * Read the plaintext back with readPlaintext().
 */
export class EncryptedUploadStore extends DataStore {
  readonly directory: string;
  readonly #files: FileStore;
  readonly #keys: KeyWrapper;

  constructor(options: EncryptedUploadStoreOptions) {
    super();
    this.directory = path.resolve(options.directory);
    // Before FileStore's own (asynchronous, mode 0777) mkdir, so the folder is private.
    mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    this.#files = new FileStore({
      directory: this.directory,
      expirationPeriodInMilliseconds: options.expirationPeriodInMilliseconds,
    });
    this.#keys = options.keys;
    this.extensions = ['creation', 'creation-with-upload', 'termination', 'expiration'];
  }

  #pathOf(id: string): string {
    if (!UPLOAD_ID.test(id)) throw ERRORS.FILE_NOT_FOUND;
    return path.join(this.directory, id);
  }

  /** The upload's key and IV; FILE_NOT_FOUND for an unknown upload or one without encryption. */
  async #keyOf(id: string): Promise<{ key: Buffer; iv: Buffer }> {
    this.#pathOf(id);
    const info = (await this.#files.configstore.get(id)) as UploadInfo | undefined;
    const record = info?.encryption;
    if (!record || record.version !== FORMAT_VERSION) throw ERRORS.FILE_NOT_FOUND;
    const iv = Buffer.from(record.iv, 'base64');
    if (iv.length !== IV_BYTES) throw ERRORS.FILE_NOT_FOUND;
    return { key: this.#keys.unwrapKey(record.wrappedKey, purposeOf(id)), iv };
  }

  override async create(file: Upload): Promise<Upload> {
    const filePath = this.#pathOf(file.id);
    await writeFile(filePath, '', { flag: 'wx', mode: 0o600 });
    const key = randomBytes(KEY_BYTES);
    try {
      const encryption: EncryptionRecord = {
        version: FORMAT_VERSION,
        iv: randomBytes(IV_BYTES).toString('base64'),
        wrappedKey: this.#keys.wrapKey(key, purposeOf(file.id)),
      };
      // The info file (wrapped key, owner, file name) is made private first: tus's configstore
      // writes it with the default mode, and rewriting an existing file keeps its mode.
      await writeFile(path.join(this.directory, `${file.id}.json`), '', { flag: 'wx', mode: 0o600 });
      // A copy: the caller's object (its metadata goes back to the client) never holds the key.
      await this.#files.configstore.set(file.id, { ...file, encryption } as UploadInfo);
    } finally {
      key.fill(0);
    }
    file.storage = { type: 'file', path: filePath };
    return file;
  }

  /** Encrypts the incoming bytes at `offset` and appends them; returns the new offset. */
  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    const filePath = this.#pathOf(id);
    const { key, iv } = await this.#keyOf(id);
    const cipher = ctrCipherAt(key, iv, offset);
    key.fill(0);
    let received = 0;
    const encrypt = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        callback(null, cipher.update(chunk));
      },
    });
    try {
      await pipeline(readable, encrypt, createWriteStream(filePath, { flags: 'r+', start: offset }));
    } catch {
      // As FileStore: what reached the disk stays (tus reads the offset from the file's size).
      throw ERRORS.FILE_WRITE_ERROR;
    }
    return offset + received;
  }

  /** Uploads created before encryption (plaintext files) are treated as unknown; they expire. */
  override async getUpload(id: string): Promise<Upload> {
    this.#pathOf(id);
    const upload = await this.#files.getUpload(id);
    const info = (await this.#files.configstore.get(id)) as UploadInfo | undefined;
    if (!info?.encryption) throw ERRORS.FILE_NOT_FOUND;
    return upload;
  }

  override async remove(id: string): Promise<void> {
    this.#pathOf(id);
    await this.#files.remove(id);
  }

  override async declareUploadLength(id: string, length: number): Promise<void> {
    this.#pathOf(id);
    await this.#files.declareUploadLength(id, length);
  }

  /**
   * Removes every upload (data and info file) whose ggk metadata passes `test`, finished or not, and
   * returns how many. A removed upload is unknown afterwards: HEAD and PATCH answer 404, and it can no
   * longer be finalised. A chunk being written at that moment ends in the removed file.
   */
  async removeWhere(test: (metadata: Record<string, string | null | undefined>) => boolean): Promise<number> {
    const ids = new Set(
      (await readdir(this.directory))
        .map((name) => name.replace(/\.json$/, ''))
        .filter((id) => UPLOAD_ID.test(id)),
    );
    let removed = 0;
    for (const id of ids) {
      const info = (await this.#files.configstore.get(id)) as UploadInfo | undefined;
      if (!info || !test(info.metadata ?? {})) continue;
      await rm(path.join(this.directory, id), { force: true });
      await rm(path.join(this.directory, `${id}.json`), { force: true });
      removed++;
    }
    return removed;
  }

  override deleteExpired(): Promise<number> {
    return this.#files.deleteExpired();
  }

  override getExpiration(): number {
    return this.#files.getExpiration();
  }

  /** The upload's plaintext, decrypted from the start, in chunks of up to 1 MiB. */
  readPlaintext(id: string): Readable {
    return Readable.from(this.#plaintext(id), { objectMode: false });
  }

  async *#plaintext(id: string): AsyncGenerator<Buffer> {
    const filePath = this.#pathOf(id);
    const { key, iv } = await this.#keyOf(id);
    const decipher = ctrCipherAt(key, iv, 0);
    key.fill(0);
    const handle = await open(filePath, 'r');
    try {
      // One buffer, read into again and again (decipher.update copies out of it): createReadStream's
      // fresh 1 MiB per read left ~70 buffers per 70 MB file to a full GC (issue 21).
      const buffer = Buffer.allocUnsafe(PLAINTEXT_CHUNK_BYTES);
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        yield decipher.update(buffer.subarray(0, bytesRead));
      }
    } finally {
      await handle.close();
    }
  }
}

function purposeOf(id: string): string {
  return `tus:${id}`;
}
