// Dutch working days: Monday to Friday, minus the Dutch public holidays listed in
// `dutchPublicHolidays`. A pure calendar module: no clock, no I/O, no time zones. Dates go in and
// come out as ISO calendar dates `YYYY-MM-DD`; internally a date is a day number (days since
// 1970-01-01), computed with Date.UTC so the host's time zone never plays a part.
//
// The holiday set is the usual employer set (as used by the Rijksoverheid), not the one of the
// Algemene termijnenwet: Goede Vrijdag is included and Bevrijdingsdag only in lustrum years.
//
// Supported years: 1583–9999 (Gregorian calendar, four-digit ISO years). Error codes:
// - `period.bad_date`: a date string that is malformed, does not exist or lies outside that range;
// - `period.bad_year`: a year argument that is not a whole number in that range;
// - `period.out_of_range`: a result of `addWorkingDays` that would fall outside that range.
import { AppError } from '../../platform/errors/app-error.ts';

export interface PublicHoliday {
  /** ISO calendar date `YYYY-MM-DD`. */
  date: string;
  /** Dutch name, e.g. `Tweede Paasdag`. */
  name: string;
}

const MIN_YEAR = 1583;
const MAX_YEAR = 9999;
const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---------------------------------------------------------------------------------------------
// Day numbers

