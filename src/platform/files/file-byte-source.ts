// A ByteSource over a file on disk, for the CLI and the worker. Streams in 1 MiB chunks so memory
// stays flat whatever the file size; read() serves the random access a ZIP's central directory needs.
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ByteSource } from '../../modules/validation/byte-source.ts';
import type { Hasher } from '../../modules/validation/sha256-hasher.ts';

const CHUNK_BYTES = 1 << 20;

/** Opens `filePath` as a ByteSource named `name` (default: the file's base name). Throws when it is missing. */
export async function openFileByteSource(
  filePath: string,
  name = path.basename(filePath),
): Promise<ByteSource> {
  const info = await stat(filePath);
  if (!info.isFile()) throw new Error(`${filePath} is geen bestand`);
  return {
    name,
    size: info.size,
    // Each stream reads into one buffer it reuses: a fresh 1 MiB buffer per chunk costs more in page
    // faults than the whole check costs in CPU (measured: 280 ms against 10 ms for 70 MB). A chunk is
    // therefore valid until the next one is asked for; a consumer that keeps bytes copies them.
    async *stream() {
      const handle = await open(filePath, 'r');
      try {
        const buffer = new Uint8Array(Math.min(CHUNK_BYTES, Math.max(info.size, 1)));
        for (;;) {
          const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
          if (bytesRead === 0) break;
          yield buffer.subarray(0, bytesRead);
        }
      } finally {
        await handle.close();
      }
    },
    async read(offset, length) {
      const handle = await open(filePath, 'r');
      try {
        const bytes = new Uint8Array(Math.max(0, Math.min(length, info.size - offset)));
        let done = 0;
        while (done < bytes.length) {
          const { bytesRead } = await handle.read(bytes, done, bytes.length - done, offset + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return done === bytes.length ? bytes : bytes.subarray(0, done);
      } finally {
        await handle.close();
      }
    },
  };
}

/** SHA-256 through node:crypto: several times faster than the pure default of the engine. */
export function createNodeSha256(): Hasher {
  const hash = createHash('sha256');
  return {
    update: (bytes) => void hash.update(bytes),
    digest: () => hash.digest('hex'),
  };
}
