// CBS's own op-orde rapport in the portal, on the real parts (upload through the API, the check and
// report jobs, the encrypted store): CBS places a PDF on its pages (same rules as the API's PUT), the
// gemeente's rapportontvanger sees and downloads it (another gemeente does not), the round's choice
// "only CBS's report" hides ggk's from the gemeente, and a hold holds CBS's report until release.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { createApiToken, createCbsToken } from '../../src/modules/auth/index.ts';
import { withdrawInPortal } from '../../src/modules/withdrawals/index.ts';
import { sweepDestroyedFiles } from '../../src/modules/deliveries/index.ts';
import { unfinishedUploadsOf } from '../../src/http/deliveries/resumable-upload.ts';
import { openDeliveryStore } from '../../src/main/deliveries.ts';
import { testLogger } from '../support/log-sink.ts';
import { findContentReport } from '../../src/modules/reports/index.ts';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';
import { generatedFile, uploadFiles, waitUntilChecked } from '../support/handover.ts';
import { DEMO, organisationByCode, userByEmail } from '../support/factories.ts';

let now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;
let deliveryId: string;
let cbsToken: string;
let apiToken: string;
let julia: WebClient;
let carla: WebClient;

const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function waitForReport(id: string) {
  for (let i = 0; i < 300; i++) {
    if (await findContentReport(t.database.db, id)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no op-orde report');
}

/** Posts CBS's report form as a browser would: the CSRF token first, then the file. */
async function uploadInPortal(
  client: WebClient,
  id: string,
  file: { bytes: Uint8Array; type: string; name: string } | undefined,
  csrf?: string,
) {
  const body = new FormData();
  body.append('_csrf', csrf ?? (await client.csrf(`/cbs/aanleveringen/${id}`)));
  if (file) body.append('rapport', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  else body.append('rapport', new Blob([], { type: 'application/octet-stream' }), '');
  return fetch(`${t.url}/cbs/aanleveringen/${id}/op-orde-rapport`, {
    method: 'POST',
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), accept: 'text/html' },
    body,
    redirect: 'manual',
  });
}

async function storedReport() {
  const { rows } = await sql<{ sha256: string; state: string; uploaded_by_user: string | null }>`
    select sha256, state, uploaded_by_user from cbs_content_reports where delivery_id = ${deliveryId}::uuid`.execute(
    t.database.db,
  );
  return rows[0];
}

async function downloadsOf(kind: string) {
  return t.database.db
    .selectFrom('downloads')
    .select(['error', 'user_id'])
    .where('delivery_id', '=', deliveryId)
    .where('kind', '=', kind as never)
    .orderBy('downloaded_at')
    .execute();
}

before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
  const amsterdam = await organisationByCode(t.database.db, '0363');
  apiToken = (
    await createApiToken(t.database.db, {
      organisationId: amsterdam.id,
      name: 'pakket',
      roles: ['aanleveraar'],
      days: 30,
      createdBy: null,
      now,
    })
  ).token;
  cbsToken = (await createCbsToken(t.database.db, { name: 'cbs', days: 30, createdBy: null, now })).token;
  deliveryId = await uploadFiles(t.url, apiToken, [generatedFile('wmo', '0363', 7)]);
  await waitUntilChecked(t.database.db, [deliveryId]);
  await waitForReport(deliveryId);
  julia = new WebClient(t.url);
  assert.equal((await julia.loginAs(demoSubjectOf(DEMO.julia))).status, 303);
  carla = new WebClient(t.url);
  assert.equal((await carla.loginAs(demoSubjectOf(DEMO.carla))).status, 303);
});
after(async () => {
  await t.close();
});

test('the CBS list shows the round’s deliveries offered to CBS, with their CBS state', async () => {
  const res = await julia.get('/cbs/aanleveringen');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, new RegExp(`/cbs/aanleveringen/${deliveryId}`));
  assert.match(html, /nog niet geplaatst/);
  assert.match(html, /Aanleveringen voor CBS/);
});

