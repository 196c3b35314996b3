// The technical report as CSV, one line per listed finding, for coordinators who sort and filter in
// a spreadsheet. Semicolon-separated (Dutch spreadsheets); cells that a spreadsheet would read as a
// formula are prefixed with an apostrophe, so a finding's value can never become one.
import { toCsv, type CsvValue } from '../../platform/csv/csv.ts';
import type { Report } from '../validation/index.ts';

const HEADER = ['bestand', 'regel', 'kolom', 'code', 'ernst', 'melding', 'waarde'];

export function reportToCsv(report: Report): string {
  const rows: CsvValue[][] = [];
  for (const f of report.findings) {
    rows.push(['', '', f.column, f.code, f.severity, f.message, f.value]);
  }
  for (const file of report.files) {
    for (const f of file.findings) {
      rows.push([file.name, f.line, f.column, f.code, f.severity, f.message, f.value]);
    }
    if (file.findingsTruncated) {
      const listed = file.findings.length;
      const total = Object.values(file.counts).reduce((a, b) => a + b, 0);
      rows.push([
        file.name,
        '',
        '',
        '',
        'info',
        `Lijst ingekort: ${listed} van ${total} bevindingen getoond (de eerste van elke soort).`,
        '',
      ]);
    }
  }
  return toCsv(HEADER, rows);
}
