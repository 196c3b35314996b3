// Synthetic GMSD deliveries for demos, tests and benchmarks. Everything about the layout (columns,
// their order, types, lengths, code lists, rules between dates) is read from the spec, so a new spec
// version generates correctly without code changes. Output is produced row by row in chunks: a
// 5-million-row file needs no more memory than a 5-row one.
import { createBsnSequence, breakBsnCheckDigit } from './bsn-numbers.ts';
import { countDefectRows, isDefectRow, type DefectCode, type DefectRequest } from './defect-plan.ts';
import type { GeneratorField, GeneratorFileType, GeneratorSpec } from './generator-spec.ts';
import { createRandom, type Random } from './seeded-random.ts';

export interface DeliveryOptions {
  spec: GeneratorSpec;
  /** File type as named in the spec: "wmo", "wmo-kosten", "sbw", "jeugd". */
  type: string;
  /** CBS gemeentecode, 4 digits. */
  gemeente: string;
  /** Half year, "2017H2". */
  period: string;
  /** Data rows (header excluded). Default: 1000, or every key combination for aggregated files. */
  rows?: number;
  seed?: string | number;
  defects?: DefectRequest[];
  /** Aanmaakdatum JJJJMMDD; default 15 days after the period ends. */
  createdOn?: string;
  /** Make BSNs from the test range 999900006–999999990. */
  testBsn?: boolean;
  lineEnding?: '\n' | '\r\n';
}

export interface DeliveryPlan {
  type: string;
  fileName: string;
  header: string[];
  rows: number;
  /** Set when fewer rows than asked are written because the key allows no more distinct records. */
  requestedRows?: number;
  /** Rows each defect actually hits. */
  defects: Array<{ code: DefectCode; rows: number }>;
  /** Defects that this file type cannot carry (e.g. period.mismatch without a period column). */
  skippedDefects: DefectCode[];
  /** The file's bytes, in chunks of about 64 KiB; each call starts over and yields the same bytes. */
  chunks(): Generator<Uint8Array>;
}

const DEFAULT_PERSON_ROWS = 1000;
const CHUNK_CHARS = 64 * 1024;
const DAY_MS = 86_400_000;
/** Start dates reach back this far before the period, as running arrangements do. */
const START_LOOKBACK_DAYS = 730;

export function planDelivery(options: DeliveryOptions): DeliveryPlan {
  const { spec } = options;
  const fileType = spec.fileTypes.find((candidate) => candidate.type === options.type);
  if (!fileType) {
    throw new Error(
      `Onbekend bestandstype "${options.type}"; de specificatie ${spec.id} kent: ${spec.fileTypes.map((t) => t.type).join(', ')}.`,
    );
  }
  if (!/^\d{4}$/.test(options.gemeente))
    throw new Error(`Gemeentecode "${options.gemeente}" moet uit 4 cijfers bestaan, zoals 0363.`);
  const period = parsePeriod(options.period);
  const createdOn = options.createdOn ?? formatDay(period.endDay + 15);
  if (!/^\d{8}$/.test(createdOn))
    throw new Error(`Aanmaakdatum "${createdOn}" moet de vorm JJJJMMDD hebben.`);

  const fileName = `${fileType.nameToken}_${options.gemeente}_${options.period}.csv`;
  const namePattern = new RegExp(spec.format.fileName.pattern, spec.format.fileName.flags);
  if (!namePattern.test(fileName)) {
    throw new Error(`De bestandsnaam ${fileName} volgt het naamgevingspatroon van de specificatie niet.`);
  }

  const layout = compileLayout(spec, fileType);
  const requested = options.rows ?? layout.keyCombinations ?? DEFAULT_PERSON_ROWS;
  if (!Number.isInteger(requested) || requested < 0)
    throw new Error('Het aantal regels moet een heel getal van 0 of meer zijn.');
  const rows = layout.keyCombinations === null ? requested : Math.min(requested, layout.keyCombinations);

  const defects: DeliveryPlan['defects'] = [];
  const skippedDefects: DefectCode[] = [];
  const appliers: Array<{ count: number; shift: number; apply: DefectApplier }> = [];
  (options.defects ?? []).forEach((request, index) => {
    const apply = resolveDefect(request.code, layout);
    if (!apply) {
      skippedDefects.push(request.code);
      return;
    }
    const count = countDefectRows(request, rows);
    defects.push({ code: request.code, rows: count });
    appliers.push({ count, shift: rows === 0 ? 0 : (index * 7919) % rows, apply });
  });

  const context: GenerationContext = {
    layout,
    rows,
    seed: String(options.seed ?? 1),
    gemeente: options.gemeente,
    period,
    createdOn,
    testBsn: options.testBsn ?? false,
    lineEnding: options.lineEnding ?? '\n',
    appliers,
  };
  return {
    type: fileType.type,
    fileName,
    header: layout.fields.map((field) => field.name),
    rows,
    ...(rows < requested ? { requestedRows: requested } : {}),
    defects,
    skippedDefects,
    chunks: () => generateChunks(context),
  };
}