function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function civil(dayNo: number): { year: number; month: number; day: number } {
  const d = new Date(dayNo * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function formatDayNumber(dayNo: number): string {
  const { year, month, day } = civil(dayNo);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 (day 0) was a Thursday. */
function weekday(dayNo: number): number {
  return (((dayNo + 4) % 7) + 7) % 7;
}

function isWeekend(dayNo: number): boolean {
  const wd = weekday(dayNo);
  return wd === 0 || wd === 6;
}

/** `why` names the problem in the English text (error.period.bad_date.<why>); `reason` is the Dutch one. */
function badDate(input: unknown, reason: string, why: 'format' | 'year_range' | 'no_such_day'): AppError {
  return new AppError('period.bad_date', {
    input: typeof input === 'string' ? input : String(input),
    reason: why,
    min: MIN_YEAR,
    max: MAX_YEAR,
  });
}

function parseDate(input: string): number {
  if (typeof input !== 'string') throw badDate(input, 'verwacht een datum in de vorm JJJJ-MM-DD', 'format');
  const match = ISO_DATE.exec(input);
  if (!match)
    throw badDate(input, 'verwacht een datum in de vorm JJJJ-MM-DD, bijvoorbeeld 2018-02-28', 'format');
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw badDate(
      input,
      `alleen jaren van ${MIN_YEAR} tot en met ${MAX_YEAR} worden ondersteund`,
      'year_range',
    );
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw badDate(input, 'deze datum bestaat niet', 'no_such_day');
  }
  return dayNumber(year, month, day);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new AppError('period.bad_year', { year, min: MIN_YEAR, max: MAX_YEAR });
  }
}

const FIRST_DAY = dayNumber(MIN_YEAR, 1, 1);
const LAST_DAY = dayNumber(MAX_YEAR, 12, 31);

// ---------------------------------------------------------------------------------------------
// Holidays

function easterDayNumber(year: number): number {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(year, month, day);
}

/** Easter Sunday (Gregorian) of `year`, as `YYYY-MM-DD`. */
export function easterSunday(year: number): string {
  checkYear(year);
  return formatDayNumber(easterDayNumber(year));
}

function holidayDayNumbers(year: number): Array<{ dayNo: number; name: string }> {
  const easter = easterDayNumber(year);
  const list: Array<{ dayNo: number; name: string }> = [
    { dayNo: dayNumber(year, 1, 1), name: 'Nieuwjaarsdag' },
    { dayNo: easter - 2, name: 'Goede Vrijdag' },
    { dayNo: easter, name: 'Eerste Paasdag' },
    { dayNo: easter + 1, name: 'Tweede Paasdag' },
  ];
  if (year >= 2014) {
    // Koningsdag: 27 April, or Saturday 26 April when the 27th is a Sunday.
    const day = dayNumber(year, 4, 27);
    list.push({ dayNo: weekday(day) === 0 ? day - 1 : day, name: 'Koningsdag' });
  } else {
    // Koninginnedag: 30 April, or Saturday 29 April when the 30th is a Sunday.
    const day = dayNumber(year, 4, 30);
    list.push({ dayNo: weekday(day) === 0 ? day - 1 : day, name: 'Koninginnedag' });
  }
  if (year % 5 === 0) list.push({ dayNo: dayNumber(year, 5, 5), name: 'Bevrijdingsdag' });
  list.push(
    { dayNo: easter + 39, name: 'Hemelvaartsdag' },
    { dayNo: easter + 49, name: 'Eerste Pinksterdag' },
    { dayNo: easter + 50, name: 'Tweede Pinksterdag' },
    { dayNo: dayNumber(year, 12, 25), name: 'Eerste Kerstdag' },
    { dayNo: dayNumber(year, 12, 26), name: 'Tweede Kerstdag' },
  );
  // Stable sort: on a shared date (Hemelvaartsdag on 5 May, e.g. 2005) the insertion order above
  // decides. Both entries are kept; the date is then listed twice.
  return list.sort((x, y) => x.dayNo - y.dayNo);
}

/**
 * The Dutch public holidays of `year`, sorted by date, including those that fall in a weekend.
 * When two holidays share a date (Bevrijdingsdag and Hemelvaartsdag on 5 May 2005) both are listed.
 */
export function dutchPublicHolidays(year: number): PublicHoliday[] {
  checkYear(year);
  return holidayDayNumbers(year).map(({ dayNo, name }) => ({ date: formatDayNumber(dayNo), name }));
}

// Memoised per year; at most one entry per supported year, so the cache stays small.
const holidaySets = new Map<number, ReadonlySet<number>>();

function holidaySet(year: number): ReadonlySet<number> {
  let set = holidaySets.get(year);
  if (!set) {
    set = new Set(holidayDayNumbers(year).map((h) => h.dayNo));
    holidaySets.set(year, set);
  }
  return set;
}

function isHolidayDay(dayNo: number): boolean {
  return holidaySet(civil(dayNo).year).has(dayNo);
}

function isWorkingDayNumber(dayNo: number): boolean {
  return !isWeekend(dayNo) && !isHolidayDay(dayNo);
}

/** Whether `date` (`YYYY-MM-DD`) is a Dutch public holiday (whatever the day of the week). */
export function isPublicHoliday(date: string): boolean {
  return isHolidayDay(parseDate(date));
}

/** Whether `date` (`YYYY-MM-DD`) is a Monday to Friday that is not a Dutch public holiday. */
export function isWorkingDay(date: string): boolean {
  return isWorkingDayNumber(parseDate(date));
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

/**
 * The date `n` working days after `date` (`n` must be a whole number).
 *
 * - `n > 0`: the n-th working day strictly after `date`. `date` itself may be a non-working day;
 *   one working day after Saturday is the following Monday (if that is a working day).
 * - `n = 0`: `date` itself if it is a working day, otherwise the next working day (the usual
 *   "roll forward" of a deadline). So for a non-working `date`, `n = 0` and `n = 1` give the same
 *   day; this is the one case where `workingDaysBetween(date, result) !== n` (it is 1).
 * - `n < 0`: the |n|-th working day strictly before `date`; one working day before Sunday is the
 *   preceding Friday (if that is a working day).
 *
 * For every `date` and `n > 0`, and for a working-day `date` and every `n`:
 * `workingDaysBetween(date, addWorkingDays(date, n)) === n`.
 *
 * Throws `period.out_of_range` when the result would fall outside the years 1583–9999.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`addWorkingDays: n must be a whole number, got ${n}`);
  let dayNo = parseDate(date);
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  if (n === 0) {
    while (!isWorkingDayNumber(dayNo)) dayNo = stepDay(dayNo, 1, date, n);
    return formatDayNumber(dayNo);
  }
  while (remaining > 0) {
    dayNo = stepDay(dayNo, step, date, n);
    if (isWorkingDayNumber(dayNo)) remaining -= 1;
  }
  return formatDayNumber(dayNo);
}

function stepDay(dayNo: number, step: number, date: string, n: number): number {
  const next = dayNo + step;
  if (next < FIRST_DAY || next > LAST_DAY) {
    throw new AppError('period.out_of_range', { date, n, min: MIN_YEAR, max: MAX_YEAR });
  }
  return next;
}

/**
 * The number of working days d with `from < d ≤ to`: `from` itself is not counted, `to` is.
 * When `to < from` the result is negative: minus the number of working days d with `to < d ≤ from`,
 * so `workingDaysBetween(a, b) === -workingDaysBetween(b, a)` and `workingDaysBetween(a, a) === 0`.
 *
 * Example: from Thursday 2018-03-29 to Tuesday 2018-04-03 is 1 (Goede Vrijdag, the weekend and
 * Tweede Paasdag do not count; Tuesday does).
 */
export function workingDaysBetween(from: string, to: string): number {
  const a = parseDate(from);
  const b = parseDate(to);
  // `0 - x` rather than `-x`, so an empty backward span yields 0 and not -0.
  return a <= b ? countWorkingDays(a, b) : 0 - countWorkingDays(b, a);
}

/** Working days d with a < d ≤ b, for a ≤ b. */
function countWorkingDays(a: number, b: number): number {
  let count = weekdaysUpTo(b) - weekdaysUpTo(a);
  const firstYear = civil(a).year;
  const lastYear = civil(b).year;
  for (let year = firstYear; year <= lastYear; year += 1) {
    for (const dayNo of holidaySet(year)) {
      if (dayNo > a && dayNo <= b && !isWeekend(dayNo)) count -= 1;
    }
  }
  return count;
}

/** Monday-to-Friday days d with 0 < d ≤ dayNo, negative-safe (any fixed origin works for differences). */
function weekdaysUpTo(dayNo: number): number {
  const weeks = Math.floor(dayNo / 7);
  let count = weeks * 5;
  for (let d = weeks * 7 + 1; d <= dayNo; d += 1) if (!isWeekend(d)) count += 1;
  return count;
}
