// CSV for people who open it in a spreadsheet (Dutch Excel and LibreOffice in a Dutch locale):
// semicolon-separated, decimal comma, CRLF, a BOM so the accents survive. A number is written as a
// number (`-312567,5`), never neutralised: it cannot run. A text cell that a spreadsheet would read
// as a formula (=, +, -, @, tab, carriage return) is prefixed with an apostrophe, so nothing a user
// typed or uploaded can run; a text that is nothing but a plain number (`-5`, `12,5`) is no formula
// and stays as it is. Every CSV export of ggk goes through here.

export type CsvValue = string | number | boolean | Date | null | undefined;

/** A plain decimal number, with a point or a comma: no formula, safe as it is. */
const PLAIN_NUMBER = /^-?\d+(?:[.,]\d+)?$/;

/** At most 4 decimals (a share as a fraction keeps 0,01 %), decimal comma, no grouping, no exponent. */
export function csvNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  return n
    .toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 4 })
    .replace('.', ',')
    .replace(/^-0$/, '0');
}

export function csvCell(value: CsvValue): string {
  if (typeof value === 'number') return csvNumber(value);
  let text =
    value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(';');
}

/** A whole CSV document: header line, rows, BOM in front and CRLF after every line. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [csvLine(header)];
  for (const row of rows) lines.push(csvLine(row));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
