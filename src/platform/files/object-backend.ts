// Where the encrypted bytes live: the storage abstraction under EncryptedStore. A backend stores
// opaque objects (ciphertext only: EncryptedStore encrypts before a byte reaches it) under keys that
// are file ids (32 lowercase hex). Two backends: the local disk (GGK_STORAGE=file, the default) and an
// S3-compatible object store (GGK_STORAGE=s3, object-backend-s3.ts), shared by several nodes.
//
// The write contract, which the crash-safety of uploads rests on: nothing is visible under a key
// until commit() has returned (disk: temp file, fsync, rename; S3: a multipart upload completed, or
// one PUT); abort() or a crashed process leaves only something removeAbandoned() clears.
import { constants } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import { isErrorCode, syncDirectory } from './master-key.ts';

export interface ObjectWriter {
  /** Appends bytes (copied; the caller may reuse its buffer); may return before they are durable. */
  write(bytes: Uint8Array): Promise<void>;
  /**
   * Makes the object durable and visible under its key. With `beforeVisible`, the bytes are made
   * durable while it runs, and visible only once it has resolved (commit fails with it otherwise).
   */
  commit(beforeVisible?: Promise<unknown>): Promise<void>;
  /** Discards what was written; safe to call after a failed write or commit. */
  abort(): Promise<void>;
}

export interface ObjectBackend {
  readonly kind: 'file' | 's3';
  /** A new object under `key`, invisible until commit(). */
  begin(key: string): Promise<ObjectWriter>;
  /** The object's size in bytes, or undefined when there is none. */
  size(key: string): Promise<number | undefined>;
  /** Exactly bytes [start, start + length); ObjectNotFoundError or a short read error otherwise. */
  readRange(key: string, start: number, length: number): Promise<Buffer>;
  /** Bytes [start, end) in order, in chunks of up to ~1 MiB. */
  stream(key: string, start: number, end: number): AsyncIterable<Uint8Array>;
  /**
   * Removes the object (absent is fine). The disk backend overwrites it with zeros first; on S3 the
   * delete is the store's. Either way it is the destroyed data key that makes copies unreadable.
   */
  remove(key: string): Promise<void>;
  /** Every committed key, sorted. */
  list(): Promise<string[]>;
  /**
   * Clears unfinished writes of processes that died. With `olderThanMs`: those older than that (0: all;
   * only for a store no other process writes to). Without it, only what is certainly abandoned, so it
   * is safe with other nodes writing to the same store: on disk a partial file of a process on this
   * host that is no longer running, or one not written to for 15 minutes (another host's; a live
   * write touches its file every MiB); on S3 a multipart upload begun more than 6 hours ago.
   */
  removeAbandoned(olderThanMs?: number): Promise<number>;
  /** Throws when the store cannot be reached (readiness). */
  ping(): Promise<void>;
}

export class ObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`object ${key} not found`);
    this.name = 'ObjectNotFoundError';
  }
}

export class ShortReadError extends Error {
  constructor(readonly key: string) {
    super(`object ${key} is shorter than expected`);
    this.name = 'ShortReadError';
  }
}

const KEY_PATTERN = /^[0-9a-f]{32}$/;
/** Large writes and reads: 1 GB uploads should be limited by the disk, not by system calls. */
const IO_BUFFER_BYTES = 1 << 20;
/**
 * A partial file that has not been written to for this long belongs to a process that died: a live
 * write touches it every MiB, and a balancer gives up on a stalled upload well before this (its
 * timeouts in docs/operations.md are at most 10 minutes).
 */
export const FILE_ABANDONED_AFTER_MS = 15 * 60_000;

/** Partial files are named <host>-<pid>.<random>.partial: a restart can tell its own dead writes. */
const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 16);
const PARTIAL_NAME = /^([0-9a-f]{16})-(\d{1,10})\.[0-9a-f]{32}\.partial$/;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return isErrorCode(error, 'EPERM');
  }
}

/** A partial file written by a process on this host that has ended. */
function isOwnersDeadWrite(name: string): boolean {
  const match = PARTIAL_NAME.exec(name);
  if (!match || match[1] !== HOST_TAG) return false;
  const pid = Number(match[2]);
  return pid !== process.pid && !isRunning(pid);
}

export function assertObjectKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new ObjectNotFoundError(key);
}

