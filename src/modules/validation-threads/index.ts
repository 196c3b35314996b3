// The technical check on every core: a FilePartRunner (modules/validation/file-parts.ts) whose parts
// run on worker threads. Node only; the browser build checks on one thread and never imports this.
//
// The workers run what the process runs. From the compiled build (dist/node, docs/decisions/0032) this
// code sits in a .js chunk beside dist's part-worker-<hash>.js, started as is. From the TypeScript
// sources each starts from a small bootstrap that registers tsx's loader and imports part-worker.ts, so this works
// the same under `node --import tsx` (tests, benches) and under bin/ggk.js's fallback (which registers
// tsx in code, so workers would not inherit it through execArgv).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  checkFilePart,
  simdScanModule,
  type FilePartRequest,
  type FilePartResult,
  type FilePartSetup,
} from '../validation/parts/index.ts';
import type { FilePartRunner } from '../validation/index.ts';
import { releaseMemory } from '../../platform/bytes/release-memory.ts';

/**
 * A part for a worker: its bytes as the thread that read the file read them (transferred, not copied:
 * no other thread reads the file, see validation/file-parts.ts), the prefix's bytes to replay first.
 */
export interface PartJob {
  setup: FilePartSetup;
  request: FilePartRequest;
  prefix: Uint8Array;
  bytes: Uint8Array;
  /** Where the part's keys go when they fit (an earlier part's, transferred along). */
  keys?: Int32Array;
}

/** A PartJob as posted: without its setup when the worker was sent that setup with an earlier part. */
export type PartMessage = Omit<PartJob, 'setup'> & { setup?: FilePartSetup };

/** A worker's answer: the part's result, and its bytes' memory back for a later part. */
export interface PartAnswer {
  result?: FilePartResult;
  error?: string;
  bytes?: Uint8Array;
}

/** Files from 8 MiB are split: below that, starting the threads costs more than they save. */
export const DEFAULT_MIN_BYTES = 8 * 1024 * 1024;
/**
 * Where the threads pay on 2 cores, for `ggk validate` by default. Quiet machine, bench:validate
 * (bundled, median of 3, the workers started per run), session 11: at 1M Wmo rows (70 MB) threads took
 * 0.60 s against 0.54 s on one thread, at 5M rows (350 MB) 1.99 s against 2.30 s: the crossing lay near
 * 120 MB. What a fresh worker costs does not depend on the file (session 11, CPU per thread from
 * /proc/self/task, 1M rows): starting the thread ~0.1 CPU-s (Node's own bootstrap: an empty worker
 * costs as much), V8 compiling the engine again for the worker's isolate ~+0.2 (the V8Worker threads:
 * 0.4 against 0.13 on one thread; session 12: 0.25-0.47 against 0.1-0.18, with 2.7 times the Maglev
 * and TurboFan compiles of one thread). On 2 cores those ~0.3 CPU-s take the other core for most of
 * what one thread needs at 70 MB. V8 flags cannot be set per worker (Node takes none in a worker's
 * execArgv); for the whole process --no-maglev made no difference we could measure (4 runs, load 8).
 * Session 12 took out what the parts cost per byte (each part read from the file again by its thread
 * and GMAC-digested on both sides: now handed over; parts of 2 MiB, not 8, and kept on this thread
 * while the worker has enough): at 70 MB 1.31-1.52 CPU-s (median 1.39) against 1.24-1.63 (1.58)
 * before, alternating, 5 runs each at load 8-10, where wall times say nothing. Session 14 took out
 * most of the rest (a worker waiting for this thread to post its next part; the JavaScript that
 * checkFields and the key copy kept hot enough for TurboFan in every isolate): quiet machine, median of
 * 3 (bench:validate, the workers started while the spec loads, as this command does): at 150k rows
 * (10 MB) 0.10 s against 0.09 on one thread, at 400k (28 MB) 0.18 against 0.17, at 1M (70 MB) 0.26
 * against 0.31. The crossing lies near 40 MB.
 */
