import { test } from 'node:test';
import assert from 'node:assert/strict';
import { amsterdamDate, amsterdamInstant, formatDutchDate, formatDutchDateTime } from './amsterdam-time.ts';

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
