import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Report } from '../validation/index.ts';
import { reportToCsv } from './report-export.ts';

test('the findings CSV neutralises cells a spreadsheet would run as a formula, and quotes separators', () => {
  const report = {
    reportVersion: 1,
    spec: 'gmsd-2017',
    status: 'rejected',
    findings: [],
    files: [
      {
        name: 'WMO;=1+1.csv',
        sha256: '0'.repeat(64),
        bytes: 10,
        type: 'wmo',
        gemeentecode: '0363',
        period: '2017H2',
        status: 'rejected',
        rows: { total: 1, withErrors: 1, withWarnings: 0 },
        counts: { 'field.code_unknown': 1 },
        findings: [
          {
            code: 'field.code_unknown',
            severity: 'error',
            line: 2,
            column: 'productcategorie',
            message: 'Onbekende code "x".',
            value: '=HYPERLINK("http://x")',
          },
        ],
        findingsTruncated: false,
      },
    ],
  } as unknown as Report;
  const csv = reportToCsv(report);
  const line = csv.split('\r\n')[1]!;
  assert.equal(
    line,
    `"WMO;=1+1.csv";2;productcategorie;field.code_unknown;error;"Onbekende code ""x"".";"'=HYPERLINK(""http://x"")"`,
  );
});
