// Golden cases (test/support/golden-cases.ts): the input files of one upload and expected.json, the
// exact report. Each case also runs with 7-byte chunks, so every quote, CRLF, BOM and multibyte
// character gets split somewhere.
// After an intended change, regenerate with `node --import tsx scripts/update-golden.ts` and review the
// diff: the test itself only reads expected.json, so it can never pass by writing what it found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FINDING_CODES } from './index.ts';
import {
  goldenCases as cases,
  readExpectedReport,
  runGoldenCase as runCase,
} from '../../../test/support/golden-cases.ts';

for (const name of cases) {
  test(`golden case ${name}`, async () => {
    const report = await runCase(name);
    const expected = readExpectedReport(name);
    assert.deepEqual(report, expected);
    assert.deepEqual(await runCase(name, 7), expected, 'same report when read in 7-byte chunks');
  });
}

// Codes the portal adds to a report after the engine, so `ggk validate` never makes them; each has
// its integration test instead (file.already_delivered: per-file-outcomes.int.test.ts;
// file.area_overlap: merged-gemeenten.int.test.ts).
const NOT_BY_THE_ENGINE: readonly string[] = ['file.already_delivered', 'file.area_overlap'];

test('the golden cases cover every finding code of the contract', () => {
  const seen = new Set<string>();
  for (const name of cases) {
    const report = readExpectedReport(name);
    report.findings.forEach((f) => seen.add(f.code));
    for (const file of report.files) Object.keys(file.counts).forEach((c) => seen.add(c));
  }
  assert.deepEqual(
    FINDING_CODES.filter((c) => !seen.has(c) && !NOT_BY_THE_ENGINE.includes(c)),
    [],
  );
});

test('the valid cases are approved without a single finding', () => {
  for (const name of cases.filter((c) => c.startsWith('valid-'))) {
    const report = readExpectedReport(name);
    assert.equal(report.status, 'approved', name);
    assert.deepEqual(report.findings, [], name);
    for (const file of report.files) assert.deepEqual(file.counts, {}, `${name}: ${file.name}`);
  }
});

// The findings a case shows besides its own code, because the same defect also breaks that rule.
const COMPANIONS: Record<string, string[]> = {
  'file-name-content-mismatch-period': ['period.mismatch'],
  // One bad Wmo file of four: the Wmo kosten file names categories the bad file has no records of.
  'field-bsn-elfproef-one-of-four': ['upload.code_without_records'],
  // With a delivering gemeente the other gemeente's file is also a gemeente.mismatch; only it is rejected.
  'upload-mixed-gemeenten-per-file': ['gemeente.mismatch'],
  'file-type-unknown': ['file.name_pattern'],
  'gemeente-unknown-from-content': ['file.name_pattern'],
};

test('a case per finding code shows exactly its own code (and its named companions)', () => {
  for (const name of cases.filter((c) => !c.startsWith('valid-'))) {
    // "file-empty-header-only" is a case of file.empty: the longest code whose spelling starts the name.
    const own = FINDING_CODES.filter((c) => `${name}-`.startsWith(`${c.replace(/[._]/g, '-')}-`)).sort(
      (a, b) => b.length - a.length,
    )[0];
    assert.ok(own, `${name} names no finding code of the contract`);
    const report = readExpectedReport(name);
    const codes = new Set([
      ...report.findings.map((f) => f.code),
      ...report.files.flatMap((f) => Object.keys(f.counts)),
    ]);
    assert.deepEqual([...codes].sort(), [own, ...(COMPANIONS[name] ?? [])].sort(), name);
  }
});
