// Memory given back when a large buffer is done with, not at some later garbage collection.

type Transferable = ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };

/**
 * Frees a buffer's bytes now: ArrayBuffer.prototype.transfer(0) (Node 21+, current browsers) detaches
 * it and frees its memory at once, where dropping the last reference frees it only at a later garbage
 * collection (by then a second pass over the file, say, has put its own memory on top: the peak is
 * both). Where transfer is missing, or the buffer is shared or already detached, nothing happens. Only
 * for a buffer nothing reads any more: every view of it is empty afterwards.
 */
export function releaseMemory(buffer: ArrayBufferLike | undefined): void {
  if (!(buffer instanceof ArrayBuffer) || buffer.byteLength === 0) return;
  const transfer = (buffer as Transferable).transfer;
  if (typeof transfer !== 'function') return;
  try {
    transfer.call(buffer, 0);
  } catch {
    // Not transferable (a WebAssembly memory's buffer, say): left to the garbage collector.
  }
}
