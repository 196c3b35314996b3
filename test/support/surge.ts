// The closing day of a delivery round, played against the real processes: `ggk serve` (web only)
// and one or more `ggk worker`s on PostgreSQL, every gemeente delivering its four files through the
// API with bounded concurrency, some sending a bad file first and delivering again, some sending the
// same file twice. Optionally with chaos: web and worker processes killed with SIGKILL at random
// moments and started again, while API clients retry as a careful client would. Afterwards a
// reconciliation compares every receipt a client got with what is stored and processed.
// Used by bench/surge.bench.ts (full scale) and test/integration/surge-crash.int.test.ts (small).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createApiToken } from '../../src/modules/auth/index.ts';
import { findGemeenteByCode } from '../../src/modules/organisations/index.ts';
import type { Schema } from '../../src/modules/database-schema.ts';
import { loadSpec } from '../../src/modules/validation/index.ts';
import { parseDefects, planDelivery } from '../../src/modules/validation/generate/index.ts';
import { connectDatabase } from '../../src/platform/db/database.ts';
import { createEncryptedStore, type EncryptedStore } from '../../src/platform/files/encrypted-store.ts';
import { loadMasterKey } from '../../src/platform/files/master-key.ts';
import { startMailCatcher } from '../../src/platform/mail/mail-catcher.ts';
import { loadConfig } from '../../src/config/env.ts';
import { openObjectBackend } from '../../src/main/deliveries.ts';
import { cleanEnv, cpuSecondsOf, startServe, type GgkProcess } from './ggk-process.ts';
import { startHaproxy } from './haproxy.ts';
import { exited, freePort, makeDataDir, startWorker, uploadDelivery } from './delivery-api.ts';
import { createEmptyDatabase } from './test-database.ts';
import { delegatedTypesOf } from './delegated-types.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The afternoon of the last day of the 2018 pilot round's delivery window (closes 9 March 23:59). */
export const CLOSING_DAY = '2018-03-09T13:00:00Z';
const HALF_YEAR = '2017H2';
/** A process started again after a kill: on the loaded shared machine a start took over 90 s once. */
const RESTART_TIMEOUT_MS = 240_000;
/** The largest gemeenten first: in the surge they get the largest files (rank-size rule). */
const LARGEST = ['0363', '0599', '0518', '0344', '0772', '0014', '0034', '0153', '0758', '0855', '0268'];
const TYPES = [
  { type: 'wmo', token: 'WMO' },
  { type: 'wmo-kosten', token: 'WMOKOSTEN' },
  { type: 'sbw', token: 'SBW' },
  { type: 'jeugd', token: 'JEUGD' },
] as const;

export interface SurgeOptions {
  /** How many gemeenten deliver (the largest first); 380 is all of 1 January 2018. */
  gemeenten: number;
  /** Rows of the largest Wmo file; gemeente k gets about maxRows / k^0.9 (at least 50). */
  maxRows: number;
  /** Uploads in flight at once. */
  concurrency: number;
  /** HAProxy's client/server inactivity timeout with several nodes (default 10m). */
  balancerTimeout?: string;
  /** `ggk serve` processes; more than one: behind HAProxy (test/support/haproxy.ts), round-robin. */
  nodes?: number;
  /** Where the encrypted files go: the shared data folder, or the S3 store of S3_ENDPOINT. */
  storage?: 'file' | 's3';
  /** Separate `ggk worker` processes. */
  workers: number;
  /** Share of gemeenten that first send a Wmo file with errors, then a corrected one. */
  badShare: number;
  /** Share that first send random bytes named as a Wmo file, then the real one. */
  garbageShare: number;
  /** Share that send their Wmo file a second time, identical (refused, naming the first receipt). */
  duplicateShare: number;
  seed: string;
  /** Generated files are kept here between runs. */
  cacheDir: string;
  databaseUrl?: string;
  /**
   * Kill web or worker (SIGKILL) every minMs–maxMs and start it again: while the uploads run, and
   * after them until at least minKills kills were made (also when the checks are all done).
   */
  chaos?: { minMs: number; maxMs: number; minKills?: number };
  /** How long to wait for every delivery to reach a final state after the last upload. */
  settleTimeoutMs: number;
  /**
   * Write a CPU profile (node --cpu-prof) of each web and worker process into this folder: they are
   * stopped with SIGTERM at the end, so the profile is written (a killed one writes none).
   */
  profileDir?: string;
  say?: (text: string) => void;
}

interface PlannedFile {
  name: string;
  path: string;
  bytes: number;
  sha256: string;
}

interface PlannedUpload {
  gemeente: string;
  files: PlannedFile[];
  expect: 'approved' | 'rejected' | 'duplicate';
  why: string;
}

export interface UploadError {
  gemeente: string;
  files: string[];
  status: number;
  detail: string;
}

interface Receipt {
  deliveryId?: string;
  receiptNumber: string;
  gemeente: string;
  files: PlannedFile[];
  expect: 'approved' | 'rejected';
  /** performance.now() of the 201 (also of a replayed one after a crash). */
  receivedAt?: number;
}

