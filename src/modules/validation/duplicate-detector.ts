// Finds duplicate lines and duplicate keys in memory that does not grow with the file.
//
// First pass (the full check), one of two ways, chosen from the expected number of rows:
// - up to 1.4 million rows, exactly: every row's 64-bit key hash, line and status (12 bytes) is
//   appended to one of 256 partitions by hash (sequential writes; a hash table over all rows would
//   cost a cache miss per row). At the end each partition, small enough to stay in cache, is searched
//   for repeated keys. A clean file is then done: no second pass.
// - beyond that (or when a file turns out longer than expected), in fixed memory: a Bloom filter of
//   8 MB takes every key; a row whose key it may have seen is a candidate (12 bytes). Memory is the
//   same for 2 million rows as for 30 million; the price is a second pass for the filter's false
//   positives.
// Either way the candidates are the rows whose key may repeat, in line order, with their status.
//
// Second pass, only when there are candidates: the source is read again (scanning and hashing only,
// no field checks) up to the last candidate. Rows whose key hash is a candidate's are looked up by a
// 128-bit key hash (the 64-bit hash and a second one with other seeds) and, for duplicate lines, by
// that plus a 64-bit hash of the raw line; the first row with a key (or a line) is found as a table of
// all rows would find it. A false duplicate needs both key hashes to collide at once (chance about
// rows^2 / 2^129, below 10^-24 for 30 million rows).
//
// Duplicates come out in line order during the second pass. Only a file full of duplicates needs
// memory for them: one candidate (12 bytes) per duplicate row.
import { KeyHashSet } from './key-hash-set.ts';

/** Row status (0 clean, 1 warning, 2 error) rides in the top bits of the line number. */
const STATUS_SHIFT = 30;
const LINE_MASK = (1 << STATUS_SHIFT) - 1;
/**
 * keyHi, keyLo, line | status << 30: for partition entries and candidates alike. Int32: hash halves
 * stay small integers (int32) all the way, so V8 never boxes them as heap numbers.
 */
const STRIDE = 3;
const PARTITION_BITS = 8;
const PARTITIONS = 1 << PARTITION_BITS;
/**
 * 8 MB (a power of two). With the exact way's ~16 MB at most (MAX_EXACT_ROWS), a file past the exact
 * way never needs more memory than one within it: peak memory does not grow with the rows.
 */
const FILTER_BYTES = 8 * 1024 * 1024;
/** The exact way while it holds at most this many rows (12 bytes each). */
const MAX_EXACT_ROWS = 1_400_000;
/** Second pass: a bitmap of the candidates' prefilter values (see add), 2^20 bits. */
const PREFILTER_BITS = 20;
const EMPTY = new Int32Array(0);

export const DUPLICATE_LINE = 1;
export const DUPLICATE_KEY = 2;

/** Called in line order for every duplicate row. */
export type DuplicateHandler = (kind: number, line: number, firstLine: number, rowStatus: number) => void;

export class DuplicateDetector {
  // Exact way: partitions by the top bits of keyHi.
  private parts: Int32Array[] = [];
  private readonly fill = new Int32Array(PARTITIONS);
  private rows = 0;
  private exact: boolean;
  // Filter way: blocks of two 32-bit words; a key sets three bits in each word of its block.
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
    const perPartition = Math.ceil((expectedRows * 1.15) / PARTITIONS);
    this.exact = perPartition * PARTITIONS <= this.maxExactRows;
    if (this.exact) {
      // Sized from the estimate: growing by doubling would touch twice the memory. A wrong estimate
      // only means some partitions grow, or the filter takes over.
      // One allocation for all partitions: large enough to be mapped fresh, so only the pages rows are
      // written to get touched (page faults are the main cost of this memory).
      const initial = Math.max(16, perPartition) * STRIDE;
      const backing = new Int32Array(initial * PARTITIONS);
      for (let p = 0; p < PARTITIONS; p++) this.parts.push(backing.subarray(p * initial, (p + 1) * initial));
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
    const entry = (line & LINE_MASK) | (rowStatus << STATUS_SHIFT);
    if (!this.exact) {
      if (this.addToFilter(keyHi, keyLo, entry) && this.prefilter !== null) {
        const bit = prefilter >>> (32 - PREFILTER_BITS);
        this.prefilter[bit >>> 5]! |= 1 << (bit & 31);
      }
      return;
    }
    const p = keyHi >>> (32 - PARTITION_BITS);
    let part = this.parts[p]!;
    const at = this.fill[p]!;
    if (at + STRIDE > part.length) {
      if (this.rows >= this.maxExactRows) {
        this.switchToFilter();
        this.addToFilter(keyHi, keyLo, entry);
        return;
      }
      const grown = new Int32Array(Math.max(part.length * 2, 16 * STRIDE));
      grown.set(part);
      this.parts[p] = grown;
      part = grown;
    }
    part[at] = keyHi;
    part[at + 1] = keyLo;
    part[at + 2] = entry;
    this.fill[p] = at + STRIDE;
    this.rows += 1;
  }

  private startFilter(): void {
    this.filter = new Int32Array(this.filterBytes / 4);
    this.blockMask = this.filterBytes / 8 - 1;
  }

