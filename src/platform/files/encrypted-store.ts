// Files at rest, encrypted: each file gets its own random AES-256-GCM data key, which is stored only
// wrapped by the master key (in the caller's database row, not next to the file). A stolen disk or
// backup of <root> alone reveals nothing; destroying a wrapped key makes its file unreadable for good.
//
// The bytes go to an ObjectBackend (object-backend.ts: the local disk by default, or S3) only after
// encryption here, in this process: the object store never sees plaintext or keys.
//
// Object format (key <fileId>; on disk <root>/<aa>/<fileId>.enc), version 1:
//
//   offset  bytes  content
//   0       4      magic "GGKE"
//   4       1      format version (1)
//   5       12     GCM nonce (random per file)
//   17      n      ciphertext: AES-256-GCM of the n plaintext bytes, additional data = bytes 0..16
//   17 + n  16     GCM tag
//
// The tag trails because GCM only knows it once all data has passed. The plaintext size is therefore
// the file size minus 33. One (key, nonce) pair may encrypt at most 2^32 - 2 blocks (just under 64 GiB).
//
// Wrapped data key (a string for one database column):
//
//   v1.<keyId>.<base64(nonce 12 ‖ encrypted data key 32 ‖ tag 16)>
//
// keyId = first 8 hex of SHA-256 of the master key, so after a rotation the right master key is found.
// The wrap is AES-256-GCM under the master key with additional data "ggk-data-key:v1:<fileId>": a
// wrapped key copied onto another file's row does not open that file.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors/app-error.ts';
import type { ByteSource } from '../bytes/byte-source.ts';
import type { MasterKey } from './master-key.ts';
import {
  createFileBackend,
  ObjectNotFoundError,
  ShortReadError,
  type ObjectBackend,
  type ObjectWriter,
} from './object-backend.ts';

const MAGIC = Buffer.from('GGKE', 'ascii');
const FORMAT_VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const HEADER_BYTES = MAGIC.length + 1 + NONCE_BYTES;
const AES_BLOCK_BYTES = 16;
/** GCM's limit per (key, nonce): 2^32 - 2 counter blocks. */
const GCM_MAX_PLAINTEXT_BYTES = (2 ** 32 - 2) * AES_BLOCK_BYTES;
const FILE_ID_PATTERN = /^[0-9a-f]{32}$/;
const WRAP_VERSION = 'v1';
/**
 * WriteOptions.releaseChunks frees only chunks at least this large. The multipart parser
 * (@fastify/busboy) hands out slices of the request's body chunks (fresh buffers from Node's HTTP
 * parser, up to 64 KiB), and a few of its own small buffers it keeps using (the boundary search's
 * lookbehind, under 256 bytes; a one-byte dash): those must never be freed.
 */
const RELEASE_SOURCE_MIN_BYTES = 4096;

/** What the caller records in its database row; `wrappedKey` is needed to read the file back. */
export interface StoredFile {
  /** Random 128-bit id, 32 lowercase hex characters. */
  fileId: string;
  /** SHA-256 of the plaintext, lowercase hex. */
  sha256: string;
  /** Plaintext size in bytes. */
  bytes: number;
  /** The file's data key, encrypted with the master key: see the format at the top of this file. */
  wrappedKey: string;
}

export interface StoredFileRef {
  fileId: string;
  wrappedKey: string;
}

export interface WriteOptions {
  /** Plaintext limit in bytes; exceeding it stops the write with FileTooLargeError. */
  maxBytes?: number | undefined;
  /** Aborting stops the write (with the signal's reason) and leaves no file behind. */
  signal?: AbortSignal | undefined;
  /**
   * Called with the file id once the content is written, while it is made durable, and awaited
   * before the file becomes visible under its final name: the caller records it as pending, so a
   * crash before its database commit can be cleaned up at the next start.
   */
  beforePublish?: ((fileId: string) => Promise<void>) | undefined;
  /**
   * No one uses a chunk of `source` once the write has seen it (the multipart parser's file stream
   * hands out the request's body chunks, which it never reads again): a chunk of at least
   * RELEASE_SOURCE_MIN_BYTES that is a whole buffer is freed at once (see release), a view into a
   * larger buffer is left alone. Without it every 64 KiB body chunk waits for a full GC, which V8
   * starts every ~64 MB of them (issue 21: ~10 full GCs per three 70 MB uploads, 1 with it). Never
   * for a source whose chunks are kept or reused elsewhere.
   */
  releaseChunks?: boolean | undefined;
}

