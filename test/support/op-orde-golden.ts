// Golden cases for the op-orde figures (issue 21): generated and hand-made inputs, each turned into
// report content by the pure steps the job takes (figures → sections with comparisons and warnings,
// Wmo first so Wmo kosten is matched per gemeente code). The content of each case, serialised as the
// job stores it, is kept in test/fixtures/op-orde/<case>.json; op-orde-golden.test.ts demands the same
// bytes, so a faster way of computing the figures cannot change a single figure unnoticed.
//
// The fixtures were written by the implementation before the streaming rewrite:
//   node --import tsx test/support/op-orde-golden.ts --write
// Rewrite them only for a change that is meant to change the figures, and say so in the commit.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  computeCostFigures,
  costFileLayout,
  type CostFigures,
} from '../../src/modules/reports/cost-figures.ts';
import {
  buildCostSection,
  buildWmoSection,
  previousHalfYear,
  type ContentReport,
  type CostFileType,
  type PreviousFigures,
  type ReportSection,
} from '../../src/modules/reports/report-content.ts';
import { computeWmoFigures, type WmoFigures } from '../../src/modules/reports/wmo-figures.ts';
import { createBytesSource, loadSpec } from '../../src/modules/validation/index.ts';
import { planDelivery, readGeneratorSpec } from '../../src/modules/validation/generate/index.ts';

const specJson = JSON.parse(readFileSync(new URL('../../specs/gmsd/2017.json', import.meta.url), 'utf8'));
const generatorSpec = readGeneratorSpec(specJson);
const spec = loadSpec(specJson);

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/op-orde/', import.meta.url));

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A generated file's text (the generator's own seeded output). */
export function generatedText(
  type: string,
  gemeente: string,
  period: string,
  rows: number | undefined,
  seed: number,
): string {
  const plan = planDelivery({ spec: generatorSpec, type, gemeente, period, seed, ...(rows ? { rows } : {}) });
  return decoder.decode(concat([...plan.chunks()]));
}

/** A small seeded generator (mulberry32), so the mutations below are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (d: Date) => d.toISOString().slice(0, 10).replaceAll('-', '');

/**
 * A generated Wmo file made harder: persons with several records (some with more than five, across
 * categories and leveringsvormen), open-ended records that started over ten years before the half
 * year's last day (and some exactly ten years), starts and ends outside the half year on both sides
 * and on its first and last day, empty startdatums with a beoogde_startdatum.
 */
export function harderWmo(text: string, halfYear: string, seed: number, heavy = false): string {
  const next = random(seed);
  // heavy: most rows go to a few persons and a third is old and open-ended (C-02 and C-04 fire).
  const [reuse, often, old] = heavy ? [0.1, 0.8, 0.3] : [0.35, 0.45, 0.05];
  const lines = text.split('\n');
  const header = lines[0]!.split(';');
  const col = (name: string) => header.indexOf(name);
  const [bsn, start, planned, end, reason] = [
    col('bsn'),
    col('startdatum'),
    col('beoogde_startdatum'),
    col('einddatum'),
    col('reden_beeindiging'),
  ];
  const year = Number(halfYear.slice(0, 4));
  const h1 = halfYear.endsWith('H1');
  const first = h1 ? `${year}0101` : `${year}0701`;
  const last = h1 ? `${year}0630` : `${year}1231`;
  const tenBefore = `${year - 10}${last.slice(4)}`;
  const seen: string[] = [];
  const frequent: string[] = [];
  return lines
    .map((line, i) => {
      if (i === 0 || line === '') return line;
      const f = line.split(';');
      const r = next();
      if (seen.length > 0 && r < reuse) f[bsn] = seen[Math.floor(next() * seen.length)]!;
      else if (frequent.length > 0 && r < often) f[bsn] = frequent[Math.floor(next() * frequent.length)]!;
      else {
        seen.push(f[bsn]!);
        if (next() < (heavy ? 0.2 : 0.02)) frequent.push(f[bsn]!);
      }
      const d = next();
      if (d < old) {
        f[start] = day(
          new Date(
            Date.UTC(
              year - 11 - Math.floor(next() * 5),
              Math.floor(next() * 12),
              1 + Math.floor(next() * 28),
            ),
          ),
        );
        f[end] = '';
      } else if (d < old + 0.01) {
        f[start] = tenBefore;
        f[end] = '';
      } else if (d < old + 0.02) {
        f[start] = '';
        f[planned] = `${year - 12}0101`;
        f[end] = '';
      } else if (d < old + 0.03) f[start] = first;
      else if (d < old + 0.04) f[start] = last;
      else if (d < old + 0.05) f[end] = last;
      else if (d < old + 0.06) f[end] = first;
      else if (d < old + 0.07) f[end] = `${year + 1}0215`;
      else if (d < old + 0.08) f[end] = `${year - 1}1130`;
      else if (d < old + 0.09) f[start] = `${year + 1}0301`;
      if (f[end] !== '' && next() < 0.1) f[reason] = '';
      return f.join(';');
    })
    .join('\n');
}

