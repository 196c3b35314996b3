// `ggk cbs sync`: CBS's side of the hand-over in a box (contract cbs-handover.md). Reads the feed from
// its saved cursor, downloads each file to <out>/<halfYear>/<gemeente>/<receiptNumber>/<name>
// (temporary name, checked against the SHA-256, fsynced, renamed), acknowledges the delivery, deletes
// the files of a withdrawal and confirms the erasure, and saves the cursor only after that. Every step
// can be repeated, so a process killed at any moment and started again ends in the same state.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, unlink, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

export interface SyncOptions {
  url: string;
  token: string;
  out: string;
  once: boolean;
  intervalSeconds: number;
  log: (line: string) => void;
  /** Stops a polling run (tests, signals). */
  signal?: AbortSignal;
  /** The time stated as `erasedAt`: ggk refuses one in its future, so a demo on a fake clock needs it too. */
  now?: () => Date;
}

export const EXIT_IN_SYNC = 0;
export const EXIT_CHECKSUM = 1;
export const EXIT_UNREACHABLE = 2;

class Unreachable extends Error {}
class ChecksumMismatch extends Error {}

interface FeedFile {
  fileId: string;
  name: string;
  bytes: number;
  sha256: string;
}
type FeedItem =
  | {
      cursor: string;
      kind: 'delivery';
      deliveryId: string;
      receiptNumber: string;
      gemeente: string;
      halfYear: string;
      files: FeedFile[];
    }
  | {
      cursor: string;
      kind: 'withdrawal';
      withdrawalId: string;
      deliveryId: string;
      fileIds: string[];
      /** false: only the files listed were withdrawn (a part); absent (older ggk) or true: all. */
      wholeDelivery?: boolean;
      withdrawnFiles?: Array<{ fileId: string; name: string }>;
    };

const SAFE = {
  halfYear: /^\d{4}H[12]$/,
  gemeente: /^\d{4}$/,
  receipt: /^[A-Za-z0-9-]{1,64}$/,
  name: /^[A-Za-z0-9][A-Za-z0-9._ -]{0,200}$/,
  uuid: /^[0-9a-f-]{36}$/,
};