export interface ByteSourceOptions {
  /**
   * For a reader that looks at the first bytes to choose how to read the file and then either
   * streams it whole (a CSV) or reads it at random (a ZIP): the delivery check and the op-orde
   * report. The first read(), when it asks no more than HEAD_SNIFF_BYTES from offset 0, comes
   * straight from the ciphertext without the whole-file verification pass (not yet authenticated:
   * it only chooses the path); every later read() verifies first as usual, and a stream checks the
   * tag at its end. Without it a plain CSV was decrypted once more for its four bytes (issue 21).
   */
  sniff?: boolean;
  /**
   * The reader of stream() is done with a chunk once it asks for the next (it copies what it keeps,
   * as the CsvScanner does): the store then frees the chunk's memory at once instead of leaving it to
   * a full GC, which V8 starts only after some 64 MB of such buffers have piled up. The op-orde
   * report's figures read this way (issue 21: peak RSS at 1M rows). Never for a reader that may keep
   * or forward a chunk (a ZIP reader, a download): it would find the chunk emptied.
   */
  releaseChunks?: boolean;
  /**
   * Told of every error the source's stream() or read() throws (a changed or missing file), for a
   * reader that turns read errors into a finding: the check tells its own storage's fault from the
   * file's content by it.
   */
  onFailure?: (error: unknown) => void;
}

/** What a format sniff reads (a ZIP's local header signature is 4 bytes). */
export const HEAD_SNIFF_BYTES = 8;

/** A file whose content is written and sealed (its digest and key known), being made durable. */
export interface SealedFile extends StoredFile {
  /**
   * Resolves once the file is durable and visible under its id (the file's fsync, its rename, the
   * folder's fsync); rejects when that fails, and the partial file is then removed.
   */
  published: Promise<void>;
}

export interface EncryptedStore {
  write(source: AsyncIterable<Uint8Array>, options?: WriteOptions): Promise<StoredFile>;
  /**
   * As write(), but resolves once the content is written and beforePublish has resolved, while the
   * file is still being made durable: the caller can do its own work (a database transaction) during
   * the fsync, and must await `published` before it acknowledges the file (before its commit), and
   * before it destroys the file.
   */
  writeSealed(source: AsyncIterable<Uint8Array>, options?: WriteOptions): Promise<SealedFile>;
  read(file: StoredFileRef): AsyncIterable<Uint8Array>;
  verify(file: StoredFileRef): Promise<{ sha256: string; bytes: number }>;
  openByteSource(
    file: StoredFileRef & { bytes: number },
    name: string,
    options?: ByteSourceOptions,
  ): ByteSource;
  destroy(file: { fileId: string }): Promise<void>;
  removePartialFiles(options?: { olderThanMs?: number }): Promise<number>;
  listStoredFileIds(): Promise<string[]>;
  /** Where the ciphertext lives (readiness checks, metrics, restore tooling). */
  readonly backend: ObjectBackend;
  /**
   * Wraps a key that protects something other than a stored file (a resumable upload's temporary
   * file) under the master key, in the same v1 format. `purpose` (e.g. "tus:<uploadId>") is bound
   * as additional data and must contain a ':', so it can never stand in for a stored file's key.
   */
  wrapKey(key: Uint8Array, purpose: string): string;
  /** The key wrapped by wrapKey for the same `purpose`; FileIntegrityError when it does not open. */
  unwrapKey(wrappedKey: string, purpose: string): Buffer;
  /**
   * Key rotation: the file's data key re-wrapped under the current master key, or undefined when it
   * already is. The object itself is not touched (envelope encryption: only the wrap changes).
   */
  rewrap(file: StoredFileRef): string | undefined;
  /** Id of the master key new wraps use. */
  readonly masterKeyId: string;
}

/** The plaintext is larger than allowed. Shown to the uploader, hence an AppError. */
export class FileTooLargeError extends AppError<'files.too_large'> {
  constructor(readonly limit: number) {
    super('files.too_large', { size: formatByteCount(limit) });
    this.name = 'FileTooLargeError';
  }
}

/**
 * A stored file failed its check: tag mismatch, truncated, or not in our format. Someone or something
 * changed it on disk. Not an AppError: it is a fault to log and investigate, not a user mistake.
 */
