// Test helpers: a ByteSource over bytes, and a ZIP writer that can lie in every header field, so
// hostile archives are built byte by byte instead of being checked in as opaque fixtures.
import { deflateSync } from 'fflate';
import type { ByteSource } from '../../../platform/bytes/byte-source.ts';
import { updateCrc32 } from './crc32-checksum.ts';

export function createMemorySource(name: string, bytes: Uint8Array): ByteSource & { reads: number } {
  return {
    name,
    size: bytes.length,
    reads: 0,
    async *stream() {
      for (let at = 0; at < bytes.length; at += 65536) yield bytes.slice(at, at + 65536);
    },
    async read(offset: number, length: number) {
      this.reads++;
      return bytes.slice(offset, offset + length);
    },
  };
}

export interface RawEntry {
  name: string | Uint8Array;
  data?: Uint8Array;
  method?: number;
  /** Override what the headers claim. */
  declaredSize?: number;
  crc32?: number;
  flags?: number;
  versionMadeBy?: number;
  externalAttributes?: number;
  /** Claim more compressed bytes than written, so this entry's data spans the next entry (overlap trick). */
  extraCompressedSize?: number;
}

export function buildRawZip(
  entries: RawEntry[],
  options: { zip64Locator?: boolean; entryCount?: number } = {},
): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = typeof entry.name === 'string' ? new TextEncoder().encode(entry.name) : entry.name;
    const data = entry.data ?? new Uint8Array(0);
    const method = entry.method ?? 8;
    const compressed = method === 8 ? deflateSync(data) : data;
    const crc = entry.crc32 ?? updateCrc32(0, data);
    const size = entry.declaredSize ?? data.length;
    const flags = entry.flags ?? 0x0800;
    const local = new Uint8Array(30 + name.length);
    const l = new DataView(local.buffer);
    l.setUint32(0, 0x04034b50, true);
    l.setUint16(4, 20, true);
    l.setUint16(6, flags, true);
    l.setUint16(8, method, true);
    l.setUint32(14, crc, true);
    l.setUint32(18, compressed.length, true);
    l.setUint32(22, size, true);
    l.setUint16(26, name.length, true);
    local.set(name, 30);
    const headerOffset = offset;
    parts.push(local, compressed);
    offset += local.length + compressed.length;

    const record = new Uint8Array(46 + name.length);
    const c = new DataView(record.buffer);
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, entry.versionMadeBy ?? 20, true);
    c.setUint16(6, 20, true);
    c.setUint16(8, flags, true);
    c.setUint16(10, method, true);
    c.setUint32(16, crc, true);
    c.setUint32(20, compressed.length + (entry.extraCompressedSize ?? 0), true);
    c.setUint32(24, size, true);
    c.setUint16(28, name.length, true);
    c.setUint32(38, entry.externalAttributes ?? 0, true);
    c.setUint32(42, headerOffset, true);
    record.set(name, 46);
    central.push(record);
  }
  const directoryOffset = offset;
  const directorySize = central.reduce((sum, part) => sum + part.length, 0);
  const tail: Uint8Array[] = [];
  if (options.zip64Locator) {
    const locator = new Uint8Array(20);
    new DataView(locator.buffer).setUint32(0, 0x07064b50, true);
    tail.push(locator);
  }
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  const count = options.entryCount ?? entries.length;
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, count, true);
  e.setUint16(10, count, true);
  e.setUint32(12, directorySize, true);
  e.setUint32(16, directoryOffset, true);
  tail.push(end);
  return concatBytes([...parts, ...central, ...tail]);
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export async function readAll(source: ByteSource): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of source.stream()) chunks.push(chunk);
  return concatBytes(chunks);
}
