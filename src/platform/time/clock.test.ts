import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClock } from './clock.ts';

test('without a fake instant the clock tells the real time', () => {
  let real = Date.UTC(2026, 11, 6, 12);
  const clock = createClock(undefined, () => real);
  assert.equal(clock().toISOString(), '2026-12-06T12:00:00.000Z');
  real += 1_500;
  assert.equal(clock().toISOString(), '2026-12-06T12:00:01.500Z');
});

test('a fake instant starts the clock there and it runs on at the real pace', () => {
  let real = Date.UTC(2026, 11, 6, 12);
  const clock = createClock(new Date('2018-02-20T09:00:00Z'), () => real);
  assert.equal(clock().toISOString(), '2018-02-20T09:00:00.000Z');
  real += 61_000;
  assert.equal(clock().toISOString(), '2018-02-20T09:01:01.000Z');
});
