// CSV for people who open it in a spreadsheet (Dutch Excel): semicolon-separated, CRLF, a BOM so
// the accents survive, and every cell that a spreadsheet would read as a formula (=, +, -, @, tab,
// carriage return) prefixed with an apostrophe, so nothing a user typed or uploaded can run.
// Every CSV export of ggk goes through here.

export type CsvValue = string | number | boolean | Date | null | undefined;

export function csvCell(value: CsvValue): string {
  let text =
    value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
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