/** Objects as files <root>/<aa>/<key>.enc (mode 0600 in 0700 folders), unfinished ones in <root>/tmp. */
export function createFileBackend(rootFolder: string): ObjectBackend {
  const root = path.resolve(rootFolder);
  const partialFolder = path.join(root, 'tmp');
  const pathOf = (key: string) => {
    assertObjectKey(key);
    return path.join(root, key.slice(0, 2), `${key}.enc`);
  };
  const openForRead = async (key: string): Promise<FileHandle> => {
    try {
      return await open(pathOf(key), 'r');
    } catch (error) {
      if (isErrorCode(error, 'ENOENT')) throw new ObjectNotFoundError(key);
      throw error;
    }
  };

  return {
    kind: 'file',

    async begin(key) {
      const finalPath = pathOf(key);
      // Checked on every write (one system call) rather than once: a folder removed by hand while
      // the process runs must not make all later uploads fail.
      await mkdir(partialFolder, { recursive: true, mode: 0o700 });
      const partialPath = path.join(
        partialFolder,
        `${HOST_TAG}-${process.pid}.${randomBytes(16).toString('hex')}.partial`,
      );
      const handle = await open(partialPath, 'wx', 0o600);
      const writer = new BufferedWriter(handle, await openDirect(partialPath, handle));
      let isClosed = false;
      return {
        write: (bytes) => writer.push(bytes),
        async commit(beforeVisible) {
          await writer.flush();
          await writer.sync();
          isClosed = true;
          await writer.close();
          await beforeVisible;
          const shard = path.dirname(finalPath);
          const createdShard = await mkdir(shard, { recursive: true, mode: 0o700 });
          await rename(partialPath, finalPath);
          await syncDirectory(shard);
          // A new shard folder is itself an entry of root that must survive a crash.
          if (createdShard !== undefined) await syncDirectory(root);
        },
        async abort() {
          if (!isClosed) await writer.close().catch(() => undefined);
          isClosed = true;
          await removeIfPresent(partialPath).catch(() => undefined);
        },
      };
    },

    async size(key) {
      try {
        return (await stat(pathOf(key))).size;
      } catch (error) {
        if (isErrorCode(error, 'ENOENT')) return undefined;
        throw error;
      }
    },

    async readRange(key, start, length) {
      const handle = await openForRead(key);
      try {
        return await readExactly(handle, start, length, key);
      } finally {
        await handle.close();
      }
    },

    async *stream(key, start, end) {
      const handle = await openForRead(key);
      try {
        const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(IO_BUFFER_BYTES, end - start)));
        for (let position = start; position < end;) {
          const { bytesRead } = await handle.read(
            buffer,
            0,
            Math.min(buffer.length, end - position),
            position,
          );
          if (bytesRead === 0) throw new ShortReadError(key);
          position += bytesRead;
          // A copy: the consumer may keep the chunk while the buffer is reused.
          yield Buffer.from(buffer.subarray(0, bytesRead));
        }
      } finally {
        await handle.close();
      }
    },

    async remove(key) {
      const filePath = pathOf(key);
      await overwriteWithZeros(filePath);
      await removeIfPresent(filePath);
      await syncDirectory(path.dirname(filePath)).catch((error: unknown) => {
        if (!isErrorCode(error, 'ENOENT')) throw error;
      });
    },

    async list() {
      let shards: string[];
      try {
        shards = await readdir(root);
      } catch (error) {
        if (isErrorCode(error, 'ENOENT')) return [];
        throw error;
      }
      const keys: string[] = [];
      for (const shard of shards.filter((name) => /^[0-9a-f]{2}$/.test(name)).sort()) {
        for (const name of (await readdir(path.join(root, shard))).sort()) {
          const match = /^([0-9a-f]{32})\.enc$/.exec(name);
          if (match?.[1] !== undefined && match[1].startsWith(shard)) keys.push(match[1]);
        }
      }
      return keys;
    },

    async removeAbandoned(olderThanMs) {
      let names: string[];
      try {
        names = await readdir(partialFolder);
      } catch (error) {
        if (isErrorCode(error, 'ENOENT')) return 0;
        throw error;
      }
      const age = olderThanMs ?? FILE_ABANDONED_AFTER_MS;
      const olderThan = Date.now() - age;
      let count = 0;
      for (const name of names) {
        const filePath = path.join(partialFolder, name);
        const certainlyDead = olderThanMs === undefined && isOwnersDeadWrite(name);
        if (age > 0 && !certainlyDead) {
          const info = await stat(filePath).catch(() => undefined);
          if (!info || info.mtimeMs > olderThan) continue;
        }
        if (await removeIfPresent(filePath)) count += 1;
      }
      if (count > 0) await syncDirectory(partialFolder);
      return count;
    },

    async ping() {
      await mkdir(root, { recursive: true, mode: 0o700 });
      await stat(root);
    },
  };
}

/**
 * While a file is being written, a datasync starts in the background (on libuv's thread pool)
 * each time this much more has been written, none while one is running. The disk then writes the
 * file back while the rest is still arriving, and the fsync before the receipt finds little left to
 * do: without it every byte of a 70 MB upload waited in the page cache for that one fsync.
 */
const BACKGROUND_SYNC_BYTES = 16 << 20;

