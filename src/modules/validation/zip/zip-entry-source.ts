// One ZIP entry as a ByteSource: inflates lazily while it is read, and checks on the way that the
// real bytes match the central directory (size, CRC-32). A lying header is caught here, not in openZip.
import { Inflate } from 'fflate';
import type { ByteSource } from '../../../platform/bytes/byte-source.ts';
import { updateCrc32 } from './crc32-checksum.ts';
import { ZipDataError, ZipLimitError } from './zip-errors.ts';

export const METHOD_STORED = 0;
export const METHOD_DEFLATE = 8;

/** Compressed bytes fetched from the archive per read. */
const READ_CHUNK_BYTES = 256 * 1024;
/**
 * Compressed bytes handed to the inflater at once. Deflate expands at most ~1032×, so one push makes
 * at most ~16 MiB before the size check runs: a bomb with a lying header is stopped that early.
 */
const PUSH_CHUNK_BYTES = 16 * 1024;

export interface ZipEntryLayout {
  /** Path inside the archive, for messages. */
  readonly path: string;
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** Offset in the archive of the first compressed byte (after the local header). */
  readonly dataOffset: number;
}

export class ZipEntrySource implements ByteSource {
  readonly name: string;
  readonly size: number;

  constructor(
    private readonly archive: ByteSource,
    private readonly layout: ZipEntryLayout,
  ) {
    this.name = `${archive.name}/${layout.path}`;
    this.size = layout.uncompressedSize;
  }

  stream(): AsyncIterable<Uint8Array> {
    return this.layout.method === METHOD_STORED ? this.streamStored() : this.streamDeflated();
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const start = Math.max(0, Math.min(offset, this.size));
    const end = Math.max(start, Math.min(offset + Math.max(0, length), this.size));
    if (end === start) return new Uint8Array(0);
    if (this.layout.method === METHOD_STORED) {
      const bytes = await this.archive.read(this.layout.dataOffset + start, end - start);
      if (bytes.length !== end - start) throw this.truncated();
      return bytes;
    }
    // Deflate has no random access: inflate from the start and keep only the wanted window. Callers
    // use read() for a few leading bytes (type sniffing), so this stays cheap in practice.
    const out = new Uint8Array(end - start);
    let position = 0;
    for await (const chunk of this.streamDeflated({ verifyEnd: false })) {
      const chunkEnd = position + chunk.length;
      if (chunkEnd > start) {
        const from = Math.max(start, position);
        const to = Math.min(end, chunkEnd);
        out.set(chunk.subarray(from - position, to - position), from - start);
      }
      position = chunkEnd;
      if (position >= end) return out;
    }
    return out.subarray(0, Math.max(0, Math.min(end, position) - start));
  }

  private async *streamStored(): AsyncGenerator<Uint8Array> {
    const { dataOffset, uncompressedSize } = this.layout;
    let crc = 0;
    for (let position = 0; position < uncompressedSize;) {
      const want = Math.min(READ_CHUNK_BYTES, uncompressedSize - position);
      const bytes = await this.archive.read(dataOffset + position, want);
      if (bytes.length !== want) throw this.truncated();
      crc = updateCrc32(crc, bytes);
      position += want;
      yield bytes;
    }
    this.verifyCrc(crc);
  }

  private async *streamDeflated(
    options: { verifyEnd: boolean } = { verifyEnd: true },
  ): AsyncGenerator<Uint8Array> {
    const { dataOffset, compressedSize, uncompressedSize, path } = this.layout;
    let produced = 0;
    let crc = 0;
    let pending: Uint8Array[] = [];
    const inflater = new Inflate((chunk) => {
      if (chunk.length === 0) return;
      produced += chunk.length;
      if (produced > uncompressedSize) {
        throw new ZipLimitError(
          path,
          `Het bestand "${path}" in het ZIP-bestand pakt uit tot meer dan de ${uncompressedSize} bytes die de inhoudsopgave van het ZIP-bestand opgeeft; het uitpakken is gestopt. Maak het ZIP-bestand opnieuw aan met een gewoon inpakprogramma.`,
        );
      }
      crc = updateCrc32(crc, chunk);
      pending.push(chunk);
    });
    const push = (piece: Uint8Array, isFinal: boolean) => {
      try {
        inflater.push(piece, isFinal);
      } catch (error) {
        if (error instanceof ZipLimitError) throw error;
        throw new ZipDataError(
          path,
          `Het bestand "${path}" in het ZIP-bestand is beschadigd: de ingepakte gegevens zijn onleesbaar of afgebroken. Maak het ZIP-bestand opnieuw aan.`,
        );
      }
    };
    if (compressedSize === 0) push(new Uint8Array(0), true);
    for (let position = 0; position < compressedSize;) {
      const want = Math.min(READ_CHUNK_BYTES, compressedSize - position);
      const compressed = await this.archive.read(dataOffset + position, want);
      if (compressed.length !== want) throw this.truncated();
      position += want;
      for (let offset = 0; offset < compressed.length; offset += PUSH_CHUNK_BYTES) {
        const pieceEnd = Math.min(offset + PUSH_CHUNK_BYTES, compressed.length);
        push(
          compressed.subarray(offset, pieceEnd),
          position === compressedSize && pieceEnd === compressed.length,
        );
        if (pending.length > 0) {
          const ready = pending;
          pending = [];
          for (const chunk of ready) yield chunk;
        }
      }
    }
    if (!options.verifyEnd) return;
    if (produced !== uncompressedSize) {
      throw new ZipDataError(
        path,
        `Het bestand "${path}" in het ZIP-bestand is beschadigd: het pakt uit tot ${produced} bytes, maar de inhoudsopgave noemt ${uncompressedSize} bytes. Maak het ZIP-bestand opnieuw aan.`,
      );
    }
    this.verifyCrc(crc);
  }

  private verifyCrc(crc: number): void {
    if (crc !== this.layout.crc32) {
      throw new ZipDataError(
        this.layout.path,
        `Het bestand "${this.layout.path}" in het ZIP-bestand is beschadigd: de controlesom (CRC-32) klopt niet met de inhoud. Maak het ZIP-bestand opnieuw aan.`,
      );
    }
  }

  private truncated(): ZipDataError {
    return new ZipDataError(
      this.layout.path,
      `Het bestand "${this.layout.path}" in het ZIP-bestand is afgebroken: het ZIP-bestand is korter dan de inhoudsopgave aangeeft. Lever het volledige ZIP-bestand opnieuw aan.`,
    );
  }
}