interface Period {
  text: string;
  startDay: number;
  endDay: number;
  previous: string;
}

function parsePeriod(text: string): Period {
  const match = /^(\d{4})H([12])$/.exec(text);
  if (!match) throw new Error(`Periode "${text}" moet de vorm JJJJH1 of JJJJH2 hebben, zoals 2017H2.`);
  const year = Number(match[1]);
  const isFirstHalf = match[2] === '1';
  return {
    text,
    startDay: toDay(year, isFirstHalf ? 1 : 7, 1),
    endDay: toDay(year, isFirstHalf ? 6 : 12, isFirstHalf ? 30 : 31),
    previous: isFirstHalf ? `${year - 1}H2` : `${year}H1`,
  };
}

function toDay(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

const dayTexts = new Map<number, string>();
function formatDay(day: number): string {
  let text = dayTexts.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '');
    // The cache only ever holds a few thousand distinct days per run.
    if (dayTexts.size < 100_000) dayTexts.set(day, text);
  }
  return text;
}

function parseDay(text: string): number {
  return toDay(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8)));
}

/** What the spec says about a file type, turned into indexes the row loop can use cheaply. */
interface Layout {
  fields: GeneratorField[];
  delimiter: string;
  decimalSeparator: string;
  minDay: number;
  /** Codes to draw from per code field: the plain codes (no severity, no alias). */
  codes: Map<number, string[]>;
  startFields: Set<number>;
  endFields: Set<number>;
  requires: Array<{ ifField: number; thenField: number }>;
  oneOf: number[][];
  /** amountRatio rules: the second amount is kept within `factor` of the first. */
  ratios: Array<{ first: number; second: number; factor: number }>;
  key: number[];
  /** For files keyed by codes only: how many distinct records exist; null for person-level files. */
  keyCombinations: number | null;
  dateOrder: Array<{ start: number[]; end: number }>;
  periodOverlap: Array<{ start: number[]; end: number[] }>;
  notFuture: number[];
  roles: { aanmaakdatum: number; gemeentecode: number; periode: number };
}

