// Opens a ZIP upload safely: reads only the central directory up front (through ByteSource.read), refuses
// what could escape, link, nest or explode, and hands back the data entries as lazily inflating sources.
// Pure and browser-safe on purpose: the browser build of the validator uses the same code.
import type { ByteSource } from '../../../platform/bytes/byte-source.ts';
import { METHOD_DEFLATE, METHOD_STORED, ZipEntrySource } from './zip-entry-source.ts';
import { ZipDataError, ZipLimitError } from './zip-errors.ts';

export interface ZipLimits {
  /** Most entries the central directory may list (folder markers and junk included). */
  maxEntries: number;
  /** Most bytes all data entries together may declare uncompressed. */
  maxTotalUncompressedBytes: number;
  /** Highest uncompressed/compressed ratio per entry; real data stays far below, bombs far above. */
  maxCompressionRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = Object.freeze({
  maxEntries: 50,
  maxTotalUncompressedBytes: 4 * 1024 ** 3,
  maxCompressionRatio: 200,
});

export interface ZipProblem {
  code: 'zip.invalid' | 'zip.unsafe' | 'zip.ignored_entry';
  /** Path of the entry inside the archive (as stored, control characters replaced); absent for the archive as a whole. */
  entry?: string;
  /** Dutch: what is wrong and what is expected instead. */
  message: string;
}

export interface OpenedZip {
  /** Data entries that passed every check, in central-directory order. */
  entries: ByteSource[];
  problems: ZipProblem[];
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
const CENTRAL_HEADER_BYTES = 46;
const LOCAL_HEADER_BYTES = 30;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8 = 0x0800;
const HOST_UNIX = 3;
const HOST_MACOS = 19;
const MODE_TYPE_MASK = 0o170000;
const MODE_REGULAR = 0o100000;
const MODE_DIRECTORY = 0o040000;
const MODE_SYMLINK = 0o120000;
const DOS_DIRECTORY = 0x10;
/** Bytes of an entry inspected for archive signatures (tar's sits at 257). */
const SNIFF_BYTES = 512;

const ARCHIVE_EXTENSION =
  /\.(zip|zipx|7z|rar|gz|tgz|tar|bz2|tbz|tbz2|xz|txz|zst|lz|lzma|lz4|z|cab|arj|jar|war|iso)$/i;
/** Data files are delimited text; anything else in an archive is skipped with a warning. */
const DATA_FILE_NAME = /\.(csv|txt)$/i;
const SYSTEM_FILES = new Set(['.ds_store', 'thumbs.db', 'desktop.ini']);

interface CentralEntry {
  path: string;
  nameBytes: Uint8Array;
  versionMadeBy: number;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  externalAttributes: number;
  localHeaderOffset: number;
}

/** True when the bytes start like a ZIP archive (a local file header, or the end record of an empty ZIP). */
export function isZip(firstBytes: Uint8Array): boolean {
  return (
    firstBytes.length >= 4 &&
    firstBytes[0] === 0x50 &&
    firstBytes[1] === 0x4b &&
    ((firstBytes[2] === 0x03 && firstBytes[3] === 0x04) || (firstBytes[2] === 0x05 && firstBytes[3] === 0x06))
  );
}

export async function openZip(
  source: ByteSource,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<OpenedZip> {
  const problems: ZipProblem[] = [];
  const refuse = (code: ZipProblem['code'], message: string, entry?: string): OpenedZip => {
    problems.push(entry === undefined ? { code, message } : { code, entry, message });
    return { entries: [], problems };
  };

  const size = source.size;
  if (size < END_RECORD_BYTES) {
    return refuse(
      'zip.invalid',
      `${archiveLabel(source)} is te kort om een ZIP-bestand te zijn. ${RECREATE}`,
    );
  }
  const tailLength = Math.min(size, END_RECORD_BYTES + MAX_COMMENT_BYTES);
  const tailStart = size - tailLength;
  const tail = await source.read(tailStart, tailLength);
  if (tail.length !== tailLength) return refuse('zip.invalid', truncatedMessage(source));
  const endAt = findEndRecord(tail);
  if (endAt < 0) {
    return refuse(
      'zip.invalid',
      `${archiveLabel(source)} is beschadigd of geen ZIP-bestand: het slot van de inhoudsopgave (end of central directory) ontbreekt, bijvoorbeeld omdat het bestand is afgebroken. ${RECREATE}`,
    );
  }
  const end = view(tail);
  const diskNumber = end.getUint16(endAt + 4, true);
  const directoryDisk = end.getUint16(endAt + 6, true);
  const entriesOnDisk = end.getUint16(endAt + 8, true);
  const entryCount = end.getUint16(endAt + 10, true);
  const directorySize = end.getUint32(endAt + 12, true);
  const directoryOffset = end.getUint32(endAt + 16, true);
  const endOffset = tailStart + endAt;

  const isZip64 =
    entryCount === 0xffff ||
    directorySize === 0xffffffff ||
    directoryOffset === 0xffffffff ||
    (endAt >= 20 && end.getUint32(endAt - 20, true) === SIG_ZIP64_LOCATOR);
  if (isZip64) return refuse('zip.invalid', ZIP64_MESSAGE);
  if (diskNumber !== 0 || directoryDisk !== 0 || entriesOnDisk !== entryCount) {
    return refuse(
      'zip.invalid',
      `${archiveLabel(source)} is een ZIP-bestand dat over meerdere delen is verdeeld; dat wordt niet ondersteund. Lever één volledig ZIP-bestand aan.`,
    );
  }
  if (entryCount > limits.maxEntries) {
    return refuse(
      'zip.unsafe',
      `${archiveLabel(source)} bevat ${entryCount} items; er mogen er hooguit ${limits.maxEntries} in staan. Zet alleen de gegevensbestanden (Wmo, Wmo kosten, SBW, Jeugd) in het ZIP-bestand.`,
    );
  }
  if (directoryOffset + directorySize > endOffset) {
    return refuse(
      'zip.invalid',
      `${archiveLabel(source)} is beschadigd: de inhoudsopgave verwijst naar een plek buiten het bestand. ${RECREATE}`,
    );
  }
  const directory = await source.read(directoryOffset, directorySize);
  if (directory.length !== directorySize) return refuse('zip.invalid', truncatedMessage(source));
  const central = parseCentralDirectory(directory, entryCount);
  if (typeof central === 'string')
    return refuse('zip.invalid', `${archiveLabel(source)} ${central} ${RECREATE}`);

  const accepted: Array<{ entry: CentralEntry; source: ZipEntrySource; dataEnd: number }> = [];
  const seenPaths = new Set<string>();
  for (const entry of central) {
    const label = displayPath(entry.path);
    const problem = await checkEntry(source, entry, directoryOffset, limits);
    if ('code' in problem) {
      problems.push({ ...problem, entry: label });
      continue;
    }
    if (seenPaths.has(entry.path)) {
      problems.push({
        code: 'zip.invalid',
        entry: label,
        message: `Het bestand "${label}" staat meer dan eens in het ZIP-bestand. Zet elk bestand er maar één keer in.`,
      });
      continue;
    }
    seenPaths.add(entry.path);
    accepted.push({ entry, source: problem.source, dataEnd: problem.dataEnd });
  }

  const declaredTotal = accepted.reduce((sum, item) => sum + item.entry.uncompressedSize, 0);
  if (declaredTotal > limits.maxTotalUncompressedBytes) {
    return refuse(
      'zip.unsafe',
      `${archiveLabel(source)} pakt uit tot ${formatBytes(declaredTotal)}; dat is meer dan de toegestane ${formatBytes(limits.maxTotalUncompressedBytes)}. Lever de bestanden in kleinere delen of los aan.`,
    );
  }
  // Entries whose data overlap are the trick behind non-recursive zip bombs; real archives never do it.
  const byOffset = [...accepted].sort((a, b) => a.entry.localHeaderOffset - b.entry.localHeaderOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const previous = byOffset[i - 1]!;
    const current = byOffset[i]!;
    if (current.entry.localHeaderOffset < previous.dataEnd) {
      return refuse(
        'zip.unsafe',
        `${archiveLabel(source)} bevat bestanden die dezelfde ingepakte gegevens delen (kenmerk van een zip-bom). Maak het ZIP-bestand opnieuw aan met een gewoon inpakprogramma.`,
      );
    }
  }

  const entries: ByteSource[] = [];
  for (const item of accepted) {
    const label = displayPath(item.entry.path);
    const nested = await sniffNestedArchive(item.source, item.entry);
    if (nested) problems.push({ ...nested, entry: label });
    else if (!DATA_FILE_NAME.test(item.entry.path)) {
      // Checked for archive content first: a renamed archive is refused, a stray PDF only skipped.
      problems.push({
        code: 'zip.ignored_entry',
        entry: label,
        message: `Het item "${label}" in het ZIP-bestand is geen gegevensbestand (.csv of .txt) en is overgeslagen.`,
      });
    } else entries.push(item.source);
  }
  // An archive with nothing to check must not pass as an approved (empty) upload.
  if (entries.length === 0 && problems.every((problem) => problem.code === 'zip.ignored_entry')) {
    problems.push({
      code: 'zip.invalid',
      message: `${archiveLabel(source)} bevat geen gegevensbestanden. Zet de bestanden (Wmo, Wmo kosten, SBW, Jeugd) zelf in het ZIP-bestand, niet alleen mappen.`,
    });
  }
  return { entries, problems };
}

const RECREATE = 'Maak het ZIP-bestand opnieuw aan en lever het opnieuw aan.';
const ZIP64_MESSAGE =
  'Het ZIP-bestand gebruikt het ZIP64-formaat (voor archieven boven 4 GB of met meer dan 65.535 items); dat wordt niet ondersteund. Lever een gewoon ZIP-bestand aan, of lever de bestanden los aan.';

function archiveLabel(source: ByteSource): string {
  return `Het bestand "${displayPath(source.name)}"`;
}

function truncatedMessage(source: ByteSource): string {
  return `${archiveLabel(source)} is afgebroken: het is korter dan de inhoudsopgave aangeeft. Lever het volledige ZIP-bestand opnieuw aan.`;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Offset in `tail` of the end record, preferring one whose comment ends exactly at the end of the file. */
function findEndRecord(tail: Uint8Array): number {
  const data = view(tail);
  let loose = -1;
  for (let at = tail.length - END_RECORD_BYTES; at >= 0; at--) {
    if (data.getUint32(at, true) !== SIG_END) continue;
    const commentLength = data.getUint16(at + 20, true);
    if (at + END_RECORD_BYTES + commentLength === tail.length) return at;
    if (loose < 0 && at + END_RECORD_BYTES + commentLength <= tail.length) loose = at;
  }
  return loose;
}

/** The entries of the central directory, or a Dutch sentence saying why it cannot be read. */
function parseCentralDirectory(directory: Uint8Array, entryCount: number): CentralEntry[] | string {
  const data = view(directory);
  const entries: CentralEntry[] = [];
  let at = 0;
  for (let index = 0; index < entryCount; index++) {
    if (at + CENTRAL_HEADER_BYTES > directory.length || data.getUint32(at, true) !== SIG_CENTRAL) {
      return 'is beschadigd: de inhoudsopgave (central directory) is onvolledig of onleesbaar.';
    }
    const nameLength = data.getUint16(at + 28, true);
    const extraLength = data.getUint16(at + 30, true);
    const commentLength = data.getUint16(at + 32, true);
    const next = at + CENTRAL_HEADER_BYTES + nameLength + extraLength + commentLength;
    if (next > directory.length) {
      return 'is beschadigd: de inhoudsopgave (central directory) is onvolledig of onleesbaar.';
    }
    const flags = data.getUint16(at + 8, true);
    const nameBytes = directory.slice(at + CENTRAL_HEADER_BYTES, at + CENTRAL_HEADER_BYTES + nameLength);
    const entry: CentralEntry = {
      path: decodeName(nameBytes, (flags & FLAG_UTF8) !== 0),
      nameBytes,
      versionMadeBy: data.getUint16(at + 4, true),
      flags,
      method: data.getUint16(at + 10, true),
      crc32: data.getUint32(at + 16, true),
      compressedSize: data.getUint32(at + 20, true),
      uncompressedSize: data.getUint32(at + 24, true),
      externalAttributes: data.getUint32(at + 38, true),
      localHeaderOffset: data.getUint32(at + 42, true),
    };
    if (
      entry.compressedSize === 0xffffffff ||
      entry.uncompressedSize === 0xffffffff ||
      entry.localHeaderOffset === 0xffffffff
    ) {
      return ZIP64_MESSAGE.replace(/^Het ZIP-bestand /, '');
    }
    entries.push(entry);
    at = next;
  }
  return entries;
}

type EntryCheck = Omit<ZipProblem, 'entry'> | { source: ZipEntrySource; dataEnd: number };

async function checkEntry(
  archive: ByteSource,
  entry: CentralEntry,
  directoryOffset: number,
  limits: ZipLimits,
): Promise<EntryCheck> {
  const label = displayPath(entry.path);
  const item = `Het item "${label}" in het ZIP-bestand`;
  const unsafePath = describeUnsafePath(entry.path);
  if (unsafePath) {
    return {
      code: 'zip.unsafe',
      message: `${item} ${unsafePath}; verwacht wordt een gewone bestandsnaam binnen het ZIP-bestand, zoals "WMO_0363_2017H2.csv".`,
    };
  }
  const kind = fileKind(entry);
  if (kind === 'symlink') {
    return {
      code: 'zip.unsafe',
      message: `${item} is een snelkoppeling (symbolische link); alleen gewone gegevensbestanden zijn toegestaan.`,
    };
  }
  if (kind === 'special') {
    return {
      code: 'zip.unsafe',
      message: `${item} is geen gewoon bestand (maar bijvoorbeeld een apparaat of pipe); alleen gewone gegevensbestanden zijn toegestaan.`,
    };
  }
  const ignored = describeIgnoredEntry(entry, kind);
  if (ignored) return { code: 'zip.ignored_entry', message: `${item} ${ignored} en is overgeslagen.` };
  if (ARCHIVE_EXTENSION.test(entry.path)) {
    return { code: 'zip.unsafe', message: nestedArchiveMessage(label) };
  }
  // Encrypted entries cannot be read, so nothing in them can be checked: the archive "cannot be opened"
  // (zip.invalid) rather than being hostile (zip.unsafe).
  if ((entry.flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) !== 0) {
    return {
      code: 'zip.invalid',
      message: `${item} is met een wachtwoord versleuteld en kan niet worden gelezen. Lever het ZIP-bestand aan zonder wachtwoord.`,
    };
  }
  if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATE) {
    return {
      code: 'zip.invalid',
      message: `${item} is ingepakt met compressiemethode ${entry.method} (${methodName(entry.method)}), die niet wordt ondersteund. Gebruik de gewone ZIP-compressie (deflate) of geen compressie.`,
    };
  }
  if (entry.method === METHOD_STORED && entry.compressedSize !== entry.uncompressedSize) {
    return {
      code: 'zip.invalid',
      message: `${item} is beschadigd: het is niet ingepakt, maar de inhoudsopgave noemt verschillende groottes (${entry.compressedSize} en ${entry.uncompressedSize} bytes). ${RECREATE}`,
    };
  }
  if (entry.uncompressedSize > entry.compressedSize * limits.maxCompressionRatio) {
    const ratio =
      entry.compressedSize === 0 ? '∞' : String(Math.round(entry.uncompressedSize / entry.compressedSize));
    return {
      code: 'zip.unsafe',
      message: `${item} pakt ${ratio} keer zo groot uit als het ingepakt is (${formatBytes(entry.uncompressedSize)}); hooguit ${limits.maxCompressionRatio} keer is toegestaan, want meer wijst op een zip-bom. Lever het bestand los of gewoon ingepakt aan.`,
    };
  }

  const nameLength = entry.nameBytes.length;
  const local = await archive.read(entry.localHeaderOffset, LOCAL_HEADER_BYTES + nameLength);
  const damaged = {
    code: 'zip.invalid' as const,
    message: `${item} is beschadigd: de inhoudsopgave verwijst naar een plek waar het bestand niet staat. ${RECREATE}`,
  };
  if (local.length !== LOCAL_HEADER_BYTES + nameLength) return damaged;
  const header = view(local);
  if (header.getUint32(0, true) !== SIG_LOCAL) return damaged;
  const localNameLength = header.getUint16(26, true);
  const localExtraLength = header.getUint16(28, true);
  if (localNameLength !== nameLength || !sameBytes(local.subarray(LOCAL_HEADER_BYTES), entry.nameBytes)) {
    return {
      code: 'zip.invalid',
      message: `${item} is beschadigd: de naam in de inhoudsopgave verschilt van die bij de gegevens. ${RECREATE}`,
    };
  }
  const dataOffset = entry.localHeaderOffset + LOCAL_HEADER_BYTES + localNameLength + localExtraLength;
  const dataEnd = dataOffset + entry.compressedSize;
  if (dataEnd > directoryOffset) return damaged;
  return {
    source: new ZipEntrySource(archive, {
      path: entry.path,
      method: entry.method,
      crc32: entry.crc32,
      compressedSize: entry.compressedSize,
      uncompressedSize: entry.uncompressedSize,
      dataOffset,
    }),
    dataEnd,
  };
}

/** Why a path could land outside the folder it is unpacked into, or null when it cannot. */
function describeUnsafePath(path: string): string | null {
  if (path.length === 0) return 'heeft geen naam';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'heeft een naam met stuurtekens';
  if (path.includes('\\'))
    return 'heeft een naam met een backslash (\\), waarmee het buiten het ZIP-bestand kan uitkomen';
  if (path.startsWith('/')) return 'heeft een absoluut pad';
  if (/^[A-Za-z]:/.test(path)) return 'heeft een pad met een stationsletter (zoals C:)';
  if (path.split('/').some((segment) => segment === '..')) {
    return 'heeft een pad met ".." en zou buiten het ZIP-bestand terechtkomen';
  }
  return null;
}

function fileKind(entry: CentralEntry): 'regular' | 'directory' | 'symlink' | 'special' {
  const host = entry.versionMadeBy >>> 8;
  if (host === HOST_UNIX || host === HOST_MACOS) {
    const type = (entry.externalAttributes >>> 16) & MODE_TYPE_MASK;
    if (type === MODE_SYMLINK) return 'symlink';
    if (type === MODE_DIRECTORY) return 'directory';
    if (type !== 0 && type !== MODE_REGULAR) return 'special';
  }
  if ((entry.externalAttributes & DOS_DIRECTORY) !== 0 && entry.uncompressedSize === 0) return 'directory';
  return entry.path.endsWith('/') ? 'directory' : 'regular';
}

function describeIgnoredEntry(entry: CentralEntry, kind: ReturnType<typeof fileKind>): string | null {
  const segments = entry.path.split('/');
  if (segments.some((segment) => segment === '__MACOSX')) return 'bevat extra gegevens van macOS (__MACOSX)';
  const base = segments.filter((segment) => segment.length > 0).at(-1) ?? '';
  if (kind === 'directory') return 'is een map (geen gegevensbestand)';
  if (SYSTEM_FILES.has(base.toLowerCase()) || base.startsWith('._')) {
    return 'is een systeembestand (geen gegevensbestand)';
  }
  return null;
}

function nestedArchiveMessage(label: string): string {
  return `Het item "${label}" in het ZIP-bestand is zelf een archief (zoals ZIP, 7z, RAR, gz of tar; ook Excel- en Word-bestanden zijn ZIP-archieven); archieven in een archief worden niet uitgepakt. Zet de gegevensbestanden zelf in één ZIP-bestand.`;
}

/** Looks at an entry's first bytes for the signature of an archive or compressed stream. */
async function sniffNestedArchive(
  source: ZipEntrySource,
  entry: CentralEntry,
): Promise<Omit<ZipProblem, 'entry'> | null> {
  let head: Uint8Array;
  try {
    head = await source.read(0, SNIFF_BYTES);
  } catch (error) {
    if (error instanceof ZipLimitError || error instanceof ZipDataError) {
      return { code: error.code, message: error.message };
    }
    throw error;
  }
  return isArchiveSignature(head)
    ? { code: 'zip.unsafe', message: nestedArchiveMessage(displayPath(entry.path)) }
    : null;
}

const SIGNATURES: number[][] = [
  [0x50, 0x4b, 0x03, 0x04], // zip
  [0x50, 0x4b, 0x05, 0x06], // empty zip
  [0x50, 0x4b, 0x07, 0x08], // spanned zip
  [0x1f, 0x8b], // gzip
  [0x1f, 0x9d], // compress (.Z)
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
  [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], // rar
  [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], // xz
  [0x28, 0xb5, 0x2f, 0xfd], // zstd
  [0x4d, 0x53, 0x43, 0x46], // cab
  [0x4c, 0x5a, 0x49, 0x50], // lzip
];
const BZIP2_BLOCK = [0x31, 0x41, 0x59, 0x26, 0x53, 0x59];
const TAR_MAGIC = [0x75, 0x73, 0x74, 0x61, 0x72]; // "ustar" at 257

function startsWithAt(bytes: Uint8Array, at: number, signature: number[]): boolean {
  return bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);
}

function isArchiveSignature(head: Uint8Array): boolean {
  if (SIGNATURES.some((signature) => startsWithAt(head, 0, signature))) return true;
  // "BZh" alone could begin a text line; a bzip2 stream continues with a digit and the block magic.
  const isBzip2 =
    startsWithAt(head, 0, [0x42, 0x5a, 0x68]) &&
    head[3] !== undefined &&
    head[3] >= 0x31 &&
    head[3] <= 0x39 &&
    startsWithAt(head, 4, BZIP2_BLOCK);
  return isBzip2 || startsWithAt(head, 257, TAR_MAGIC);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// Code page 437, the ZIP default for names without the UTF-8 flag, upper half.
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

function decodeName(bytes: Uint8Array, isUtf8: boolean): string {
  if (isUtf8) return new TextDecoder('utf-8').decode(bytes);
  let name = '';
  for (const byte of bytes) name += byte < 0x80 ? String.fromCharCode(byte) : CP437_HIGH[byte - 0x80];
  return name;
}

/** A path safe to print in a message: control characters shown as U+FFFD, length capped. */
function displayPath(path: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = path.replace(/[\u0000-\u001f\u007f]/g, '\ufffd');
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}

function methodName(method: number): string {
  const names: Record<number, string> = {
    1: 'shrink',
    6: 'implode',
    9: 'deflate64',
    12: 'bzip2',
    14: 'lzma',
    93: 'zstd',
    95: 'xz',
    98: 'ppmd',
    99: 'AES-versleuteling',
  };
  return names[method] ?? 'onbekend';
}

function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1).replace('.', ',')} ${units[unit]}`;
}
