// The op-orde report as readers get it: the same tables (with their captions and column names) and
// the same charts (vega-lite specs, each with a text alternative and the table behind it) for the
// HTML page, the PDF and the CSV downloads. Pure: texts come from the message catalogue.
import { LOCALES, formatNumber, translator, type Locale, type Translate } from '../i18n/index.ts';
import {
  formatShare,
  type Comparison,
  type ContentReport,
  type CostSection,
  type WmoSection,
} from './report-content.ts';
import type { CostLine } from './cost-figures.ts';
import { warningMessage, warningParts, type TextPart } from './report-warnings.ts';

export type Cell = string | number | null;

export interface ReportTable {
  /** Unique in the report, safe in a URL: `s1-productcategorie`. */
  id: string;
  caption: string;
  columns: Array<{ label: string; numeric: boolean }>;
  /** Display texts, formatted for the reader's language. */
  rows: string[][];
  /** The same rows as plain values, for CSV (amounts in euros, shares as fractions). */
  values: Cell[][];
  /** Rows to emphasise (a flagged change). */
  flagged: number[];
}

export interface ReportChart {
  id: string;
  title: string;
  /** The text alternative: what the chart shows, in a sentence or two. */
  description: string;
  /** The table that holds the chart's data. */
  tableId: string;
  spec: Record<string, unknown>;
}

export interface SectionView {
  id: string;
  heading: string;
  fileName: string;
  /** `parts`: the message with its Dutch pieces (category names) marked, for an English page or PDF. */
  warnings: Array<{ code: string; message: string; parts: TextPart[] }>;
  charts: ReportChart[];
  tables: ReportTable[];
}

export interface ReportView {
  title: string;
  sections: SectionView[];
}

function euros(locale: Locale, cents: number | null): string {
  if (cents === null) return '–';
  return (cents / 100).toLocaleString(locale === 'en' ? 'en-GB' : 'nl-NL', {
    style: 'currency',
    currency: 'EUR',
  });
}

function euroValue(cents: number | null): number | null {
  return cents === null ? null : cents / 100;
}

function count(locale: Locale, n: number | null): string {
  return n === null ? '–' : formatNumber(locale, n);
}

/** "1 record", "1.234 records": the count with its noun in the right number. */
function records(locale: Locale, n: number, t: Translate): string {
  return t(n === 1 ? 'reports.records.one' : 'reports.records.other', { count: count(locale, n) });
}

function percent(locale: Locale, p: number | null, t: Translate): string {
  if (p === null) return t('reports.new');
  const text = p.toLocaleString(locale === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 });
  return `${p > 0 ? '+' : ''}${text}%`;
}

function codeLabel(code: string, labels: Record<string, string>, t: Translate): string {
  return code === '' ? t('reports.notFilled') : (labels[code] ?? '');
}

/** A dark, colour-blind-safe pair with enough contrast on white (WCAG 1.4.11). */
const COLOURS = ['#01689b', '#a90061'];

function barChart(input: {
  values: Array<Record<string, string | number>>;
  x: { field: string; title: string; sort?: string[] };
  y: { field: string; title: string };
  series?: { field: string; domain: string[] };
  locale: Locale;
}): Record<string, unknown> {
  const { x, y, series } = input;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 520,
    height: 220,
    data: { values: input.values },
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: x.field,
        type: 'nominal',
        title: x.title,
        sort: x.sort ?? null,
        axis: { labelAngle: 0, labelLimit: 60 },
      },
      y: { field: y.field, type: 'quantitative', title: y.title },
      ...(series
        ? {
            xOffset: { field: series.field, sort: series.domain },
            color: {
              field: series.field,
              type: 'nominal',
              title: null,
              scale: { domain: series.domain, range: COLOURS },
              legend: { orient: 'top' },
            },
          }
        : { color: { value: COLOURS[0] } }),
    },
    config: {
      aria: false,
      font: 'Helvetica',
      axis: { labelColor: '#000', titleColor: '#000', labelFontSize: 10, titleFontSize: 11 },
      legend: { labelColor: '#000', labelFontSize: 11 },
      locale:
        input.locale === 'nl'
          ? { number: { decimal: ',', thousands: '.', grouping: [3], currency: ['€ ', ''] } }
          : { number: { decimal: '.', thousands: ',', grouping: [3], currency: ['€', ''] } },
    },
  };
}

