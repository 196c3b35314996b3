// `npm run bench:upload`: delivering through the API on the real processes. Starts `ggk serve`
// (default mode: web and jobs in one process) on PostgreSQL (DATABASE_URL, else a fresh database
// on the machine's server that is dropped afterwards), generates deterministic Wmo files with
// `ggk generate` (one per run, each with its own seed, so no run is refused as a duplicate), and
// uploads each through POST /api/v1/deliveries. Measures per run: the upload (request start to
// the 201 receipt) in seconds and MB/s (10^6 bytes), and the time from the receipt to the delivery
// being approved/rejected with its report available (polled every 50 ms).
// Options: --rows N (default 200000), --runs N (default 3), --seed S, --json (one JSON object on
// stdout).
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { cleanEnv, startServe } from '../test/support/ggk-process.ts';
import { createEmptyDatabase } from '../test/support/test-database.ts';
import {
  createToken,
  generateWmo,
  getReport,
  makeDataDir,
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
}

function readArgs(argv: string[]): { rows: number; runs: number; seed: string; json: boolean } {
  const args = { rows: 200_000, runs: 3, seed: 'bench', json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') args.json = true;
    else if (arg === '--rows' && /^\d+$/.test(argv[i + 1] ?? '')) args.rows = Number(argv[++i]);
    else if (arg === '--runs' && /^[1-9]\d*$/.test(argv[i + 1] ?? '')) args.runs = Number(argv[++i]);
    else if (arg === '--seed' && argv[i + 1] !== undefined) args.seed = argv[++i]!;
    else {
      process.stderr.write(`onbekende optie ${arg}; gebruik --rows N, --runs N, --seed S, --json\n`);
      process.exit(2);
    }
  }
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

const round3 = (n: number) => Number(n.toFixed(3));

function formatTable(rows: number, bytes: number, runs: Run[], mid: Omit<Run, 'state'>): string {
  const nl = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const whole = new Intl.NumberFormat('nl-NL');
  const line = (label: string, r: Omit<Run, 'state'>, state: string) =>
    `${label.padEnd(9)} ${nl.format(r.uploadSeconds).padStart(10)}   ${nl.format(r.uploadMBps).padStart(8)}   ${nl
      .format(r.receiptToReportSeconds)
      .padStart(20)}   ${state}`;
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

const owned = process.env.DATABASE_URL ? undefined : await createEmptyDatabase();
const databaseUrl = process.env.DATABASE_URL ?? owned!.url;
const dataDir = await makeDataDir('ggk-bench-upload-');
const env = cleanEnv({
  DATABASE_URL: databaseUrl,
  GGK_DATA_DIR: dataDir,
  GGK_PORT: '0',
  GGK_DEV_IDP_PORT: '0',
  GGK_MAIL_CATCHER_PORT: '0',
  GGK_FAKE_NOW: FAKE_NOW,
  GGK_LOG_LEVEL: 'warn',
});
const sql = new pg.Pool({ connectionString: databaseUrl, max: 1 });
let serve: Awaited<ReturnType<typeof startServe>> | undefined;
try {
  // Generated files are deterministic and kept in bench/out, so a second run of the benchmark
  // reuses them.
  const files: string[] = [];
  for (let i = 1; i <= args.runs; i++) {
    const outDir = path.join(BENCH_DIR, 'out', `upload-wmo-${args.rows}-${args.seed}-${i}`);
    const file = path.join(outDir, 'WMO_0363_2017H2.csv');
    if (!existsSync(file)) {
      say(`Bestand ${i} van ${args.runs} met ${args.rows} regels maken…`);
      mkdirSync(outDir, { recursive: true });
      await generateWmo(env, { rows: args.rows, outDir, seed: `${args.seed}-${i}` });
    }
    files.push(file);
  }
  const bytes = statSync(files[0]!).size;

  say('ggk serve starten…');
  serve = await startServe(env);
  const token = createToken(env);

  const runs: Run[] = [];
  for (const [i, file] of files.entries()) {
    // On a database of one's own (DATABASE_URL) an earlier benchmark may have delivered this very
    // file: remove that delivery, or the upload would be refused as a duplicate.
    const sha256 = await sha256File(file);
    await sql.query(
      `delete from deliveries where id in (select delivery_id from delivery_files where sha256 = $1)`,
      [sha256],
    );

    say(`Run ${i + 1} van ${files.length}: uploaden…`);
    const started = performance.now();
    const response = await uploadDelivery({
      url: serve.url,
      token,
      fields: { halfjaar: '2017H2' },
      files: [{ name: path.basename(file), source: { path: file } }],
    });
    const received = performance.now();
    if (response.status !== 201) throw new Error(`upload ${i + 1}: ${response.status} ${response.body}`);
    const { id } = JSON.parse(response.body) as { id: string };
    const done = await waitForDeliveryState(serve.url, token, id, ['approved', 'rejected'], {
      timeoutMs: 10 * 60_000,
      intervalMs: 50,
    });
    while ((await getReport(serve.url, token, id)) === undefined) await new Promise((r) => setTimeout(r, 50));
    const reported = performance.now();
    const uploadSeconds = (received - started) / 1000;
    runs.push({
      uploadSeconds: round3(uploadSeconds),
      uploadMBps: round3(statSync(file).size / 1e6 / uploadSeconds),
      receiptToReportSeconds: round3((reported - received) / 1000),
      state: done.state,
    });
  }

  const mid = {
    uploadSeconds: round3(median(runs.map((r) => r.uploadSeconds))),
    uploadMBps: round3(median(runs.map((r) => r.uploadMBps))),
    receiptToReportSeconds: round3(median(runs.map((r) => r.receiptToReportSeconds))),
  };
  if (args.json) process.stdout.write(`${JSON.stringify({ rows: args.rows, bytes, runs, median: mid })}\n`);
  else process.stdout.write(`${formatTable(args.rows, bytes, runs, mid)}\n`);
} finally {
  await serve?.stop();
  await sql.end();
  await owned?.drop();
  await rm(dataDir, { recursive: true, force: true });
}
