import { test } from 'node:test';
import assert from 'node:assert/strict';
import { amsterdamInstant } from '../../platform/time/amsterdam-time.ts';
import {
  computeServiceLevels,
  deriveCellState,
  endOfWorkingDayAfter,
  fileTypesFromNames,
  handoverStateOf,
  isClosingReminderDue,
  isDeliveredForReminder,
  withRegularRoute,
  isFetchReminderDue,
  type CellDelivery,
  type DeliveryTiming,
  type HandoverTiming,
} from './monitoring-rules.ts';
import { findSpec } from '../specs/index.ts';
import { REDACTED, redactLinkSecrets } from './link-secrets.ts';

let n = 0;
function delivery(overrides: Partial<CellDelivery> & Pick<CellDelivery, 'receivedAt'>): CellDelivery {
  n += 1;
  return {
    deliveryId: `d${n}`,
    receiptNumber: `GGK-2018-${String(n).padStart(6, '0')}`,
    deliveryState: 'approved',
    fileStatus: 'approved',
    ...overrides,
  };
}
const day = (d: string, t = '10:00') => amsterdamInstant(d, t);

const spec = findSpec('gmsd-2017');

test('a cell without deliveries is not delivered', () => {
  assert.equal(deriveCellState([]).state, 'not_delivered');
});

test('a delivery being checked shows as received, also when an approved file is in force', () => {
  const approved = delivery({ receivedAt: day('2018-02-13') });
  const pending = delivery({ receivedAt: day('2018-02-14'), deliveryState: 'checking', fileStatus: null });
  const outcome = deriveCellState([approved, pending]);
  assert.equal(outcome.state, 'received');
  assert.equal(outcome.inForce, approved);
  assert.equal(deriveCellState([{ ...pending, deliveryState: 'received' }]).state, 'received');
});

test('a rejected redelivery never replaces the approved file in force', () => {
  const approved = delivery({ receivedAt: day('2018-02-13') });
  const rejected = delivery({
    receivedAt: day('2018-02-15'),
    deliveryState: 'rejected',
    fileStatus: 'rejected',
  });
  const outcome = deriveCellState([rejected, approved]);
  assert.equal(outcome.state, 'approved');
  assert.equal(outcome.inForce?.deliveryId, approved.deliveryId);
  assert.equal(outcome.latest?.deliveryId, rejected.deliveryId);
});

test('only rejected files: rejected; a file rejected inside an otherwise mixed upload counts as rejected', () => {
  assert.equal(
    deriveCellState([
      delivery({ receivedAt: day('2018-02-13'), deliveryState: 'rejected', fileStatus: 'rejected' }),
    ]).state,
    'rejected',
  );
  // An upload is approved as a whole only when every file is; this file's own verdict decides the cell.
  assert.equal(
    deriveCellState([
      delivery({ receivedAt: day('2018-02-13'), deliveryState: 'rejected', fileStatus: 'approved' }),
    ]).state,
    'rejected',
  );
});

test('the op-orde report of the file in force decides between approved, report ready and fetched', () => {
  const placed = day('2018-02-14');
  assert.equal(deriveCellState([delivery({ receivedAt: day('2018-02-13') })]).state, 'approved');
  assert.equal(
    deriveCellState([
      delivery({ receivedAt: day('2018-02-13'), reportPlacedAt: null, reportFetchedAt: null }),
    ]).state,
    'approved',
  );
  assert.equal(
    deriveCellState([
      delivery({ receivedAt: day('2018-02-13'), reportPlacedAt: placed, reportFetchedAt: null }),
    ]).state,
    'report_ready',
  );
  assert.equal(
    deriveCellState([
      delivery({ receivedAt: day('2018-02-13'), reportPlacedAt: placed, reportFetchedAt: day('2018-02-15') }),
    ]).state,
    'fetched',
  );
  // The report of an older file does not count once a newer approved file is in force.
  assert.equal(
    deriveCellState([
      delivery({ receivedAt: day('2018-02-13'), reportPlacedAt: placed, reportFetchedAt: day('2018-02-15') }),
      delivery({ receivedAt: day('2018-02-20'), reportPlacedAt: null, reportFetchedAt: null }),
    ]).state,
    'approved',
  );
});

test('a withdrawn delivery makes the cell withdrawn', () => {
  const outcome = deriveCellState([
    delivery({ receivedAt: day('2018-02-13'), deliveryState: 'withdrawn', fileStatus: null }),
  ]);
  assert.equal(outcome.state, 'withdrawn');
  assert.equal(outcome.inForce, undefined);
});

