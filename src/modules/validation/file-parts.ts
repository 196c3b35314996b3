// A large file checked in parts on several threads, with the report the single-thread check gives.
//
// This thread reads the file once, in order: it hashes every byte, checks the first lines itself (the
// header and at least one data row: the prefix), then cuts the rest at line feeds into parts of about
// partBytes. Each part goes either to the runner (worker threads in Node, see
// modules/validation-threads), which gets a copy of the part's bytes as this thread read them, or, when
// the runner's threads have enough to do, is checked here as it is read (no copy). A part's checker
// replays the prefix (so it knows the header, the file's gemeente and period, the first values of
// sameValue rules) and then checks the part's records from their true line numbers. The parts' results
// are taken in here in file order: findings (the first 100 per code over all parts, as one list would
// keep them), counts, and every row's key hash, which go into this thread's one duplicate detector
// exactly as the single-thread check would add them; the second duplicate pass, when needed, reads the
// file here.
//
// A part is right only when the state its records depend on is what the whole file has at its start
// (crossPartState: file type, encoding fallback, first gemeente and period, first sameValue values, …)
// and when it ends between two records (a line feed inside a quoted field is no place to cut). Each
// part reports the state it started from and ended with; if any differs from the prefix's, or a part
// found the file unreadable or asked the classification something it was not given, the parts are
// thrown away and the file is checked again on one thread. So the result is always the single-thread
// result; the parts only make the usual file faster.
//
// Every byte a part is judged on is a byte this thread read (and hashed, and for a file in the
// encrypted store: decrypted from the stream whose tag is checked at its end; the parts count only when
// that stream ended cleanly). No other thread reads the file: one changed on disk meanwhile cannot be
// judged on bytes this thread did not read.
//
// Pure: no Node built-ins; the runner brings the threads.
import type { MunicipalClassification, Predecessor } from '../classification/index.ts';
import type { ByteSource } from '../../platform/bytes/byte-source.ts';
import { countByteFast } from './simd-scan.ts';
import { compileSpec, type CompiledSpec } from './spec-compiler.ts';
import type { Spec } from './validation-spec.ts';
import {
  FileValidator,
  finishValidation,
  type FilePartResult,
  type FileValidationContext,
  type ValidatedFile,
} from './file-validator.ts';

/** Runs parts of a file elsewhere (other threads); see modules/validation-threads. */
export interface FilePartRunner {
  /** Files of at least this many bytes are split. */
  minBytes: number;
  /** The size a part is cut at (at the next line feed). */
  partBytes: number;
  /**
   * The size the first part is cut at (default partBytes): a small one gets the other threads going
   * while this thread reads on.
   */
  firstPartBytes?: number;
  /** The prefix checked here runs at least to the first line feed from this many bytes. */
  prefixBytes: number;
  /** Whether this file is split (false: it is checked on one thread). */
  accepts(source: ByteSource): boolean;
  /**
   * Asked as a part starts: memory to copy its bytes into for another thread (run() then hands them
   * over), or null when the other threads have enough to do and this thread checks the part itself as
   * it reads it. Of at least partBytes + 1 MiB (a part runs on to the next line feed; a longer one is
   * copied on into a larger array).
   */
  claim(): Uint8Array | null;
  /**
   * Checks a part on another thread. `bytes` (from claim(), or a larger array) are the part's bytes
   * [request.start, request.end) and `prefix` bytes [0, request.prefixEnd), both as this thread read
   * them; `bytes` is the runner's from here on (it may be transferred to another thread).
   */
  run(
    setup: FilePartSetup,
    request: FilePartRequest,
    prefix: Uint8Array,
    bytes: Uint8Array,
    cancel: { cancelled: boolean },
  ): Promise<FilePartResult>;
  /**
   * Told when this thread has read the whole file (`cancel` is the one its parts were run with): it is
   * free to check the parts still waiting for a thread.
   */
  readThrough?(cancel: { cancelled: boolean }): void;
  /** Memory for the keys of a part checked here (an earlier part's, see recycle), when there is any. */
  spareKeys?(): Int32Array | undefined;
  /**
   * Takes back a part's keys once they are taken in here, for a later part to write its keys into
   * (memory this thread has touched costs no page faults again).
   */
  recycle?(keys: Int32Array): void;
  /**
   * Told when a file's parts are all taken in and a second pass over the file follows (a key may
   * repeat): memory kept for later parts can go now, rather than sit beside the second pass's.
   */
  release?(): void;
  /** Told how each file split was settled (for tests and benchmarks). */
  onSettled?: (name: string, outcome: 'parts' | 'one-thread', parts: number) => void;
}