export const THREADS_PAY_FROM_BYTES = 48 * 1024 * 1024;
/**
 * Where the threads pay for the server's check job, whose workers are warm: re-measured on the quiet
 * machine (session 10, load 0.3-0.7, bench/stored-check.bench.ts, 5 runs a side, alternating): at
 * 400k rows (28 MB) threads 0.21-0.26 s against 0.17-0.30 on one thread (no clear gain, +35% CPU); at
 * 1M rows (70 MB) 0.53-0.61 s against 0.56-0.86 (median 0.54 against 0.77, +15% CPU); at 2M rows
 * (140 MB) 0.62 s against 0.80 (+27% CPU). Under load 13-17 (session 10) threads lost at both sizes:
 * with the other core busy there is nothing to gain. Then each part was read and decrypted again by
 * its thread; since session 12 its bytes are handed over: at 70 MB (5 runs a side, twice, load 8-11)
 * threads 0.80-0.82 CPU-s against 0.90-0.92 before, +0.04 to +0.07 over one thread against +0.11 to
 * +0.18, and 190-205 MB peak memory against 220-240. A closing-day surge is files below 15 MB, which
 * this leaves on one thread; a large gemeente's file on a quiet server gets its report sooner.
 */
export const STORED_THREADS_PAY_FROM_BYTES = 64 * 1024 * 1024;
/**
 * Parts of 4 MiB. Each part costs a set-up wherever it runs (a validator, the prefix replayed: ~1.3 ms,
 * ~45 ms CPU over a 70 MB file's 34 parts of 2 MiB, as measured in session 14), and the memory a part
 * is copied into is fresh until it comes back (~3 ms of page faults per MiB, paid once per buffer: up to
 * four in flight). Session 14, 1M Wmo rows, 2 MiB / 3 MiB / 4 MiB / 8 MiB alternating, quiet machine
 * (wall ms; peak RSS): 2 MiB 273-345 (123-131 MB), 4 MiB 257-309 (127-130 MB), 8 MiB 268-305 (145-148
 * MB: the last parts, checked while the other thread waits, are long). Before wasm checked clean rows
 * (session 12) 2 and 8 MiB were within the noise.
 */
const DEFAULT_PART_BYTES = 4 * 1024 * 1024;
/**
 * Every part replays the prefix first (~35 parts at 70 MB): warm, 2-5 ms for 64 KiB (the part's own
 * 2 MiB take 11-15 ms), 0.35-0.65 ms for 16 KiB, 0.4-1.0 ms for one data row (the validator's set-up).
 * What later records depend on is set by the first data row (a gemeente, a period, first sameValue
 * values), and a prefix that did not settle it only costs the check on one thread (crossPartState).
 * At 1M rows, alternating 5 runs each at load 6-8: 1.16-1.33 CPU-s (median 1.18) against 1.16-1.43
 * (1.32) with 64 KiB.
 */
const DEFAULT_PREFIX_BYTES = 16 * 1024;
/**
 * The first part is an eighth of the others (512 KiB): the worker starts on it while this thread reads
 * on, instead of waiting for a whole part to be read, hashed and copied (~15 ms at the start of a 70 MB
 * file, then ~30 ms to check it in the worker's fresh isolate, while this thread checked parts of its
 * own that the worker could have taken). Session 15 (AMD EPYC, quiet, 1M Wmo rows, bench:validate's
 * contender, 7 runs a side, twice): median 0.165-0.168 s against 0.176-0.179 with a whole first part
 * (1/16: 0.166-0.171; two small parts: 0.176-0.180).
 */
const FIRST_PART_FRACTION = 8;
/** A part runs on past partBytes to the next line feed: its copy has room for this much more. */
const PART_SLACK_BYTES = 1024 * 1024;
/**
 * Parts handed to each worker and not yet answered: the one it checks and the ones waiting, so that it
 * has work while this thread checks a part of its own (~20 ms for 4 MiB) and takes results in.
 */
