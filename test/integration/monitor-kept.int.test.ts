// The round monitor page keeps its rendered parts (the overview from the filter to the service levels,
// and the matrix) under the monitor's stamp: round, data version (migration 0031-a), the stretch of
// time between two instants at which anything shown may change as time passes, and the Amsterdam date;
// with the language, the viewer's staff roles and the query (issue 21). What is kept must never be
// stale: not after a committed change, not after a due time passes (even by one millisecond on the
// same day, with nothing committed), and never shown in another language or for another query.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createCbsToken } from '../../src/modules/auth/index.ts';
import {
  contentReportPlacements,
  createRoundMonitorCache,
  type MonitorView,
} from '../../src/modules/monitoring/index.ts';
import { findCurrentRound } from '../../src/modules/periods/index.ts';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { amsterdamInstant } from '../../src/platform/time/amsterdam-time.ts';
import { DEMO, deliveryToken } from '../support/factories.ts';
import { generatedFile, getFeed, uploadFiles, waitUntilChecked } from '../support/handover.ts';
import { wholeMonitor } from '../support/monitor-pages.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';

let clock = amsterdamInstant('2018-02-20', '10:00');
let t: TestApp;
let deliveryId: string;
let cbsToken: string;

before(async () => {
  t = await startTestApp({ now: () => clock, deliveries: true });
  const token = await deliveryToken(t.database.db, clock, '0363', 60);
  cbsToken = (await createCbsToken(t.database.db, { name: 'cbs', days: 90, createdBy: null, now: clock }))
    .token;
  // Approved on Tuesday 20 February: offered to CBS, who has until the end of Wednesday to acknowledge.
  deliveryId = await uploadFiles(t.url, token, [generatedFile('wmo', '0363', 16)]);
  await waitUntilChecked(t.database.db, [deliveryId]);
});
after(async () => {
  await t.close();
});

/** A fresh session at the clock's time (a session ends when the fake clock moves on a few days). */
async function loggedIn(email: string, locale?: 'en'): Promise<WebClient> {
  const client = new WebClient(t.url);
  if (locale) client.cookies.set('ggk_taal', locale);
  await client.loginAs(demoSubjectOf(email));
  return client;
}

const version = async () =>
  (await sql<{ version: string }>`select version from monitor_version`.execute(t.database.db)).rows[0]!
    .version;

/** The matrix row of a gemeente. */
function rowOf(html: string, code: string): string {
  const row = new RegExp(`id="g-${code}">[\\s\\S]*?</tr>`).exec(html)?.[0];
  assert.ok(row, `row of ${code}`);
  return row;
}

/** The number in the heading of the CBS receipt's service level ("…: 1"). */
function receiptLate(html: string): number {
  const m =
    /<h3 class="utrecht-heading-3">Niet binnen 1 werkdag\(en\) na goedkeuring ontvangen[^<]*: (\d+)<\/h3>/.exec(
      html,
    );
  assert.ok(m, 'the heading of the CBS receipt service level');
  return Number(m[1]);
}

test('a stamp is shared only by moments whose monitors are the same (every half hour and each day end, 19 Feb to 12 Mar)', async () => {
  const cache = createRoundMonitorCache();
  const round = await findCurrentRound(t.database.db, clock);
  assert.ok(round);
  const viewAt = (now: Date): Promise<MonitorView> =>
    cache.viewOf(t.database.db, round, {
      now,
      reports: contentReportPlacements,
      closingWorkingDays: t.config.reminders.closingWorkingDays,
      handover: t.config.cbs,
    });
  // Besides the round's own dates, an open hand-over: CBS has not acknowledged the delivery yet.
  const moments: Date[] = [];
  for (let day = 19; day <= 40; day++) {
    const date = new Date(Date.UTC(2018, 1, day)).toISOString().slice(0, 10);
    for (let minutes = 0; minutes < 24 * 60; minutes += 30)
      moments.push(
        amsterdamInstant(
          date,
          `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
        ),
      );
    const end = amsterdamInstant(date, '23:59:59');
    moments.push(end, new Date(+end + 1));
  }
  const first = new Map<string, { at: Date; monitor: unknown }>();
  let stamps = 0;
  for (const at of moments) {
    const view = await viewAt(at);
    assert.ok(view.stamp);
    const monitor = view.monitor({});
    const seen = first.get(view.stamp);
    if (!seen) {
      first.set(view.stamp, { at, monitor });
      stamps++;
      continue;
    }
    assert.deepEqual(monitor, seen.monitor, `${at.toISOString()} has the stamp of ${seen.at.toISOString()}`);
  }
  // Each day its own stamp at least, and the receipt's due time one more.
  assert.ok(stamps > 22, `${stamps} stamps`);
});

test('a kept monitor changes when a due time passes, to the millisecond, on the same day with nothing committed', async () => {
  clock = amsterdamInstant('2018-02-21', '23:59:59');
  const operator = await loggedIn(DEMO.ivo);
  const before = await version();
  let html = await wholeMonitor(operator);
  assert.doesNotMatch(rowOf(html, '0363'), /data-flag="cbs_receipt_late"/);
  assert.equal(receiptLate(html), 0);
  // Kept now: the same again.
  assert.equal(await wholeMonitor(operator), html);

  // The last millisecond CBS had is over: the next view shows it late, though nothing was committed.
  clock = new Date(+clock + 1);
  html = await wholeMonitor(operator);
  assert.match(rowOf(html, '0363'), /data-flag="cbs_receipt_late"/);
  assert.equal(receiptLate(html), 1);
  assert.equal(await version(), before, 'no commit changed what the monitor reads');

  // The clock set back (as a test's clock may be): what was kept for the later moment is not shown.
  clock = new Date(+clock - 1);
  html = await wholeMonitor(operator);
  assert.doesNotMatch(rowOf(html, '0363'), /data-flag="cbs_receipt_late"/);
  assert.equal(receiptLate(html), 0);
});

test('a kept monitor shows a committed change on the next view', async () => {
  clock = amsterdamInstant('2018-02-22', '09:00');
  const operator = await loggedIn(DEMO.ivo);
  let html = await wholeMonitor(operator);
  assert.match(rowOf(html, '0363'), /data-flag="cbs_receipt_late"/);
  assert.equal(await wholeMonitor(operator), html, 'kept');

  // CBS acknowledges through its API: no longer flagged (still listed as late, and done).
  const feed = await getFeed(t.url, cbsToken);
  const item = feed.items.find((i) => i.deliveryId === deliveryId)!;
  const files = (item.files as Array<{ fileId: string; sha256: string }>).map((f) => ({
    fileId: f.fileId,
    sha256: f.sha256,
  }));
  const ack = await fetch(`${t.url}/api/v1/cbs/handovers/${deliveryId}/receipt`, {
    method: 'POST',
    headers: { authorization: `Bearer ${cbsToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ files }),
  });
  assert.equal(ack.status, 200, await ack.clone().text());
  html = await wholeMonitor(operator);
  assert.doesNotMatch(rowOf(html, '0363'), /data-flag="cbs_receipt_late"/);
  assert.equal(receiptLate(html), 1);
  assert.match(html, /te laat, op 22 februari 2018 om 09:00/);

  // A hand-written verdict on the file, after the new state was kept.
  assert.equal(await wholeMonitor(operator), html, 'kept');
  await t.database.db
    .updateTable('delivery_report_files')
    .set({ status: 'rejected' })
    .where('delivery_id', '=', deliveryId)
    .execute();
  assert.match(rowOf(await wholeMonitor(operator), '0363'), /data-state="rejected"/);
  await t.database.db
    .updateTable('delivery_report_files')
    .set({ status: 'approved' })
    .where('delivery_id', '=', deliveryId)
    .execute();
  assert.doesNotMatch(rowOf(await wholeMonitor(operator), '0363'), /data-state="rejected"/);
});

