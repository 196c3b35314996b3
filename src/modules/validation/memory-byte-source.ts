// A ByteSource over bytes already in memory: tests, and the browser when a file is small.
import type { ByteSource } from '../../platform/bytes/byte-source.ts';

export function createBytesSource(name: string, bytes: Uint8Array, chunkSize = 1 << 20): ByteSource {
  return {
    name,
    size: bytes.length,
    async *stream() {
      for (let i = 0; i < bytes.length; i += chunkSize)
        yield bytes.subarray(i, Math.min(i + chunkSize, bytes.length));
    },
    async read(offset, length) {
      return bytes.subarray(offset, Math.min(offset + length, bytes.length));
    },
  };
}
