// Half years as used in delivery names (`WMO_0363_2017H2.csv`): `YYYYH1` is 1 January – 30 June,
// `YYYYH2` is 1 July – 31 December. Pure; dates are ISO calendar dates `YYYY-MM-DD`.
import { AppError } from '../../platform/errors/app-error.ts';

export interface HalfYear {
  year: number;
  half: 1 | 2;
}

const HALF_YEAR = /^([1-9]\d{3})H([12])$/;

/**
 * Parses `2017H2` into `{ year: 2017, half: 2 }`. Strict: four-digit year 1000–9999, capital `H`,
 * no surrounding whitespace. Throws AppError `period.bad_half_year` otherwise.
 */
export function parseHalfYear(input: string): HalfYear {
  const match = typeof input === 'string' ? HALF_YEAR.exec(input) : null;
  if (!match) {
    throw new AppError('period.bad_half_year', { input: typeof input === 'string' ? input : String(input) });
  }
  return { year: Number(match[1]), half: match[2] === '1' ? 1 : 2 };
}

/** `{ year: 2017, half: 2 }` → `2017H2`. */
export function formatHalfYear(halfYear: HalfYear): string {
  return `${halfYear.year}H${halfYear.half}`;
}

/** `2017H2` → `{ start: '2017-07-01', end: '2017-12-31' }` (both inclusive). */
export function halfYearBounds(halfYear: string): { start: string; end: string } {
  const { year, half } = parseHalfYear(halfYear);
  return half === 1
    ? { start: `${year}-01-01`, end: `${year}-06-30` }
    : { start: `${year}-07-01`, end: `${year}-12-31` };
}

/** `2017H2` → `2017H1`, `2018H1` → `2017H2`. Throws `period.bad_half_year` before 1000H1. */
export function previousHalfYear(halfYear: string): string {
  const { year, half } = parseHalfYear(halfYear);
  const previous = half === 2 ? `${year}H1` : `${year - 1}H2`;
  return formatHalfYear(parseHalfYear(previous));
}
