// `npm run bench:upload`: delivering through the API on the real processes. Starts `ggk serve`
// (default mode: web and jobs in one process) on PostgreSQL (DATABASE_URL, else a fresh database
// on the machine's server that is dropped afterwards), generates deterministic Wmo files with
// `ggk generate` (one per run, each with its own seed, so no run is refused as a duplicate), and
// uploads each through POST /api/v1/deliveries. Measures per run: the upload (request start to
// the 201 receipt) in seconds and MB/s (10^6 bytes), the CPU-seconds `ggk serve` used for it (from
// /proc, so comparable on a busy machine), and the time from the receipt to the delivery being
// approved/rejected with its report available (polled every 50 ms); before each upload it waits
// until the server is idle. Side by side, alternating with ggk's runs, with the same client and
// request bytes: a plain Node stream-to-disk upload server in a process of its own (the request
// body piped to a file, fsync'd, then 201), so the ratio is the price of multipart parsing,
// AES-256-GCM, SHA-256, the database and fsync in ggk (issue 21: ≥ 250 MB/s median). On 2 cores
// the client (this process) competes with either server for the CPU. The client is Node's
// http.request with a Content-Length, the body streamed from the file as an uploading program does:
// 1 MiB reads into two reused buffers, each read again once the socket has taken it
// (test/support/delivery-api.ts, sendFile); about 0.7 CPU-ms per MB of its own.
// Options: --rows N (default 200000), --runs N (default 3), --seed S, --json (one JSON object on
// stdout).
//
// --worker-kill (large scale, minutes): the crash scenario of issue 5 without shortcuts. `ggk serve`
// with GGK_JOBS=false and a separate `ggk worker`; one upload of --rows (default 1,000,000) rows;
// the worker is SIGKILLed while the delivery is `checking` and a new worker started. The job's
// pg-boss heartbeat stops and a supervisor puts it in retry; it runs again 10–27 s after the kill. Reports the time from
// the kill to the report and checks the outcome: job completed once (on its retry), one report,
// one sent mail per recipient. The suite's test/integration/crash.int.test.ts does the same.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { cleanEnv, cpuSecondsOf, startServe } from '../test/support/ggk-process.ts';
import { createEmptyDatabase } from '../test/support/test-database.ts';
import {
  createToken,
  exited,
  freePort,
  generateWmo,
  getReport,
  makeDataDir,
  startWorker,
  uploadDelivery,
  waitForDeliveryState,
} from '../test/support/delivery-api.ts';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
/** Inside the 2018 round's delivery window of the demo data. */
const FAKE_NOW = '2018-02-20T09:00:00Z';

interface Run {
  uploadSeconds: number;
  uploadMBps: number;
  receiptToReportSeconds: number;
  state: string;
  /** CPU-seconds `ggk serve` used from the request's start to the receipt (Linux). */
  uploadCpuSeconds?: number;
}

interface Args {
  rows: number;
  runs: number;
  seed: string;
  json: boolean;
  workerKill: boolean;
}

