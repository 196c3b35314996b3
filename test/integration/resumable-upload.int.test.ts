// Resumable (tus) uploads through the portal on the real parts: the temporary file is encrypted at
// rest while the upload is under way (no plaintext on disk, same size as the bytes sent), the
// finished upload becomes a delivery whose stored file is byte for byte the original, and a cancelled
// upload (tus DELETE) leaves nothing behind and cannot be finished.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { openDeliveryStore } from '../../src/main/deliveries.ts';
import { createLogger } from '../../src/platform/logging/logger.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';
import { DEMO } from '../support/factories.ts';

const now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;
let bram: WebClient;
let csrf: string;
let tusDir: string;

before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
  bram = new WebClient(t.url);
  await bram.loginAs(demoSubjectOf(DEMO.bram));
  csrf = await bram.csrf('/aanleveren');
  tusDir = path.join(t.config.dataDir, 'hervatbaar');
});
after(async () => {
  await t.close();
});

const MARKER = 'GGK-MARKER-hervatbaar-7f3a9c';

/** About 2.5 MB of CSV-like text; the marker appears only in the first half. */
function content(): Buffer {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 2_500_000; i++) {
    const line = `regel;${i.toString(36).padStart(6, '0')};${i < 20_000 && i % 500 === 7 ? MARKER : 'gewone tekst zonder bijzonderheden'};einde\n`;
    lines.push(line);
    size += line.length;
  }
  return Buffer.from(lines.join(''), 'utf8');
}

function tus(method: string, pathname: string, headers: Record<string, string> = {}, body?: Uint8Array) {
  return fetch(`${t.url}${pathname}`, {
    method,
    headers: {
      'tus-resumable': '1.0.0',
      'x-csrf-token': csrf,
      cookie: `ggk_session=${bram.cookies.get('ggk_session')}`,
      ...headers,
    },
    body: body === undefined ? undefined : new Uint8Array(body),
  });
}

async function create(size: number, name: string): Promise<string> {
  const res = await tus('POST', '/aanleveren/hervatbaar', {
    'upload-length': String(size),
    'upload-metadata': `filename ${Buffer.from(name).toString('base64')}`,
  });
  assert.equal(res.status, 201, await res.text());
  return new URL(res.headers.get('location')!, t.url).pathname;
}

