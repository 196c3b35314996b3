// The round monitor and the hand-over to CBS, on the real parts (uploads through the API, the check
// job, the feed trigger, the CBS API) with the fake clock: a delivery CBS has not acknowledged within
// GGK_CBS_RECEIPT_WORKING_DAYS is flagged (page, matrix, CSV column) until CBS acknowledges it; a
// withdrawal whose erasure CBS has not confirmed within GGK_CBS_ERASURE_WORKING_DAYS likewise. And
// "geleverd via de reguliere route": marked in the portal by CBS, counted as delivered on the
// monitor, no closing reminder, audited with its note BSN-masked, and undone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { createApiToken, createCbsToken } from '../../src/modules/auth/index.ts';
import { contentReportPlacements, sendReminders } from '../../src/modules/monitoring/index.ts';
import { withdrawInPortal } from '../../src/modules/withdrawals/index.ts';
import { unfinishedUploadsOf } from '../../src/http/deliveries/resumable-upload.ts';
import { openDeliveryStore } from '../../src/main/deliveries.ts';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { amsterdamInstant } from '../../src/platform/time/amsterdam-time.ts';
import { testLogger } from '../support/log-sink.ts';
import { WebClient } from '../support/web-client.ts';
import { wholeMonitor } from '../support/monitor-pages.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { generatedFile, getFeed, uploadFiles, waitUntilChecked } from '../support/handover.ts';
import { DEMO, organisationByCode, organisationByName, userByEmail } from '../support/factories.ts';

let clock = amsterdamInstant('2018-02-20', '10:00');
let operator: WebClient;
let cbsUser: WebClient;
let t: TestApp;
let cbsToken: string;
let amsterdamId: string;
let deliveryId: string;
const bytesOf = new Map<string, Uint8Array>();
const METRICS_TOKEN = 'monitor-handover-scrape-token-0123456789';

/** The hand-over backlog gauge of /metrics, by measure. */
async function backlog(): Promise<Record<string, number>> {
  const text = await (
    await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
  ).text();
  return Object.fromEntries(
    [...text.matchAll(/^ggk_handover_backlog\{measure="(\w+)"\} (\S+)$/gm)].map((m) => [m[1]!, Number(m[2])]),
  );
}

before(async () => {
  t = await startTestApp({ now: () => clock, deliveries: true, env: { GGK_METRICS_TOKEN: METRICS_TOKEN } });
  amsterdamId = (await organisationByCode(t.database.db, '0363')).id;
  cbsToken = (await createCbsToken(t.database.db, { name: 'cbs', days: 90, createdBy: null, now: clock }))
    .token;
});

/** A fresh session at the clock's time (a session ends when the fake clock moves on a few days). */
async function loggedIn(email: string): Promise<WebClient> {
  const client = new WebClient(t.url);
  await client.loginAs(demoSubjectOf(email));
  return client;
}
after(async () => {
  await t.close();
});

function cbsFetch(path: string, init: RequestInit = {}) {
  return fetch(`${t.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${cbsToken}`, ...(init.headers as Record<string, string>) },
  });
}

/** The number in the heading of a service-level section ("…: 1"). */
function levelCount(html: string, prefix: string): number {
  const m = new RegExp(`<h3 class="utrecht-heading-3">${prefix}[^<]*: (\\d+)</h3>`).exec(html);
  assert.ok(
    m,
    `no service level heading starting with "${prefix}": ${/data-testid="service-levels"[\s\S]{0,3000}/.exec(html)?.[0]}`,
  );
  return Number(m[1]);
}

/** The matrix row of a gemeente. */
function rowOf(html: string, code: string): string {
  return new RegExp(`id="g-${code}">[\\s\\S]*?</tr>`).exec(html)![0];
}

async function csvLine(client: WebClient, prefix: string, fields: string): Promise<string[]> {
  const text = (await (await client.get('/monitor.csv')).text()).replace(/^\uFEFF/, '');
  const lines = text.trim().split('\r\n');
  const header = lines[0]!.split(';');
  // Up to the CBS columns (the pilot target date and successor follow them).
  const end = header.indexOf('servicenorm CBS overschreden') + 1;
  assert.deepEqual(header.slice(end - 2, end), ['overdracht aan CBS', 'servicenorm CBS overschreden']);
  const line = lines.find((l) => l.startsWith(prefix) && l.includes(fields));
  assert.ok(line, `no CSV line ${prefix}…${fields}`);
  return line.split(';').slice(0, end);
}

