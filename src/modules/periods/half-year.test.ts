import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatHalfYear, halfYearBounds, parseHalfYear, previousHalfYear } from './half-year.ts';

test('parses and formats half years', () => {
  assert.deepEqual(parseHalfYear('2017H2'), { year: 2017, half: 2 });
  assert.deepEqual(parseHalfYear('2018H1'), { year: 2018, half: 1 });
  assert.equal(formatHalfYear({ year: 2017, half: 2 }), '2017H2');
});

test('bounds of a half year, both inclusive', () => {
  assert.deepEqual(halfYearBounds('2017H2'), { start: '2017-07-01', end: '2017-12-31' });
  assert.deepEqual(halfYearBounds('2018H1'), { start: '2018-01-01', end: '2018-06-30' });
});

test('previous half year', () => {
  assert.equal(previousHalfYear('2017H2'), '2017H1');
  assert.equal(previousHalfYear('2018H1'), '2017H2');
});

test('bad half years throw period.bad_half_year with a Dutch message', () => {
  for (const bad of [
    '2017H3',
    '2017H0',
    '2017h2',
    '17H2',
    '2017-H2',
    ' 2017H2',
    '2017H2 ',
    '',
    '0999H1',
    '2017',
  ]) {
    assert.throws(
      () => parseHalfYear(bad),
      { name: 'AppError', code: 'period.bad_half_year', message: /Ongeldig halfjaar/ },
      bad,
    );
  }
  assert.throws(() => halfYearBounds('2017H3'), { code: 'period.bad_half_year' });
  assert.throws(() => previousHalfYear('1000H1'), { code: 'period.bad_half_year' });
});
