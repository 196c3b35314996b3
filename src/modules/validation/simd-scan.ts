// A WebAssembly SIMD line splitter for the check's hot path: sixteen bytes a step, it finds a line's
// delimiters and its line feed, writes the field offsets where the record handler reads them, spots
// a byte >= 0x80 and stops at a quote (which the JavaScript scanner handles); and it finds a single
// byte (the NUL check); and, on the fields it split, the checks of a clean row (row-check.ts). The
// project has no wasm toolchain: the module's bytes are written below from the instructions
// (https://webassembly.github.io/spec/core/binary/, helpers in wasm-asm.ts). Node 20+ and current browsers
// run WASM SIMD; where WebAssembly is missing or refused (an old engine, a CSP without
// 'wasm-unsafe-eval') simdScanner() returns null and the callers keep their JavaScript path, which
// gives the same records (reader-properties.test and csv-scanner.test run both).
import { indexOfByte } from './byte-checks.ts';
import { ROW_REGION_BYTES, rowCheckBody, rowsBody } from './row-check.ts';
import {
  ADD,
  AND,
  CTZ,
  EQZ,
  GE_U,
  GT_U,
  I32,
  LT_U,
  name,
  NE,
  OR,
  POPCNT,
  RETURN,
  section,
  SELECT,
  SHL,
  SUB,
  uleb,
  V128,
  vector,
  XOR,
  sleb,
} from './wasm-asm.ts';

/** Bytes the module looks at: a window of the chunk is copied into its memory first. */
export const SCAN_WINDOW = 1 << 18;
/**
 * A line within the window has at most SCAN_WINDOW + 1 fields; `line` writes up to four entries past
 * the count.
 */
const FIELD_CAPACITY = SCAN_WINDOW + 16;
/** The window and the sixteen bytes a vector load may read past it, then the field starts and ends. */
const STARTS_BASE = SCAN_WINDOW + 64;
const ENDS_BASE = STARTS_BASE + FIELD_CAPACITY * 4;
/** Then the row check's table and outputs (row-check.ts). */
export const ROW_BASE = ENDS_BASE + FIELD_CAPACITY * 4;
const PAGES = Math.ceil((ROW_BASE + ROW_REGION_BYTES) / 65536);

export interface SimdScanner {
  /**
   * Set while a caller's records point into `memory`: a nested caller (a record handler that scans)
   * takes its JavaScript path instead of overwriting the window.
   */
  busy: boolean;
  /** The window's bytes: copied in at 0 before calling line or find. */
  readonly memory: Uint8Array;
  /**
   * Splits the line that starts at `at` in memory[0, end): its field starts and ends (positions in
   * memory; the last end is the line feed's) into `starts` and `ends`, and returns fields * 4, + 2
   * when the line holds a space (0x20), + 1 when it holds a byte >= 0x80. -1: no line feed before
   * `end`; -2: a quote before the line feed.
   */
  line(at: number, end: number, delimiter: number, quote: number): number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Index of the first `byte` in memory[0, end), or -1. */
  find(end: number, byte: number): number;
  /** How many times `byte` occurs in memory[0, end). */
  count(end: number, byte: number): number;
  /**
   * The row check (row-check.ts) of the line `line` split last, with `count` fields: 1 when it has
   * nothing to report, 0 when JavaScript must check it.
   */
  row(count: number): number;
  /**
   * The clean lines of the window from `at` at once (row-check.ts, rowsBody): returns where it
   * stopped; how many rows it took and their keys are in the row region.
   */
  rows(
    at: number,
    end: number,
    delimiter: number,
    quote: number,
    maxLineBytes: number,
    count: number,
    capacity: number,
    line: number,
  ): number;
  /** The module's memory as int32 words (the row check's table and outputs at ROW_BASE / 4). */
  readonly words: Int32Array;
  /** The FileValidator whose table the row check's region holds now. */
  rowOwner: unknown;
}

// ----- the module's bytes -------------------------------------------------------------------------