test('a delivery CBS has not acknowledged within 1 working day is flagged until CBS acknowledges it', async () => {
  const token = (
    await createApiToken(t.database.db, {
      organisationId: amsterdamId,
      name: 'pakket',
      roles: ['aanleveraar', 'rapportontvanger'],
      days: 60,
      createdBy: null,
      now: clock,
    })
  ).token;
  const file = generatedFile('wmo', '0363', 16);
  bytesOf.set(createHash('sha256').update(file.bytes).digest('hex'), file.bytes);
  deliveryId = await uploadFiles(t.url, token, [file]);
  await waitUntilChecked(t.database.db, [deliveryId]);
  const feed = await getFeed(t.url, cbsToken);
  const item = feed.items.find((i) => i.deliveryId === deliveryId)!;
  assert.ok(item, 'the approved delivery is in the feed');

  // Approved on Tuesday 20 February: CBS has until the end of Wednesday.
  clock = amsterdamInstant('2018-02-21', '23:00');
  operator = await loggedIn(DEMO.ivo);
  cbsUser = await loggedIn(DEMO.julia);
  let html = await wholeMonitor(operator);
  assert.equal(levelCount(html, 'Niet binnen 1 werkdag\\(en\\) na goedkeuring ontvangen door CBS'), 0);
  assert.doesNotMatch(rowOf(html, '0363'), /data-flag=/);
  let line = await csvLine(operator, '0363;Amsterdam;', ';2017H2;Wmo;');
  assert.deepEqual(line.slice(-2), ['wacht op ontvangst door CBS (uiterlijk 21 februari 2018)', 'nee']);

  clock = amsterdamInstant('2018-02-22', '00:30');
  operator = await loggedIn(DEMO.ivo);
  cbsUser = await loggedIn(DEMO.julia);
  html = await wholeMonitor(operator);
  assert.equal(levelCount(html, 'Niet binnen 1 werkdag\\(en\\) na goedkeuring ontvangen door CBS'), 1);
  assert.match(html, /nog niet gebeurd/);
  assert.match(
    rowOf(html, '0363'),
    /data-state="report_ready"[^>]*>[^<]*<a [^>]*>[^<]*<\/a><span class="ggk-flag" data-flag="cbs_receipt_late"> \(niet ontvangen door CBS\)<\/span>/,
  );
  line = await csvLine(operator, '0363;Amsterdam;', ';2017H2;Wmo;');
  assert.equal(line.at(-1), 'ja');
  assert.equal((await backlog()).items, 1);
  // CBS sees the same monitor.
  assert.match(await wholeMonitor(cbsUser), /data-flag="cbs_receipt_late"/);

  const files = (item.files as Array<{ fileId: string; sha256: string }>).map((f) => ({
    fileId: f.fileId,
    sha256: f.sha256,
  }));
  const ack = await cbsFetch(`/api/v1/cbs/handovers/${deliveryId}/receipt`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ files }),
  });
  assert.equal(ack.status, 200, await ack.clone().text());
  html = await wholeMonitor(operator);
  assert.doesNotMatch(rowOf(html, '0363'), /data-flag=/);
  // Still listed, as late and done.
  assert.equal(levelCount(html, 'Niet binnen 1 werkdag\\(en\\) na goedkeuring ontvangen door CBS'), 1);
  assert.match(html, /te laat, op 22 februari 2018 om 00:30/);
  line = await csvLine(operator, '0363;Amsterdam;', ';2017H2;Wmo;');
  assert.deepEqual(line.slice(-2), ['ontvangen door CBS op 22 februari 2018 om 00:30', 'nee']);
});

