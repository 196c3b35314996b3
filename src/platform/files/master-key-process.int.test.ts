// The master key file made by several processes at once (spawned children, so this lives in the
// integration tier, not among the fast unit tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadMasterKey } from './master-key.ts';

async function withTempFolder(run: (folder: string) => Promise<void>): Promise<void> {
  const folder = await mkdtemp(path.join(tmpdir(), 'ggk-master-key-'));
  try {
    await run(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

test('two processes starting at once end up with one key', async () => {
  await withTempFolder(async (folder) => {
    const keyFile = path.join(folder, 'keys', 'master.key');
    const moduleUrl = new URL('./master-key.ts', import.meta.url).href;
    const script = `const { loadMasterKey } = await import(${JSON.stringify(moduleUrl)});
      const key = await loadMasterKey({ keyFile: ${JSON.stringify(keyFile)} });
      process.stdout.write(key.id);`;
    const runOne = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
        let output = '';
        child.stdout.on('data', (data: Buffer) => (output += data.toString()));
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`exit ${code}`))));
      });
    const ids = await Promise.all([runOne(), runOne(), runOne()]);
    assert.equal(new Set(ids).size, 1);
    assert.equal((await loadMasterKey({ keyFile })).id, ids[0]);
  });
});