function compileLayout(spec: GeneratorSpec, fileType: GeneratorFileType): Layout {
  const fields = fileType.fields;
  const indexOf = (name: string): number => fields.findIndex((field) => field.name === name);
  const indexes = (names: string | string[] | undefined): number[] =>
    (names === undefined ? [] : Array.isArray(names) ? names : [names]).map(indexOf).filter((i) => i >= 0);

  const codes = new Map<number, string[]>();
  fields.forEach((field, index) => {
    if (field.type !== 'code') return;
    const list = spec.codeLists[field.codeList ?? '']?.codes ?? [];
    const plain = list.filter((code) => code.severity === undefined && !/\balias\b/i.test(code.label ?? ''));
    const usable = (plain.length > 0 ? plain : list).map((code) => code.code);
    if (usable.length === 0)
      throw new Error(`Codelijst "${field.codeList}" van kolom ${field.name} is leeg.`);
    codes.set(index, usable);
  });

  const startFields = new Set<number>();
  const endFields = new Set<number>();
  const dateOrder: Layout['dateOrder'] = [];
  const periodOverlap: Layout['periodOverlap'] = [];
  const requires: Layout['requires'] = [];
  const oneOf: number[][] = [];
  const ratios: Layout['ratios'] = [];
  const notFuture: number[] = [];
  for (const rule of fileType.rules) {
    if (rule.kind === 'dateOrder' || rule.kind === 'periodOverlap') {
      const start = indexes(rule.start);
      const end = indexes(rule.end);
      start.forEach((i) => startFields.add(i));
      end.forEach((i) => endFields.add(i));
      if (rule.kind === 'dateOrder' && end[0] !== undefined) dateOrder.push({ start, end: end[0] });
      if (rule.kind === 'periodOverlap') periodOverlap.push({ start, end });
    } else if (rule.kind === 'requires') {
      const ifField = indexOf(rule.if ?? '');
      const thenField = indexOf(rule.then ?? '');
      if (ifField >= 0 && thenField >= 0) requires.push({ ifField, thenField });
    } else if (rule.kind === 'oneOfRequired') {
      oneOf.push(indexes(rule.fields));
    } else if (rule.kind === 'amountRatio') {
      const [first, second] = indexes(rule.fields);
      if (first !== undefined && second !== undefined)
        ratios.push({ first, second, factor: rule.factor ?? 1 });
    } else if (rule.kind === 'notFuture') {
      const field = indexOf(rule.field ?? '');
      if (field >= 0 && fields[field]?.role === undefined) notFuture.push(field);
    }
  }
  const key = indexes(fileType.key);
  const isCodeKey = key.length > 0 && key.every((i) => fields[i]?.type === 'code');
  const keyCombinations = isCodeKey
    ? key.reduce((product, i) => product * (codes.get(i)?.length ?? 1), 1)
    : null;
  const role = (name: string) => fields.findIndex((field) => field.role === name);
  return {
    fields,
    delimiter: spec.format.delimiter,
    decimalSeparator: spec.format.decimalSeparator,
    minDay: parseDay(spec.format.minDate ?? '19000101'),
    codes,
    startFields,
    endFields,
    requires,
    oneOf,
    ratios,
    key,
    keyCombinations,
    dateOrder,
    periodOverlap,
    notFuture,
    roles: {
      aanmaakdatum: role('aanmaakdatum'),
      gemeentecode: role('gemeentecode'),
      periode: role('periode'),
    },
  };
}

interface GenerationContext {
  layout: Layout;
  rows: number;
  seed: string;
  gemeente: string;
  period: Period;
  createdOn: string;
  testBsn: boolean;
  lineEnding: string;
  appliers: Array<{ count: number; shift: number; apply: DefectApplier }>;
}

interface RowState {
  values: string[];
  previousValues: string[] | null;
  random: Random;
  context: GenerationContext;
  /** Set by defects that change the shape of the line rather than a value. */
  dropLastField: boolean;
  repeatPreviousLine: boolean;
}

type DefectApplier = (row: RowState) => void;

function* generateChunks(context: GenerationContext): Generator<Uint8Array> {
  const { layout, rows, lineEnding } = context;
  const encoder = new TextEncoder();
  const random = createRandom(context.seed);
  const nextBsn = createBsnSequence({
    step: random.integer(1, 89_999_999),
    offset: random.integer(0, 99_999_999),
    testRange: context.testBsn,
  });
  let text = layout.fields.map((field) => field.name).join(layout.delimiter) + lineEnding;
  let previousValues: string[] | null = null;
  let previousLine = '';
  for (let row = 0; row < rows; row++) {
    const state: RowState = {
      values: generateRow(context, random, nextBsn, row),
      previousValues,
      random,
      context,
      dropLastField: false,
      repeatPreviousLine: false,
    };
    for (const { count, shift, apply } of context.appliers) {
      if (isDefectRow(row, count, rows, shift)) apply(state);
    }
    let line: string;
    if (state.repeatPreviousLine && previousValues !== null) line = previousLine;
    else {
      const values = state.dropLastField ? state.values.slice(0, -1) : state.values;
      line = values.join(layout.delimiter);
    }
    text += line + lineEnding;
    previousLine = line;
    previousValues = state.values;
    if (text.length >= CHUNK_CHARS) {
      yield encoder.encode(text);
      text = '';
    }
  }
  if (text.length > 0) yield encoder.encode(text);
}

