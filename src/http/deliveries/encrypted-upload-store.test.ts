// The tus temporary-file store: CTR positioned at any byte offset gives the same bytes as one pass,
// the file on disk is as long as the plaintext and does not contain it, the plaintext comes back,
// and a key wrapped for one upload does not open another.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, stat, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Upload } from '@tus/server';
import { createEncryptedStore } from '../../platform/files/encrypted-store.ts';
import { MasterKey } from '../../platform/files/master-key.ts';
import { ctrCipherAt, EncryptedUploadStore } from './encrypted-upload-store.ts';

test('CTR at an offset continues the keystream exactly, also across the 128-bit counter wrap', () => {
  const key = randomBytes(32);
  const plaintext = randomBytes(5000);
  for (const iv of [
    randomBytes(16),
    Buffer.alloc(16, 0xff),
    Buffer.from('00000000000000ffffffffffffffffff', 'hex'),
  ]) {
    const whole = ctrCipherAt(key, iv, 0).update(plaintext);
    assert.notDeepEqual(whole, plaintext);
    const pieces: Buffer[] = [];
    for (let offset = 0; offset < plaintext.length;) {
      const end = Math.min(plaintext.length, offset + 1 + Math.floor(Math.random() * 700));
      pieces.push(ctrCipherAt(key, iv, offset).update(plaintext.subarray(offset, end)));
      offset = end;
    }
    assert.deepEqual(Buffer.concat(pieces), whole, `iv ${iv.toString('hex')}`);
    // Decrypting is the same operation, from any offset.
    assert.deepEqual(ctrCipherAt(key, iv, 1234).update(whole.subarray(1234)), plaintext.subarray(1234));
  }
});

async function withStore(
  run: (store: EncryptedUploadStore, directory: string) => Promise<void>,
): Promise<void> {
  const root = await mkdtemp(path.join(tmpdir(), 'ggk-tus-store-'));
  try {
    const keys = createEncryptedStore({
      root: path.join(root, 'files'),
      masterKey: new MasterKey(randomBytes(32)),
    });
    const directory = path.join(root, 'hervatbaar');
    await run(
      new EncryptedUploadStore({ directory, expirationPeriodInMilliseconds: 3600_000, keys }),
      directory,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const MARKER = Buffer.from('GGK-MARKER-tijdelijk-bestand-7f3a9c', 'utf8');

function sample(bytes: number): Buffer {
  const data = Buffer.alloc(bytes, 'a');
  for (let at = 0; at + MARKER.length < bytes; at += 997) MARKER.copy(data, at);
  return data;
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

test('chunks written at their offsets are encrypted on disk, same size, and read back as the plaintext', async () => {
  await withStore(async (store, directory) => {
    const data = sample(100_003);
    const id = randomBytes(16).toString('hex');
    await store.create(new Upload({ id, size: data.length, offset: 0, metadata: { filename: 'a.csv' } }));
    let offset = 0;
    for (const end of [1, 17, 4096, 50_001, 100_003]) {
      offset = await store.write(Readable.from([data.subarray(offset, end)]), id, offset);
      assert.equal(offset, end);
      const onDisk = await readFile(path.join(directory, id));
      assert.equal(onDisk.length, end, 'the file is as long as the plaintext received');
      assert.equal(onDisk.includes(MARKER), false, 'no plaintext on disk');
      assert.equal((await store.getUpload(id)).offset, end);
    }
    assert.equal(
      createHash('sha256')
        .update(await collect(store.readPlaintext(id)))
        .digest('hex'),
      createHash('sha256').update(data).digest('hex'),
    );
    const info = await readFile(path.join(directory, `${id}.json`), 'utf8');
    assert.match(info, /"wrappedKey":"v1\.[0-9a-f]{8}\./);
    // Issue 15, finding 9: the info file (wrapped key, owner, file name) and the data are private.
    for (const name of [id, `${id}.json`])
      assert.equal((await stat(path.join(directory, name))).mode & 0o777, 0o600, name);
    assert.equal((await store.getUpload(id)).metadata?.filename, 'a.csv');
    assert.equal(JSON.stringify((await store.getUpload(id)).metadata).includes('v1.'), false);

    await store.remove(id);
    assert.deepEqual(await readdir(directory), []);
  });
});

test('a key wrapped for one upload does not open another, and uploads without a key are unknown', async () => {
  await withStore(async (store, directory) => {
    const [a, b] = [randomBytes(16).toString('hex'), randomBytes(16).toString('hex')];
    for (const id of [a, b]) await store.create(new Upload({ id, size: 10, offset: 0 }));
    const infoA = JSON.parse(await readFile(path.join(directory, `${a}.json`), 'utf8')) as {
      encryption: unknown;
    };
    const infoB = JSON.parse(await readFile(path.join(directory, `${b}.json`), 'utf8')) as {
      encryption: unknown;
    };
    await writeFile(
      path.join(directory, `${b}.json`),
      JSON.stringify({ ...infoB, encryption: infoA.encryption }),
    );
    await assert.rejects(store.write(Readable.from([Buffer.from('0123456789')]), b, 0), {
      name: 'FileIntegrityError',
    });
    // A plaintext upload from before encryption: treated as unknown, never written to or read.
    const legacy = randomBytes(16).toString('hex');
    await writeFile(path.join(directory, legacy), 'plain');
    await writeFile(
      path.join(directory, `${legacy}.json`),
      JSON.stringify({ id: legacy, size: 10, offset: 0 }),
    );
    await assert.rejects(store.getUpload(legacy), { status_code: 404 });
    await assert.rejects(store.write(Readable.from([Buffer.from('x')]), legacy, 5), { status_code: 404 });
    await assert.rejects(store.getUpload('../etc'), { status_code: 404 });
  });
});

test('an abandoned upload expires: file and info (with the wrapped key) are removed', async () => {
  await withStore(async (store, directory) => {
    const [old, fresh] = [randomBytes(16).toString('hex'), randomBytes(16).toString('hex')];
    await store.create(
      new Upload({
        id: old,
        size: 10,
        offset: 0,
        creation_date: new Date(Date.now() - 7200_000).toISOString(),
      }),
    );
    await store.create(new Upload({ id: fresh, size: 10, offset: 0 }));
    await store.write(Readable.from([Buffer.from('01234')]), old, 0);
    assert.equal(await store.deleteExpired(), 1);
    assert.deepEqual((await readdir(directory)).sort(), [fresh, `${fresh}.json`].sort());
  });
});
