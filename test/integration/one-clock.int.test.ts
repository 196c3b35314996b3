// One clock everywhere (issue 20): with GGK_FAKE_NOW the app runs on a fake day, and every time a
// person is shown is on that day: a delivery's receipt and check, its mail (made, sent, caught by the
// mail catcher), an invitation, a registration and an API token, and the audit entries of them.
// Before, the mail catcher, the outbox and several tables took the real time (new Date() or the
// database's now()), so "Ontvangen 6 december 2026" stood beside "Goedgekeurd op 20 februari 2018".
// Kept on real time, on purpose: sessions and their expiry, rate limits, the outbox's retry schedule
// and the dev identity provider's codes (machinery, not business facts; see their modules).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { amsterdamDate } from '../../src/platform/time/amsterdam-time.ts';
import { DEMO, deliveryToken, organisationByCode } from '../support/factories.ts';
import { generatedFile, uploadFiles, waitUntilChecked } from '../support/handover.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';

const FAKE_DAY = '2018-02-20';
let t: TestApp;
before(async () => {
  t = await startTestApp({ env: { GGK_FAKE_NOW: `${FAKE_DAY}T09:00:00Z` }, deliveries: true });
});
after(async () => {
  await t.close();
});

function onFakeDay(what: string, at: Date | null | undefined): void {
  assert.ok(at, `${what} has a time`);
  assert.equal(amsterdamDate(at), FAKE_DAY, `${what} is on the fake day, not ${at.toISOString()}`);
}

test('a delivery, its mail, an invitation, a registration and a token all carry the fake day', async () => {
  const db = t.database.db;
  // A delivery through the API, checked by the worker.
  const token = await deliveryToken(db, new Date(`${FAKE_DAY}T09:00:00Z`));
  const id = await uploadFiles(t.url, token, [generatedFile('wmo', '0363', 1)]);
  await waitUntilChecked(db, [id]);
  const delivery = await db
    .selectFrom('deliveries')
    .select(['received_at', 'checked_at', 'receipt_number'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  onFakeDay('received_at', delivery.received_at);
  onFakeDay('checked_at', delivery.checked_at);
  const bram = new WebClient(t.url);
  await bram.loginAs(demoSubjectOf(DEMO.bram));
  const page = await (await bram.get(`/aanleveringen/${id}`)).text();
  assert.match(page, /20 februari 2018/);

  // Its report mail: made and sent on the fake day, and caught on it by the mail catcher.
  const caught = await t.mail.waitFor(
    (m) => m.to.includes(DEMO.bram) && m.text.includes(delivery.receipt_number),
    10_000,
  );
  onFakeDay('the caught mail', caught.receivedAt);
  // The catcher has the mail as soon as the SMTP conversation ends; sent_at is committed right after
  // (CI4 read the row in between): wait for it.
  const sentRow = () =>
    db
      .selectFrom('outbox')
      .select(['created_at', 'sent_at'])
      .where('recipient', '=', DEMO.bram)
      .where('kind', '=', 'report_ready')
      .executeTakeFirstOrThrow();
  let outbox = await sentRow();
  for (let i = 0; i < 200 && outbox.sent_at === null; i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    outbox = await sentRow();
  }
  onFakeDay('the mail in the outbox', outbox.created_at);
  onFakeDay('the mail sent', outbox.sent_at);

  // An invitation: its time on the servicedesk's page, and its mail.
  const anne = new WebClient(t.url);
  await anne.loginAs(demoSubjectOf(DEMO.anne));
  const invited = await anne.post(
    '/organisatie/gebruikers/uitnodigen',
    { naam: 'Klok Test', email: 'klok.test@amsterdam.example', rollen: 'aanleveraar', persoonlijk: 'ja' },
    '/organisatie/gebruikers',
  );
  assert.equal(invited.status, 303);
  const invitation = await db
    .selectFrom('invitations')
    .select('created_at')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  onFakeDay('the invitation', invitation.created_at);
  onFakeDay(
    'the invitation mail',
    (await t.mail.waitFor((m) => m.to.includes('klok.test@amsterdam.example'), 10_000)).receivedAt,
  );
  const ivo = new WebClient(t.url);
  await ivo.loginAs(demoSubjectOf(DEMO.ivo));
  const amsterdam = await organisationByCode(db, '0363');
  const servicedesk = await (await ivo.get(`/beheer/servicedesk/organisatie/${amsterdam.id}`)).text();
  assert.match(servicedesk, /uitgenodigd 20 februari 2018/);

  // A registration, on the operator's list.
  const almere = await organisationByCode(db, '0034');
  const visitor = new WebClient(t.url);
  await visitor.get('/aanmelden');
  const submitted = await visitor.post(
    '/aanmelden',
    { organisatie: almere.id, naam: 'Lotte Vos', email: 'lotte.vos@almere.example' },
    '/aanmelden',
  );
  assert.equal(submitted.status, 303);
  const registration = await db
    .selectFrom('registration_requests')
    .select('created_at')
    .executeTakeFirstOrThrow();
  onFakeDay('the registration', registration.created_at);

  // The API token made above, and every audit entry of all this.
  const tokens = await db.selectFrom('api_tokens').select('created_at').execute();
  for (const row of tokens) onFakeDay('the API token', row.created_at);
  const audit = await db.selectFrom('audit_entries').select(['action', 'recorded_at']).execute();
  assert.ok(audit.some((a) => a.action === 'registration.submitted'));
  for (const a of audit) onFakeDay(`audit ${a.action}`, a.recorded_at);
});