export class FileIntegrityError extends Error {
  constructor(readonly fileId: string) {
    super('Het opgeslagen bestand is beschadigd of gewijzigd en kan niet worden gebruikt.');
    this.name = 'FileIntegrityError';
  }
}

/** The file's data key was wrapped by a master key this process does not have (configuration). */
export class UnknownMasterKeyError extends Error {
  constructor(readonly keyId: string) {
    super('Het opgeslagen bestand kan niet worden geopend: de sleutel waarmee het is versleuteld ontbreekt.');
    this.name = 'UnknownMasterKeyError';
  }
}

/** The database knows the file but the disk does not. */
export class StoredFileNotFoundError extends Error {
  constructor(readonly fileId: string) {
    super('Het opgeslagen bestand is niet gevonden.');
    this.name = 'StoredFileNotFoundError';
  }
}

export type EncryptedStoreOptions = (
  | {
      /** E.g. `<dataDir>/files`, created with mode 0700: the disk backend there. */
      root: string;
      backend?: undefined;
    }
  | { backend: ObjectBackend; root?: undefined }
) & {
  /** Wraps new data keys and unwraps existing ones. */
  masterKey: MasterKey;
  /** Earlier master keys, only to unwrap data keys written before a rotation. */
  previousMasterKeys?: MasterKey[] | undefined;
};

