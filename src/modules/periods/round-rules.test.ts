import { test } from 'node:test';
import assert from 'node:assert/strict';
import { amsterdamInstant } from '../../platform/time/amsterdam-time.ts';
import { halfYearsOf, pickCurrentRound, type Round } from './round-rules.ts';

function makeRound(halfYear: string, opens: string, closes: string): Round {
  return {
    id: halfYear,
    name: halfYear,
    halfYear,
    previousHalfYear: null,
    specVersion: 'gmsd-2017',
    deliveryOpensAt: amsterdamInstant(opens),
    deliveryClosesAt: amsterdamInstant(closes, '23:59:59'),
    pilotTargetAt: null,
    withdrawalOpensAt: amsterdamInstant(closes, '23:59:59'),
    withdrawalClosesAt: new Date(amsterdamInstant(closes).getTime() + 14 * 86400_000),
  };
}

test('a round takes its half year and, optionally, the one before', () => {
  assert.deepEqual(halfYearsOf({ halfYear: '2017H2', previousHalfYear: '2017H1' }), ['2017H2', '2017H1']);
  assert.deepEqual(halfYearsOf({ halfYear: '2018H1', previousHalfYear: null }), ['2018H1']);
});

test('picks the open round, else the next to open, else the last to close', () => {
  const a = makeRound('2017H2', '2018-02-12', '2018-03-09');
  const b = makeRound('2018H1', '2018-08-13', '2018-09-28');
  assert.equal(pickCurrentRound([a, b], amsterdamInstant('2018-02-20'))?.id, '2017H2');
  assert.equal(pickCurrentRound([a, b], amsterdamInstant('2018-05-01'))?.id, '2018H1');
  assert.equal(pickCurrentRound([a, b], amsterdamInstant('2026-01-01'))?.id, '2018H1');
  assert.equal(pickCurrentRound([], amsterdamInstant('2026-01-01')), undefined);
});