test('a kept part goes only to the same language, query and kind of viewer; the per-visitor parts are never kept', async () => {
  clock = amsterdamInstant('2018-02-22', '10:00');
  const operator = await loggedIn(DEMO.ivo);
  const english = await loggedIn(DEMO.ivo, 'en');
  const cbs = await loggedIn(DEMO.julia);
  const dutch = await (await operator.get('/monitor')).text();
  assert.match(dutch, /<h2 class="utrecht-heading-2" id="servicenormen">Servicenormen<\/h2>/);
  assert.match(dutch, /Ivo Kramer/);

  // English: the kept Dutch parts are not used.
  const en = await (await english.get('/monitor')).text();
  assert.match(en, /<h2 class="utrecht-heading-2" id="servicenormen">Service levels<\/h2>/);
  assert.doesNotMatch(en, /id="servicenormen">Servicenormen/);
  assert.match(en, /<th class="utrecht-table__header-cell" scope="col" id="kol-gemeente">Municipality<\/th>/);
  assert.equal(await (await operator.get('/monitor')).text(), dutch);

  // CBS: the same monitor, in its own page (its name, its navigation).
  const ofCbs = await (await cbs.get('/monitor')).text();
  assert.match(ofCbs, /Julia van Dijk/);
  assert.doesNotMatch(ofCbs, /Ivo Kramer/);
  assert.match(ofCbs, /href="\/cbs\/tokens"/);
  assert.doesNotMatch(dutch, /href="\/cbs\/tokens"/);

  // Another query: its own filter and matrix, and the CSV link keeps it.
  const groningen = await (await operator.get('/monitor?provincie=Groningen')).text();
  assert.match(groningen, /<option value="Groningen" selected/);
  assert.match(groningen, /href="\/monitor.csv\?provincie=Groningen"/);
  const provinces = (html: string) =>
    new Set(
      [...html.matchAll(/id="g-\d{4}">[^<]*<\/th><td class="utrecht-table__cell">([^<]*)<\/td>/g)].map(
        (m) => m[1],
      ),
    );
  assert.deepEqual(provinces(groningen), new Set(['Groningen']));
  assert.ok(provinces(dutch).size > 1);
  const second = await (await operator.get('/monitor?pagina=2')).text();
  assert.notEqual(
    /<tbody class="utrecht-table__body">[\s\S]*?<\/tbody>/.exec(
      second.slice(second.indexOf('monitor-matrix')),
    )![0],
    /<tbody class="utrecht-table__body">[\s\S]*?<\/tbody>/.exec(
      dutch.slice(dutch.indexOf('monitor-matrix')),
    )![0],
  );

  // Nobody else gets the monitor, kept or not.
  const aanleveraar = await loggedIn(DEMO.anne);
  const refused = await aanleveraar.get('/monitor');
  assert.notEqual(refused.status, 200);
  assert.doesNotMatch(await refused.text(), /monitor-matrix/);
  const anonymous = await fetch(`${t.url}/monitor`, { headers: { accept: 'text/html' }, redirect: 'manual' });
  assert.notEqual(anonymous.status, 200);
});