function readArgs(argv: string[]): Args {
  const args = { rows: 0, runs: 3, seed: 'bench', json: false, workerKill: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') args.json = true;
    else if (arg === '--worker-kill') args.workerKill = true;
    else if (arg === '--rows' && /^\d+$/.test(argv[i + 1] ?? '')) args.rows = Number(argv[++i]);
    else if (arg === '--runs' && /^[1-9]\d*$/.test(argv[i + 1] ?? '')) args.runs = Number(argv[++i]);
    else if (arg === '--seed' && argv[i + 1] !== undefined) args.seed = argv[++i]!;
    else {
      process.stderr.write(
        `onbekende optie ${arg}; gebruik --rows N, --runs N, --seed S, --json, --worker-kill\n`,
      );
      process.exit(2);
    }
  }
  if (args.rows === 0) args.rows = args.workerKill ? 1_000_000 : 200_000;
  return args;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const STATE_TEXT: Record<string, string> = { approved: 'goedgekeurd', rejected: 'afgekeurd' };

const round3 = (n: number) => Number(n.toFixed(3));

function formatTable(rows: number, bytes: number, runs: Run[], mid: Omit<Run, 'state'>): string {
  const nl = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const whole = new Intl.NumberFormat('nl-NL');
  const line = (label: string, r: Omit<Run, 'state'>, state: string) =>
    `${label.padEnd(9)} ${nl.format(r.uploadSeconds).padStart(10)}   ${nl.format(r.uploadMBps).padStart(8)}   ${nl
      .format(r.receiptToReportSeconds)
      .padStart(20)}   ${STATE_TEXT[state] ?? state}`;
  return [
    `Benchmark aanleveren via de API: ${whole.format(rows)} regels Wmo, ${nl.format(bytes / 1e6)} MB per bestand`,
    '',
    'meting    upload (s)   MB/s       ontvangst → rapport (s)   uitkomst',
    ...runs.map((r, i) => line(`run ${i + 1}`, r, r.state)),
    line('mediaan', mid, ''),
    '',
    'upload: van het begin van het verzoek tot het ontvangstbewijs (201); rapport: van het ontvangstbewijs',
    'tot status goedgekeurd/afgekeurd met het rapport op te halen (elke 50 ms gevraagd). ggk serve draait',
    'web en taken in één proces.',
  ].join('\n');
}

const args = readArgs(process.argv.slice(2));
const say = (text: string) => {
  if (!args.json) process.stderr.write(`${text}\n`);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Context {
  env: NodeJS.ProcessEnv;
  sql: pg.Pool;
  onStop: Array<() => Promise<unknown>>;
}

/** A deterministic generated file, kept in bench/out so a later benchmark reuses it. */
async function benchFile(env: NodeJS.ProcessEnv, name: string, seed: string): Promise<string> {
  const outDir = path.join(BENCH_DIR, 'out', `upload-wmo-${args.rows}-${name}`);
  const file = path.join(outDir, 'WMO_0363_2017H2.csv');
  if (!existsSync(file)) {
    say(`Bestand ${name} met ${args.rows} regels maken…`);
    mkdirSync(outDir, { recursive: true });
    await generateWmo(env, { rows: args.rows, outDir, seed });
  }
  return file;
}

/** On a database of one's own (DATABASE_URL) an earlier benchmark may have delivered this very file: remove that delivery, or the upload would be refused as a duplicate. */
async function forgetEarlierDelivery(sql: pg.Pool, file: string): Promise<void> {
  await sql.query(
    `delete from deliveries where id in (select delivery_id from delivery_files where sha256 = $1)`,
    [await sha256File(file)],
  );
}

/**
 * The contender, in a process of its own as `ggk serve` is (in the bench's own process it shared
 * one event loop with the client, and both figures were the client's): a plain Node server that
 * pipes the request body to a file, fsyncs it, then answers 201. The file is removed after the
 * answer, as ggk's are kept, outside the measurement.
 */
const PLAIN_SERVER = `
import http from 'node:http';
import { createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
const dir = process.env.PLAIN_UPLOAD_DIR;
let n = 0;
const server = http.createServer((request, response) => {
  const file = path.join(dir, 'upload-' + n++);
  (async () => {
    await pipeline(request, createWriteStream(file));
    const handle = await open(file, 'r');
    await handle.sync();
    await handle.close();
    response.writeHead(201, { 'content-type': 'application/json' }).end('{}');
    await rm(file);
  })().catch(() => response.writeHead(500).end());
});
server.listen(0, '127.0.0.1', () => process.stdout.write('port ' + server.address().port + '\\n'));
`;

async function plainUploadServer(): Promise<{ url: string; pid: number; close: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ggk-bench-plain-upload-'));
  const child = spawn(process.execPath, ['--input-type=module', '-e', PLAIN_SERVER], {
    env: { ...process.env, PLAIN_UPLOAD_DIR: dir, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /port (\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`plain upload server exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await gone;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Waits (at most a minute) until process `pid` is idle, using under 10% of a core over 300 ms: the
 * previous delivery's follow-up jobs (the op-orde figures, mails) would otherwise run during the
 * next upload and count as its CPU.
 */
async function settle(pid: number | undefined): Promise<void> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    const before = cpuSecondsOf(pid);
    if (before === undefined) return;
    await sleep(300);
    if ((cpuSecondsOf(pid) ?? before) - before < 0.03) return;
  }
}

async function measureUploads({ env, sql, onStop }: Context): Promise<void> {
  const files: string[] = [];
  for (let i = 1; i <= args.runs; i++)
    files.push(await benchFile(env, `${args.seed}-${i}`, `${args.seed}-${i}`));
  const bytes = statSync(files[0]!).size;

  say('ggk serve en de kale server starten…');
  const serve = await startServe(env);
  onStop.push(() => serve.stop());
  const plain = await plainUploadServer();
  onStop.push(() => plain.close());
  const token = createToken(env);

  /** One upload of `file` to `url`: wall seconds and the server process's CPU-seconds to the 201. */
  const upload = async (url: string, pid: number | undefined, file: string) => {
    const cpuBefore = cpuSecondsOf(pid);
    const started = performance.now();
    const response = await uploadDelivery({
      url,
      token,
      fields: { halfjaar: '2017H2' },
      files: [{ name: path.basename(file), source: { path: file } }],
    });
    const received = performance.now();
    const cpuAfter = cpuSecondsOf(pid);
    const seconds = (received - started) / 1000;
    return {
      response,
      received,
      seconds,
      mbps: statSync(file).size / 1e6 / seconds,
      cpuSeconds: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
    };
  };

  // Alternating, each file to ggk and then to the plain server, so both see the same machine.
  const runs: Run[] = [];
  const plainRuns: Array<{ mbps: number; cpuSeconds: number | undefined }> = [];
  for (const [i, file] of files.entries()) {
    await forgetEarlierDelivery(sql, file);
    await settle(serve.child.pid);
    say(`Run ${i + 1} van ${files.length}: uploaden naar ggk…`);
    const sent = await upload(serve.url, serve.child.pid, file);
    if (sent.response.status !== 201)
      throw new Error(`upload ${i + 1}: ${sent.response.status} ${sent.response.body}`);
    const { id } = JSON.parse(sent.response.body) as { id: string };
    const done = await waitForDeliveryState(serve.url, token, id, ['approved', 'rejected'], {
      timeoutMs: 10 * 60_000,
      intervalMs: 50,
    });
    while ((await getReport(serve.url, token, id)) === undefined) await sleep(50);
    const reported = performance.now();
    runs.push({
      uploadSeconds: round3(sent.seconds),
      uploadMBps: round3(sent.mbps),
      receiptToReportSeconds: round3((reported - sent.received) / 1000),
      state: done.state,
      ...(sent.cpuSeconds !== undefined ? { uploadCpuSeconds: round3(sent.cpuSeconds) } : {}),
    });
    say(`Run ${i + 1} van ${files.length}: uploaden naar de kale server…`);
    const bare = await upload(plain.url, plain.pid, file);
    if (bare.response.status !== 201) throw new Error(`plain upload: ${bare.response.status}`);
    plainRuns.push({ mbps: round3(bare.mbps), cpuSeconds: bare.cpuSeconds });
  }

  const mid = {
    uploadSeconds: round3(median(runs.map((r) => r.uploadSeconds))),
    uploadMBps: round3(median(runs.map((r) => r.uploadMBps))),
    receiptToReportSeconds: round3(median(runs.map((r) => r.receiptToReportSeconds))),
  };
  const cpuPerMB = (values: Array<number | undefined>) =>
    values.every((v) => v !== undefined)
      ? round3((median(values as number[]) / (bytes / 1e6)) * 1000)
      : undefined;
  const plainMBps = plainRuns.map((r) => r.mbps);
  const plainMedian = round3(median(plainMBps));
  const contender = {
    name: 'plain stream-to-disk (own process)',
    runsMBps: plainMBps,
    medianMBps: plainMedian,
    /** ggk's median MB/s as a share of the plain server's. */
    ratio: round3(mid.uploadMBps / plainMedian),
    /** The server process's median CPU-milliseconds per MB uploaded. */
    cpuMsPerMB: cpuPerMB(plainRuns.map((r) => r.cpuSeconds)),
  };
  const ggkCpuMsPerMB = cpuPerMB(runs.map((r) => r.uploadCpuSeconds));
  if (args.json)
    process.stdout.write(
      `${JSON.stringify({ rows: args.rows, bytes, runs, median: mid, cpuMsPerMB: ggkCpuMsPerMB, contender, goalMBps: 250 })}\n`,
    );
  else
    process.stdout.write(
      `${formatTable(args.rows, bytes, runs, mid)}\n\nkale stream-naar-schijf-server (eigen proces, zelfde client, zelfde bytes, om en om): ${plainMBps.join(', ')} MB/s, mediaan ${plainMedian} MB/s; ggk ${round3(mid.uploadMBps)} MB/s = ${contender.ratio}× daarvan; doel ggk ≥ 250 MB/s: ${mid.uploadMBps >= 250 ? 'gehaald' : 'niet gehaald'}\n` +
        (ggkCpuMsPerMB !== undefined && contender.cpuMsPerMB !== undefined
          ? `CPU van het serverproces per MB (mediaan): ggk ${ggkCpuMsPerMB} ms, kale server ${contender.cpuMsPerMB} ms\n`
          : ''),
    );
}

async function workerKill({ env: baseEnv, sql, onStop }: Context): Promise<void> {
  const file = await benchFile(baseEnv, `${args.seed}-worker-kill`, `${args.seed}-worker-kill`);
  const bytes = statSync(file).size;
  const mailPort = await freePort();
  const env = { ...baseEnv, GGK_JOBS: 'false', GGK_MAIL_CATCHER_PORT: String(mailPort) };
  const workerEnv = { ...env, GGK_SMTP_URL: `smtp://127.0.0.1:${mailPort}` };
  say('ggk serve (zonder taken) en ggk worker starten…');
  const serve = await startServe(env);
  onStop.push(() => serve.stop());
  const first = await startWorker(workerEnv);
  onStop.push(async () => first.child.kill('SIGKILL'));
  const token = createToken(env);
  await forgetEarlierDelivery(sql, file);

  say('Uploaden…');
  const response = await uploadDelivery({
    url: serve.url,
    token,
    fields: { halfjaar: '2017H2' },
    files: [{ name: path.basename(file), source: { path: file } }],
  });
  if (response.status !== 201) throw new Error(`upload: ${response.status} ${response.body}`);
  const { id } = JSON.parse(response.body) as { id: string };
  await waitForDeliveryState(serve.url, token, id, ['checking'], { timeoutMs: 5 * 60_000, intervalMs: 20 });
  first.child.kill('SIGKILL');
  await exited(first.child);
  const killed = performance.now();
  const stateAtKill = (await waitForDeliveryState(serve.url, token, id, ['checking', 'approved', 'rejected']))
    .state;
  if (stateAtKill !== 'checking')
    throw new Error(`the check ended before the worker was killed (${stateAtKill})`);
  say(
    'Worker gestopt (SIGKILL) tijdens de controle; nieuwe worker starten en wachten tot pg-boss de taak opnieuw geeft…',
  );
  const second = await startWorker(workerEnv);
  onStop.push(() => second.stop());
  const done = await waitForDeliveryState(serve.url, token, id, ['approved', 'rejected'], {
    timeoutMs: 15 * 60_000,
    intervalMs: 200,
  });
  while ((await getReport(serve.url, token, id)) === undefined) await sleep(50);
  const reported = performance.now();

  const job = async () =>
    (
      await sql.query<{ state: string; retry_count: number }>(
        `select state, retry_count from pgboss.job where name = 'delivery-check' and data->>'deliveryId' = $1`,
        [id],
      )
    ).rows;
  for (let i = 0; i < 100 && (await job())[0]?.state !== 'completed'; i++) await sleep(100);
  const mails = async () =>
    (
      await sql.query<{ recipient: string; sent: boolean }>(
        `select recipient, sent_at is not null as sent from outbox where kind = 'report_ready' and dedupe_key like $1`,
        [`report_ready:${id}:%`],
      )
    ).rows;
  for (let i = 0; i < 200 && (await mails()).some((m) => !m.sent); i++) await sleep(100);
  const jobs = await job();
  const sent = await mails();
  const reportFiles = (await sql.query('select 1 from delivery_report_files where delivery_id = $1', [id]))
    .rowCount;
  const result = {
    mode: 'worker-kill',
    rows: args.rows,
    bytes,
    killToReportSeconds: round3((reported - killed) / 1000),
    state: done.state,
    jobs: jobs.map((j) => ({ state: j.state, retryCount: j.retry_count })),
    reportFiles,
    reportMails: sent.length,
    reportMailRecipients: new Set(sent.map((m) => m.recipient)).size,
    reportMailsSent: sent.filter((m) => m.sent).length,
  };
  const ok =
    jobs.length === 1 &&
    jobs[0]!.state === 'completed' &&
    reportFiles === 1 &&
    sent.length > 0 &&
    result.reportMailRecipients === sent.length &&
    result.reportMailsSent === sent.length;
  if (args.json) process.stdout.write(`${JSON.stringify({ ...result, ok })}\n`);
  else
    process.stdout.write(
      [
        `Worker gestopt tijdens de controle: ${args.rows} regels Wmo, ${(bytes / 1e6).toFixed(2)} MB`,
        '',
        `van SIGKILL tot rapport: ${result.killToReportSeconds.toFixed(1)} s (uitkomst ${STATE_TEXT[done.state] ?? done.state})`,
        `pg-boss-taak: ${jobs.map((j) => `${j.state}, ${j.retry_count} keer opnieuw`).join('; ')}`,
        `rapportbestanden: ${reportFiles}; rapportmails: ${sent.length} aan ${result.reportMailRecipients} ontvangers, ${result.reportMailsSent} verstuurd`,
        ok ? 'in orde: één keer afgerond, één rapport, één mail per ontvanger' : 'NIET in orde',
        '',
      ].join('\n'),
    );
  if (!ok) process.exitCode = 1;
}

const owned = process.env.DATABASE_URL ? undefined : await createEmptyDatabase();
const databaseUrl = process.env.DATABASE_URL ?? owned!.url;
const dataDir = await makeDataDir('ggk-bench-upload-');
const context: Context = {
  env: cleanEnv({
    DATABASE_URL: databaseUrl,
    GGK_DATA_DIR: dataDir,
    GGK_PORT: '0',
    GGK_DEV_IDP_PORT: '0',
    GGK_MAIL_CATCHER_PORT: '0',
    GGK_FAKE_NOW: FAKE_NOW,
    GGK_LOG_LEVEL: 'warn',
  }),
  sql: new pg.Pool({ connectionString: databaseUrl, max: 1 }),
  onStop: [],
};
// A connection the server ends (the database dropped at the end) must not crash the bench: CI3 saw
// an unhandled 'error' event on this pool ('terminating connection due to administrator command').
context.sql.on('error', () => undefined);
try {
  await (args.workerKill ? workerKill(context) : measureUploads(context));
} finally {
  for (const stop of context.onStop.reverse()) await stop().catch(() => undefined);
  await context.sql.end();
  await owned?.drop();
  await rm(dataDir, { recursive: true, force: true });
}
