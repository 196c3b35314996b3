import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createNodeSha256, openFileByteSource } from './file-byte-source.ts';

test('streams a file in order with read-ahead, again and again, and stops cleanly when the reader stops', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ggk-source-'));
  try {
    const bytes = new Uint8Array(3 * (1 << 20) + 12345).map((_, i) => (i * 7919) & 0xff);
    const file = path.join(dir, 'WMO_0363_2017H2.csv');
    writeFileSync(file, bytes);
    const source = await openFileByteSource(file);
    for (let round = 0; round < 2; round++) {
      const seen = new Uint8Array(bytes.length);
      let at = 0;
      for await (const chunk of source.stream()) {
        seen.set(chunk, at);
        at += chunk.length;
      }
      assert.equal(at, bytes.length);
      assert.deepEqual(seen, bytes);
    }
    for await (const chunk of source.stream()) {
      assert.deepEqual(chunk.subarray(0, 16), bytes.subarray(0, 16));
      break;
    }
    assert.deepEqual(await source.read(5, 10), bytes.subarray(5, 15));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file that grows while it is streamed is read on without a gap (reads ahead start at fixed places)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ggk-source-'));
  try {
    const bytes = new Uint8Array(4 * (1 << 20)).map((_, i) => (i * 7919 + 13) & 0xff);
    const first = (1 << 20) + (1 << 19);
    const file = path.join(dir, 'WMO_0363_2017H2.csv');
    writeFileSync(file, bytes.subarray(0, first));
    const source = await openFileByteSource(file);
    const seen = new Uint8Array(bytes.length);
    let at = 0;
    for await (const chunk of source.stream()) {
      seen.set(chunk, at);
      at += chunk.length;
      // The reads after the first chunk were started when the file held 1.5 MiB: the second comes
      // back short, the third empty.
      if (at === 1 << 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        appendFileSync(file, bytes.subarray(first));
      }
    }
    assert.equal(at, bytes.length);
    assert.deepEqual(seen, bytes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('SHA-256 in-line and in the worker thread agree with node:crypto', async () => {
  const bytes = new Uint8Array(17 * (1 << 20) + 3).map((_, i) => (i * 31) & 0xff);
  const expected = createHash('sha256').update(bytes).digest('hex');
  for (const parallel of [false, true]) {
    const hasher = createNodeSha256(bytes.length, parallel);
    for (let i = 0; i < bytes.length; i += 1 << 20) hasher.update(bytes.subarray(i, i + (1 << 20)));
    assert.equal(await hasher.digest(), expected, parallel ? 'worker' : 'in-line');
  }
});