/** What a part's thread needs to check like this one: plain data. */
export interface FilePartSetup {
  /** The spec's id in this process: setups with the same spec have the same id, so a thread compiles it once. */
  id: string;
  spec: Spec;
  today: number;
  gemeente?: string;
  period?: string;
  collect: Array<[string, string[]]>;
  classification: ClassificationTable;
}

/** A part as it starts: from byte `start` of the file, at physical line `line`. */
export interface PartHead {
  name: string;
  size: number;
  /** The prefix to replay first: bytes [0, prefixEnd), lines [1, prefixLines]. */
  prefixEnd: number;
  prefixLines: number;
  start: number;
  line: number;
}

/** One part: bytes [start, end) of the file; `last` when it runs to the file's end. */
export interface FilePartRequest extends PartHead {
  end: number;
  last: boolean;
}

/**
 * The classification's answers for the one day a file's records are judged on: for every 4-digit
 * code whether it is a gemeente (0 no, 1 yes, 2 the call throws) and, when the spec's successor rule
 * asks, its predecessors. A question about anything else makes the part's result unusable.
 */
export interface ClassificationTable {
  day: string | null;
  gemeente: Uint8Array;
  predecessors: Array<[string, Predecessor[]]> | null;
  predecessorsThrow: string[];
  /** The only codes whose predecessors the table knows (null: every code's). */
  predecessorsAsked: string[] | null;
}

/** A prefix that grows past this without a place to cut leaves the file to one thread. */
const MAX_PREFIX_BYTES = 4 * 1024 * 1024;
const LF = 10;
const PREFIX = 0;
const PARTS = 1;
const ONE_THREAD = 2;
let specCounter = 0;
const specIds = new WeakMap<Spec, string>();

/**
 * The file checked in parts, or null when the parts could not give the single-thread result (the
 * caller then checks it on one thread).
 */
