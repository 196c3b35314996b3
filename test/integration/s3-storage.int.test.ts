// GGK_STORAGE=s3 against a real S3-compatible store (OpenStack Swift's S3 API, started by
// ../shared/tools/start-s3.sh; .ci/run starts it and exports S3_ENDPOINT). Without S3_ENDPOINT every
// test here is SKIPPED, and says so loudly. Proves: only ciphertext reaches the bucket; SHA-256 and
// size while streaming; a large file goes as a multipart upload; an aborted write and a killed
// process's multipart upload leave nothing; and a withdrawal crypto-shreds (object deleted AND the
// wrapped key destroyed), through the real portal on the S3 backend.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
} from '@aws-sdk/client-s3';
import { createApiToken } from '../../src/modules/auth/index.ts';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { openDeliveryStore } from '../../src/main/deliveries.ts';
import { createEncryptedStore, StoredFileNotFoundError } from '../../src/platform/files/encrypted-store.ts';
import { createS3Backend, createS3Client, PART_BYTES } from '../../src/platform/files/object-backend-s3.ts';
import { createLogger } from '../../src/platform/logging/logger.ts';
import { MasterKey } from '../../src/platform/files/master-key.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';

const endpoint = process.env.S3_ENDPOINT;
const bucket = process.env.S3_BUCKET ?? 'ggk-test';
const skip = endpoint
  ? false
  : 'S3_ENDPOINT is not set: the S3 storage tests did NOT run (start ../shared/tools/start-s3.sh, as .ci/run does)';
if (skip) process.stderr.write(`\n*** SKIPPED: ${skip} ***\n\n`);

const prefix = `test-${randomBytes(4).toString('hex')}/`;
const options = {
  endpoint,
  bucket,
  region: process.env.AWS_REGION ?? 'us-east-1',
  forcePathStyle: true,
  prefix,
};
const client = endpoint ? createS3Client(options) : undefined;
const masterKey = new MasterKey(randomBytes(32));

async function* chunksOf(bytes: Buffer, size = 256 * 1024) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function objectBytes(key: string): Promise<Buffer> {
  const response = await client!.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await response.Body!.transformToByteArray());
}

async function exists(key: string): Promise<boolean> {
  try {
    await client!.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}

test(
  'only ciphertext reaches the bucket; small, empty and multipart files round-trip with their SHA-256',
  { skip },
  async () => {
    const store = createEncryptedStore({ backend: createS3Backend(options), masterKey });
    await store.backend.ping();
    const bsn = Buffer.from('999993653;Wmo;2017-07-01\n');
    const large = Buffer.concat([randomBytes(2 * PART_BYTES + 12345), bsn]);
    for (const plaintext of [bsn, Buffer.alloc(0), large]) {
      const stored = await store.write(chunksOf(plaintext));
      assert.equal(stored.sha256, createHash('sha256').update(plaintext).digest('hex'));
      assert.equal(stored.bytes, plaintext.length);
      const raw = await objectBytes(`${prefix}${stored.fileId}.enc`);
      assert.equal(raw.length, plaintext.length + 33, 'header + ciphertext + tag');
      assert.equal(raw.indexOf(Buffer.from('999993653')), -1, 'no BSN in the object');
      assert.deepEqual(await store.verify(stored), { sha256: stored.sha256, bytes: stored.bytes });
      // Random access (a ZIP's central directory) through ranged GETs.
      const source = store.openByteSource({ ...stored, bytes: stored.bytes }, 'x');
      const tail = await source.read(Math.max(0, plaintext.length - 30), 30);
      assert.deepEqual(Buffer.from(tail), plaintext.subarray(Math.max(0, plaintext.length - 30)));
    }
    assert.equal((await store.listStoredFileIds()).length, 3);
  },
);

test(
  'a failed or aborted write leaves no object and no multipart upload; a killed one is cleared',
  { skip },
  async () => {
    const backend = createS3Backend(options);
    const store = createEncryptedStore({ backend, masterKey });
    const before = await store.listStoredFileIds();
    async function* failing() {
      yield randomBytes(PART_BYTES + 1); // enough for a multipart upload to have started
      throw new Error('connection lost');
    }
    await assert.rejects(store.write(failing()), /connection lost/);
    assert.deepEqual(await store.listStoredFileIds(), before);
    const open = async () =>
      (await client!.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix }))).Uploads ?? [];
    // Swift's listings are eventually consistent: ask until they settle (or 10 s).
    const settled = async (count: number) => {
      for (let i = 0; i < 50 && (await open()).length !== count; i++)
        await new Promise((r) => setTimeout(r, 200));
      return (await open()).length;
    };
    assert.equal(await settled(0), 0, 'the multipart upload was aborted');

    // A process killed mid-upload leaves a multipart upload: cleared by removeAbandoned (at start-up,
    // only older ones; here 0 ms).
    await client!.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: `${prefix}${'ab'.repeat(16)}.enc` }),
    );
    assert.equal(await settled(1), 1);
    assert.equal(await store.removePartialFiles({ olderThanMs: 3_600_000 }), 0, 'a young one stays');
    // Swift rounds the initiation time up to the next whole second.
    await new Promise((r) => setTimeout(r, 1_100));
    assert.equal(await store.removePartialFiles({ olderThanMs: 0 }), 1);
    assert.equal(await settled(0), 0);
  },
);

