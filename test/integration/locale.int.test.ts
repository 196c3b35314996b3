// The language switch: a plain link that sets the language cookie and returns to the page (only to a
// path on ggk), after which the layout, the status pages and the accessibility statement are English.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ seed: false });
});
after(async () => {
  await t.close();
});

test('Dutch by default; the switch remembers English in a cookie and returns to the page', async () => {
  const dutch = await (await fetch(`${t.url}/toegankelijkheid`)).text();
  assert.match(dutch, /<html lang="nl">/);
  assert.match(dutch, /<title>Toegankelijkheidsverklaring - ggk/);
  assert.match(dutch, /WCAG 2\.1 niveau AA/);
  assert.match(dutch, /href="\/taal\/en\?terug=%2Ftoegankelijkheid"/);

  const res = await fetch(`${t.url}/taal/en?terug=/toegankelijkheid`, { redirect: 'manual' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/toegankelijkheid');
  const cookie = res.headers.get('set-cookie') ?? '';
  assert.match(cookie, /^ggk_taal=en;/);
  assert.match(cookie, /HttpOnly/);

  const english = await (
    await fetch(`${t.url}/toegankelijkheid`, { headers: { cookie: 'ggk_taal=en' } })
  ).text();
  assert.match(english, /<html lang="en">/);
  assert.match(english, /<title>Accessibility statement - ggk/);
  assert.match(english, /WCAG 2\.1 level AA/);
  assert.match(english, /Skip to content/);
  assert.match(english, /href="\/taal\/nl\?terug=%2Ftoegankelijkheid"/);

  const missing = await fetch(`${t.url}/bestaat-niet`, {
    headers: { cookie: 'ggk_taal=en', accept: 'text/html' },
  });
  assert.equal(missing.status, 404);
  assert.match(await missing.text(), /Page not found/);
});

test('the switch returns only to a path on ggk, and knows only its languages', async () => {
  for (const terug of [
    '//evil.example/',
    'https://evil.example/',
    '/\\evil.example',
    'javascript:alert(1)',
  ]) {
    const res = await fetch(`${t.url}/taal/nl?terug=${encodeURIComponent(terug)}`, { redirect: 'manual' });
    assert.equal(res.headers.get('location'), '/', terug);
  }
  const unknown = await fetch(`${t.url}/taal/fr`, { redirect: 'manual', headers: { accept: 'text/html' } });
  assert.equal(unknown.status, 404);
  const odd = await (await fetch(`${t.url}/`, { headers: { cookie: 'ggk_taal=xx' } })).text();
  assert.match(odd, /<html lang="nl">/);
});