export async function validateFileInParts(
  source: ByteSource,
  ctx: FileValidationContext,
  runner: FilePartRunner,
): Promise<ValidatedFile | null> {
  const validator = new FileValidator(source.name, source.size, ctx);
  const hasher = ctx.createHasher(source.size);
  const cancel = { cancelled: false };
  const firstPartBytes = Math.max(1, Math.min(runner.firstPartBytes ?? runner.partBytes, runner.partBytes));
  let bytes = 0;
  /** The physical line at `bytes` while cutting (1 + the line feeds before). */
  let lines = 1;
  let phase = PREFIX;
  /** The prefix's bytes as read, for the parts' checkers to replay: [0, prefixEnd). */
  let prefix = new Uint8Array(64 * 1024);
  let prefixEnd = 0;
  let prefixLines = 0;
  let partStart = 0;
  let partLine = 0;
  let parts = 0;
  let seed = '';
  let setup: FilePartSetup | null = null;
  let failed = false;
  let merged: Promise<void> = Promise.resolve();
  // The part being read, from its first byte on: copied for the runner's threads, or checked here.
  let copy: Uint8Array | null = null;
  let copied = 0;
  let here: PartChecker | null = null;
  const head = (): PartHead => ({
    name: source.name,
    size: source.size,
    prefixEnd,
    prefixLines,
    start: partStart,
    line: partLine,
  });
  const take = (segment: Uint8Array) => {
    if (segment.length === 0) return;
    if (copy === null && here === null) {
      copy = runner.claim();
      copied = 0;
      if (copy === null) {
        here = new PartChecker(
          setup!,
          head(),
          prefix.subarray(0, prefixEnd),
          runner.partBytes,
          runner.spareKeys?.(),
        );
      }
    }
    if (here) {
      here.push(segment);
      return;
    }
    if (copied + segment.length > copy!.length) {
      const larger = new Uint8Array(Math.max(copy!.length * 2, copied + segment.length));
      larger.set(copy!.subarray(0, copied));
      copy = larger;
    }
    copy!.set(segment, copied);
    copied += segment.length;
  };
  const endPart = (end: number, last: boolean) => {
    parts += 1;
    let result: Promise<FilePartResult>;
    if (here) {
      result = Promise.resolve(here.finish(last));
      here = null;
    } else {
      const request: FilePartRequest = { ...head(), end, last };
      result = runner.run(setup!, request, prefix.subarray(0, prefixEnd), copy!.subarray(0, copied), cancel);
      copy = null;
      // Settled in the chain below; this keeps a rejection from counting as unhandled meanwhile.
      result.catch(() => undefined);
    }
    merged = merged.then(async () => {
      if (failed) return;
      let part: FilePartResult;
      try {
        part = await result;
      } catch {
        part = { ...emptyPart(), unreadable: true };
      }
      const usable =
        !part.unreadable &&
        !part.missed &&
        part.startState === seed &&
        part.state === seed &&
        (last || part.atBoundary);
      if (!usable) {
        failed = true;
        cancel.cancelled = true;
        return;
      }
      validator.absorbPart(part);
      runner.recycle?.(part.keys);
    });
  };
  try {
    for await (const chunk of source.stream()) {
      // A part that cannot be used: the file is checked again on one thread, so reading on is waste.
      if (failed) break;
      hasher.update(chunk);
      ctx.onBytes?.(chunk.length);
      const offset = bytes;
      bytes += chunk.length;
      if (phase === ONE_THREAD) {
        validator.push(chunk);
        continue;
      }
      let pos = 0;
      if (phase === PREFIX) {
        validator.checkFirstChunk(chunk);
        if (validator.isUnreadable() || chunk.indexOf(0) >= 0) {
          // As the single-thread check would: the chunk with a NUL marks the file unreadable unread.
          validator.push(chunk);
          phase = ONE_THREAD;
          continue;
        }
        while (pos < chunk.length) {
          const from = Math.max(pos, runner.prefixBytes - 1 - offset);
          const lf = from < chunk.length ? chunk.indexOf(LF, from) : -1;
          const end = lf < 0 ? chunk.length : lf + 1;
          const piece = chunk.subarray(pos, end);
          validator.push(piece);
          if (prefixEnd + piece.length > prefix.length) {
            const larger = new Uint8Array(Math.max(prefix.length * 2, prefixEnd + piece.length));
            larger.set(prefix.subarray(0, prefixEnd));
            prefix = larger;
          }
          prefix.set(piece, prefixEnd);
          prefixEnd += piece.length;
          lines += countLineFeeds(chunk, pos, end);
          pos = end;
          if (lf >= 0 && validator.canSplitHere()) {
            phase = PARTS;
            partStart = prefixEnd;
            partLine = lines;
            prefixLines = lines - 1;
            seed = validator.crossPartState();
            setup = setupOf(ctx, validator);
            break;
          }
          if (offset + end >= MAX_PREFIX_BYTES) {
            validator.push(chunk.subarray(pos));
            pos = chunk.length;
            phase = ONE_THREAD;
          }
        }
      }
      if (phase !== PARTS) continue;
      while (pos < chunk.length) {
        const want = partStart + (parts === 0 ? firstPartBytes : runner.partBytes) - 1 - offset;
        const lf = want < chunk.length ? chunk.indexOf(LF, Math.max(pos, want)) : -1;
        if (lf < 0) {
          lines += countLineFeeds(chunk, pos, chunk.length);
          take(chunk.subarray(pos));
          break;
        }
        lines += countLineFeeds(chunk, pos, lf + 1);
        take(chunk.subarray(pos, lf + 1));
        pos = lf + 1;
        endPart(offset + pos, false);
        partStart = offset + pos;
        partLine = lines;
      }
    }
    // The last part runs to the end of the file (none when the file ends where a part was cut).
    if (phase === PARTS && !failed && (copy !== null || here !== null)) endPart(bytes, true);
    if (phase === PARTS) runner.readThrough?.(cancel);
    await merged;
  } catch {
    // A read error: the single-thread check reports it as it would.
    cancel.cancelled = true;
    await merged;
    return null;
  }
  if (phase === PARTS) {
    runner.onSettled?.(source.name, failed ? 'one-thread' : 'parts', parts);
    if (failed) return null;
  }
  return finishValidation(validator, source, hasher, bytes, () => runner.release?.());
}

/** A failed part, for a runner that could not run one (its own keys: a worker transfers them). */
const emptyPart = (): FilePartResult => ({
  atBoundary: false,
  unreadable: false,
  missed: false,
  startState: '',
  state: '',
  findings: { findings: [], counts: {}, truncated: false, hasError: false },
  rows: { total: 0, withErrors: 0, withWarnings: 0 },
  badCountRows: 0,
  seen: [],
  keys: new Int32Array(0),
  grouped: null,
  firstLineBytes: 0,
});

function countLineFeeds(buf: Uint8Array, from: number, to: number): number {
  return countByteFast(buf, LF, from, to);
}

