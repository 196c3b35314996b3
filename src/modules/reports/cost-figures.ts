// The cost figures of the op-orde report (Wmo kosten, SBW, Jeugd): budgeted and realised totals per
// category and per leveringsvorm, from one technically approved aggregated cost file, read once.
// Pure and browser-safe. Amounts are kept in whole cents, so sums are exact.
import { CsvScanner, RECORD_OK, type ByteSource, type CsvRecord } from '../validation/index.ts';

export interface CostLine {
  /** The code as delivered ('01', '6.1', 'JH_ZV', 'ZIN'); '' when the column is empty or absent. */
  code: string;
  rows: number;
  /** Cents; null when no row of the line has the amount filled. */
  budgeted: number | null;
  realised: number | null;
}

export interface CostFigures {
  rows: number;
  /** Sorted by code, summed over leveringsvorm. */
  perCategory: CostLine[];
  /** Sorted by code, total rows left out; empty for a file without a leveringsvorm column (SBW). */
  perLeveringsvorm: CostLine[];
  /**
   * The file's total: the stated total when the file has a total row (Wmo kosten `99`, Jeugd `TOT`),
   * else the sum of the categories.
   */
  total: { budgeted: number | null; realised: number | null };
  /** Sum of the categories, leaving out the total rows. */
  categorySum: { budgeted: number | null; realised: number | null };
  /** The category codes that are a stated total (from the spec, see costFileLayout). */
  totalCodes: string[];
  /** The amounts of the total rows; null when the file has none. */
  statedTotal: { budgeted: number | null; realised: number | null } | null;
}

export interface CostFileLayout {
  /** The column that holds the category: productcategorie, taakveld or categorie. */
  categoryColumn: string;
  /** Codes that are a stated total of the others (the spec's code list marks them `total`). */
  totalCodes: string[];
}

/** The column that holds the category of each cost file type (spec 2017, sections 5–7). */
export const COST_CATEGORY_COLUMNS: Record<string, string> = {
  'wmo-kosten': 'productcategorie',
  sbw: 'taakveld',
  jeugd: 'categorie',
};

/** The layout of a cost file type, with the total codes as the spec's code list marks them. */
export function costFileLayout(
  spec: {
    fileTypes: ReadonlyArray<{ type: string; fields: ReadonlyArray<{ name: string; codeList?: string }> }>;
    codeLists: Record<string, { codes: ReadonlyArray<{ code: string; total?: boolean }> }>;
  },
  fileType: string,
): CostFileLayout {
  const categoryColumn = COST_CATEGORY_COLUMNS[fileType];
  if (!categoryColumn) throw new Error(`${fileType} is no cost file type`);
  const field = spec.fileTypes
    .find((t) => t.type === fileType)
    ?.fields.find((f) => f.name === categoryColumn);
  const codes = field?.codeList !== undefined ? (spec.codeLists[field.codeList]?.codes ?? []) : [];
  return { categoryColumn, totalCodes: codes.filter((c) => c.total === true).map((c) => c.code) };
}

const decoder = new TextDecoder('utf-8');

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s_]/g, '');
}

/** An amount like `1234,56`, `1234.5`, `-12` in cents; null when empty, NaN when not an amount. */
export function parseCents(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const m = /^(-?)(\d+)(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) return Number.NaN;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -cents : cents;
}

function add(a: number | null, b: number | null): number | null {
  if (b === null || Number.isNaN(b)) return a;
  return (a ?? 0) + b;
}

function lineFor(map: Map<string, CostLine>, code: string): CostLine {
  let line = map.get(code);
  if (!line) {
    line = { code, rows: 0, budgeted: null, realised: null };
    map.set(code, line);
  }
  return line;
}

/** Computes the cost figures of one delivered, technically approved cost file. */
export async function computeCostFigures(source: ByteSource, layout: CostFileLayout): Promise<CostFigures> {
  let columns: { category: number; form: number; budgeted: number; realised: number } | null = null;
  let rows = 0;
  const perCategory = new Map<string, CostLine>();
  const perForm = new Map<string, CostLine>();
  const onRecord = (r: CsvRecord) => {
    if (r.problem !== RECORD_OK)
      throw new Error(`Line ${r.line} of the cost file cannot be read; is the file technically approved?`);
    if (r.count === 0) return;
    const text = (i: number) =>
      i >= 0 && i < r.count ? decoder.decode(r.buf.subarray(r.starts[i]!, r.ends[i]!)) : '';
    if (columns === null) {
      const names = Array.from({ length: r.count }, (_, i) =>
        normaliseName(
          text(i)
            .replace(/^\uFEFF/, '')
            .trim(),
        ),
      );
      const at = (name: string) => names.indexOf(normaliseName(name));
      columns = {
        category: at(layout.categoryColumn),
        form: at('leveringsvorm'),
        budgeted: at('kosten_begroot'),
        realised: at('kosten_gerealiseerd'),
      };
      if (columns.category < 0) throw new Error(`The cost file lacks the column ${layout.categoryColumn}`);
      return;
    }
    rows += 1;
    const budgeted = parseCents(text(columns.budgeted));
    const realised = parseCents(text(columns.realised));
    const category = text(columns.category).trim();
    const lines = [lineFor(perCategory, category)];
    // A total row (Jeugd TOT) is shown as a category but would count twice per leveringsvorm.
    if (columns.form >= 0 && !layout.totalCodes.includes(category))
      lines.push(lineFor(perForm, text(columns.form).trim()));
    for (const line of lines) {
      line.rows += 1;
      line.budgeted = add(line.budgeted, budgeted);
      line.realised = add(line.realised, realised);
    }
  };
  const scanner = new CsvScanner(onRecord, { delimiter: 0x3b, quote: 0x22, maxLineBytes: 65536 });
  for await (const chunk of source.stream()) scanner.push(chunk);
  scanner.finish();
  if (columns === null) throw new Error('The cost file has no header row');
  const sorted = (map: Map<string, CostLine>) => [...map.keys()].sort().map((code) => map.get(code)!);
  const categories = sorted(perCategory);
  const categorySum = { budgeted: null as number | null, realised: null as number | null };
  let statedTotal: CostFigures['statedTotal'] = null;
  for (const line of categories) {
    if (layout.totalCodes.includes(line.code)) {
      statedTotal ??= { budgeted: null, realised: null };
      statedTotal.budgeted = add(statedTotal.budgeted, line.budgeted);
      statedTotal.realised = add(statedTotal.realised, line.realised);
      continue;
    }
    categorySum.budgeted = add(categorySum.budgeted, line.budgeted);
    categorySum.realised = add(categorySum.realised, line.realised);
  }
  const total = statedTotal ? { ...statedTotal } : { ...categorySum };
  return {
    rows,
    perCategory: categories,
    perLeveringsvorm: sorted(perForm),
    total,
    categorySum,
    statedTotal,
    totalCodes: [...layout.totalCodes],
  };
}
