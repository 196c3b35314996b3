// Resumable (tus) uploads on the object store (GGK_STORAGE=s3, issue 19), against the real
// PostgreSQL and a real S3-compatible store (OpenStack Swift's S3 API from ../shared/tools/start-s3.sh;
// .ci/run starts it and exports S3_ENDPOINT). Without S3_ENDPOINT the S3 tests here are SKIPPED, and
// say so loudly; the lock test needs only PostgreSQL and always runs. Proves: the parts in the bucket
// are ciphertext only and read back as the plaintext sent, including a chunk whose stream broke half
// way; a changed part fails the read; cancel, withdrawal (removeWhere) and expiry leave no part
// object and no row; `ggk keys rotate` re-wraps an upload's key so it still reads with only the new
// master key; and the shared lock refuses a second request for one upload while another (on another
// "node": another locker with its own connections) holds it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { sql, type Kysely } from 'kysely';
import { Upload } from '@tus/server';
import { ObjectUploadStore } from '../../src/http/deliveries/object-upload-store.ts';
import { PostgresLocker, UPLOAD_LOCKED } from '../../src/http/deliveries/upload-locker.ts';
import { rotateWrappedKeys } from '../../src/main/key-rotation.ts';
import { createEncryptedStore } from '../../src/platform/files/encrypted-store.ts';
import { MasterKey } from '../../src/platform/files/master-key.ts';
import { createS3Backend, createS3Client } from '../../src/platform/files/object-backend-s3.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const endpoint = process.env.S3_ENDPOINT;
const bucket = process.env.S3_BUCKET ?? 'ggk-test';
const skip = endpoint
  ? false
  : 'S3_ENDPOINT is not set: the resumable-upload-on-S3 tests did NOT run (start ../shared/tools/start-s3.sh, as .ci/run does)';
if (skip) process.stderr.write(`\n*** SKIPPED: ${skip} ***\n\n`);

const prefix = `test-${randomBytes(4).toString('hex')}/hervatbaar/`;
const s3 = {
  endpoint,
  bucket,
  region: process.env.AWS_REGION ?? 'us-east-1',
  forcePathStyle: true,
  prefix,
};
const client = endpoint ? createS3Client(s3) : undefined;
const BSN_LINE = Buffer.from('999993653;Wmo;2017-07-01;hervatbaar\n');
const oldKey = new MasterKey(randomBytes(32));

let database: TestDatabase;
let keyFolder: string;
const cleanups: Array<() => Promise<unknown>> = [];

before(async () => {
  database = await createTestDatabase();
  cleanups.push(() => database.drop());
  keyFolder = await mkdtemp(path.join(tmpdir(), 'ggk-tus-s3-'));
  cleanups.push(() => rm(keyFolder, { recursive: true, force: true }));
});

after(async () => {
  for (const c of cleanups.reverse()) await c();
});

function storeWith(masterKey: MasterKey, previous: MasterKey[] = []) {
  const keys = createEncryptedStore({ root: keyFolder, masterKey, previousMasterKeys: previous });
  return {
    keys,
    uploads: new ObjectUploadStore({
      db: database.db as unknown as Kysely<unknown>,
      backend: createS3Backend(s3),
      keys,
      expirationPeriodInMilliseconds: 3600_000,
    }),
  };
}

async function objectsInBucket(): Promise<string[]> {
  const page = await client!.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (page.Contents ?? []).map((o) => o.Key!).sort();
}

async function objectBytes(key: string): Promise<Buffer> {
  const response = await client!.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await response.Body!.transformToByteArray());
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A stream that yields `bytes` and then breaks, as a dropped connection does. */
function breakingAfter(bytes: Buffer): Readable {
  return Readable.from(
    (async function* () {
      yield bytes;
      throw new Error('connection reset');
    })(),
  );
}

async function newUpload(uploads: ObjectUploadStore, size: number, organisation = 'org-1'): Promise<string> {
  const id = randomBytes(16).toString('hex');
  await uploads.create(
    new Upload({
      id,
      size,
      offset: 0,
      metadata: { filename: 'wmo.csv', owner: 'user-1', organisation },
      creation_date: new Date().toISOString(),
    }),
  );
  return id;
}

async function rowCounts(id: string): Promise<{ uploads: number; parts: number }> {
  const { rows } = await sql<{ uploads: number; parts: number }>`
    select (select count(*)::int from tus_uploads where id = ${id}) as uploads,
           (select count(*)::int from tus_upload_parts where upload_id = ${id}) as parts`.execute(
    database.db,
  );
  return rows[0]!;
}

