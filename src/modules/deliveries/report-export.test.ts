import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Report } from '../validation/index.ts';
import { reportToCsv } from './report-export.ts';

/** A rejected one-file report with the given findings. */
function reportWith(
  name: string,
  findings: Array<{ line: number; column: string; message: string; value: string; severity?: string }>,
  findingsTruncated = false,
): Report {
  return {
    reportVersion: 1,
    spec: 'gmsd-2017',
    status: 'rejected',
    findings: [],
    files: [
      {
        name,
        sha256: '0'.repeat(64),
        bytes: 10,
        type: 'wmo',
        gemeentecode: '0363',
        period: '2017H2',
        status: 'rejected',
        rows: { total: 3, withErrors: 3, withWarnings: 0 },
        counts: { 'field.code_unknown': 3 },
        findings: findings.map((f) => ({ code: 'field.code_unknown', severity: 'error', ...f })),
        findingsTruncated,
      },
    ],
  } as unknown as Report;
}

test('the findings CSV neutralises cells a spreadsheet would run as a formula, and quotes separators', () => {
  const report = reportWith('WMO;=1+1.csv', [
    { line: 2, column: 'productcategorie', message: 'Onbekende code "x".', value: '=HYPERLINK("http://x")' },
  ]);
  const csv = reportToCsv(report);
  const line = csv.split('\r\n')[1]!;
  assert.equal(
    line,
    `"WMO;=1+1.csv";2;productcategorie;field.code_unknown;error;"Onbekende code ""x"".";"'=HYPERLINK(""http://x"")"`,
  );
});

test('in English the headers and messages are English; codes, severities and values stay as they are', () => {
  const report = reportWith(
    'WMO_0363_2017H2.csv',
    [{ line: 2, column: 'productcategorie', message: 'Onbekende code "x".', value: 'x' }],
    true,
  );
  const [header, finding, truncated] = reportToCsv(report, 'en').split('\r\n');
  assert.equal(header, '\ufefffile;line;column;code;severity;message;value');
  assert.match(finding!, /^WMO_0363_2017H2\.csv;2;productcategorie;field\.code_unknown;error;[^;]*;x$/);
  assert.doesNotMatch(finding!, /Onbekende/);
  assert.equal(
    truncated,
    'WMO_0363_2017H2.csv;;;;info;List shortened: 1 of 3 findings shown (the first of each kind).;',
  );
  const dutch = reportToCsv(report).split('\r\n');
  assert.equal(dutch[0], '\ufeffbestand;regel;kolom;code;ernst;melding;waarde');
  assert.match(dutch[2]!, /Lijst ingekort: 1 van 3 bevindingen getoond/);
});
