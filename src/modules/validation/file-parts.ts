// A large file checked in parts on several threads, with the report the single-thread check gives.
//
// This thread reads the file once, in order: it hashes every byte, checks the first lines itself (the
// header and at least one data row: the prefix), then cuts the rest at line feeds into parts of about
// partBytes and hands each to the runner (worker threads in Node, see modules/validation-threads).
// A part's thread replays the prefix (so it knows the header, the file's gemeente and period, the first
// values of sameValue rules) and then checks the part's records from their true line numbers. The
// parts' results are taken in here in file order: findings (the first 100 per code over all parts, as
// one list would keep them), counts, and every row's key hash, which go into this thread's one
// duplicate detector exactly as the single-thread check would add them; the second duplicate pass, when
// needed, reads the file here.
//
// A part is right only when the state its records depend on is what the whole file has at its start
// (crossPartState: file type, encoding fallback, first gemeente and period, first sameValue values, …)
// and when it ends between two records (a line feed inside a quoted field is no place to cut). Each
// part reports the state it started from and ended with; if any differs from the prefix's, or a part
// found the file unreadable or asked the classification something it was not given, the parts are
// thrown away and the file is checked again on one thread. So the result is always the single-thread
// result; the parts only make the usual file faster. A part's thread reads its bytes from the file
// again: the same happens when those bytes are not the ones this thread read (the runner's keyed
// digests differ), so a file changed between the two reads is never judged on bytes this thread did
// not read (and, for a stored file, authenticate).
//
// Pure: no Node built-ins; the runner brings the threads and the file reading.
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
  /** The prefix checked here runs at least to the first line feed from this many bytes. */
  prefixBytes: number;
  /** Whether the runner's threads can read this source themselves (a file on disk). */
  accepts(source: ByteSource): boolean;
  /**
   * A digest of bytes, keyed so that no one who can change the file can predict it, the same as the
   * one a part's thread takes of the bytes it read (PartRead). A part's thread reads the file again
   * itself: a file changed after this thread read it (a decrypted file whose tag this thread checked)
   * would otherwise be judged on bytes this thread never saw. A part is used only when its thread read
   * exactly the bytes this one did.
   */
  createDigest(): ByteDigest;
  run(
    source: ByteSource,
    setup: FilePartSetup,
    request: FilePartRequest,
    cancel: { cancelled: boolean },
  ): Promise<PartRead>;
  /**
   * Takes back a part's keys once they are taken in here, for a later part to write its keys into
   * (memory this thread has touched costs no page faults again).
   */
  recycle?(keys: Int32Array): void;
  /** Told how each file split was settled (for tests and benchmarks). */
  onSettled?: (name: string, outcome: 'parts' | 'one-thread', parts: number) => void;
}

export interface ByteDigest {
  update(bytes: Uint8Array): void;
  /** The digest of every byte given; the digest is done with after this. */
  digest(): string;
}

