// The technical report as CSV, one line per listed finding, for coordinators who sort and filter in
// a spreadsheet. Semicolon-separated (Dutch spreadsheets); cells that a spreadsheet would read as a
// formula are prefixed with an apostrophe, so a finding's value can never become one.
import type { Report } from '../validation/index.ts';

const HEADER = ['bestand', 'regel', 'kolom', 'code', 'ernst', 'melding', 'waarde'];

function cell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function reportToCsv(report: Report): string {
  const lines = [HEADER.join(';')];
  for (const f of report.findings) {
    lines.push(['', '', f.column, f.code, f.severity, f.message, f.value].map(cell).join(';'));
  }
  for (const file of report.files) {
    for (const f of file.findings) {
      lines.push([file.name, f.line, f.column, f.code, f.severity, f.message, f.value].map(cell).join(';'));
    }
    if (file.findingsTruncated) {
      const listed = file.findings.length;
      const total = Object.values(file.counts).reduce((a, b) => a + b, 0);
      lines.push(
        [
          file.name,
          '',
          '',
          '',
          'info',
          `Lijst ingekort: ${listed} van ${total} bevindingen getoond (de eerste van elke soort).`,
          '',
        ]
          .map(cell)
          .join(';'),
      );
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
