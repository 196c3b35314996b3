// A ByteSource over a Blob (a File from <input type="file"> or a drop), so the browser can run the
// same check as the server before anything is uploaded. Reads slices, never the whole file at once.
import type { ByteSource } from '../../platform/bytes/byte-source.ts';

const CHUNK_BYTES = 1 << 20;

export function createBlobByteSource(blob: Blob, name?: string): ByteSource {
  const fileName =
    name ?? (typeof (blob as { name?: unknown }).name === 'string' ? (blob as File).name : 'upload');
  const readSlice = async (start: number, end: number): Promise<Uint8Array> =>
    new Uint8Array(await blob.slice(start, end).arrayBuffer());
  return {
    name: fileName,
    size: blob.size,
    async *stream() {
      for (let offset = 0; offset < blob.size; offset += CHUNK_BYTES) {
        yield await readSlice(offset, Math.min(offset + CHUNK_BYTES, blob.size));
      }
    },
    async read(offset, length) {
      const start = Math.max(0, Math.min(offset, blob.size));
      return readSlice(start, Math.max(start, Math.min(offset + length, blob.size)));
    },
  };
}