async function patch(url: string, offset: number, bytes: Uint8Array): Promise<number> {
  const res = await tus(
    'PATCH',
    url,
    { 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
    bytes,
  );
  assert.equal(res.status, 204, await res.text());
  return Number(res.headers.get('upload-offset'));
}

/** The temporary data files (not tus's .json info files) in the upload folder. */
async function temporaryFiles(): Promise<string[]> {
  return (await readdir(tusDir).catch(() => [])).filter((name) => !name.endsWith('.json'));
}

function finalise(ids: string[]) {
  return bram.request('POST', '/aanleveren/afronden', {
    form: { _csrf: csrf, halfjaar: '2017H2', upload: ids },
  });
}

test('a resumable upload is encrypted on disk halfway, and its delivery stores the original bytes', async () => {
  const data = content();
  const original = createHash('sha256').update(data).digest('hex');
  const url = await create(data.length, 'WMO_0363_2017H2.csv');
  const id = url.split('/').pop()!;

  // Half, in chunks that do not end on a 16-byte boundary; then the client stops.
  const half = Math.floor(data.length / 2) + 5;
  assert.ok(data.subarray(0, half).includes(MARKER), 'the marker is in the half that is sent');
  let offset = 0;
  for (const end of [333_333, 1_000_001, half]) offset = await patch(url, offset, data.subarray(offset, end));
  assert.equal(offset, half);

  const files = await temporaryFiles();
  assert.deepEqual(files, [id]);
  const onDisk = await readFile(path.join(tusDir, id));
  assert.equal(onDisk.length, half, 'the temporary file is exactly as long as the bytes sent');
  assert.equal(onDisk.includes(MARKER), false, 'the marker is not on disk in plaintext');
  assert.equal(onDisk.includes('gewone tekst'), false, 'nothing of the text is on disk in plaintext');
  const info = await readFile(path.join(tusDir, `${id}.json`), 'utf8');
  assert.equal(info.includes(MARKER), false);
  assert.match(info, /"wrappedKey":"v1\./, 'the key is stored wrapped');

  // HEAD says how far the server got and shows only ggk's metadata, never the wrapped key.
  const head = await tus('HEAD', url);
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('upload-offset'), String(half));
  const metadataKeys = (head.headers.get('upload-metadata') ?? '')
    .split(',')
    .map((p) => p.trim().split(' ')[0]);
  assert.deepEqual(metadataKeys.sort(), ['filename', 'organisation', 'owner']);

  // The client comes back and sends the rest.
  while (offset < data.length) offset = await patch(url, offset, data.subarray(offset, offset + 700_000));
  const res = await finalise([id]);
  assert.equal(res.status, 303, await res.text());
  const deliveryId = res.headers.get('location')!.split('/').pop()!;
  const receipt = await (await bram.get(`/aanleveringen/${deliveryId}`)).text();
  assert.match(receipt, /GGK-2018-\d{6}/);

  const row = await t.database.db
    .selectFrom('delivery_files')
    .select(['sha256', 'bytes', 'stored_file_id', 'wrapped_key'])
    .where('delivery_id', '=', deliveryId)
    .executeTakeFirstOrThrow();
  assert.equal(row.sha256, original);
  assert.equal(Number(row.bytes), data.length);
  const store = await openDeliveryStore(t.config, createLogger({ level: 'silent' }));
  const verified = await store.verify({ fileId: row.stored_file_id, wrappedKey: row.wrapped_key! });
  assert.deepEqual(verified, { sha256: original, bytes: data.length });

  assert.deepEqual(await readdir(tusDir), [], 'the temporary file and its info are removed');
});

test('a cancelled upload (tus DELETE) leaves no temporary file and cannot be finished', async () => {
  const data = content();
  const url = await create(data.length, 'WMO_0363_2017H2.csv');
  const id = url.split('/').pop()!;
  await patch(url, 0, data.subarray(0, 1_048_576));
  assert.deepEqual(await temporaryFiles(), [id]);

  const removed = await tus('DELETE', url);
  assert.equal(removed.status, 204);
  assert.deepEqual(await readdir(tusDir), [], 'data file and info file are gone');
  assert.equal((await tus('HEAD', url)).status, 404);
  const more = await tus(
    'PATCH',
    url,
    { 'upload-offset': '1048576', 'content-type': 'application/offset+octet-stream' },
    data.subarray(1_048_576),
  );
  assert.equal(more.status, 404);
  assert.deepEqual(await readdir(tusDir), []);

  const deliveries = (await t.database.db.selectFrom('deliveries').select('id').execute()).length;
  const res = await finalise([id]);
  assert.equal(res.status, 400);
  assert.match(await res.text(), /niet \(meer\) bekend/);
  assert.equal((await t.database.db.selectFrom('deliveries').select('id').execute()).length, deliveries);

  // Another user cannot cancel someone else's upload.
  const other = await create(10, 'WMO_0363_2017H2.csv');
  const stranger = new WebClient(t.url);
  await stranger.loginAs(demoSubjectOf(DEMO.hanna));
  const strangerCsrf = await stranger.csrf('/account');
  const attempt = await fetch(`${t.url}${other}`, {
    method: 'DELETE',
    headers: {
      'tus-resumable': '1.0.0',
      'x-csrf-token': strangerCsrf,
      cookie: `ggk_session=${stranger.cookies.get('ggk_session')}`,
    },
  });
  assert.notEqual(attempt.status, 204);
  assert.equal((await tus('HEAD', other)).status, 200, 'the owner still has the upload');
  assert.equal((await tus('DELETE', other)).status, 204);
});
