// A benchmark smoke test, so in the integration tier: writing 200 MB through the encrypted store
// (AES-256-GCM, SHA-256, fsync) takes seconds of CPU and disk, and measures the process's memory,
// which only means something in a process of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEncryptedStore, type EncryptedStore } from './encrypted-store.ts';
import { MasterKey } from './master-key.ts';

async function withStore(run: (store: EncryptedStore) => Promise<void>): Promise<void> {
  const folder = await mkdtemp(path.join(tmpdir(), 'ggk-encrypted-store-'));
  try {
    await run(
      createEncryptedStore({ root: path.join(folder, 'files'), masterKey: new MasterKey(randomBytes(32)) }),
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

test('writing 200 MB keeps memory flat', async (t) => {
  await withStore(async (store) => {
    const chunk = randomBytes(64 * 1024);
    const total = 200 * 1024 * 1024;
    const before = process.memoryUsage().rss;
    let peak = before;
    async function* generate() {
      for (let written = 0; written < total; written += chunk.length) {
        if (written % (8 * 1024 * 1024) === 0) peak = Math.max(peak, process.memoryUsage().rss);
        yield chunk;
      }
    }
    const stored = await store.write(generate());
    peak = Math.max(peak, process.memoryUsage().rss);
    assert.equal(stored.bytes, total);
    const growth = (peak - before) / 1024 / 1024;
    t.diagnostic(`writing 200 MB: rss grew ${growth.toFixed(1)} MB`);
    assert.ok(growth < 64, `rss grew ${growth.toFixed(1)} MB`);
  });
});
