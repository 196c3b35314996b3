import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { amsterdamInstant } from '../../src/platform/time/amsterdam-time.ts';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestApp, type TestApp } from '../support/test-app.ts';

function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

let now = amsterdamInstant('2018-02-20', '10:00');
let t: TestApp;
before(async () => {
  t = await startTestApp({ now: () => now });
});
after(async () => {
  await t.close();
});

test('/health answers 200 while the database is reachable', async () => {
  const res = await fetch(`${t.url}/health`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: 'ok', database: 'ok' });
});

test('the home page shows the current round and its windows in Dutch', async () => {
  const res = await fetch(`${t.url}/`, { headers: { accept: 'text/html' } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/html/);
  const html = await res.text();
  assert.match(html, /<html lang="nl">/);
  assert.match(html, /Aanlevering 2e halfjaar 2017 \(pilot 2018\)/);
  assert.match(html, /12 februari 2018 tot en met 9 maart 2018/);
  assert.match(html, /23 februari 2018/);
  assert.match(html, /12 maart 2018 tot en met 23 maart 2018/);
  assert.match(html, /2e halfjaar 2017 \(1 juli 2017 tot en met 31 december 2017\)/);
  assert.match(
    html,
    /1e halfjaar 2017 \(1 januari 2017 tot en met 30 juni 2017\), als eerste levering of herlevering/,
  );
  assert.match(html, /De aanleverperiode is open/);
  assert.match(html, /382 organisaties, waarvan 13 pilotdeelnemers/);
});

test('the home page follows the clock through the phases of the round', async () => {
  now = amsterdamInstant('2018-03-15', '12:00');
  assert.match(await (await fetch(`${t.url}/`)).text(), /U kunt nu een aanlevering intrekken/);
  now = amsterdamInstant('2026-11-30', '12:00');
  assert.match(await (await fetch(`${t.url}/`)).text(), /Deze ronde is afgesloten/);
  now = amsterdamInstant('2018-02-20', '10:00');
});

test('an unknown page is a Dutch 404 page for browsers and problem+json for others', async () => {
  const page = await fetch(`${t.url}/bestaat-niet`, { headers: { accept: 'text/html' } });
  assert.equal(page.status, 404);
  assert.match(await page.text(), /Pagina niet gevonden/);
  const api = await fetch(`${t.url}/api/v1/niets`);
  assert.equal(api.status, 404);
  assert.equal(api.headers.get('content-type'), 'application/problem+json; charset=utf-8');
});

test('a refusal outside a form is a page for browsers, in their language, and problem+json for others', async () => {
  // Too many login attempts from one address (last in this file's use of the login routes).
  let limited: Response | undefined;
  for (let i = 0; i < 40 && limited?.status !== 429; i++) {
    limited = await fetch(`${t.url}/inloggen/callback`, {
      headers: { accept: 'text/html' },
      redirect: 'manual',
    });
    if (limited.status !== 429) await limited.arrayBuffer();
  }
  assert.equal(limited?.status, 429);
  assert.match(limited!.headers.get('content-type') ?? '', /text\/html/);
  const dutch = await limited!.text();
  assert.match(dutch, /<h1 class="utrecht-heading-1">Even geduld<\/h1>/);
  assert.match(dutch, /Te veel verzoeken; probeer het over een minuut opnieuw\./);
  const english = await fetch(`${t.url}/inloggen/callback`, {
    headers: { accept: 'text/html', cookie: 'ggk_taal=en' },
    redirect: 'manual',
  });
  assert.equal(english.status, 429);
  const html = await english.text();
  assert.match(html, /<html lang="en">/);
  assert.match(html, /Too many requests; please try again in a minute\./);
  const api = await fetch(`${t.url}/inloggen/callback`, { redirect: 'manual' });
  assert.equal(api.status, 429);
  assert.match(api.headers.get('content-type') ?? '', /application\/problem\+json/);
});

test('pages carry the security headers: CSP without unsafe-inline, HSTS, no framing, no referrer', async () => {
  const res = await fetch(`${t.url}/`);
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.match(res.headers.get('strict-transport-security') ?? '', /max-age=31536000/);
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.match(res.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
});

test('serves the NL Design System stylesheets and nothing outside its list', async () => {
  const css = await fetch(`${t.url}/assets/utrecht.css`);
  assert.equal(css.status, 200);
  assert.match(await css.text(), /\.utrecht-heading-1/);
  assert.match(await (await fetch(`${t.url}/assets/theme.css`)).text(), /\.voorbeeld-theme/);
  assert.equal((await fetch(`${t.url}/assets/..%2Fpackage.json`)).status, 404);
  assert.equal((await fetch(`${t.url}/assets/constructor`)).status, 404);
  assert.equal((await fetch(`${t.url}/assets/0123456789abcdef/constructor`)).status, 404);
  assert.equal((await fetch(`${t.url}/assets/0123456789abcdef/..%2Fpackage.json`)).status, 404);
});

test('pages link their stylesheets by content hash: compressed, cached for a year, a new version a new address', async () => {
  const html = await (await fetch(`${t.url}/`, { headers: { accept: 'text/html' } })).text();
  const href = /<link rel="stylesheet" href="(\/assets\/([0-9a-f]{16})\/utrecht\.css)"/.exec(html);
  assert.ok(href, 'the page links utrecht.css by its hash');
  const plain = await fetch(`${t.url}/assets/utrecht.css`, { headers: { 'accept-encoding': 'identity' } });
  const raw = Buffer.from(await plain.arrayBuffer());
  assert.equal(plain.headers.get('content-encoding'), null);
  assert.equal(createHash('sha256').update(raw).digest('hex').slice(0, 16), href[2]);
  assert.equal(plain.headers.get('cache-control'), 'no-cache');

  // Node's fetch decodes what it is sent; ask through http to see the bytes on the wire.
  for (const [accept, encoding, decode] of [
    ['gzip, deflate, br', 'br', brotliDecompressSync],
    ['gzip', 'gzip', gunzipSync],
    ['br;q=0, gzip', 'gzip', gunzipSync],
  ] as const) {
    const res = await rawGet(`${t.url}${href[1]}`, { 'accept-encoding': accept });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], encoding, accept);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(res.headers.vary, 'accept-encoding');
    assert.ok(res.body.length < raw.length / 4, `${encoding}: ${res.body.length} of ${raw.length} bytes`);
    assert.deepEqual(decode(res.body), raw);
  }
  // Revalidation by ETag; an old hash (a page from before an upgrade) still gets the stylesheet.
  const etag = plain.headers.get('etag')!;
  assert.equal(
    (await fetch(`${t.url}/assets/utrecht.css`, { headers: { 'if-none-match': etag } })).status,
    304,
  );
  const stale = await fetch(`${t.url}/assets/0123456789abcdef/utrecht.css`);
  assert.equal(stale.status, 200);
  assert.equal(stale.headers.get('cache-control'), 'no-cache');
});

test('the favicon is there, linked from every page and at /favicon.ico', async () => {
  const html = await (await fetch(`${t.url}/`, { headers: { accept: 'text/html' } })).text();
  const svg = /<link rel="icon" href="([^"]+)" type="image\/svg\+xml"/.exec(html);
  assert.ok(svg);
  const icon = await fetch(`${t.url}${svg[1]}`);
  assert.equal(icon.status, 200);
  assert.match(await icon.text(), /^<svg /);
  const ico = await fetch(`${t.url}/favicon.ico`);
  assert.equal(ico.status, 200);
  assert.equal(ico.headers.get('content-type'), 'image/x-icon');
  assert.deepEqual([...Buffer.from(await ico.arrayBuffer()).subarray(0, 4)], [0, 0, 1, 0]);
});

test('/health answers 503 when the database is gone', async () => {
  const other = await startTestApp({ seed: false });
  try {
    await other.database.close();
    const res = await fetch(`${other.url}/health`);
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), { status: 'unavailable', database: 'unreachable' });
  } finally {
    await other.close();
  }
});