test('the regular route: CBS marks a participant, the monitor counts it as delivered and its reminder stops; undo restores', async () => {
  clock = amsterdamInstant('2018-02-23', '10:00');
  operator = await loggedIn(DEMO.ivo);
  cbsUser = await loggedIn(DEMO.julia);
  const swv = await organisationByName(t.database.db, 'Westelijke Mijnstreek Jeugddomein');
  const pageRes = await cbsUser.get('/monitor/reguliere-route');
  const page = await pageRes.text();
  assert.equal(pageRes.status, 200, `${pageRes.status} ${pageRes.headers.get('location')} ${page}`);
  assert.match(page, /Voor deze ronde is nog geen deelnemer vastgelegd/);
  assert.match(page, new RegExp(`<option value="${swv.id}">Westelijke Mijnstreek Jeugddomein</option>`));

  // Refusals name every problem: a date in the future and a note too long.
  const refused = await cbsUser.post('/monitor/reguliere-route', {
    deelnemer: swv.id,
    datum: '2018-02-24',
    toelichting: 'x'.repeat(1001),
  });
  assert.equal(refused.status, 400);
  const refusal = await refused.text();
  assert.match(refusal, /href="#datum"[^>]*>De datum van levering aan CBS ligt in de toekomst\./);
  assert.match(refusal, /href="#toelichting"[^>]*>De toelichting is te lang/);
  assert.equal((await sql`select id from regular_route_deliveries`.execute(t.database.db)).rows.length, 0);

  const marked = await cbsUser.post('/monitor/reguliere-route', {
    deelnemer: swv.id,
    datum: '2018-02-22',
    toelichting: 'Rechtstreeks aan CBS geleverd; vraag over BSN 123456782 per mail beantwoord.',
  });
  assert.equal(marked.status, 200);
  const markedHtml = await marked.text();
  assert.match(
    markedHtml,
    /Westelijke Mijnstreek Jeugddomein is vastgelegd als geleverd via de reguliere route\./,
  );
  assert.match(markedHtml, /data-testid="regular-routes"[\s\S]*22 februari 2018[\s\S]*BSN 12345\*\*\*\*/);
  assert.doesNotMatch(markedHtml, /123456782/);
  const [row] = (
    await sql<{
      note: string | null;
      marked_by: string | null;
    }>`select note, marked_by from regular_route_deliveries`.execute(t.database.db)
  ).rows;
  assert.match(row!.note!, /BSN 12345\*\*\*\* per mail/);
  const julia = await userByEmail(t.database.db, DEMO.julia);
  assert.equal(row!.marked_by, julia.id);
  // Marking twice is refused, nothing changes.
  const twice = await cbsUser.post('/monitor/reguliere-route', { deelnemer: swv.id, datum: '2018-02-22' });
  assert.equal(twice.status, 400);

  const audit = await t.database.db
    .selectFrom('audit_entries')
    .select(['action', 'actor_user_id', 'organisation_id', 'details'])
    .where('action', 'like', 'regular_route.%')
    .execute();
  assert.equal(audit.length, 1);
  assert.equal(audit[0]!.actor_user_id, julia.id);
  assert.equal(audit[0]!.organisation_id, swv.id);
  assert.match(JSON.stringify(audit[0]!.details), /"deliveredOn":"2018-02-22"/);
  assert.match(JSON.stringify(audit[0]!.details), /12345\*\*\*\*/);
  assert.doesNotMatch(JSON.stringify(audit[0]!.details), /123456782/);

  // Its members' Jeugd cells of the round's half year count as delivered, with a visible label; their
  // other file types (delivered by the gemeente itself) do not.
  const html = await wholeMonitor(operator);
  const schinnen = rowOf(html, '0962');
  assert.match(schinnen, /data-state="regular_route"[^>]*>Via reguliere route</);
  assert.equal([...schinnen.matchAll(/data-state="regular_route"/g)].length, 1);
  assert.match(html, /<td class="utrecht-table__cell" data-state="regular_route">4<\/td>/);
  const line = await csvLine(operator, '0962;', ';2017H2;Jeugd;');
  assert.equal(line[7], 'Via reguliere route');
  const timeline = await (
    await operator.get('/monitor/tijdlijn?gemeente=0962&type=jeugd&halfjaar=2017H2')
  ).text();
  assert.match(timeline, /Status: <strong>Via reguliere route<\/strong>/);
  assert.match(
    timeline,
    /Geleverd via de reguliere route door Westelijke Mijnstreek Jeugddomein op 22 februari 2018\./,
  );

  // The closing reminder (5 working days before the close) skips it; the others still get theirs.
  clock = amsterdamInstant('2018-03-02', '07:00');
  operator = await loggedIn(DEMO.ivo);
  cbsUser = await loggedIn(DEMO.julia);
  await sendReminders(t.database.db, {
    now: clock,
    closingWorkingDays: 5,
    baseUrl: t.url,
    reports: contentReportPlacements,
  });
  const reminded = await t.database.db.selectFrom('reminders').select('organisation_id').execute();
  assert.ok(reminded.length > 0, 'the other participants are reminded');
  assert.ok(!reminded.some((r) => r.organisation_id === swv.id), 'no reminder for the marked participant');

  // Undo (the operator may too): the mark goes, the audit trail keeps what it said.
  const undone = await operator.post('/monitor/reguliere-route/ongedaan-maken', { deelnemer: swv.id });
  assert.equal(undone.status, 200);
  assert.match(
    await undone.text(),
    /De reguliere route van Westelijke Mijnstreek Jeugddomein is ongedaan gemaakt\./,
  );
  assert.equal((await sql`select id from regular_route_deliveries`.execute(t.database.db)).rows.length, 0);
  const unmarked = await t.database.db
    .selectFrom('audit_entries')
    .select(['actor_user_id', 'details'])
    .where('action', '=', 'regular_route.unmarked')
    .execute();
  assert.equal(unmarked.length, 1);
  assert.match(JSON.stringify(unmarked[0]!.details), /"deliveredOn":"2018-02-22"/);
  const after = await wholeMonitor(operator);
  assert.match(after, /<td class="utrecht-table__cell" data-state="regular_route">0<\/td>/);
  assert.match(rowOf(after, '0962'), /data-state="not_delivered"/);
  // Undoing again changes nothing and says so.
  const again = await operator.post('/monitor/reguliere-route/ongedaan-maken', { deelnemer: swv.id });
  assert.equal(again.status, 400);
  assert.match(
    await again.text(),
    /niet vastgelegd als geleverd via de reguliere route; er is niets gewijzigd/,
  );
});