  /** Returns true when the row became a candidate. */
  private addToFilter(keyHi: number, keyLo: number, entry: number): boolean {
    const filter = this.filter;
    const b = (keyLo & this.blockMask) << 1;
    const m0 = (1 << (keyHi & 31)) | (1 << ((keyHi >>> 5) & 31)) | (1 << ((keyHi >>> 10) & 31));
    const m1 = (1 << ((keyHi >>> 15) & 31)) | (1 << ((keyHi >>> 20) & 31)) | (1 << ((keyHi >>> 25) & 31));
    const w0 = filter[b]!;
    const w1 = filter[b + 1]!;
    if ((w0 & m0) !== m0 || (w1 & m1) !== m1) {
      filter[b] = w0 | m0;
      filter[b + 1] = w1 | m1;
      return false;
    }
    this.pushCandidate(keyHi, keyLo, entry);
    return true;
  }

  private pushCandidate(keyHi: number, keyLo: number, entry: number): void {
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
  }

  /** More rows than the exact way holds: every row so far goes into the filter, in line order per key. */
  private switchToFilter(): void {
    this.exact = false;
    this.startFilter();
    for (let p = 0; p < PARTITIONS; p++) {
      const part = this.parts[p]!;
      const end = this.fill[p]!;
      // A key's rows all sit in one partition, in line order: its first row enters the filter first.
      for (let at = 0; at < end; at += STRIDE) this.addToFilter(part[at]!, part[at + 1]!, part[at + 2]!);
      this.parts[p] = EMPTY;
    }
    this.sortCandidates();
  }

  /** Exact way, end of the first pass: rows whose key hash an earlier row in its partition had. */
  private findRepeatedKeys(): void {
    let largest = 0;
    for (let p = 0; p < PARTITIONS; p++) largest = Math.max(largest, this.fill[p]! / STRIDE);
    let capacity = 16;
    while (capacity < largest * 2) capacity *= 2;
    // Slot -> 1 + index of the first row with that key in the partition; one table, cleared per partition.
    const table = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let p = 0; p < PARTITIONS; p++) {
      const part = this.parts[p]!;
      const rows = this.fill[p]! / STRIDE;
      if (p > 0) table.fill(0);
      for (let r = 0; r < rows; r++) {
        const at = r * STRIDE;
        const hi = part[at]!;
        const lo = part[at + 1]!;
        let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
        for (;;) {
          const stored = table[slot]!;
          if (stored === 0) {
            table[slot] = r + 1;
            break;
          }
          const sAt = (stored - 1) * STRIDE;
          if (part[sAt] === hi && part[sAt + 1] === lo) {
            this.pushCandidate(hi, lo, part[at + 2]!);
            break;
          }
          slot = (slot + 1) & mask;
        }
      }
      this.parts[p] = EMPTY;
    }
    this.sortCandidates();
  }

  /** Candidates in line order (they were collected per partition). */
  private sortCandidates(): void {
    const count = this.candidateCount;
    const c = this.candidates;
    const order = Array.from({ length: count }, (_, i) => i).sort(
      (a, b) => (c[a * STRIDE + 2]! & LINE_MASK) - (c[b * STRIDE + 2]! & LINE_MASK),
    );
    const sorted = new Int32Array(Math.max(count, 1) * STRIDE);
    for (let i = 0; i < count; i++)
      sorted.set(c.subarray(order[i]! * STRIDE, order[i]! * STRIDE + STRIDE), i * STRIDE);
    this.candidates = sorted;
  }

  private endFirstPass(): void {
    if (this.firstPassDone) return;
    this.firstPassDone = true;
    if (this.exact) this.findRepeatedKeys();
    this.filter = EMPTY;
  }

  /** After the first pass: whether a second pass must settle candidates (false: no duplicates). */
  get needsSecondPass(): boolean {
    this.endFirstPass();
    return this.candidateCount > 0;
  }

  /** Prepares the lookup of candidate keys. */
  startSecondPass(): void {
    this.endFirstPass();
    const count = this.candidateCount;
    const c = this.candidates;
    const keys = new KeyHashSet(count);
    for (let i = 0; i < count; i++) keys.addOrGetLine(c[i * STRIDE]!, c[i * STRIDE + 1]!, 1);
    this.candidateKeys = keys;
    // Rows with a candidate key: the candidates and the rows they repeat (the tables grow when more).
    this.byKey = new WideLineTable(4, count);
    this.byLine = new WideLineTable(6, count);
    this.lastCandidateLine = count > 0 ? c[(count - 1) * STRIDE + 2]! & LINE_MASK : 0;
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
    return this.candidateKeys!.has(keyHi, keyLo);
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
    // Every repeated key was a candidate in the first pass (a Bloom filter has no false negatives).
    const c = this.candidates;
    while (this.next < this.candidateCount && (c[this.next * STRIDE + 2]! & LINE_MASK) < line) this.next += 1;
    const entry = this.next < this.candidateCount ? c[this.next * STRIDE + 2]! : 0;
    if ((entry & LINE_MASK) !== line) throw new Error(`regel ${line}: dubbele sleutel zonder kandidaat`);
    const status = entry >>> STATUS_SHIFT;
    if (!this.checkKeys) onDuplicate(DUPLICATE_LINE, line, firstWithKey, status);
    else if (!this.checkLines) onDuplicate(DUPLICATE_KEY, line, firstWithKey, status);
    else if (firstWithLine > 0) onDuplicate(DUPLICATE_LINE, line, firstWithLine, status);
    else onDuplicate(DUPLICATE_KEY, line, firstWithKey, status);
  }
}

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
    while (this.capacity * 0.6 < expected) this.capacity *= 2;
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
        if (this.size > this.capacity * 0.6) this.grow();
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