let t: TestApp | undefined;

before(async () => {
  if (skip) return;
  t = await startTestApp({
    now: () => now,
    deliveries: true,
    env: {
      GGK_STORAGE: 's3',
      GGK_S3_ENDPOINT: endpoint!,
      GGK_S3_BUCKET: bucket,
      GGK_S3_FORCE_PATH_STYLE: 'true',
      GGK_S3_PREFIX: `${prefix}app/`,
    },
  });
});
after(async () => {
  await t?.close();
  client?.destroy();
});
let now = new Date('2018-02-20T09:00:00Z');

test(
  'a delivery stored in S3 is checked, and its withdrawal deletes the object and destroys the key',
  { skip },
  async () => {
    const db = t!.database.db;
    const amsterdam = await db
      .selectFrom('organisations')
      .select('id')
      .where('gemeentecode', '=', '0363')
      .executeTakeFirstOrThrow();
    const { token } = await createApiToken(db, {
      organisationId: amsterdam.id,
      name: 'test',
      roles: ['aanleveraar'],
      days: 60,
      createdBy: null,
      now,
    });
    const body = new FormData();
    body.append('halfjaar', '2017H2');
    const fixture = await readFile(path.resolve('test/fixtures/validation/valid-wmo/WMO_0363_2017H2.csv'));
    body.append('bestanden', new Blob([fixture]), 'WMO_0363_2017H2.csv');
    const res = await fetch(`${t!.url}/api/v1/deliveries`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.status, 201, await res.clone().text());
    const { id } = (await res.json()) as { id: string };
    let state = '';
    for (let i = 0; i < 300 && state !== 'approved' && state !== 'rejected'; i++) {
      state = (
        await db.selectFrom('deliveries').select('state').where('id', '=', id).executeTakeFirstOrThrow()
      ).state;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(state, 'approved', 'the worker read the file back from S3 and checked it');
    const file = await db
      .selectFrom('delivery_files')
      .select(['stored_file_id', 'wrapped_key', 'sha256'])
      .where('delivery_id', '=', id)
      .executeTakeFirstOrThrow();
    const key = `${prefix}app/${file.stored_file_id}.enc`;
    assert.ok(await exists(key), 'the object is in the bucket');
    assert.equal(file.sha256, createHash('sha256').update(fixture).digest('hex'));
    const store = await openDeliveryStore(t!.config, createLogger({ level: 'silent' }));
    assert.equal(
      (await store.verify({ fileId: file.stored_file_id, wrappedKey: file.wrapped_key! })).sha256,
      file.sha256,
    );
    const listed = await client!.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}app/` }));
    assert.equal(listed.KeyCount, 1);

    now = new Date('2018-03-15T11:00:00Z');
    const daan = new WebClient(t!.url);
    assert.equal((await daan.loginAs(demoSubjectOf('daan.visser@amsterdam.example'))).status, 303);
    const csrf = await daan.csrf('/intrekken');
    const withdrawn = await daan.request('POST', '/intrekken', {
      form: { _csrf: csrf, bevestiging: 'Amsterdam', reden: 'test' },
    });
    assert.equal(withdrawn.status, 303);

    const after = await db
      .selectFrom('delivery_files')
      .select(['wrapped_key', 'destroyed_at'])
      .where('delivery_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(after.wrapped_key, null, 'the data key is destroyed');
    assert.ok(after.destroyed_at);
    assert.equal(await exists(key), false, 'the object is deleted');
    // A backup holding the old wrapped key finds nothing to open either.
    await assert.rejects(
      store.verify({ fileId: file.stored_file_id, wrappedKey: file.wrapped_key! }),
      StoredFileNotFoundError,
    );
  },
);