async function fsyncPath(p: string): Promise<void> {
  const handle = await open(p, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const TEMPORARY = /^\.[^/]*\.[0-9a-f]{8}\.tmp$|^[0-9a-f-]{36}\.[0-9a-f]{8}\.tmp$/;

/** Writes a small file so that a crash leaves either the old or the new content. */
async function writeAtomically(file: string, content: string): Promise<void> {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
  await fsyncPath(path.dirname(file));
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function sha256Of(file: string): Promise<{ sha256: string; bytes: number } | undefined> {
  try {
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
    }
    return { sha256: hash.digest('hex'), bytes };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function runCbsSync(options: SyncOptions): Promise<number> {
  const base = options.url.replace(/\/$/, '');
  const out = path.resolve(options.out);
  const indexDir = path.join(out, '.index');
  await mkdir(indexDir, { recursive: true });
  const cursorFile = path.join(out, '.cursor');
  // A run killed inside writeAtomically leaves its temporary file (the old cursor or index entry
  // stays valid): clear those away, or every crash adds one.
  for (const dir of [out, indexDir])
    for (const name of await readdir(dir))
      if (TEMPORARY.test(name)) await rm(path.join(dir, name), { force: true });

  async function call(pathname: string, init: RequestInit = {}): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${base}${pathname}`, {
        ...init,
        headers: { authorization: `Bearer ${options.token}`, ...(init.headers as Record<string, string>) },
      });
    } catch (error) {
      throw new Unreachable(`ggk is niet bereikbaar op ${base}: ${(error as Error).message}`);
    }
    if (res.status === 401 || res.status === 403 || res.status >= 500) {
      const text = await res.text();
      throw new Unreachable(`ggk antwoordt ${res.status} op ${pathname}: ${text.slice(0, 300)}`);
    }
    return res;
  }

  /** Downloads one file into place; false when ggk says it is gone (withdrawn meanwhile). */
  async function download(dir: string, file: FeedFile): Promise<boolean> {
    const target = path.join(dir, file.name);
    const present = await sha256Of(target);
    if (present?.sha256 === file.sha256) return true;
    // A partial download from a killed run resumes with Range, when its bytes are still the file's.
    const part = path.join(dir, `.${file.name}.part`);
    const hash = createHash('sha256');
    let offset = 0;
    const partial = await sha256Of(part).catch(() => undefined);
    if (partial && partial.bytes < file.bytes) {
      for await (const chunk of createReadStream(part) as AsyncIterable<Buffer>) hash.update(chunk);
      offset = partial.bytes;
    } else if (partial) {
      await unlink(part);
    }
    const res = await call(
      `/api/v1/cbs/files/${file.fileId}`,
      offset > 0 ? { headers: { range: `bytes=${offset}-` } } : {},
    );
    if (res.status === 410 || res.status === 404) {
      await res.body?.cancel();
      return false;
    }
    if (offset > 0 && res.status !== 206) {
      // The server sent the whole file: start over.
      offset = 0;
      hash.destroy?.();
      await unlink(part).catch(() => undefined);
      return download(dir, file);
    }
    if (res.status !== 200 && res.status !== 206)
      throw new Unreachable(`bestand ${file.fileId}: ${res.status}`);
    const handle = await open(part, offset > 0 ? 'a' : 'w');
    try {
      for await (const chunk of Readable.fromWeb(res.body as never) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        await handle.write(chunk);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    const digest = hash.digest('hex');
    if (digest !== file.sha256) {
      await unlink(part).catch(() => undefined);
      throw new ChecksumMismatch(
        `SHA-256 van ${file.name} (${file.fileId}) klopt niet: verwacht ${file.sha256}, gekregen ${digest}. Niets bevestigd.`,
      );
    }
    await rename(part, target);
    await fsyncPath(dir);
    return true;
  }

  async function takeDelivery(item: Extract<FeedItem, { kind: 'delivery' }>): Promise<void> {
    if (
      !SAFE.halfYear.test(item.halfYear) ||
      !SAFE.gemeente.test(item.gemeente) ||
      !SAFE.receipt.test(item.receiptNumber) ||
      !SAFE.uuid.test(item.deliveryId) ||
      item.files.some((f) => !SAFE.name.test(f.name) || !SAFE.uuid.test(f.fileId))
    )
      throw new Error(`onverwachte namen in de feed bij ${item.deliveryId}`);
    const relative = path.join(item.halfYear, item.gemeente, item.receiptNumber);
    const dir = path.join(out, relative);
    // The index first: a withdrawal finds the folder even when this run dies mid-download.
    await writeAtomically(path.join(indexDir, item.deliveryId), relative);
    await mkdir(dir, { recursive: true });
    // A file that is gone was withdrawn meanwhile (a part, or the whole delivery): the rest is taken
    // and acknowledged; ggk accepts a receipt without the files withdrawn on their own.
    const taken: FeedFile[] = [];
    for (const file of item.files) if (await download(dir, file)) taken.push(file);
    if (taken.length === 0) {
      options.log(`aanlevering ${item.receiptNumber} is ingetrokken; overgeslagen`);
      return;
    }
    const res = await call(`/api/v1/cbs/handovers/${item.deliveryId}/receipt`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ files: taken.map((f) => ({ fileId: f.fileId, sha256: f.sha256 })) }),
    });
    const text = await res.text();
    if (res.status === 409)
      throw new ChecksumMismatch(`ontvangst van ${item.receiptNumber} geweigerd: ${text}`);
    if (res.status !== 200 && res.status !== 410)
      throw new Unreachable(`ontvangst ${item.receiptNumber}: ${res.status} ${text}`);
    options.log(`ontvangen: ${item.receiptNumber} (${item.files.length} bestand(en))`);
  }

  async function takeWithdrawal(item: Extract<FeedItem, { kind: 'withdrawal' }>): Promise<void> {
    if (!SAFE.uuid.test(item.deliveryId) || !SAFE.uuid.test(item.withdrawalId))
      throw new Error(`onverwachte ids in de feed bij intrekking ${item.withdrawalId}`);
    const indexFile = path.join(indexDir, item.deliveryId);
    const relative = await readOptional(indexFile);
    const safe = relative !== undefined && !relative.split(path.sep).includes('..');
    if (item.wholeDelivery === false && item.withdrawnFiles) {
      // A part of the delivery: only its files go; the rest of the delivery stays.
      if (item.withdrawnFiles.some((f) => !SAFE.name.test(f.name)))
        throw new Error(`onverwachte namen in de feed bij intrekking ${item.withdrawalId}`);
      if (safe) {
        for (const f of item.withdrawnFiles) {
          await rm(path.join(out, relative, f.name), { force: true });
          await rm(path.join(out, relative, `.${f.name}.part`), { force: true });
        }
        await fsyncPath(path.join(out, relative)).catch(() => undefined);
      }
    } else {
      if (safe) {
        await rm(path.join(out, relative), { recursive: true, force: true });
        await fsyncPath(path.dirname(path.join(out, relative))).catch(() => undefined);
      }
      await rm(indexFile, { force: true });
    }
    const res = await call(`/api/v1/cbs/withdrawals/${item.withdrawalId}/erased`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ erasedAt: (options.now ?? (() => new Date()))().toISOString() }),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Unreachable(`bevestiging verwijdering: ${res.status} ${text}`);
    options.log(`verwijderd en bevestigd: aanlevering ${item.deliveryId}`);
  }

  try {
    for (;;) {
      const cursor = await readOptional(cursorFile);
      const query = new URLSearchParams({ limit: '100' });
      if (cursor) query.set('after', cursor);
      const res = await call(`/api/v1/cbs/handovers?${query}`);
      if (res.status !== 200) throw new Unreachable(`feed: ${res.status} ${await res.text()}`);
      const page = (await res.json()) as { items: FeedItem[]; next: string };
      for (const item of page.items) {
        if (item.kind === 'delivery') await takeDelivery(item);
        else await takeWithdrawal(item);
        await writeAtomically(cursorFile, item.cursor);
      }
      if (page.items.length > 0) continue;
      if (options.once) return EXIT_IN_SYNC;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.intervalSeconds * 1000);
        options.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (options.signal?.aborted) return EXIT_IN_SYNC;
    }
  } catch (error) {
    if (error instanceof ChecksumMismatch) {
      options.log(`fout: ${error.message}`);
      return EXIT_CHECKSUM;
    }
    if (error instanceof Unreachable) {
      options.log(`fout: ${error.message}`);
      return EXIT_UNREACHABLE;
    }
    throw error;
  }
}

/** Files in the output folder (without the sync's own bookkeeping), for tests and the README. */
export async function listSyncedFiles(out: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(dir: string, rel: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(p, path.join(rel, entry.name));
      else found.push(path.join(rel, entry.name));
    }
  }
  if ((await stat(out).catch(() => undefined))?.isDirectory()) await walk(out, '');
  return found.sort();
}
