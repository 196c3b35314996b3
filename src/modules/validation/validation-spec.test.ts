import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FINDING_CODES, SpecError, isPeriodCovered, loadSpec } from './validation-spec.ts';

const specJson = () =>
  JSON.parse(readFileSync(new URL('../../../specs/gmsd/2017.json', import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

test('loads the GMSD 2017 spec with its four file types and a severity for every finding code', () => {
  const spec = loadSpec(specJson());
  assert.equal(spec.id, 'gmsd-2017');
  assert.deepEqual(
    spec.fileTypes.map((t) => t.type),
    ['wmo', 'wmo-kosten', 'sbw', 'jeugd'],
  );
  for (const code of FINDING_CODES) assert.ok(spec.severities[code], code);
  assert.equal(isPeriodCovered(spec, '2017H1'), true);
  assert.equal(isPeriodCovered(spec, '2020H2'), true);
  assert.equal(isPeriodCovered(spec, '2021H1'), false);
});

test('refuses a broken spec and lists every problem, not only the first', () => {
  const json = specJson();
  const fileTypes = json.fileTypes as Array<Record<string, unknown>>;
  const wmo = fileTypes[0]!;
  (wmo.fields as Array<Record<string, unknown>>)[3]!.codeList = 'bestaatNiet';
  (wmo.rules as Array<Record<string, unknown>>).push({
    id: 'X',
    kind: 'dateOrder',
    start: ['geen_kolom'],
    end: 'einddatum',
  });
  (json.severities as Record<string, string>)['field.format'] = 'fataal';
  try {
    loadSpec(json);
    assert.fail('a broken spec must not load');
  } catch (error) {
    assert.ok(error instanceof SpecError);
    assert.ok(
      error.problems.some((p) => p.includes('field.format')),
      error.message,
    );
  }
  delete (json.severities as Record<string, string>)['field.format'];
  try {
    loadSpec(json);
    assert.fail('a spec with dangling references must not load');
  } catch (error) {
    assert.ok(error instanceof SpecError);
    assert.equal(error.problems.length, 2, error.message);
    assert.match(error.message, /bestaatNiet/);
    assert.match(error.message, /geen_kolom/);
  }
});
