// Issue 20 (screen readers): on an English page, Dutch data such as a round's name is marked
// lang="nl", so a screen reader reads it in Dutch instead of mispronouncing it as English.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { DEMO, deliveryToken } from '../support/factories.ts';
import { generatedFile, uploadFiles } from '../support/handover.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ now: () => new Date('2018-02-20T09:00:00Z'), deliveries: true });
});
after(async () => {
  await t.close();
});

test('the English home page marks the round\'s Dutch name lang="nl"', async () => {
  const round = await t.database.db.selectFrom('rounds').select('name').executeTakeFirstOrThrow();
  const res = await fetch(`${t.url}/`, { headers: { cookie: 'ggk_taal=en', accept: 'text/html' } });
  const html = await res.text();
  assert.match(html, /<html lang="en"/);
  assert.match(html, new RegExp(`Current round: <span lang="nl">${escape(round.name)}</span>`));
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function englishClient(email: string): Promise<WebClient> {
  const client = new WebClient(t.url);
  await client.loginAs(demoSubjectOf(email));
  client.cookies.set('ggk_taal', 'en');
  return client;
}

test('the English monitor names the round in Dutch: lang="nl" inside its English sentence', async () => {
  const round = await t.database.db.selectFrom('rounds').select('name').executeTakeFirstOrThrow();
  const ivo = await englishClient(DEMO.ivo);
  const html = await (await ivo.get('/monitor')).text();
  const sentence = /data-testid="monitor-round">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
  assert.match(sentence, new RegExp(`^<span lang="nl">${escape(round.name)}</span>: deliveries from `));
});

test('the English op-orde page marks CBS\'s Dutch category names lang="nl", the Dutch page does not', async () => {
  const token = await deliveryToken(t.database.db, new Date('2018-02-20T09:00:00Z'));
  const id = await uploadFiles(t.url, token, [generatedFile('wmo', '0363', 7)]);
  let found = false;
  for (let i = 0; i < 300 && !found; i++) {
    const row = await t.database.db
      .selectFrom('content_reports')
      .select('delivery_id')
      .where('delivery_id', '=', id)
      .executeTakeFirst();
    found = row !== undefined;
    if (!found) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(found, 'the op-orde report was made');
  const bram = await englishClient(DEMO.bram);
  const english = await (await bram.get(`/aanleveringen/${id}/op-orde`)).text();
  assert.match(english, /<html lang="en"/);
  // The categories (e.g. Wmo product categories) are CBS's Dutch names, in the Description column.
  const dutchCells = [...english.matchAll(/<td class="utrecht-table__cell" lang="nl">([^<]+)</g)].map(
    (m) => m[1]!,
  );
  assert.ok(dutchCells.length >= 3, `Dutch category cells: ${dutchCells.length}`);
  // Only those: the codes, the figures and the English headers are not marked.
  assert.doesNotMatch(english, /<th[^>]*scope="col"[^>]*lang=/);
  assert.ok(dutchCells.every((c) => !/^\d/.test(c)));
  // Numbers and English labels are not marked.
  assert.doesNotMatch(english, /<td[^>]*utrecht-table__cell--numeric[^>]*lang="nl"/);
  bram.cookies.set('ggk_taal', 'nl');
  const dutch = await (await bram.get(`/aanleveringen/${id}/op-orde`)).text();
  assert.match(dutch, /<html lang="nl"/);
  assert.doesNotMatch(dutch, /<t[dh][^>]*lang=/);
});