/** Leaves out columns and puts the rest in another order, with loosely written names. */
function reshapeWmo(text: string, drop: string[]): string {
  const lines = text.split('\n');
  const header = lines[0]!.split(';');
  const keep = header.map((_, i) => i).filter((i) => !drop.includes(header[i]!));
  const order = [...keep].reverse();
  return lines
    .map((line, i) => {
      if (line === '') return line;
      const f = line.split(';');
      return order.map((j) => (i === 0 ? f[j]!.toUpperCase().replace('_', ' ') : (f[j] ?? ''))).join(';');
    })
    .join('\n');
}

/** Wmo kosten with its 99 row set to the exact sum of the categories (no C-05), or left out. */
function costsWithTotal(text: string, how: 'exact' | 'none' | 'only'): string {
  const lines = text.split('\n');
  const header = lines[0]!.split(';');
  const cat = header.indexOf('productcategorie');
  const rows = lines.slice(1).filter((l) => l !== '');
  const isTotal = (l: string) => l.split(';')[cat] === '99';
  if (how === 'none') return [lines[0], ...rows.filter((l) => !isTotal(l)), ''].join('\n');
  if (how === 'only') return [lines[0], ...rows.filter(isTotal), ''].join('\n');
  const cents = (s: string) => (s === '' ? 0 : Math.round(Number(s.replace(',', '.')) * 100));
  const sums = new Map<string, [number, number]>();
  for (const l of rows.filter((x) => !isTotal(x))) {
    const f = l.split(';');
    const form = f[header.indexOf('leveringsvorm')]!;
    const s = sums.get(form) ?? [0, 0];
    s[0] += cents(f[header.indexOf('kosten_begroot')]!);
    s[1] += cents(f[header.indexOf('kosten_gerealiseerd')]!);
    sums.set(form, s);
  }
  const euro = (c: number) => `${Math.floor(c / 100)},${String(c % 100).padStart(2, '0')}`;
  return [
    lines[0],
    ...rows.map((l) => {
      if (!isTotal(l)) return l;
      const f = l.split(';');
      const s = sums.get(f[header.indexOf('leveringsvorm')]!) ?? [0, 0];
      f[header.indexOf('kosten_begroot')] = euro(s[0]);
      f[header.indexOf('kosten_gerealiseerd')] = euro(s[1]);
      return f.join(';');
    }),
    '',
  ].join('\n');
}

/** One data file of a delivery, as the job has it after the technical check. */
interface GoldenFile {
  name: string;
  type: 'wmo' | CostFileType;
  period: string;
  gemeentecode: string;
  bytes: Uint8Array;
}

/** The figures of files delivered before (for the comparisons), by type, period and gemeente code. */
interface Earlier {
  receiptNumber: string;
  file: GoldenFile;
}

const ORDER = ['wmo', 'wmo-kosten', 'sbw', 'jeugd'];