// Instructions used below.
const get = (l: number) => [0x20, ...uleb(l)];
const set = (l: number) => [0x21, ...uleb(l)];
const tee = (l: number) => [0x22, ...uleb(l)];
const i32 = (v: number) => [0x41, ...sleb(v)];
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const IF = [0x04, 0x40];
const ELSE = 0x05;
const END = 0x0b;
const br = (depth: number) => [0x0c, depth];
const brIf = (depth: number) => [0x0d, depth];
const V128_LOAD = [0xfd, 0x00, 0x00, 0x00];
const I8X16_SPLAT = [0xfd, 0x0f];
const I8X16_EQ = [0xfd, 0x23];
const I8X16_BITMASK = [0xfd, 0x64];

/** The smaller (unsigned) of two values, each computed twice (no local to spare for either). */
const minU = (a: number[], b: number[]) => [...a, ...b, ...a, ...b, LT_U, SELECT];

/** p = i + the index of the lowest bit of d: where the block's next delimiter is. */
const lowestBitAt = (i: number, d: number, p: number) => [...get(i), ...get(d), CTZ, ADD, ...set(p)];

/** d &= d - 1: its lowest bit cleared (that delimiter taken). */
const clearLowestBit = (d: number) => [...get(d), ...get(d), ...i32(1), SUB, AND, ...set(d)];

/** The valid-bytes mask of the block at `i` before `end`: 0xffff, or the bits of the bytes left. */
function blockMask(i: number, end: number): number[] {
  return [
    ...i32(0xffff),
    ...i32(1),
    ...get(end),
    ...get(i),
    SUB,
    SHL,
    ...i32(1),
    SUB,
    ...get(end),
    ...get(i),
    SUB,
    ...i32(16),
    GE_U,
    SELECT,
  ];
}