function comparisonTable(
  id: string,
  comparison: Comparison,
  heading: { type: string; period: string },
  locale: Locale,
  t: Translate,
): ReportTable {
  const money = comparison.measure === 'realised';
  const show = (v: number | null) => (money ? euros(locale, v) : count(locale, v));
  const value = (v: number | null) => (money ? euroValue(v) : v);
  const caption =
    comparison.against === 'redelivery'
      ? t('reports.table.redelivery', {
          period: comparison.halfYear,
          receipt: comparison.receiptNumber,
          type: heading.type,
        })
      : t('reports.table.previousHalfYear', {
          period: comparison.halfYear,
          receipt: comparison.receiptNumber,
          type: heading.type,
        });
  const measure = money ? t('reports.col.realised') : t('reports.col.records');
  return {
    id,
    caption,
    columns: [
      { label: t('reports.col.code'), numeric: false },
      { label: t('reports.col.label'), numeric: false },
      { label: `${measure}: ${t('reports.col.previous').toLowerCase()}`, numeric: true },
      { label: `${measure}: ${t('reports.col.current').toLowerCase()}`, numeric: true },
      { label: t('reports.col.change'), numeric: true },
      { label: t('reports.col.flagged'), numeric: false },
    ],
    rows: comparison.rows.map((r) => [
      r.code === '' ? t('reports.total') : r.code,
      r.code === '' ? '' : r.label,
      show(r.previous),
      show(r.current),
      r.previous === null || r.previous === 0
        ? r.current
          ? t('reports.new')
          : '–'
        : percent(locale, r.changePercent, t),
      r.flagged ? t('common.yes') : t('common.no'),
    ]),
    values: comparison.rows.map((r) => [
      r.code === '' ? t('reports.total') : r.code,
      r.code === '' ? '' : r.label,
      value(r.previous),
      value(r.current),
      // A change in percent to one decimal, as on the page: more digits are noise in a spreadsheet.
      r.changePercent === null ? null : Math.round(r.changePercent * 10) / 10,
      r.flagged ? t('common.yes') : t('common.no'),
    ]),
    flagged: comparison.rows.flatMap((r, i) => (r.flagged ? [i] : [])),
  };
}

function warningsTable(
  id: string,
  warnings: SectionView['warnings'],
  heading: { type: string; period: string },
  t: Translate,
): ReportTable {
  return {
    id,
    caption: t('reports.table.warnings', heading),
    columns: [
      { label: t('reports.col.code'), numeric: false },
      { label: t('reports.col.warning'), numeric: false },
    ],
    rows: warnings.map((w) => [w.code, w.message]),
    values: warnings.map((w) => [w.code, w.message]),
    flagged: [],
  };
}

