// The round monitor keeps what it read from the database while the monitor's version (migration
// 0031-a) stays the same (issue 21). A stale monitor misleads the operator, so every change the monitor
// shows must be on the first view after the transaction that made it commits, whoever made it: the
// API, the check job, or a hand-written statement. Each step views the monitor first, so the data of
// the step before is the one kept; a change that did not change the version would show the old state.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { amsterdamInstant } from '../../src/platform/time/amsterdam-time.ts';
import { DEMO, deliveryToken, organisationByCode } from '../support/factories.ts';
import { generatedFile, uploadFiles, waitUntilChecked } from '../support/handover.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';

const clock = amsterdamInstant('2018-02-20', '10:00');
let t: TestApp;
let operator: WebClient;
before(async () => {
  t = await startTestApp({ now: () => clock, deliveries: true });
  operator = new WebClient(t.url);
  await operator.loginAs(demoSubjectOf(DEMO.ivo));
});
after(async () => {
  await t.close();
});

/** The state of one cell of the matrix's first page, as the operator sees it now. */
async function cell(code: string, halfYear: string, type: string): Promise<string> {
  const res = await operator.get('/monitor');
  assert.equal(res.status, 200);
  const html = await res.text();
  const columns = [...html.matchAll(/id="kol-(\d{4}H[12])-([a-z-]+)"/g)].map((m) => `${m[1]}|${m[2]}`);
  const column = columns.indexOf(`${halfYear}|${type}`);
  assert.ok(column >= 0, `column ${halfYear} ${type}`);
  const row = new RegExp(`id="g-${code}">[\\s\\S]*?</tr>`).exec(html)?.[0];
  assert.ok(row, `row of ${code}`);
  return [...row.matchAll(/data-state="(\w+)"/g)].map((m) => m[1]!)[column]!;
}

const version = async () =>
  (await sql<{ version: string }>`select version from monitor_version`.execute(t.database.db)).rows[0]!
    .version;