/** line(at, end, delimiter, quote) -> fields * 4 + space * 2 + high, -1 (no line feed) or -2 (a quote). */
function lineBody(): number[] {
  const [AT, END_, DELIM, QUOTE] = [0, 1, 2, 3];
  const [I, N, VALID, L, CUT, D, HI, P, SP] = [4, 5, 6, 7, 8, 9, 10, 11, 12];
  const [VD, VL, VQ, V, VS] = [13, 14, 15, 16, 17];
  const bitmaskOfEq = (splat: number) => [...get(V), ...get(splat), ...I8X16_EQ, ...I8X16_BITMASK];
  // starts[n] = value / ends[n] = value, with n in local N.
  const storeAt = (base: number, value: number[]) => [
    ...get(N),
    ...i32(2),
    SHL,
    ...value,
    0x36,
    0x02,
    ...uleb(base),
  ];
  const code = [
    ...get(DELIM),
    ...I8X16_SPLAT,
    ...set(VD),
    ...i32(10),
    ...I8X16_SPLAT,
    ...set(VL),
    ...get(QUOTE),
    ...I8X16_SPLAT,
    ...set(VQ),
    ...i32(32),
    ...I8X16_SPLAT,
    ...set(VS),
    ...get(AT),
    ...set(I),
    ...storeAt(STARTS_BASE, get(AT)),
    ...LOOP,
    // No line feed before the window's end.
    ...get(I),
    ...get(END_),
    GE_U,
    ...IF,
    ...i32(-1),
    RETURN,
    END,
    ...blockMask(I, END_),
    ...set(VALID),
    ...get(I),
    ...V128_LOAD,
    ...set(V),
    ...bitmaskOfEq(VL),
    ...get(VALID),
    AND,
    ...tee(L),
    // The bytes up to and with the first line feed, or the whole block.
    ...IF.slice(0, 1),
    I32,
    ...get(L),
    ...get(L),
    ...i32(1),
    SUB,
    XOR,
    ELSE,
    ...get(VALID),
    END,
    ...set(CUT),
    ...bitmaskOfEq(VQ),
    ...get(CUT),
    AND,
    ...IF,
    ...i32(-2),
    RETURN,
    END,
    ...get(HI),
    ...get(V),
    ...I8X16_BITMASK,
    ...get(CUT),
    AND,
    OR,
    ...set(HI),
    ...get(SP),
    ...bitmaskOfEq(VS),
    ...get(CUT),
    AND,
    OR,
    ...set(SP),
    ...bitmaskOfEq(VD),
    ...get(CUT),
    AND,
    ...tee(D),
    // The block's first four delimiters without a branch per delimiter (their number varies from
    // block to block, so the loop's exit was mispredicted about once a block): each writes its end
    // and the next field's start whether it exists or not (beyond the count they are overwritten
    // later: FIELD_CAPACITY has room), and the count grows by at most four; more go through the loop.
    POPCNT,
    ...set(VALID),
    ...[0, 1, 2, 3].flatMap((k) => [
      ...lowestBitAt(I, D, P),
      ...storeAt(ENDS_BASE + 4 * k, get(P)),
      ...storeAt(STARTS_BASE + 4 * (k + 1), [...get(P), ...i32(1), ADD]),
      ...clearLowestBit(D),
    ]),
    ...get(N),
    ...minU(get(VALID), i32(4)),
    ADD,
    ...set(N),
    ...BLOCK,
    ...LOOP,
    ...get(D),
    EQZ,
    ...brIf(1),
    ...lowestBitAt(I, D, P),
    ...storeAt(ENDS_BASE, get(P)),
    ...get(N),
    ...i32(1),
    ADD,
    ...set(N),
    ...storeAt(STARTS_BASE, [...get(P), ...i32(1), ADD]),
    ...clearLowestBit(D),
    ...br(0),
    END,
    END,
    ...get(L),
    ...IF,
    ...storeAt(ENDS_BASE, [...get(I), ...get(L), CTZ, ADD]),
    ...get(N),
    ...i32(1),
    ADD,
    ...i32(2),
    SHL,
    ...get(SP),
    ...i32(0),
    NE,
    ...i32(1),
    SHL,
    OR,
    ...get(HI),
    ...i32(0),
    NE,
    OR,
    RETURN,
    END,
    ...get(I),
    ...i32(16),
    ADD,
    ...set(I),
    ...br(0),
    END,
    ...i32(-1),
    END,
  ];
  const locals = vector([
    [...uleb(9), I32],
    [...uleb(5), V128],
  ]);
  return [...locals, ...code];
}

/** find(end, byte) -> index or -1. */
function findBody(): number[] {
  const [END_, BYTE] = [0, 1];
  const [I, HIT] = [2, 3];
  const VB = 4;
  const code = [
    ...get(BYTE),
    ...I8X16_SPLAT,
    ...set(VB),
    ...BLOCK,
    ...LOOP,
    ...get(I),
    ...get(END_),
    GE_U,
    ...brIf(1),
    ...get(I),
    ...V128_LOAD,
    ...get(VB),
    ...I8X16_EQ,
    ...I8X16_BITMASK,
    ...blockMask(I, END_),
    AND,
    ...tee(HIT),
    ...IF,
    ...get(I),
    ...get(HIT),
    CTZ,
    ADD,
    RETURN,
    END,
    ...get(I),
    ...i32(16),
    ADD,
    ...set(I),
    ...br(0),
    END,
    END,
    ...i32(-1),
    END,
  ];
  const locals = vector([
    [...uleb(2), I32],
    [...uleb(1), V128],
  ]);
  return [...locals, ...code];
}

/**
 * count(end, byte) -> how many times `byte` occurs in memory[0, end). Whole blocks add their matches
 * (an equal lane is -1) into sixteen byte counters, summed every 255 blocks before they can wrap: one
 * compare and one subtract per sixteen bytes. Before, each block took a bitmask, a popcount and the
 * partial-block mask (~12 instructions): ~11 ms of the reading thread's time for a 70 MB file in parts
 * (it counts every part's lines).
 */
