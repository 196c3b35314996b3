import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadClassification } from './index.ts';

const classification = loadClassification();

test('ships the classifications of 2017, 2018 and 2025 with their CBS totals', () => {
  assert.deepEqual(classification.years(), [2017, 2018, 2025]);
  assert.equal(classification.gemeentenOn('2017-07-01').length, 388);
  assert.equal(classification.gemeentenOn('2018-02-12').length, 380);
  assert.equal(classification.gemeentenOn('2025-12-31').length, 342);
});

test('Bellingwedde is a gemeente in 2017 and no longer in 2018', () => {
  assert.equal(classification.isGemeente('0007', '2017-12-31'), true);
  assert.equal(classification.isGemeente('0007', '2018-01-01'), false);
  assert.equal(classification.findGemeente('1950', '2018-01-01')?.naam, 'Westerwolde');
});

test('keeps leading zeros and CBS spelling', () => {
  assert.deepEqual(classification.findGemeente('0363', '2018-03-01'), {
    gemeentecode: '0363',
    naam: 'Amsterdam',
    provincie: 'Noord-Holland',
  });
  assert.equal(classification.findGemeente('0518', '2018-03-01')?.naam, "'s-Gravenhage");
  assert.equal(classification.isGemeente('363', '2018-03-01'), false);
});

test('refuses a year without a classification instead of guessing', () => {
  assert.throws(() => classification.isGemeente('0363', '2021-05-01'), {
    code: 'classification.year_unavailable',
  });
  assert.throws(() => classification.isGemeente('0363', '1-5-2018'), { code: 'classification.bad_date' });
});

test('the gemeenten formed on 1 January 2018 know their predecessors of 2017 (assumption, decision 0028)', () => {
  const codes = (code: string, date: string) =>
    classification.predecessorsOf(code, date).map((p) => `${p.gemeentecode}${p.geheel ? '' : ' (deel)'}`);
  assert.deepEqual(codes('1950', '2017-12-31'), ['0007', '0048']);
  assert.deepEqual(codes('1952', '2017-06-30'), ['0018', '0040', '1987']);
  assert.deepEqual(codes('1949', '2017-12-31'), ['0063', '0070', '0140 (deel)', '1908']);
  assert.deepEqual(codes('0080', '2017-12-31'), ['0081', '0140 (deel)']);
  assert.deepEqual(codes('0299', '2017-12-31'), ['0196']);
  assert.equal(classification.predecessorsOf('1950', '2017-12-31')[0]?.naam, 'Bellingwedde');
  // After the merger, and for a gemeente that merged with no one, there are none.
  assert.deepEqual(codes('1950', '2018-01-01'), []);
  assert.deepEqual(codes('0363', '2017-12-31'), []);
  assert.deepEqual(
    classification.successorsOf('0140', '2017-12-31').map((s) => s.gemeentecode),
    ['1949', '0080', '1900'],
  );
});

test('every reorganisation names a gemeente that ended and one that exists the day it took effect', () => {
  for (const code of [
    '0007',
    '0018',
    '0040',
    '0048',
    '0063',
    '0070',
    '0081',
    '0140',
    '0196',
    '1908',
    '1987',
  ]) {
    assert.equal(classification.isGemeente(code, '2018-01-01'), false, code);
    for (const s of classification.successorsOf(code, '2017-12-31'))
      assert.equal(
        classification.isGemeente(s.gemeentecode, s.ingangsdatum),
        true,
        `${code} -> ${s.gemeentecode}`,
      );
  }
  // The eleven codes that ended on 1 January 2018 are exactly those with a successor.
  const ended = classification
    .gemeentenOn('2017-12-31')
    .filter((g) => !classification.isGemeente(g.gemeentecode, '2018-01-01'))
    .map((g) => g.gemeentecode);
  assert.deepEqual(
    ended.filter((c) => classification.successorsOf(c, '2017-12-31').length === 0),
    [],
  );
  assert.equal(ended.length, 11);
});