function wmoView(
  section: WmoSection,
  prefix: string,
  locale: Locale,
  t: Translate,
): Omit<SectionView, 'id' | 'heading' | 'fileName' | 'warnings'> {
  const f = section.figures;
  const heading = { type: t('common.fileType.wmo'), period: section.period };
  const groupColumns = [
    { label: t('reports.col.code'), numeric: false },
    { label: t('reports.col.label'), numeric: false },
    { label: t('reports.col.records'), numeric: true },
    { label: t('reports.col.persons'), numeric: true },
    { label: t('reports.col.started'), numeric: true },
    { label: t('reports.col.ended'), numeric: true },
    { label: t('reports.col.active'), numeric: true },
  ];
  const groupTable = (
    id: string,
    caption: string,
    groups: WmoSection['figures']['perProductcategorie'],
    labels: Record<string, string>,
  ): ReportTable => {
    const values: Cell[][] = groups.map((g) => [
      g.code,
      codeLabel(g.code, labels, t),
      g.records,
      g.persons,
      g.started,
      g.ended,
      g.activeOnLastDay,
    ]);
    return {
      id,
      caption,
      columns: groupColumns,
      rows: values.map((row) => row.map((v, i) => (i >= 2 ? count(locale, v as number) : String(v)))),
      values,
      flagged: [],
    };
  };
  const months = Object.keys(f.startsPerMonth);
  const summary: Array<[string, Cell, string]> = [
    [t('reports.figure.records'), f.records, count(locale, f.records)],
    [t('reports.figure.persons'), f.persons, count(locale, f.persons)],
    [t('reports.figure.withoutEnd'), f.shareWithoutEndDate, formatShare(f.shareWithoutEndDate)],
    [
      t('reports.figure.manyRecords'),
      f.personsWithMoreThanFiveRecords,
      count(locale, f.personsWithMoreThanFiveRecords),
    ],
    [t('reports.figure.openOld'), f.openEndedOverTenYears, count(locale, f.openEndedOverTenYears)],
  ];
  const tables: ReportTable[] = [
    {
      id: `${prefix}-kerncijfers`,
      caption: t('reports.table.summary', heading),
      columns: [
        { label: t('reports.col.figure'), numeric: false },
        { label: t('reports.col.value'), numeric: true },
      ],
      rows: summary.map(([label, , text]) => [label, text]),
      values: summary.map(([label, value]) => [label, value]),
      flagged: [],
    },
    groupTable(
      `${prefix}-productcategorie`,
      t('reports.table.category', heading),
      f.perProductcategorie,
      section.labels.productcategorie,
    ),
    groupTable(
      `${prefix}-leveringsvorm`,
      t('reports.table.form', heading),
      f.perLeveringsvorm,
      section.labels.leveringsvorm,
    ),
    {
      id: `${prefix}-maanden`,
      caption: t('reports.table.months', heading),
      columns: [
        { label: t('reports.col.month'), numeric: false },
        { label: t('reports.col.started'), numeric: true },
        { label: t('reports.col.ended'), numeric: true },
      ],
      rows: months.map((m) => [
        m,
        count(locale, f.startsPerMonth[m]!),
        count(locale, f.endsPerMonth[m] ?? 0),
      ]),
      values: months.map((m) => [m, f.startsPerMonth[m]!, f.endsPerMonth[m] ?? 0]),
      flagged: [],
    },
    {
      id: `${prefix}-redenen`,
      caption: t('reports.table.reasons', heading),
      columns: [
        { label: t('reports.col.code'), numeric: false },
        { label: t('reports.col.label'), numeric: false },
        { label: t('reports.col.records'), numeric: true },
      ],
      rows: f.endReasons.map((r) => [
        r.code,
        codeLabel(r.code, section.labels.reden, t),
        count(locale, r.records),
      ]),
      values: f.endReasons.map((r) => [r.code, codeLabel(r.code, section.labels.reden, t), r.records]),
      flagged: [],
    },
    ...section.comparisons.map((c) =>
      comparisonTable(
        `${prefix}-${c.against === 'redelivery' ? 'vorige-aanlevering' : 'vorig-halfjaar'}`,
        c,
        heading,
        locale,
        t,
      ),
    ),
  ];
  const busiest = [...f.perProductcategorie].sort((a, b) => b.records - a.records);
  const categoryLabel = (code: string) => `${code} ${section.labels.productcategorie[code] ?? ''}`.trim();
  const started = Object.values(f.startsPerMonth).reduce((n, v) => n + v, 0);
  const ended = Object.values(f.endsPerMonth).reduce((n, v) => n + v, 0);
  const charts: ReportChart[] = [];
  if (busiest.length > 0)
    charts.push({
      id: `${prefix}-grafiek-productcategorie`,
      title: t('reports.chart.category', heading),
      description: t('reports.chart.categoryAlt', {
        maxLabel: categoryLabel(busiest[0]!.code),
        max: records(locale, busiest[0]!.records, t),
        minLabel: categoryLabel(busiest.at(-1)!.code),
        min: records(locale, busiest.at(-1)!.records, t),
      }),
      tableId: `${prefix}-productcategorie`,
      spec: barChart({
        values: f.perProductcategorie.map((g) => ({ code: g.code, records: g.records })),
        x: { field: 'code', title: t('reports.col.code') },
        y: { field: 'records', title: t('reports.col.records') },
        locale,
      }),
    });
  const series = [t('reports.chart.series.started'), t('reports.chart.series.ended')];
  charts.push({
    id: `${prefix}-grafiek-maanden`,
    title: t('reports.chart.months', heading),
    description: t('reports.chart.monthsAlt', {
      started: count(locale, started),
      ended: count(locale, ended),
    }),
    tableId: `${prefix}-maanden`,
    spec: barChart({
      values: months.flatMap((m) => [
        { maand: m, reeks: series[0]!, aantal: f.startsPerMonth[m]! },
        { maand: m, reeks: series[1]!, aantal: f.endsPerMonth[m] ?? 0 },
      ]),
      x: { field: 'maand', title: t('reports.col.month'), sort: months },
      y: { field: 'aantal', title: t('reports.col.records') },
      series: { field: 'reeks', domain: series },
      locale,
    }),
  });
  return { charts, tables };
}