function countBody(): number[] {
  const [END_, BYTE] = [0, 1];
  const [I, N, STOP] = [2, 3, 4];
  const [VB, ACC] = [5, 6];
  const I8X16_SUB = [0xfd, 0x71];
  const I16X8_EXTADD_PAIRWISE_I8X16_U = [0xfd, 0x7d];
  const I32X4_EXTADD_PAIRWISE_I16X8_U = [0xfd, 0x7f];
  const I32X4_EXTRACT_LANE = (lane: number) => [0xfd, 0x1b, lane];
  const V128_ZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
  const code = [
    ...get(BYTE),
    ...I8X16_SPLAT,
    ...set(VB),
    ...BLOCK,
    ...LOOP,
    // Rounds of at most 255 whole blocks.
    ...get(I),
    ...i32(16),
    ADD,
    ...get(END_),
    GT_U,
    ...brIf(1),
    // stop = min(end & ~15, i + 255 * 16)
    ...minU([...get(END_), ...i32(-16), AND], [...get(I), ...i32(255 * 16), ADD]),
    ...set(STOP),
    ...V128_ZERO,
    ...set(ACC),
    ...LOOP,
    ...get(ACC),
    ...get(I),
    ...V128_LOAD,
    ...get(VB),
    ...I8X16_EQ,
    ...I8X16_SUB,
    ...set(ACC),
    ...get(I),
    ...i32(16),
    ADD,
    ...tee(I),
    ...get(STOP),
    LT_U,
    ...brIf(0),
    END,
    ...get(ACC),
    ...I16X8_EXTADD_PAIRWISE_I8X16_U,
    ...I32X4_EXTADD_PAIRWISE_I16X8_U,
    ...set(ACC),
    ...get(N),
    ...[0, 1, 2, 3].flatMap((lane) => [...get(ACC), ...I32X4_EXTRACT_LANE(lane), ADD]),
    ...set(N),
    ...br(0),
    END,
    END,
    // The last bytes, fewer than sixteen: one masked block (the window has room to read past them).
    ...get(I),
    ...get(END_),
    LT_U,
    ...IF,
    ...get(N),
    ...get(I),
    ...V128_LOAD,
    ...get(VB),
    ...I8X16_EQ,
    ...I8X16_BITMASK,
    ...blockMask(I, END_),
    AND,
    POPCNT,
    ADD,
    ...set(N),
    END,
    ...get(N),
    END,
  ];
  const locals = vector([
    [...uleb(3), I32],
    [...uleb(2), V128],
  ]);
  return [...locals, ...code];
}

/** The module's bytes (exported for the test that checks they validate). */
export function simdScanModuleBytes(): Uint8Array<ArrayBuffer> {
  const body = (code: number[]) => [...uleb(code.length), ...code];
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(
      1,
      vector([
        [0x60, ...vector([[I32], [I32], [I32], [I32]]), ...vector([[I32]])],
        [0x60, ...vector([[I32], [I32]]), ...vector([[I32]])],
        [0x60, ...vector([[I32]]), ...vector([[I32]])],
        [0x60, ...vector([[I32], [I32], [I32], [I32], [I32], [I32], [I32], [I32]]), ...vector([[I32]])],
      ]),
    ),
    ...section(3, vector([[0], [1], [1], [2], [3]])),
    ...section(5, vector([[0x00, ...uleb(PAGES)]])),
    ...section(
      7,
      vector([
        [...name('line'), 0x00, 0],
        [...name('find'), 0x00, 1],
        [...name('memory'), 0x02, 0],
        [...name('count'), 0x00, 2],
        [...name('row'), 0x00, 3],
        [...name('rows'), 0x00, 4],
      ]),
    ),
    ...section(
      10,
      vector([
        body(lineBody()),
        body(findBody()),
        body(countBody()),
        body(rowCheckBody(STARTS_BASE, ENDS_BASE, ROW_BASE)),
        body(rowsBody(STARTS_BASE, ENDS_BASE, ROW_BASE)),
      ]),
    ),
  ];
  return new Uint8Array(bytes);
}