function labelsOf(type: string, field: string): Record<string, string> {
  const f = spec.fileTypes.find((x) => x.type === type)?.fields.find((x) => x.name === field);
  if (!f || f.type !== 'code') return {};
  return Object.fromEntries((spec.codeLists[f.codeList]?.codes ?? []).map((c) => [c.code, c.label]));
}

function amountRatioOf(fileType: string): { id: string; factor: number } | null {
  const rule = spec.fileTypes.find((t) => t.type === fileType)?.rules.find((r) => r.kind === 'amountRatio');
  return rule?.kind === 'amountRatio' ? { id: rule.id, factor: rule.factor } : null;
}

type Figures = WmoFigures | CostFigures;

async function figuresOf(file: GoldenFile, chunkSize: number): Promise<Figures> {
  const source = createBytesSource(file.name, file.bytes, chunkSize);
  return file.type === 'wmo'
    ? computeWmoFigures(source, { halfYear: file.period })
    : computeCostFigures(source, costFileLayout(spec, file.type));
}

/** The report content of one delivery, built as generateContentReport builds it. */
async function contentOf(
  receiptNumber: string,
  gemeentecode: string,
  files: GoldenFile[],
  earlier: Earlier[],
  chunkSize: number,
): Promise<ContentReport> {
  const thresholdPercent = 30;
  // The earlier file of that type, half year and gemeente code: the redelivery (same half year) or
  // the previous half year's, as findReportOfDeliveryInForce finds them.
  const find = async (type: string, period: string, code: string) => {
    const e = earlier.find(
      (x) => x.file.type === type && x.file.period === period && x.file.gemeentecode === code,
    );
    return e
      ? { receiptNumber: e.receiptNumber, halfYear: period, figures: await figuresOf(e.file, chunkSize) }
      : null;
  };
  const sections: ReportSection[] = [];
  const codeOf = new Map<ReportSection, string>();
  const sorted = [...files].sort(
    (a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type) || a.name.localeCompare(b.name),
  );
  for (const file of sorted) {
    const previous = previousHalfYear(file.period);
    if (file.type === 'wmo') {
      sections.push(
        buildWmoSection({
          fileName: file.name,
          period: file.period,
          figures: (await figuresOf(file, chunkSize)) as WmoFigures,
          labels: {
            productcategorie: labelsOf('wmo', 'productcategorie'),
            leveringsvorm: labelsOf('wmo', 'leveringsvorm'),
            reden: labelsOf('wmo', 'reden_beeindiging'),
          },
          redelivery: (await find(
            'wmo',
            file.period,
            file.gemeentecode,
          )) as PreviousFigures<WmoFigures> | null,
          previousHalfYear: (await find(
            'wmo',
            previous,
            file.gemeentecode,
          )) as PreviousFigures<WmoFigures> | null,
          thresholdPercent,
        }),
      );
      codeOf.set(sections.at(-1)!, file.gemeentecode);
      continue;
    }
    const layout = costFileLayout(spec, file.type);
    const sameDeliveryWmo = sections.find(
      (s) => s.fileType === 'wmo' && s.period === file.period && codeOf.get(s) === file.gemeentecode,
    );
    const wmo =
      file.type !== 'wmo-kosten'
        ? null
        : sameDeliveryWmo
          ? { receiptNumber, halfYear: file.period, figures: sameDeliveryWmo.figures as WmoFigures }
          : ((await find('wmo', file.period, file.gemeentecode)) as PreviousFigures<WmoFigures> | null);
    sections.push(
      buildCostSection({
        fileType: file.type,
        fileName: file.name,
        period: file.period,
        figures: (await figuresOf(file, chunkSize)) as CostFigures,
        labels: {
          category: labelsOf(file.type, layout.categoryColumn),
          leveringsvorm: labelsOf(file.type, 'leveringsvorm'),
        },
        redelivery: (await find(
          file.type,
          file.period,
          file.gemeentecode,
        )) as PreviousFigures<CostFigures> | null,
        previousHalfYear: (await find(
          file.type,
          previous,
          file.gemeentecode,
        )) as PreviousFigures<CostFigures> | null,
        wmo,
        thresholdPercent,
        ratio: amountRatioOf(file.type),
      }),
    );
  }
  return {
    version: 1,
    receiptNumber,
    gemeentecode,
    gemeenteName: 'Gemeente',
    changeThresholdPercent: thresholdPercent,
    sections,
  };
}