test('a samenwerkingsverband user cannot reach the regular-route pages', async () => {
  const hanna = new WebClient(t.url);
  await hanna.loginAs(demoSubjectOf(DEMO.hanna));
  const res = await hanna.get('/monitor/reguliere-route');
  assert.equal(res.status, 403);
  const post = await hanna.post('/monitor/reguliere-route', { deelnemer: amsterdamId, datum: '2018-03-01' });
  assert.equal(post.status, 403);
});

test('a withdrawal whose erasure CBS has not confirmed within 5 working days is flagged until it is', async () => {
  clock = amsterdamInstant('2018-03-13', '10:00');
  operator = await loggedIn(DEMO.ivo);
  cbsUser = await loggedIn(DEMO.julia);
  const store = await openDeliveryStore(t.config, testLogger('withdraw'));
  const intrekker = await userByEmail(t.database.db, DEMO.daan);
  await withdrawInPortal(t.database.db, store, {
    userId: intrekker.id,
    organisationId: amsterdamId,
    confirmName: 'Amsterdam',
    now: clock,
    baseUrl: t.url,
    unfinishedUploads: unfinishedUploadsOf(t.config.dataDir, store),
  });
  const feed = await getFeed(t.url, cbsToken, undefined, 500);
  const withdrawal = feed.items.find((i) => i.kind === 'withdrawal' && i.deliveryId === deliveryId)!;
  assert.ok(withdrawal);
  const heading = 'Intrekking: verwijdering niet binnen 5 werkdag\\(en\\) bevestigd door CBS';

  // Withdrawn Tuesday 13 March: CBS has until the end of Tuesday 20 March.
  clock = amsterdamInstant('2018-03-20', '23:00');
  operator = await loggedIn(DEMO.ivo);
  cbsUser = await loggedIn(DEMO.julia);
  let html = await wholeMonitor(operator);
  assert.equal(levelCount(html, heading), 0);
  let line = await csvLine(operator, '0363;Amsterdam;', ';2017H2;Wmo;');
  assert.equal(line[7], 'Ingetrokken');
  assert.deepEqual(line.slice(-2), [
    'wacht op bevestiging van de verwijdering door CBS (uiterlijk 20 maart 2018)',
    'nee',
  ]);

  clock = amsterdamInstant('2018-03-21', '09:00');
  operator = await loggedIn(DEMO.ivo);
  cbsUser = await loggedIn(DEMO.julia);
  html = await wholeMonitor(operator);
  assert.equal(levelCount(html, heading), 1);
  assert.match(rowOf(html, '0363'), /data-flag="cbs_erasure_late"> \(verwijdering niet bevestigd door CBS\)/);
  line = await csvLine(operator, '0363;Amsterdam;', ';2017H2;Wmo;');
  assert.equal(line.at(-1), 'ja');
  assert.equal((await backlog()).erasures, 1);

  const erased = await cbsFetch(`/api/v1/cbs/withdrawals/${String(withdrawal.withdrawalId)}/erased`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ erasedAt: '2018-03-21T08:30:00+01:00' }),
  });
  assert.equal(erased.status, 200, await erased.clone().text());
  html = await wholeMonitor(operator);
  assert.doesNotMatch(rowOf(html, '0363'), /data-flag=/);
  assert.match(html, /te laat, op 21 maart 2018 om 09:00/);
  line = await csvLine(operator, '0363;Amsterdam;', ';2017H2;Wmo;');
  assert.deepEqual(line.slice(-2), ['verwijdering bevestigd door CBS op 21 maart 2018 om 09:00', 'nee']);
  assert.equal((await backlog()).erasures, 0);
});
