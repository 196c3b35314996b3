// Attack (issue 15, finding 2): the same file sent many times at once. The duplicate rule used to be
// a select before the insert, so ten parallel uploads got two receipts. The rule now lives in the
// database (delivered_file_claims' primary key): 50 parallel identical uploads, half through the API
// and half through the portal form, give exactly one receipt and a clear 409 for every other one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { deliveryToken } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';

const now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;

before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
});
after(async () => {
  await t.close();
});

test('50 parallel identical uploads (API and portal): exactly one receipt, 49 refusals, one stored file', async () => {
  const bytes = await readFile(path.resolve('test/fixtures/validation/valid-sbw/SBW_0363_2017H2.csv'));
  const token = await deliveryToken(t.database.db, now);
  const bram = new WebClient(t.url);
  await bram.loginAs(demoSubjectOf('bram.jansen@amsterdam.example'));
  const page = await (await bram.get('/aanleveren')).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
  const cookie = `ggk_session=${bram.cookies.get('ggk_session')}`;

  const viaApi = () => {
    const body = new FormData();
    body.append('halfjaar', '2017H2');
    body.append('bestanden', new Blob([bytes]), 'SBW_0363_2017H2.csv');
    return fetch(`${t.url}/api/v1/deliveries`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${token}` },
    });
  };
  const viaPortal = () => {
    const body = new FormData();
    body.append('_csrf', csrf);
    body.append('halfjaar', '2017H2');
    body.append('bestanden', new Blob([bytes]), 'SBW_0363_2017H2.csv');
    return fetch(`${t.url}/aanleveren`, { method: 'POST', body, headers: { cookie }, redirect: 'manual' });
  };
  // 25 per credential stays under the upload rate limit (30 a minute), so every refusal is the rule's.
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? viaApi() : viaPortal())),
  );
  const receipts = responses.filter((r) => r.status === 201 || r.status === 303);
  assert.equal(receipts.length, 1, `statuses: ${responses.map((r) => r.status).join(',')}`);
  for (const [i, r] of responses.entries()) {
    if (r.status === 201 || r.status === 303) continue;
    // The API answers 409 problem+json; the portal shows its form again (400) with the message.
    assert.equal(r.status, i % 2 === 0 ? 409 : 400, 'a clear refusal, not an error');
    const text = await r.text();
    assert.match(text, /SBW_0363_2017H2\.csv/);
    assert.match(text, /niet opnieuw opgeslagen/);
  }
  assert.equal((await t.database.db.selectFrom('deliveries').select('id').execute()).length, 1);
  assert.equal((await t.database.db.selectFrom('delivery_files').select('id').execute()).length, 1);
  assert.equal(
    (await t.database.db.selectFrom('pending_uploads').select('stored_file_id').execute()).length,
    0,
  );

  // A retry after the check (approved now) is refused the same way.
  const receiptId = await t.database.db.selectFrom('deliveries').select('id').executeTakeFirstOrThrow();
  for (let i = 0; i < 200; i++) {
    const d = await t.database.db
      .selectFrom('deliveries')
      .select('state')
      .where('id', '=', receiptId.id)
      .executeTakeFirstOrThrow();
    if (d.state === 'approved') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const retry = await viaApi();
  assert.equal(retry.status, 409);
  assert.match(((await retry.json()) as { title: string }).title, /al goedgekeurd en van kracht/);
});

test('the largest upload (60 files), sent 10 times at once in opposite file orders: one receipt, 9 refusals', async () => {
  // 60 files is the most one upload may hold: its audit entry names every file (id, checksum, size)
  // and used to be refused as too large, a 500 after every file was stored. Each upload claims all
  // its contents, in one order whatever the order of its files (so these cannot deadlock).
  const token = await deliveryToken(t.database.db, now);
  const files = Array.from({ length: 60 }, (_, i) => ({
    blob: new Blob([`inhoud ${i} ${Date.now()}\n`]),
    name: `SBW_0363_2017H1_${i}.csv`,
  }));
  const upload = (order: typeof files) => {
    const body = new FormData();
    body.append('halfjaar', '2017H1');
    for (const f of order) body.append('bestanden', f.blob, f.name);
    return fetch(`${t.url}/api/v1/deliveries`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${token}` },
    });
  };
  const reversed = [...files].reverse();
  const responses = await Promise.all(
    Array.from({ length: 10 }, (_, i) => upload(i % 2 === 0 ? files : reversed)),
  );
  const statuses = responses.map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 201).length, 1, `statuses: ${statuses.join(',')}`);
  assert.equal(statuses.filter((s) => s === 409).length, 9, `statuses: ${statuses.join(',')}`);
});
