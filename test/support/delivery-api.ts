// Driving a running `ggk serve` the way an API client does: a token from the CLI, generated files
// from `ggk generate`, multipart uploads streamed from disk (optionally slowly, to be interrupted),
// polling a delivery's state; plus a separate `ggk worker` process. Used by the crash tests and
// the upload benchmark.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { chmod, mkdtemp, open } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GGK_BIN, startGgk, type GgkProcess } from './ggk-process.ts';

/** A temporary GGK_DATA_DIR with the mode a service account would give it. */
export async function makeDataDir(prefix = 'ggk-data-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}

/** A port that was free a moment ago (for a mail catcher another process must reach). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function runGgk(env: NodeJS.ProcessEnv, args: string[]): string {
  const run = spawnSync(process.execPath, [GGK_BIN, ...args], { env, encoding: 'utf8' });
  if (run.status !== 0)
    throw new Error(`ggk ${args.join(' ')} failed (${run.status}):\n${run.stderr}${run.stdout}`);
  return run.stdout;
}

/** An API token for an organisation, made with `ggk token create`. */
export function createToken(env: NodeJS.ProcessEnv, org = '0363', roles = 'aanleveraar'): string {
  return runGgk(env, ['token', 'create', '--org', org, '--roles', roles]).trim();
}

/** A deterministic Wmo file from `ggk generate` (in a child process); resolves with its path. */
export function generateWmo(
  env: NodeJS.ProcessEnv,
  options: { rows: number; outDir: string; period?: string; seed?: string; gemeente?: string },
): Promise<string> {
  const gemeente = options.gemeente ?? '0363';
  const period = options.period ?? '2017H2';
  const args = [
    'generate',
    '--type',
    'wmo',
    '--rows',
    String(options.rows),
    '--seed',
    options.seed ?? '1',
    '--gemeente',
    gemeente,
    '--period',
    period,
    '--out',
    options.outDir,
  ];
  const child = spawn(process.execPath, [GGK_BIN, ...args], { env });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(path.join(options.outDir, `WMO_${gemeente}_${period}.csv`));
      else reject(new Error(`ggk ${args.join(' ')} failed (${code}):\n${out}`));
    });
  });
}

export type WorkerProcess = GgkProcess;

