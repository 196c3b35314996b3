// The technical report as CSV, one line per listed finding, for coordinators who sort and filter in
// a spreadsheet. Semicolon-separated (Dutch spreadsheets); cells that a spreadsheet would read as a
// formula are prefixed with an apostrophe, so a finding's value can never become one.
// Headers and messages are in the reader's language (Dutch unchanged); codes and severities are the
// report's own values in every language, so a spreadsheet filter works the same for everyone.
import { toCsv, type CsvValue } from '../../platform/csv/csv.ts';
import { findingMessage, translator, type Locale } from '../i18n/index.ts';
import type { Report } from '../validation/index.ts';

export function reportToCsv(report: Report, locale: Locale = 'nl'): string {
  const t = translator(locale);
  const header = [
    t('deliveries.csv.file'),
    t('deliveries.csv.line'),
    t('deliveries.csv.column'),
    t('deliveries.csv.code'),
    t('deliveries.csv.severity'),
    t('deliveries.csv.message'),
    t('deliveries.csv.value'),
  ];
  // The whole finding: in English its parameters (extension) give the detail of the Dutch message.
  const message = (f: Report['findings'][number]) => findingMessage(locale, f);
  const rows: CsvValue[][] = [];
  for (const f of report.findings) {
    rows.push(['', '', f.column, f.code, f.severity, message(f), f.value]);
  }
  for (const file of report.files) {
    for (const f of file.findings) {
      rows.push([file.name, f.line, f.column, f.code, f.severity, message(f), f.value]);
    }
    if (file.findingsTruncated) {
      const listed = file.findings.length;
      const total = Object.values(file.counts).reduce((a, b) => a + b, 0);
      rows.push([file.name, '', '', '', 'info', t('deliveries.csv.truncated', { listed, total }), '']);
    }
  }
  return toCsv(header, rows);
}
