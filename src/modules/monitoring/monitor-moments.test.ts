// The monitor's moments (momentsOf): what the monitor derives from `now` (service levels, hand-over
// lateness, pilot target standing, the round's phase) is the same for any two instants in the same
// stretch between moments on the same Amsterdam date, so the page may keep what it made for one of
// them (issue 21). Each kind of open step is here, due at odd times of day as well as day ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { amsterdamDate, amsterdamInstant } from '../../platform/time/amsterdam-time.ts';
import { phaseOf, type RoundWindows } from '../periods/index.ts';
import { momentsOf, stretchOf } from './monitor-service.ts';
import {
  computeServiceLevels,
  handoverStateOf,
  pilotTargetStatusOf,
  type DeliveryTiming,
  type HandoverLevels,
  type HandoverTiming,
  type ParticipantActivity,
} from './monitoring-rules.ts';

const at = (date: string, time: string) => amsterdamInstant(date, time);

const round: RoundWindows = {
  deliveryOpensAt: at('2018-02-12', '09:00'),
  deliveryClosesAt: at('2018-03-09', '17:00'),
  pilotTargetAt: at('2018-02-23', '12:30'),
  withdrawalOpensAt: at('2018-03-12', '08:00'),
  withdrawalClosesAt: at('2018-03-16', '17:00'),
};
const levels: HandoverLevels = { receiptWorkingDays: 1, erasureWorkingDays: 2 };

const timing = (id: string, fields: Partial<DeliveryTiming>): DeliveryTiming => ({
  deliveryId: id,
  receiptNumber: `R-${id}`,
  organisationName: 'Gemeente',
  gemeenteName: 'Gemeente',
  fileType: null,
  isPilot: true,
  state: 'approved',
  receivedAt: at('2018-02-20', '08:00'),
  checkedAt: at('2018-02-20', '08:05'),
  technicalNoticeDueAt: at('2018-02-21', '23:59:59'),
  contentReportDueAt: at('2018-02-27', '23:59:59'),
  reportPlacedAt: at('2018-02-20', '09:00'),
  reportFetchedAt: at('2018-02-20', '10:00'),
  ...fields,
});

const timings: DeliveryTiming[] = [
  // Not checked yet, its notice due mid-afternoon.
  timing('a', { state: 'received', checkedAt: null, technicalNoticeDueAt: at('2018-02-21', '15:17') }),
  // Approved, its op-orde report not placed, due mid-morning.
  timing('b', { reportPlacedAt: null, reportFetchedAt: null, contentReportDueAt: at('2018-02-26', '11:00') }),
  // Its report placed and not fetched by the pilot participant.
  timing('c', { reportFetchedAt: null, reportPlacedAt: at('2018-02-22', '16:00') }),
  // All done: no moment of its own.
  timing('d', {}),
];
const handovers: HandoverTiming[] = [
  // Offered, not acknowledged by CBS.
  {
    delivery: timings[1]!,
    offeredAt: at('2018-02-20', '08:05'),
    receivedByCbsAt: null,
    withdrawnAt: null,
    erasureConfirmedAt: null,
  },
  // Acknowledged, then withdrawn: the erasure not confirmed.
  {
    delivery: timings[3]!,
    offeredAt: at('2018-02-20', '08:05'),
    receivedByCbsAt: at('2018-02-20', '12:00'),
    withdrawnAt: at('2018-02-28', '10:00'),
    erasureConfirmedAt: null,
  },
];
const participants: ParticipantActivity[] = [
  { organisationId: 'p1', name: 'Zonder', isPilot: true, deliveries: 0, firstDeliveryAt: null },
  {
    organisationId: 'p2',
    name: 'Met',
    isPilot: true,
    deliveries: 2,
    firstDeliveryAt: at('2018-02-20', '08:00'),
  },
];

/** Everything the monitor derives from `now`, as JSON. */
function derivedAt(now: Date): string {
  return JSON.stringify({
    levels: computeServiceLevels({
      now,
      round,
      deliveries: timings,
      participants,
      closingWorkingDays: 5,
      handover: { timings: handovers, levels },
    }),
    handover: handovers.map((h) => handoverStateOf(h, levels, now)),
    pilot: participants.map((p) =>
      pilotTargetStatusOf(round.pilotTargetAt!, p.firstDeliveryAt ?? null, false, now),
    ),
    phase: phaseOf(round, now),
  });
}

test('between two moments, on one Amsterdam date, everything the monitor derives from the moment is the same', () => {
  const moments = momentsOf(round, timings, handovers, levels);
  const instants: number[] = [];
  for (const m of moments) instants.push(m - 2, m - 1, m, m + 1, m + 2);
  // Every quarter of an hour, and the last milliseconds of each day (most steps are due at 23:59:59).
  for (let t = +at('2018-02-05', '00:00'); t < +at('2018-03-25', '00:00'); t += 15 * 60_000) instants.push(t);
  for (let day = 5; day < 50; day++) {
    const end = +at(new Date(Date.UTC(2018, 1, day)).toISOString().slice(0, 10), '23:59:59');
    instants.push(end - 1, end, end + 1, end + 2, end + 999);
  }
  const first = new Map<string, { at: number; derived: string }>();
  const changes = new Set<string>();
  let previous: string | undefined;
  for (const t of instants.sort((a, b) => a - b)) {
    const now = new Date(t);
    const key = `${stretchOf(moments, now)}|${amsterdamDate(now)}`;
    const derived = derivedAt(now);
    if (previous !== undefined && derived !== previous) changes.add(key);
    previous = derived;
    const seen = first.get(key);
    if (!seen) first.set(key, { at: t, derived });
    else assert.equal(derived, seen.derived, `${now.toISOString()} and ${new Date(seen.at).toISOString()}`);
  }
  // The data is not trivial: the derived monitor changes many times in the weeks sampled.
  assert.ok(changes.size > 20, `${changes.size} changes`);
});

test('a done step has no moment: only open ones and the round’s dates are moments', () => {
  const done = momentsOf(round, [timings[3]!], [], levels);
  const ofRound = momentsOf(round, [], [], levels);
  assert.deepEqual(done, ofRound);
  assert.equal(ofRound.length, 10);
  assert.ok(momentsOf(round, timings, handovers, levels).length > ofRound.length);
});