export interface Reconciliation {
  receipts: number;
  deliveriesInDatabase: number;
  /** Receipts without a delivery, with other files, or with a stored file whose checksum differs. */
  lost: string[];
  /** Deliveries no client has a receipt for. */
  unacknowledged: string[];
  /** The same file stored twice for one gemeente. */
  duplicateFiles: number;
  notFinal: string[];
  unexpectedOutcome: string[];
  /** Stored files that were decrypted and whose SHA-256 matched the receipt. */
  filesVerified: number;
  /** Encrypted files on disk that belong to no delivery. */
  orphanFiles: number;
  /** Deliveries whose check job is missing, doubled or not completed. */
  jobProblems: string[];
  /** Check jobs that needed a retry (their worker was killed). */
  jobsRetried: number;
  reportMails: number;
  /**
   * Mails received a second time with the same Message-ID because a worker was killed between the
   * SMTP server's acceptance and the outbox's commit (the known at-least-once window in
   * docs/reliability.md). Each worker sends one mail at a time, so there can be at most one per
   * worker kill; more is a problem.
   */
  mailsResentAfterCrash: number;
  /** Outbox mails not sent, dedupe keys seen twice, or more copies than worker kills explain. */
  mailProblems: string[];
  ok: boolean;
}

export interface SurgeResult {
  scale: { gemeenten: number; files: number; bytes: number; maxRows: number; wmoRows: number };
  concurrency: number;
  workers: number;
  nodes: number;
  storage: 'file' | 's3';
  uploads: number;
  uploadSeconds: number;
  uploadsPerSecond: number;
  megabytesPerSecond: number;
  latency: { p50: number; p95: number; p99: number; max: number };
  receiptToApproved: { p50: number; p95: number; max: number; count: number };
  /**
   * Receipt (the client's 201) → the technical report stored (state approved or rejected), seen by
   * the client's poll of the database: issue 21's goal metric, for every delivery with a receipt.
   */
  receiptToReport: { p50: number; p95: number; max: number; count: number };
  /** Where the time between receipt and report goes, from the queue's own rows (see stagesOf). */
  stages: SurgeStages;
  /**
   * CPU-seconds (user + system) of the web and worker processes from the first upload: during the
   * uploads, and until the last op-orde job (start-up not counted).
   */
  cpuSeconds: { web: number; worker: number; webDuringUploads: number; workerDuringUploads: number };
  expectedRefusals: number;
  retries: number;
  throttled: number;
  recoveredReceipts: number;
  errors: UploadError[];
  kills: { web: number; worker: number };
  loadAverage: { before: number[]; after: number[] };
  /**
   * With several nodes: HAProxy's log lines of abnormal requests (only those are logged), each with
   * its termination state, e.g. 'sD--' (the server side timed out while data flowed) or 'CD--' (the
   * client went away): what explains a client's broken connection.
   */
  balancerLog: string[];
  reconciliation: Reconciliation;
}

/** Percentiles in seconds of one stage over the jobs that reached it. */
export interface StageTimes {
  p50: number;
  p95: number;
  max: number;
  /** The sum over all jobs: the stage's share of the total. */
  sum: number;
  count: number;
}

/**
 * The stages of receipt → report per delivery, from PostgreSQL's clock in pgboss.job (one clock for
 * every process): the check job is created in the receipt's transaction (created_on: that
 * transaction's start), started when a worker fetches it and completed after the report's commit;
 * the op-orde job likewise, created in the check's transaction (its run includes the wait for the
 * process's checks, main/reports.ts). `checksAtOnce` and `reportsDuring` are the mean number of
 * other checks and started op-orde jobs while a check ran (time-weighted): the work it could share
 * the worker's one JavaScript thread with.
 */
export interface SurgeStages {
  checkWait: StageTimes;
  checkRun: StageTimes;
  receiptToCheckDone: StageTimes;
  reportWait: StageTimes;
  reportRun: StageTimes;
  checksAtOnce: number;
  reportsDuring: number;
  /** Checks started while uploads were still coming in, and their mean run. */
  checksDuringUploads: number;
}

function stageTimes(values: number[]): StageTimes {
  return {
    p50: round3(percentile(values, 50)),
    p95: round3(percentile(values, 95)),
    max: round3(percentile(values, 100)),
    sum: round3(values.reduce((a, b) => a + b, 0)),
    count: values.length,
  };
}

