import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addParticipant,
  createRound,
  findCurrentRound,
  isDeliveryOpen,
  isWithdrawalOpen,
  listParticipants,
  phaseOf,
} from '../../src/modules/periods/index.ts';
import { amsterdamInstant } from '../../src/platform/time/amsterdam-time.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { classification, collaboration, gemeente, round, roundInput } from '../support/factories.ts';

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(async () => {
  await t.drop();
});

test('a round with the 2018 pilot dates is stored as given', async () => {
  const r = await round(t.db);
  assert.equal(r.halfYear, '2017H2');
  assert.equal(r.previousHalfYear, '2017H1');
  assert.equal(r.deliveryOpensAt.toISOString(), '2018-02-11T23:00:00.000Z');
  assert.equal(r.deliveryClosesAt.toISOString(), '2018-03-09T22:59:59.000Z');
  assert.equal(r.pilotTargetAt?.toISOString(), '2018-02-23T22:59:59.000Z');
  await assert.rejects(round(t.db), { code: 'round.duplicate' });
});

test('the delivery window is open from its first to its last second, Amsterdam time', async () => {
  const r = roundInput();
  assert.equal(isDeliveryOpen(r, amsterdamInstant('2018-02-11', '23:59:59')), false);
  assert.equal(isDeliveryOpen(r, amsterdamInstant('2018-02-12', '00:00:00')), true);
  assert.equal(isDeliveryOpen(r, amsterdamInstant('2018-03-09', '23:59:59')), true);
  assert.equal(isDeliveryOpen(r, amsterdamInstant('2018-03-10', '00:00:00')), false);
  assert.equal(phaseOf(r, amsterdamInstant('2018-03-10')), 'between');
  assert.equal(isWithdrawalOpen(r, amsterdamInstant('2018-03-12', '08:00')), true);
  assert.equal(isWithdrawalOpen(r, amsterdamInstant('2018-03-24')), false);
  assert.equal(phaseOf(r, amsterdamInstant('2026-11-30')), 'closed');
});

test('refuses rounds whose windows or half years are not in order, listing every problem', async () => {
  const cases: Array<[Parameters<typeof roundInput>[0], string]> = [
    [{ halfYear: '2016H2', deliveryClosesAt: amsterdamInstant('2018-02-01') }, 'round.window_order'],
    [{ halfYear: '2016H1', previousHalfYear: '2015H1' }, 'round.bad_previous_half_year'],
    [
      { halfYear: '2015H2', withdrawalOpensAt: amsterdamInstant('2018-03-01') },
      'round.withdrawal_before_close',
    ],
    [{ halfYear: '2015H1', pilotTargetAt: amsterdamInstant('2018-03-20') }, 'round.pilot_target_outside'],
    [{ halfYear: '2017h2' }, 'round.bad_half_year'],
    [{ halfYear: '2014H2', specVersion: ' ' }, 'round.spec_required'],
    [
      { halfYear: '2014H1', withdrawalClosesAt: amsterdamInstant('2018-03-12') },
      'round.withdrawal_window_order',
    ],
  ];
  for (const [overrides, code] of cases) {
    const isolated = { previousHalfYear: null, pilotTargetAt: null, ...overrides };
    await assert.rejects(createRound(t.db, roundInput(isolated)), { code }, code);
  }
  await assert.rejects(
    createRound(t.db, roundInput({ halfYear: '2013H2', previousHalfYear: '2012H1', specVersion: '' })),
    (error: { details?: { problems?: unknown[] } }) => error.details?.problems?.length === 2,
  );
  const stored = await t.db.selectFrom('rounds').select('half_year').execute();
  assert.deepEqual(
    stored.map((r) => r.half_year),
    ['2017H2'],
  );
});

test('the database refuses a window that closes before it opens, whatever the code does', async () => {
  await assert.rejects(
    t.db
      .insertInto('rounds')
      .values({
        name: 'x',
        half_year: '2010H1',
        previous_half_year: null,
        delivery_opens_at: new Date('2018-03-01'),
        delivery_closes_at: new Date('2018-02-01'),
        pilot_target_at: null,
        withdrawal_opens_at: new Date('2018-04-01'),
        withdrawal_closes_at: new Date('2018-04-10'),
        spec_version: 'gmsd-2017',
      })
      .execute(),
    /delivery_window_order/,
  );
});

test('participants: gemeenten of the classification on the opening day, collaborations, pilot flags', async () => {
  const r = await round(t.db, { halfYear: '2018H1', previousHalfYear: null });
  const amsterdam = await gemeente(t.db, '0363');
  const bellingwedde = await gemeente(t.db, '0007', '2017-06-01'); // merged into Westerwolde on 1 Jan 2018
  const maastricht = await gemeente(t.db, '0935');
  const zl = await collaboration(t.db, 'Zuid-Limburg (ronde-test)', maastricht.id);

  await addParticipant(t.db, classification, { roundId: r.id, organisationId: amsterdam.id, isPilot: true });
  await addParticipant(t.db, classification, { roundId: r.id, organisationId: zl.id, isPilot: false });
  await assert.rejects(
    addParticipant(t.db, classification, { roundId: r.id, organisationId: bellingwedde.id, isPilot: false }),
    {
      code: 'round.gemeente_not_in_classification',
    },
  );
  // Enrolling again updates the pilot flag instead of failing or duplicating.
  await addParticipant(t.db, classification, { roundId: r.id, organisationId: zl.id, isPilot: true });

  const participants = await listParticipants(t.db, r.id);
  assert.deepEqual(
    participants.map((p) => [p.name, p.is_pilot]),
    [
      ['Amsterdam', true],
      ['Zuid-Limburg (ronde-test)', true],
    ],
  );
});

test('the current round is the open one, else the next, else the last closed', async () => {
  const db = t.db;
  // Rounds of this file: 2017H2 (Feb–Mar 2018) and 2018H1 (same dates); add a later one.
  const later = await round(db, {
    halfYear: '2018H2',
    previousHalfYear: '2018H1',
    deliveryOpensAt: amsterdamInstant('2019-02-11'),
    deliveryClosesAt: amsterdamInstant('2019-03-08', '23:59:59'),
    pilotTargetAt: null,
    withdrawalOpensAt: amsterdamInstant('2019-03-11'),
    withdrawalClosesAt: amsterdamInstant('2019-03-22', '23:59:59'),
  });
  assert.equal((await findCurrentRound(db, amsterdamInstant('2019-02-20')))?.id, later.id);
  assert.equal((await findCurrentRound(db, amsterdamInstant('2018-12-01')))?.id, later.id);
  assert.equal((await findCurrentRound(db, amsterdamInstant('2026-11-30')))?.id, later.id);
  assert.equal((await findCurrentRound(db, amsterdamInstant('2018-02-20')))?.halfYear, '2017H2');
});