// ----- instance -----------------------------------------------------------------------------------

let instance: SimdScanner | null | undefined;
let disabled = false;
let compiled: WebAssembly.Module | null = null;

/**
 * The module compiled in this thread (null where WebAssembly SIMD is not available), for another
 * thread to use (adoptSimdModule): writing its bytes costs ~12 ms in a thread's fresh isolate, and
 * compiled wasm code is shared between the threads of a process.
 */
export function simdScanModule(): WebAssembly.Module | null {
  return simdScanner() === null ? null : compiled;
}

/** The module another thread compiled (simdScanModule), instead of writing and compiling it here. */
export function adoptSimdModule(module: WebAssembly.Module): void {
  if (instance === undefined) compiled = module;
}

/** For tests: run the JavaScript path (true) or the SIMD one again (false). */
export function disableSimdScanner(off: boolean): void {
  disabled = off;
}

/**
 * The module of this thread, made on first use (a synchronous compile of ~3 kB, which browsers
 * allow on the main thread); null where WebAssembly SIMD is not available (then the JavaScript path
 * runs). One per thread: it is used synchronously, one window at a time.
 */
export function simdScanner(): SimdScanner | null {
  if (disabled) return null;
  if (instance !== undefined) return instance;
  instance = null;
  try {
    if (typeof WebAssembly !== 'object') return null;
    compiled ??= new WebAssembly.Module(simdScanModuleBytes());
    const module = compiled;
    const exports = new WebAssembly.Instance(module).exports as {
      find: (end: number, byte: number) => number;
      count: (end: number, byte: number) => number;
      line: (at: number, end: number, delimiter: number, quote: number) => number;
      row: (count: number) => number;
      rows: SimdScanner['rows'];
      memory: WebAssembly.Memory;
    };
    instance = {
      busy: false,
      memory: new Uint8Array(exports.memory.buffer),
      find: exports.find,
      count: exports.count,
      line: exports.line,
      row: exports.row,
      rows: exports.rows,
      words: new Int32Array(exports.memory.buffer),
      rowOwner: null,
      starts: new Int32Array(exports.memory.buffer, STARTS_BASE, FIELD_CAPACITY),
      ends: new Int32Array(exports.memory.buffer, ENDS_BASE, FIELD_CAPACITY),
    };
  } catch {
    instance = null;
  }
  return instance;
}

/**
 * buf.indexOf(byte, from) within `to`, as byte-checks' indexOfByte: through the SIMD module window
 * by window where it runs (and no caller's records point into its memory), else indexOfByte.
 */
export function indexOfByteFast(buf: Uint8Array, byte: number, from: number, to: number): number {
  const scanner = simdScanner();
  if (scanner === null || scanner.busy || to - from < 256) return indexOfByte(buf, byte, from, to);
  const memory = scanner.memory;
  for (let start = from; start < to; start += SCAN_WINDOW) {
    const end = Math.min(start + SCAN_WINDOW, to);
    memory.set(buf.subarray(start, end), 0);
    const found = scanner.find(end - start, byte);
    if (found >= 0) return start + found;
  }
  return -1;
}

/** How many times `byte` occurs in buf[from, to): through the SIMD module where it runs, else by indexOf. */
export function countByteFast(buf: Uint8Array, byte: number, from: number, to: number): number {
  const scanner = simdScanner();
  let n = 0;
  if (scanner === null || scanner.busy || to - from < 256) {
    for (let i = buf.indexOf(byte, from); i >= 0 && i < to; i = buf.indexOf(byte, i + 1)) n += 1;
    return n;
  }
  const memory = scanner.memory;
  for (let start = from; start < to; start += SCAN_WINDOW) {
    const end = Math.min(start + SCAN_WINDOW, to);
    memory.set(buf.subarray(start, end), 0);
    n += scanner.count(end - start, byte);
  }
  return n;
}
