// The pilot target date (streefdatum) as a service level (issue 18), on the real parts (PostgreSQL,
// the outbox to the SMTP catcher): pilot participants that have not delivered get one reminder a
// configured number of working days before it (a second run sends nothing; non-pilots get none), and
// once it has passed the monitor lists the pilot participants that had not delivered by it: only an
// approved delivery counts, a rejected one sent before the target date does not.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sendReminders } from '../../src/modules/monitoring/index.ts';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';
import { wholeMonitor } from '../support/monitor-pages.ts';
import { DEMO, deliveryToken } from '../support/factories.ts';
import { generatedFile, uploadFiles, waitUntilChecked } from '../support/handover.ts';

let now = new Date('2018-02-19T08:00:00Z');
let t: TestApp;
before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
});
after(async () => {
  await t.close();
});

const options = () => ({
  now,
  closingWorkingDays: 5,
  pilotTargetWorkingDays: 2,
  baseUrl: t.url,
});

test('pilot participants without a delivery are reminded once, two working days before the target date', async () => {
  // Monday 19 February: the target (Friday 23 February) is four working days away.
  assert.equal((await sendReminders(t.database.db, options())).pilotTarget, 0);
  now = new Date('2018-02-21T08:00:00Z');
  const first = await sendReminders(t.database.db, options());
  // The pilot participants with an aanleveraar: Amsterdam, Utrecht, Eindhoven, Sittard-Geleen and
  // Jeugdhulp Regio Zuid-Limburg (the samenwerkingsverband is a pilot participant too).
  assert.equal(first.pilotTarget, 5);
  assert.equal(first.closing, 0, 'the close is further away');
  const again = await sendReminders(t.database.db, options());
  assert.deepEqual([again.pilotTarget, again.mails], [0, 0]);

  const mail = await t.mail.waitFor(
    (m) => m.to.includes(DEMO.bram) && m.subject.includes('streefdatum'),
    10_000,
  );
  assert.match(mail.subject, /^Herinnering: de streefdatum voor pilotdeelnemers is 23 februari 2018/);
  assert.match(
    mail.text,
    /Voor het 2e halfjaar 2017 heeft ggk van Amsterdam nog geen goedgekeurd bestand ontvangen voor:\n- Wmo/,
  );
  assert.match(mail.text, /Reminder: the target date for pilot participants is 23 February 2018|target date/);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(
    t.mail.messages().filter((m) => m.to.includes(DEMO.bram) && m.subject.includes('streefdatum')).length,
    1,
    'once per recipient',
  );
  // Rotterdam is no pilot participant: no reminder before the target date.
  assert.equal(t.mail.messages().filter((m) => m.to.includes(DEMO.noor)).length, 0);
  const reminders = await t.database.db
    .selectFrom('reminders')
    .select(['kind', 'reminder_key'])
    .where('kind', '=', 'pilot_target')
    .execute();
  assert.equal(reminders.length, 5);
});

test('after the target date the monitor lists the pilot participants that had no approved delivery by it', async () => {
  // Thursday 22 February, before the target: Amsterdam's only delivery is rejected, Utrecht's approved.
  now = new Date('2018-02-22T09:00:00Z');
  const good = generatedFile('wmo', '0344', 344);
  const bad = {
    name: generatedFile('wmo', '0363', 363).name,
    bytes: new TextEncoder().encode('geen GMSD\n'),
  };
  const ids = [
    await uploadFiles(t.url, await deliveryToken(t.database.db, now, '0363'), [bad]),
    await uploadFiles(t.url, await deliveryToken(t.database.db, now, '0344'), [good]),
  ];
  await waitUntilChecked(t.database.db, ids);
  const states = await t.database.db
    .selectFrom('deliveries')
    .select(['id', 'state'])
    .where('id', 'in', ids)
    .execute();
  assert.deepEqual(
    ids.map((id) => states.find((d) => d.id === id)?.state),
    ['rejected', 'approved'],
  );

  now = new Date('2018-02-26T09:00:00Z');
  const ivo = new WebClient(t.url);
  assert.equal((await ivo.loginAs(demoSubjectOf(DEMO.ivo))).status, 303);
  // Every page of the matrix: Amsterdam, Utrecht and Rotterdam are not all on the first.
  const html = await wholeMonitor(ivo);
  const section =
    /<section aria-label="Pilotdeelnemer niet aangeleverd op de streefdatum">[\s\S]*?<\/section>/.exec(
      html,
    )?.[0] ?? '';
  // Twelve pilot gemeenten and one pilot samenwerkingsverband, only Utrecht delivered (approved);
  // Amsterdam's rejected delivery before the target does not count.
  assert.match(section, /Pilotdeelnemer niet aangeleverd op de streefdatum: 12/);
  assert.match(section, /Amsterdam \(0363\)/);
  assert.doesNotMatch(section, /Utrecht \(0344\)/);
  assert.match(section, /Jeugdhulp Regio Zuid-Limburg/);
  assert.doesNotMatch(section, /Rotterdam/);
  assert.match(section, /23 februari 2018/);
  assert.match(section, /nog niet gebeurd/);
  // The matrix and its CSV say the same per participant: Amsterdam missed it, Utrecht was on time.
  const row = (code: string) =>
    new RegExp(`id="g-${code}">[\\s\\S]*?data-pilot-target="(\\w+)">([^<]*)<`).exec(html);
  assert.deepEqual(row('0363')?.slice(1), ['missed', 'niet aangeleverd']);
  assert.deepEqual(row('0344')?.slice(1), ['on_time', 'op tijd, 22 februari 2018 om 10:00']);
  assert.doesNotMatch(
    /id="g-0599">[\s\S]*?<\/tr>/.exec(html)![0],
    /data-pilot-target="\w/,
    'Rotterdam: no pilot',
  );
  const csv = (await (await ivo.get('/monitor.csv')).text()).split('\r\n');
  const pilotTarget = (code: string) => csv.find((l) => l.startsWith(`${code};`))?.split(';')[13];
  assert.equal(pilotTarget('0363'), 'niet aangeleverd');
  assert.equal(pilotTarget('0344'), 'op tijd, 22 februari 2018 om 10:00');
  assert.equal(pilotTarget('0599'), '');
});
