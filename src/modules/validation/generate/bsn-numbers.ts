// BSNs for synthetic files: valid by the elfproef, unique per file, and outside the test range unless
// the caller asks for test numbers. Uniqueness comes from walking a bijection over the 8-digit prefixes.
import { passesElfproef } from '../../../platform/privacy/bsn-runs.ts';

export const TEST_BSN_MIN = 999900006;
export const TEST_BSN_MAX = 999999990;
const PREFIXES = 100_000_000;

/** The check digit that makes `prefix` (8 digits) pass the elfproef, or 10 when no digit does. */
export function computeBsnCheckDigit(prefix: number): number {
  let sum = 0;
  let rest = prefix;
  for (let weight = 2; weight <= 9; weight++) {
    sum += (rest % 10) * weight;
    rest = Math.floor(rest / 10);
  }
  return sum % 11;
}

/** Nine digits that pass the elfproef (the one check, src/platform/privacy/bsn-runs.ts). */
export const isValidBsn = passesElfproef;

export function isTestBsn(bsn: string): boolean {
  const value = Number(bsn);
  return value >= TEST_BSN_MIN && value <= TEST_BSN_MAX;
}

/** Yields distinct valid BSNs; `step` and `offset` (from the seed) make each seed's sequence differ. */
export function createBsnSequence(options: {
  step: number;
  offset: number;
  testRange: boolean;
}): () => string {
  // step must be coprime with 10^8 for the walk to visit every prefix once.
  // Kept below 2^53 / 10^8 so index × step stays an exact integer.
  let step = Math.abs(Math.floor(options.step)) % 89_999_999 || 1;
  while (step % 2 === 0 || step % 5 === 0) step++;
  let index = 0;
  const base = options.testRange ? 99_990_000 : 0;
  const span = options.testRange ? 10_000 : PREFIXES;
  return () => {
    for (let attempts = 0; attempts < span * 2; attempts++) {
      const prefix = base + (((((index++ % span) * step) % span) + options.offset) % span);
      const check = computeBsnCheckDigit(prefix);
      if (check === 10) continue;
      const value = prefix * 10 + check;
      if (value === 0) continue;
      const isTest = value >= TEST_BSN_MIN && value <= TEST_BSN_MAX;
      if (isTest !== options.testRange) continue;
      return String(value).padStart(9, '0');
    }
    throw new Error('no BSN available');
  };
}

/** The same BSN with another last digit, so it fails the elfproef. */
export function breakBsnCheckDigit(bsn: string): string {
  const last = Number(bsn[8]);
  return bsn.slice(0, 8) + String((last + 1) % 10);
}
