// Issue 20 (screen readers): on an English page, Dutch data such as a round's name is marked
// lang="nl", so a screen reader reads it in Dutch instead of mispronouncing it as English.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ now: () => new Date('2018-02-20T09:00:00Z') });
});
after(async () => {
  await t.close();
});

test('the English home page marks the round\'s Dutch name lang="nl"', async () => {
  const round = await t.database.db.selectFrom('rounds').select('name').executeTakeFirstOrThrow();
  const res = await fetch(`${t.url}/`, { headers: { cookie: 'ggk_taal=en', accept: 'text/html' } });
  const html = await res.text();
  assert.match(html, /<html lang="en"/);
  const escaped = round.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  assert.match(html, new RegExp(`Current round: <span lang="nl">${escaped}</span>`));
});