export function createEncryptedStore(options: EncryptedStoreOptions): EncryptedStore {
  const backend = options.backend ?? createFileBackend(options.root);
  const masterKeys = new Map<string, MasterKey>();
  for (const key of [options.masterKey, ...(options.previousMasterKeys ?? [])]) masterKeys.set(key.id, key);

  /** Backend failures that mean "the stored file is not what we wrote" become our own errors. */
  const translate = (fileId: string) => (error: unknown) => {
    if (error instanceof ObjectNotFoundError) throw new StoredFileNotFoundError(fileId);
    if (error instanceof ShortReadError) throw new FileIntegrityError(fileId);
    throw error;
  };

  /** Checks a stored object's header and unwraps its data key. */
  async function openCiphertext(file: StoredFileRef): Promise<OpenCiphertext> {
    // A hostile id is simply not there, before any key is touched.
    if (!FILE_ID_PATTERN.test(file.fileId)) throw new StoredFileNotFoundError(file.fileId);
    const dataKey = unwrapDataKey(file, masterKeys);
    const size = await backend.size(file.fileId).catch(translate(file.fileId));
    if (size === undefined) throw new StoredFileNotFoundError(file.fileId);
    if (size < HEADER_BYTES + TAG_BYTES) throw new FileIntegrityError(file.fileId);
    const [header, tag] = await Promise.all([
      backend.readRange(file.fileId, 0, HEADER_BYTES),
      backend.readRange(file.fileId, size - TAG_BYTES, TAG_BYTES),
    ]).catch(translate(file.fileId));
    if (!header.subarray(0, MAGIC.length).equals(MAGIC) || header[MAGIC.length] !== FORMAT_VERSION) {
      throw new FileIntegrityError(file.fileId);
    }
    return {
      header,
      nonce: header.subarray(MAGIC.length + 1),
      tag,
      dataKey,
      plaintextBytes: size - HEADER_BYTES - TAG_BYTES,
    };
  }

  /**
   * Decrypts the whole file in order. GCM can only check the tag after the last byte, so the chunks
   * come out before they are proven authentic: a caller that checks, parses or forwards them must
   * trust its result only once the iteration has ended without an error (FileIntegrityError on a
   * changed file). Each chunk is a fresh buffer the consumer may keep.
   */
  async function* read(file: StoredFileRef): AsyncGenerator<Uint8Array> {
    const opened = await openCiphertext(file);
    const decipher = createDecipheriv('aes-256-gcm', opened.dataKey, opened.nonce);
    decipher.setAAD(opened.header);
    decipher.setAuthTag(opened.tag);
    try {
      for await (const chunk of backend.stream(
        file.fileId,
        HEADER_BYTES,
        HEADER_BYTES + opened.plaintextBytes,
      )) {
        const plaintext = decipher.update(chunk);
        if (backend.kind === 'file') release(chunk);
        yield plaintext;
      }
    } catch (error) {
      translate(file.fileId)(error);
    }
    try {
      decipher.final();
    } catch {
      throw new FileIntegrityError(file.fileId);
    }
  }

  /**
   * Plaintext bytes [offset, offset + length) without reading from the start: GCM encrypts in CTR
   * mode, the block at index b with counter nonce ‖ (b + 2). This alone checks no tag; openByteSource
   * verifies the whole file once before it serves any of these bytes.
   */
  async function readRange(file: StoredFileRef, offset: number, length: number): Promise<Uint8Array> {
    const opened = await openCiphertext(file);
    const start = Math.min(Math.max(0, offset), opened.plaintextBytes);
    const end = Math.min(opened.plaintextBytes, start + Math.max(0, length));
    if (end <= start) return new Uint8Array(0);
    const block = Math.floor(start / AES_BLOCK_BYTES);
    const skip = start - block * AES_BLOCK_BYTES;
    const counter = Buffer.alloc(AES_BLOCK_BYTES);
    opened.nonce.copy(counter, 0);
    counter.writeUInt32BE(block + 2, NONCE_BYTES);
    const decipher = createDecipheriv('aes-256-ctr', opened.dataKey, counter);
    const ciphertext = await backend
      .readRange(file.fileId, HEADER_BYTES + block * AES_BLOCK_BYTES, skip + (end - start))
      .catch(translate(file.fileId));
    return decipher.update(ciphertext).subarray(skip);
  }

  async function verify(file: StoredFileRef): Promise<{ sha256: string; bytes: number }> {
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of read(file)) {
      hash.update(chunk);
      bytes += chunk.length;
    }
    return { sha256: hash.digest('hex'), bytes };
  }

  /**
   * Encrypts `source` into a new file. Nothing appears at the final path until the file is complete
   * and on disk (temp file, fsync, rename, fsync of the folder); on any error, a too large source or
   * an abort, the partial file is removed. Memory stays bounded whatever the size: on disk, the
   * backend's five 1 MiB buffers; on S3, the parts being uploaded.
   */
  async function writeSealed(
    source: AsyncIterable<Uint8Array>,
    writeOptions: WriteOptions = {},
  ): Promise<SealedFile> {
    const { maxBytes, signal } = writeOptions;
    signal?.throwIfAborted();
    const fileId = randomBytes(16).toString('hex');
    const dataKey = randomBytes(KEY_BYTES);
    const nonce = randomBytes(NONCE_BYTES);
    const header = Buffer.concat([MAGIC, Buffer.of(FORMAT_VERSION), nonce]);
    const cipher = createCipheriv('aes-256-gcm', dataKey, nonce);
    cipher.setAAD(header);
    const hash = createHash('sha256');
    const limit = Math.min(maxBytes ?? Infinity, GCM_MAX_PLAINTEXT_BYTES);
    let writer: ObjectWriter | undefined;
    let committed = false;
    try {
      writer = await backend.begin(fileId);
      await writer.write(header);
      let bytes = 0;
      for await (const chunk of iterateUntilAborted(source, signal)) {
        if (bytes + chunk.length > limit) throw new FileTooLargeError(limit);
        bytes += chunk.length;
        hash.update(chunk);
        const ciphertext = cipher.update(chunk);
        await writer.write(ciphertext);
        // The writer copied it: freed now, so the next chunk's ciphertext reuses the same hot
        // memory, instead of ~1,100 fresh 64 KiB buffers per 70 MB that only a full GC frees.
        release(ciphertext);
        if (writeOptions.releaseChunks && chunk.byteLength >= RELEASE_SOURCE_MIN_BYTES) release(chunk);
      }
      const last = cipher.final();
      await writer.write(Buffer.concat([last, cipher.getAuthTag()]));
      signal?.throwIfAborted();
      const sealed = {
        fileId,
        sha256: hash.digest('hex'),
        bytes,
        wrappedKey: wrapDataKey(dataKey, fileId, options.masterKey),
      };
      // The pending record is made while the file is flushed and fsynced (issue 21: 1-4 ms less
      // before the receipt); the file becomes visible only after both.
      const recorded = Promise.resolve(writeOptions.beforePublish?.(fileId));
      recorded.catch(() => undefined);
      const opened = writer;
      const published = opened.commit(recorded).catch(async (error: unknown) => {
        await opened.abort().catch(() => undefined);
        throw error;
      });
      published.catch(() => undefined);
      committed = true;
      // Only then is it sealed: the caller's own database work cannot wait for a connection the
      // pending record holds, and nothing it does afterwards needs one for this file.
      await recorded.catch(async (error: unknown) => {
        await published.catch(() => undefined);
        throw error;
      });
      return { ...sealed, published };
    } catch (error) {
      // Clean-up failures must not hide the cause; leftovers go at the next start.
      if (writer !== undefined && !committed) await writer.abort().catch(() => undefined);
      throw error;
    } finally {
      dataKey.fill(0);
    }
  }

  return {
    async write(source, writeOptions) {
      const { published, ...stored } = await writeSealed(source, writeOptions);
      await published;
      return stored;
    },

    writeSealed,

    read,

    /** Decrypts the whole file, checking the tag, and returns the plaintext's SHA-256 and size. */
    verify,

    /**
     * The validation engine's view of a stored file. stream() decrypts from the start on each call
     * (trust the result only once it ended cleanly, as with read()). read(offset, length) is random
     * access for a ZIP's central directory and its entries: the first call verifies the whole file's
     * tag once (one extra pass), so every byte it hands out is authenticated, except with `sniff` a
     * first read of up to HEAD_SNIFF_BYTES from offset 0 (see ByteSourceOptions). `file.bytes` is the
     * plaintext size recorded at write time.
     */
    openByteSource(file, name, sourceOptions = {}) {
      let verification: Promise<unknown> | undefined;
      let sniffed = sourceOptions.sniff !== true;
      const onFailure = sourceOptions.onFailure;
      const readAt = async (offset: number, length: number) => {
        if (!sniffed) {
          sniffed = true;
          if (offset === 0 && length <= HEAD_SNIFF_BYTES) return readRange(file, 0, length);
        }
        await (verification ??= verify(file).then((result) => {
          // The size comes from the caller's row; a ZIP reader that trusts a wrong size looks for
          // its central directory in the wrong place.
          if (result.bytes !== file.bytes) throw new FileIntegrityError(file.fileId);
        }));
        return readRange(file, offset, length);
      };
      const source: ByteSource = {
        name,
        size: file.bytes,
        stream: onFailure
          ? async function* () {
              try {
                yield* sourceOptions.releaseChunks ? releasing(read(file)) : read(file);
              } catch (error) {
                onFailure(error);
                throw error;
              }
            }
          : () => (sourceOptions.releaseChunks ? releasing(read(file)) : read(file)),
        read: (offset, length) => {
          const bytes = readAt(offset, length);
          return onFailure
            ? bytes.catch((error: unknown) => {
                onFailure(error);
                throw error;
              })
            : bytes;
        },
      };
      return source;
    },

    /**
     * Makes the file unrecoverable: its bytes are overwritten with zeros and flushed to disk, then the
     * file is removed. The wrapped key in the database is the caller's to destroy: without it even a
     * copy of the file (a backup) cannot be decrypted. On copy-on-write file systems and SSDs the
     * overwrite may land elsewhere; the destroyed key is what guarantees it then. Destroying a file
     * that is already gone is not an error.
     */
    async destroy(file) {
      await backend.remove(file.fileId).catch((error: unknown) => {
        if (!(error instanceof ObjectNotFoundError)) throw error;
      });
    },

    /**
     * Deletes leftovers of writes that never finished (a process killed mid-upload). Without
     * `olderThanMs` only those older than the backend's safe age (see ObjectBackend.removeAbandoned),
     * so it may run at any time with other processes writing to the same store.
     */
    removePartialFiles(removeOptions = {}) {
      return backend.removeAbandoned(removeOptions.olderThanMs);
    },

    listStoredFileIds: () => backend.list(),

    backend,

    rewrap(file) {
      if (file.wrappedKey.startsWith(`${WRAP_VERSION}.${options.masterKey.id}.`)) return undefined;
      const dataKey = unwrapDataKey(file, masterKeys);
      try {
        return wrapDataKey(dataKey, file.fileId, options.masterKey);
      } finally {
        dataKey.fill(0);
      }
    },

    masterKeyId: options.masterKey.id,

    wrapKey(key, purpose) {
      if (!purpose.includes(':') || key.length !== KEY_BYTES)
        throw new TypeError('wrapKey: bad purpose or key');
      return wrapDataKey(Buffer.from(key), purpose, options.masterKey);
    },

    unwrapKey(wrappedKey, purpose) {
      if (!purpose.includes(':')) throw new TypeError('unwrapKey: bad purpose');
      return unwrapDataKey({ fileId: purpose, wrappedKey }, masterKeys);
    },
  };
}

