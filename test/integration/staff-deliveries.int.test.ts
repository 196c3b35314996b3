// Issue 20's dead ends for staff: "Aanleveringen" gives the operator and CBS the round's deliveries
// (search, filters, pages) instead of "your organisation delivered nothing"; the servicedesk search
// finds a delivery by its receipt number. Hostile query strings filter nothing and break nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { amsterdamInstant } from '../../src/platform/time/amsterdam-time.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';
import { DEMO } from '../support/factories.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ now: () => amsterdamInstant('2018-02-20', '10:00'), demoDeliveries: true });
});
after(async () => {
  await t.close();
});

async function login(email: string): Promise<WebClient> {
  const c = new WebClient(t.url);
  assert.equal((await c.loginAs(demoSubjectOf(email))).status, 303);
  return c;
}

const rowsOf = (html: string) =>
  html.match(/<tr class="utrecht-table__row"[^>]*>\s*<th[^>]*scope="row"/g)?.length ?? 0;

test('operator and CBS get the round deliveries with search and filters; an organisation its own', async () => {
  const total = Number(
    (
      await t.database.db
        .selectFrom('deliveries')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  assert.ok(total > 3, 'the demo round has deliveries');
  for (const email of [DEMO.ivo, DEMO.julia]) {
    const staff = await login(email);
    const all = await (await staff.get('/aanleveringen')).text();
    assert.doesNotMatch(all, /Uw organisatie heeft/);
    assert.equal(rowsOf(all), total, email);
    assert.match(all, new RegExp(`${total} aanleveringen gevonden`));

    const utrecht = await (await staff.get('/aanleveringen?zoek=utrecht')).text();
    assert.ok(rowsOf(utrecht) >= 1 && rowsOf(utrecht) < total);
    assert.ok(!/Amsterdam \(0363\)/.test(utrecht));
    const receipt = /DEMO-2018-\d{6}/.exec(all)![0];
    const one = await (await staff.get(`/aanleveringen?zoek=${receipt}`)).text();
    assert.equal(rowsOf(one), 1);
    assert.match(one, /1 aanlevering gevonden/);

    const rejected = await (await staff.get('/aanleveringen?stand=rejected')).text();
    assert.ok(
      [...rejected.matchAll(/<td class="utrecht-table__cell">([^<]*)<\/td>\s*<\/tr>/g)].every(
        (m) => m[1] === 'Technisch afgekeurd',
      ),
    );
    // Hostile values filter nothing, break nothing.
    const hostile = await staff.get(
      `/aanleveringen?stand=${encodeURIComponent("x' or 1=1")}&halfjaar=%00&pagina=-9&zoek=${encodeURIComponent('%_\\')}`,
    );
    assert.equal(hostile.status, 200);
    assert.match(await hostile.text(), /Geen aanleveringen gevonden/);
  }
  const carla = await login(DEMO.carla);
  const own = await (await carla.get('/aanleveringen')).text();
  assert.doesNotMatch(own, /aanleveringen gevonden/);
  assert.doesNotMatch(own, /Utrecht/);
});

test('the servicedesk finds a delivery by its receipt number', async () => {
  const d = await t.database.db
    .selectFrom('deliveries')
    .select(['id', 'receipt_number'])
    .orderBy('receipt_number')
    .executeTakeFirstOrThrow();
  const operator = await login(DEMO.ivo);
  for (const term of [d.receipt_number, d.receipt_number.toLowerCase(), d.receipt_number.slice(-6)]) {
    const html = await (await operator.get(`/beheer/servicedesk?zoek=${encodeURIComponent(term)}`)).text();
    assert.match(html, new RegExp(`href="/aanleveringen/${d.id}">${d.receipt_number}</a>`), term);
  }
  assert.equal((await operator.get(`/aanleveringen/${d.id}`)).status, 200);
});