function file(
  type: GoldenFile['type'],
  gemeentecode: string,
  period: string,
  text: string | Uint8Array,
): GoldenFile {
  const prefix = { wmo: 'WMO', 'wmo-kosten': 'WMOKOSTEN', sbw: 'SBW', jeugd: 'JEUGD' }[type];
  return {
    name: `MSD.zip/${prefix}_${gemeentecode}_${period}.csv`,
    type,
    period,
    gemeentecode,
    bytes: typeof text === 'string' ? encoder.encode(text) : text,
  };
}

const gen = (type: string, code: string, period: string, rows: number | undefined, seed: number) =>
  generatedText(type, code, period, rows, seed);

const WMO_HEADER =
  'aanmaakdatum;gemeentecode;bsn;productcategorie;type_aanbieder;beoogde_startdatum;beoogde_einddatum;leveringsvorm;startdatum;einddatum;volume;eenheid;frequentie;reden_beeindiging';

/** Byte-level edge cases a technically approved file should not have, but which the figures read. */
function oddWmoBytes(): Uint8Array {
  const lines = [
    `\uFEFF${WMO_HEADER}`,
    '20180110;0363;123456782;01;;20170101;;ZIN;20170701;;;;;',
    '',
    '20180110;0363;123456782;"0""1";;20170101;;"ZI;N";20170702;20171231;;;;"r;""1"""',
    '20180110;0363;;01;;20170101;;ZIN;20170801;;;;;',
    '20180110;0363;X12;01;;20170101;;ZIN;20170801;20170901;;;;ab',
    '20180110;0363;1234567890;1234567;;20170101;;ZIN;2017-07-01;2017090A;;;;',
    '20180110;0363;000000000;01;;20170101;;Ühn;20170801',
    '20180110;0363;999999999;02;;;;PGB;;;;;;',
    '20180110;0363;987654321;03;;19990101;;PGB;;;;;;',
    '20180110;0363;987654321;03;;19990101;;PGB;19990101;20070101;;;;x',
    '20180110;0363;"987654321";03;;19990101;;"PGB";20071231;;;;;',
    '20180110;0363;123456782;\u00e9\u00e9\u00e9\u00e9;;20170101;;ZIN;20170701;20170701;;;;Ü',
  ];
  const text = encoder.encode(lines.join('\r\n') + '\r\n');
  // Two codes that are not UTF-8 (0xff 'A' and 0xfe 'A'): both read as U+FFFD A, one group.
  const bad = (b: number) =>
    concat([
      encoder.encode('20180110;0363;111111110;05;;20170101;;'),
      new Uint8Array([b, 0x41]),
      encoder.encode(';20170901;;;;;\n'),
    ]);
  return concat([text, bad(0xff), bad(0xfe), bad(0xff), encoder.encode('20180110;0363;111111110;05;;;;PGB')]);
}

/** A cost file with amounts that are not amounts, negative ones, spaces around codes, short rows. */
const ODD_COSTS = [
  'aanmaakdatum;gemeentecode;periode;productcategorie;leveringsvorm;kosten_begroot;kosten_gerealiseerd',
  '20180115;0363;2017H2;01;ZIN;100,10;50',
  '20180115;0363;2017H2; 01 ;PGB;12,345;-25,5',
  '20180115;0363;2017H2;02;ZIN;-0,01;',
  '20180115;0363;2017H2;02;"Z;IN";1.5;2',
  '20180115;0363;2017H2;99;ZIN;100;24,5',
  '20180115;0363;2017H2;99;PGB;;',
  '20180115;0363;2017H2;03',
  '',
  '20180115;0363;2017H2;04;ZIN;abc;1e3',
].join('\n');

