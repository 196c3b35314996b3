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