test('the file names are read with the naming pattern of the spec, not a copy of it', () => {
  const base = spec!;
  const other = {
    ...base,
    format: {
      ...base.format,
      fileName: { ...base.format.fileName, pattern: '^(WMO|KWMO|SBW|JEUGD)-(\\d{4})-(\\d{4})-([12])\\.csv$' },
    },
    fileTypes: base.fileTypes.map((t) => (t.type === 'wmo-kosten' ? { ...t, nameToken: 'KWMO' } : t)),
  };
  assert.deepEqual(fileTypesFromNames(['KWMO-0363-2017-2.csv'], other), ['wmo-kosten']);
  assert.deepEqual(fileTypesFromNames(['WMOKOSTEN_0363_2017H2.csv'], other), [
    'wmo',
    'wmo-kosten',
    'sbw',
    'jeugd',
  ]);
  assert.deepEqual(fileTypesFromNames(['WMO_0363_2017H2.csv'], undefined), [
    'wmo',
    'wmo-kosten',
    'sbw',
    'jeugd',
  ]);
});

test('file types of an unjudged delivery come from the file names; a ZIP or no file may hold any type', () => {
  assert.deepEqual(fileTypesFromNames(['WMO_0363_2017H2.csv', 'jeugd_0363_2017H2.csv'], spec), [
    'wmo',
    'jeugd',
  ]);
  assert.deepEqual(fileTypesFromNames(['WMOKOSTEN_0363_2017H2.csv'], spec), ['wmo-kosten']);
  assert.deepEqual(fileTypesFromNames(['MSD.zip'], spec), ['wmo', 'wmo-kosten', 'sbw', 'jeugd']);
  assert.deepEqual(fileTypesFromNames([], spec), ['wmo', 'wmo-kosten', 'sbw', 'jeugd']);
});

// Easter 2018: Goede Vrijdag 30 March, Eerste Paasdag 1 April, Tweede Paasdag 2 April; right after
// the withdrawal window (12–23 March), while op-orde reports of late redeliveries are still placed.
test('the fetch deadline of a report skips Goede Vrijdag, the weekend and Tweede Paasdag', () => {
  const placed = day('2018-03-29', '16:00');
  assert.deepEqual(endOfWorkingDayAfter(placed, 1), amsterdamInstant('2018-04-03', '23:59:59'));
  assert.equal(isFetchReminderDue(placed, null, day('2018-04-03', '23:00')), false);
  assert.equal(isFetchReminderDue(placed, null, day('2018-04-04', '08:00')), true);
  assert.equal(isFetchReminderDue(placed, day('2018-04-03'), day('2018-04-09')), false);
  // Koningsdag (Friday 27 April 2018) too.
  assert.deepEqual(endOfWorkingDayAfter(day('2018-04-26'), 1), amsterdamInstant('2018-04-30', '23:59:59'));
});

function timing(overrides: Partial<DeliveryTiming>): DeliveryTiming {
  n += 1;
  return {
    deliveryId: `t${n}`,
    receiptNumber: `GGK-2018-${n}`,
    organisationName: 'Amsterdam',
    gemeenteName: 'Amsterdam',
    fileType: 'wmo',
    isPilot: true,
    state: 'approved',
    receivedAt: day('2018-03-28'),
    checkedAt: day('2018-03-28', '10:01'),
    technicalNoticeDueAt: endOfWorkingDayAfter(day('2018-03-28'), 3),
    contentReportDueAt: endOfWorkingDayAfter(day('2018-03-28', '10:01'), 2),
    ...overrides,
  };
}

const round = {
  deliveryOpensAt: day('2018-02-12', '00:00'),
  deliveryClosesAt: amsterdamInstant('2018-03-09', '23:59:59'),
};

test('service levels over Easter 2018: due times count working days only', () => {
  // Received Wednesday 28 March: 3 working days → Thursday 29, Tuesday 3 April, Wednesday 4 April.
  const unchecked = timing({ state: 'received', checkedAt: null, contentReportDueAt: null });
  assert.deepEqual(unchecked.technicalNoticeDueAt, amsterdamInstant('2018-04-04', '23:59:59'));
  const onTime = computeServiceLevels({
    now: day('2018-04-04', '22:00'),
    round,
    deliveries: [unchecked],
    participants: [],
    closingWorkingDays: 5,
  });
  assert.deepEqual(onTime, []);
  const late = computeServiceLevels({
    now: day('2018-04-05', '08:00'),
    round,
    deliveries: [unchecked],
    participants: [],
    closingWorkingDays: 5,
  });
  assert.deepEqual(
    late.map((i) => i.kind),
    ['technical_notice_late'],
  );

  // Approved Wednesday 28 March: the op-orde report is due at the end of Tuesday 3 April.
  const approved = timing({ reportPlacedAt: null, reportFetchedAt: null });
  assert.deepEqual(approved.contentReportDueAt, amsterdamInstant('2018-04-03', '23:59:59'));
  const beforeDue = computeServiceLevels({
    now: day('2018-04-02', '12:00'),
    round,
    deliveries: [approved],
    participants: [],
    closingWorkingDays: 5,
  });
  assert.deepEqual(beforeDue, []);
  const afterDue = computeServiceLevels({
    now: day('2018-04-04', '09:00'),
    round,
    deliveries: [approved],
    participants: [],
    closingWorkingDays: 5,
  });
  assert.deepEqual(
    afterDue.map((i) => [i.kind, 'doneAt' in i ? i.doneAt : 'x']),
    [['content_report_late', null]],
  );
  // Not tracked (no op-orde report module data): not judged at all.
  const untracked = timing({});
  assert.deepEqual(
    computeServiceLevels({
      now: day('2018-04-20'),
      round,
      deliveries: [untracked],
      participants: [],
      closingWorkingDays: 5,
    }),
    [],
  );
});