async function stagesOf(sql: pg.Pool, uploadsEndedAt: Date): Promise<SurgeStages> {
  const rows = (
    await sql.query<{
      name: string;
      created: Date;
      started: Date | null;
      completed: Date | null;
    }>(
      `select name, created_on as created, started_on as started, completed_on as completed
         from pgboss.job where name in ('delivery-check', 'content-report') and state = 'completed'`,
    )
  ).rows;
  const seconds = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 1000;
  const checks = rows.filter((r) => r.name === 'delivery-check' && r.started && r.completed);
  const reports = rows.filter((r) => r.name === 'content-report' && r.started && r.completed);
  const overlap = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
    Math.max(
      0,
      Math.min(a.completed!.getTime(), b.completed!.getTime()) -
        Math.max(a.started!.getTime(), b.started!.getTime()),
    );
  let checkTime = 0;
  let withChecks = 0;
  let withReports = 0;
  for (const c of checks) {
    const own = c.completed!.getTime() - c.started!.getTime();
    checkTime += own;
    for (const o of checks) if (o !== c) withChecks += overlap(c, o);
    for (const r of reports) withReports += overlap(c, r);
  }
  return {
    checkWait: stageTimes(checks.map((c) => seconds(c.created, c.started!))),
    checkRun: stageTimes(checks.map((c) => seconds(c.started!, c.completed!))),
    receiptToCheckDone: stageTimes(checks.map((c) => seconds(c.created, c.completed!))),
    reportWait: stageTimes(reports.map((r) => seconds(r.created, r.started!))),
    reportRun: stageTimes(reports.map((r) => seconds(r.started!, r.completed!))),
    checksAtOnce: round3(checkTime > 0 ? withChecks / checkTime : 0),
    reportsDuring: round3(checkTime > 0 ? withReports / checkTime : 0),
    checksDuringUploads: checks.filter((c) => c.started! < uploadsEndedAt).length,
  };
}

// --- planning and the file cache ----------------------------------------------------------------

function seededUnit(seed: string, label: string): number {
  return createHash('sha256').update(`${seed}:${label}`).digest().readUInt32BE(0) / 2 ** 32;
}

