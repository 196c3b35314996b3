// A code list as a tiny open-addressing table over the code's bytes (at most 6 bytes, held as two int32
// halves), so a field is looked up without making a string, a double or a Map lookup.
import type { Severity } from './validation-spec.ts';

export const CODE_UNKNOWN = 0;
export const CODE_VALID = 1;
const SEVERITY_VALUES: readonly Severity[] = ['error', 'warning', 'info'];

export class CodeTable {
  private readonly keysHi: Int32Array;
  private readonly keysLo: Int32Array;
  private readonly values: Uint8Array;
  private readonly texts: string[];
  private readonly mask: number;
  /** The slot of the code the last lookup found (for recording which codes a file uses); -1 before. */
  lastSlot = -1;

  /** `codes`: each code with null when plainly valid, or the severity it is accepted with. */
  constructor(codes: ReadonlyArray<readonly [string, Severity | null]>) {
    let capacity = 8;
    while (capacity < codes.length * 4) capacity *= 2;
    this.keysHi = new Int32Array(capacity);
    this.keysLo = new Int32Array(capacity);
    this.values = new Uint8Array(capacity);
    this.texts = new Array<string>(capacity).fill('');
    this.mask = capacity - 1;
    const encoder = new TextEncoder();
    for (const [code, severity] of codes) {
      const bytes = encoder.encode(code);
      const [hi, lo] = keyOf(bytes, 0, bytes.length);
      let slot = slotOf(hi, lo, this.mask);
      while (this.values[slot] !== 0 && (this.keysHi[slot] !== hi || this.keysLo[slot] !== lo)) {
        slot = (slot + 1) & this.mask;
      }
      this.keysHi[slot] = hi;
      this.keysLo[slot] = lo;
      this.values[slot] = severity === null ? CODE_VALID : 2 + SEVERITY_VALUES.indexOf(severity);
      this.texts[slot] = code;
    }
  }

  /** Number of slots: a Uint8Array of this size can mark which codes were seen (by lastSlot). */
  get capacity(): number {
    return this.mask + 1;
  }

  /** The table itself, for the row check (row-check.ts), which probes a copy in wasm memory the same way. */
  layout(): { keysHi: Int32Array; keysLo: Int32Array; values: Uint8Array; mask: number } {
    return { keysHi: this.keysHi, keysLo: this.keysLo, values: this.values, mask: this.mask };
  }

  /** The code in a slot; '' for an empty one. */
  codeAt(slot: number): string {
    return this.texts[slot] ?? '';
  }

  /** CODE_UNKNOWN, CODE_VALID, or a value for severityOf (accepted with a finding). */
  lookup(buf: Uint8Array, start: number, end: number): number {
    if (end - start > 6 || end <= start) return CODE_UNKNOWN;
    let hi = 0;
    let lo = 0;
    for (let i = start; i < end; i++) {
      hi = (hi << 8) | (lo >>> 24);
      lo = (lo << 8) | buf[i]!;
    }
    const mask = this.mask;
    let slot = slotOf(hi, lo, mask);
    for (;;) {
      const value = this.values[slot]!;
      if (value === 0) return value;
      if (this.keysLo[slot] === lo && this.keysHi[slot] === hi) {
        this.lastSlot = slot;
        return value;
      }
      slot = (slot + 1) & mask;
    }
  }

  static severityOf(value: number): Severity {
    return SEVERITY_VALUES[value - 2] ?? 'error';
  }
}

function keyOf(buf: Uint8Array, start: number, end: number): [number, number] {
  let hi = 0;
  let lo = 0;
  for (let i = start; i < end; i++) {
    hi = (hi << 8) | (lo >>> 24);
    lo = (lo << 8) | buf[i]!;
  }
  return [hi, lo];
}

function slotOf(hi: number, lo: number, mask: number): number {
  return (Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> 24) & mask;
}
