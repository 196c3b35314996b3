import { test } from 'node:test';
import assert from 'node:assert/strict';
import { releaseMemory } from './release-memory.ts';

const canTransfer = typeof (ArrayBuffer.prototype as { transfer?: unknown }).transfer === 'function';

test('releaseMemory frees a buffer at once where transfer exists (Node 21+), else leaves it be', () => {
  const bytes = new Uint8Array(8 * 1024 * 1024).fill(7);
  const words = new Int32Array(bytes.buffer, 1024, 16);
  releaseMemory(bytes.buffer);
  if (canTransfer) {
    // Detached: every view is empty.
    assert.equal(bytes.length, 0);
    assert.equal(words.length, 0);
    assert.equal(bytes.buffer.byteLength, 0);
  } else {
    // Node 20: nothing happens; the garbage collector frees it later.
    assert.equal(bytes.length, 8 * 1024 * 1024);
    assert.equal(bytes[12345], 7);
  }
  // Again, or on nothing: nothing happens.
  releaseMemory(bytes.buffer);
  releaseMemory(undefined);
});

test("releaseMemory leaves a WebAssembly memory's buffer alone (it cannot be transferred)", () => {
  const memory = new WebAssembly.Memory({ initial: 1 });
  new Uint8Array(memory.buffer)[7] = 9;
  releaseMemory(memory.buffer);
  assert.equal(memory.buffer.byteLength, 65536);
  assert.equal(new Uint8Array(memory.buffer)[7], 9);
});
