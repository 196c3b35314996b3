// A ByteSource over a file on disk, for the CLI and the worker. Streams in 1 MiB chunks so memory
// stays flat whatever the file size; read() serves the random access a ZIP's central directory needs.
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ByteSource } from '../bytes/byte-source.ts';
import type { Hasher } from '../bytes/sha256-hasher.ts';
import { releaseMemory } from '../bytes/release-memory.ts';

const CHUNK_BYTES = 1 << 20;
/**
 * Chunks a file stream reads ahead of its consumer, plus the one it holds. The thread pool's read
 * needs a core, and the check on two threads keeps both busy: awaiting the next chunk took 185-570 ms
 * per 70 MB there (median of 4 ~335) with one chunk ahead, 130-305 (~195) with three (alternating, load
 * ~8; on one thread 3-19 ms either way). 2 MiB more memory per stream.
 */
const READ_AHEAD = 4;

/** Opens `filePath` as a ByteSource named `name` (default: the file's base name). Throws when it is missing. */
export async function openFileByteSource(
  filePath: string,
  name = path.basename(filePath),
): Promise<ByteSource> {
  const info = await stat(filePath);
  if (!info.isFile()) throw new Error(`${filePath} is geen bestand`);
  const source: ByteSource = {
    name,
    size: info.size,
    // Each stream reads into READ_AHEAD buffers it reuses: a fresh 1 MiB buffer per chunk costs more
    // in page faults than the whole check costs in CPU (measured: 280 ms against 10 ms for 70 MB).
    // While the consumer works on one chunk the next ones are read into the others, so the check
    // rarely waits for the disk or for the thread pool on a busy machine (see READ_AHEAD). A chunk is
    // valid until the next one is asked for; a consumer that keeps bytes copies them.
    async *stream() {
      const handle = await open(filePath, 'r');
      const size = Math.min(CHUNK_BYTES, Math.max(info.size, 1));
      const buffers = Array.from({ length: READ_AHEAD }, () => new Uint8Array(size));
      /** Reads in flight, in file order: into buffers[slot], from byte `at`. */
      const pending: Array<{ slot: number; at: number; read: Promise<{ bytesRead: number }> }> = [];
      let position = 0;
      let slot = 0;
      const readNext = () => {
        pending.push({ slot, at: position, read: handle.read(buffers[slot]!, 0, size, position) });
        position += size;
        slot = (slot + 1) % READ_AHEAD;
      };
      try {
        // One buffer stays free for the chunk the consumer holds.
        for (let i = 0; i < READ_AHEAD - 1; i++) readNext();
        for (;;) {
          const next = pending.shift()!;
          const { bytesRead } = await next.read;
          if (bytesRead === 0) break;
          if (bytesRead < size) {
            // Short of the end (a file still being written; a regular file otherwise reads whole
            // buffers): the reads after it started at the wrong place, so they are read again from here.
            await Promise.all(pending.splice(0).map((p) => p.read.catch(() => undefined)));
            position = next.at + bytesRead;
            slot = (next.slot + 1) % READ_AHEAD;
          }
          // Into the buffer the consumer has just given back (or the one left free at the start); after
          // a short read into all but the one yielded now.
          while (pending.length < READ_AHEAD - 1) readNext();
          yield buffers[next.slot]!.subarray(0, bytesRead);
        }
      } finally {
        // A consumer that stops early leaves reads in flight: let them land before closing.
        await Promise.all(pending.map((p) => p.read.catch(() => undefined)));
        await handle.close();
        // Read through (or given up): a chunk is valid only until the next is asked for, so none is
        // read any more. Their 4 MiB back now, before a second pass opens a stream of its own.
        for (const buffer of buffers) releaseMemory(buffer.buffer);
      }
    },
    async read(offset, length) {
      const handle = await open(filePath, 'r');
      try {
        const bytes = new Uint8Array(Math.max(0, Math.min(length, info.size - offset)));
        let done = 0;
        while (done < bytes.length) {
          const { bytesRead } = await handle.read(bytes, done, bytes.length - done, offset + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return done === bytes.length ? bytes : bytes.subarray(0, done);
      } finally {
        await handle.close();
      }
    },
  };
  return source;
}

const PARALLEL_FROM_BYTES = 16 * 1024 * 1024;
const RING_SLOTS = 4;
const SLOT_BYTES = 1 << 20;
// Control words of the ring: chunks written, chunks hashed, writer finished.
const WRITTEN = 0;
const HASHED = 1;
const FINISHED = 2;

// The worker hashes ring slots as the main thread fills them. Inline, so this stays one file.
const HASH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const control = new Int32Array(workerData.control);
const lengths = new Int32Array(workerData.lengths);
const ring = new Uint8Array(workerData.ring);
const hash = createHash('sha256');
for (;;) {
  const hashed = Atomics.load(control, ${HASHED});
  const written = Atomics.load(control, ${WRITTEN});
  if (hashed === written) {
    if (Atomics.load(control, ${FINISHED}) === 1 && Atomics.load(control, ${WRITTEN}) === hashed) break;
    Atomics.wait(control, ${WRITTEN}, written, 50);
    continue;
  }
  const slot = hashed % ${RING_SLOTS};
  hash.update(ring.subarray(slot * ${SLOT_BYTES}, slot * ${SLOT_BYTES} + lengths[slot]));
  Atomics.store(control, ${HASHED}, hashed + 1);
  Atomics.notify(control, ${HASHED});
}
parentPort.postMessage(hash.digest('hex'));
`;

/**
 * SHA-256 through node:crypto. In-line by default: with SHA instructions it costs ~55 ms per 70 MB
 * (1M rows, ~5% of the check). A worker thread beside the check, fed through a shared ring buffer,
 * pays off only with cores to spare: measured on 2 shared cores it saved no time (the main thread
 * waited for the worker whenever the ring filled) and cost 14.5 MB of peak memory (the thread's own
 * V8 heap) and more CPU in all. So it is used for a large file (sizeHint from 16 MiB) only on a
 * machine with more than 2 cores (`parallel` forces the choice, for tests).
 */
export function createNodeSha256(sizeHint = 0, parallel = availableParallelism() > 2): Hasher {
  if (sizeHint < PARALLEL_FROM_BYTES || !parallel) {
    const hash = createHash('sha256');
    return { update: (bytes) => void hash.update(bytes), digest: () => hash.digest('hex') };
  }
  const control = new Int32Array(new SharedArrayBuffer(4 * 4));
  const lengths = new Int32Array(new SharedArrayBuffer(4 * RING_SLOTS));
  const ring = new Uint8Array(new SharedArrayBuffer(RING_SLOTS * SLOT_BYTES));
  const worker = new Worker(HASH_WORKER, {
    eval: true,
    workerData: { control: control.buffer, lengths: lengths.buffer, ring: ring.buffer },
  });
  const result = new Promise<string>((resolve, reject) => {
    worker.once('message', (hex: string) => resolve(hex));
    worker.once('error', reject);
  });
  let written = 0;
  return {
    update(bytes) {
      for (let offset = 0; offset < bytes.length; offset += SLOT_BYTES) {
        const piece = bytes.subarray(offset, Math.min(offset + SLOT_BYTES, bytes.length));
        // Wait while the ring is full: the worker is a whole ring behind.
        for (;;) {
          const hashed = Atomics.load(control, HASHED);
          if (written - hashed < RING_SLOTS) break;
          Atomics.wait(control, HASHED, hashed, 50);
        }
        const slot = written % RING_SLOTS;
        ring.set(piece, slot * SLOT_BYTES);
        lengths[slot] = piece.length;
        written += 1;
        Atomics.store(control, WRITTEN, written);
        Atomics.notify(control, WRITTEN);
      }
    },
    async digest() {
      Atomics.store(control, FINISHED, 1);
      Atomics.notify(control, WRITTEN);
      try {
        return await result;
      } finally {
        await worker.terminate();
      }
    },
  };
}