function setupOf(ctx: FileValidationContext, validator: FileValidator): FilePartSetup {
  const successorRule = ctx.compiled.spec.reorganisations?.successorDeliversBeforeFormation === true;
  let id = specIds.get(ctx.compiled.spec);
  if (id === undefined) specIds.set(ctx.compiled.spec, (id = `${(specCounter += 1)}`));
  // The parts checked on this thread use the spec compiled here.
  if (!compiledSetups.has(id)) rememberCompiled(id, ctx.compiled);
  return {
    id,
    spec: ctx.compiled.spec,
    today: ctx.today,
    ...(ctx.gemeente !== undefined ? { gemeente: ctx.gemeente } : {}),
    ...(ctx.period !== undefined ? { period: ctx.period } : {}),
    collect: [...(ctx.collect ?? new Map<string, readonly string[]>())].map(([type, fields]) => [
      type,
      [...fields],
    ]),
    classification: classificationTable(
      ctx.classification,
      validator.periodDay(),
      successorRule,
      ctx.gemeente,
    ),
  };
}

/** Tables already made, per classification (the server keeps one for the life of the process). */
const tables = new WeakMap<MunicipalClassification, Map<string, ClassificationTable>>();

/**
 * The classification's answers for `day` that a part may ask for (exported for its test). Which codes
 * are gemeenten is the day's list; predecessors are asked (and kept) only for the codes that can have
 * any: a code's predecessors are the gemeenten of `day` whose area went to it later, directly or
 * through gemeenten formed after `day`, so every such code is reached from the day's gemeenten by
 * following successorsOf. Besides those, the delivering gemeente's (asked whatever it is). Without a
 * list for `day` (no classification for its year) every isGemeente throws, no part asks any other code's
 * predecessors, and the table holds only the deliverer's. About 1 ms instead of 10,000 questions of each
 * kind (~70 ms).
 */
export function classificationTable(
  classification: MunicipalClassification,
  day: string | null,
  withPredecessors: boolean,
  deliverer: string | undefined,
): ClassificationTable {
  const key = `${day}|${withPredecessors}|${deliverer ?? ''}`;
  let kept = tables.get(classification);
  const found = kept?.get(key);
  if (found) return found;
  const gemeente = new Uint8Array(10000);
  const predecessors: Array<[string, Predecessor[]]> | null = withPredecessors ? [] : null;
  const predecessorsThrow: string[] = [];
  let predecessorsAsked: string[] | null = null;
  if (day !== null) {
    let list: readonly { gemeentecode: string }[] | null = null;
    try {
      list = classification.gemeentenOn(day);
    } catch {
      gemeente.fill(2);
    }
    for (const g of list ?? []) if (FOUR_DIGITS.test(g.gemeentecode)) gemeente[Number(g.gemeentecode)] = 1;
    if (predecessors) {
      const asked = new Set<string>();
      if (list) {
        const todo = list.map((g) => g.gemeentecode);
        const reached = new Set(todo);
        for (let code = todo.pop(); code !== undefined; code = todo.pop()) {
          for (const next of classification.successorsOf(code, day)) {
            if (reached.has(next.gemeentecode)) continue;
            reached.add(next.gemeentecode);
            todo.push(next.gemeentecode);
            asked.add(next.gemeentecode);
          }
        }
      } else {
        predecessorsAsked = [];
      }
      if (deliverer !== undefined) {
        asked.add(deliverer);
        predecessorsAsked?.push(deliverer);
      }
      for (const text of asked) {
        if (!FOUR_DIGITS.test(text)) continue;
        try {
          const found = classification.predecessorsOf(text, day);
          if (found.length > 0) predecessors.push([text, [...found]]);
        } catch {
          predecessorsThrow.push(text);
        }
      }
    }
  }
  const table = { day, gemeente, predecessors, predecessorsThrow, predecessorsAsked };
  if (!kept) tables.set(classification, (kept = new Map()));
  if (kept.size >= 16) kept.clear();
  kept.set(key, table);
  return table;
}

const FOUR_DIGITS = /^\d{4}$/;

