// Attack (issue 15, finding 1): @tus/server took the upload id from the end of the whole URL, query
// string included, while ggk checked the route's :id. So `PATCH|HEAD|DELETE
// /aanleveren/hervatbaar/<own id>?x=/<victim id>` passed the owner check on the own upload and then
// acted on another organisation's upload: read its metadata, wrote bytes into it, cancelled it.
// Now any tus URL with a query or extra segment is refused, and tus acts on the checked id only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';
import { DEMO } from '../support/factories.ts';

let t: TestApp;
const users: Record<string, { cookie: string; csrf: string }> = {};

before(async () => {
  t = await startTestApp({ now: () => new Date('2018-02-20T09:00:00Z'), deliveries: true });
  for (const email of [DEMO.bram, DEMO.kim]) {
    const client = new WebClient(t.url);
    await client.loginAs(demoSubjectOf(email));
    users[email] = {
      cookie: `ggk_session=${client.cookies.get('ggk_session')}`,
      csrf: await client.csrf('/aanleveren'),
    };
  }
});
after(async () => {
  await t.close();
});

function tus(as: string, method: string, url: string, headers: Record<string, string> = {}, body?: Buffer) {
  const user = users[as]!;
  return fetch(`${t.url}${url}`, {
    method,
    headers: { 'tus-resumable': '1.0.0', 'x-csrf-token': user.csrf, cookie: user.cookie, ...headers },
    body: body === undefined ? undefined : new Uint8Array(body),
  });
}

async function create(as: string, size: number): Promise<string> {
  const res = await tus(as, 'POST', '/aanleveren/hervatbaar', {
    'upload-length': String(size),
    'upload-metadata': `filename ${Buffer.from('WMO_0344_2017H2.csv').toString('base64')}`,
  });
  assert.equal(res.status, 201, await res.text());
  return new URL(res.headers.get('location')!, t.url).pathname.split('/').pop()!;
}

const BRAM = DEMO.bram;
const KIM = DEMO.kim;
const patchHeaders = (offset: number) => ({
  'upload-offset': String(offset),
  'content-type': 'application/offset+octet-stream',
});

test("an upload id smuggled after a query string or an extra segment never reaches another organisation's upload", async () => {
  const victim = await create(KIM, 20);
  assert.equal(
    (await tus(KIM, 'PATCH', `/aanleveren/hervatbaar/${victim}`, patchHeaders(0), Buffer.from('0123456789')))
      .status,
    204,
  );
  const own = await create(BRAM, 20);
  const victimFile = path.join(t.config.dataDir, 'hervatbaar', victim);
  const before = await readFile(victimFile);

  for (const suffix of [`?x=/${victim}`, `/${victim}`, `?/${victim}`, `/?x=/${victim}`, `%3Fx=/${victim}`]) {
    const url = `/aanleveren/hervatbaar/${own}${suffix}`;
    const head = await tus(BRAM, 'HEAD', url);
    assert.ok(head.status >= 400, `HEAD ${suffix}: ${head.status}`);
    assert.equal(head.headers.get('upload-metadata'), null, `HEAD ${suffix} shows no metadata`);
    const patch = await tus(BRAM, 'PATCH', url, patchHeaders(10), Buffer.from('XXXXXXXXXX'));
    assert.ok(patch.status >= 400, `PATCH ${suffix}: ${patch.status}`);
    const del = await tus(BRAM, 'DELETE', url);
    assert.ok(del.status >= 400, `DELETE ${suffix}: ${del.status}`);
  }
  // A query string on the creation request is refused too (tus would otherwise see a "path").
  const created = await tus(BRAM, 'POST', `/aanleveren/hervatbaar?x=/${victim}`, { 'upload-length': '5' });
  assert.equal(created.status, 400);

  // The victim's upload is untouched: same bytes, same offset, still theirs to finish.
  assert.deepEqual(await readFile(victimFile), before);
  const head = await tus(KIM, 'HEAD', `/aanleveren/hervatbaar/${victim}`);
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('upload-offset'), '10');
  // And the attacker's own upload still works through its plain URL.
  assert.equal((await tus(BRAM, 'HEAD', `/aanleveren/hervatbaar/${own}`)).status, 200);
});