function costView(
  section: CostSection,
  prefix: string,
  locale: Locale,
  t: Translate,
): Omit<SectionView, 'id' | 'heading' | 'fileName' | 'warnings'> {
  const f = section.figures;
  const heading = { type: t(`common.fileType.${section.fileType}`), period: section.period };
  const columns = [
    { label: t('reports.col.code'), numeric: false },
    { label: t('reports.col.label'), numeric: false },
    { label: t('reports.col.rows'), numeric: true },
    { label: t('reports.col.budgeted'), numeric: true },
    { label: t('reports.col.realised'), numeric: true },
    { label: t('reports.col.difference'), numeric: true },
  ];
  const difference = (l: { budgeted: number | null; realised: number | null }) =>
    l.budgeted === null || l.realised === null ? null : l.realised - l.budgeted;
  const lineTable = (
    id: string,
    caption: string,
    lines: CostLine[],
    labels: Record<string, string>,
    withTotal: boolean,
  ): ReportTable => {
    const all = withTotal
      ? [
          ...lines,
          { code: '', rows: f.rows, budgeted: f.total.budgeted, realised: f.total.realised, total: true },
        ]
      : lines;
    return {
      id,
      caption,
      columns,
      rows: all.map((l) => [
        'total' in l ? t('reports.total') : l.code,
        'total' in l ? '' : codeLabel(l.code, labels, t),
        count(locale, l.rows),
        euros(locale, l.budgeted),
        euros(locale, l.realised),
        euros(locale, difference(l)),
      ]),
      values: all.map((l) => [
        'total' in l ? t('reports.total') : l.code,
        'total' in l ? '' : codeLabel(l.code, labels, t),
        l.rows,
        euroValue(l.budgeted),
        euroValue(l.realised),
        euroValue(difference(l)),
      ]),
      flagged: [],
    };
  };
  const tables: ReportTable[] = [
    lineTable(
      `${prefix}-categorie`,
      t('reports.table.costCategory', heading),
      f.perCategory,
      section.labels.category,
      true,
    ),
  ];
  if (f.perLeveringsvorm.length > 0)
    tables.push(
      lineTable(
        `${prefix}-leveringsvorm`,
        t('reports.table.costForm', heading),
        f.perLeveringsvorm,
        section.labels.leveringsvorm,
        false,
      ),
    );
  for (const c of section.comparisons)
    tables.push(
      comparisonTable(
        `${prefix}-${c.against === 'redelivery' ? 'vorige-aanlevering' : 'vorig-halfjaar'}`,
        c,
        heading,
        locale,
        t,
      ),
    );
  if (section.wmoMatch) {
    const rows: Cell[][] = [
      ...section.wmoMatch.costsWithoutPersons.map((code) => [
        code,
        codeLabel(code, section.labels.category, t),
        t('reports.situation.costsWithoutPersons'),
      ]),
      ...section.wmoMatch.personsWithoutCosts.map((code) => [
        code,
        codeLabel(code, section.labels.category, t),
        t('reports.situation.personsWithoutCosts'),
      ]),
    ];
    tables.push({
      id: `${prefix}-wmo-personen`,
      caption: t('reports.table.wmoMatch', { receipt: section.wmoMatch.receiptNumber }),
      columns: [
        { label: t('reports.col.code'), numeric: false },
        { label: t('reports.col.label'), numeric: false },
        { label: t('reports.col.situation'), numeric: false },
      ],
      rows: rows.map((r) => r.map(String)),
      values: rows,
      flagged: [],
    });
  }
  const series = [t('reports.chart.series.budgeted'), t('reports.chart.series.realised')];
  const codes = f.perCategory.map((l) => l.code);
  const charts: ReportChart[] = [
    {
      id: `${prefix}-grafiek-kosten`,
      title: t('reports.chart.costs', heading),
      description: t('reports.chart.costsAlt', {
        budgeted: euros(locale, f.total.budgeted),
        realised: euros(locale, f.total.realised),
      }),
      tableId: `${prefix}-categorie`,
      spec: barChart({
        values: f.perCategory.flatMap((l) => [
          { code: l.code, reeks: series[0]!, bedrag: (l.budgeted ?? 0) / 100 },
          { code: l.code, reeks: series[1]!, bedrag: (l.realised ?? 0) / 100 },
        ]),
        x: { field: 'code', title: t('reports.col.code'), sort: codes },
        y: { field: 'bedrag', title: t('reports.chart.amount') },
        series: { field: 'reeks', domain: series },
        locale,
      }),
    },
  ];
  return { charts, tables };
}

