// A ByteSource over a file on disk, for the CLI and the worker. Streams in 1 MiB chunks so memory
// stays flat whatever the file size; read() serves the random access a ZIP's central directory needs.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
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
    async *stream() {
      for await (const chunk of createReadStream(filePath, { highWaterMark: CHUNK_BYTES })) {
        const buffer = chunk as Buffer;
        yield new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
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