/** The table as a classification; `onMiss` hears of any question it cannot answer. */
function tableClassification(table: ClassificationTable, onMiss: () => void): MunicipalClassification {
  const miss = (): never => {
    onMiss();
    throw new Error('not in the classification table of this part');
  };
  const byCode = new Map(table.predecessors ?? []);
  const throwing = new Set(table.predecessorsThrow);
  const indexOf = (code: string, date: string) =>
    date === table.day && FOUR_DIGITS.test(code) ? Number(code) : -1;
  return {
    years: miss,
    gemeentenOn: miss,
    findGemeente: miss,
    successorsOf: miss,
    isGemeente(code, date) {
      const i = indexOf(code, date);
      if (i < 0) return miss();
      if (table.gemeente[i] === 2) throw new Error('no classification for this year');
      return table.gemeente[i] === 1;
    },
    predecessorsOf(code, date) {
      if (indexOf(code, date) < 0 || table.predecessors === null) return miss();
      if (table.predecessorsAsked !== null && !table.predecessorsAsked.includes(code)) return miss();
      if (throwing.has(code)) throw new Error('no classification for this year');
      return byCode.get(code) ?? [];
    },
  };
}

const compiledSetups = new Map<string, CompiledSpec>();

function rememberCompiled(id: string, compiled: CompiledSpec): void {
  if (compiledSetups.size >= 4) compiledSetups.clear();
  compiledSetups.set(id, compiled);
}

/** Slices a part's bytes are checked in, as the file is read (the single-thread check's chunk size). */
const SLICE_BYTES = 1 << 20;

/**
 * A part's thread (a worker, given the part's bytes): replays the prefix, then checks the part. Its
 * keys go into `keyStorage` when it holds them (an earlier part's, FilePartRunner.recycle).
 */
export function checkFilePart(
  setup: FilePartSetup,
  request: FilePartRequest,
  prefix: Uint8Array,
  bytes: Uint8Array,
  keyStorage?: Int32Array,
): FilePartResult {
  const checker = new PartChecker(setup, request, prefix, bytes.length, keyStorage);
  for (let at = 0; at < bytes.length && !checker.isUnreadable(); at += SLICE_BYTES) {
    checker.push(bytes.subarray(at, Math.min(at + SLICE_BYTES, bytes.length)));
  }
  return checker.finish(request.last);
}

/**
 * One part checked from the state the prefix leaves: on a worker (checkFilePart) or on the thread that
 * reads the file, fed its bytes as they are read. A part that throws is one that cannot be used.
 */
export class PartChecker {
  private readonly validator: FileValidator | null = null;
  private startState = '';
  private missed = false;
  private broken = false;

  constructor(
    setup: FilePartSetup,
    head: PartHead,
    prefix: Uint8Array,
    expectedBytes: number,
    keyStorage?: Int32Array,
  ) {
    let validator: FileValidator | undefined;
    try {
      let compiled = compiledSetups.get(setup.id);
      if (!compiled) rememberCompiled(setup.id, (compiled = compileSpec(setup.spec)));
      const ctx: FileValidationContext = {
        compiled,
        classification: tableClassification(setup.classification, () => (this.missed = true)),
        today: setup.today,
        createHasher: () => {
          throw new Error('a part hashes nothing');
        },
        ...(setup.gemeente !== undefined ? { gemeente: setup.gemeente } : {}),
        ...(setup.period !== undefined ? { period: setup.period } : {}),
        collect: new Map(setup.collect),
      };
      validator = new FileValidator(head.name, head.size, ctx);
      validator.checkFirstChunk(new Uint8Array(0));
      // In part mode already while replaying: the prefix's rows to check for duplicates are kept as a
      // few keys (dropped by beginPart below) instead of in a duplicate detector sized for the whole file.
      validator.beginPart(1);
      validator.push(prefix);
      this.startState = validator.crossPartState();
      // Room for the part's keys, from the prefix's lines (most lines of a file are alike).
      const lineBytes = Math.max(8, head.prefixEnd / Math.max(1, head.prefixLines));
      validator.beginPart(head.line, Math.ceil((expectedBytes / lineBytes) * 1.1) + 64, keyStorage);
      this.validator = validator;
    } catch {
      this.broken = true;
      validator?.release();
    }
  }

  isUnreadable(): boolean {
    return this.broken || this.validator!.isUnreadable();
  }

  /** The part's next bytes, in order (this checker keeps none of them past the call). */
  push(bytes: Uint8Array): void {
    if (this.isUnreadable()) return;
    try {
      this.validator!.push(bytes);
    } catch {
      this.broken = true;
    }
  }

  /** The part's result; `last` when the part runs to the end of the file. */
  finish(last: boolean): FilePartResult {
    try {
      if (this.broken) return { ...emptyPart(), unreadable: true };
      if (last) this.validator!.finishPart();
      return { ...this.validator!.partResult(), startState: this.startState, missed: this.missed };
    } catch {
      return { ...emptyPart(), unreadable: true };
    } finally {
      this.validator?.release();
    }
  }
}
