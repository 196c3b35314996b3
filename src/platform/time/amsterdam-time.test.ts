import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  amsterdamDate,
  amsterdamInstant,
  amsterdamPartsForTest,
  formatDutchDate,
  formatDutchDateTime,
} from './amsterdam-time.ts';

test('converts Amsterdam wall-clock time to instants in winter and summer time', () => {
  assert.equal(amsterdamInstant('2018-02-12').toISOString(), '2018-02-11T23:00:00.000Z');
  assert.equal(amsterdamInstant('2018-07-01', '12:30').toISOString(), '2018-07-01T10:30:00.000Z');
  assert.equal(amsterdamInstant('2018-03-09', '23:59:59').toISOString(), '2018-03-09T22:59:59.000Z');
});

test('gives the Amsterdam calendar date of an instant', () => {
  assert.equal(amsterdamDate(new Date('2018-02-11T23:30:00Z')), '2018-02-12');
  assert.equal(amsterdamDate(new Date('2018-02-11T22:30:00Z')), '2018-02-11');
});

test('formats dates the Dutch way', () => {
  assert.equal(formatDutchDate(amsterdamInstant('2018-02-12')), '12 februari 2018');
  assert.equal(formatDutchDateTime(amsterdamInstant('2018-03-09', '23:59:59')), '9 maart 2018');
  assert.equal(formatDutchDateTime(amsterdamInstant('2018-03-09', '17:00')), '9 maart 2018 om 17:00');
});

test('the wall clock from the per-hour offset is the one Intl shows: around every change of 1970-2040, across 1800-2500', () => {
  const { fast, intl } = amsterdamPartsForTest;
  const same = (ms: number) =>
    assert.deepEqual({ ...fast(new Date(ms)) }, { ...intl(new Date(ms)) }, new Date(ms).toISOString());
  const offset = (ms: number) => {
    const p = intl(new Date(ms));
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
  };
  // Each change of offset (found day by day), and every minute within two hours of it (and odd ms).
  const DAY = 86_400_000;
  let changes = 0;
  for (let ms = Date.UTC(1970, 0, 1); ms < Date.UTC(2040, 0, 1); ms += DAY) {
    if (offset(ms) === offset(ms + DAY)) continue;
    changes++;
    let at = ms;
    while (offset(at) === offset(ms)) at += 3_600_000;
    for (let m = at - 7_200_000; m < at + 7_200_000; m += 60_000) {
      same(m);
      same(m + 999);
      same(m - 1);
    }
  }
  assert.ok(changes > 100, `${changes} changes of offset`);
  // Spread over the years the helper answers itself, and beyond (Intl's own answer there).
  let seed = 7;
  const next = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
  for (let i = 0; i < 5000; i++)
    same(Date.UTC(1790, 0, 1) + next() * (Date.UTC(2510, 0, 1) - Date.UTC(1790, 0, 1)));
});
