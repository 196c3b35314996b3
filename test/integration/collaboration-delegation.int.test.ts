// Collaborations and the CBS withdrawal form (issue 18), on the real parts (PostgreSQL, the check job,
// encrypted store, dev identity provider, mail catcher): a gemeente that delegated Jeugd to a
// samenwerkingsverband cannot deliver Jeugd itself (the refusal names the collaboration), but still
// its Wmo; it sees on its deliveries page what the collaboration delivered for it; the withdrawal page
// and the CBS form page show the round's form link, address and days; CBS's form is refused outside
// the round's form days with those dates; and when CBS registers the form, the collaboration that
// delivered is told by mail.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createApiToken } from '../../src/modules/auth/index.ts';
import { grantRole } from '../../src/modules/users/index.ts';
import { CBS_GMSD_PAGE, demoSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { generatedFile, uploadFiles } from '../support/handover.ts';
import { WebClient } from '../support/web-client.ts';
import { DEMO, organisationByCode, organisationByName, userByEmail } from '../support/factories.ts';

const FIXTURES = path.resolve('test/fixtures/validation');
const ZUID_LIMBURG = 'Jeugdhulp Regio Zuid-Limburg';
let now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;
const tokens: Record<string, string> = {};
let roundId = '';

async function upload(token: string, fixture: string, name: string, fields: Record<string, string> = {}) {
  const body = new FormData();
  for (const [k, v] of Object.entries({ halfjaar: '2017H2', ...fields })) body.append(k, v);
  body.append('bestanden', new Blob([await readFile(path.join(FIXTURES, fixture))]), name);
  return fetch(`${t.url}/api/v1/deliveries`, {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${token}` },
  });
}

async function waitUntilChecked(id: string) {
  for (let i = 0; i < 150; i++) {
    const row = await t.database.db
      .selectFrom('deliveries')
      .select('state')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (row.state === 'approved' || row.state === 'rejected') return row.state;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`delivery ${id} was not checked`);
}

async function login(email: string) {
  const c = new WebClient(t.url);
  const res = await c.loginAs(demoSubjectOf(email));
  assert.equal(res.status, 303, `login of ${email}`);
  return c;
}

async function deliveriesFor(gemeenteId: string) {
  return t.database.db
    .selectFrom('deliveries')
    .select(['id', 'organisation_id', 'state'])
    .where('gemeente_id', '=', gemeenteId)
    .execute();
}

before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
  const heerlen = await organisationByCode(t.database.db, '0917');
  const zuidLimburg = await organisationByName(t.database.db, ZUID_LIMBURG);
  for (const [key, organisationId] of [
    ['heerlen', heerlen.id],
    ['zuidLimburg', zuidLimburg.id],
  ] as const)
    tokens[key] = (
      await createApiToken(t.database.db, {
        organisationId,
        name: 'test',
        roles: ['aanleveraar'],
        days: 60,
        createdBy: null,
        now,
      })
    ).token;
  // Gijs (gebruikersbeheerder and intrekker of Heerlen) also reads Heerlen's reports.
  const gijs = await userByEmail(t.database.db, DEMO.gijs);
  await grantRole(t.database.db, { userId: gijs.id, role: 'rapportontvanger', organisationId: heerlen.id });
  roundId = (
    await t.database.db
      .selectFrom('rounds')
      .select('id')
      .where('half_year', '=', '2017H2')
      .executeTakeFirstOrThrow()
  ).id;
});
after(async () => {
  await t.close();
});

test('a gemeente that delegated Jeugd to its samenwerkingsverband cannot deliver Jeugd itself; the refusal names the collaboration', async () => {
  const heerlen = await organisationByCode(t.database.db, '0917');
  const refused = await upload(tokens.heerlen!, 'valid-jeugd/JEUGD_0363_2017H2.csv', 'JEUGD_0917_2017H2.csv');
  assert.equal(refused.status, 422);
  const problem = (await refused.json()) as { code: string; detail: string };
  assert.equal(problem.code, 'delivery.delegated_domain');
  assert.match(
    problem.detail,
    /Heerlen levert het domein Jeugd over 2017H2 aan via het samenwerkingsverband Jeugdhulp Regio Zuid-Limburg/,
  );
  assert.match(problem.detail, /Er is niets opgeslagen/);
  // Named as Wmo but with a Jeugd header inside a ZIP would be typed by its header as well; a plain
  // Wmo file of its own is accepted: Heerlen delegated only Jeugd.
  assert.deepEqual(await deliveriesFor(heerlen.id), []);
  const own = await upload(tokens.heerlen!, 'valid-wmo/WMO_0363_2017H2.csv', 'WMO_0917_2017H2.csv');
  assert.equal(own.status, 201, await own.clone().text());
  // In English the refusal names the collaboration too.
  const english = await fetch(`${t.url}/api/v1/deliveries`, {
    method: 'POST',
    body: await (async () => {
      const body = new FormData();
      body.append('halfjaar', '2017H2');
      body.append(
        'bestanden',
        new Blob([await readFile(path.join(FIXTURES, 'valid-jeugd/JEUGD_0363_2017H2.csv'))]),
        'JEUGD_0917_2017H2.csv',
      );
      return body;
    })(),
    headers: { authorization: `Bearer ${tokens.heerlen!}`, cookie: 'ggk_taal=en' },
  });
  assert.equal(english.status, 422);
  assert.match(
    ((await english.json()) as { detail: string }).detail,
    /through the collaboration Jeugdhulp Regio Zuid-Limburg/,
  );
});

test('the delegating gemeente sees on its deliveries page what its samenwerkingsverband delivered for it', async () => {
  const id = await uploadFiles(t.url, tokens.zuidLimburg!, [generatedFile('jeugd', '0917', 917)], {
    gemeentecode: '0917',
  });
  assert.equal(await waitUntilChecked(id), 'approved');
  const receipt = (
    await t.database.db
      .selectFrom('deliveries')
      .select('receipt_number')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).receipt_number;
  const gijs = await login(DEMO.gijs);
  const html = await (await gijs.get('/aanleveringen')).text();
  const section = /data-testid="delivered-by-others"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  assert.match(section, new RegExp(`${receipt}[\\s\\S]*Jeugdhulp Regio Zuid-Limburg`));
  assert.match(section, /technisch goedgekeurd|goedgekeurd/);
  // The files in force name the collaboration's receipt for Jeugd, without a link Heerlen cannot open.
  const inForce = /data-testid="in-force"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
  assert.match(inForce, new RegExp(`${receipt} \\(door Jeugdhulp Regio Zuid-Limburg\\)`));
  assert.doesNotMatch(inForce, new RegExp(`href="/aanleveringen/${id}"`));
  // The collaboration's own delivery page stays closed to the gemeente.
  assert.equal((await gijs.get(`/aanleveringen/${id}`)).status, 404);
});

test("the withdrawal page of the delegating gemeente and the CBS form page show the round's form link, address and days", async () => {
  now = new Date('2018-03-14T09:00:00Z');
  const gijs = await login(DEMO.gijs);
  const page = await (await gijs.get('/intrekken')).text();
  const facts = /data-testid="cbs-form-facts"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
  assert.ok(facts.includes(`href="${CBS_GMSD_PAGE}"`), 'the form link');
  assert.match(facts, /href="mailto:monitorsociaaldomein@cbs\.nl"/);
  assert.match(facts, /1 maart 2018 tot en met 23 maart 2018/);
  assert.match(
    page,
    /CBS neemt het voor Aanlevering 2e halfjaar 2017 \(pilot 2018\) aan van 1 maart 2018 tot en met 23 maart 2018/,
  );

  const julia = await login(DEMO.julia);
  const cbsPage = await (await julia.get('/intrekkingen')).text();
  assert.ok(cbsPage.includes(`href="${CBS_GMSD_PAGE}"`));
  assert.match(
    cbsPage,
    /Aanlevering 2e halfjaar 2017 \(pilot 2018\) \(formulier 1 maart 2018 tot en met 23 maart 2018\)/,
  );
});

test("CBS form outside the round's form days is refused with the dates; inside, the collaboration that delivered is told by mail", async () => {
  now = new Date('2018-03-14T09:00:00Z');
  const heerlen = await organisationByCode(t.database.db, '0917');
  const before = await deliveriesFor(heerlen.id);
  const julia = await login(DEMO.julia);
  const early = await julia.post(
    '/intrekkingen/formulier',
    { gemeentecode: '0917', ronde: roundId, ontvangen: '2018-02-28', kenmerk: 'CBS-2018-0917' },
    '/intrekkingen',
  );
  assert.equal(early.status, 400);
  assert.match(
    await early.text(),
    /Het formulier is ontvangen op 28 februari 2018, buiten de dagen waarop CBS het intrekkingsformulier voor Aanlevering 2e halfjaar 2017 \(pilot 2018\) aanneemt: 1 maart 2018 tot en met 23 maart 2018/,
  );
  assert.deepEqual(await deliveriesFor(heerlen.id), before, 'nothing changed');

  // 5 March: before the portal's intrekkingsperiode (12 March), inside the form days.
  const done = await julia.post(
    '/intrekkingen/formulier',
    { gemeentecode: '0917', ronde: roundId, ontvangen: '2018-03-05', kenmerk: 'CBS-2018-0917' },
    '/intrekkingen',
  );
  assert.equal(done.status, 200, await done.clone().text());
  assert.ok((await deliveriesFor(heerlen.id)).every((d) => d.state === 'withdrawn'));

  const eva = await t.mail.waitFor(
    (m) => m.to.includes(DEMO.eva) && m.subject.startsWith('Intrekking van Heerlen verwerkt'),
    10_000,
  );
  assert.match(eva.subject, /wat Jeugdhulp Regio Zuid-Limburg aanleverde is verwijderd/);
  assert.match(eva.text, /via het intrekkingsformulier van CBS \(kenmerk CBS-2018-0917\)/);
  assert.match(eva.text, /\/aanleveringen/);
  assert.match(eva.text, /through the CBS withdrawal form/, 'English below the Dutch');
  // Femke (rapportontvanger only) is not among those told; Eva is told once, not also by the
  // gemeente's confirmation (which links to the intrekker's page she cannot open).
  await t.mail.waitFor(
    (m) => m.to.includes(DEMO.gijs) && m.subject.startsWith('Intrekking verwerkt'),
    10_000,
  );
  const toEva = t.mail.messages().filter((m) => m.to.includes(DEMO.eva) && /Intrekking/.test(m.subject));
  assert.equal(toEva.length, 1);
  assert.equal(
    t.mail.messages().filter((m) => m.to.includes(DEMO.femke) && /Intrekking/.test(m.subject)).length,
    0,
  );
});
