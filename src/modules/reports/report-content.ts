// What an op-orde report holds, and the pure rules that build it from the figures of this delivery
// and of earlier ones: comparisons (with the previous delivery for the same half year and with the
// previous half year), the plausibility warnings C-01 to C-04 (spec 9.2) and, for Wmo kosten, the
// categories with costs but no persons and the other way round (X-04). Counts and amounts only:
// nothing in here can hold a BSN.
import type { CostFigures } from './cost-figures.ts';
import { shareText, warningText, type WarningParams } from './report-warnings.ts';
import type { WmoFigures } from './wmo-figures.ts';

export const CONTENT_REPORT_VERSION = 1;
export const DEFAULT_CHANGE_THRESHOLD_PERCENT = 30;
/** C-02: more than this share of persons with more than five records. */
export const C02_SHARE = 0.05;
/** C-04: more than this share of records open-ended and started over ten years ago. */
export const C04_SHARE = 0.2;

export type CostFileType = 'wmo-kosten' | 'sbw' | 'jeugd';
export type FileType = 'wmo' | CostFileType;

export interface ComparisonRow {
  /** '' for the total row. */
  code: string;
  label: string;
  previous: number | null;
  current: number | null;
  /** Rounded to one decimal; null when there is nothing to compare with (or it was zero). */
  changePercent: number | null;
  /** The change passes the threshold, or the category appeared or disappeared. */
  flagged: boolean;
}

export interface Comparison {
  against: 'redelivery' | 'previous-half-year';
  receiptNumber: string;
  halfYear: string;
  /** What is compared: records (Wmo) or realised costs in cents (cost files). */
  measure: 'records' | 'realised';
  rows: ComparisonRow[];
}

export interface PlausibilityWarning {
  /** C-05: a stated total differs from its categories; K-02b: begroot and gerealiseerd differ by the spec's factor. */
  code: 'C-01' | 'C-02' | 'C-03' | 'C-04' | 'C-05' | 'K-02b' | 'X-04';
  /** In Dutch, as at report time. */
  message: string;
  /**
   * What the warning says, to render it in the reader's language (reports.warning.<kind>). Reports
   * stored before warnings had parameters lack it: they show the Dutch message in every language.
   */
  params?: WarningParams;
}

function warning(code: PlausibilityWarning['code'], params: WarningParams): PlausibilityWarning {
  return { code, message: warningText('nl', params), params };
}

interface SectionBase {
  /** The data file's name in the delivery ("MSD.zip/WMO_0363_2017H2.csv"). */
  fileName: string;
  period: string;
  comparisons: Comparison[];
  warnings: PlausibilityWarning[];
}

export interface WmoSection extends SectionBase {
  fileType: 'wmo';
  figures: WmoFigures;
  labels: {
    productcategorie: Record<string, string>;
    leveringsvorm: Record<string, string>;
    reden: Record<string, string>;
  };
}

export interface CostSection extends SectionBase {
  fileType: CostFileType;
  figures: CostFigures;
  labels: { category: Record<string, string>; leveringsvorm: Record<string, string> };
  /** Wmo kosten only: matched against the Wmo file of the same half year, when there is one. */
  wmoMatch: null | {
    receiptNumber: string;
    costsWithoutPersons: string[];
    personsWithoutCosts: string[];
  };
}

export type ReportSection = WmoSection | CostSection;

export interface ContentReport {
  version: typeof CONTENT_REPORT_VERSION;
  receiptNumber: string;
  gemeentecode: string;
  gemeenteName: string;
  changeThresholdPercent: number;
  sections: ReportSection[];
}

/** `2017H2` → `2017H1`, `2017H1` → `2016H2`. */
export function previousHalfYear(halfYear: string): string {
  const year = Number(halfYear.slice(0, 4));
  return halfYear.endsWith('H2') ? `${year}H1` : `${year - 1}H2`;
}

export function changePercent(previous: number | null, current: number | null): number | null {
  if (previous === null || previous === 0 || current === null) return null;
  return Math.round(((current - previous) / Math.abs(previous)) * 1000) / 10;
}

