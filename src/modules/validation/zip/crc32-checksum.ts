// CRC-32 (IEEE 802.3, as in ZIP), computed incrementally so an entry can be checked while it streams.
// Slicing-by-4 keeps it fast enough that checking does not dominate inflating.

const tables: Uint32Array[] = buildTables();

function buildTables(): Uint32Array[] {
  const base = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    base[n] = c >>> 0;
  }
  const result = [base];
  for (let t = 1; t < 4; t++) {
    const previous = result[t - 1]!;
    const next = new Uint32Array(256);
    for (let n = 0; n < 256; n++) next[n] = (previous[n]! >>> 8) ^ base[previous[n]! & 0xff]!;
    result.push(next);
  }
  return result;
}

const [t0, t1, t2, t3] = tables as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];

/** Continues a CRC-32 over `bytes`; start with `updateCrc32(0, first)`. */
export function updateCrc32(crc: number, bytes: Uint8Array): number {
  let c = ~crc >>> 0;
  const length = bytes.length;
  let i = 0;
  const end4 = length - (length % 4);
  while (i < end4) {
    c ^= bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    c = t3[c & 0xff]! ^ t2[(c >>> 8) & 0xff]! ^ t1[(c >>> 16) & 0xff]! ^ t0[c >>> 24]!;
    i += 4;
  }
  while (i < length) c = t0[(c ^ bytes[i++]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