/**
 * How many 1 MiB writes may be under way while the next megabyte is collected. With one (two
 * buffers) every write the thread pool was slow to finish stalled the upload behind it: on the
 * shared 2-core machine, the client and the server on the same cores, a 1 MiB write (0.3 ms alone)
 * often took 2–24 ms, 100–230 ms of waiting per 70 MB upload (issue 21). Writing 70 MiB with 3.3 ms
 * of CPU work per MiB between writes, at load 9: waiting 22 ms (median of 9) with one, 12 with four.
 * Writes go to their own offsets (pwrite), so their order of completion does not matter.
 */
const WRITES_IN_FLIGHT = 4;

/**
 * Collects bytes into 1 MiB buffers and writes each in one call, with WRITES_IN_FLIGHT + 1 buffers so
 * that encrypting the next megabyte overlaps with writing the previous ones. Every full buffer (all
 * but the last) lies at a multiple of 1 MiB in the file and goes through `direct`, a second
 * descriptor of the same file opened with O_DIRECT, when there is one: see openDirect. The last,
 * partial buffer, whose length O_DIRECT would refuse, goes through the ordinary descriptor.
 */
class BufferedWriter {
  readonly #buffers: Buffer[];
  /** The write of each buffer under way (resolved: the buffer is free). */
  readonly #writes: Array<Promise<void>>;
  /** The O_DIRECT descriptor, to close; #isDirect: full buffers are written through it. */
  readonly #direct: FileHandle | undefined;
  #isDirect: boolean;
  /** The buffers came from takeAlignedBuffers, and go back there. */
  readonly #isAligned: boolean;
  #isClosed = false;
  #active = 0;
  #filled = 0;
  #position = 0;
  #syncedUpTo = 0;
  #sync: Promise<void> | undefined;
  /** A background datasync's failure: Linux reports a write-back error once, so it is kept for commit. */
  #syncError: unknown;

  constructor(
    private readonly handle: FileHandle,
    direct: FileHandle | undefined,
  ) {
    const aligned = direct ? takeAlignedBuffers() : undefined;
    this.#direct = direct;
    this.#isAligned = aligned !== undefined;
    this.#isDirect = this.#isAligned;
    this.#buffers =
      aligned ?? Array.from({ length: BUFFER_COUNT }, () => Buffer.allocUnsafe(IO_BUFFER_BYTES));
    this.#writes = this.#buffers.map(() => Promise.resolve());
  }