interface OpenCiphertext {
  header: Buffer;
  nonce: Buffer;
  tag: Buffer;
  dataKey: Buffer;
  plaintextBytes: number;
}

function wrapDataKey(dataKey: Buffer, fileId: string, masterKey: MasterKey): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', masterKey.bytes, nonce);
  cipher.setAAD(wrapAdditionalData(fileId));
  const encrypted = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  const sealed = Buffer.concat([nonce, encrypted, cipher.getAuthTag()]);
  return `${WRAP_VERSION}.${masterKey.id}.${sealed.toString('base64')}`;
}

function unwrapDataKey(file: StoredFileRef, masterKeys: Map<string, MasterKey>): Buffer {
  const [version, keyId, sealedText, ...rest] = file.wrappedKey.split('.');
  if (version !== WRAP_VERSION || keyId === undefined || sealedText === undefined || rest.length > 0) {
    throw new FileIntegrityError(file.fileId);
  }
  const masterKey = masterKeys.get(keyId);
  if (!masterKey) throw new UnknownMasterKeyError(keyId);
  const sealed = Buffer.from(sealedText, 'base64');
  if (sealed.length !== NONCE_BYTES + KEY_BYTES + TAG_BYTES) throw new FileIntegrityError(file.fileId);
  try {
    const decipher = createDecipheriv('aes-256-gcm', masterKey.bytes, sealed.subarray(0, NONCE_BYTES));
    decipher.setAAD(wrapAdditionalData(file.fileId));
    decipher.setAuthTag(sealed.subarray(NONCE_BYTES + KEY_BYTES));
    return Buffer.concat([
      decipher.update(sealed.subarray(NONCE_BYTES, NONCE_BYTES + KEY_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new FileIntegrityError(file.fileId);
  }
}

function wrapAdditionalData(fileId: string): Buffer {
  return Buffer.from(`ggk-data-key:${WRAP_VERSION}:${fileId}`, 'utf8');
}

/** The chunks of `chunks`, each freed (release) once the reader asks for the next one or stops. */
async function* releasing(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    try {
      yield chunk;
    } finally {
      release(chunk);
    }
  }
}

/**
 * Frees a chunk's memory now rather than at a later full GC. The disk backend's stream hands out a
 * fresh 1 MiB copy per chunk, which read() is done with once it is decrypted; V8 collects such
 * buffers only after some 64 MB of them have piled up (a full GC triggered by external memory), and
 * that was a third of the op-orde report's peak RSS at 1M rows (166 -> 137 MB). Detaching (transfer
 * to length 0) releases the backing store at once. Only a buffer the chunk covers whole is released,
 * never a view into a pool; a buffer that cannot be detached is left to the GC.
 */
function release(chunk: Uint8Array): void {
  const { buffer } = chunk;
  if (!(buffer instanceof ArrayBuffer) || chunk.byteOffset !== 0 || chunk.byteLength !== buffer.byteLength)
    return;
  try {
    // ES2024's ArrayBuffer.prototype.transfer (Node 21+, so the pinned Node 24; Node 20 has none:
    // there the call throws and the GC frees the chunk as before). The project's lib is older.
    (buffer as ArrayBuffer & { transfer(length: number): ArrayBuffer }).transfer(0);
  } catch {
    // Not detachable: the GC frees it as before.
  }
}

/**
 * Yields the source's chunks until it ends or the signal aborts. An abort ends a wait for the next
 * chunk at once (a stalled upload must not hold the write open) and asks the source to stop.
 */
async function* iterateUntilAborted(
  source: AsyncIterable<Uint8Array>,
  signal: AbortSignal | undefined,
): AsyncGenerator<Uint8Array> {
  if (!signal) {
    yield* source;
    return;
  }
  const iterator = source[Symbol.asyncIterator]();
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  let isDone = false;
  try {
    for (;;) {
      signal.throwIfAborted();
      const step = await Promise.race([iterator.next(), aborted]);
      if (step.done) {
        isDone = true;
        return;
      }
      yield step.value;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    // Not awaited: a source stuck in next() would otherwise hold this up too.
    if (!isDone) void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}

/** "2 GB", "500 MB", "1,5 kB": binary units, Dutch decimal comma, for messages to users. */
export function formatByteCount(bytes: number): string {
  const units: Array<[string, number]> = [
    ['GB', 1024 ** 3],
    ['MB', 1024 ** 2],
    ['kB', 1024],
  ];
  const format = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
  for (const [unit, size] of units) if (bytes >= size) return `${format.format(bytes / size)} ${unit}`;
  return `${format.format(bytes)} bytes`;
}
