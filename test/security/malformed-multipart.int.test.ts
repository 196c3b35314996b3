// Attack (issue 15, finding 8): malformed multipart answered 500 (missing boundary, truncated body,
// too many fields). These are the client's fault: the API answers 400/413 problem+json, the portal a
// page in the visitor's language, and nothing is stored.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { deliveryToken } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';

const now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;
let token: string;
let bram: WebClient;
let csrf: string;

before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
  token = await deliveryToken(t.database.db, now, '0363');
  bram = new WebClient(t.url);
  await bram.loginAs(demoSubjectOf('bram.jansen@amsterdam.example'));
  csrf = await bram.csrf('/aanleveren');
});
after(async () => {
  await t.close();
});

const B = 'grens123';
const field = (name: string, value: string) =>
  `--${B}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const file = (name: string, content: string) =>
  `--${B}\r\ncontent-disposition: form-data; name="bestanden"; filename="${name}"\r\ncontent-type: text/csv\r\n\r\n${content}\r\n`;
const end = `--${B}--\r\n`;

/** Each malformed body: its content type and the bytes sent. */
function cases(prefix: string): Array<[string, string, string]> {
  const many = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('');
  return [
    ['no boundary', 'multipart/form-data', `${prefix}${file('a.csv', 'x')}${end}`],
    ['empty boundary', 'multipart/form-data; boundary=', `${prefix}${end}`],
    [
      'truncated body',
      `multipart/form-data; boundary=${B}`,
      `${prefix}${file('WMO_0363_2017H2.csv', 'regel;1\n')}`.slice(0, -4),
    ],
    [
      'truncated headers',
      `multipart/form-data; boundary=${B}`,
      `${prefix}--${B}\r\ncontent-disposition: form-da`,
    ],
    [
      'too many fields',
      `multipart/form-data; boundary=${B}`,
      `${prefix}${many(40, (i) => field(`v${i}`, 'x'))}${end}`,
    ],
    [
      'too many files',
      `multipart/form-data; boundary=${B}`,
      `${prefix}${many(70, (i) => file(`f${i}.csv`, 'x'))}${end}`,
    ],
    [
      'too many parts',
      `multipart/form-data; boundary=${B}`,
      `${prefix}${many(500, () => `--${B}\r\n\r\n\r\n`)}${end}`,
    ],
    [
      'field too large',
      `multipart/form-data; boundary=${B}`,
      `${prefix}${field('halfjaar', 'x'.repeat(5000))}${end}`,
    ],
  ];
}

test('malformed multipart to the API gets 400/413 problem+json, never 500, and stores nothing', async () => {
  const deliveries = (await t.database.db.selectFrom('deliveries').select('id').execute()).length;
  for (const [name, type, body] of cases(field('halfjaar', '2017H2'))) {
    const res = await fetch(`${t.url}/api/v1/deliveries`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body,
    });
    const text = await res.text();
    assert.ok([400, 413].includes(res.status), `${name}: ${res.status} ${text}`);
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/, name);
    assert.equal(JSON.parse(text).status, res.status, name);
  }
  assert.equal((await t.database.db.selectFrom('deliveries').select('id').execute()).length, deliveries);
  assert.equal(
    (await t.database.db.selectFrom('pending_uploads').select('stored_file_id').execute()).length,
    0,
  );
});

test('malformed multipart to the portal gets a page in the visitor language, never 500', async () => {
  for (const locale of ['nl', 'en'] as const) {
    if (locale === 'en') await bram.get('/taal/en?terug=/aanleveren');
    for (const [name, type, body] of cases(field('_csrf', csrf) + field('halfjaar', '2017H2'))) {
      const res = await fetch(`${t.url}/aanleveren`, {
        method: 'POST',
        headers: {
          accept: 'text/html',
          'content-type': type,
          cookie: [...bram.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
        body,
      });
      const html = await res.text();
      // 403: the form's token never arrived (the body broke before it), the page says so.
      assert.ok([400, 403, 413].includes(res.status), `${locale} ${name}: ${res.status}`);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/, name);
      assert.match(html, new RegExp(`<html lang="${locale}">`), `${locale} ${name}`);
    }
  }
});
