import { test } from 'node:test';
import assert from 'node:assert/strict';
import { releaseMemory } from './release-memory.ts';

test('releaseMemory frees a buffer at once: its views are empty afterwards', () => {
  const bytes = new Uint8Array(8 * 1024 * 1024).fill(7);
  const words = new Int32Array(bytes.buffer, 1024, 16);
  releaseMemory(bytes.buffer);
  // Node 21+ (the project runs on 24): transfer(0) detached it.
  assert.equal(bytes.length, 0);
  assert.equal(words.length, 0);
  assert.equal(bytes.buffer.byteLength, 0);
  // Again, or on nothing: nothing happens.
  releaseMemory(bytes.buffer);
  releaseMemory(undefined);
});

test("releaseMemory leaves what it cannot free alone: a WebAssembly memory's buffer, a shared one", () => {
  const memory = new WebAssembly.Memory({ initial: 1 });
  releaseMemory(memory.buffer);
  assert.equal(memory.buffer.byteLength, 65536);
  const shared = new SharedArrayBuffer(16);
  releaseMemory(shared);
  assert.equal(shared.byteLength, 16);
});
