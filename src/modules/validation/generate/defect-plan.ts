// Chosen defects for synthetic files: "field.bsn_elfproef=0.01,record.duplicate_line=5" means 1% of
// the rows get a BSN that fails the elfproef and 5 rows repeat the line before them. The names are the
// finding codes of the contract that the defect is meant to provoke.

export const DEFECT_CODES = [
  'field.bsn_elfproef',
  'field.required',
  'field.format',
  'field.date_invalid',
  'field.amount_invalid',
  'field.code_unknown',
  'row.column_count',
  'record.duplicate_line',
  'record.duplicate_key',
  'date.order',
  'date.future',
  'period.outside',
  'period.mismatch',
  'gemeente.mixed',
  'gemeente.unknown',
] as const;

export type DefectCode = (typeof DEFECT_CODES)[number];

export interface DefectRequest {
  code: DefectCode;
  /** Below 1: share of the rows; 1 or more: number of rows. */
  amount: number;
}

/** Parses "code=amount,code=amount"; throws an Error with a Dutch message on anything else. */
export function parseDefects(text: string): DefectRequest[] {
  const requests: DefectRequest[] = [];
  for (const part of text.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const match = /^([a-z_.]+)(?:=(\d+(?:\.\d+)?))?$/.exec(item);
    const code = match?.[1];
    if (!match || !(DEFECT_CODES as readonly string[]).includes(code ?? '')) {
      throw new Error(
        `Onbekende fout "${item}". Schrijf CODE=AANTAL, met CODE een van: ${DEFECT_CODES.join(', ')}; AANTAL onder 1 is een fractie van de regels, anders een aantal regels.`,
      );
    }
    const amount = match[2] === undefined ? 1 : Number(match[2]);
    if (!(amount > 0) || (amount >= 1 && !Number.isInteger(amount))) {
      throw new Error(
        `Ongeldig aantal bij "${item}": geef een fractie tussen 0 en 1 of een heel aantal regels.`,
      );
    }
    requests.push({ code: code as DefectCode, amount });
  }
  return requests;
}

/** How many of `rows` rows a request hits. */
export function countDefectRows(request: DefectRequest, rows: number): number {
  const count = request.amount < 1 ? Math.round(request.amount * rows) : request.amount;
  return Math.min(count, rows);
}

/**
 * Whether row `row` (0-based) is hit, spreading `count` hits evenly over `rows` rows; `shift` moves each
 * defect to other rows so two defects with the same amount do not land on the same lines.
 */
export function isDefectRow(row: number, count: number, rows: number, shift: number): boolean {
  if (count <= 0) return false;
  const position = (row + shift) % rows;
  return Math.floor(((position + 1) * count) / rows) !== Math.floor((position * count) / rows);
}
