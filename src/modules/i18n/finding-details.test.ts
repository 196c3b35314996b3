// Every finding the engine can make renders in English with its detail: each template of
// FINDING_DETAILS has a Dutch and an English text that uses exactly its parameters (and at most the
// finding's {column}), every code of the engine has a template unless it is listed as carrying none,
// and the golden reports' findings carry exactly their template's parameters, never a BSN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATALOGUES } from './catalogue.ts';
import { placeholdersOf } from './define.ts';
import { findingMessage } from './translator.ts';
import { FINDING_CODES } from '../validation/index.ts';
import { CODES_WITHOUT_DETAIL, FINDING_DETAILS, templateOf } from '../validation/finding-details.ts';
import { goldenCases, readExpectedReport } from '../../../test/support/golden-cases.ts';

// Added by the portal after the engine (golden.test.ts): their messages are the portal's own.
const NOT_BY_THE_ENGINE = ['file.already_delivered', 'file.area_overlap'];

test('every template has an English and a Dutch text using all its parameters and no others', () => {
  for (const [template, params] of Object.entries(FINDING_DETAILS)) {
    for (const locale of ['en', 'nl'] as const) {
      const text = CATALOGUES[locale][`finding.detail.${template}`];
      assert.ok(text, `${locale}: finding.detail.${template}`);
      const used = placeholdersOf(text).filter((p) => p !== 'column');
      assert.deepEqual([...new Set(used)].sort(), [...params].sort(), `${locale}: ${template}`);
    }
  }
});

test('every finding code the engine makes has a template (or is listed as carrying no parameters)', () => {
  const templates = Object.keys(FINDING_DETAILS);
  for (const code of FINDING_CODES) {
    if (NOT_BY_THE_ENGINE.includes(code) || CODES_WITHOUT_DETAIL.includes(code)) continue;
    assert.ok(
      templates.some((t) => t === code || t.startsWith(`${code}.`)),
      `${code} has no template in FINDING_DETAILS`,
    );
  }
});

test('the golden reports: each finding carries exactly its template’s parameters, never a BSN, and renders in English', () => {
  let checked = 0;
  for (const name of goldenCases) {
    const report = readExpectedReport(name);
    const findings = [...report.findings, ...report.files.flatMap((f) => f.findings)];
    for (const f of findings) {
      if (CODES_WITHOUT_DETAIL.includes(f.code)) {
        assert.equal(f.params, undefined, `${name}: ${f.code}`);
        continue;
      }
      const template = templateOf(f) as keyof typeof FINDING_DETAILS;
      assert.ok(f.params, `${name}: ${f.code} line ${f.line} has no parameters`);
      assert.ok(FINDING_DETAILS[template], `${name}: unknown template ${template}`);
      assert.deepEqual(
        Object.keys(f.params).sort(),
        [...FINDING_DETAILS[template]].sort(),
        `${name}: ${template}`,
      );
      for (const value of Object.values(f.params))
        assert.doesNotMatch(value, /\d{9}/, `${name}: ${template} carries a BSN-like number`);
      const english = findingMessage('en', f);
      assert.doesNotMatch(english, /\{[A-Za-z]+\}/, `${name}: ${template} leaves a placeholder`);
      if (placeholdersOf(CATALOGUES.en[`finding.detail.${template}`]!).includes('column'))
        assert.ok(f.column, `${name}: ${template} uses {column}, the finding has none`);
      checked += 1;
    }
  }
  assert.ok(checked >= 90, `only ${checked} findings checked`);
});

test('a wrong code in English names the list, the allowed codes; dates and amounts are written in English', () => {
  assert.equal(
    findingMessage('en', {
      code: 'field.code_unknown',
      message: 'De waarde van "leveringsvorm" staat niet in de codelijst (L). Toegestaan: ZIN, PGB.',
      column: 'leveringsvorm',
      params: { list: 'L', allowed: 'ZIN, PGB' },
    }),
    'The value of "leveringsvorm" is not in the code list (L). Allowed: ZIN, PGB.',
  );
  assert.equal(
    findingMessage('en', {
      code: 'date.order',
      message: '…',
      column: 'einddatum',
      params: { endDate: '2017-07-15', startDate: '2017-08-01' },
    }),
    '"einddatum" (15 July 2017) lies before the start date (1 August 2017). An end date lies on or after the start date.',
  );
  assert.match(
    findingMessage('en', {
      code: 'record.amount_ratio',
      message: '…',
      column: 'kosten_gerealiseerd',
      params: { amount: '1234.50', other: 'kosten_begroot', otherAmount: '100.00', factor: '3' },
    }),
    /\(€1,234\.50\) and "kosten_begroot" \(€100\.00\)/,
  );
  // A report stored before the extension: the code's general text; Dutch: the report's own message.
  const old = { code: 'field.code_unknown', message: 'De waarde … Toegestaan: ZIN, PGB.' };
  assert.equal(findingMessage('en', old), 'The value is not in the code list.');
  assert.equal(findingMessage('nl', old), old.message);
});
