// A code list as a tiny open-addressing table over the code's bytes (at most 6 ASCII bytes read as one
// number), so a field is looked up without making a string or hashing through a Map.
import type { Severity } from './validation-spec.ts';

export const CODE_UNKNOWN = 0;
export const CODE_VALID = 1;
const SEVERITY_VALUES: readonly Severity[] = ['error', 'warning', 'info'];

export class CodeTable {
  private readonly keys: Float64Array;
  private readonly values: Uint8Array;
  private readonly mask: number;

  /** `codes`: each code with null when plainly valid, or the severity it is accepted with. */
  constructor(codes: ReadonlyArray<readonly [string, Severity | null]>) {
    let capacity = 8;
    while (capacity < codes.length * 4) capacity *= 2;
    this.keys = new Float64Array(capacity);
    this.values = new Uint8Array(capacity);
    this.mask = capacity - 1;
    const encoder = new TextEncoder();
    for (const [code, severity] of codes) {
      const bytes = encoder.encode(code);
      const key = keyOf(bytes, 0, bytes.length);
      let slot = slotOf(key, this.mask);
      while (this.values[slot] !== 0 && this.keys[slot] !== key) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.values[slot] = severity === null ? CODE_VALID : 2 + SEVERITY_VALUES.indexOf(severity);
    }
  }

  /** CODE_UNKNOWN, CODE_VALID, or a value for severityOf (accepted with a finding). */
  lookup(buf: Uint8Array, start: number, end: number): number {
    if (end - start > 6 || end <= start) return CODE_UNKNOWN;
    const key = keyOf(buf, start, end);
    const mask = this.mask;
    let slot = slotOf(key, mask);
    for (;;) {
      const value = this.values[slot]!;
      if (value === 0 || this.keys[slot] === key) return value;
      slot = (slot + 1) & mask;
    }
  }

  static severityOf(value: number): Severity {
    return SEVERITY_VALUES[value - 2] ?? 'error';
  }
}

function keyOf(buf: Uint8Array, start: number, end: number): number {
  let key = 0;
  for (let i = start; i < end; i++) key = key * 256 + buf[i]!;
  return key;
}

function slotOf(key: number, mask: number): number {
  // The low 24 bits hold the last three bytes: enough to spread short codes.
  return (Math.imul(key % 0x1000000, 0x9e3779b1) >>> 24) & mask;
}