/** Compares values per code; a total row comes last. */
export function compareByCode(input: {
  against: Comparison['against'];
  receiptNumber: string;
  halfYear: string;
  measure: Comparison['measure'];
  current: Array<{ code: string; value: number | null }>;
  previous: Array<{ code: string; value: number | null }>;
  currentTotal: number | null;
  previousTotal: number | null;
  labels: Record<string, string>;
  thresholdPercent: number;
}): Comparison {
  const now = new Map(input.current.map((g) => [g.code, g.value]));
  const before = new Map(input.previous.map((g) => [g.code, g.value]));
  const codes = [...new Set([...now.keys(), ...before.keys()])].sort();
  const row = (
    code: string,
    label: string,
    previous: number | null,
    current: number | null,
  ): ComparisonRow => {
    const change = changePercent(previous, current);
    const appeared = (previous ?? 0) === 0 && (current ?? 0) !== 0;
    const vanished = (previous ?? 0) !== 0 && (current ?? 0) === 0;
    return {
      code,
      label,
      previous,
      current,
      changePercent: change,
      flagged: appeared || vanished || (change !== null && Math.abs(change) > input.thresholdPercent),
    };
  };
  return {
    against: input.against,
    receiptNumber: input.receiptNumber,
    halfYear: input.halfYear,
    measure: input.measure,
    rows: [
      ...codes.map((code) =>
        row(code, input.labels[code] ?? '', before.get(code) ?? null, now.get(code) ?? null),
      ),
      row('', 'Totaal', input.previousTotal, input.currentTotal),
    ],
  };
}

function comparisonWarnings(comparison: Comparison, thresholdPercent: number): PlausibilityWarning[] {
  const about = {
    against: comparison.against,
    receipt: comparison.receiptNumber,
    period: comparison.halfYear,
    measure: comparison.measure,
  };
  const out: PlausibilityWarning[] = [];
  for (const r of comparison.rows) {
    if (r.code === '' || !r.flagged) continue;
    const name = `${r.code}${r.label ? ` ${r.label}` : ''}`;
    if ((r.current ?? 0) === 0 && comparison.against === 'previous-half-year') {
      out.push(warning('C-03', { kind: 'gone', name, ...about }));
    } else if ((r.previous ?? 0) === 0) {
      out.push(warning('C-01', { kind: 'new', name, ...about }));
    } else if ((r.current ?? 0) === 0) {
      out.push(warning('C-01', { kind: 'gone', name, ...about }));
    } else if (r.changePercent !== null) {
      out.push(
        warning('C-01', {
          kind: r.changePercent > 0 ? 'increase' : 'decrease',
          name,
          ...about,
          percent: Math.abs(r.changePercent),
          threshold: thresholdPercent,
        }),
      );
    }
  }
  return out;
}

export interface PreviousFigures<F> {
  receiptNumber: string;
  halfYear: string;
  figures: F;
}

export function buildWmoSection(input: {
  fileName: string;
  period: string;
  figures: WmoFigures;
  labels: WmoSection['labels'];
  redelivery: PreviousFigures<WmoFigures> | null;
  previousHalfYear: PreviousFigures<WmoFigures> | null;
  thresholdPercent: number;
}): WmoSection {
  const { figures } = input;
  const values = (f: WmoFigures) => f.perProductcategorie.map((g) => ({ code: g.code, value: g.records }));
  const comparisons: Comparison[] = [];
  for (const [against, previous] of [
    ['redelivery', input.redelivery],
    ['previous-half-year', input.previousHalfYear],
  ] as const) {
    if (!previous) continue;
    comparisons.push(
      compareByCode({
        against,
        receiptNumber: previous.receiptNumber,
        halfYear: previous.halfYear,
        measure: 'records',
        current: values(figures),
        previous: values(previous.figures),
        currentTotal: figures.records,
        previousTotal: previous.figures.records,
        labels: input.labels.productcategorie,
        thresholdPercent: input.thresholdPercent,
      }),
    );
  }
  const warnings = comparisons.flatMap((c) => comparisonWarnings(c, input.thresholdPercent));
  if (figures.persons > 0 && figures.personsWithMoreThanFiveRecords / figures.persons > C02_SHARE) {
    warnings.push(
      warning('C-02', {
        kind: 'manyRecords',
        count: figures.personsWithMoreThanFiveRecords,
        total: figures.persons,
      }),
    );
  }
  if (figures.records > 0 && figures.openEndedOverTenYears / figures.records > C04_SHARE) {
    warnings.push(
      warning('C-04', { kind: 'openOld', count: figures.openEndedOverTenYears, total: figures.records }),
    );
  }
  return {
    fileType: 'wmo',
    fileName: input.fileName,
    period: input.period,
    figures,
    labels: input.labels,
    comparisons,
    warnings,
  };
}