test('the monitor shows each change on the first view after its commit, though it keeps what it read', async () => {
  const db = t.database.db;
  assert.equal(await cell('0014', '2017H2', 'wmo'), 'not_delivered');
  const before = await version();
  assert.equal(await cell('0014', '2017H2', 'wmo'), 'not_delivered');
  assert.equal(await version(), before, 'viewing the monitor changes nothing it reads');

  // A new delivery through the API: received (or already checked) right after the answer.
  const token = await deliveryToken(db, clock, '0014');
  const id = await uploadFiles(t.url, token, [generatedFile('wmo', '0014', 14)]);
  assert.notEqual(await cell('0014', '2017H2', 'wmo'), 'not_delivered');
  // The check job's verdict, then the op-orde job's report, placed.
  await waitUntilChecked(db, [id]);
  assert.match(await cell('0014', '2017H2', 'wmo'), /^(approved|report_ready)$/);
  for (const deadline = Date.now() + 60_000; ; await new Promise((r) => setTimeout(r, 100))) {
    const report = await db
      .selectFrom('content_reports')
      .select('state')
      .where('delivery_id', '=', id)
      .executeTakeFirst();
    if (report?.state === 'placed') break;
    assert.ok(Date.now() < deadline, 'no op-orde report placed in time');
  }
  assert.equal(await cell('0014', '2017H2', 'wmo'), 'report_ready');

  // A verdict on the file by a hand-written statement (as CBS's verdict sets it), and back.
  await db
    .updateTable('delivery_report_files')
    .set({ status: 'rejected' })
    .where('delivery_id', '=', id)
    .execute();
  assert.equal(await cell('0014', '2017H2', 'wmo'), 'rejected');
  await db
    .updateTable('delivery_report_files')
    .set({ status: 'approved' })
    .where('delivery_id', '=', id)
    .execute();
  assert.equal(await cell('0014', '2017H2', 'wmo'), 'report_ready');

  // Fetched by the organisation.
  const groningen = await organisationByCode(db, '0014');
  const fetch = {
    delivery_id: id,
    kind: 'content_report_html',
    user_id: null,
    api_token_id: null,
    organisation_id: groningen.id,
    outcome: 'success',
    error: null,
  } as const;
  // Staff looking at it is no fetch; the organisation's first fetch is.
  await db
    .insertInto('downloads')
    .values({ ...fetch, organisation_id: null, downloaded_at: clock })
    .execute();
  assert.equal(await cell('0014', '2017H2', 'wmo'), 'report_ready');
  await db
    .insertInto('downloads')
    .values({ ...fetch, downloaded_at: clock })
    .execute();
  assert.equal(await cell('0014', '2017H2', 'wmo'), 'fetched');
  // A later fetch changes nothing the monitor shows, and leaves the version as it is.
  const fetched = await version();
  await db
    .insertInto('downloads')
    .values({ ...fetch, downloaded_at: new Date(+clock + 60_000) })
    .execute();
  assert.equal(await version(), fetched);

  // Withdrawn (the withdrawal's transaction sets the delivery's state).
  await db
    .updateTable('deliveries')
    .set({ state: 'withdrawn', withdrawn_at: clock })
    .where('id', '=', id)
    .execute();
  assert.equal(await cell('0014', '2017H2', 'wmo'), 'withdrawn');

  // A change rolled back is not shown, and a transaction's change only once it commits.
  await db
    .transaction()
    .execute(async (trx) => {
      await trx.updateTable('deliveries').set({ state: 'approved' }).where('id', '=', id).execute();
      throw new Error('rolled back');
    })
    .catch(() => undefined);
  assert.equal(await cell('0014', '2017H2', 'wmo'), 'withdrawn');
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('deliveries')
      .set({ state: 'approved', withdrawn_at: null })
      .where('id', '=', id)
      .execute();
    assert.equal(await cell('0014', '2017H2', 'wmo'), 'withdrawn', 'not committed yet');
  });
  assert.equal(await cell('0014', '2017H2', 'wmo'), 'fetched');

  // A regular-route mark of another participant.
  assert.equal(await cell('0010', '2017H2', 'wmo'), 'not_delivered');
  const round = await db
    .selectFrom('rounds')
    .select('id')
    .where('half_year', '=', '2017H2')
    .executeTakeFirstOrThrow();
  const delfzijl = await organisationByCode(db, '0010');
  await sql`insert into regular_route_deliveries (round_id, organisation_id, delivered_on, marked_at)
             values (${round.id}, ${delfzijl.id}, '2018-02-19', ${clock})`.execute(db);
  assert.equal(await cell('0010', '2017H2', 'wmo'), 'regular_route');
});

// Since migration 0032-b a commit adds one to any counter of the version no other commit holds, so
// commits do not queue on one row; when every counter is held, it adds a counter. Held here by a
// transaction that locks them all, as commits in progress would.
test('a commit changes the version also when every counter of it is held by another transaction', async () => {
  const db = t.database.db;
  const before = await version();
  const counters = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from monitor_version_counters`.execute(db)).rows[0]!
      .n;
  const countersBefore = await counters();
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let holding!: () => void;
  const held = new Promise<void>((resolve) => (holding = resolve));
  const holder = db.transaction().execute(async (trx) => {
    await sql`select id from monitor_version_counters for update`.execute(trx);
    holding();
    await released;
  });
  await held;
  try {
    const groningen = await organisationByCode(db, '0014');
    await sql`update organisations set name = name || ' ' where id = ${groningen.id}`.execute(db);
    const during = await version();
    assert.notEqual(during, before, 'the commit changed the version without waiting for the held counters');
    assert.equal(await counters(), countersBefore + 1);
    await sql`update organisations set name = rtrim(name) where id = ${groningen.id}`.execute(db);
    assert.notEqual(await version(), during);
  } finally {
    release();
    await holder;
  }
});
