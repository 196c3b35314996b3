import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBlobByteSource } from './blob-byte-source.ts';

test('reads a Blob in order and at any offset', async () => {
  const bytes = new Uint8Array(3 * 1024 * 1024 + 17).map((_, i) => i % 251);
  const source = createBlobByteSource(new Blob([bytes]), 'WMO_0363_2017H2.csv');
  assert.equal(source.name, 'WMO_0363_2017H2.csv');
  assert.equal(source.size, bytes.length);
  const chunks: Uint8Array[] = [];
  for await (const chunk of source.stream()) chunks.push(chunk);
  assert.equal(chunks.length, 4);
  assert.deepEqual(Buffer.concat(chunks), Buffer.from(bytes));
  assert.deepEqual(await source.read(1000, 10), bytes.slice(1000, 1010));
  assert.deepEqual(await source.read(bytes.length - 5, 100), bytes.slice(-5));
  assert.equal((await source.read(bytes.length + 10, 5)).length, 0);
});

test('takes the name from a File when none is given', () => {
  const file = new File([new Uint8Array([1])], 'MSD.zip');
  assert.equal(createBlobByteSource(file).name, 'MSD.zip');
});