test(
  'parts are ciphertext in the bucket and read back as sent, also after a broken chunk',
  { skip },
  async () => {
    const { uploads } = storeWith(oldKey);
    const plaintext = Buffer.concat([BSN_LINE, randomBytes(300_000), BSN_LINE]);
    const id = await newUpload(uploads, plaintext.length);

    let offset = await uploads.write(Readable.from([plaintext.subarray(0, 100_000)]), id, 0);
    assert.equal(offset, 100_000);
    // The next chunk breaks after 50,000 bytes: those are kept, the client resumes there.
    await assert.rejects(uploads.write(breakingAfter(plaintext.subarray(100_000, 150_000)), id, 100_000));
    offset = (await uploads.getUpload(id)).offset;
    assert.equal(offset, 150_000, 'what arrived before the break is kept');
    // A stale offset is refused without writing.
    await assert.rejects(
      uploads.write(Readable.from([Buffer.from('x')]), id, 100_000),
      (e: { status_code?: number }) => e.status_code === 409,
    );
    offset = await uploads.write(Readable.from([plaintext.subarray(150_000)]), id, 150_000);
    assert.equal(offset, plaintext.length);

    const upload = await uploads.getUpload(id);
    assert.equal(upload.size, plaintext.length);
    assert.equal(upload.offset, plaintext.length);
    assert.deepEqual(upload.metadata, { filename: 'wmo.csv', owner: 'user-1', organisation: 'org-1' });
    assert.ok((await readAll(uploads.readPlaintext(id))).equals(plaintext), 'the plaintext comes back');

    const objects = await objectsInBucket();
    assert.equal(objects.length, 3, objects.join(', '));
    for (const key of objects) {
      const raw = await objectBytes(key);
      assert.equal(raw.subarray(0, 4).toString('ascii'), 'GGKT');
      assert.equal(raw.indexOf(Buffer.from('999993653')), -1, `no BSN in ${key}`);
      assert.equal(raw.indexOf(plaintext.subarray(1000, 1032)), -1, `no plaintext in ${key}`);
    }

    await uploads.remove(id);
    assert.deepEqual(await objectsInBucket(), [], 'cancel removes every part');
    assert.deepEqual(await rowCounts(id), { uploads: 0, parts: 0 });
    await assert.rejects(uploads.getUpload(id), (e: { status_code?: number }) => e.status_code === 404);
  },
);

test('a changed part is not read back: the finalisation would fail', { skip }, async () => {
  const { uploads } = storeWith(oldKey);
  const plaintext = randomBytes(20_000);
  const id = await newUpload(uploads, plaintext.length);
  await uploads.write(Readable.from([plaintext]), id, 0);
  const { rows } = await sql<{ object_key: string }>`
    select object_key from tus_upload_parts where upload_id = ${id}`.execute(database.db);
  assert.equal(rows.length, 1);
  const key = `${prefix}${rows[0]!.object_key}.enc`;
  const raw = await objectBytes(key);
  raw[100] = raw[100]! ^ 1;
  await client!.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: raw }));
  await assert.rejects(readAll(uploads.readPlaintext(id)), /unable to authenticate|auth/i);
  await uploads.remove(id);
});

test(
  'withdrawal (removeWhere) and expiry remove uploads and their parts; others stay',
  { skip },
  async () => {
    const { uploads } = storeWith(oldKey);
    const withdrawn = await newUpload(uploads, 10, 'org-withdrawn');
    const expired = await newUpload(uploads, 10, 'org-2');
    const kept = await newUpload(uploads, 10, 'org-2');
    for (const id of [withdrawn, expired, kept]) await uploads.write(Readable.from([randomBytes(5)]), id, 0);
    assert.equal((await objectsInBucket()).length, 3);

    assert.equal(await uploads.removeWhere((m) => m.organisation === 'org-withdrawn'), 1);
    assert.deepEqual(await rowCounts(withdrawn), { uploads: 0, parts: 0 });
    await sql`update tus_uploads set created_at = now() - interval '2 hours' where id = ${expired}`.execute(
      database.db,
    );
    assert.equal(await uploads.deleteExpired(), 1);
    assert.deepEqual(await rowCounts(expired), { uploads: 0, parts: 0 });
    assert.deepEqual(await rowCounts(kept), { uploads: 1, parts: 1 });
    assert.equal((await objectsInBucket()).length, 1, 'only the kept upload has a part left');
    await uploads.remove(kept);
    assert.deepEqual(await objectsInBucket(), []);
  },
);

test(
  'ggk keys rotate re-wraps an upload under way: it reads with only the new master key',
  { skip },
  async () => {
    const { uploads } = storeWith(oldKey);
    const plaintext = randomBytes(4096);
    const id = await newUpload(uploads, plaintext.length);
    await uploads.write(Readable.from([plaintext.subarray(0, 1000)]), id, 0);

    const newKey = new MasterKey(randomBytes(32));
    const rotating = storeWith(newKey, [oldKey]);
    const outcome = await rotateWrappedKeys(database.db, rotating.keys);
    assert.equal(outcome.remaining, 0);
    assert.ok(outcome.rewrapped >= 1);

    // The old master key destroyed: only the new one is known.
    const after = storeWith(newKey);
    await after.uploads.write(Readable.from([plaintext.subarray(1000)]), id, 1000);
    assert.ok((await readAll(after.uploads.readPlaintext(id))).equals(plaintext));
    await after.uploads.remove(id);
  },
);

test('the lock is one for all nodes: a second request for a locked upload is refused', async () => {
  const url = database.url;
  const nodeA = new PostgresLocker({ connectionString: url }, { acquireTimeoutMs: 300 });
  const nodeB = new PostgresLocker({ connectionString: url }, { acquireTimeoutMs: 300 });
  cleanups.push(
    () => nodeA.close(),
    () => nodeB.close(),
  );
  const id = randomBytes(16).toString('hex');
  const signal = new AbortController().signal;
  const held = nodeA.newLock(id);
  await held.lock(signal, () => undefined);

  await assert.rejects(
    nodeB.newLock(id).lock(signal, () => undefined),
    (e) => e === UPLOAD_LOCKED,
  );
  // Also a second request on the same node.
  await assert.rejects(
    nodeA.newLock(id).lock(signal, () => undefined),
    (e) => e === UPLOAD_LOCKED,
  );
  // Another upload is not held up.
  const other = nodeB.newLock(randomBytes(16).toString('hex'));
  await other.lock(signal, () => undefined);
  await other.unlock();

  await held.unlock();
  const next = nodeB.newLock(id);
  await next.lock(signal, () => undefined);
  await next.unlock();
});