/** The report laid out for reading, in the reader's language. */
export function viewContentReport(contents: ContentReport, locale: Locale): ReportView {
  const t = translator(locale);
  return {
    title: t('reports.titleOf', { receipt: contents.receiptNumber }),
    sections: contents.sections.map((section, index) => {
      const prefix = `s${index + 1}`;
      const heading = t('reports.section', {
        type: t(`common.fileType.${section.fileType}`),
        period: section.period,
      });
      const body =
        section.fileType === 'wmo'
          ? wmoView(section, prefix, locale, t)
          : costView(section, prefix, locale, t);
      // In the reader's language; a report stored before warnings had parameters keeps its Dutch.
      const warnings = section.warnings.map((w) => ({
        code: w.code,
        message: warningMessage(locale, w),
        parts: warningParts(locale, w),
      }));
      if (warnings.length > 0)
        body.tables.push(
          warningsTable(
            `${prefix}-meldingen`,
            warnings,
            { type: t(`common.fileType.${section.fileType}`), period: section.period },
            t,
          ),
        );
      return {
        id: prefix,
        heading,
        fileName: section.fileName,
        warnings,
        ...body,
      };
    }),
  };
}

export function findReportTable(view: ReportView, id: string): ReportTable | undefined {
  for (const s of view.sections) for (const table of s.tables) if (table.id === id) return table;
  return undefined;
}

/**
 * The report for the JSON download: the stored contents, each warning extended with its text in
 * every language (`messages`). `message` stays the Dutch text of report time; nothing is removed.
 */
export function contentReportForDownload(contents: ContentReport): ContentReport {
  return {
    ...contents,
    sections: contents.sections.map((section) => ({
      ...section,
      warnings: section.warnings.map((w) => ({
        ...w,
        messages: Object.fromEntries(LOCALES.map((locale) => [locale, warningMessage(locale, w)])),
      })),
    })),
  };
}
