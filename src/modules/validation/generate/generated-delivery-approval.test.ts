import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadClassification } from '../../classification/index.ts';
import { createBytesSource, loadSpec, validateUpload } from '../index.ts';
import { concatBytes } from '../zip/zip-test-support.ts';
import { DEFECT_CODES, planDelivery, readGeneratorSpec, type DefectCode } from './index.ts';

const specJson: unknown = JSON.parse(
  readFileSync(new URL('../../../../specs/gmsd/2017.json', import.meta.url), 'utf8'),
);
const spec = loadSpec(specJson);
const generatorSpec = readGeneratorSpec(specJson);
const classification = loadClassification();
const options = { spec, classification, gemeente: '0363', period: '2017H2', today: '2018-03-01' };

function generate(type: string, rows: number, defect?: DefectCode) {
  const plan = planDelivery({
    spec: generatorSpec,
    type,
    gemeente: '0363',
    period: '2017H2',
    rows,
    ...(defect ? { defects: [{ code: defect, amount: 3 }] } : {}),
  });
  return { plan, source: createBytesSource(plan.fileName, concatBytes([...plan.chunks()])) };
}

test('the engine approves a generated file of every type, without warnings', async () => {
  for (const type of ['wmo', 'wmo-kosten', 'sbw', 'jeugd']) {
    const { plan, source } = generate(type, 2000);
    const report = await validateUpload([source], options);
    const file = report.files[0]!;
    assert.equal(report.status, 'approved', `${type}: ${JSON.stringify(file.counts)}`);
    assert.deepEqual(file.counts, {}, type);
    assert.equal(file.rows.total, plan.rows, type);
    assert.equal(file.type, type);
  }
});

const SIDE_EFFECTS: Partial<Record<DefectCode, string[]>> = {
  'gemeente.mixed': ['gemeente.mismatch'],
  'gemeente.unknown': ['gemeente.mixed', 'gemeente.mismatch'],
};

test('each chosen defect provokes the finding it is named after', async () => {
  for (const code of DEFECT_CODES) {
    const wmo = generate('wmo', 500, code);
    const { source } = wmo.plan.skippedDefects.length === 0 ? wmo : generate('wmo-kosten', 500, code);
    const report = await validateUpload([source], options);
    const counts = report.files[0]!.counts as Record<string, number>;
    assert.equal(counts[code], 3, `${code}: got ${JSON.stringify(counts)}`);
    // A defect brings no other findings than those it implies by nature.
    const implied = SIDE_EFFECTS[code] ?? [];
    assert.deepEqual(Object.keys(counts).sort(), [code, ...implied].sort(), code);
  }
});

test('a file generated with test BSNs (--test-bsn) is refused with field.bsn_test on every row', async () => {
  const plan = planDelivery({
    spec: generatorSpec,
    type: 'wmo',
    gemeente: '0363',
    period: '2017H2',
    rows: 50,
    testBsn: true,
  });
  const report = await validateUpload(
    [createBytesSource(plan.fileName, concatBytes([...plan.chunks()]))],
    options,
  );
  assert.equal(report.status, 'rejected');
  assert.deepEqual(report.files[0]!.counts, { 'field.bsn_test': 50 });
});
