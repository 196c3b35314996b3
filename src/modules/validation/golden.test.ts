// Golden cases: test/fixtures/validation/<case>/ holds the input files of one upload, optional
// options.json (gemeente, period, today) and expected.json, the exact report. Each case also runs with
// 7-byte chunks, so every quote, CRLF, BOM and multibyte character gets split somewhere.
// Regenerate after an intended change with UPDATE_GOLDEN=1 and review the diff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadClassification } from '../classification/index.ts';
import { FINDING_CODES, createBytesSource, loadSpec, validateUpload, type Report } from './index.ts';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/validation/', import.meta.url));
const SPEC = loadSpec(
  JSON.parse(readFileSync(new URL('../../../specs/gmsd/2017.json', import.meta.url), 'utf8')),
);
const classification = loadClassification();
const update = process.env.UPDATE_GOLDEN === '1';

interface CaseOptions {
  gemeente?: string;
  period?: string;
  today?: string;
}

function readCase(name: string) {
  const dir = path.join(FIXTURES, name);
  const inputs = readdirSync(dir)
    .filter((f) => f !== 'expected.json' && f !== 'options.json' && statSync(path.join(dir, f)).isFile())
    .sort();
  const optionsFile = path.join(dir, 'options.json');
  const options: CaseOptions =
    inputs.length >= 0 && safeRead(optionsFile) ? JSON.parse(safeRead(optionsFile)!) : {};
  return { dir, inputs, options };
}

function safeRead(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

async function runCase(name: string, chunkSize?: number): Promise<Report> {
  const { dir, inputs, options } = readCase(name);
  const sources = inputs.map((f) =>
    createBytesSource(f, new Uint8Array(readFileSync(path.join(dir, f))), chunkSize),
  );
  return validateUpload(sources, { spec: SPEC, classification, today: '2018-02-20', ...options });
}

const cases = readdirSync(FIXTURES)
  .filter((f) => statSync(path.join(FIXTURES, f)).isDirectory())
  .sort();

for (const name of cases) {
  test(`golden case ${name}`, async () => {
    const report = await runCase(name);
    const expectedFile = path.join(FIXTURES, name, 'expected.json');
    if (update) writeFileSync(expectedFile, `${JSON.stringify(report, null, 2)}\n`);
    const expected: unknown = JSON.parse(readFileSync(expectedFile, 'utf8'));
    assert.deepEqual(report, expected);
    assert.deepEqual(await runCase(name, 7), expected, 'same report when read in 7-byte chunks');
  });
}

test('the golden cases cover every finding code of the contract', () => {
  const seen = new Set<string>();
  for (const name of cases) {
    const report = JSON.parse(readFileSync(path.join(FIXTURES, name, 'expected.json'), 'utf8')) as Report;
    report.findings.forEach((f) => seen.add(f.code));
    for (const file of report.files) Object.keys(file.counts).forEach((c) => seen.add(c));
  }
  assert.deepEqual(
    FINDING_CODES.filter((c) => !seen.has(c)),
    [],
  );
});

test('the valid cases are approved without a single finding', () => {
  for (const name of cases.filter((c) => c.startsWith('valid-'))) {
    const report = JSON.parse(readFileSync(path.join(FIXTURES, name, 'expected.json'), 'utf8')) as Report;
    assert.equal(report.status, 'approved', name);
    assert.deepEqual(report.findings, [], name);
    for (const file of report.files) assert.deepEqual(file.counts, {}, `${name}: ${file.name}`);
  }
});

test('a case per finding code is rejected or warned exactly for its own code', () => {
  for (const name of cases.filter((c) => !c.startsWith('valid-'))) {
    const code = name.replace(/-/, '.').replace(/-/g, '_');
    const report = JSON.parse(readFileSync(path.join(FIXTURES, name, 'expected.json'), 'utf8')) as Report;
    const codes = new Set([
      ...report.findings.map((f) => f.code),
      ...report.files.flatMap((f) => Object.keys(f.counts)),
    ]);
    const matches = [...codes].some((c) => code.startsWith(c));
    assert.ok(matches, `${name} should show ${code}, shows ${[...codes].join(', ')}`);
  }
});
