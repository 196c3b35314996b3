import { test } from 'node:test';
import assert from 'node:assert/strict';
import { amsterdamInstant } from '../../platform/time/amsterdam-time.ts';
import { checkRound, halfYearsOf, isCbsFormDayOpen, pickCurrentRound, type Round } from './round-rules.ts';

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
    cbsForm: { opensOn: closes, closesOn: closes, url: null, email: null },
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

test('the CBS withdrawal form of a round: its days are inclusive, its link https and its address a mail address', () => {
  const round = makeRound('2017H2', '2018-02-12', '2018-03-09');
  const withForm = { ...round, cbsForm: { ...round.cbsForm, opensOn: '2018-03-01', closesOn: '2018-03-23' } };
  assert.equal(isCbsFormDayOpen(withForm, '2018-02-28'), false);
  assert.equal(isCbsFormDayOpen(withForm, '2018-03-01'), true);
  assert.equal(isCbsFormDayOpen(withForm, '2018-03-23'), true);
  assert.equal(isCbsFormDayOpen(withForm, '2018-03-24'), false);
  const check = (cbsForm: Parameters<typeof checkRound>[0]['cbsForm']) =>
    checkRound({ ...round, cbsForm }).map((p) => p.code);
  assert.deepEqual(
    check({ opensOn: '2018-03-01', closesOn: '2018-03-23', url: 'https://cbs.nl/f', email: 'a@cbs.nl' }),
    [],
  );
  assert.deepEqual(check({ opensOn: '2018-03-01' }), ['round.cbs_form_window_incomplete']);
  assert.deepEqual(check({ opensOn: '2018-03-23', closesOn: '2018-03-01' }), ['round.cbs_form_window_order']);
  assert.deepEqual(check({ opensOn: '1 maart', closesOn: '2018-03-01' }), ['round.cbs_form_bad_date']);
  assert.deepEqual(check({ url: 'http://cbs.nl/f', email: 'cbs.nl' }), [
    'round.cbs_form_bad_url',
    'round.cbs_form_bad_email',
  ]);
});
