// A process killed in the middle of a write (a spawned child, so this lives in the integration tier,
// not among the fast unit tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEncryptedStore } from './encrypted-store.ts';
import { MasterKey } from './master-key.ts';

async function withRoot(run: (root: string) => Promise<void>): Promise<void> {
  const folder = await mkdtemp(path.join(tmpdir(), 'ggk-encrypted-store-'));
  try {
    await run(path.join(folder, 'files'));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function listFilesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

test('a process killed mid-write leaves only a partial file, which removePartialFiles clears', async () => {
  await withRoot(async (root) => {
    const keyHex = randomBytes(32).toString('hex');
    const storeUrl = new URL('./encrypted-store.ts', import.meta.url).href;
    const keyUrl = new URL('./master-key.ts', import.meta.url).href;
    // The child writes 2 MiB, says so, then waits (alive) for the rest of its "upload" until killed.
    const script = `const { createEncryptedStore } = await import(${JSON.stringify(storeUrl)});
      const { MasterKey } = await import(${JSON.stringify(keyUrl)});
      const store = createEncryptedStore({ root: ${JSON.stringify(root)}, masterKey: new MasterKey(Buffer.from('${keyHex}', 'hex')) });
      async function* upload() { yield Buffer.alloc(2 * 1024 * 1024, 0x31); process.stdout.write('half\\n'); await new Promise(() => setInterval(() => {}, 1000)); }
      await store.write(upload());`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (data: Buffer) => data.toString().includes('half') && resolve());
      void exited.then((code) => reject(new Error(`child ended early: ${String(code)}`)));
    });
    // Let the first full 1 MiB buffer reach the partial file, as in a real upload.
    await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill('SIGKILL');
    assert.equal(await exited, null, 'ended by the signal, not on its own');

    const store = createEncryptedStore({ root, masterKey: new MasterKey(Buffer.from(keyHex, 'hex')) });
    const leftovers = await readdir(path.join(root, 'tmp'));
    assert.equal(leftovers.length, 1);
    assert.match(leftovers[0]!, new RegExp(`^[0-9a-f]{16}-${child.pid}\\.[0-9a-f]{32}\\.partial$`));
    assert.deepEqual(await store.listStoredFileIds(), []);
    assert.equal(await store.removePartialFiles(), 1, 'its writer, a process on this host, is gone');
    assert.deepEqual(await listFilesUnder(root), []);
  });
});
