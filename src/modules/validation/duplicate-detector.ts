// Finds duplicate lines and duplicate keys without random memory access while the file streams.
// A hash table over a million rows is far larger than the CPU caches, and probing it once per row
// costs a trip to memory per row (measured: a third of the whole check). Instead every row's hashes
// are appended to one of 256 partitions (sequential writes), and at the end each partition, small
// enough to stay in cache, is deduplicated in row order. Memory: 16 bytes per row.
//
// Keys: a duplicate line always has a duplicate key, so only rows whose key was seen before need the
// line check, against a (key, line) set that holds only those few rows.
import { KeyHashSet } from './key-hash-set.ts';

const STRIDE = 4;
const PARTITION_BITS = 8;
const PARTITIONS = 1 << PARTITION_BITS;
/** Row status (0 clean, 1 warning, 2 error) rides in the top bits of the line number. */
const STATUS_SHIFT = 30;
const LINE_MASK = (1 << STATUS_SHIFT) - 1;
const EMPTY = new Uint32Array(0);

export const DUPLICATE_LINE = 1;
export const DUPLICATE_KEY = 2;

/** Called in line order for every duplicate row. */
export type DuplicateHandler = (kind: number, line: number, firstLine: number, rowStatus: number) => void;

export class DuplicateDetector {
  private readonly parts: Uint32Array[] = [];
  private readonly fill = new Int32Array(PARTITIONS);
  private readonly initialRows: number;

  /**
   * `checkLines`/`checkKeys`: which rules apply. Without a key rule the caller passes the line hash
   * as the key; without a line rule a key hit is always a duplicate key.
   */
  constructor(
    expectedRows: number,
    private readonly checkLines: boolean,
    private readonly checkKeys: boolean,
  ) {
    // Sized from the estimate: growing by doubling would touch twice the memory, and fresh pages
    // cost more than the writes. A wrong estimate only means some partitions grow.
    this.initialRows = Math.max(16, Math.ceil((expectedRows * 1.15) / PARTITIONS));
    for (let p = 0; p < PARTITIONS; p++) this.parts.push(new Uint32Array(this.initialRows * STRIDE));
  }

  /** `line` below 2^30; `rowStatus` 0, 1 or 2. */
  add(keyHi: number, keyLo: number, lineHash: number, line: number, rowStatus: number): void {
    const p = keyHi >>> (32 - PARTITION_BITS);
    let part = this.parts[p]!;
    const at = this.fill[p]!;
    if (at + STRIDE > part.length) {
      const grown = new Uint32Array(Math.max(part.length * 2, this.initialRows * STRIDE));
      grown.set(part);
      this.parts[p] = grown;
      part = grown;
    }
    part[at] = keyHi;
    part[at + 1] = keyLo;
    part[at + 2] = lineHash;
    part[at + 3] = (line & LINE_MASK) | (rowStatus << STATUS_SHIFT);
    this.fill[p] = at + STRIDE;
  }

  /** Reports every duplicate, in line order, and frees the memory. */
  finish(onDuplicate: DuplicateHandler): void {
    // Found duplicates as (line, firstLine, kind | status << 2), sorted by line before reporting.
    let found = new Float64Array(64);
    let foundCount = 0;
    const push = (line: number, firstLine: number, kind: number, status: number) => {
      if (foundCount * 3 + 3 > found.length) {
        const grown = new Float64Array(found.length * 2);
        grown.set(found);
        found = grown;
      }
      found[foundCount * 3] = line;
      found[foundCount * 3 + 1] = firstLine;
      found[foundCount * 3 + 2] = kind | (status << 2);
      foundCount += 1;
    };
    const secondary = new KeyHashSet(64);
    let largest = 0;
    for (let p = 0; p < PARTITIONS; p++) largest = Math.max(largest, this.fill[p]! / STRIDE);
    let capacity = 16;
    while (capacity < largest * 2) capacity *= 2;
    // Slot -> 1 + index of the first row with that key in the partition; one table, cleared per partition.
    const table = new Int32Array(capacity);
    for (let p = 0; p < PARTITIONS; p++) {
      const part = this.parts[p]!;
      const rows = this.fill[p]! / STRIDE;
      const mask = capacity - 1;
      if (p > 0) table.fill(0);
      for (let r = 0; r < rows; r++) {
        const at = r * STRIDE;
        const hi = part[at]!;
        const lo = part[at + 1]!;
        let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
        let firstAt = -1;
        for (;;) {
          const stored = table[slot]!;
          if (stored === 0) {
            table[slot] = r + 1;
            break;
          }
          const sAt = (stored - 1) * STRIDE;
          if (part[sAt] === hi && part[sAt + 1] === lo) {
            firstAt = sAt;
            break;
          }
          slot = (slot + 1) & mask;
        }
        if (firstAt < 0) continue;
        const line = part[at + 3]! & LINE_MASK;
        const status = part[at + 3]! >>> STATUS_SHIFT;
        const firstLine = part[firstAt + 3]! & LINE_MASK;
        if (!this.checkKeys) {
          push(line, firstLine, DUPLICATE_LINE, status);
          continue;
        }
        if (!this.checkLines) {
          push(line, firstLine, DUPLICATE_KEY, status);
          continue;
        }
        // Seed the (key, line) set with the key's first row, once (a seeded row returns its own line).
        const firstHash = part[firstAt + 2]!;
        secondary.addOrGetLine(hi ^ firstHash, lo + firstHash, firstLine);
        const sameLine = secondary.addOrGetLine(hi ^ part[at + 2]!, lo + part[at + 2]!, line);
        if (sameLine > 0) push(line, sameLine, DUPLICATE_LINE, status);
        else push(line, firstLine, DUPLICATE_KEY, status);
      }
      this.parts[p] = EMPTY;
    }
    const order = Array.from({ length: foundCount }, (_, i) => i).sort(
      (a, b) => found[a * 3]! - found[b * 3]!,
    );
    for (const i of order) {
      const flags = found[i * 3 + 2]!;
      onDuplicate(flags & 3, found[i * 3]!, found[i * 3 + 1]!, flags >>> 2);
    }
  }
}
