// Idempotency-Key on POST /api/v1/deliveries: a client whose upload got no answer (the web node died
// after storing) retries with the same key and gets the first delivery's receipt instead of a second
// delivery or a duplicate refusal. The rule is the database's (one delivery per organisation and key):
// concurrent requests with one key make one delivery and one stored file; a key reused for other
// content is a 422 in Dutch; another organisation's key is its own.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { deliveryToken, organisationByCode } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const FIXTURES = path.resolve('test/fixtures/validation');
const now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;
let amsterdam: string;
let utrecht: string;
let wmo: Buffer;
let sbw: Buffer;

before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
  amsterdam = await deliveryToken(t.database.db, now, '0363');
  utrecht = await deliveryToken(t.database.db, now, '0344');
  wmo = await readFile(path.join(FIXTURES, 'valid-wmo/WMO_0363_2017H2.csv'));
  sbw = await readFile(path.join(FIXTURES, 'valid-sbw/SBW_0363_2017H2.csv'));
});
after(async () => {
  await t.close();
});

function post(token: string, name: string, bytes: Uint8Array, key?: string) {
  const body = new FormData();
  body.append('halfjaar', '2017H2');
  body.append('bestanden', new Blob([new Uint8Array(bytes)]), name);
  return fetch(`${t.url}/api/v1/deliveries`, {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${token}`, ...(key !== undefined ? { 'idempotency-key': key } : {}) },
  });
}

async function deliveriesOf(gemeentecode: string): Promise<number> {
  const gemeente = await organisationByCode(t.database.db, gemeentecode);
  const rows = await t.database.db
    .selectFrom('deliveries')
    .select('id')
    .where('gemeente_id', '=', gemeente.id)
    .execute();
  return rows.length;
}

async function storedFiles(): Promise<number> {
  const entries = await readdir(path.join(t.config.dataDir, 'files'), {
    recursive: true,
    withFileTypes: true,
  }).catch(() => []);
  return entries.filter((e) => e.isFile()).length;
}

test('concurrent requests with one Idempotency-Key make one delivery; each gets its receipt', async () => {
  const key = 'c0ffee00-0000-4000-8000-000000000001';
  const answers = await Promise.all(
    Array.from({ length: 12 }, async () => {
      const res = await post(amsterdam, 'WMO_0363_2017H2.csv', wmo, key);
      const body = (await res.json()) as { id: string; receiptNumber: string };
      return {
        status: res.status,
        replayed: res.headers.get('idempotent-replayed'),
        location: res.headers.get('location'),
        body,
      };
    }),
  );
  assert.deepEqual(
    new Set(answers.map((a) => a.status)),
    new Set([201]),
    JSON.stringify(answers.map((a) => a.body)),
  );
  assert.equal(new Set(answers.map((a) => a.body.id)).size, 1, 'one delivery id for all');
  assert.equal(new Set(answers.map((a) => a.body.receiptNumber)).size, 1, 'one receipt number for all');
  assert.equal(answers.filter((a) => a.replayed === 'true').length, 11, 'all but the first are replays');
  assert.ok(answers.every((a) => a.location === `/api/v1/deliveries/${a.body.id}`));
  assert.equal(await deliveriesOf('0363'), 1);
  assert.equal(await storedFiles(), 1, 'the retries stored no copy that stays');

  // A retry later (the first answer was lost) gets the same receipt.
  const later = await post(amsterdam, 'WMO_0363_2017H2.csv', wmo, key);
  assert.equal(later.status, 201);
  assert.equal(later.headers.get('idempotent-replayed'), 'true');
  assert.equal(((await later.json()) as { id: string }).id, answers[0]!.body.id);

  // Without a key the same file is the duplicate refusal, as before.
  const again = await post(amsterdam, 'WMO_0363_2017H2.csv', wmo);
  assert.equal(again.status, 409);
  assert.equal(((await again.json()) as { code: string }).code, 'delivery.duplicate_file');
  assert.equal(await deliveriesOf('0363'), 1);
});

test('a key reused for other content is a 422 in Dutch; another organisation has keys of its own', async () => {
  const key = 'c0ffee00-0000-4000-8000-000000000002';
  const first = await post(amsterdam, 'SBW_0363_2017H2.csv', sbw, key);
  assert.equal(first.status, 201, await first.clone().text());
  const before = await storedFiles();
  const reused = await post(amsterdam, 'WMO_0363_2017H1.csv', wmo, key);
  assert.equal(reused.status, 422);
  assert.match(reused.headers.get('content-type') ?? '', /application\/problem\+json/);
  const problem = (await reused.json()) as { code: string; title: string; status: number };
  assert.equal(problem.code, 'delivery.idempotency_key_reused');
  assert.equal(problem.status, 422);
  assert.match(problem.title, /Deze Idempotency-Key is al gebruikt voor een andere aanlevering/);
  assert.equal(await storedFiles(), before, 'nothing of the refused request stays stored');

  // Utrecht's software happens to send the same key: its own delivery.
  const other = await post(utrecht, 'WMO_0344_2017H2.csv', wmo, key);
  assert.equal(other.status, 201);
  assert.equal(other.headers.get('idempotent-replayed'), null);
  assert.notEqual(((await other.json()) as { id: string }).id, ((await first.json()) as { id: string }).id);

  // A key that is not 1 to 255 visible ASCII characters is refused before anything is read.
  const bad = await post(amsterdam, 'WMO_0363_2017H2.csv', wmo, 'met spatie');
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as { code: string }).code, 'delivery.idempotency_key_invalid');
});