test('placing CBS’s report in the portal refuses what the API refuses, and stores nothing then', async () => {
  const notPdf = await uploadInPortal(julia, deliveryId, {
    bytes: new Uint8Array(Buffer.from('geen pdf')),
    type: 'application/pdf',
    name: 'rapport.pdf',
  });
  assert.equal(notPdf.status, 415);
  assert.match(await notPdf.text(), /moet een PDF-bestand zijn/);
  const wrongType = await uploadInPortal(julia, deliveryId, {
    bytes: PDF,
    type: 'text/plain',
    name: 'a.txt',
  });
  assert.equal(wrongType.status, 415);
  const none = await uploadInPortal(julia, deliveryId, undefined);
  assert.equal(none.status, 400);
  assert.match(await none.text(), /Kies een PDF-bestand/);
  const forged = await uploadInPortal(
    julia,
    deliveryId,
    { bytes: PDF, type: 'application/pdf', name: 'r.pdf' },
    'vals',
  );
  assert.equal(forged.status, 403);
  const tooLarge = new Uint8Array(20 * 1024 * 1024 + 1);
  tooLarge.set(PDF);
  const large = await uploadInPortal(julia, deliveryId, {
    bytes: tooLarge,
    type: 'application/pdf',
    name: 'groot.pdf',
  });
  assert.equal(large.status, 413);
  assert.equal(await storedReport(), undefined);
  const unknown = await uploadInPortal(
    julia,
    '00000000-0000-4000-8000-000000000000',
    { bytes: PDF, type: 'application/pdf', name: 'r.pdf' },
    await julia.csrf('/cbs/aanleveringen'),
  );
  assert.equal(unknown.status, 404);
});

test('CBS places its PDF in the portal: stored, audited with the user, mailed (link only), shown on its pages', async () => {
  const res = await uploadInPortal(julia, deliveryId, {
    bytes: PDF,
    type: 'application/pdf',
    name: 'cbs.pdf',
  });
  assert.equal(res.status, 303, await res.clone().text());
  assert.equal(res.headers.get('location'), `/cbs/aanleveringen/${deliveryId}?opgeslagen=geplaatst`);
  const stored = await storedReport();
  assert.equal(stored?.sha256, sha(PDF));
  assert.equal(stored?.state, 'placed');
  assert.ok(stored?.uploaded_by_user, 'the CBS user is recorded');
  const audit = await t.database.db
    .selectFrom('audit_entries')
    .select(['actor_kind', 'actor_user_id'])
    .where('action', '=', 'cbs.content_report_uploaded')
    .execute();
  assert.deepEqual(
    audit.map((a) => a.actor_kind),
    ['user'],
  );
  const mails = await t.database.db
    .selectFrom('outbox')
    .select(['recipient', 'body_text'])
    .where('kind', '=', 'cbs_content_report')
    .execute();
  assert.ok(mails.some((m) => m.recipient === DEMO.carla));
  for (const m of mails) assert.match(m.body_text, new RegExp(`/aanleveringen/${deliveryId}/op-orde\\n`));
  const page = await (await julia.get(`/cbs/aanleveringen/${deliveryId}?opgeslagen=geplaatst`)).text();
  assert.match(page, /Het op-orde rapport van CBS is geplaatst/);
  assert.match(page, /Op-orde rapport van CBS downloaden/);
  assert.match(await (await julia.get('/cbs/aanleveringen')).text(), />geplaatst</);
});

