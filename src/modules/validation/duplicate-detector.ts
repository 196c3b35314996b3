// Finds duplicate lines and duplicate keys in memory that does not grow with the file.
//
// Rows are known by a 48-bit fingerprint of their 64-bit key hash (its top 16 bits and its low 32).
// First pass (the full check), one of two ways, chosen from the expected number of rows:
// - up to 5.5 million rows, exactly: every row's fingerprint is appended to one of 256 partitions by
//   its top 8 bits (sequential writes; a hash table over all rows would cost a cache miss per row),
//   which leaves 5 bytes per row to store, and its status (clean, warning, error) goes into 2 bits per
//   line. At the end each partition, small enough to stay in cache, is searched for repeated
//   fingerprints. A clean file is then done: no second pass. (Two of 5 million distinct keys share a
//   48-bit fingerprint with a chance of about 4%; that only costs a second pass that finds nothing.)
// - beyond that (or when a file turns out longer than expected), in fixed memory: a Bloom filter of
//   8 MB takes every fingerprint; a row whose fingerprint it may have seen is a candidate (12 bytes:
//   key hash, line and status). Memory is the same for 6 million rows as for 30 million; the price is
//   a second pass for the filter's false positives. The rows taken exactly before the switch stay
//   exact: their repeated fingerprints are kept, and all their fingerprints go into the filter.
// Either way the second pass knows the fingerprints of rows whose key may repeat.
//
// Second pass, only when there are such fingerprints: the source is read again (scanning and hashing
// only, no field checks) up to the last row that may repeat a key. Rows with such a fingerprint are
// looked up by a 128-bit key hash (the 64-bit hash and a second one with other seeds) and, for
// duplicate lines, by that plus a 64-bit hash of the raw line; the first row with a key (or a line)
// is found as a table of all rows would find it. A false duplicate needs both key hashes to collide at
// once (chance about rows^2 / 2^129, below 10^-24 for 30 million rows).
//
// Duplicates come out in line order during the second pass. Only a file full of duplicates needs
// memory for them.
import { KeyHashSet } from './key-hash-set.ts';
import { releaseMemory } from '../../platform/bytes/release-memory.ts';

/** Row status (0 clean, 1 warning, 2 error) rides in the top bits of a candidate's line number. */
const STATUS_SHIFT = 30;
const LINE_MASK = (1 << STATUS_SHIFT) - 1;
/** Candidates (filter way): keyHi, keyLo, line | status << 30. Int32, so V8 never boxes the halves. */
const STRIDE = 3;
const PARTITION_BITS = 8;
const PARTITIONS = 1 << PARTITION_BITS;
/** 8 MB (a power of two). */
const FILTER_BYTES = 8 * 1024 * 1024;
/** The exact way while it holds at most this many rows (5 bytes each, and 2 bits of status per line). */
const MAX_EXACT_ROWS = 5_500_000;
/** Second pass: a bitmap of the candidates' prefilter values (see add), 2^20 bits. */
const PREFILTER_BITS = 20;
const EMPTY = new Int32Array(0);
const EMPTY_BYTES: Uint8Array = new Uint8Array(0);

export const DUPLICATE_LINE = 1;
export const DUPLICATE_KEY = 2;

/** Called in line order for every duplicate row. */
export type DuplicateHandler = (kind: number, line: number, firstLine: number, rowStatus: number) => void;

/**
 * Whether a detector for this many expected rows starts the exact way (the estimate comes from one
 * line's length, so it may be off either way: up to 1.5 times the limit the exact way is tried).
 */
export function startsExact(expectedRows: number, maxExactRows = MAX_EXACT_ROWS): boolean {
  return expectedRows <= maxExactRows * 1.5;
}

/**
 * A part's keys grouped by the detector's partitions (groupKeys): the thread that checked the part
 * does the scatter, so the thread that reads the file only copies each partition's run (addPart).
 */
export interface GroupedKeys {
  /** Partition p's rows are [offsets[p], offsets[p + 1]) of lo and hi. */
  offsets: Int32Array;
  /** keyLo, and the 8 bits of keyHi after the partition's (as the partitions keep them). */
  lo: Int32Array;
  hi: Uint8Array;
}

/**
 * `keys` (entries of `stride` numbers: keyHi, keyLo, …) grouped by partition, each partition's rows in
 * their order in `keys` (a stable counting sort), so addPart fills the partitions exactly as add() would.
 */
