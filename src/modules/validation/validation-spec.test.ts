import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  FINDING_CODES,
  SpecError,
  isPeriodCovered,
  loadSpec,
  newestSpec,
  specForPeriod,
} from './validation-spec.ts';

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
  assert.equal(isPeriodCovered(spec, '2016H2'), false);
  assert.equal(isPeriodCovered(spec, '2017H1'), true);
  assert.equal(isPeriodCovered(spec, '2020H2'), true);
  // Open-ended: in use until a newer layout is a spec (docs/decisions/0031).
  assert.equal(isPeriodCovered(spec, '2025H2'), true);
});

test('specForPeriod: the covering spec with the latest start; none before the first or in a gap', () => {
  const base = specJson();
  const make = (id: string, periods: { from: string; to?: string }) => loadSpec({ ...base, id, periods });
  const old = make('old', { from: '2015H1', to: '2016H2' });
  const v2017 = make('v2017', { from: '2017H2' });
  const v2021 = make('v2021', { from: '2021H1' });
  const specs = [v2021, old, v2017];
  const chosen = (period: string) => specForPeriod(specs, period)?.id;
  assert.equal(chosen('2014H2'), undefined);
  assert.equal(chosen('2015H1'), 'old');
  assert.equal(chosen('2016H2'), 'old');
  assert.equal(chosen('2017H1'), undefined, 'between a spec that ends and the next');
  assert.equal(chosen('2017H2'), 'v2017');
  assert.equal(chosen('2020H2'), 'v2017');
  assert.equal(chosen('2021H1'), 'v2021', 'a newer layout takes over from an open-ended one');
  assert.equal(chosen('2030H1'), 'v2021');
  assert.equal(newestSpec(specs)?.id, 'v2021');
  assert.throws(() => make('bad', { from: '2018H1', to: '2017H2' }), SpecError);
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