test('the gemeente’s rapportontvanger sees and downloads CBS’s report; another gemeente does not', async () => {
  const page = await carla.get(`/aanleveringen/${deliveryId}/op-orde`);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /data-testid="cbs-content-report"/);
  assert.match(html, /Op-orde rapport van ggk/, 'ggk’s report is shown too by default');
  const pdf = await carla.get(`/aanleveringen/${deliveryId}/op-orde/cbs.pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.match(pdf.headers.get('content-disposition') ?? '', /attachment/);
  assert.equal(sha(new Uint8Array(await pdf.arrayBuffer())), sha(PDF));
  const recorded = await downloadsOf('cbs_content_report_pdf');
  assert.equal(recorded.length, 1);
  assert.equal(recorded[0]!.error, null);
  const delivery = await (await carla.get(`/aanleveringen/${deliveryId}`)).text();
  assert.match(delivery, /data-testid="content-report-link"/);

  const lotte = new WebClient(t.url);
  assert.equal((await lotte.loginAs(demoSubjectOf(DEMO.lotte))).status, 303);
  assert.equal((await lotte.get(`/aanleveringen/${deliveryId}/op-orde/cbs.pdf`)).status, 404);
  assert.equal((await lotte.get(`/aanleveringen/${deliveryId}/op-orde`)).status, 404);
  assert.equal((await downloadsOf('cbs_content_report_pdf')).length, 1);
});

test('per round CBS shows only its own report: ggk’s is refused to the gemeente (recorded), staff still see it', async () => {
  const roundId = (
    await t.database.db
      .selectFrom('deliveries')
      .select('round_id')
      .where('id', '=', deliveryId)
      .executeTakeFirstOrThrow()
  ).round_id;
  const bad = await julia.post('/cbs/aanleveringen/instelling', { ronde: roundId, rapporten: 'allebei' });
  assert.equal(bad.status, 400);
  const set = await julia.post('/cbs/aanleveringen/instelling', { ronde: roundId, rapporten: 'alleen-cbs' });
  assert.equal(set.status, 303);
  const settings = await t.database.db
    .selectFrom('audit_entries')
    .select('details')
    .where('action', '=', 'cbs.report_setting_changed')
    .execute();
  assert.equal(settings.length, 1);
  const list = await (await julia.get(`/cbs/aanleveringen?ronde=${roundId}&opgeslagen=1`)).text();
  assert.match(list, /id="rapporten-alleen-cbs"[^>]*checked/);

  const html = await (await carla.get(`/aanleveringen/${deliveryId}/op-orde`)).text();
  assert.match(html, /data-testid="cbs-content-report"/);
  assert.doesNotMatch(html, /Op-orde rapport van ggk|content-report-facts/);
  const ggkPdf = await carla.get(`/aanleveringen/${deliveryId}/op-orde.pdf`);
  assert.equal(ggkPdf.status, 409);
  const refused = await downloadsOf('content_report_pdf');
  assert.deepEqual(
    refused.map((r) => r.error),
    ['in deze ronde alleen het rapport van CBS'],
  );
  assert.equal((await carla.get(`/aanleveringen/${deliveryId}/op-orde/cbs.pdf`)).status, 200);

  // A new delivery in this round: ggk's report is made, but the gemeente gets no mail about it.
  const other = await uploadFiles(t.url, apiToken, [generatedFile('sbw', '0363', 8)]);
  await waitUntilChecked(t.database.db, [other]);
  await waitForReport(other);
  const readyMails = await t.database.db
    .selectFrom('outbox')
    .select('dedupe_key')
    .where('kind', '=', 'content_report_ready')
    .where('dedupe_key', 'like', `%${other}%`)
    .execute();
  assert.deepEqual(readyMails, []);

  const staff = await (await julia.get(`/aanleveringen/${deliveryId}/op-orde`)).text();
  assert.match(staff, /content-report-facts/);
  assert.match(staff, /ziet de gemeente alleen het op-orde rapport van CBS/);

  // Back to both: the gemeente sees ggk's report again.
  assert.equal(
    (await julia.post('/cbs/aanleveringen/instelling', { ronde: roundId, rapporten: 'cbs-en-ggk' })).status,
    303,
  );
  assert.equal((await carla.get(`/aanleveringen/${deliveryId}/op-orde.pdf`)).status, 200);
});

test('a hold holds CBS’s report too (refusals recorded) until it is released, then it is placed and mailed', async () => {
  const amsterdam = await organisationByCode(t.database.db, '0363');
  const held = await julia.post(
    '/op-orde-rapporten/tegenhouden',
    { gemeente: amsterdam.id },
    '/op-orde-rapporten',
  );
  assert.equal(held.status, 200);
  const second = new Uint8Array(Buffer.from('%PDF-1.7\n% tweede versie\n%%EOF\n'));
  const put = await fetch(`${t.url}/api/v1/cbs/deliveries/${deliveryId}/content-report`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${cbsToken}`, 'content-type': 'application/pdf' },
    body: second,
  });
  assert.equal(put.status, 201);
  assert.equal(((await put.json()) as { state: string }).state, 'held');

  const before = (await downloadsOf('cbs_content_report_pdf')).length;
  assert.equal((await carla.get(`/aanleveringen/${deliveryId}/op-orde/cbs.pdf`)).status, 409);
  const refusals = (await downloadsOf('cbs_content_report_pdf')).slice(before);
  assert.deepEqual(
    refusals.map((r) => r.error),
    ['rapport aangehouden door CBS'],
  );
  assert.doesNotMatch(
    await (await carla.get(`/aanleveringen/${deliveryId}/op-orde`)).text(),
    /cbs-content-report"/,
  );
  // The hold page lists it among the reports waiting for release.
  const holdsPage = await (await julia.get('/op-orde-rapporten')).text();
  assert.match(holdsPage, new RegExp(`href="/cbs/aanleveringen/${deliveryId}"`));
  // CBS itself still reads the held report.
  const staffPdf = await julia.get(`/aanleveringen/${deliveryId}/op-orde/cbs.pdf`);
  assert.equal(staffPdf.status, 200);
  assert.equal(sha(new Uint8Array(await staffPdf.arrayBuffer())), sha(second));

  const holdId = (
    await t.database.db
      .selectFrom('content_report_holds')
      .select('id')
      .where('released_at', 'is', null)
      .executeTakeFirstOrThrow()
  ).id;
  const released = await julia.post(
    '/op-orde-rapporten/vrijgeven',
    { blokkade: holdId },
    '/op-orde-rapporten',
  );
  assert.equal(released.status, 200);
  assert.equal((await storedReport())?.state, 'placed');
  const pdf = await carla.get(`/aanleveringen/${deliveryId}/op-orde/cbs.pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(sha(new Uint8Array(await pdf.arrayBuffer())), sha(second));
  const mails = await t.database.db
    .selectFrom('outbox')
    .select('dedupe_key')
    .where('kind', '=', 'cbs_content_report')
    .where('dedupe_key', 'like', `%${sha(second)}%`)
    .execute();
  assert.ok(mails.length > 0, 'the release mails the recipients');
  const placedAudit = await t.database.db
    .selectFrom('audit_entries')
    .select('action')
    .where('action', '=', 'cbs.content_report_placed')
    .execute();
  assert.equal(placedAudit.length, 1);
});

test('a withdrawal erases CBS’s report with ggk’s: its key is destroyed, a download is refused (410, recorded), the file swept', async () => {
  const storedFileId = (
    await sql<{ stored_file_id: string }>`
      select stored_file_id from cbs_content_reports where delivery_id = ${deliveryId}::uuid`.execute(
      t.database.db,
    )
  ).rows[0]!.stored_file_id;
  now = new Date('2018-03-13T09:00:00Z');
  const store = await openDeliveryStore(t.config, testLogger('withdraw'));
  assert.ok((await store.listStoredFileIds()).includes(storedFileId));
  const amsterdam = await organisationByCode(t.database.db, '0363');
  await withdrawInPortal(t.database.db, store, {
    userId: (await userByEmail(t.database.db, DEMO.daan)).id,
    organisationId: amsterdam.id,
    confirmName: 'Amsterdam',
    now,
    baseUrl: t.url,
    unfinishedUploads: unfinishedUploadsOf(t.config.dataDir, store),
  });
  const { rows } = await sql<{ wrapped_key: string | null; destroyed_at: Date | null }>`
    select wrapped_key, destroyed_at from cbs_content_reports where delivery_id = ${deliveryId}::uuid`.execute(
    t.database.db,
  );
  assert.equal(rows[0]!.wrapped_key, null);
  assert.ok(rows[0]!.destroyed_at);
  const before = (await downloadsOf('cbs_content_report_pdf')).length;
  carla = new WebClient(t.url); // three weeks on: a new session
  assert.equal((await carla.loginAs(demoSubjectOf(DEMO.carla))).status, 303);
  assert.equal((await carla.get(`/aanleveringen/${deliveryId}/op-orde/cbs.pdf`)).status, 410);
  assert.deepEqual(
    (await downloadsOf('cbs_content_report_pdf')).slice(before).map((r) => r.error),
    ['rapport verwijderd'],
  );
  assert.ok((await sweepDestroyedFiles(t.database.db, store)) >= 1);
  assert.ok(!(await store.listStoredFileIds()).includes(storedFileId), 'the ciphertext is removed too');
});
