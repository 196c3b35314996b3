// Attack (issue 15, finding 7): every made-up session cookie or bearer token got a rate-limit budget
// of its own, so a fresh fake credential per request was never limited; and the resumable path was
// not limited at all. Now only a credential that authenticates has its own budget (fakes share the
// address's), and starting, sending and finishing resumable uploads draw on the upload limits.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { RESUMABLE_CHUNK_LIMIT, RESUMABLE_CREATE_LIMIT, UPLOAD_LIMIT } from '../../src/http/rate-limits.ts';
import { DEMO, deliveryToken } from '../support/factories.ts';
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

async function status(response: Promise<Response>): Promise<number> {
  const res = await response;
  await res.body?.cancel();
  return res.status;
}

const apiUpload = (token: string) =>
  fetch(`${t.url}/api/v1/deliveries`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });

test('a fresh fake bearer token or session cookie per request buys no budget of its own', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < UPLOAD_LIMIT.max; i++)
    statuses.push(await status(apiUpload(`ggk_${randomBytes(16).toString('hex')}`)));
  assert.ok(!statuses.includes(429), statuses.join(','));
  assert.equal(await status(apiUpload(`ggk_${randomBytes(16).toString('hex')}`)), 429);

  // The address's upload budget is spent: a fake session cookie on the form is refused as well.
  const form = await fetch(`${t.url}/aanleveren`, {
    method: 'POST',
    headers: { cookie: `ggk_session=${randomBytes(24).toString('base64url')}` },
  });
  assert.equal(form.status, 429);
  await form.body?.cancel();

  // A real token still has its own budget.
  const real = await deliveryToken(t.database.db, now, '0363');
  assert.notEqual(await status(apiUpload(real)), 429);
});

test('starting and finishing resumable uploads count against the upload limits', async () => {
  const bram = new WebClient(t.url);
  await bram.loginAs(demoSubjectOf(DEMO.bram));
  const csrf = await bram.csrf('/aanleveren');
  const headers = { 'x-csrf-token': csrf, cookie: `ggk_session=${bram.cookies.get('ggk_session')}` };
  const create = () =>
    fetch(`${t.url}/aanleveren/hervatbaar`, {
      method: 'POST',
      headers: { ...headers, 'tus-resumable': '1.0.0', 'upload-length': '1' },
    });
  const created: number[] = [];
  for (let i = 0; i < RESUMABLE_CREATE_LIMIT.max; i++) created.push(await status(create()));
  assert.deepEqual(new Set(created), new Set([201]));
  assert.equal(await status(create()), 429);

  // Finishing draws on the same budget as the form and the API: 30 deliveries a minute in all.
  const finish = () =>
    bram.request('POST', '/aanleveren/afronden', { form: { _csrf: csrf, upload: 'onbekend' } });
  for (let i = 0; i < UPLOAD_LIMIT.max - 1; i++) assert.notEqual(await status(finish()), 429);
  const form = () => bram.request('POST', '/aanleveren', { form: { _csrf: csrf } });
  assert.notEqual(await status(form()), 429);
  assert.equal(await status(finish()), 429);
  assert.equal(await status(form()), 429);
});

test('every chunk of a resumable upload (tus PATCH) counts against the chunk limit; one over it writes nothing', async () => {
  // A session of its own, so the budgets the tests above spent do not count here.
  const bram = new WebClient(t.url);
  await bram.loginAs(demoSubjectOf(DEMO.bram));
  const csrf = await bram.csrf('/aanleveren');
  const headers = {
    'tus-resumable': '1.0.0',
    'x-csrf-token': csrf,
    cookie: `ggk_session=${bram.cookies.get('ggk_session')}`,
  };
  const created = await fetch(`${t.url}/aanleveren/hervatbaar`, {
    method: 'POST',
    headers: { ...headers, 'upload-length': '10' },
  });
  assert.equal(created.status, 201);
  const url = `${t.url}${new URL(created.headers.get('location')!, t.url).pathname}`;
  const patch = (target: string, offset: number) =>
    fetch(target, {
      method: 'PATCH',
      headers: {
        ...headers,
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
      },
      body: new Uint8Array([0x41]),
    });
  const first = await patch(url, 0);
  await first.body?.cancel();
  assert.equal(first.status, 204);
  // The rest of the budget, spent in parallel on an upload that does not exist: the limit counts
  // chunk requests of the credential, whatever upload they name.
  const unknown = `${t.url}/aanleveren/hervatbaar/${randomBytes(16).toString('hex')}`;
  let left = RESUMABLE_CHUNK_LIMIT.max - 1;
  const statuses = new Set<number>();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (left > 0) {
        left--;
        const res = await patch(unknown, 0);
        await res.body?.cancel();
        statuses.add(res.status);
      }
    }),
  );
  assert.ok(!statuses.has(429), [...statuses].join(','));
  const over = await patch(url, 1);
  assert.equal(over.status, 429);
  assert.match(await over.text(), /Te veel verzoeken/);
  // The refused chunk was not written: the upload stands where the allowed chunk left it.
  const head = await fetch(url, { method: 'HEAD', headers });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('upload-offset'), '1');
});
