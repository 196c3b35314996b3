// A set of 64-bit hashes (two uint32 halves) that remembers the line each was first seen on. One
// interleaved Uint32Array with open addressing: a probe touches one cache line, a million rows cost
// ~24 MB, and no per-row objects are made (a Set of strings or bigints would cost several times more).

const STRIDE = 3;
const MAX_LOAD = 0.7;

export class KeyHashSet {
  private table: Uint32Array;
  private capacity: number;
  private count = 0;
  private limit: number;

  /** `expected`: how many hashes are likely, so the table rarely needs to grow. */
  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity * MAX_LOAD < expected) capacity *= 2;
    this.capacity = capacity;
    this.table = new Uint32Array(capacity * STRIDE);
    this.limit = Math.floor(capacity * MAX_LOAD);
  }

  /** How many distinct hashes were added. */
  get size(): number {
    return this.count;
  }

  /** Adds the hash; returns 0 when it is new, else the line it was first added with. */
  addOrGetLine(hashHi: number, hashLo: number, line: number): number {
    // (0, 0) marks an empty slot; fold the one real hash that collides with it onto another value.
    const hi = hashHi >>> 0;
    const lo = hi === 0 && hashLo === 0 ? 1 : hashLo >>> 0;
    const table = this.table;
    const mask = this.capacity - 1;
    let slot = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
    for (;;) {
      const at = slot * STRIDE;
      const storedHi = table[at]!;
      const storedLo = table[at + 1]!;
      if (storedHi === 0 && storedLo === 0) {
        table[at] = hi;
        table[at + 1] = lo;
        table[at + 2] = line;
        this.count += 1;
        if (this.count > this.limit) this.grow();
        return 0;
      }
      if (storedHi === hi && storedLo === lo) return table[at + 2]!;
      slot = (slot + 1) & mask;
    }
  }

  /** Whether the hash was added. */
  has(hashHi: number, hashLo: number): boolean {
    const hi = hashHi >>> 0;
    const lo = hi === 0 && hashLo === 0 ? 1 : hashLo >>> 0;
    const table = this.table;
    const mask = this.capacity - 1;
    let slot = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
    for (;;) {
      const at = slot * STRIDE;
      const storedHi = table[at]!;
      const storedLo = table[at + 1]!;
      if (storedHi === hi && storedLo === lo) return true;
      if (storedHi === 0 && storedLo === 0) return false;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.table;
    this.capacity *= 2;
    this.table = new Uint32Array(this.capacity * STRIDE);
    this.limit = Math.floor(this.capacity * MAX_LOAD);
    this.count = 0;
    for (let at = 0; at < old.length; at += STRIDE) {
      if (old[at] !== 0 || old[at + 1] !== 0) this.addOrGetLine(old[at]!, old[at + 1]!, old[at + 2]!);
    }
  }
}