function generateRow(
  context: GenerationContext,
  random: Random,
  nextBsn: () => string,
  row: number,
): string[] {
  const { layout, period } = context;
  const startDay = Math.max(
    layout.minDay,
    random.integer(period.startDay - START_LOOKBACK_DAYS, period.endDay),
  );
  const endDay = random.integer(Math.max(startDay, period.startDay), period.endDay);
  let combination = layout.keyCombinations === null ? 0 : row % layout.keyCombinations;
  const keyCodes = new Map<number, string>();
  for (const index of layout.key) {
    const codes = layout.codes.get(index);
    if (layout.keyCombinations === null || !codes) continue;
    keyCodes.set(index, codes[combination % codes.length]!);
    combination = Math.floor(combination / codes.length);
  }

  const values = layout.fields.map((field, index): string => {
    if (index === layout.roles.aanmaakdatum) return context.createdOn;
    if (index === layout.roles.gemeentecode) return context.gemeente;
    if (index === layout.roles.periode) return period.text;
    const keyCode = keyCodes.get(index);
    if (keyCode !== undefined) return keyCode;
    if (field.type === 'bsn') return nextBsn();
    if (field.type === 'date') {
      if (layout.startFields.has(index))
        return field.required || random.next() < 0.8 ? formatDay(startDay) : '';
      if (layout.endFields.has(index)) return field.required || random.next() < 0.4 ? formatDay(endDay) : '';
      return field.required || random.next() < 0.7
        ? formatDay(random.integer(period.startDay, period.endDay))
        : '';
    }
    if (!field.required && random.next() < (field.type === 'amount' ? 0.1 : 0.3)) return '';
    return makeValue(context, field, index, random);
  });

  for (const { ifField, thenField } of layout.requires) {
    if (values[thenField] === '') values[ifField] = '';
    else if (values[ifField] === '')
      values[ifField] = makeValue(context, layout.fields[ifField]!, ifField, random);
  }
  for (const group of layout.oneOf) {
    const first = group[0];
    if (first !== undefined && group.every((index) => values[index] === '')) {
      values[first] = makeValue(context, layout.fields[first]!, first, random);
    }
  }
  for (const { first, second, factor } of layout.ratios) {
    const a = values[first];
    if (!a || !values[second]) continue;
    // Realised within ±20 % of the budget, and never past the factor the spec warns at.
    const base = Math.round(Number(a.replace(layout.decimalSeparator, '.')) * 100);
    const cents = Math.min(Math.round((base * random.integer(80, 120)) / 100), Math.floor(base * factor));
    const decimals = layout.fields[second]?.decimals ?? 0;
    values[second] =
      decimals === 0
        ? String(Math.floor(cents / 100))
        : `${Math.floor(cents / 100)}${layout.decimalSeparator}${String(cents % 100)
            .padStart(2, '0')
            .slice(0, decimals)}`;
  }
  return values;
}

function makeValue(context: GenerationContext, field: GeneratorField, index: number, random: Random): string {
  const { layout, period } = context;
  switch (field.type) {
    case 'code':
      return random.pick(layout.codes.get(index) ?? ['']);
    case 'digits':
      return field.length !== undefined
        ? randomDigits(random, field.length)
        : String(random.integer(1, 10 ** Math.min(field.maxLength ?? 3, 9) - 1));
    case 'text':
      return randomDigits(random, random.integer(1, Math.min(field.maxLength ?? 8, 8)));
    case 'amount': {
      const whole = String(random.integer(0, 10 ** Math.min(field.integerDigits ?? 6, 6) - 1));
      const decimals = field.decimals ?? 0;
      return decimals === 0 ? whole : `${whole}${layout.decimalSeparator}${randomDigits(random, decimals)}`;
    }
    case 'period':
      return period.text;
    case 'date':
      return formatDay(random.integer(period.startDay, period.endDay));
    default:
      return randomDigits(random, 1);
  }
}

function randomDigits(random: Random, length: number): string {
  let digits = '';
  for (let i = 0; i < length; i++) digits += String(Math.floor(random.next() * 10));
  return digits;
}