function gemeentenInOrder(seed: string): string[] {
  const all = readFileSync(path.join(ROOT, 'data/gemeenten-2018.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(';')[0]!);
  const rest = all
    .filter((code) => !LARGEST.includes(code))
    .sort((a, b) => seededUnit(seed, a) - seededUnit(seed, b));
  return [...LARGEST.filter((code) => all.includes(code)), ...rest];
}

/**
 * Gemeenten that may deliver 2017H2 files under their own code: those of 31 December 2017 and those
 * formed on 1 January 2018 by a merger, for their predecessors' area (decision 0028).
 */
function codesDeliveringFor2017(): Set<string> {
  const lines = (file: string) =>
    readFileSync(path.join(ROOT, file), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(';'));
  return new Set([
    ...lines('data/gemeenten-2017.csv').map((cells) => cells[0]!),
    ...lines('data/gemeenten-herindelingen.csv')
      .filter((cells) => cells[0] === '2018-01-01')
      .map((cells) => cells[2]!),
  ]);
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Writes `produce()` to `file` unless it is there already (atomically: a killed run leaves no half file). */
function cached(file: string, produce: () => Iterable<Uint8Array>): void {
  if (existsSync(file)) return;
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const parts: Buffer[] = [];
  for (const chunk of produce()) parts.push(Buffer.from(chunk));
  writeFileSync(tmp, Buffer.concat(parts));
  renameSync(tmp, file);
}

async function planSurge(options: SurgeOptions): Promise<{ uploads: PlannedUpload[][]; wmoRows: number }> {
  const spec = loadSpec(JSON.parse(readFileSync(path.join(ROOT, 'specs/gmsd/2017.json'), 'utf8')));
  const known2017 = codesDeliveringFor2017();
  const dir = path.join(options.cacheDir, `surge-${options.seed}-${options.maxRows}`);
  const codes = gemeentenInOrder(options.seed).slice(0, options.gemeenten);
  const perGemeente: PlannedUpload[][] = [];
  let wmoRows = 0;
  for (const [index, code] of codes.entries()) {
    const rows = Math.max(50, Math.round(options.maxRows / (index + 1) ** 0.9));
    wmoRows += rows;
    const file = async (variant: string, name: string, produce: () => Iterable<Uint8Array>) => {
      const p = path.join(dir, code, variant, name);
      cached(p, produce);
      return { name, path: p, bytes: statSync(p).size, sha256: await sha256Of(p) };
    };
    const good: PlannedFile[] = [];
    // A type the gemeente delegates to its samenwerkingsverband is not its own to send.
    const delegated = delegatedTypesOf(code, '2017-12-31');
    for (const t of TYPES.filter((x) => !delegated.has(x.type))) {
      const name = `${t.token}_${code}_${HALF_YEAR}.csv`;
      good.push(
        await file('goed', name, () =>
          planDelivery({
            spec,
            type: t.type,
            gemeente: code,
            period: HALF_YEAR,
            seed: `${options.seed}-${code}-${t.type}`,
            ...(t.type === 'wmo' ? { rows } : {}),
          }).chunks(),
        ),
      );
    }
    const expect = known2017.has(code) ? 'approved' : 'rejected';
    const why = expect === 'approved' ? 'goed' : 'gemeente bestond nog niet op 31-12-2017';
    const roll = seededUnit(options.seed, `scenario-${code}`);
    const sequence: PlannedUpload[] = [];
    if (roll < options.badShare) {
      const name = `WMO_${code}_${HALF_YEAR}.csv`;
      sequence.push({
        gemeente: code,
        files: [
          await file('fouten', name, () =>
            planDelivery({
              spec,
              type: 'wmo',
              gemeente: code,
              period: HALF_YEAR,
              rows,
              seed: `${options.seed}-${code}-bad`,
              defects: parseDefects('field.bsn_elfproef=3,field.date_invalid=2'),
            }).chunks(),
          ),
        ],
        expect: 'rejected',
        why: 'fouten in het bestand',
      });
    } else if (roll < options.badShare + options.garbageShare) {
      const name = `WMO_${code}_${HALF_YEAR}.csv`;
      const bytes = 4096 + Math.floor(seededUnit(options.seed, `garbage-${code}`) * 512 * 1024);
      sequence.push({
        gemeente: code,
        files: [
          await file('onzin', name, () => [
            Buffer.concat(
              Array.from({ length: Math.ceil(bytes / 32) }, (_, i) =>
                createHash('sha256').update(`${options.seed}-${code}-${i}`).digest(),
              ),
            ),
          ]),
        ],
        expect: 'rejected',
        why: 'willekeurige bytes',
      });
    }
    // Half the gemeenten send their four files in one upload, the other half one by one.
    if (index % 2 === 0) sequence.push({ gemeente: code, files: good, expect, why });
    else for (const f of good) sequence.push({ gemeente: code, files: [f], expect, why });
    const dupRoll = seededUnit(options.seed, `duplicate-${code}`);
    if (dupRoll < options.duplicateShare)
      sequence.push({
        gemeente: code,
        files: [good[0]!],
        expect: 'duplicate',
        why: 'hetzelfde bestand opnieuw',
      });
    perGemeente.push(sequence);
  }
  return { uploads: perGemeente, wmoRows };
}

// --- running ------------------------------------------------------------------------------------

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round3 = (n: number) => Number(n.toFixed(3));

export async function runSurge(options: SurgeOptions): Promise<SurgeResult> {
  const say = options.say ?? (() => undefined);
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    return await surge(options, say, cleanups);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

async function surge(
  options: SurgeOptions,
  say: (text: string) => void,
  cleanups: Array<() => Promise<unknown>>,
): Promise<SurgeResult> {
  say(`Bestanden voor ${options.gemeenten} gemeenten maken of uit ${options.cacheDir} halen…`);
  const { uploads: plan, wmoRows } = await planSurge(options);

  const owned = options.databaseUrl ? undefined : await createEmptyDatabase();
  if (owned) cleanups.push(() => owned.drop());
  const databaseUrl = options.databaseUrl ?? owned!.url;
  const dataDir = await makeDataDir('ggk-surge-');
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  // The mail catcher lives in this process, so it survives the kills and counts every message.
  const catcher = await startMailCatcher({ port: 0, maxMessages: 100_000 });
  cleanups.push(() => catcher.stop());
  const masterKey = randomBytes(32);
  const nodeCount = options.nodes ?? 1;
  const ports: number[] = [];
  for (let i = 0; i < nodeCount; i++) ports.push(await freePort());
  const port = ports[0]!;
  if (options.storage === 's3' && !process.env.S3_ENDPOINT)
    throw new Error('--storage s3 needs S3_ENDPOINT (and AWS_* credentials): ../shared/tools/start-s3.sh');
  const s3: Record<string, string> =
    options.storage === 's3'
      ? {
          GGK_STORAGE: 's3',
          GGK_S3_ENDPOINT: process.env.S3_ENDPOINT!,
          GGK_S3_BUCKET: process.env.S3_BUCKET ?? 'ggk-test',
          GGK_S3_REGION: process.env.AWS_REGION ?? 'us-east-1',
          GGK_S3_FORCE_PATH_STYLE: 'true',
          GGK_S3_PREFIX: `surge-${randomBytes(4).toString('hex')}/`,
        }
      : {};
  const env = cleanEnv({
    DATABASE_URL: databaseUrl,
    GGK_DATA_DIR: dataDir,
    GGK_PORT: String(port),
    GGK_DEV_IDP_PORT: '0',
    GGK_SMTP_URL: catcher.smtpUrl,
    GGK_JOBS: 'false',
    GGK_FAKE_NOW: CLOSING_DAY,
    GGK_LOG_LEVEL: 'warn',
    GGK_MASTER_KEY: masterKey.toString('hex'),
    ...s3,
    ...(options.profileDir
      ? {
          NODE_OPTIONS:
            `${process.env.NODE_OPTIONS ?? ''} --cpu-prof --cpu-prof-dir=${options.profileDir}`.trim(),
        }
      : {}),
  });
  const envOf = (node: number) => ({ ...env, GGK_PORT: String(ports[node]) });

  const processes: { web: GgkProcess[]; workers: GgkProcess[] } = { web: [], workers: [] };
  cleanups.push(async () => {
    const all = [...processes.web, ...processes.workers];
    if (options.profileDir) await Promise.race([Promise.all(all.map((p) => p.stop())), sleep(30_000)]);
    for (const p of all) p.child.kill('SIGKILL');
  });
  say('ggk serve (zonder taken) en de worker(s) starten…');
  for (let i = 0; i < nodeCount; i++) processes.web.push(await startServe(envOf(i)));
  let url = `http://127.0.0.1:${port}`;
  let balancerOutput = () => '';
  if (nodeCount > 1) {
    const balancer = await startHaproxy({
      dir: dataDir,
      port: await freePort(),
      nodes: ports.map((p, i) => ({ name: `web${i + 1}`, port: p })),
      ...(options.balancerTimeout ? { inactivityTimeout: options.balancerTimeout } : {}),
    });
    cleanups.push(() => balancer.stop());
    url = balancer.url;
    balancerOutput = () => balancer.output();
  }
  for (let i = 0; i < options.workers; i++) processes.workers.push(await startWorker(env));

  const database = connectDatabase<Schema>(databaseUrl, { max: 4 });
  cleanups.push(() => database.close());
  const sql = database.pool;
  const tokens = new Map<string, string>();
  for (const code of new Set(plan.map((s) => s[0]!.gemeente))) {
    const gemeente = await findGemeenteByCode(database.db, code);
    if (!gemeente) throw new Error(`gemeente ${code} is not in the database`);
    const created = await createApiToken(database.db, {
      organisationId: gemeente.id,
      name: 'surge',
      roles: ['aanleveraar'],
      days: 90,
      createdBy: null,
      now: new Date(),
    });
    tokens.set(code, created.token);
  }

  // Chaos: the processes are killed and started again while the uploads run.
  const kills = { web: 0, worker: 0 };
  let uploading = true;
  let chaosOn = options.chaos !== undefined;
  const openDeliveries = async () =>
    Number(
      (
        await sql.query<{ n: string }>(
          `select count(*) as n from deliveries where state not in ('approved', 'rejected')`,
        )
      ).rows[0]!.n,
    );
  let restarting: Promise<unknown> = Promise.resolve();
  const chaos = options.chaos
    ? (async () => {
        let n = 0;
        while (chaosOn) {
          const wait =
            options.chaos!.minMs +
            seededUnit(options.seed, `wait-${n}`) * (options.chaos!.maxMs - options.chaos!.minMs);
          await sleep(wait);
          // Until minKills, also after the checks have drained: on a quiet machine the small suite
          // surge was checked before its first worker kill came (CI: kills web 1, worker 0).
          if (!uploading && kills.web + kills.worker >= (options.chaos!.minKills ?? 0)) break;
          // Web and worker in turn, at random moments.
          const killWeb = n++ % 2 === 0;
          const work = (async () => {
            if (killWeb) {
              const index = Math.floor(n / 2) % nodeCount;
              const web = processes.web[index]!;
              web.child.kill('SIGKILL');
              await exited(web.child);
              kills.web++;
              processes.web[index] = await startServe(envOf(index), RESTART_TIMEOUT_MS);
            } else {
              const index = n % processes.workers.length;
              const worker = processes.workers[index]!;
              worker.child.kill('SIGKILL');
              await exited(worker.child);
              kills.worker++;
              processes.workers[index] = await startWorker(env, RESTART_TIMEOUT_MS);
            }
          })();
          restarting = work;
          await work;
        }
      })()
    : Promise.resolve();

  // Uploads: `concurrency` clients, each taking the next gemeente and running its uploads in order.
  const receipts: Receipt[] = [];
  const errors: UploadError[] = [];
  const latencies: number[] = [];
  const finalAt = new Map<string, number>();
  let uploadedBytes = 0;
  let expectedRefusals = 0;
  let retries = 0;
  let throttled = 0;
  let recovered = 0;
  let done = 0;
  const total = plan.reduce((n, s) => n + s.length, 0);
  const loadBefore = os.loadavg().map(round3);
  const queue = [...plan];
  // CPU from here on: the processes' start-up (a few CPU-seconds each) is not the surge's work.
  const cpuOf = (list: GgkProcess[]) =>
    round3(list.reduce((n, p) => n + (cpuSecondsOf(p.child.pid) ?? 0), 0));
  const cpuAtStart = { web: cpuOf(processes.web), worker: cpuOf(processes.workers) };
  const started = performance.now();

  async function deliver(upload: PlannedUpload): Promise<void> {
    const token = tokens.get(upload.gemeente)!;
    const deadline = Date.now() + 10 * 60_000;
    // One key for every attempt of this upload: a retry after a lost answer gets the first receipt.
    const idempotencyKey = randomUUID();
    for (let attempt = 1; ; attempt++) {
      const t0 = performance.now();
      let response;
      try {
        response = await uploadDelivery({
          url,
          token,
          fields: { halfjaar: HALF_YEAR },
          files: upload.files.map((f) => ({ name: f.name, source: { path: f.path } })),
          idempotencyKey,
        });
      } catch (error) {
        // The connection broke (a killed web process) or was refused (not started yet): try again.
        if (options.chaos && Date.now() < deadline) {
          retries++;
          await sleep(250);
          continue;
        }
        errors.push({
          gemeente: upload.gemeente,
          files: upload.files.map((f) => f.name),
          status: 0,
          detail: String(error),
        });
        return;
      }
      const t1 = performance.now();
      if (response.status === 201) {
        const body = JSON.parse(response.body) as { id: string; receiptNumber: string };
        // The first attempt was stored but its answer lost (a killed web process): this is its receipt.
        if (response.replayed) recovered++;
        latencies.push((t1 - t0) / 1000);
        uploadedBytes += upload.files.reduce((n, f) => n + f.bytes, 0);
        if (upload.expect === 'duplicate') {
          errors.push({
            gemeente: upload.gemeente,
            files: upload.files.map((f) => f.name),
            status: 201,
            detail: 'een tweede keer hetzelfde bestand werd aangenomen',
          });
        }
        receipts.push({
          deliveryId: body.id,
          receiptNumber: body.receiptNumber,
          gemeente: upload.gemeente,
          files: upload.files,
          expect: upload.expect === 'duplicate' ? 'approved' : upload.expect,
          receivedAt: t1,
        });
        return;
      }
      const problem = (() => {
        try {
          return JSON.parse(response.body) as { code?: string; title?: string };
        } catch {
          return {};
        }
      })();
      // Behind a balancer a node killed mid-request is a 502 (504 if it hung), not a broken
      // connection: the careful client tries again just the same.
      if (options.chaos && (response.status === 502 || response.status === 504) && Date.now() < deadline) {
        retries++;
        await sleep(250);
        continue;
      }
      if (response.status === 409 && problem.code === 'delivery.duplicate_file') {
        if (upload.expect === 'duplicate') {
          expectedRefusals++;
          return;
        }
        // A retry after a broken connection carries the first attempt's Idempotency-Key and gets
        // that attempt's receipt (201, replayed), never this refusal: here it is an error.
      }
      if ((response.status === 429 || response.status === 503) && Date.now() < deadline) {
        throttled++;
        await sleep(1000);
        continue;
      }
      errors.push({
        gemeente: upload.gemeente,
        files: upload.files.map((f) => f.name),
        status: response.status,
        detail: problem.title ?? response.body.slice(0, 200),
      });
      return;
    }
  }

  // Receipt → final state, observed every 100 ms in the database (no load on the API).
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const open = receipts
        .filter((r) => r.deliveryId && !finalAt.has(r.deliveryId))
        .map((r) => r.deliveryId!);
      if (open.length > 0) {
        const rows = await sql
          .query<{ id: string }>(
            `select id from deliveries where id = any($1) and state in ('approved', 'rejected')`,
            [open],
          )
          .catch(() => ({ rows: [] as Array<{ id: string }> }));
        const at = performance.now();
        for (const row of rows.rows) finalAt.set(row.id, at);
      }
      await sleep(100);
    }
  })();

  const progress = setInterval(() => {
    say(
      `  ${done}/${total} uploads, ${receipts.length} ontvangstbewijzen, ${finalAt.size} gecontroleerd, ${errors.length} fouten`,
    );
  }, 10_000);
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency, queue.length) }, async () => {
      for (let sequence = queue.shift(); sequence; sequence = queue.shift()) {
        for (const upload of sequence) {
          await deliver(upload);
          done++;
        }
      }
    }),
  );
  const uploadSeconds = (performance.now() - started) / 1000;
  const uploadsEndedAt = new Date();
  const cpuAtUploadEnd = { web: cpuOf(processes.web), worker: cpuOf(processes.workers) };
  uploading = false;
  await chaos;
  chaosOn = false;
  await restarting.catch(() => undefined);
  say(`Uploads klaar in ${uploadSeconds.toFixed(1)} s; wachten tot elke aanlevering gecontroleerd is…`);

  // Settle: every delivery in the database reaches approved/rejected.
  const settleDeadline = Date.now() + options.settleTimeoutMs;
  for (;;) {
    if ((await openDeliveries()) === 0 || Date.now() > settleDeadline) break;
    await sleep(200);
  }
  watching = false;
  await watcher;
  clearInterval(progress);
  // The op-orde jobs the last checks sent: their stages count too (bounded by the settle deadline).
  // And a check job whose worker was killed after its delivery's final state committed: pg-boss
  // finds it by its stopped heartbeat and runs it again as a retry, which finds the delivery final
  // and completes; until then it is active or retry while its delivery is already settled.
  while (Date.now() < settleDeadline) {
    const { rows } = await sql.query<{ n: string }>(
      `select count(*) as n from pgboss.job
        where name in ('content-report', 'delivery-check') and state < 'completed'`,
    );
    if (Number(rows[0]!.n) === 0) break;
    await sleep(200);
  }
  // With --crash a killed process's CPU is lost from these sums (they read the live processes).
  const cpuSeconds = {
    web: round3(cpuOf(processes.web) - cpuAtStart.web),
    worker: round3(cpuOf(processes.workers) - cpuAtStart.worker),
    webDuringUploads: round3(cpuAtUploadEnd.web - cpuAtStart.web),
    workerDuringUploads: round3(cpuAtUploadEnd.worker - cpuAtStart.worker),
  };
  const stages = await stagesOf(sql, uploadsEndedAt);

  const reconciliation = await reconcile({
    sql,
    receipts,
    store: createEncryptedStore({
      ...(options.storage === 's3'
        ? { backend: await openObjectBackend(loadConfig(env)) }
        : { root: path.join(dataDir, 'files') }),
      masterKey: await loadMasterKey({
        keyHex: masterKey.toString('hex'),
        keyFile: path.join(dataDir, 'keys', 'master.key'),
      }),
    }),
    catcher,
    workerKills: kills.worker,
  });

  const approvedTimes = receipts
    .filter((r) => r.expect === 'approved' && r.receivedAt !== undefined && finalAt.has(r.deliveryId!))
    .map((r) => (finalAt.get(r.deliveryId!)! - r.receivedAt!) / 1000);
  const reportTimes = receipts
    .filter((r) => r.receivedAt !== undefined && finalAt.has(r.deliveryId!))
    .map((r) => (finalAt.get(r.deliveryId!)! - r.receivedAt!) / 1000);
  const bytes = plan.flat().reduce((n, u) => n + u.files.reduce((m, f) => m + f.bytes, 0), 0);
  return {
    scale: {
      gemeenten: plan.length,
      files: plan.flat().reduce((n, u) => n + u.files.length, 0),
      bytes,
      maxRows: options.maxRows,
      wmoRows,
    },
    concurrency: options.concurrency,
    workers: options.workers,
    nodes: nodeCount,
    storage: options.storage ?? 'file',
    uploads: latencies.length,
    uploadSeconds: round3(uploadSeconds),
    uploadsPerSecond: round3(latencies.length / uploadSeconds),
    megabytesPerSecond: round3(uploadedBytes / 1e6 / uploadSeconds),
    latency: {
      p50: round3(percentile(latencies, 50)),
      p95: round3(percentile(latencies, 95)),
      p99: round3(percentile(latencies, 99)),
      max: round3(percentile(latencies, 100)),
    },
    receiptToApproved: {
      p50: round3(percentile(approvedTimes, 50)),
      p95: round3(percentile(approvedTimes, 95)),
      max: round3(percentile(approvedTimes, 100)),
      count: approvedTimes.length,
    },
    receiptToReport: {
      p50: round3(percentile(reportTimes, 50)),
      p95: round3(percentile(reportTimes, 95)),
      max: round3(percentile(reportTimes, 100)),
      count: reportTimes.length,
    },
    stages,
    cpuSeconds,
    expectedRefusals,
    retries,
    throttled,
    recoveredReceipts: recovered,
    errors,
    kills,
    loadAverage: { before: loadBefore, after: os.loadavg().map(round3) },
    // httplog lines hold the method, path and status only: ids, never file contents.
    balancerLog: balancerOutput()
      .split('\n')
      .filter((line) => /"(GET|POST|PATCH|HEAD|DELETE|PUT|OPTIONS) \//.test(line))
      .slice(0, 200),
    reconciliation,
  };
}

