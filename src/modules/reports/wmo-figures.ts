// The Wmo figures of the op-orde (content) report, computed from one technically approved Wmo file in
// a single streaming pass. Pure and browser-safe: bytes come from a ByteSource, nothing else is read.
// Memory is bounded by the number of distinct persons, kept in one open-addressing table of typed
// arrays (about 10 bytes a slot: the BSN, its record count, and a bit per group it occurs in), never
// in per-row or per-person objects. No BSN ever leaves this module: the result holds counts only.
import { CsvScanner, RECORD_OK, type ByteSource, type CsvRecord } from '../validation/index.ts';

/** Figures of one productcategorie or one leveringsvorm. */
export interface WmoGroupFigures {
  /** The code as delivered ('01', 'ZIN'). */
  code: string;
  records: number;
  /** Unique persons (BSNs) with at least one record in the group. */
  persons: number;
  /** Records whose startdatum lies within the half year (instroom). */
  started: number;
  /** Records whose einddatum lies within the half year (uitstroom). */
  ended: number;
  /** Records with startdatum ≤ the last day and einddatum empty or ≥ the last day. */
  activeOnLastDay: number;
}

export interface WmoFigures {
  halfYear: string;
  /** First and last day of the half year, `JJJJ-MM-DD`. */
  firstDay: string;
  lastDay: string;
  records: number;
  persons: number;
  /**
   * Sorted by code. Arrays, not objects keyed by code: an object would list integer-like keys ('10')
   * before the others ('01'), whatever order they were added in.
   */
  perProductcategorie: WmoGroupFigures[];
  perLeveringsvorm: WmoGroupFigures[];
  /** The six months of the half year (`'2017-07'` …), each present, with the startdatums in it. */
  startsPerMonth: Record<string, number>;
  endsPerMonth: Record<string, number>;
  /** Records without einddatum / records; 0 for an empty file. */
  shareWithoutEndDate: number;
  /**
   * Per reden_beeindiging (`''` when not filled), sorted by code: the records that have an einddatum
   * (in or outside the half year).
   */
  endReasons: Array<{ code: string; records: number }>;
  /** Persons (BSNs) with more than five records in the file (plausibility check C-02). */
  personsWithMoreThanFiveRecords: number;
  /**
   * Records without einddatum whose start (startdatum, else beoogde_startdatum) lies more than ten
   * years before the last day of the half year (plausibility check C-04).
   */
  openEndedOverTenYears: number;
}

export interface WmoFiguresOptions {
  /** `'2017H2'`: the half year the delivery is for. */
  halfYear: string;
}

const DELIMITER = 0x3b; // ;
const QUOTE = 0x22; // "
const MAX_LINE_BYTES = 65536;
const REQUIRED_COLUMNS = ['bsn', 'productcategorie', 'leveringsvorm', 'einddatum'] as const;

/**
 * Field index per column. startdatum and reden_beeindiging are optional columns in the spec: -1 when
 * the file leaves them out, and then every value counts as not filled.
 */
type Columns = Record<
  (typeof REQUIRED_COLUMNS)[number] | 'startdatum' | 'beoogde_startdatum' | 'reden_beeindiging',
  number
>;

interface GroupTally {
  /** The group's bit in PersonTable's masks (at most 32 groups per dimension). */
  bit: number;
  records: number;
  started: number;
  ended: number;
  activeOnLastDay: number;
}

/** At most this many distinct codes per dimension (a technically approved file has the code list's). */
const MAX_GROUPS = 32;

/**
 * The distinct persons of a file: BSN + 1 as key (0 = empty slot), records per person (saturating at
 * 255: C-02 only asks "more than five"), and per person a bit mask of the productcategorieën and
 * one of the leveringsvormen it has records in. Linear probing; doubles at 50 % load.
 */
class PersonTable {
  private keys = new Uint32Array(1 << 12);
  private counts = new Uint8Array(1 << 12);
  private categories = new Uint32Array(1 << 12);
  private forms = new Uint32Array(1 << 12);
  size = 0;

  add(bsn: number, categoryBit: number, formBit: number): void {
    const key = bsn + 1;
    let mask = this.keys.length - 1;
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    for (;;) {
      const k = this.keys[slot]!;
      if (k === key) break;
      if (k === 0) {
        if ((this.size + 1) * 2 > this.keys.length) {
          this.grow();
          mask = this.keys.length - 1;
          slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
          continue;
        }
        this.keys[slot] = key;
        this.size += 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (this.counts[slot]! < 255) this.counts[slot]! += 1;
    this.categories[slot]! |= categoryBit;
    this.forms[slot]! |= formBit;
  }

  private grow(): void {
    const { keys, counts, categories, forms } = this;
    const length = keys.length * 2;
    this.keys = new Uint32Array(length);
    this.counts = new Uint8Array(length);
    this.categories = new Uint32Array(length);
    this.forms = new Uint32Array(length);
    const mask = length - 1;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key === 0) continue;
      let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
      while (this.keys[slot] !== 0) slot = (slot + 1) & mask;
      this.keys[slot] = key;
      this.counts[slot] = counts[i]!;
      this.categories[slot] = categories[i]!;
      this.forms[slot] = forms[i]!;
    }
  }