const PARTS_PER_WORKER = 3;
/**
 * Of those, how many are posted to the worker at once (the rest wait here, for whichever thread is
 * free first once this one has read the file). A worker with one part only waited, after each, for
 * this thread to hear of it and post the next: this thread hears only between the chunks it reads,
 * checks and hashes (~5-7 ms for 1 MiB), so the worker sat idle for about half of a 1M-row file.
 */
const POSTED_PER_WORKER = 2;
/** Smaller key arrays (small parts, as in the tests) are not worth keeping. */
const MIN_SPARE_KEYS_BYTES = 64 * 1024;

export interface ThreadedCheckOptions {
  /** At most availableParallelism() (the default). */
  threads?: number;
  minBytes?: number;
  partBytes?: number;
  prefixBytes?: number;
  onSettled?: FilePartRunner['onSettled'];
  /**
   * part-worker.ts built to plain JavaScript (a bundle such as the benchmark's): started as is, without
   * tsx. By default the workers run what this process runs: dist/node/part-worker-<hash>.js from the
   * compiled build, else the TypeScript source through tsx.
   */
  workerScript?: URL;
}

/** A FilePartRunner on worker threads; close() ends the threads (idle ones never keep the process up). */
export interface ThreadedCheck extends FilePartRunner {
  readonly threads: number;
  /**
   * Starts the worker threads now (they start anyway for the first file split), e.g. while the caller
   * loads the spec. False when there is nothing to start (one core).
   */
  warm(): boolean;
  close(): Promise<void>;
}

interface QueuedJob {
  job: PartJob;
  cancel: { cancelled: boolean };
  resolve: (result: FilePartResult) => void;
  reject: (error: Error) => void;
}

/**
 * The compiled build's part worker beside this chunk, named by its content (part-worker-<hash>.js, put
 * in here by scripts/build.js): after a rebuild under a running process its workers still start from
 * its own build's file. Undefined in the sources (and any other bundle).
 */
declare const __GGK_PART_WORKER__: string | undefined;
const BUILT_WORKER =
  import.meta.url.endsWith('.js') && typeof __GGK_PART_WORKER__ === 'string'
    ? new URL(`./${__GGK_PART_WORKER__}`, import.meta.url)
    : undefined;
/** What a part worker starts with. */
export interface PartWorkerData {
  simd: WebAssembly.Module | null;
}

const bootstrap = () => `
import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./part-worker.ts', import.meta.url).href)}); });
`;

async function runHere(job: PartJob): Promise<FilePartResult> {
  // Yield first: the part starts after whatever this thread was doing (taking in results) is done.
  await new Promise<void>((resolve) => setImmediate(resolve));
  return checkFilePart(job.setup, job.request, job.prefix, job.bytes, job.keys);
}