export function buildCostSection(input: {
  fileType: CostFileType;
  fileName: string;
  period: string;
  figures: CostFigures;
  labels: CostSection['labels'];
  redelivery: PreviousFigures<CostFigures> | null;
  previousHalfYear: PreviousFigures<CostFigures> | null;
  /** Wmo kosten: the Wmo figures of the same gemeente and half year, when delivered. */
  wmo: PreviousFigures<WmoFigures> | null;
  thresholdPercent: number;
  /** The spec's amountRatio rule for this file type (Wmo kosten: factor 3), when it has one. */
  ratio?: { id: string; factor: number } | null;
}): CostSection {
  const { figures } = input;
  const values = (f: CostFigures) => f.perCategory.map((g) => ({ code: g.code, value: g.realised }));
  const comparisons: Comparison[] = [];
  for (const [against, previous] of [
    ['redelivery', input.redelivery],
    ['previous-half-year', input.previousHalfYear],
  ] as const) {
    if (!previous) continue;
    comparisons.push(
      compareByCode({
        against,
        receiptNumber: previous.receiptNumber,
        halfYear: previous.halfYear,
        measure: 'realised',
        current: values(figures),
        previous: values(previous.figures),
        currentTotal: figures.total.realised,
        previousTotal: previous.figures.total.realised,
        labels: input.labels.category,
        thresholdPercent: input.thresholdPercent,
      }),
    );
  }
  const warnings = comparisons.flatMap((c) => comparisonWarnings(c, input.thresholdPercent));
  const nameOf = (code: string) => `${code} ${input.labels.category[code] ?? ''}`.trim();
  const stated = figures.statedTotal;
  if (stated) {
    // categorySum is null for a measure no category line fills (a file with only its total row).
    const totalCode = figures.perCategory.find((c) => figures.totalCodes.includes(c.code))?.code ?? '';
    for (const measure of ['budgeted', 'realised'] as const) {
      const value = stated[measure];
      const sum = figures.categorySum[measure];
      if (value !== null && sum !== null && value !== sum)
        warnings.push(
          warning('C-05', { kind: 'totalMismatch', name: nameOf(totalCode), measure, stated: value, sum }),
        );
    }
  }
  if (input.ratio) {
    for (const line of figures.perCategory) {
      const { budgeted, realised } = line;
      if (budgeted === null || realised === null || budgeted < 0 || realised < 0) continue;
      if (Math.max(budgeted, realised) > Math.min(budgeted, realised) * input.ratio.factor)
        warnings.push(
          warning('K-02b', {
            kind: 'costRatio',
            name: nameOf(line.code),
            budgeted,
            realised,
            factor: input.ratio.factor,
          }),
        );
    }
  }
  let wmoMatch: CostSection['wmoMatch'] = null;
  if (input.fileType === 'wmo-kosten' && input.wmo) {
    const withCosts = new Set(
      figures.perCategory
        .filter((c) => (c.realised ?? 0) !== 0 || (c.budgeted ?? 0) !== 0)
        .map((c) => c.code)
        .filter((code) => code !== '99'),
    );
    const withPersons = new Set(
      input.wmo.figures.perProductcategorie.filter((g) => g.persons > 0).map((g) => g.code),
    );
    wmoMatch = {
      receiptNumber: input.wmo.receiptNumber,
      costsWithoutPersons: [...withCosts].filter((c) => !withPersons.has(c)).sort(),
      personsWithoutCosts: [...withPersons].filter((c) => !withCosts.has(c)).sort(),
    };
    const about = (code: string) => ({
      name: `${code} ${input.labels.category[code] ?? ''}`,
      period: input.period,
      receipt: input.wmo!.receiptNumber,
    });
    for (const code of wmoMatch.costsWithoutPersons)
      warnings.push(warning('X-04', { kind: 'costsWithoutPersons', ...about(code) }));
    for (const code of wmoMatch.personsWithoutCosts)
      warnings.push(warning('X-04', { kind: 'personsWithoutCosts', ...about(code) }));
  }
  return {
    fileType: input.fileType,
    fileName: input.fileName,
    period: input.period,
    figures,
    labels: input.labels,
    comparisons,
    warnings,
    wmoMatch,
  };
}

export function formatShare(share: number): string {
  return shareText('nl', share);
}

/**
 * The op-orde report of a partly withdrawn delivery, restricted to its remaining files: the sections
 * of withdrawn files go, and so does what a remaining section took from them (a Wmo kosten file's
 * match against the withdrawn Wmo file of the same delivery, and the warnings of that match).
 */
export function restrictContentReport(
  contents: ContentReport,
  isWithdrawn: (fileName: string) => boolean,
): ContentReport {
  const sections = contents.sections.filter((s) => !isWithdrawn(s.fileName));
  return {
    ...contents,
    sections: sections.map((s): ReportSection => {
      if (s.fileType === 'wmo' || !s.wmoMatch || s.wmoMatch.receiptNumber !== contents.receiptNumber)
        return s;
      if (sections.some((w) => w.fileType === 'wmo' && w.period === s.period)) return s;
      return { ...s, wmoMatch: null, warnings: s.warnings.filter((w) => w.code !== 'X-04') };
    }),
  };
}