// --- reconciliation -----------------------------------------------------------------------------

async function reconcile(input: {
  sql: pg.Pool;
  receipts: Receipt[];
  store: EncryptedStore;
  catcher: Awaited<ReturnType<typeof startMailCatcher>>;
  workerKills: number;
}): Promise<Reconciliation> {
  const { sql, receipts } = input;
  const deliveries = (
    await sql.query<{ id: string; receipt_number: string; state: string; gemeentecode: string }>(
      `select d.id, d.receipt_number, d.state, o.gemeentecode
         from deliveries d join organisations o on o.id = d.gemeente_id`,
    )
  ).rows;
  const byNumber = new Map(deliveries.map((d) => [d.receipt_number, d]));
  const files = (
    await sql.query<{
      delivery_id: string;
      name: string;
      sha256: string;
      bytes: string;
      stored_file_id: string;
      wrapped_key: string;
    }>(
      `select delivery_id, name, sha256, bytes, stored_file_id, wrapped_key from delivery_files order by delivery_id, position`,
    )
  ).rows;
  const filesOf = new Map<string, typeof files>();
  for (const f of files) filesOf.set(f.delivery_id, [...(filesOf.get(f.delivery_id) ?? []), f]);

  const lost: string[] = [];
  const notFinal: string[] = [];
  const unexpectedOutcome: string[] = [];
  let filesVerified = 0;
  const acknowledged = new Set<string>();
  for (const r of receipts) {
    const d = byNumber.get(r.receiptNumber);
    if (!d || (r.deliveryId && d.id !== r.deliveryId) || d.gemeentecode !== r.gemeente) {
      lost.push(`${r.receiptNumber}: geen aanlevering`);
      continue;
    }
    acknowledged.add(d.id);
    const stored = filesOf.get(d.id) ?? [];
    const want = r.files.map((f) => `${f.name}:${f.sha256}`).sort();
    const have = stored.map((f) => `${f.name}:${f.sha256}`).sort();
    if (want.join() !== have.join()) {
      lost.push(`${r.receiptNumber}: andere bestanden`);
      continue;
    }
    for (const f of stored) {
      try {
        const verified = await input.store.verify({ fileId: f.stored_file_id, wrappedKey: f.wrapped_key });
        if (verified.sha256 !== f.sha256) lost.push(`${r.receiptNumber}: ${f.name} beschadigd`);
        else filesVerified++;
      } catch (error) {
        lost.push(`${r.receiptNumber}: ${f.name} niet leesbaar (${String(error)})`);
      }
    }
    if (!['approved', 'rejected'].includes(d.state)) notFinal.push(`${r.receiptNumber}: ${d.state}`);
    else if (d.state !== r.expect)
      unexpectedOutcome.push(`${r.receiptNumber} (${r.gemeente}): ${d.state}, verwacht ${r.expect}`);
  }
  const unacknowledged = deliveries.filter((d) => !acknowledged.has(d.id)).map((d) => d.receipt_number);
  for (const d of deliveries)
    if (!acknowledged.has(d.id) && !['approved', 'rejected'].includes(d.state))
      notFinal.push(`${d.receipt_number}: ${d.state}`);

  const duplicateFiles = Number(
    (
      await sql.query<{ n: string }>(
        `select count(*) as n from (select d.gemeente_id, f.sha256 from delivery_files f join deliveries d on d.id = f.delivery_id
           group by 1, 2 having count(*) > 1) x`,
      )
    ).rows[0]!.n,
  );
  const referenced = new Set(files.map((f) => f.stored_file_id));
  const onDisk = await input.store.listStoredFileIds();
  const orphanFiles =
    onDisk.filter((id) => !referenced.has(id)).length +
    [...referenced].filter((id) => !onDisk.includes(id)).length;

  const jobs = (
    await sql.query<{ delivery_id: string; n: number; states: string[]; retries: number }>(
      `select data->>'deliveryId' as delivery_id, count(*)::int as n, array_agg(state::text) as states,
              max(retry_count)::int as retries
         from pgboss.job where name = 'delivery-check' group by 1`,
    )
  ).rows;
  const jobOf = new Map(jobs.map((j) => [j.delivery_id, j]));
  const jobProblems: string[] = [];
  for (const d of deliveries) {
    const j = jobOf.get(d.id);
    if (!j) jobProblems.push(`${d.receipt_number}: geen taak`);
    else if (j.n !== 1) jobProblems.push(`${d.receipt_number}: ${j.n} taken`);
    else if (
      j.states[0] !== 'completed' &&
      !(j.states[0] === 'active' && ['approved', 'rejected'].includes(d.state))
    )
      jobProblems.push(`${d.receipt_number}: taak ${j.states[0]}`);
  }
  for (const j of jobs)
    if (!deliveries.some((d) => d.id === j.delivery_id))
      jobProblems.push(`taak zonder aanlevering ${j.delivery_id}`);
  const reportDupes = Number(
    (
      await sql.query<{ n: string }>(
        `select count(*) as n from (select delivery_id, name from delivery_report_files group by 1, 2 having count(*) > 1) x`,
      )
    ).rows[0]!.n,
  );
  if (reportDupes > 0) jobProblems.push(`${reportDupes} rapportregels dubbel`);

  // Mail: one outbox row per recipient per delivery, each sent, each caught exactly once.
  const mailProblems: string[] = [];
  let outbox: Array<{ id: string; dedupe_key: string; sent: boolean }> = [];
  for (let i = 0; i < 150; i++) {
    outbox = (
      await sql.query<{ id: string; dedupe_key: string; sent: boolean }>(
        `select id, dedupe_key, sent_at is not null as sent from outbox where kind = 'report_ready'`,
      )
    ).rows;
    if (outbox.every((m) => m.sent)) break;
    await sleep(200);
  }
  if (outbox.some((m) => !m.sent))
    mailProblems.push(`${outbox.filter((m) => !m.sent).length} mails niet verstuurd`);
  if (new Set(outbox.map((m) => m.dedupe_key)).size !== outbox.length)
    mailProblems.push('dubbele mail in de outbox');
  const caught = input.catcher.messages().filter((m) => /technisch rapport staat klaar/.test(m.subject));
  const perId = new Map<string, number>();
  for (const m of caught) perId.set(m.messageId, (perId.get(m.messageId) ?? 0) + 1);
  // A copy with the same Message-ID is the at-least-once window of a killed worker: allowed once per
  // worker kill (one mail in flight per worker), never a third copy, never without a kill.
  const copies = [...perId.values()].map((n) => n - 1).filter((n) => n > 0);
  const mailsResentAfterCrash = copies.reduce((a, b) => a + b, 0);
  if (copies.some((n) => n > 1)) mailProblems.push('een mail drie keer of vaker ontvangen');
  if (mailsResentAfterCrash > input.workerKills)
    mailProblems.push(
      `${mailsResentAfterCrash} mails twee keer ontvangen bij ${input.workerKills} keer een gestopte worker`,
    );
  if (caught.length < outbox.filter((m) => m.sent).length)
    mailProblems.push('verstuurde mail niet ontvangen');

  const jobsRetried = jobs.filter((j) => j.retries > 0).length;
  const result = {
    receipts: receipts.length,
    deliveriesInDatabase: deliveries.length,
    lost,
    unacknowledged,
    duplicateFiles,
    notFinal,
    unexpectedOutcome,
    filesVerified,
    orphanFiles,
    jobProblems,
    jobsRetried,
    reportMails: outbox.length,
    mailsResentAfterCrash,
    mailProblems,
  };
  return {
    ...result,
    ok:
      lost.length === 0 &&
      unacknowledged.length === 0 &&
      duplicateFiles === 0 &&
      notFinal.length === 0 &&
      unexpectedOutcome.length === 0 &&
      orphanFiles === 0 &&
      jobProblems.length === 0 &&
      mailProblems.length === 0,
  };
}
