import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openZip } from '../zip/index.ts';
import { concatBytes, createMemorySource, readAll } from '../zip/zip-test-support.ts';
import {
  isTestBsn,
  isValidBsn,
  parseDefects,
  planDelivery,
  readGeneratorSpec,
  zipDeliveryChunks,
  type DeliveryOptions,
} from './index.ts';

const specJson = JSON.parse(
  readFileSync(new URL('../../../../specs/gmsd/2017.json', import.meta.url), 'utf8'),
) as {
  fileTypes: Array<{ type: string; fields: Array<{ name: string }> }>;
};
const spec = readGeneratorSpec(specJson);
const TYPES = ['wmo', 'wmo-kosten', 'sbw', 'jeugd'];

function generate(options: Partial<DeliveryOptions> & { type: string }) {
  const plan = planDelivery({ spec, gemeente: '0363', period: '2017H2', ...options });
  const text = new TextDecoder().decode(concatBytes([...plan.chunks()]));
  const lines = text.split('\n');
  assert.equal(lines.pop(), '', 'the file ends with a line ending');
  return { plan, text, header: lines[0]!.split(';'), rows: lines.slice(1).map((line) => line.split(';')) };
}

test('writes the header of every file type exactly as the spec lists its columns', () => {
  for (const fileType of specJson.fileTypes) {
    const { header, plan } = generate({ type: fileType.type, rows: 3 });
    assert.deepEqual(
      header,
      fileType.fields.map((field) => field.name),
      fileType.type,
    );
    assert.match(plan.fileName, /^(WMO|WMOKOSTEN|SBW|JEUGD)_0363_2017H2\.csv$/);
  }
});

test('writes the asked number of rows, each with as many fields as the header', () => {
  const { rows, header } = generate({ type: 'wmo', rows: 2500 });
  assert.equal(rows.length, 2500);
  for (const row of rows) assert.equal(row.length, header.length);
});

test('makes unique BSNs that pass the elfproef and stay out of the test range', () => {
  const { rows, header } = generate({ type: 'wmo', rows: 5000 });
  const bsns = rows.map((row) => row[header.indexOf('bsn')]!);
  assert.ok(bsns.every(isValidBsn));
  assert.ok(!bsns.some(isTestBsn));
  assert.equal(new Set(bsns).size, bsns.length);
  const test = generate({ type: 'wmo', rows: 200, testBsn: true });
  assert.ok(test.rows.every((row) => isValidBsn(row[2]!) && isTestBsn(row[2]!)));
});

test('is deterministic by seed', () => {
  assert.equal(
    generate({ type: 'wmo', rows: 300, seed: 7 }).text,
    generate({ type: 'wmo', rows: 300, seed: 7 }).text,
  );
  assert.notEqual(
    generate({ type: 'wmo', rows: 300, seed: 7 }).text,
    generate({ type: 'wmo', rows: 300, seed: 8 }).text,
  );
});

test('keeps values inside the spec: codes from the lists, dates in order and overlapping the period', () => {
  const { rows, header } = generate({ type: 'wmo', rows: 3000 });
  const at = (row: string[], name: string) => row[header.indexOf(name)]!;
  for (const row of rows) {
    assert.match(at(row, 'productcategorie'), /^(0[1-9]|1[0-6])$/);
    assert.match(at(row, 'leveringsvorm'), /^(ZIN|PGB)$/);
    const start = at(row, 'startdatum') || at(row, 'beoogde_startdatum');
    assert.ok(start <= '20171231');
    const end = at(row, 'einddatum');
    if (end !== '') assert.ok(end >= start && end >= '20170701' && end <= '20180115');
    if (at(row, 'reden_beeindiging') !== '') assert.notEqual(end, '');
  }
});

test('writes each key combination once for files keyed by codes, and says when it caps the rows', () => {
  for (const type of ['wmo-kosten', 'sbw', 'jeugd']) {
    const { plan, rows } = generate({ type, rows: 1000 });
    assert.ok(plan.rows < 1000 && plan.requestedRows === 1000, type);
    const keys = rows.map((row) => row.slice(3, type === 'sbw' ? 4 : 5).join(';'));
    assert.equal(new Set(keys).size, rows.length, type);
    assert.ok(rows.every((row) => row[2] === '2017H2' && row[1] === '0363'));
  }
});

test('builds in the chosen defects, in the chosen numbers', () => {
  const defects = parseDefects('field.bsn_elfproef=0.01,record.duplicate_line=5,row.column_count=3');
  const { rows, plan } = generate({ type: 'wmo', rows: 1000, defects });
  assert.deepEqual(plan.defects, [
    { code: 'field.bsn_elfproef', rows: 10 },
    { code: 'record.duplicate_line', rows: 5 },
    { code: 'row.column_count', rows: 3 },
  ]);
  assert.equal(rows.filter((row) => row.length === 14 && !isValidBsn(row[2]!)).length >= 9, true);
  assert.equal(rows.filter((row) => row.length === 13).length >= 3, true);
  const lines = rows.map((row) => row.join(';'));
  const repeats = lines.filter((line, i) => i > 0 && line === lines[i - 1]).length;
  assert.equal(repeats, 5);
});

test('skips defects a file type cannot carry, and rejects unknown ones', () => {
  const { plan } = generate({ type: 'sbw', defects: parseDefects('field.bsn_elfproef=1,period.mismatch=1') });
  assert.deepEqual(plan.skippedDefects, ['field.bsn_elfproef']);
  assert.throws(() => parseDefects('field.onbekend=1'), /Onbekende fout/);
  assert.throws(() => parseDefects('field.required=1.5'), /Ongeldig aantal/);
  assert.throws(() => planDelivery({ spec, type: 'wmo', gemeente: '363', period: '2017H2' }), /4 cijfers/);
  assert.throws(
    () => planDelivery({ spec, type: 'pgb', gemeente: '0363', period: '2017H2' }),
    /Onbekend bestandstype/,
  );
});

test('streams in bounded chunks whatever the row count', () => {
  const plan = planDelivery({ spec, type: 'wmo', gemeente: '0363', period: '2017H2', rows: 50_000 });
  let largest = 0;
  let total = 0;
  for (const chunk of plan.chunks()) {
    largest = Math.max(largest, chunk.length);
    total += chunk.length;
  }
  assert.ok(largest < 128 * 1024);
  assert.ok(total > 50_000 * 40);
});

test('bundles all four types into one ZIP that the safe ZIP reader opens', async () => {
  const plans = TYPES.map((type) =>
    planDelivery({ spec, type, gemeente: '0363', period: '2017H2', rows: 50 }),
  );
  const bytes = concatBytes([
    ...zipDeliveryChunks(plans.map((plan) => ({ name: plan.fileName, chunks: plan.chunks }))),
  ]);
  assert.deepEqual(
    concatBytes([...zipDeliveryChunks(plans.map((plan) => ({ name: plan.fileName, chunks: plan.chunks })))]),
    bytes,
  );
  const { entries, problems } = await openZip(createMemorySource('MSD.zip', bytes));
  assert.deepEqual(problems, []);
  assert.deepEqual(
    entries.map((entry) => entry.name),
    plans.map((plan) => `MSD.zip/${plan.fileName}`),
  );
  for (const [i, entry] of entries.entries())
    assert.deepEqual(await readAll(entry), concatBytes([...plans[i]!.chunks()]));
});