  /** Persons with more than `n` records. */
  countAbove(n: number): number {
    let total = 0;
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== 0 && this.counts[i]! > n) total += 1;
    return total;
  }

  /** Persons per group bit (index = bit number), for the category or the form masks. */
  personsPerBit(which: 'categories' | 'forms'): Int32Array {
    const masks = this[which];
    const perBit = new Int32Array(MAX_GROUPS);
    for (let i = 0; i < this.keys.length; i++) {
      let m = masks[i]!;
      while (m !== 0) {
        const bit = 31 - Math.clz32(m & -m);
        perBit[bit]! += 1;
        m &= m - 1;
      }
    }
    return perBit;
  }
}

interface HalfYear {
  label: string;
  /** JJJJMMDD as numbers. */
  first: number;
  last: number;
  /** JJJJMM of the six months. */
  months: number[];
}

export function parseHalfYear(halfYear: string): HalfYear {
  const match = /^(\d{4})H([12])$/.exec(halfYear);
  if (!match) throw new Error(`Not a half year: ${JSON.stringify(halfYear)} (expected e.g. 2017H2)`);
  const year = Number(match[1]);
  const firstMonth = match[2] === '1' ? 1 : 7;
  const months = Array.from({ length: 6 }, (_, i) => year * 100 + firstMonth + i);
  return {
    label: halfYear,
    first: year * 10000 + firstMonth * 100 + 1,
    last: year * 10000 + (firstMonth + 5) * 100 + (firstMonth === 1 ? 30 : 31),
    months,
  };
}

/** Header names are matched as the spec says: case-insensitive, spaces and underscores ignored. */
function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s_]/g, '');
}

const decoder = new TextDecoder('utf-8');

function fieldText(buf: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if (b >= 0x80) return decoder.decode(buf.subarray(start, end));
    s += String.fromCharCode(b);
  }
  return s;
}

/** JJJJMMDD as a number; 0 when empty or not eight digits. */
function fieldDate(buf: Uint8Array, start: number, end: number): number {
  if (end - start !== 8) return 0;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return 0;
    n = n * 10 + d;
  }
  return n;
}

