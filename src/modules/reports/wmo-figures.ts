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

/** At most this many distinct codes per dimension (a technically approved file has the code list's). */
const MAX_GROUPS = 32;

/** A bit mask per person: as narrow as the groups seen so far allow, widened when a group needs it. */
type MaskArray = Uint8Array | Uint16Array | Uint32Array;

function widerMasks(masks: MaskArray, groups: number): MaskArray {
  const bits = masks.BYTES_PER_ELEMENT * 8;
  if (groups <= bits) return masks;
  const wider = groups <= 16 ? new Uint16Array(masks.length) : new Uint32Array(masks.length);
  wider.set(masks);
  return wider;
}

function emptyLike(masks: MaskArray, length: number): MaskArray {
  return masks instanceof Uint8Array
    ? new Uint8Array(length)
    : masks instanceof Uint16Array
      ? new Uint16Array(length)
      : new Uint32Array(length);
}

/**
 * The distinct persons of a file: BSN + 1 as key (0 = empty slot), records per person (saturating at
 * 255: C-02 only asks "more than five"), and per person a bit mask of the productcategorieën and
 * one of the leveringsvormen it has records in (8, 16 or 32 bits wide, as many as the file's groups
 * need: a file with the code list's 18 categories and 4 leveringsvormen takes 10 bytes a slot).
 * Linear probing; doubles at 50 % load.
 */
class PersonTable {
  private keys = new Uint32Array(1 << 12);
  private counts = new Uint8Array(1 << 12);
  private categories: MaskArray = new Uint8Array(1 << 12);
  private forms: MaskArray = new Uint8Array(1 << 12);
  size = 0;

  /** Makes room for group bit `bit` (0-based) in the category or the form masks. */
  allowBit(which: 'categories' | 'forms', bit: number): void {
    this[which] = widerMasks(this[which], bit + 1);
  }

