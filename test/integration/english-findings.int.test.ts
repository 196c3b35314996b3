// English findings keep the Dutch detail (issue 20): the technical report's findings carry their
// parameters (extension), and the English delivery page and CSV download render them from the
// catalogue: a wrong code names the allowed codes and the value. A report stored before the extension
// (no parameters) still renders, with the code's general text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import type { Report } from '../../src/modules/validation/index.ts';
import { DEMO, deliveryToken } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';

const now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;
let token: string;

before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
  token = await deliveryToken(t.database.db, now);
});
after(async () => {
  await t.close();
});

async function deliverWrongCode(): Promise<string> {
  const body = new FormData();
  body.append('halfjaar', '2017H2');
  const bytes = await readFile('test/fixtures/validation/field-code-unknown/WMO_0363_2017H2.csv');
  body.append('bestanden', new Blob([bytes]), 'WMO_0363_2017H2.csv');
  const res = await fetch(`${t.url}/api/v1/deliveries`, {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(res.status, 201, await res.clone().text());
  const { id } = (await res.json()) as { id: string };
  for (let i = 0; i < 200; i++) {
    const row = await t.database.db
      .selectFrom('deliveries')
      .select('state')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (row.state === 'rejected') return id;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`delivery ${id} was not rejected`);
}

async function english(): Promise<WebClient> {
  const bram = new WebClient(t.url);
  bram.cookies.set('ggk_taal', 'en');
  await bram.loginAs(demoSubjectOf(DEMO.bram));
  return bram;
}

const ALLOWED = 'Allowed: 01, 02, 03, 04, 05, 06, 07, 08, 09, 10, 11, 12, 13, 14, 15, 16, 17, 18.';

test('an English delivery page and CSV name the allowed codes and the value of a wrong code', async () => {
  const id = await deliverWrongCode();
  const bram = await english();
  const page = await (await bram.get(`/aanleveringen/${id}`)).text();
  assert.ok(
    page.includes(`The value of &quot;productcategorie&quot; is not in the code list`),
    'English text',
  );
  assert.ok(page.includes(ALLOWED), 'the allowed codes');
  assert.ok(page.includes('(value: 99)'), 'the value');
  assert.ok(!page.includes('Toegestaan:'), 'not the Dutch message');
  const csv = await (await bram.get(`/aanleveringen/${id}/rapport.csv`)).text();
  assert.ok(csv.includes(ALLOWED), 'the allowed codes in the English CSV');
  // Dutch keeps the report's own message.
  bram.cookies.set('ggk_taal', 'nl');
  const dutch = await (await bram.get(`/aanleveringen/${id}`)).text();
  assert.ok(dutch.includes('Toegestaan: 01, 02, 03'), 'the Dutch message');
});

test('a report stored before the extension (no parameters) still renders, with the general English text', async () => {
  const id = await deliverWrongCode();
  const row = await t.database.db
    .selectFrom('deliveries')
    .select('report')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const report = row.report as Report;
  for (const file of report.files)
    for (const f of file.findings) {
      delete f.params;
      delete f.variant;
    }
  await t.database.db
    .updateTable('deliveries')
    .set({ report: JSON.stringify(report) })
    .where('id', '=', id)
    .execute();
  const bram = await english();
  const res = await bram.get(`/aanleveringen/${id}`);
  assert.equal(res.status, 200);
  const page = await res.text();
  assert.ok(page.includes('The value is not in the code list.'), 'the general text');
  assert.ok(page.includes('(value: 99)'), 'the value');
  assert.ok(!page.includes(ALLOWED));
});
