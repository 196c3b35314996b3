// The rule kinds sameValue and codesCovered as a spec author uses them: on other fields than the
// built-in GMSD spec does, so the engine (not the spec data) is what is proven here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadClassification } from '../classification/index.ts';
import { SpecError, createBytesSource, loadSpec, validateUpload, type Report } from './index.ts';

type Json = Record<string, unknown>;
const specJson = () =>
  JSON.parse(readFileSync(new URL('../../../specs/gmsd/2017.json', import.meta.url), 'utf8')) as Json;
const classification = loadClassification();
const fixture = (file: string) =>
  readFileSync(new URL(`../../../test/fixtures/validation/${file}`, import.meta.url), 'utf8');

function fileType(json: Json, type: string): Json {
  return (json.fileTypes as Json[]).find((t) => t.type === type)!;
}

async function run(json: Json, files: [string, string][], chunkSize?: number): Promise<Report> {
  const sources = files.map(([name, text]) =>
    createBytesSource(name, new TextEncoder().encode(text), chunkSize),
  );
  return validateUpload(sources, {
    spec: loadSpec(json),
    classification,
    gemeente: '0363',
    period: '2017H2',
    today: '2018-02-20',
  });
}

test('sameValue on a text field compares the trimmed bytes and skips empty values', async () => {
  const json = specJson();
  (fileType(json, 'wmo').rules as Json[]).push({ id: 'T', kind: 'sameValue', field: 'type_aanbieder' });
  // Letters in type_aanbieder are this test's point, not the spec's non-numeric warning.
  delete (fileType(json, 'wmo').fields as Json[]).find((f) => f.name === 'type_aanbieder')!.nonNumeric;
  const wmo = fixture('valid-wmo/WMO_0363_2017H2.csv');
  // Rows 2-4 have type_aanbieder 1234, row 5 none; make row 4 differ (and pad row 3 with spaces).
  const lines = wmo.split('\n');
  lines[2] = lines[2]!.replace(';1234;', '; 1234 ;');
  lines[3] = lines[3]!.replace(';1234;', ';AB12;');
  for (const chunkSize of [undefined, 7]) {
    const report = await run(json, [['WMO_0363_2017H2.csv', lines.join('\n')]], chunkSize);
    const file = report.files[0]!;
    assert.deepEqual(file.counts, { 'field.mixed': 1 });
    assert.equal(file.findings[0]!.line, 4);
    assert.equal(file.findings[0]!.value, 'AB12');
    assert.match(file.findings[0]!.message, /regel 2 is het 1234/);
  }
});

test('codesCovered is judged only against a file of the same period, and honours its severity', async () => {
  const json = specJson();
  const rule = (json.uploadRules as Json[]).find((r) => r.id === 'X-04')!;
  rule.severity = 'error';
  const wmo = fixture('valid-wmo/WMO_0363_2017H2.csv');
  const kosten = fixture('upload-code-without-records/WMOKOSTEN_0363_2017H2.csv');
  const together = await run(json, [
    ['WMO_0363_2017H2.csv', wmo],
    ['WMOKOSTEN_0363_2017H2.csv', kosten],
  ]);
  assert.equal(together.status, 'rejected');
  assert.deepEqual(
    together.findings.map((f) => [f.code, f.severity, f.value]),
    [
      ['upload.code_without_records', 'error', '04'],
      ['upload.code_without_records', 'error', '12'],
    ],
  );
  // Without a Wmo file for 2017H2 in the upload nothing can be said about its records.
  const alone = await run(json, [['WMOKOSTEN_0363_2017H2.csv', kosten]]);
  assert.deepEqual(alone.findings, []);
});

test('a codesCovered rule must name code fields', () => {
  const json = specJson();
  (json.uploadRules as Json[]).push({
    id: 'X-09',
    kind: 'codesCovered',
    codes: { type: 'wmo-kosten', field: 'kosten_begroot' },
    in: { type: 'wmo', field: 'productcategorie' },
  });
  assert.throws(
    () => loadSpec(json),
    (error: unknown) => error instanceof SpecError && /X-09.*kosten_begroot/.test(error.message),
  );
});