export function groupKeys(keys: Int32Array, stride: number): GroupedKeys {
  const count = Math.floor(keys.length / stride);
  const offsets = new Int32Array(PARTITIONS + 1);
  for (let i = 0; i < count * stride; i += stride) offsets[(keys[i]! >>> (32 - PARTITION_BITS)) + 1]! += 1;
  for (let p = 0; p < PARTITIONS; p++) offsets[p + 1]! += offsets[p]!;
  const next = offsets.slice(0, PARTITIONS);
  const lo = new Int32Array(count);
  const hi = new Uint8Array(count);
  for (let i = 0; i < count * stride; i += stride) {
    const keyHi = keys[i]!;
    const at = next[keyHi >>> (32 - PARTITION_BITS)]!++;
    lo[at] = keys[i + 1]!;
    hi[at] = keyHi >>> 16;
  }
  return { offsets, lo, hi };
}

/**
 * The repeated fingerprints of one partition, into `repeats`. A function of its own: as the inner loop
 * of findRepeatedKeys it was optimized on stack replacement and thrown out again each time it ended (V8's
 * "exit from OSR'd inner loop", 30 times in a 1M-row check), so most partitions ran in the slower tiers.
 */
function searchPartition(
  p: number,
  partLo: Int32Array,
  partHi: Uint8Array,
  rows: number,
  table: Int32Array,
  repeats: KeyHashSet,
): void {
  const mask = table.length - 1;
  for (let r = 0; r < rows; r++) {
    const lo = partLo[r]!;
    const hi = partHi[r]!;
    let slot = (Math.imul(lo ^ hi, 0x9e3779b1) >>> 7) & mask;
    for (;;) {
      const stored = table[slot]!;
      if (stored === 0) {
        table[slot] = r + 1;
        break;
      }
      if (partLo[stored - 1] === lo && partHi[stored - 1] === hi) {
        repeats.addOrGetLine((p << 8) | hi, lo, 1);
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
}

export class DuplicateDetector {
  // Exact way: partitions by the top 8 bits of keyHi; per row keyLo and the next 8 bits of keyHi.
  private partLo: Int32Array[] = [];
  private partHi: Uint8Array[] = [];
  private readonly fill = new Int32Array(PARTITIONS);
  private rows = 0;
  private exact: boolean;
  /** Exact way: 2 bits of row status per line (4 lines a byte). */
  private status: Uint8Array = EMPTY_BYTES;
  /** The last line taken the exact way (0: none); rows up to it have their status in `status`. */
  private exactEndLine = 0;
  /** Fingerprints (hi16, lo) repeated among the rows taken the exact way. */
  private exactRepeats: KeyHashSet | null = null;
  // Filter way: blocks of two 32-bit words; a fingerprint sets three bits in each word of its block.
  private filter = EMPTY;
  private blockMask = 0;
  private candidates = new Int32Array(64 * STRIDE);
  /** The filter way from the first row: candidates' prefilter values, so the second pass can skip most rows cheaply. */
  private prefilter: Uint32Array | null = null;
  private candidateCount = 0;
  private firstPassDone = false;
  private readonly maxExactRows: number;
  // Second pass.
  private candidateKeys: KeyHashSet | null = null;
  private byKey: WideLineTable | null = null;
  private byLine: WideLineTable | null = null;
  private next = 0;
  private lastCandidateLine = 0;

  /**
   * `checkLines`/`checkKeys`: which rules apply. Without a key rule the caller passes a hash of the
   * line as the key; without a line rule a repeated key is always a duplicate key.
   */
  constructor(
    expectedRows: number,
    private readonly checkLines: boolean,
    private readonly checkKeys: boolean,
    /** Tests pass a small filter to exercise the filter way and the switch to it. */
    private readonly filterBytes = FILTER_BYTES,
    maxExactRows = MAX_EXACT_ROWS,
  ) {
    this.maxExactRows = maxExactRows;
    // Partitions fill evenly (a fingerprint's top bits are uniform): a little slack suffices, and a
    // partition that overflows grows on its own.
    // The estimate comes from the first line's length, so it may be off either way: up to 1.5 times
    // the limit the exact way is tried (it takes over into the filter at the limit itself). Arrays are
    // sized for at most the limit; only the pages rows are written to count.
    const average = Math.min(expectedRows, this.maxExactRows) / PARTITIONS;
    const perPartition = Math.ceil(average + 4 * Math.sqrt(average) + 8);
    this.exact = startsExact(expectedRows, this.maxExactRows);
    if (this.exact) {
      // One allocation per array for all partitions: large enough to be mapped fresh, so only the
      // pages rows are written to get touched (page faults are the main cost of this memory).
      const lo = new Int32Array(perPartition * PARTITIONS);
      const hi = new Uint8Array(perPartition * PARTITIONS);
      for (let p = 0; p < PARTITIONS; p++) {
        this.partLo.push(lo.subarray(p * perPartition, (p + 1) * perPartition));
        this.partHi.push(hi.subarray(p * perPartition, (p + 1) * perPartition));
      }
      this.status = new Uint8Array(Math.ceil((Math.min(expectedRows, this.maxExactRows) * 1.05 + 64) / 4));
    } else {
      this.startFilter();
      this.prefilter = new Uint32Array((1 << PREFILTER_BITS) / 32);
    }
  }

  /** Whether add() uses its `prefilter` argument; when not, the caller may pass 0 without deriving it. */
  get keepsPrefilter(): boolean {
    return this.prefilter !== null;
  }

  /**
   * First pass, every row: `line` below 2^30, `rowStatus` 0, 1 or 2. `prefilter`: any number the
   * caller derives cheaply from the key (rows with equal keys give equal numbers), so the second pass
   * can rule out most rows without hashing their key; 0 when it has none.
   */
  add(keyHi: number, keyLo: number, line: number, rowStatus: number, prefilter: number): void {
    if (!this.exact) {
      const entry = (line & LINE_MASK) | (rowStatus << STATUS_SHIFT);
      if (this.addToFilter(keyHi >>> 16, keyLo, true) && this.pushCandidate(keyHi, keyLo, entry)) {
        const map = this.prefilter;
        if (map !== null) {
          const bit = prefilter >>> (32 - PREFILTER_BITS);
          map[bit >>> 5]! |= 1 << (bit & 31);
        }
      }
      return;
    }
    const p = keyHi >>> (32 - PARTITION_BITS);
    if (this.fill[p]! >= this.partLo[p]!.length && this.rows >= this.maxExactRows) {
      this.switchToFilter();
      this.add(keyHi, keyLo, line, rowStatus, prefilter);
      return;
    }
    this.appendExact(keyHi, keyLo);
    this.rows += 1;
    let status = this.status;
    if (line >>> 2 >= status.length) status = this.growStatus(line);
    status[line >>> 2]! |= rowStatus << ((line & 3) << 1);
    this.exactEndLine = line;
  }

  /**
   * add() for `count` rows without findings (status 0) on the lines from `line` on, one after the
   * other, whose entries lie `stride` words apart in `words` from `from` (keyHi, keyLo, …, the
   * prefilter value at 4): the wasm rows()'s batch, taken in one loop here instead of a call per row
   * from the thread's validator (~13 ms of a 1M-row check on one thread).
   */
  addClean(words: Int32Array, from: number, count: number, line: number, stride: number): void {
    if (count <= 0) return;
    if (!this.exact || this.rows + count > this.maxExactRows) {
      const keep = this.prefilter !== null;
      for (let i = 0, at = from; i < count; i++, at += stride) {
        this.add(words[at]!, words[at + 1]!, line + i, 0, keep ? words[at + 4]! : 0);
      }
      return;
    }
    const last = line + count - 1;
    if (last >>> 2 >= this.status.length) this.growStatus(last);
    for (let i = 0, at = from; i < count; i++, at += stride) this.appendExact(words[at]!, words[at + 1]!);
    this.rows += count;
    this.exactEndLine = last;
  }

  /** Exact way: the fingerprint appended to its partition (grown when full; the caller checks the limit). */
  private appendExact(keyHi: number, keyLo: number): void {
    const p = keyHi >>> (32 - PARTITION_BITS);
    let lo = this.partLo[p]!;
    const at = this.fill[p]!;
    if (at >= lo.length) lo = this.growPartition(p);
    lo[at] = keyLo;
    this.partHi[p]![at] = keyHi >>> 16;
    this.fill[p] = at + 1;
  }

  /**
   * add() for every entry of `keys` (keyHi, keyLo, line, row status, prefilter value, and `stride`
   * numbers per entry, lines rising), as a part's result carries them. With the part's `grouped` keys
   * and room for them all the exact way, each partition's run is copied at once: ~37 ns a row for add()
   * on the thread that reads the file (~40 ms of a 1M-row file's 0.26 s in parts), where the part's own
   * thread grouped them. Otherwise (the filter way, or a part that may take the detector past the exact
   * way's limit) row by row.
   */
  addPart(keys: Int32Array, stride: number, grouped: GroupedKeys | null): void {
    const count = Math.floor(keys.length / stride);
    if (count === 0) return;
    if (
      grouped === null ||
      !this.exact ||
      this.rows + count > this.maxExactRows ||
      grouped.lo.length !== count
    ) {
      const keep = this.prefilter !== null;
      for (let i = 0; i < count * stride; i += stride) {
        this.add(keys[i]!, keys[i + 1]!, keys[i + 2]!, keys[i + 3]!, keep ? keys[i + 4]! : 0);
      }
      return;
    }
    const { offsets, lo, hi } = grouped;
    for (let p = 0; p < PARTITIONS; p++) {
      const from = offsets[p]!;
      const n = offsets[p + 1]! - from;
      if (n === 0) continue;
      const at = this.fill[p]!;
      while (at + n > this.partLo[p]!.length) this.growPartition(p);
      this.partLo[p]!.set(lo.subarray(from, from + n), at);
      this.partHi[p]!.set(hi.subarray(from, from + n), at);
      this.fill[p] = at + n;
    }
    this.rows += count;
    const last = keys[(count - 1) * stride + 2]!;
    let status = this.status;
    if (last >>> 2 >= status.length) status = this.growStatus(last);
    for (let i = 0; i < count * stride; i += stride) {
      const rowStatus = keys[i + 3]!;
      if (rowStatus !== 0) {
        const line = keys[i + 2]!;
        status[line >>> 2]! |= rowStatus << ((line & 3) << 1);
      }
    }
    this.exactEndLine = last;
  }

  private growPartition(p: number): Int32Array {
    const size = Math.max(this.partLo[p]!.length * 2, 16);
    const lo = new Int32Array(size);
    lo.set(this.partLo[p]!);
    const hi = new Uint8Array(size);
    hi.set(this.partHi[p]!);
    this.partLo[p] = lo;
    this.partHi[p] = hi;
    return lo;
  }

  private growStatus(line: number): Uint8Array {
    const grown = new Uint8Array(Math.max(this.status.length * 2, (line >>> 2) + 64));
    grown.set(this.status);
    this.status = grown;
    return grown;
  }

  private startFilter(): void {
    this.filter = new Int32Array(this.filterBytes / 4);
    this.blockMask = this.filterBytes / 8 - 1;
  }

  /** Adds a fingerprint (hi16, lo); returns true when the filter may have seen it before. */
  private addToFilter(hi16: number, lo: number, report: boolean): boolean {
    const filter = this.filter;
    const b = (lo & this.blockMask) << 1;
    let m = Math.imul(lo ^ Math.imul(hi16, 0x9e3779b1), 0x85ebca6b);
    m ^= m >>> 15;
    const m0 = (1 << (m & 31)) | (1 << ((m >>> 5) & 31)) | (1 << ((m >>> 10) & 31));
    const m1 = (1 << ((m >>> 15) & 31)) | (1 << ((m >>> 20) & 31)) | (1 << ((m >>> 25) & 31));
    const w0 = filter[b]!;
    const w1 = filter[b + 1]!;
    if ((w0 & m0) !== m0 || (w1 & m1) !== m1) {
      filter[b] = w0 | m0;
      filter[b + 1] = w1 | m1;
      return false;
    }
    return report;
  }

  private pushCandidate(keyHi: number, keyLo: number, entry: number): true {
    let at = this.candidateCount * STRIDE;
    if (at + STRIDE > this.candidates.length) {
      const grown = new Int32Array(this.candidates.length * 2);
      grown.set(this.candidates);
      this.candidates = grown;
    }
    const c = this.candidates;
    c[at++] = keyHi;
    c[at++] = keyLo;
    c[at] = entry;
    this.candidateCount += 1;
    return true;
  }

  /**
   * More rows than the exact way holds: the rows so far keep their exact verdict (their repeated
   * fingerprints), and all their fingerprints go into the filter for the rows still to come.
   */
  private switchToFilter(): void {
    this.findRepeatedKeys();
    this.exact = false;
    this.startFilter();
    for (let p = 0; p < PARTITIONS; p++) {
      const lo = this.partLo[p]!;
      const hi = this.partHi[p]!;
      const end = this.fill[p]!;
      for (let at = 0; at < end; at++) this.addToFilter((p << 8) | hi[at]!, lo[at]!, false);
    }
    this.releasePartitions();
  }

  /** Exact way: the fingerprints that occur more than once, into exactRepeats. */
  private findRepeatedKeys(): void {
    const repeats = new KeyHashSet(64);
    let largest = 0;
    for (let p = 0; p < PARTITIONS; p++) largest = Math.max(largest, this.fill[p]!);
    let capacity = 16;
    while (capacity < largest * 2) capacity *= 2;
    // Slot -> 1 + index of the first row with that fingerprint in the partition; cleared per partition.
    const table = new Int32Array(capacity);
    for (let p = 0; p < PARTITIONS; p++) {
      if (p > 0) table.fill(0);
      searchPartition(p, this.partLo[p]!, this.partHi[p]!, this.fill[p]!, table, repeats);
    }
    this.exactRepeats = repeats;
  }

  private endFirstPass(): void {
    if (this.firstPassDone) return;
    this.firstPassDone = true;
    if (this.exact) {
      this.findRepeatedKeys();
      this.releasePartitions();
    }
    // 8 MB the second pass need not wait for a garbage collection to get back.
    releaseMemory(this.filter.buffer);
    this.filter = EMPTY;
  }

  /** The exact way's partitions, done with: their memory back now (see releaseMemory). */
  private releasePartitions(): void {
    const buffers = new Set<ArrayBufferLike>();
    for (const lo of this.partLo) buffers.add(lo.buffer);
    for (const hi of this.partHi) buffers.add(hi.buffer);
    this.partLo = [];
    this.partHi = [];
    for (const buffer of buffers) releaseMemory(buffer);
  }

  /** After the first pass: whether a second pass must settle candidates (false: no duplicates). */
  get needsSecondPass(): boolean {
    this.endFirstPass();
    return this.candidateCount > 0 || (this.exactRepeats?.size ?? 0) > 0;
  }

  /** Prepares the lookup of candidate keys. */
  startSecondPass(): void {
    this.endFirstPass();
    const count = this.candidateCount;
    const c = this.candidates;
    // The exact rows' repeated fingerprints, and the fingerprints of the filter's candidates.
    const keys = this.exactRepeats ?? new KeyHashSet(count);
    for (let i = 0; i < count; i++) keys.addOrGetLine(c[i * STRIDE]! >>> 16, c[i * STRIDE + 1]!, 1);
    this.candidateKeys = keys;
    // Rows with a candidate key: the candidates and the rows they repeat (the tables grow when more).
    const expected = count + (this.exactRepeats?.size ?? 0) * 2;
    this.byKey = new WideLineTable(4, expected);
    this.byLine = new WideLineTable(6, expected);
    const lastFiltered = count > 0 ? c[(count - 1) * STRIDE + 2]! & LINE_MASK : 0;
    const lastExact = (this.exactRepeats?.size ?? 0) > 0 ? this.exactEndLine : 0;
    this.lastCandidateLine = Math.max(lastFiltered, lastExact);
  }

  /** Second pass: false when no candidate can have this prefilter value (the row's key need not be hashed). */
  mayBeCandidate(prefilter: number): boolean {
    const map = this.prefilter;
    if (map === null) return true;
    const bit = prefilter >>> (32 - PREFILTER_BITS);
    return (map[bit >>> 5]! & (1 << (bit & 31))) !== 0;
  }

  /** Second pass: whether this row's key may be a candidate's (then call secondPassRow). */
  isCandidateKey(keyHi: number, keyLo: number): boolean {
    return this.candidateKeys!.has(keyHi >>> 16, keyLo);
  }

  /** Second pass: true once past the last candidate, so the rest of the source need not be read. */
  secondPassDone(line: number): boolean {
    return line >= this.lastCandidateLine;
  }

  /**
   * Second pass, every row with a candidate key, in line order: (keyHi, keyLo) as in the first pass,
   * (key2Hi, key2Lo) an independent hash of the same key, (lineHi, lineLo) a hash of the raw line.
   */
  secondPassRow(
    keyHi: number,
    keyLo: number,
    key2Hi: number,
    key2Lo: number,
    lineHi: number,
    lineLo: number,
    line: number,
    onDuplicate: DuplicateHandler,
  ): void {
    const firstWithKey = this.byKey!.addOrGetLine(keyHi, keyLo, key2Hi, key2Lo, 0, 0, line);
    const firstWithLine =
      this.checkKeys && this.checkLines
        ? this.byLine!.addOrGetLine(keyHi, keyLo, key2Hi, key2Lo, lineHi, lineLo, line)
        : 0;
    if (firstWithKey === 0) return;
    let status: number;
    if (line <= this.exactEndLine) {
      status = (this.status[line >>> 2]! >>> ((line & 3) << 1)) & 3;
    } else {
      // Every repeated key past the exact rows was a candidate (a Bloom filter has no false negatives).
      const c = this.candidates;
      while (this.next < this.candidateCount && (c[this.next * STRIDE + 2]! & LINE_MASK) < line)
        this.next += 1;
      const entry = this.next < this.candidateCount ? c[this.next * STRIDE + 2]! : 0;
      if ((entry & LINE_MASK) !== line) throw new Error(`regel ${line}: dubbele sleutel zonder kandidaat`);
      status = entry >>> STATUS_SHIFT;
    }
    if (!this.checkKeys) onDuplicate(DUPLICATE_LINE, line, firstWithKey, status);
    else if (!this.checkLines) onDuplicate(DUPLICATE_KEY, line, firstWithKey, status);
    else if (firstWithLine > 0) onDuplicate(DUPLICATE_LINE, line, firstWithLine, status);
    else onDuplicate(DUPLICATE_KEY, line, firstWithKey, status);
  }
}

/**
 * How full a WideLineTable may get. It holds the rows of the second pass with a candidate key (~160k at
 * 10M Wmo rows, nearly all the filter's false positives), so it is the second pass's largest memory: at
 * 0.6 those took 524,288 slots (25 MB for the two tables, every page written), at 0.8 262,144 (12.6 MB),
 * with a few more probes for ~320k lookups in all.
 */
const WIDE_MAX_LOAD = 0.8;

/** Open addressing over up to six 32-bit words per entry, remembering the first line (line 0 = empty). */
class WideLineTable {
  private table: Uint32Array;
  private capacity = 64;
  private size = 0;
  private readonly stride: number;

  constructor(
    private readonly words: 4 | 6,
    expected: number,
  ) {
    while (this.capacity * WIDE_MAX_LOAD < expected) this.capacity *= 2;
    this.stride = words + 1;
    this.table = new Uint32Array(this.capacity * this.stride);
  }

  /** Returns 0 when new (and remembers `line`), else the first line. */
  addOrGetLine(a: number, b: number, c: number, d: number, e: number, f: number, line: number): number {
    const table = this.table;
    const stride = this.stride;
    const mask = this.capacity - 1;
    let slot = (a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(e ^ f, 0x85ebca6b)) & mask;
    for (;;) {
      const at = slot * stride;
      const stored = table[at + this.words]!;
      if (stored === 0) {
        table[at] = a;
        table[at + 1] = b;
        table[at + 2] = c;
        table[at + 3] = d;
        if (this.words === 6) {
          table[at + 4] = e;
          table[at + 5] = f;
        }
        table[at + this.words] = line;
        this.size += 1;
        if (this.size > this.capacity * WIDE_MAX_LOAD) this.grow();
        return 0;
      }
      if (
        table[at] === a >>> 0 &&
        table[at + 1] === b >>> 0 &&
        table[at + 2] === c >>> 0 &&
        table[at + 3] === d >>> 0 &&
        (this.words === 4 || (table[at + 4] === e >>> 0 && table[at + 5] === f >>> 0))
      ) {
        return stored;
      }
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.table;
    const stride = this.stride;
    this.capacity *= 2;
    this.table = new Uint32Array(this.capacity * stride);
    this.size = 0;
    for (let at = 0; at < old.length; at += stride) {
      const line = old[at + this.words]!;
      if (line === 0) continue;
      this.addOrGetLine(
        old[at]!,
        old[at + 1]!,
        old[at + 2]!,
        old[at + 3]!,
        this.words === 6 ? old[at + 4]! : 0,
        this.words === 6 ? old[at + 5]! : 0,
        line,
      );
    }
  }
}
