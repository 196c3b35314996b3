// Crashes on the real processes (issue 5, "Receipt only for what is stored" and "Processing"):
// `ggk serve` killed while an upload streams in leaves nothing half-done after a restart, and a
// `ggk worker` killed mid-check has its job picked up again, finished once, and reported once.
// Both tests share one database, data folder and web process (GGK_JOBS=false, so the checks run in
// separate `ggk worker` processes): starting ggk is most of the time these tests take.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { cleanEnv, startServe, type ServeProcess } from '../support/ggk-process.ts';
import { createEmptyDatabase } from '../support/test-database.ts';
import {
  createToken,
  exited,
  freePort,
  generateWmo,
  getDelivery,
  getReport,
  makeDataDir,
  startWorker,
  uploadDelivery,
  waitForDeliveryState,
  type UploadFile,
  type UploadResponse,
  type WorkerProcess,
} from '../support/delivery-api.ts';

const FAKE_NOW = '2018-02-20T09:00:00Z';
/** Rows of the file whose check the worker is killed in: a few seconds of checking on two cores. */
const CHECK_ROWS = 300_000;
/** Header and four valid rows: repeated into the body of the interrupted upload. */
const SMALL_WMO = path.resolve('test/fixtures/validation/valid-wmo/WMO_0363_2017H2.csv');

const cleanups: Array<() => Promise<unknown>> = [];
let workDir: string;
let bigFile: Promise<string>;
let env: NodeJS.ProcessEnv;
let workerEnv: NodeJS.ProcessEnv;
let files: string;
let sql: pg.Pool;
let serve: ServeProcess;
let token: string;

before(async () => {
  workDir = await makeDataDir('ggk-crash-');
  cleanups.push(() => rm(workDir, { recursive: true, force: true }));
  const database = await createEmptyDatabase();
  cleanups.push(() => database.drop());
  sql = new pg.Pool({ connectionString: database.url, max: 2 });
  cleanups.push(() => sql.end());
  const dataDir = await makeDataDir();
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  files = path.join(dataDir, 'files');
  const mailPort = await freePort();
  env = cleanEnv({
    DATABASE_URL: database.url,
    GGK_DATA_DIR: dataDir,
    GGK_PORT: '0',
    GGK_DEV_IDP_PORT: '0',
    GGK_MAIL_CATCHER_PORT: String(mailPort),
    GGK_JOBS: 'false',
    GGK_FAKE_NOW: FAKE_NOW,
    GGK_LOG_LEVEL: 'warn',
  });
  workerEnv = { ...env, GGK_SMTP_URL: `smtp://127.0.0.1:${mailPort}` };
  // The large file is made while the first test runs; the second awaits it.
  bigFile = generateWmo(env, { rows: CHECK_ROWS, outDir: path.join(workDir, 'big'), seed: 'crash' });
  bigFile.catch(() => undefined);
  serve = track(await startServe(env));
  token = createToken(env);
});

after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

function track<T extends { child: { kill(signal: NodeJS.Signals): boolean } }>(p: T): T {
  cleanups.push(async () => p.child.kill('SIGKILL'));
  return p;
}