  async push(bytes: Uint8Array): Promise<void> {
    for (let offset = 0; offset < bytes.length;) {
      const buffer = this.#buffers[this.#active]!;
      const count = Math.min(bytes.length - offset, buffer.length - this.#filled);
      buffer.set(bytes.subarray(offset, offset + count), this.#filled);
      this.#filled += count;
      offset += count;
      if (this.#filled === buffer.length) await this.#swap();
    }
  }

  async flush(): Promise<void> {
    if (this.#filled > 0) await this.#swap();
    await Promise.all(this.#writes);
  }

  /**
   * Makes all that was written durable (fsync) and throws what it or any background datasync failed
   * with. The fsync runs beside a background datasync still under way, not after it: the last one
   * (of 67 MiB, the one begun at 64 MiB) is often still running when the upload ends. Measured from
   * the last write of 67 MiB to durable, 7 times each at load 7–10: median 13.2 and 14.7 ms after
   * it, 12.7 and 8.5 ms beside it (issue 21).
   */
  async sync(): Promise<void> {
    const [, synced] = await Promise.allSettled([this.#sync, this.handle.sync()]);
    if (this.#syncError !== undefined) throw this.#syncError;
    if (synced.status === 'rejected') throw synced.reason;
  }

  /**
   * Closes both descriptors once no write is under way any more (after a failed write, others may
   * still be), and hands aligned buffers back for the next file.
   */
  async close(): Promise<void> {
    if (this.#isClosed) return;
    this.#isClosed = true;
    await Promise.allSettled([...this.#writes, this.#sync]);
    const closed = await Promise.allSettled([this.handle.close(), this.#direct?.close()]);
    if (this.#isAligned) returnAlignedBuffers(this.#buffers);
    for (const result of closed) if (result.status === 'rejected') throw result.reason;
  }

  /** Starts the write of the active buffer and makes the next one active, once its write is done. */
  async #swap(): Promise<void> {
    if (this.#sync === undefined && this.#position - this.#syncedUpTo >= BACKGROUND_SYNC_BYTES) {
      this.#syncedUpTo = this.#position;
      this.#sync = this.handle.datasync().then(
        () => (this.#sync = undefined),
        (error: unknown) => {
          this.#syncError ??= error;
          this.#sync = undefined;
        },
      );
    }
    const buffer = this.#buffers[this.#active]!;
    const length = this.#filled;
    const position = this.#position;
    const direct = length === IO_BUFFER_BYTES && this.#isDirect ? this.#direct : undefined;
    const write = direct
      ? writeFully(direct, buffer, length, position).catch((error: unknown) => {
          // A file system that takes O_DIRECT at open but not these writes: the ordinary way, from now on.
          if (!isErrorCode(error, 'EINVAL')) throw error;
          this.#isDirect = false;
          return writeFully(this.handle, buffer, length, position);
        })
      : writeFully(this.handle, buffer, length, position);
    // Marked handled here; the rejection still surfaces when this buffer is next needed, or at flush.
    write.catch(() => undefined);
    this.#writes[this.#active] = write;
    this.#position += this.#filled;
    this.#active = (this.#active + 1) % this.#buffers.length;
    this.#filled = 0;
    await this.#writes[this.#active];
  }
}

const BUFFER_COUNT = WRITES_IN_FLIGHT + 1;

/**
 * A second descriptor of the file being written, opened with O_DIRECT, or undefined where the file
 * system or the platform has none. Written through it, a byte goes from our buffer to the disk (DMA),
 * without a copy into the page cache and without dirty pages for the final fsync to write back. The
 * file is read once soon after (by the check), not by this process, so caching it buys little.
 * What it saves on this machine (a VM, 2 cores, issue 21): a write into page-cache pages the guest
 * has not used lately costs 2.0-3.5 CPU-ms per MB (the host maps them in on first touch), one into
 * recently freed pages 0.4 ms; an upload's new file always needs new pages, as the files before it
 * stay cached. `ggk serve`, 70 MB uploads A/B at load 4: 4.4-5.2 against 1.9-2.3 CPU-ms per MB.
 */
async function openDirect(filePath: string, handle: FileHandle): Promise<FileHandle | undefined> {
  const flag = (constants as { O_DIRECT?: number }).O_DIRECT;
  if (flag === undefined) return undefined;
  try {
    return await open(filePath, constants.O_WRONLY | flag);
  } catch (error) {
    if (isErrorCode(error, 'EINVAL') || isErrorCode(error, 'EOPNOTSUPP')) return undefined;
    // No writer exists yet to abort: the empty partial file goes here, not at removeAbandoned's age.
    await handle.close().catch(() => undefined);
    await removeIfPresent(filePath).catch(() => undefined);
    throw error;
  }
}

/** Idle sets of aligned buffers, for the next file; more than this are left to the GC. */
const alignedBufferSets: Buffer[][] = [];
const IDLE_ALIGNED_SETS = 2;
const WASM_PAGE_BYTES = 65_536;

/**
 * BUFFER_COUNT buffers of IO_BUFFER_BYTES whose memory starts on a 64 KiB boundary, as O_DIRECT
 * needs (at least the device's logical block size, 512 or 4096): a WebAssembly memory is page-aligned
 * memory of its own, where a Buffer's may start anywhere malloc put it. Undefined where there is no
 * WebAssembly (node --jitless) or the memory cannot be had.
 */
function takeAlignedBuffers(): Buffer[] | undefined {
  const idle = alignedBufferSets.pop();
  if (idle) return idle;
  try {
    const memory = new WebAssembly.Memory({ initial: (BUFFER_COUNT * IO_BUFFER_BYTES) / WASM_PAGE_BYTES });
    return Array.from({ length: BUFFER_COUNT }, (_, i) =>
      Buffer.from(memory.buffer, i * IO_BUFFER_BYTES, IO_BUFFER_BYTES),
    );
  } catch {
    return undefined;
  }
}

function returnAlignedBuffers(buffers: Buffer[]): void {
  if (alignedBufferSets.length < IDLE_ALIGNED_SETS) alignedBufferSets.push(buffers);
}

async function writeFully(
  handle: FileHandle,
  buffer: Buffer,
  length: number,
  position: number,
): Promise<void> {
  for (let done = 0; done < length;) {
    const { bytesWritten } = await handle.write(buffer, done, length - done, position + done);
    done += bytesWritten;
  }
}

async function readExactly(
  handle: FileHandle,
  position: number,
  length: number,
  key: string,
): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  for (let done = 0; done < length;) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) throw new ShortReadError(key);
    done += bytesRead;
  }
  return buffer;
}

async function overwriteWithZeros(filePath: string): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(filePath, 'r+');
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const zeros = Buffer.alloc(Math.min(IO_BUFFER_BYTES, Math.max(1, size)));
    for (let position = 0; position < size; position += zeros.length) {
      await writeFully(handle, zeros, Math.min(zeros.length, size - position), position);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function removeIfPresent(filePath: string): Promise<boolean> {
  try {
    await unlink(filePath);
    return true;
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return false;
    throw error;
  }
}