/** The BSN as a number; -1 when empty or not all digits (a technically approved file has none). */
function fieldBsn(buf: Uint8Array, start: number, end: number): number {
  if (end <= start || end - start > 9) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function formatDay(date: number): string {
  const s = String(date);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

function formatMonth(month: number): string {
  const s = String(month);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}`;
}

function sortedByCode<T, U>(map: Map<string, T>, convert: (code: string, value: T) => U): U[] {
  return [...map.keys()].sort().map((code) => convert(code, map.get(code)!));
}

function groupFigures(code: string, tally: GroupTally, persons: Int32Array): WmoGroupFigures {
  return {
    code,
    records: tally.records,
    persons: persons[tally.bit]!,
    started: tally.started,
    ended: tally.ended,
    activeOnLastDay: tally.activeOnLastDay,
  };
}

/** The tally of a code, by the code's bytes (no string per row); the code text is kept once per group. */
function tallyFor(
  byKey: Map<number, GroupTally>,
  byCode: Map<string, GroupTally>,
  buf: Uint8Array,
  start: number,
  end: number,
): GroupTally {
  // Up to 6 bytes as one number (exact below 2^53); longer codes (not in any code list) go by text.
  let key = end - start <= 6 ? 1 : -1;
  if (key > 0) for (let i = start; i < end; i++) key = key * 256 + buf[i]!;
  let tally = key > 0 ? byKey.get(key) : undefined;
  if (tally) return tally;
  const code = fieldText(buf, start, end);
  tally = byCode.get(code);
  if (!tally) {
    if (byCode.size >= MAX_GROUPS)
      throw new Error(
        `The Wmo file has more than ${MAX_GROUPS} distinct codes in one column; is it technically approved?`,
      );
    tally = { bit: byCode.size, records: 0, started: 0, ended: 0, activeOnLastDay: 0 };
    byCode.set(code, tally);
  }
  if (key > 0) byKey.set(key, tally);
  return tally;
}

/** Computes the Wmo figures of one delivered, technically approved Wmo file, reading it once. */
export async function computeWmoFigures(source: ByteSource, options: WmoFiguresOptions): Promise<WmoFigures> {
  const period = parseHalfYear(options.halfYear);
  const { first, last } = period;

  let columns: Columns | null = null;
  let records = 0;
  let withoutEndDate = 0;
  /** The unique persons, their records (C-02) and their groups (persons per group). */
  const persons = new PersonTable();
  const tenYearsBeforeLast = last - 100000;
  let openEndedOverTenYears = 0;
  const perCategory = new Map<string, GroupTally>();
  const perForm = new Map<string, GroupTally>();
  const categoryByKey = new Map<number, GroupTally>();
  const formByKey = new Map<number, GroupTally>();
  const startsPerMonth = new Map<number, number>(period.months.map((m) => [m, 0]));
  const endsPerMonth = new Map<number, number>(period.months.map((m) => [m, 0]));
  const endReasons = new Map<string, number>();

  const readHeader = (r: CsvRecord): Columns => {
    const positions = new Map<string, number>();
    for (let i = 0; i < r.count; i++) {
      const name = normaliseName(fieldText(r.buf, r.starts[i]!, r.ends[i]!).trim());
      if (!positions.has(name)) positions.set(name, i);
    }
    const missing = REQUIRED_COLUMNS.filter((name) => !positions.has(normaliseName(name)));
    if (missing.length > 0) throw new Error(`The Wmo file lacks the column(s) ${missing.join(', ')}`);
    const at = (name: string) => positions.get(normaliseName(name)) ?? -1;
    return {
      bsn: at('bsn'),
      productcategorie: at('productcategorie'),
      leveringsvorm: at('leveringsvorm'),
      einddatum: at('einddatum'),
      startdatum: at('startdatum'),
      beoogde_startdatum: at('beoogde_startdatum'),
      reden_beeindiging: at('reden_beeindiging'),
    };
  };

  const onRecord = (r: CsvRecord) => {
    if (r.problem !== RECORD_OK)
      throw new Error(`Line ${r.line} of the Wmo file cannot be read; is the file technically approved?`);
    if (r.count === 0) return; // a blank line
    if (columns === null) {
      columns = readHeader(r);
      return;
    }
    const { buf, starts, ends, count } = r;
    // A field past the end of a short record counts as not filled.
    const text = (i: number) => (i >= 0 && i < count ? fieldText(buf, starts[i]!, ends[i]!) : '');
    const date = (i: number) => (i >= 0 && i < count ? fieldDate(buf, starts[i]!, ends[i]!) : 0);
    const group = (byKey: Map<number, GroupTally>, byCode: Map<string, GroupTally>, i: number) =>
      i >= 0 && i < count
        ? tallyFor(byKey, byCode, buf, starts[i]!, ends[i]!)
        : tallyFor(byKey, byCode, buf, 0, 0);

    records += 1;
    const bsn = columns.bsn < count ? fieldBsn(buf, starts[columns.bsn]!, ends[columns.bsn]!) : -1;
    const start = date(columns.startdatum);
    const end = date(columns.einddatum);
    const started = start >= first && start <= last;
    const ended = end >= first && end <= last;
    const active = start !== 0 && start <= last && (end === 0 || end >= last);

    const category = group(categoryByKey, perCategory, columns.productcategorie);
    const form = group(formByKey, perForm, columns.leveringsvorm);
    if (bsn >= 0) persons.add(bsn, 1 << category.bit, 1 << form.bit);
    for (const tally of [category, form]) {
      tally.records += 1;
      if (started) tally.started += 1;
      if (ended) tally.ended += 1;
      if (active) tally.activeOnLastDay += 1;
    }
    if (started) {
      const month = Math.floor(start / 100);
      startsPerMonth.set(month, (startsPerMonth.get(month) ?? 0) + 1);
    }
    if (ended) {
      const month = Math.floor(end / 100);
      endsPerMonth.set(month, (endsPerMonth.get(month) ?? 0) + 1);
    }
    if (end === 0) {
      withoutEndDate += 1;
      const anyStart = start !== 0 ? start : date(columns.beoogde_startdatum);
      if (anyStart !== 0 && anyStart < tenYearsBeforeLast) openEndedOverTenYears += 1;
    } else {
      const reason = text(columns.reden_beeindiging);
      endReasons.set(reason, (endReasons.get(reason) ?? 0) + 1);
    }
  };

  const scanner = new CsvScanner(onRecord, {
    delimiter: DELIMITER,
    quote: QUOTE,
    maxLineBytes: MAX_LINE_BYTES,
  });
  for await (const chunk of source.stream()) scanner.push(chunk);
  scanner.finish();
  if (columns === null) throw new Error('The Wmo file has no header row');

  const categoryPersons = persons.personsPerBit('categories');
  const formPersons = persons.personsPerBit('forms');
  const perMonth = (map: Map<number, number>) =>
    Object.fromEntries(period.months.map((m) => [formatMonth(m), map.get(m) ?? 0]));
  return {
    halfYear: period.label,
    firstDay: formatDay(first),
    lastDay: formatDay(last),
    records,
    persons: persons.size,
    perProductcategorie: sortedByCode(perCategory, (code, tally) =>
      groupFigures(code, tally, categoryPersons),
    ),
    perLeveringsvorm: sortedByCode(perForm, (code, tally) => groupFigures(code, tally, formPersons)),
    startsPerMonth: perMonth(startsPerMonth),
    endsPerMonth: perMonth(endsPerMonth),
    shareWithoutEndDate: records === 0 ? 0 : withoutEndDate / records,
    endReasons: sortedByCode(endReasons, (code, records) => ({ code, records })),
    personsWithMoreThanFiveRecords: persons.countAbove(5),
    openEndedOverTenYears,
  };
}