async function listDir(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

/** Every encrypted file under files/<shard>/, by file id. */
async function storedFileIds(files: string): Promise<string[]> {
  const ids: string[] = [];
  for (const shard of (await listDir(files)).filter((n) => /^[0-9a-f]{2}$/.test(n)))
    for (const name of await listDir(path.join(files, shard))) ids.push(name.replace(/\.enc$/, ''));
  return ids;
}

/** A valid Wmo CSV (header, then its rows repeated) of about `bytes`, in chunks with pauses. */
function slowCsv(csv: string, bytes: number, progress: { sent: number }): () => AsyncIterable<Buffer> {
  const newline = csv.indexOf('\n') + 1;
  const header = Buffer.from(csv.slice(0, newline));
  const block = csv.slice(newline);
  const rows = Buffer.from(block.repeat(Math.ceil((128 * 1024) / block.length)));
  return async function* () {
    yield header;
    progress.sent += header.length;
    while (progress.sent < bytes) {
      yield rows;
      progress.sent += rows.length;
      await sleep(20);
    }
  };
}

/**
 * Streams an upload whose last file is sent slowly (~20 MB) and SIGKILLs the serve process once a
 * good part of that file is in and the server is writing its partial file; then starts it again.
 */
async function killServeMidUpload(complete: UploadFile[]): Promise<UploadResponse | Error> {
  const progress = { sent: 0 };
  const total = 20 * 1024 ** 2;
  const upload = uploadDelivery({
    url: serve.url,
    token,
    fields: { halfjaar: '2017H2' },
    files: [
      ...complete,
      {
        name: 'WMO_0363_2017H2.csv',
        source: { chunks: slowCsv(await readFile(SMALL_WMO, 'utf8'), total, progress) },
      },
    ],
  }).then(
    (response): UploadResponse | Error => response,
    (error: unknown) => error as Error,
  );
  const tmp = path.join(files, 'tmp');
  for (let i = 0; i < 400 && (progress.sent < 4 * 1024 ** 2 || (await listDir(tmp)).length === 0); i++)
    await sleep(25);
  assert.ok(progress.sent < total, 'the upload was still being sent when the server was killed');
  assert.equal((await listDir(tmp)).length, 1, 'a partial file was being written');
  serve.child.kill('SIGKILL');
  await exited(serve.child);
  const outcome = await upload;
  serve = track(await startServe(env));
  return outcome;
}

async function orphanFiles(): Promise<string[]> {
  const known = new Set(
    (await sql.query<{ id: string }>('select stored_file_id as id from delivery_files')).rows.map(
      (r) => r.id,
    ),
  );
  return (await storedFileIds(files)).filter((id) => !known.has(id));
}

test('ggk serve killed mid-upload: no receipt, no delivery, no partial or orphan file after restart', async () => {
  const outcome = await killServeMidUpload([]);
  assert.ok(
    outcome instanceof Error || outcome.status !== 201,
    `the client got no receipt: ${outcome instanceof Error ? outcome.message : outcome.status}`,
  );
  assert.deepEqual(await listDir(path.join(files, 'tmp')), [], 'partial files are removed at start');
  assert.equal((await sql.query('select count(*)::int as n from deliveries')).rows[0].n, 0);
  const orphans = await orphanFiles();
  assert.deepEqual(orphans, [], 'no encrypted file without a delivery_files row');

  // And the restarted server takes the same delivery whole, as the first of the year.
  const again = await uploadDelivery({
    url: serve.url,
    token,
    fields: { halfjaar: '2017H2' },
    files: [{ name: 'WMO_0363_2017H2.csv', source: { path: SMALL_WMO } }],
  });
  assert.equal(again.status, 201, again.body);
  assert.match((JSON.parse(again.body) as { receiptNumber: string }).receiptNumber, /^GGK-2018-000001$/);
});

test('ggk serve killed during the second file of an upload: the first, already stored file is not left behind', async () => {
  const outcome = await killServeMidUpload([{ name: 'WMO_0363_2017H1.csv', source: { path: SMALL_WMO } }]);
  assert.ok(outcome instanceof Error || outcome.status !== 201);
  assert.deepEqual(await listDir(path.join(files, 'tmp')), []);
  assert.equal((await sql.query('select count(*)::int as n from deliveries')).rows[0].n, 1);
  assert.deepEqual(await orphanFiles(), [], 'no encrypted file without a delivery_files row');
});

test('ggk worker killed mid-check: the job is picked up again, finishes once, one report and one mail per recipient', async () => {
  let worker: WorkerProcess = track(await startWorker(workerEnv));

  const response = await uploadDelivery({
    url: serve.url,
    token,
    fields: { halfjaar: '2017H2' },
    files: [{ name: 'WMO_0363_2017H2.csv', source: { path: await bigFile } }],
  });
  assert.equal(response.status, 201, response.body);
  const { id } = JSON.parse(response.body) as { id: string };

  await waitForDeliveryState(serve.url, token, id, ['checking'], { timeoutMs: 30_000, intervalMs: 20 });
  worker.child.kill('SIGKILL');
  await exited(worker.child);
  assert.equal((await getDelivery(serve.url, token, id)).state, 'checking', 'killed before the check ended');
  const restarted = startWorker(workerEnv).then(track);
  const job = async () =>
    (
      await sql.query<{ state: string; retry_count: number; n: number }>(
        `select state, retry_count, count(*) over ()::int as n from pgboss.job
          where name = 'delivery-check' and data->>'deliveryId' = $1`,
        [id],
      )
    ).rows;
  assert.deepEqual(
    (await job()).map((j) => j.state),
    ['active'],
  );

  // No shortcut: the killed worker's heartbeat stops, and a live process's pg-boss supervisor fails
  // the job into retry (JOB_HEARTBEAT_SECONDS + SUPERVISE_INTERVAL_SECONDS, ~15 s); the restarted
  // worker picks it up after the retry delay (5–10 s) and checks again.
  worker = await restarted;
  // From the kill to 'approved' (heartbeat, retry delay, the fresh worker's start and check of the
  // big file) took 25–28 s on the shared two-core machine; 60 s leaves room for a loaded CI machine.
  // With pg-boss's default monitor and notify-poll intervals (before job-queue.ts set them) the
  // retry alone took 30–90 s.
  const done = await waitForDeliveryState(serve.url, token, id, ['approved', 'rejected'], {
    timeoutMs: 60_000,
  });
  assert.equal(done.state, 'approved');
  const report = (await getReport(serve.url, token, id)) as { status: string; files: unknown[] } | undefined;
  assert.equal(report?.status, 'approved');
  assert.equal(report.files.length, 1);

  // The job completed, once, on its retry.
  for (let i = 0; i < 100 && (await job())[0]?.state !== 'completed'; i++) await sleep(50);
  const jobs = await job();
  assert.equal(jobs.length, 1);
  assert.equal(jobs[0]!.state, 'completed');
  assert.equal(jobs[0]!.retry_count, 1);

  // One check result: one report file row, one report mail per recipient, all sent.
  const reportFiles = await sql.query('select name from delivery_report_files where delivery_id = $1', [id]);
  assert.equal(reportFiles.rowCount, 1);
  const mails = async () =>
    (
      await sql.query<{ recipient: string; sent: boolean }>(
        `select recipient, sent_at is not null as sent from outbox
          where kind = 'report_ready' and dedupe_key like $1`,
        [`report_ready:${id}:%`],
      )
    ).rows;
  for (let i = 0; i < 200 && (await mails()).some((m) => !m.sent); i++) await sleep(50);
  const sent = await mails();
  assert.ok(sent.length >= 1, 'report mail queued');
  assert.equal(new Set(sent.map((m) => m.recipient)).size, sent.length, 'one mail per recipient');
  assert.ok(
    sent.every((m) => m.sent),
    'every report mail was sent',
  );

  await worker.stop();
  await serve.stop();
});
