import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { InvalidMasterKeyError, computeKeyId, loadMasterKey } from './master-key.ts';

async function withTempFolder(run: (folder: string) => Promise<void>): Promise<void> {
  const folder = await mkdtemp(path.join(tmpdir(), 'ggk-master-key-'));
  try {
    await run(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

const KEY_HEX = 'ab'.repeat(32);

test('uses the configured key and does not touch the key file', async () => {
  await withTempFolder(async (folder) => {
    const keyFile = path.join(folder, 'keys', 'master.key');
    const key = await loadMasterKey({ keyHex: KEY_HEX, keyFile });
    assert.equal(key.bytes.toString('hex'), KEY_HEX);
    assert.equal(key.id, computeKeyId(Buffer.from(KEY_HEX, 'hex')));
    assert.match(key.id, /^[0-9a-f]{8}$/);
    await assert.rejects(stat(keyFile), { code: 'ENOENT' });
  });
});

test('rejects a configured key that is not 64 hex characters, with a Dutch message', async () => {
  for (const keyHex of ['ab'.repeat(31), 'zz'.repeat(32), 'ab'.repeat(33)]) {
    await assert.rejects(loadMasterKey({ keyHex, keyFile: '/nonexistent/master.key' }), (error) => {
      assert.ok(error instanceof InvalidMasterKeyError);
      assert.match(error.message, /64 hexadecimale tekens/);
      return true;
    });
  }
});

test('generates a key file once, private to the process user, and reuses it', async () => {
  await withTempFolder(async (folder) => {
    const keyFile = path.join(folder, 'keys', 'master.key');
    const first = await loadMasterKey({ keyFile });
    assert.equal((await stat(keyFile)).mode & 0o777, 0o600);
    assert.equal((await stat(path.dirname(keyFile))).mode & 0o777, 0o700);
    assert.match(await readFile(keyFile, 'utf8'), /^[0-9a-f]{64}\n$/);
    const second = await loadMasterKey({ keyFile });
    assert.equal(second.id, first.id);
    assert.deepEqual(second.bytes, first.bytes);
    assert.deepEqual(await readdir(path.dirname(keyFile)), ['master.key']);
  });
});

test('refuses a key file with other content instead of replacing it', async () => {
  await withTempFolder(async (folder) => {
    const keyFile = path.join(folder, 'master.key');
    await writeFile(keyFile, 'niet-hex\n');
    await assert.rejects(loadMasterKey({ keyFile }), InvalidMasterKeyError);
    assert.equal(await readFile(keyFile, 'utf8'), 'niet-hex\n');
  });
});

test('concurrent loads without a key file agree on one key', async () => {
  await withTempFolder(async (folder) => {
    const keyFile = path.join(folder, 'keys', 'master.key');
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadMasterKey({ keyFile })));
    assert.equal(new Set(keys.map((key) => key.id)).size, 1);
    assert.equal((await loadMasterKey({ keyFile })).id, keys[0]?.id);
  });
});

test('never shows the key bytes in JSON or inspect output', async () => {
  const key = await loadMasterKey({ keyHex: KEY_HEX, keyFile: '/nonexistent/master.key' });
  assert.equal(JSON.stringify({ key }), JSON.stringify({ key: { id: key.id } }));
  assert.doesNotMatch(inspect(key), /abab/);
  assert.doesNotMatch(inspect({ nested: { key } }, { depth: 5 }), /abab/);
});