export function createThreadedCheck(options: ThreadedCheckOptions = {}): ThreadedCheck {
  const size = Math.max(1, Math.min(options.threads ?? Infinity, availableParallelism()));
  // This thread checks parts too (those it keeps as it reads, and once it has read the file, those
  // still waiting): N threads are this one and N - 1 workers, each of which costs ~45 MB of memory.
  const workers = size - 1;
  const partBytes = options.partBytes ?? DEFAULT_PART_BYTES;
  let localBusy = false;
  const all = new Set<Worker>();
  const queue: QueuedJob[] = [];
  let closed = false;
  /** Parts handed to the workers and not answered yet (running or waiting). */
  let outstanding = 0;
  // The parts' key arrays, back from file-parts.ts once taken in, for the next parts to write into: a
  // new array per part is fresh memory, ~3-4 ms of page faults per MB on this machine (~100 ms CPU in
  // all at 70 MB). A few, for the parts in flight.
  const spareKeys: Int32Array[] = [];
  const withSpareKeys = (job: PartJob) => {
    const keys = spareKeys.pop();
    if (keys) job.keys = keys;
  };
  // The memory parts are copied into, back from the workers with their results: a fresh part's worth
  // (5 MiB) costs ~3 ms of page faults once written (session 14; ~27 ms for 9 MiB in session 12, on
  // another machine), against ~0.6 ms to copy into memory written before.
  // As many as parts can be in flight: PARTS_PER_WORKER per worker and one run here.
  const spareBytes: ArrayBuffer[] = [];
  const giveBack = (bytes: Uint8Array | undefined) => {
    const buffer = bytes?.buffer;
    if (
      buffer instanceof ArrayBuffer &&
      buffer.byteLength >= partBytes &&
      spareBytes.length <= PARTS_PER_WORKER * workers
    ) {
      spareBytes.push(buffer);
    }
  };
  // The setup each worker was last sent (one per file split, the same object for all its parts): a
  // later part goes without it, so the spec and the classification table (~25 kB) are not
  // serialized here and rebuilt there for every part of the file.
  const sentSetup = new WeakMap<Worker, FilePartSetup>();
  /** The files (by their cancel token) this thread has read through. */
  const readThrough = new WeakSet<{ cancelled: boolean }>();

  // Parts posted to each worker and not answered yet, in the order posted (its port keeps that order).
  const posted = new Map<Worker, QueuedJob[]>();
  /** A started worker with room for another posted part. */
  const available = (job: PartJob): Worker | undefined => {
    // Near the file's end a part waits here rather than behind another in a worker's port: this
    // thread, done reading, takes what waits here, and the last parts end together instead of the
    // worker checking two while this thread has nothing to do (~20 ms of a 70 MB file's 0.26 s).
    const limit = job.request.size - job.request.end > 2 * partBytes ? POSTED_PER_WORKER : 1;
    let best: Worker | undefined;
    for (const [worker, jobs] of posted) {
      if (jobs.length < limit && (!best || jobs.length < posted.get(best)!.length)) best = worker;
    }
    return best;
  };

  const spawn = (): Worker => {
    const script = options.workerScript ?? BUILT_WORKER;
    // The check's wasm module as this thread compiled it: the worker need not write and compile it.
    const workerData: PartWorkerData = { simd: simdScanModule() };
    const worker = script
      ? new Worker(script, { execArgv: [], workerData })
      : new Worker(bootstrap(), { eval: true, execArgv: [], workerData });
    const jobs: QueuedJob[] = [];
    all.add(worker);
    posted.set(worker, jobs);
    worker.unref();
    // Also while idle (a worker started ahead that fails to start): forgotten, never an uncaught
    // error; the parts it had fail (the file is then checked on one thread).
    const forget = (error: Error) => {
      if (!all.delete(worker)) return;
      posted.delete(worker);
      void worker.terminate();
      for (const queued of jobs.splice(0)) queued.reject(error);
      pump();
    };
    worker.on('error', forget);
    worker.on('exit', () => forget(new Error('worker thread stopped')));
    // An answer that cannot be read settles nothing: the worker's parts could never settle.
    worker.on('messageerror', forget);
    worker.on('message', (message: PartAnswer) => {
      const queued = jobs.shift();
      giveBack(message.bytes);
      if (jobs.length === 0) worker.unref();
      if (queued) {
        if (message.result) queued.resolve(message.result);
        else queued.reject(new Error(message.error ?? 'part failed'));
      }
      pump();
    });
    return worker;
  };
  const give = (worker: Worker, queued: QueuedJob) => {
    const jobs = posted.get(worker)!;
    if (jobs.length === 0) worker.ref();
    jobs.push(queued);
    const { job } = queued;
    // The part's bytes move to the worker (this thread has no use for them any more): no copy.
    const transfer: ArrayBuffer[] = [job.bytes.buffer as ArrayBuffer];
    if (job.keys) transfer.push(job.keys.buffer as ArrayBuffer);
    const { setup, ...rest } = job;
    const message: PartMessage = sentSetup.get(worker) === setup ? rest : job;
    try {
      worker.postMessage(message, transfer);
    } catch (error) {
      // Never sent, so never answered: the part fails here (the file is checked on one thread).
      jobs.pop();
      if (jobs.length === 0) worker.unref();
      queued.reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    sentSetup.set(worker, setup);
  };
  const pump = () => {
    while (queue.length > 0 && !closed) {
      const next = queue[0]!;
      if (next.cancel.cancelled) {
        queue.shift();
        giveBack(next.job.bytes);
        next.reject(new Error('cancelled'));
        continue;
      }
      const worker = available(next.job) ?? (all.size < workers ? spawn() : undefined);
      if (worker) {
        queue.shift();
        withSpareKeys(next.job);
        give(worker, next);
        continue;
      }
      // While this thread reads the file it checks the parts it keeps (claim); once it has read the
      // file, it takes those still waiting for a worker too.
      if (localBusy || !readThrough.has(next.cancel)) return;
      queue.shift();
      localBusy = true;
      withSpareKeys(next.job);
      runHere(next.job)
        .then(next.resolve, next.reject)
        .finally(() => {
          localBusy = false;
          giveBack(next.job.bytes);
          pump();
        });
    }
  };

  const warm = () => {
    if (closed || workers === 0) return false;
    while (all.size < workers) spawn();
    return true;
  };

  return {
    threads: size,
    minBytes: options.minBytes ?? DEFAULT_MIN_BYTES,
    partBytes,
    firstPartBytes: Math.ceil(partBytes / FIRST_PART_FRACTION),
    prefixBytes: options.prefixBytes ?? DEFAULT_PREFIX_BYTES,
    ...(options.onSettled ? { onSettled: options.onSettled } : {}),
    claim() {
      // Each worker a part to check and a few waiting, so that it never waits for this thread to read
      // the next; more would only wait (in memory) while this thread could check them itself.
      if (closed || workers === 0 || outstanding >= PARTS_PER_WORKER * workers) return null;
      const spare = spareBytes.pop();
      return spare ? new Uint8Array(spare) : new Uint8Array(partBytes + PART_SLACK_BYTES);
    },
    spareKeys: () => spareKeys.pop(),
    recycle(keys) {
      if (keys.buffer.byteLength >= MIN_SPARE_KEYS_BYTES && spareKeys.length < PARTS_PER_WORKER * size + 2) {
        spareKeys.push(new Int32Array(keys.buffer as ArrayBuffer));
      }
    },
    release() {
      // At 10M Wmo rows (the second pass settles ~160k candidates) up to ~30 MB of part copies and
      // keys, freed now instead of at the next garbage collection; a later file allocates them again
      // (~3 ms of page faults per 5 MiB), as does another file being checked meanwhile on this runner
      // (the server's check jobs share one): nothing in use is ever among the spares.
      for (const buffer of spareBytes.splice(0)) releaseMemory(buffer);
      for (const keys of spareKeys.splice(0)) releaseMemory(keys.buffer);
    },
    readThrough(cancel) {
      readThrough.add(cancel);
      pump();
    },
    // One thread gains nothing from parts.
    warm,
    accepts() {
      if (closed || size === 1) return false;
      // The workers start now, while this thread reads the file's first part.
      warm();
      return true;
    },
    run(setup, request, prefix, bytes, cancel) {
      if (closed) return Promise.reject(new Error('closed'));
      outstanding += 1;
      return new Promise<FilePartResult>((resolve, reject) => {
        queue.push({ job: { setup, request, prefix, bytes }, cancel, resolve, reject });
        pump();
      }).finally(() => {
        outstanding -= 1;
      });
    },
    async close() {
      closed = true;
      for (const queued of queue.splice(0)) queued.reject(new Error('closed'));
      await Promise.all([...all].map((worker) => worker.terminate()));
      all.clear();
      posted.clear();
    },
  };
}