  add(bsn: number, category: number, form: number): void {
    const key = bsn + 1;
    let keys = this.keys;
    let mask = keys.length - 1;
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    for (;;) {
      const k = keys[slot]!;
      if (k === key) break;
      if (k === 0) {
        if ((this.size + 1) * 2 > keys.length) {
          this.grow();
          keys = this.keys;
          mask = keys.length - 1;
          slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
          continue;
        }
        keys[slot] = key;
        this.size += 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
    const counts = this.counts;
    if (counts[slot]! < 255) counts[slot]! += 1;
    this.categories[slot]! |= 1 << category;
    this.forms[slot]! |= 1 << form;
  }

  private grow(): void {
    const { keys, counts, categories, forms } = this;
    const length = keys.length * 2;
    this.keys = new Uint32Array(length);
    this.counts = new Uint8Array(length);
    this.categories = emptyLike(categories, length);
    this.forms = emptyLike(forms, length);
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

  /**
   * In one pass over the table: the persons with more than `n` records, and the persons per group bit
   * (index = bit number) of the categories and of the forms.
   */
  summary(n: number): { above: number; categories: Int32Array; forms: Int32Array } {
    const { keys, counts } = this;
    const categories = new Int32Array(MAX_GROUPS);
    const forms = new Int32Array(MAX_GROUPS);
    const categoryMasks = this.categories;
    const formMasks = this.forms;
    let above = 0;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      if (counts[i]! > n) above += 1;
      for (let m = categoryMasks[i]!; m !== 0; m &= m - 1) categories[31 - Math.clz32(m & -m)]! += 1;
      for (let m = formMasks[i]!; m !== 0; m &= m - 1) forms[31 - Math.clz32(m & -m)]! += 1;
    }
    return { above, categories, forms };
  }
}

/**
 * The codes of one column as small integers (0, 1, 2, … in order of first appearance), looked up by
 * their bytes: no string per row. A code's text is decoded once, when its bytes are first seen; bytes
 * that decode to a code already known (only possible for bytes that are not UTF-8) get its number, so
 * the groups are those of the decoded codes.
 */
class CodeIds {
  /** Per entry: a hash of its bytes, the bytes, and its number. */
  private readonly hashes: number[] = [];
  private readonly bytes: Uint8Array[] = [];
  private readonly ids: number[] = [];
  /** Entry by the hash's low byte: one probe for a code seen before. */
  private readonly recent = new Int32Array(256).fill(-1);
  private readonly byText = new Map<string, number>();
  /** The decoded codes, by number. */
  readonly texts: string[] = [];

  constructor(
    /** At most this many distinct codes (then the file is refused). */
    private readonly limit: number,
    /** Called with the number of a new code, before it is used. */
    private readonly onNew: (id: number) => void = () => {},
  ) {}

  idOf(buf: Uint8Array, start: number, end: number): number {
    let hash = 0x811c9dc5 ^ (end - start);
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ buf[i]!, 0x01000193);
    const cached = this.recent[hash & 255]!;
    if (cached >= 0 && this.hashes[cached] === hash && sameBytes(this.bytes[cached]!, buf, start, end))
      return this.ids[cached]!;
    for (let e = 0; e < this.hashes.length; e++) {
      if (this.hashes[e] === hash && sameBytes(this.bytes[e]!, buf, start, end)) {
        this.recent[hash & 255] = e;
        return this.ids[e]!;
      }
    }
    const text = fieldText(buf, start, end);
    let id = this.byText.get(text);
    if (id === undefined) {
      if (this.texts.length >= this.limit)
        throw new Error(
          `The Wmo file has more than ${MAX_GROUPS} distinct codes in one column; is it technically approved?`,
        );
      id = this.texts.length;
      this.onNew(id);
      this.texts.push(text);
      this.byText.set(text, id);
    }
    this.hashes.push(hash);
    this.bytes.push(buf.slice(start, end));
    this.ids.push(id);
    this.recent[hash & 255] = this.hashes.length - 1;
    return id;
  }

  /** The numbers in the order of their codes (sorted as strings, as the report lists them). */
  sortedIds(): number[] {
    return this.texts.map((_, id) => id).sort((a, b) => compareText(this.texts[a]!, this.texts[b]!));
  }
}

function sameBytes(known: Uint8Array, buf: Uint8Array, start: number, end: number): boolean {
  if (known.length !== end - start) return false;
  for (let i = 0; i < known.length; i++) if (known[i] !== buf[start + i]) return false;
  return true;
}

/** Array.prototype.sort's default order (UTF-16 code units). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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

/** What the figures count per row, in typed arrays: per group (by code number) and per month. */
class WmoTally {
  readonly persons = new PersonTable();
  readonly categories = new CodeIds(MAX_GROUPS, (id) => this.persons.allowBit('categories', id));
  readonly forms = new CodeIds(MAX_GROUPS, (id) => this.persons.allowBit('forms', id));
  readonly reasons = new CodeIds(Number.POSITIVE_INFINITY);
  /** Per category and per form: records, started, ended, active on the last day. */
  readonly perCategory = new Int32Array(MAX_GROUPS * 4);
  readonly perForm = new Int32Array(MAX_GROUPS * 4);
  /** Records per reason code number (records with an einddatum). */
  reasonRecords = new Float64Array(16);
  readonly starts = new Float64Array(6);
  readonly ends = new Float64Array(6);
  records = 0;
  withoutEndDate = 0;
  openEndedOverTenYears = 0;
  columns: Columns | null = null;
  private readonly firstMonth: number;
  private readonly tenYearsBeforeLast: number;

  constructor(
    private readonly first: number,
    private readonly last: number,
  ) {
    this.firstMonth = Math.floor(first / 100);
    this.tenYearsBeforeLast = last - 100000;
  }