/** A part's result, with the digests (FilePartRunner.createDigest) of the bytes its thread read. */
export interface PartRead extends FilePartResult {
  /** Of bytes [0, prefixEnd) and of [start, end) as the part's thread read them. */
  digests: { prefix: string; part: string };
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

/** One part: bytes [start, end) of the file, starting at physical line `line`. */
export interface FilePartRequest {
  name: string;
  size: number;
  /** The prefix to replay first: bytes [0, prefixEnd), lines [1, prefixLines]. */
  prefixEnd: number;
  prefixLines: number;
  start: number;
  end: number;
  line: number;
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
  let bytes = 0;
  /** The physical line at `bytes` while cutting (1 + the line feeds before). */
  let lines = 1;
  let phase = PREFIX;
  let prefixEnd = 0;
  let prefixLines = 0;
  let partStart = 0;
  let partLine = 0;
  let parts = 0;
  let seed = '';
  let setup: FilePartSetup | null = null;
  let failed = false;
  let merged: Promise<void> = Promise.resolve();
  // The digests of what this thread read: of the prefix, then of each part (see createDigest).
  let digest = runner.createDigest();
  let prefixDigest = '';
  const dispatch = (start: number, end: number, line: number, last: boolean) => {
    const expected = { prefix: prefixDigest, part: digest.digest() };
    digest = runner.createDigest();
    parts += 1;
    const request: FilePartRequest = {
      name: source.name,
      size: source.size,
      prefixEnd,
      prefixLines,
      start,
      end,
      line,
      last,
    };
    const result = runner.run(source, setup!, request, cancel);
    // Settled in the chain below; this keeps a rejection from counting as unhandled meanwhile.
    result.catch(() => undefined);
    merged = merged.then(async () => {
      if (failed) return;
      let part: PartRead;
      try {
        part = await result;
      } catch {
        part = { ...EMPTY_PART, unreadable: true };
      }
      const usable =
        part.digests.prefix === expected.prefix &&
        part.digests.part === expected.part &&
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
          validator.push(chunk.subarray(pos, end));
          digest.update(chunk.subarray(pos, end));
          lines += countLineFeeds(chunk, pos, end);
          pos = end;
          if (lf >= 0 && validator.canSplitHere()) {
            phase = PARTS;
            prefixDigest = digest.digest();
            digest = runner.createDigest();
            prefixEnd = offset + end;
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
        const want = partStart + runner.partBytes - 1 - offset;
        const lf = want < chunk.length ? chunk.indexOf(LF, Math.max(pos, want)) : -1;
        if (lf < 0) {
          lines += countLineFeeds(chunk, pos, chunk.length);
          digest.update(chunk.subarray(pos));
          break;
        }
        lines += countLineFeeds(chunk, pos, lf + 1);
        digest.update(chunk.subarray(pos, lf + 1));
        pos = lf + 1;
        dispatch(partStart, offset + pos, partLine, false);
        partStart = offset + pos;
        partLine = lines;
      }
    }
    if (phase === PARTS) {
      if (partStart < bytes) dispatch(partStart, bytes, partLine, true);
      await merged;
    }
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
  return finishValidation(validator, source, hasher, bytes);
}

/** A failed part, for a runner that could not run one. */
const EMPTY_PART: PartRead = {
  digests: { prefix: '', part: '' },
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
  firstLineBytes: 0,
};

function countLineFeeds(buf: Uint8Array, from: number, to: number): number {
  return countByteFast(buf, LF, from, to);
}

function setupOf(ctx: FileValidationContext, validator: FileValidator): FilePartSetup {
  const successorRule = ctx.compiled.spec.reorganisations?.successorDeliversBeforeFormation === true;
  let id = specIds.get(ctx.compiled.spec);
  if (id === undefined) specIds.set(ctx.compiled.spec, (id = `${(specCounter += 1)}`));
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

/**
 * A part's thread: replays the prefix, then checks the part. `read` gives bytes [start, end) of the
 * file in order, in chunks valid until the next one is asked for. The part's keys go into
 * `keyStorage` when it holds them (an earlier part's, FilePartRunner.recycle).
 */
export async function checkFilePart(
  setup: FilePartSetup,
  request: FilePartRequest,
  read: (start: number, end: number) => AsyncIterable<Uint8Array>,
  keyStorage?: Int32Array,
): Promise<FilePartResult> {
  let compiled = compiledSetups.get(setup.id);
  if (!compiled) {
    compiled = compileSpec(setup.spec);
    if (compiledSetups.size >= 4) compiledSetups.clear();
    compiledSetups.set(setup.id, compiled);
  }
  let missed = false;
  const ctx: FileValidationContext = {
    compiled,
    classification: tableClassification(setup.classification, () => (missed = true)),
    today: setup.today,
    createHasher: () => {
      throw new Error('a part hashes nothing');
    },
    ...(setup.gemeente !== undefined ? { gemeente: setup.gemeente } : {}),
    ...(setup.period !== undefined ? { period: setup.period } : {}),
    collect: new Map(setup.collect),
  };
  const validator = new FileValidator(request.name, request.size, ctx);
  validator.checkFirstChunk(new Uint8Array(0));
  // In part mode already while replaying: the prefix's rows to check for duplicates are kept as a few
  // keys (dropped by beginPart below) instead of in a duplicate detector sized for the whole file.
  validator.beginPart(1);
  for await (const chunk of read(0, request.prefixEnd)) validator.push(chunk);
  const startState = validator.crossPartState();
  // Room for the part's keys, from the prefix's lines (most lines of a file are alike).
  const lineBytes = Math.max(8, request.prefixEnd / Math.max(1, request.prefixLines));
  validator.beginPart(
    request.line,
    Math.ceil(((request.end - request.start) / lineBytes) * 1.1) + 64,
    keyStorage,
  );
  for await (const chunk of read(request.start, request.end)) {
    validator.push(chunk);
    if (validator.isUnreadable()) break;
  }
  if (request.last) validator.finishPart();
  return { ...validator.partResult(), startState, missed };
}