test('a pilot participant that fetched after its 1 working day is late; a non-pilot is not judged', () => {
  const placed = day('2018-03-29', '09:00');
  const fetchedLate = timing({ reportPlacedAt: placed, reportFetchedAt: day('2018-04-04', '09:00') });
  const fetchedInTime = timing({ reportPlacedAt: placed, reportFetchedAt: day('2018-04-03', '17:00') });
  const notPilot = timing({ isPilot: false, reportPlacedAt: placed, reportFetchedAt: null });
  const issues = computeServiceLevels({
    now: day('2018-04-10'),
    round,
    deliveries: [fetchedLate, fetchedInTime, notPilot],
    participants: [],
    closingWorkingDays: 5,
  });
  assert.deepEqual(
    issues.map((i) => ('delivery' in i ? [i.kind, i.delivery.deliveryId] : i.kind)),
    [['report_not_fetched', fetchedLate.deliveryId]],
  );
});

test('organisations without any delivery are listed once the close is 5 working days away or nearer', () => {
  const participants = [
    { organisationId: 'a', name: 'Appingedam', isPilot: false, deliveries: 0 },
    { organisationId: 'b', name: 'Bedum', isPilot: false, deliveries: 2 },
  ];
  const at = (d: string) =>
    computeServiceLevels({ now: day(d), round, deliveries: [], participants, closingWorkingDays: 5 });
  // Close: Friday 9 March. Friday 2 March is 5 working days before; Thursday 1 March is 6.
  assert.deepEqual(at('2018-03-01'), []);
  assert.deepEqual(
    at('2018-03-02').map((i) => (i.kind === 'no_delivery' ? [i.participant.name, i.workingDaysLeft] : [])),
    [['Appingedam', 5]],
  );
  assert.equal(isClosingReminderDue(round, day('2018-03-01'), 5), false);
  assert.equal(isClosingReminderDue(round, day('2018-03-02'), 5), true);
  assert.equal(isClosingReminderDue(round, day('2018-03-10'), 5), false);
  assert.equal(isClosingReminderDue(round, day('2018-02-11'), 50), false);
});

test('link secrets are removed from mail text; delivery ids and plain paths stay', () => {
  const text = [
    'Neem de uitnodiging aan: http://127.0.0.1:3800/uitnodiging/Xy3_kq9Lw0-aZbQ1rT7uV2mN8pC4dE6fG5hJ0kL1mN2',
    'Bevestig: https://ggk.example.nl/bevestigen?token=abc&x=1.',
    'Rapport: https://ggk.example.nl/aanleveringen/0b6a4f8e-3c1d-4e2f-9a7b-1c2d3e4f5a6b',
  ].join('\n');
  const redacted = redactLinkSecrets(text);
  assert.doesNotMatch(redacted, /Xy3_kq9Lw0|token=abc/);
  assert.match(redacted, new RegExp(`/uitnodiging/\\${REDACTED.slice(0, -1)}\\]`));
  assert.match(redacted, /bevestigen\?\[verwijderd\]/);
  assert.match(redacted, /aanleveringen\/0b6a4f8e-3c1d-4e2f-9a7b-1c2d3e4f5a6b/);
});