/** Starts `ggk worker` and resolves once it says it runs. */
export function startWorker(env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<WorkerProcess> {
  return startGgk(['worker'], /ggk-worker draait/, env, timeoutMs);
}

/** Resolves when the process has exited (at once if it already has). */
export function exited(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export interface UploadResponse {
  status: number;
  body: string;
  /** The answer repeats an earlier request's with the same Idempotency-Key (header Idempotent-Replayed). */
  replayed: boolean;
}

export interface UploadFile {
  /** The file name sent in the form. */
  name: string;
  /** Read from disk, or produced by a generator (for a slow, interruptible body). */
  source: { path: string } | { chunks: () => AsyncIterable<Buffer>; bytes?: number };
}

export interface UploadOptions {
  url: string;
  token: string;
  /** Sent first, in this order (e.g. halfjaar, gemeentecode). */
  fields: Record<string, string>;
  files: UploadFile[];
  /** Sent as Idempotency-Key: the same key on a retry makes the server answer with the first receipt. */
  idempotencyKey?: string;
}

function multipartParts(options: UploadOptions): {
  boundary: string;
  head: (i: number) => Buffer;
  preamble: Buffer;
  tail: Buffer;
} {
  const boundary = `----ggk${randomBytes(12).toString('hex')}`;
  const preamble = Buffer.from(
    Object.entries(options.fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join(''),
  );
  const head = (i: number) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="bestand${i}"; filename="${options.files[i]!.name}"\r\nContent-Type: text/csv\r\n\r\n`,
    );
  return { boundary, head, preamble, tail: Buffer.from(`--${boundary}--\r\n`) };
}

/**
 * POST /api/v1/deliveries as a streamed multipart body. Resolves with the response, or rejects when
 * the connection breaks (a server killed mid-upload). `onRequest` gets the request once it is sent.
 */
export function uploadDelivery(
  options: UploadOptions,
  onRequest?: (request: http.ClientRequest) => void,
): Promise<UploadResponse> {
  const { boundary, head, preamble, tail } = multipartParts(options);
  const fromDisk = options.files.every((f) => 'path' in f.source);
  let contentLength: number | undefined;
  if (fromDisk) {
    contentLength = preamble.length + tail.length;
    options.files.forEach((f, i) => {
      contentLength! += head(i).length + statSync((f.source as { path: string }).path).size + 2;
    });
  }
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${options.url}/api/v1/deliveries`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${options.token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          ...(contentLength !== undefined ? { 'content-length': String(contentLength) } : {}),
          ...(options.idempotencyKey !== undefined ? { 'idempotency-key': options.idempotencyKey } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            replayed: response.headers['idempotent-replayed'] === 'true',
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    onRequest?.(request);
    const write = (chunk: Buffer) =>
      new Promise<void>((done, fail) => {
        if (request.destroyed) return fail(new Error('request destroyed'));
        if (request.write(chunk)) return done();
        const onDrain = () => {
          request.off('close', onClose);
          done();
        };
        const onClose = () => {
          request.off('drain', onDrain);
          fail(new Error('request closed'));
        };
        request.once('drain', onDrain);
        request.once('close', onClose);
      });
    /** Resolves once the socket has taken `chunk` (its bytes are then the kernel's): the chunk may be reused. */
    const sent = (chunk: Buffer) =>
      new Promise<void>((done, fail) => {
        if (request.destroyed) return fail(new Error('request destroyed'));
        request.write(chunk, (error) => (error ? fail(error) : done()));
      });
    void (async () => {
      await write(preamble);
      for (const [i, file] of options.files.entries()) {
        await write(head(i));
        if ('path' in file.source) await sendFile(file.source.path, sent);
        else for await (const chunk of file.source.chunks()) await write(chunk);
        await write(Buffer.from('\r\n'));
      }
      request.end(tail);
    })().catch((error: unknown) => {
      // The response (or the broken connection) settles the promise; a failed write only stops sending.
      if (!request.destroyed) request.destroy(error as Error);
    });
  });
}

/**
 * Sends a file from disk as an uploading program does (curl reads into one buffer it reuses): 1 MiB
 * reads into two reused buffers, one read while the other is being sent. A fresh buffer per read (a
 * read stream) made this process collect ~70 MB of them per 70 MB upload, and its full GCs of the
 * test's heap took as much CPU as the server's upload (issue 21, perf of the upload benchmark).
 */
async function sendFile(file: string, sent: (chunk: Buffer) => Promise<void>): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const buffers = [Buffer.allocUnsafe(1 << 20), Buffer.allocUnsafe(1 << 20)];
    const sending: Array<Promise<void>> = [Promise.resolve(), Promise.resolve()];
    for (let i = 0, position = 0; ; i ^= 1) {
      await sending[i];
      const { bytesRead } = await handle.read(buffers[i]!, 0, buffers[i]!.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      sending[i] = sent(buffers[i]!.subarray(0, bytesRead));
      // Marked handled here; a failure still ends the loop when this buffer is next needed.
      sending[i]!.catch(() => undefined);
    }
    await Promise.all(sending);
  } finally {
    await handle.close();
  }
}

export interface DeliveryState {
  id: string;
  state: 'received' | 'checking' | 'approved' | 'rejected' | string;
}

export async function getDelivery(url: string, token: string, id: string): Promise<DeliveryState> {
  const res = await fetch(`${url}/api/v1/deliveries/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`GET delivery ${id}: ${res.status} ${await res.text()}`);
  return (await res.json()) as DeliveryState;
}

/** Polls the delivery until its state is one of `states`. */
export async function waitForDeliveryState(
  url: string,
  token: string,
  id: string,
  states: string[],
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<DeliveryState> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let last: DeliveryState | undefined;
  while (Date.now() < deadline) {
    last = await getDelivery(url, token, id);
    if (states.includes(last.state)) return last;
    // 200 ms: at most 300 polls a minute, inside the API's general budget of 600 per credential
    // (a job recovered by heartbeat runs again 10–27 s after the kill, longer under load).
    await sleep(options.intervalMs ?? 200);
  }
  throw new Error(`delivery ${id} did not reach ${states.join('/')} (last: ${last?.state})`);
}

/** GET the delivery's report; undefined while there is none. */
export async function getReport(url: string, token: string, id: string): Promise<unknown> {
  const res = await fetch(`${url}/api/v1/deliveries/${id}/report`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) {
    await res.body?.cancel();
    return undefined;
  }
  return res.json();
}