export interface GoldenCase {
  name: string;
  /** What the case is about, for the test's name. */
  about: string;
  /** The serialised outcome: report contents (as the job stores them) or the error messages. */
  run(chunkSize: number): Promise<{ inputs: Uint8Array[]; output: unknown }>;
}

async function report(
  receiptNumber: string,
  gemeentecode: string,
  files: GoldenFile[],
  earlier: Earlier[],
  chunkSize: number,
) {
  return {
    inputs: [...files, ...earlier.map((e) => e.file)].map((f) => f.bytes),
    output: await contentOf(receiptNumber, gemeentecode, files, earlier, chunkSize),
  };
}

async function errorOf(f: () => Promise<unknown>): Promise<string> {
  try {
    await f();
    return 'no error';
  } catch (e) {
    return (e as Error).message;
  }
}

export const GOLDEN_CASES: GoldenCase[] = [
  {
    name: 'generated-delivery',
    about: 'a generated four-file delivery with a redelivery and the previous half year',
    run: (chunk) =>
      report(
        'GGK-2018-000003',
        '0363',
        [
          file('wmo', '0363', '2017H2', gen('wmo', '0363', '2017H2', 2000, 1)),
          file('wmo-kosten', '0363', '2017H2', gen('wmo-kosten', '0363', '2017H2', undefined, 2)),
          file('sbw', '0363', '2017H2', gen('sbw', '0363', '2017H2', undefined, 3)),
          file('jeugd', '0363', '2017H2', gen('jeugd', '0363', '2017H2', undefined, 4)),
        ],
        [
          {
            receiptNumber: 'GGK-2018-000002',
            file: file('wmo', '0363', '2017H2', gen('wmo', '0363', '2017H2', 1900, 5)),
          },
          {
            receiptNumber: 'GGK-2018-000001',
            file: file('wmo', '0363', '2017H1', gen('wmo', '0363', '2017H1', 1500, 6)),
          },
          {
            receiptNumber: 'GGK-2018-000001',
            file: file('wmo-kosten', '0363', '2017H1', gen('wmo-kosten', '0363', '2017H1', undefined, 7)),
          },
          {
            receiptNumber: 'GGK-2018-000001',
            file: file('jeugd', '0363', '2017H1', gen('jeugd', '0363', '2017H1', undefined, 8)),
          },
          {
            receiptNumber: 'GGK-2018-000002',
            file: file('sbw', '0363', '2017H2', gen('sbw', '0363', '2017H2', undefined, 9)),
          },
        ],
        chunk,
      ),
  },
  {
    name: 'several-records-per-person',
    about: 'persons with several records (C-02), old open-ended records (C-04), dates around the half year',
    run: (chunk) =>
      report(
        'GGK-2018-000010',
        '0363',
        [file('wmo', '0363', '2017H2', harderWmo(gen('wmo', '0363', '2017H2', 3000, 21), '2017H2', 21))],
        [
          {
            receiptNumber: 'GGK-2017-000009',
            file: file(
              'wmo',
              '0363',
              '2017H1',
              harderWmo(gen('wmo', '0363', '2017H1', 300, 22), '2017H1', 22),
            ),
          },
        ],
        chunk,
      ),
  },
  {
    name: 'first-half-year',
    about: 'a first half year (ends 30 June), compared with H2 of the year before',
    run: (chunk) =>
      report(
        'GGK-2018-000020',
        '0363',
        [
          file('wmo', '0363', '2018H1', harderWmo(gen('wmo', '0363', '2018H1', 3000, 31), '2018H1', 31)),
          file('wmo-kosten', '0363', '2018H1', gen('wmo-kosten', '0363', '2018H1', undefined, 32)),
        ],
        [
          {
            receiptNumber: 'GGK-2018-000001',
            file: file('wmo', '0363', '2017H2', gen('wmo', '0363', '2017H2', 200, 33)),
          },
        ],
        chunk,
      ),
  },
  {
    name: 'optional-columns-left-out',
    about: 'a Wmo file without startdatum and reden_beeindiging, columns reversed and named loosely',
    run: (chunk) =>
      report(
        'GGK-2018-000030',
        '0363',
        [
          file(
            'wmo',
            '0363',
            '2017H2',
            reshapeWmo(harderWmo(gen('wmo', '0363', '2017H2', 1500, 41), '2017H2', 41), [
              'startdatum',
              'reden_beeindiging',
            ]),
          ),
        ],
        [],
        chunk,
      ),
  },
  {
    name: 'kosten-99',
    about: 'Wmo kosten 99 as a stated total: differing (C-05), exact, absent, alone; Jeugd TOT; X-04',
    run: async (chunk) => {
      const kosten = gen('wmo-kosten', '0363', '2017H2', undefined, 51);
      const parts = await Promise.all([
        report(
          'GGK-2018-000040',
          '0363',
          [
            file('wmo', '0363', '2017H2', gen('wmo', '0363', '2017H2', 40, 52)),
            file('wmo-kosten', '0363', '2017H2', kosten),
            file('jeugd', '0363', '2017H2', gen('jeugd', '0363', '2017H2', undefined, 53)),
          ],
          [],
          chunk,
        ),
        report(
          'GGK-2018-000041',
          '0363',
          [file('wmo-kosten', '0363', '2017H2', costsWithTotal(kosten, 'exact'))],
          [],
          chunk,
        ),
        report(
          'GGK-2018-000042',
          '0363',
          [file('wmo-kosten', '0363', '2017H2', costsWithTotal(kosten, 'none'))],
          [],
          chunk,
        ),
        report(
          'GGK-2018-000043',
          '0363',
          [file('wmo-kosten', '0363', '2017H2', costsWithTotal(kosten, 'only'))],
          [],
          chunk,
        ),
        report('GGK-2018-000044', '0363', [file('wmo-kosten', '0363', '2017H2', ODD_COSTS)], [], chunk),
      ]);
      return { inputs: parts.flatMap((p) => p.inputs), output: parts.map((p) => p.output) };
    },
  },
  {
    name: 'merged-gemeenten',
    about: 'a merged gemeente delivering for itself and two predecessors, each matched and compared per code',
    run: (chunk) =>
      report(
        'GGK-2018-000050',
        '1980',
        [
          file('wmo', '1980', '2017H2', gen('wmo', '1980', '2017H2', 700, 61)),
          file('wmo', '0365', '2017H2', harderWmo(gen('wmo', '0365', '2017H2', 500, 62), '2017H2', 62)),
          file('wmo', '0366', '2017H2', harderWmo(gen('wmo', '0366', '2017H2', 60, 63), '2017H2', 63, true)),
          file('wmo-kosten', '1980', '2017H2', gen('wmo-kosten', '1980', '2017H2', undefined, 64)),
          file(
            'wmo-kosten',
            '0365',
            '2017H2',
            costsWithTotal(gen('wmo-kosten', '0365', '2017H2', undefined, 65), 'exact'),
          ),
          file(
            'wmo-kosten',
            '0366',
            '2017H2',
            costsWithTotal(gen('wmo-kosten', '0366', '2017H2', undefined, 66), 'none'),
          ),
        ],
        [
          {
            receiptNumber: 'GGK-2017-000001',
            file: file('wmo', '0365', '2017H1', gen('wmo', '0365', '2017H1', 400, 67)),
          },
          {
            receiptNumber: 'GGK-2017-000001',
            file: file('wmo', '0366', '2017H1', gen('wmo', '0366', '2017H1', 90, 68)),
          },
          {
            receiptNumber: 'GGK-2017-000001',
            file: file('wmo-kosten', '0366', '2017H1', gen('wmo-kosten', '0366', '2017H1', undefined, 69)),
          },
        ],
        chunk,
      ),
  },
  {
    name: 'empty-files',
    about: 'files with only a header (zero figures), and empty files (refused)',
    run: async (chunk) => {
      const headerOnly = (type: GoldenFile['type']) =>
        file(type, '0363', '2017H2', `${gen(type, '0363', '2017H2', 1, 71).split('\n')[0]}\n`);
      const part = await report(
        'GGK-2018-000060',
        '0363',
        [headerOnly('wmo'), headerOnly('wmo-kosten'), headerOnly('sbw'), headerOnly('jeugd')],
        [],
        chunk,
      );
      const empty = new Uint8Array(0);
      const errors = [
        await errorOf(() => computeWmoFigures(createBytesSource('x', empty, chunk), { halfYear: '2017H2' })),
        await errorOf(() =>
          computeWmoFigures(createBytesSource('x', encoder.encode('\n\n'), chunk), { halfYear: '2017H2' }),
        ),
        await errorOf(() =>
          computeCostFigures(createBytesSource('x', empty, chunk), costFileLayout(spec, 'jeugd')),
        ),
      ];
      return { inputs: part.inputs, output: { content: part.output, errors } };
    },
  },
  {
    name: 'odd-bytes',
    about:
      'BOM, CRLF, quotes, blank and short lines, odd BSNs and dates, long, non-ASCII and non-UTF-8 codes',
    run: async (chunk) => {
      const odd = oddWmoBytes();
      const part = await report('GGK-2018-000070', '0363', [file('wmo', '0363', '2017H2', odd)], [], chunk);
      const codes = (n: number) =>
        [
          WMO_HEADER,
          ...Array.from({ length: n }, (_, i) => `20180110;0363;123456782;c${i};;;;ZIN;;;;;;`),
        ].join('\n');
      const errors = [
        await errorOf(() =>
          computeWmoFigures(createBytesSource('x', encoder.encode(codes(33)), chunk), { halfYear: '2017H2' }),
        ),
        await errorOf(() =>
          computeWmoFigures(createBytesSource('x', encoder.encode('bsn;productcategorie\n1;01\n'), chunk), {
            halfYear: '2017H2',
          }),
        ),
        await errorOf(() =>
          computeWmoFigures(createBytesSource('x', encoder.encode(`${WMO_HEADER}\n1;"01\n`), chunk), {
            halfYear: '2017H2',
          }),
        ),
        await errorOf(() =>
          computeWmoFigures(createBytesSource('x', encoder.encode(WMO_HEADER), chunk), {
            halfYear: '2017H3',
          }),
        ),
        await errorOf(() =>
          computeCostFigures(
            createBytesSource('x', encoder.encode('a;b\n1;2\n'), chunk),
            costFileLayout(spec, 'sbw'),
          ),
        ),
        await errorOf(() =>
          computeCostFigures(
            createBytesSource('x', encoder.encode('taakveld\n"6.1\n'), chunk),
            costFileLayout(spec, 'sbw'),
          ),
        ),
      ];
      const figures32 = await computeWmoFigures(createBytesSource('x', encoder.encode(codes(32)), chunk), {
        halfYear: '2017H2',
      });
      return { inputs: [odd], output: { content: part.output, errors, figures32 } };
    },
  },
];

/** The fixture text of a case: a digest of its inputs (so a changed generator is told apart) and its output. */
export function fixtureText(inputs: Uint8Array[], output: unknown): string {
  const hash = createHash('sha256');
  for (const bytes of inputs) hash.update(createHash('sha256').update(bytes).digest());
  return `{"inputs":"${hash.digest('hex')}","output":${JSON.stringify(output)}}\n`;
}

export function readFixture(name: string): string {
  return readFileSync(`${FIXTURE_DIR}${name}.json`, 'utf8');
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  mkdirSync(FIXTURE_DIR, { recursive: true });
  for (const c of GOLDEN_CASES) {
    const { inputs, output } = await c.run(1 << 20);
    writeFileSync(`${FIXTURE_DIR}${c.name}.json`, fixtureText(inputs, output));
    process.stdout.write(`${c.name}\n`);
  }
}