/** How a defect is put into a row of this layout, or null when the layout has nothing to put it in. */
function resolveDefect(code: DefectCode, layout: Layout): DefectApplier | null {
  const { fields, roles } = layout;
  const find = (predicate: (field: GeneratorField, index: number) => boolean): number =>
    fields.findIndex(predicate);
  const bsn = find((field) => field.type === 'bsn');
  switch (code) {
    case 'field.bsn_elfproef':
      return bsn < 0 ? null : (row) => void (row.values[bsn] = breakBsnCheckDigit(row.values[bsn]!));
    case 'field.required': {
      const target = find(
        (field, index) => field.required && field.role === undefined && index !== roles.gemeentecode,
      );
      return target < 0 ? null : (row) => void (row.values[target] = '');
    }
    case 'field.format': {
      const digits = find((field) => field.type === 'digits' && field.role === undefined);
      if (digits >= 0) return (row) => void (row.values[digits] = 'X1');
      if (bsn >= 0) return (row) => void (row.values[bsn] = `${row.values[bsn]!.slice(0, 8)}X`);
      const period = find((field) => field.type === 'period');
      return period < 0 ? null : (row) => void (row.values[period] = row.values[period]!.replace('H', 'X'));
    }
    case 'field.date_invalid': {
      let target = find(
        (field, index) => field.type === 'date' && field.required && layout.startFields.has(index),
      );
      if (target < 0) target = find((field) => field.type === 'date');
      return target < 0
        ? null
        : (row) => void (row.values[target] = `${row.context.period.text.slice(0, 4)}0231`);
    }
    case 'field.amount_invalid': {
      const target = find((field) => field.type === 'amount');
      return target < 0 ? null : (row) => void (row.values[target] = 'abc');
    }
    case 'field.code_unknown': {
      const target = find((field) => field.type === 'code' && field.required);
      // Distinct unknown codes, so a code in the key does not also make duplicate keys.
      let next = 0;
      return target < 0
        ? null
        : (row) => void (row.values[target] = `Z${String.fromCharCode(65 + (next++ % 26))}`);
    }
    case 'row.column_count':
      return (row) => void (row.dropLastField = true);
    case 'record.duplicate_line':
      return (row) => void (row.repeatPreviousLine = true);
    case 'record.duplicate_key': {
      if (layout.key.length === 0) return null;
      const varied = find(
        (field, index) =>
          !layout.key.includes(index) &&
          field.role === undefined &&
          ['amount', 'digits', 'text'].includes(field.type),
      );
      return (row) => {
        if (row.previousValues === null) return;
        // Copy the whole previous record, not only its key, so no other rule (date order) trips.
        row.values = [...row.previousValues];
        if (varied >= 0) {
          const previous = row.previousValues[varied];
          row.values[varied] = previous === '1' ? '2' : '1';
        }
      };
    }
    case 'date.order': {
      const rule = layout.dateOrder[0];
      if (!rule) return null;
      return (row) => {
        const periodStart = row.context.period.startDay;
        for (const index of layout.startFields) row.values[index] = formatDay(periodStart + 30);
        for (const index of layout.endFields)
          row.values[index] = fields[index]!.required ? formatDay(periodStart + 40) : '';
        row.values[rule.end] = formatDay(periodStart + 10);
        // A field that may only be filled with a cleared end date (reden_beeindiging) goes with it.
        for (const { ifField, thenField } of layout.requires)
          if (row.values[thenField] === '') row.values[ifField] = '';
      };
    }
    case 'date.future': {
      const target = layout.notFuture[0];
      if (target === undefined) return null;
      return (row) => void (row.values[target] = formatDay(parseDay(row.context.createdOn) + 10));
    }
    case 'period.outside': {
      const rule = layout.periodOverlap[0];
      if (!rule) return null;
      return (row) => {
        const periodStart = row.context.period.startDay;
        for (const index of layout.startFields) row.values[index] = formatDay(periodStart - 400);
        for (const index of layout.endFields) row.values[index] = formatDay(periodStart - 100);
      };
    }
    case 'period.mismatch':
      return roles.periode < 0
        ? null
        : (row) => void (row.values[roles.periode] = row.context.period.previous);
    case 'gemeente.mixed':
      return roles.gemeentecode < 0
        ? null
        : (row) => void (row.values[roles.gemeentecode] = row.context.gemeente === '0363' ? '0344' : '0363');
    case 'gemeente.unknown':
      return roles.gemeentecode < 0 ? null : (row) => void (row.values[roles.gemeentecode] = '9999');
  }
}