  /** One record of the file (the CsvScanner's callback). */
  add(r: CsvRecord): void {
    if (r.problem !== RECORD_OK)
      throw new Error(`Line ${r.line} of the Wmo file cannot be read; is the file technically approved?`);
    if (r.count === 0) return; // a blank line
    const columns = this.columns;
    if (columns === null) {
      this.columns = readHeader(r);
      return;
    }
    const { buf, starts, ends, count } = r;
    const { first, last } = this;
    this.records += 1;
    // A field past the end of a short record (or of a column the file leaves out) is not filled.
    const b = columns.bsn;
    const bsn = b < count ? fieldBsn(buf, starts[b]!, ends[b]!) : -1;
    const s = columns.startdatum;
    const start = s >= 0 && s < count ? fieldDate(buf, starts[s]!, ends[s]!) : 0;
    const e = columns.einddatum;
    const end = e >= 0 && e < count ? fieldDate(buf, starts[e]!, ends[e]!) : 0;
    const started = start >= first && start <= last;
    const ended = end >= first && end <= last;
    const active = start !== 0 && start <= last && (end === 0 || end >= last);

    const c = columns.productcategorie;
    const category =
      c < count ? this.categories.idOf(buf, starts[c]!, ends[c]!) : this.categories.idOf(buf, 0, 0);
    const f = columns.leveringsvorm;
    const form = f < count ? this.forms.idOf(buf, starts[f]!, ends[f]!) : this.forms.idOf(buf, 0, 0);
    if (bsn >= 0) this.persons.add(bsn, category, form);
    const perCategory = this.perCategory;
    const perForm = this.perForm;
    perCategory[category * 4]! += 1;
    perForm[form * 4]! += 1;
    if (started) {
      perCategory[category * 4 + 1]! += 1;
      perForm[form * 4 + 1]! += 1;
      this.starts[Math.floor(start / 100) - this.firstMonth]! += 1;
    }
    if (ended) {
      perCategory[category * 4 + 2]! += 1;
      perForm[form * 4 + 2]! += 1;
      this.ends[Math.floor(end / 100) - this.firstMonth]! += 1;
    }
    if (active) {
      perCategory[category * 4 + 3]! += 1;
      perForm[form * 4 + 3]! += 1;
    }
    if (end === 0) {
      this.withoutEndDate += 1;
      const p = columns.beoogde_startdatum;
      const anyStart = start !== 0 ? start : p >= 0 && p < count ? fieldDate(buf, starts[p]!, ends[p]!) : 0;
      if (anyStart !== 0 && anyStart < this.tenYearsBeforeLast) this.openEndedOverTenYears += 1;
    } else {
      const x = columns.reden_beeindiging;
      const reason =
        x >= 0 && x < count ? this.reasons.idOf(buf, starts[x]!, ends[x]!) : this.reasons.idOf(buf, 0, 0);
      if (reason >= this.reasonRecords.length) {
        const more = new Float64Array(this.reasonRecords.length * 2);
        more.set(this.reasonRecords);
        this.reasonRecords = more;
      }
      this.reasonRecords[reason]! += 1;
    }
  }
}

function readHeader(r: CsvRecord): Columns {
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
}

function groupFigures(codes: CodeIds, tallies: Int32Array, persons: Int32Array): WmoGroupFigures[] {
  return codes.sortedIds().map((id) => ({
    code: codes.texts[id]!,
    records: tallies[id * 4]!,
    persons: persons[id]!,
    started: tallies[id * 4 + 1]!,
    ended: tallies[id * 4 + 2]!,
    activeOnLastDay: tallies[id * 4 + 3]!,
  }));
}

/** Computes the Wmo figures of one delivered, technically approved Wmo file, reading it once. */
export async function computeWmoFigures(source: ByteSource, options: WmoFiguresOptions): Promise<WmoFigures> {
  const period = parseHalfYear(options.halfYear);
  const { first, last } = period;
  const tally = new WmoTally(first, last);
  const scanner = new CsvScanner((r) => tally.add(r), {
    delimiter: DELIMITER,
    quote: QUOTE,
    maxLineBytes: MAX_LINE_BYTES,
  });
  for await (const chunk of source.stream()) scanner.push(chunk);
  scanner.finish();
  if (tally.columns === null) throw new Error('The Wmo file has no header row');

  const { persons, records } = tally;
  const summary = persons.summary(5);
  const perMonth = (counts: Float64Array) =>
    Object.fromEntries(period.months.map((m, i) => [formatMonth(m), counts[i]!]));
  return {
    halfYear: period.label,
    firstDay: formatDay(first),
    lastDay: formatDay(last),
    records,
    persons: persons.size,
    perProductcategorie: groupFigures(tally.categories, tally.perCategory, summary.categories),
    perLeveringsvorm: groupFigures(tally.forms, tally.perForm, summary.forms),
    startsPerMonth: perMonth(tally.starts),
    endsPerMonth: perMonth(tally.ends),
    shareWithoutEndDate: records === 0 ? 0 : tally.withoutEndDate / records,
    endReasons: tally.reasons
      .sortedIds()
      .map((id) => ({ code: tally.reasons.texts[id]!, records: tally.reasonRecords[id]! })),
    personsWithMoreThanFiveRecords: summary.above,
    openEndedOverTenYears: tally.openEndedOverTenYears,
  };
}
