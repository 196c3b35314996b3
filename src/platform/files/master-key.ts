// The master key wraps (encrypts) the per-file data keys of the encrypted file store. It comes from
// configuration (64 hex characters) or, in the embedded setup, from a key file that is generated once.
// The key id travels with every wrapped data key so a later rotation knows which master key to use.
import { createHash, randomBytes } from 'node:crypto';
import { readdir, link, mkdir, open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { inspect } from 'node:util';

const KEY_BYTES = 32;
const KEY_HEX_PATTERN = /^[0-9a-fA-F]{64}$/;

/** The master key could not be used: wrong length, not hex, or an unreadable key file. */
export class InvalidMasterKeyError extends Error {
  constructor(readonly source: string) {
    super(
      `De hoofdsleutel voor versleutelde bestanden (${source}) is ongeldig: verwacht zijn 64 hexadecimale tekens.`,
    );
    this.name = 'InvalidMasterKeyError';
  }
}

/**
 * A 256-bit master key and its id. The key bytes sit in a private field and never show up in
 * JSON.stringify, console.log or a pino log line: only the id does.
 */
export class MasterKey {
  readonly id: string;
  readonly #bytes: Buffer;

  constructor(bytes: Uint8Array) {
    if (bytes.length !== KEY_BYTES) throw new InvalidMasterKeyError(`${bytes.length} bytes`);
    this.#bytes = Buffer.from(bytes);
    this.id = computeKeyId(this.#bytes);
  }

  /** The raw key, for the store's key wrapping only. */
  get bytes(): Buffer {
    return this.#bytes;
  }

  toJSON(): { id: string } {
    return { id: this.id };
  }

  [inspect.custom](): string {
    return `MasterKey { id: '${this.id}' }`;
  }
}

/** First 8 hex characters of the key's SHA-256: names a key without revealing it. */
export function computeKeyId(key: Uint8Array): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export interface LoadMasterKeyOptions {
  /** From configuration: 64 hex characters. Wins over the key file when given. */
  keyHex?: string | undefined;
  /** E.g. `<dataDir>/keys/master.key`; generated (mode 0600, folder 0700) when missing. */
  keyFile: string;
}

export async function loadMasterKey(options: LoadMasterKeyOptions): Promise<MasterKey> {
  if (options.keyHex !== undefined && options.keyHex !== '')
    return parseKeyHex(options.keyHex, 'configuratie');
  const existing = await readKeyFile(options.keyFile);
  if (existing) return existing;
  return createKeyFile(options.keyFile);
}

/**
 * Earlier master keys, kept only while `ggk keys rotate` re-wraps what they wrapped: from
 * GGK_PREVIOUS_MASTER_KEYS and from the files in <dataDir>/keys/previous (one hex key per file).
 */
export async function loadPreviousMasterKeys(options: {
  keysHex: string[];
  folder: string;
}): Promise<MasterKey[]> {
  const keys = options.keysHex.map((hex) => parseKeyHex(hex, 'GGK_PREVIOUS_MASTER_KEYS'));
  let names: string[] = [];
  try {
    names = (await readdir(options.folder)).filter((name) => name.endsWith('.key')).sort();
  } catch (error) {
    if (!isErrorCode(error, 'ENOENT')) throw error;
  }
  for (const name of names) {
    const key = await readKeyFile(path.join(options.folder, name));
    if (key) keys.push(key);
  }
  return keys;
}

function parseKeyHex(text: string, source: string): MasterKey {
  const hex = text.trim();
  if (!KEY_HEX_PATTERN.test(hex)) throw new InvalidMasterKeyError(source);
  return new MasterKey(Buffer.from(hex, 'hex'));
}

async function readKeyFile(keyFile: string): Promise<MasterKey | undefined> {
  let text: string;
  try {
    text = await readFile(keyFile, 'utf8');
  } catch (error) {
    if (isErrorCode(error, 'ENOENT')) return undefined;
    throw error;
  }
  return parseKeyHex(text, keyFile);
}

/**
 * Writes a new key next to the key file, makes it durable, then hard-links it into place. link()
 * fails with EEXIST when another process got there first, so of two processes starting at once
 * exactly one key wins and the loser reads it; the key file never exists half-written.
 * (rename() would silently replace the winner's key, and files encrypted with it would be lost.)
 */
async function createKeyFile(keyFile: string): Promise<MasterKey> {
  const folder = path.dirname(keyFile);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const key = new MasterKey(randomBytes(KEY_BYTES));
  const temporary = `${keyFile}.${randomBytes(8).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(`${key.bytes.toString('hex')}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  let isWinner = true;
  try {
    await link(temporary, keyFile);
  } catch (error) {
    if (!isErrorCode(error, 'EEXIST')) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    isWinner = false;
  }
  await unlink(temporary);
  await syncDirectory(folder);
  if (isWinner) return key;
  const winner = await readKeyFile(keyFile);
  if (!winner) throw new InvalidMasterKeyError(keyFile);
  return winner;
}

/** Makes a directory's entries (a created, renamed or removed file) durable. */
export async function syncDirectory(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function isErrorCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