test('hand-over to CBS: a receipt is due 1 working day after approval, an erasure 5 after the withdrawal (Easter 2018)', () => {
  const levels = { receiptWorkingDays: 1, erasureWorkingDays: 5 };
  const offered: HandoverTiming = {
    delivery: timing({}),
    // Approved Thursday 29 March: Good Friday and Easter Monday are no working days.
    offeredAt: day('2018-03-29', '10:01'),
    receivedByCbsAt: null,
    withdrawnAt: null,
    erasureConfirmedAt: null,
  };
  const levelsAt = (now: Date, h: HandoverTiming) =>
    computeServiceLevels({
      now,
      round,
      deliveries: [],
      participants: [],
      closingWorkingDays: 5,
      handover: { timings: [h], levels },
    }).map((i) => [i.kind, i.kind === 'no_delivery' ? null : i.doneAt]);
  const due = amsterdamInstant('2018-04-03', '23:59:59');
  assert.deepEqual(handoverStateOf(offered, levels, day('2018-04-03', '23:00')), {
    step: 'receipt',
    done: false,
    dueAt: due,
    late: false,
  });
  assert.deepEqual(levelsAt(day('2018-04-03', '23:00'), offered), []);
  assert.deepEqual(levelsAt(day('2018-04-04', '00:01'), offered), [['cbs_receipt_late', null]]);
  assert.equal(handoverStateOf(offered, levels, day('2018-04-04', '00:01')).late, true);
  // Acknowledged late: history in the service levels, no open flag any more.
  const received = { ...offered, receivedByCbsAt: day('2018-04-04', '09:00') };
  assert.deepEqual(levelsAt(day('2018-04-05'), received), [['cbs_receipt_late', day('2018-04-04', '09:00')]]);
  assert.deepEqual(handoverStateOf(received, levels, day('2018-04-05')), {
    step: 'receipt',
    done: true,
    dueAt: due,
    doneAt: day('2018-04-04', '09:00'),
    late: false,
  });
  // Withdrawn before CBS acknowledged it: no receipt is expected, the erasure is (5 working days).
  const withdrawn = { ...offered, withdrawnAt: day('2018-03-30', '12:00') };
  assert.deepEqual(levelsAt(day('2018-04-09', '23:00'), withdrawn), []);
  assert.deepEqual(levelsAt(day('2018-04-10', '00:01'), withdrawn), [['cbs_erasure_late', null]]);
  const confirmed = { ...withdrawn, erasureConfirmedAt: day('2018-04-09', '15:00') };
  assert.deepEqual(levelsAt(day('2018-04-12'), confirmed), []);
  assert.equal(handoverStateOf(confirmed, levels, day('2018-04-12')).done, true);
});

test('the regular route counts a cell as delivered unless ggk holds a file that counts', () => {
  const approved = deriveCellState([delivery({ receivedAt: day('2018-02-13') })]);
  assert.equal(withRegularRoute(approved).state, 'approved');
  const checking = deriveCellState([
    delivery({ receivedAt: day('2018-02-13'), deliveryState: 'checking', fileStatus: null }),
  ]);
  assert.equal(withRegularRoute(checking).state, 'received');
  for (const outcome of [
    deriveCellState([]),
    deriveCellState([
      delivery({ receivedAt: day('2018-02-13'), deliveryState: 'rejected', fileStatus: 'rejected' }),
    ]),
    deriveCellState([delivery({ receivedAt: day('2018-02-13'), deliveryState: 'withdrawn' })]),
  ]) {
    assert.equal(withRegularRoute(outcome).state, 'regular_route');
  }
  assert.ok(isDeliveredForReminder('regular_route'));
  // A participant marked as delivered via the regular route is not flagged for having no delivery.
  const levels = computeServiceLevels({
    now: day('2018-03-05'),
    round,
    deliveries: [],
    participants: [
      { organisationId: 'a', name: 'A', isPilot: true, deliveries: 0, regularRoute: true },
      { organisationId: 'b', name: 'B', isPilot: true, deliveries: 0 },
    ],
    closingWorkingDays: 5,
  });
  assert.deepEqual(
    levels.map((i) => (i.kind === 'no_delivery' ? i.participant.organisationId : i.kind)),
    ['b'],
  );
});

test('endOfWorkingDayAfter asked again answers the same, per Amsterdam day, in a Date of its own', () => {
  const first = endOfWorkingDayAfter(amsterdamInstant('2018-04-25', '08:00'), 1);
  first.setTime(0);
  // Later the same Amsterdam day (and just after its start): the kept answer, untouched by the caller.
  assert.deepEqual(
    endOfWorkingDayAfter(amsterdamInstant('2018-04-25', '23:30'), 1),
    amsterdamInstant('2018-04-26', '23:59:59'),
  );
  assert.deepEqual(
    endOfWorkingDayAfter(amsterdamInstant('2018-04-25', '00:00'), 1),
    amsterdamInstant('2018-04-26', '23:59:59'),
  );
  // The next Amsterdam day (22:30 UTC in summer time) is another answer: Koningsdag is no working day.
  assert.deepEqual(
    endOfWorkingDayAfter(new Date('2018-04-25T22:30:00Z'), 1),
    amsterdamInstant('2018-04-30', '23:59:59'),
  );
});
