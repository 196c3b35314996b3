// `npm run bench:pages`: how fast the pages people wait for answer under concurrency, with a round's
// worth of deliveries in the database (issue 21: "op-orde report page (HTML), round monitor page:
// p95 < 150 ms under 20 concurrent users").
//
// Starts `ggk serve` (web and checks in one process) on a fresh database on the machine's PostgreSQL
// (dropped afterwards) with the 2018 round. Every gemeente delivers its four files (Wmo, Wmo kosten,
// SBW, Jeugd; made by the project's generator) as four separate uploads through
// POST /api/v1/deliveries, so the round holds ~1,500 deliveries as after the closing-day surge, and
// all are checked and get their op-orde rapport. Then each page is loaded by `wrk` (Debian's package;
// `apt-get install -y wrk`) with --connections users at once for --duration seconds, with sessions of
// their own (the budget of the general rate limit is per session, as for real people; see sessionsOf),
// made by one real login through the development identity provider and copied in the sessions table.
//
// Side by side, in the same run and with the same wrk settings, the very same HTML bytes served by a
// bare node:http server: the floor (what the network, wrk and the bytes cost), so the ratio is what
// ggk's work per page costs. Latencies are wrk's (it measures each request, corrected for coordinated
// omission), p50/p95/p99 in milliseconds.
//
// Options: --gemeenten N (380), --rows N (200), --connections N (20), --duration S (10),
// --quick (20 gemeenten, 3 s per page: the smoke test), --json (one JSON object on stdout),
// --explain (also the queries behind each page with EXPLAIN ANALYZE: bench/explain-pages.ts),
// --profile (also a CPU profile of each page's requests in-process, top self-time functions:
// bench/profile-pages.ts; --profile-only skips the wrk runs), --keep (the database is not dropped, to
// study its queries by hand), --no-analyze (no ANALYZE after loading: see below), --against DIR (side by side in the same
// run: a second `ggk serve` from another checkout, e.g. `git worktree add /tmp/base main`, on the same
// database, loaded with the same wrk settings right after this one: before and after in one run).
//
// Besides wrk's latencies, the CPU each request cost, read from /proc before and after each wrk run:
// of the `ggk serve` process (all its threads) and of the database's backends serving this database
// (pg_stat_activity). CPU per request is what a busy, shared machine changes least (issue 21's
// numbers are compared by it), and what bounds the latency of 20 users at once: a process that needs
// c ms of one core per request answers 20 users no faster than about 20 × c ms each.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApiToken, createSession } from '../src/modules/auth/index.ts';
import type { Schema } from '../src/modules/database-schema.ts';
import { demoSubjectOf } from '../src/main/demo-data.ts';
import { hashSecret } from '../src/platform/crypto/secrets.ts';
import { connectDatabase } from '../src/platform/db/database.ts';
import { DEMO } from '../test/support/factories.ts';
import { cleanEnv, cpuSecondsOf, startServe } from '../test/support/ggk-process.ts';
import { delegatedTypesOf } from '../test/support/delegated-types.ts';
import { makeDataDir } from '../test/support/delivery-api.ts';
import { generatedFile, uploadFiles } from '../test/support/handover.ts';
import { createEmptyDatabase } from '../test/support/test-database.ts';
import { explainPages, formatExplained, type ExplainedPage } from './explain-pages.ts';
import { formatProfiled, profilePages, type ProfiledPage } from './profile-pages.ts';
import { WebClient } from '../test/support/web-client.ts';
import { GENERAL_LIMIT } from '../src/http/rate-limits.ts';

/** Inside the 2018 round's delivery window of the demo data. */
const FAKE_NOW = '2018-02-20T09:00:00Z';
const TYPES = ['wmo', 'wmo-kosten', 'sbw', 'jeugd'] as const;
const GOAL_P95_MS = 150;
/** The most views a second a page is expected to take here, for the number of sessions a run needs. */
const SESSION_VIEWS_PER_SECOND = 3_000;

interface Args {
  gemeenten: number;
  rows: number;
  connections: number;
  duration: number;
  json: boolean;
  explain: boolean;
  profile: boolean;
  profileOnly: boolean;
  against: string | undefined;
  keep: boolean;
  analyze: boolean;
}

function readArgs(argv: string[]): Args {
  const args: Args = {
    gemeenten: 380,
    rows: 200,
    connections: 20,
    duration: 10,
    json: false,
    explain: false,
    profile: false,
    profileOnly: false,
    against: undefined,
    keep: false,
    analyze: true,
  };
  const number = (i: number, min: number, max: number) => {
    const v = Number(argv[i + 1]);
    if (!Number.isInteger(v) || v < min || v > max) {
      process.stderr.write(`${argv[i]} verwacht een geheel getal van ${min} tot ${max}\n`);
      process.exit(2);
    }
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') args.json = true;
    else if (arg === '--explain') args.explain = true;
    else if (arg === '--keep') args.keep = true;
    else if (arg === '--no-analyze') args.analyze = false;
    else if (arg === '--profile') args.profile = true;
    else if (arg === '--profile-only') Object.assign(args, { profile: true, profileOnly: true });
    else if (arg === '--quick') Object.assign(args, { gemeenten: 20, duration: 3 });
    else if (arg === '--against') {
      const dir = argv[++i];
      if (!dir || !existsSync(path.join(dir, 'bin', 'ggk.js'))) {
        process.stderr.write(`--against verwacht de map van een andere checkout (met bin/ggk.js)\n`);
        process.exit(2);
      }
      args.against = path.resolve(dir);
    } else if (arg === '--gemeenten') args.gemeenten = number(i++, 1, 380);
    else if (arg === '--rows') args.rows = number(i++, 10, 100_000);
    else if (arg === '--connections') args.connections = number(i++, 1, 500);
    else if (arg === '--duration') args.duration = number(i++, 1, 600);
    // Options meant for other benchmarks (npm run bench passes them to all) are ignored.
  }
  return args;
}

const args = readArgs(process.argv.slice(2));
const say = (text: string) => {
  if (!args.json) process.stderr.write(`${text}\n`);
};

if (spawnSync('wrk', ['--version']).error) {
  process.stderr.write('bench:pages meet met wrk: installeer het met `apt-get install -y wrk`.\n');
  process.exit(2);
}

interface Latency {
  requests: number;
  /** CPU milliseconds per request: of the ggk process, and of the database backends serving it. */
  cpuMsPerRequest?: { ggk: number; database: number } | undefined;
  perSecond: number;
  /** Answers other than 200 (a redirect to the login page too), and socket errors. */
  failed: number;
  /** The failed answers by HTTP status (a 429 is the rate limit), when there were any. */
  failedStatuses?: Record<string, number> | undefined;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** CPU milliseconds (user + system, all threads) a process has used so far; undefined when it is gone. */
function cpuMsOf(pid: number): number | undefined {
  const seconds = cpuSecondsOf(pid);
  return seconds === undefined ? undefined : seconds * 1000;
}

/** What CPU to count during a wrk run: the server process, and the database's backends. */
interface CpuWatch {
  serverPid: number;
  databasePids: () => Promise<number[]>;
}

/** CPU used by the watched processes from now until the returned function is called. */
async function startCpu(watch: CpuWatch) {
  const before = new Map<number, number>();
  for (const pid of [watch.serverPid, ...(await watch.databasePids())]) {
    const ms = cpuMsOf(pid);
    if (ms !== undefined) before.set(pid, ms);
  }
  return async () => {
    const server = (cpuMsOf(watch.serverPid) ?? NaN) - (before.get(watch.serverPid) ?? NaN);
    let database = 0;
    // A backend that started during the run counts whole; one that ended during it is lost (rare).
    for (const pid of await watch.databasePids()) database += (cpuMsOf(pid) ?? 0) - (before.get(pid) ?? 0);
    return { server, database };
  };
}

/** " (N mislukt: status × n, …)" when some answers were not a 200. */
function failedText(l: Latency): string {
  if (l.failed === 0) return '';
  const statuses = Object.entries(l.failedStatuses ?? {}).map(([status, n]) => `${status} × ${n}`);
  return ` (${l.failed} mislukt${statuses.length > 0 ? `: ${statuses.join(', ')}` : ''})`;
}

/** The STATUS lines the wrk script prints for answers other than 200, summed over its threads. */
function statusesOf(out: string): Record<string, number> {
  const statuses: Record<string, number> = {};
  for (const [, status, n] of out.matchAll(/STATUS (\d+) (\d+)/g))
    statuses[status!] = (statuses[status!] ?? 0) + Number(n);
  return statuses;
}

/** One wrk run: `cookies` are handed out in turn, one per request, so every user has a session. */
async function load(url: string, cookies: string[], dir: string, cpu?: CpuWatch): Promise<Latency> {
  const script = path.join(dir, `wrk-${randomBytes(4).toString('hex')}.lua`);
  writeFileSync(
    script,
    `local cookies = {${cookies.map((c) => JSON.stringify(c)).join(',')}}
local threads = {}
setup = function(thread) table.insert(threads, thread) end
local i = math.random(#cookies)
notok = 0
statuses = {}
request = function()
  i = i % #cookies + 1
  return wrk.format("GET", nil, { ["Cookie"] = cookies[i], ["Accept"] = "text/html" })
end
-- wrk counts only 4xx/5xx as errors; a redirect to the login page is no page either.
response = function(status, headers, body)
  if status ~= 200 then
    notok = notok + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end
done = function(summary, latency, requests)
  local e = summary.errors
  local bad = e.connect + e.read + e.write + e.timeout
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("notok")
    for status, n in pairs(thread:get("statuses")) do io.write(string.format("\\nSTATUS %d %d\\n", status, n)) end
  end
  io.write(string.format("\\nRESULT %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    bad, latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
`,
  );
  const threads = Math.min(2, args.connections);
  const child = spawn(
    'wrk',
    [
      ...['-t', String(threads), '-c', String(args.connections), '-d', `${args.duration}s`],
      // wrk counts an answer slower than its 2 s default as an error: a slow page is slow, not failed.
      ...['--timeout', '60s', '-s', script, url],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const stopCpu = cpu ? await startCpu(cpu) : undefined;
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const used = stopCpu ? await stopCpu() : undefined;
  const m = /RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(out);
  if (code !== 0 || !m) throw new Error(`wrk ended with ${code}: ${out}`);
  const [requests, durationUs, failed, p50, p95, p99, max] = m.slice(1).map(Number) as number[];
  const ms = (us: number) => Math.round(us / 100) / 10;
  const perRequest = (ms: number) => Math.round((ms / Math.max(requests!, 1)) * 100) / 100;
  return {
    requests: requests!,
    cpuMsPerRequest: used && { ggk: perRequest(used.server), database: perRequest(used.database) },
    perSecond: Math.round((requests! / (durationUs! / 1e6)) * 10) / 10,
    failed: failed!,
    ...(failed! > 0 ? { failedStatuses: statusesOf(out) } : {}),
    p50: ms(p50!),
    p95: ms(p95!),
    p99: ms(p99!),
    max: ms(max!),
  };
}

/** Two runs of the same server as one: requests and CPU summed, latencies averaged. */
function combined(a: Latency, b: Latency): Latency {
  const avg = (x: number, y: number) => Math.round(((x + y) / 2) * 10) / 10;
  const weighted = (x: number | undefined, y: number | undefined) =>
    x === undefined || y === undefined
      ? NaN
      : Math.round(((x * a.requests + y * b.requests) / Math.max(a.requests + b.requests, 1)) * 100) / 100;
  return {
    requests: a.requests + b.requests,
    cpuMsPerRequest: {
      ggk: weighted(a.cpuMsPerRequest?.ggk, b.cpuMsPerRequest?.ggk),
      database: weighted(a.cpuMsPerRequest?.database, b.cpuMsPerRequest?.database),
    },
    perSecond: avg(a.perSecond, b.perSecond),
    failed: a.failed + b.failed,
    p50: avg(a.p50, b.p50),
    p95: avg(a.p95, b.p95),
    p99: avg(a.p99, b.p99),
    max: Math.max(a.max, b.max),
  };
}

/** The floor: the same bytes from a bare node:http server, with the same headers ggk sends. */
async function floorServer(body: Buffer): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': body.length,
      'cache-control': 'no-store',
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `ggk serve` of another checkout (--against), started as startServe starts this one's. */
async function startServeFrom(dir: string, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [path.join(dir, 'bin', 'ggk.js'), 'serve'], { env, cwd: dir });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ggk serve in ${dir} did not start:\n${out}`)), 90_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /ggk draait op (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`ggk serve in ${dir} exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

const cleanups: Array<() => Promise<unknown>> = [];
try {
  const database = await createEmptyDatabase();
  if (args.keep) say(`database ${database.url} blijft bestaan (--keep): drop hem zelf`);
  else cleanups.push(() => database.drop());
  const dataDir = await makeDataDir('ggk-bench-pages-');
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'ggk-bench-pages-wrk-'));
  cleanups.push(() => rm(workDir, { recursive: true, force: true }));
  const env = cleanEnv({
    DATABASE_URL: database.url,
    GGK_DATA_DIR: dataDir,
    GGK_FAKE_NOW: FAKE_NOW,
    GGK_LOG_LEVEL: 'warn',
    GGK_MASTER_KEY: randomBytes(32).toString('hex'),
  });
  say('ggk serve starten…');
  const serve = await startServe(env);
  cleanups.push(() => serve.stop());
  const db = connectDatabase<Schema>(database.url, { max: 4 });
  cleanups.push(() => db.close());

  // Demo gemeenten first (0363 Amsterdam has the demo report reader), then the rest by code.
  const codes = (
    await db.db
      .selectFrom('organisations')
      .select('gemeentecode')
      .where('kind', '=', 'gemeente')
      .orderBy((eb) => eb.case().when('gemeentecode', '=', '0363').then(0).else(1).end())
      .orderBy('gemeentecode')
      .limit(args.gemeenten)
      .execute()
  ).map((r) => r.gemeentecode!);
  const tokens = new Map<string, string>();
  for (const code of codes) {
    const gemeente = await db.db
      .selectFrom('organisations')
      .select('id')
      .where('gemeentecode', '=', code)
      .executeTakeFirstOrThrow();
    const created = await createApiToken(db.db, {
      organisationId: gemeente.id,
      name: 'bench',
      roles: ['aanleveraar'],
      days: 90,
      createdBy: null,
      now: new Date(FAKE_NOW),
    });
    tokens.set(code, created.token);
  }

  // A type the gemeente delegates to its samenwerkingsverband is not its own to send (refused as
  // delivery.delegated_domain), as in the surge: the full run stopped at Onderbanken's Jeugd.
  const queue = codes.flatMap((code) => {
    const delegated = delegatedTypesOf(code, '2017-12-31');
    return TYPES.flatMap((type, i) =>
      delegated.has(type) ? [] : [{ code, type, seed: Number(code) * 4 + i }],
    );
  });
  const expected = queue.length;
  say(
    `${codes.length} gemeenten leveren hun ${expected} bestanden van ${args.rows} regels aan, één per upload…`,
  );
  const uploadStarted = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let job = queue.shift(); job; job = queue.shift())
        await uploadFiles(serve.url, tokens.get(job.code)!, [
          generatedFile(job.type, job.code, job.seed, args.rows),
        ]);
    }),
  );
  say(`  in ${((performance.now() - uploadStarted) / 1000).toFixed(0)} s`);

  say('Wachten tot alles gecontroleerd is en de op-orde rapporten er zijn…');
  for (const deadline = Date.now() + 30 * 60_000; ; await sleep(500)) {
    const { rows } = await db.pool.query<{ n: number; open: number; reports: number; approved: number }>(
      `select count(*)::int as n, count(*) filter (where checked_at is null)::int as open,
              count(*) filter (where state = 'approved')::int as approved,
              (select count(*)::int from content_reports) as reports
         from deliveries`,
    );
    const r = rows[0]!;
    if (r.n === expected && r.open === 0 && r.reports >= r.approved) break;
    if (Date.now() > deadline) throw new Error(`not ready in time: ${JSON.stringify(r)}`);
  }

  // The planner's statistics, as autovacuum keeps them on any normally configured server: this
  // machine's PostgreSQL runs with autovacuum off, so without this every table of the fresh database
  // is planned as if nearly empty (the monitor's participants query took a nested loop over 380 × 382
  // rows, 12 ms instead of 1). --no-analyze measures that state.
  const autovacuum = (await db.pool.query<{ autovacuum: string }>('show autovacuum')).rows[0]!.autovacuum;
  if (args.analyze) await db.pool.query('analyze');
  say(`autovacuum ${autovacuum}; ${args.analyze ? 'ANALYZE gedaan' : 'zonder ANALYZE (--no-analyze)'}`);

  // Sessions: one real login per person, then copies of it, fresh for every wrk run, handed out in turn
  // (one per request). The general rate limit's budget (600 a minute) is per session: a person never
  // comes near it, but a simulated user sends a view every few milliseconds. At ~1,000 views a second
  // one session per user ran out within a run, and sessions carried over from the page before were
  // refused with 429 (session 13: 7,321 of the staff list's views). So a run gets enough sessions for
  // up to SESSION_VIEWS_PER_SECOND views a second, each staying under half its budget.
  const personOf = async (email: string) => {
    const client = new WebClient(serve.url);
    const answer = await client.loginAs(demoSubjectOf(email));
    const cookie = client.cookies.get('ggk_session');
    if (!cookie) throw new Error(`login of ${email}: ${answer.status}, no session`);
    return db.db
      .selectFrom('sessions')
      .select(['user_id', 'legal_subject_id', 'acting_organisation_id'])
      .where('id_hash', '=', hashSecret(cookie))
      .executeTakeFirstOrThrow();
  };
  const sessionCount = Math.max(
    args.connections,
    Math.ceil((args.duration * SESSION_VIEWS_PER_SECOND) / (GENERAL_LIMIT.max / 2)),
  );
  const sessionsOf = async (row: Awaited<ReturnType<typeof personOf>>): Promise<string[]> => {
    const cookies: string[] = [];
    while (cookies.length < sessionCount) {
      const copy = await createSession(db.db, {
        userId: row.user_id,
        legalSubjectId: row.legal_subject_id,
        actingOrganisationId: row.acting_organisation_id,
        idToken: null,
        now: new Date(FAKE_NOW),
      });
      cookies.push(`ggk_session=${copy.cookieValue}`);
    }
    return cookies;
  };
  const operator = await personOf(DEMO.ivo);
  const reader = await personOf(DEMO.carla);
  const amsterdam = await db.pool.query<{ id: string }>(
    `select d.id from deliveries d join organisations o on o.id = d.gemeente_id
       join content_reports c on c.delivery_id = d.id
      where o.gemeentecode = '0363' and d.state = 'approved' order by d.received_at limit 1`,
  );
  const reportDelivery = amsterdam.rows[0]?.id;
  if (!reportDelivery) throw new Error('no approved Amsterdam delivery with an op-orde rapport');

  const pages = [
    { name: 'op-orde rapport (HTML)', path: `/aanleveringen/${reportDelivery}/op-orde`, person: reader },
    {
      name: 'aanlevering (ontvangstbewijs, technisch rapport)',
      path: `/aanleveringen/${reportDelivery}`,
      person: reader,
    },
    { name: 'rondemonitor', path: '/monitor', person: operator },
    { name: 'aanleveringen van de ronde (operator)', path: '/aanleveringen', person: operator },
  ];
  const databasePids = async () =>
    (
      await db.pool.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      )
    ).rows.map((r) => r.pid);
  // The server measured: the one that took the uploads, or with --against a fresh one of this checkout
  // next to a fresh one of the other, so neither carries the uploads' and checks' heap and JIT state.
  let mine = { url: serve.url, pid: serve.child.pid! };
  let against: { url: string; pid: number } | undefined;
  if (args.against && !args.profileOnly) {
    say(`ggk serve uit deze checkout en uit ${args.against} starten, op dezelfde database…`);
    const own = await startServeFrom(process.cwd(), env);
    cleanups.push(own.stop);
    mine = own;
    const other = await startServeFrom(args.against, env);
    cleanups.push(other.stop);
    against = other;
  }

  const results = [];
  for (const page of args.profileOnly ? [] : pages) {
    // Each page's views add rows (a report view is a download, with its audit entry): ~2,000 in a
    // page's 10 s. Autovacuum would have analysed them before the next page's run (threshold 50 rows +
    // 10%, naptime 1 min); without it the delivery page's newest downloads of a delivery with 1,800
    // rows planned as 18 went through a bitmap scan and a sort, 5 ms instead of 0.3 (session 12).
    if (args.analyze) await db.pool.query('analyze');
    const cookies = await sessionsOf(page.person);
    const first = await fetch(`${serve.url}${page.path}`, {
      headers: { cookie: cookies[0]!, accept: 'text/html' },
      redirect: 'manual',
    });
    const body = Buffer.from(await first.arrayBuffer());
    if (first.status !== 200) throw new Error(`${page.path}: ${first.status}`);
    say(
      `${page.name}: ${(body.length / 1024).toFixed(0)} kB; ${args.connections} gebruikers, ${args.duration} s…`,
    );
    // Each server warm first (compiled code, per-process caches), as the other has been by the first load.
    const warm = (base: string) =>
      Promise.all(
        cookies.map(async (cookie) => {
          for (let i = 0; i < 3; i++) {
            const r = await fetch(`${base}${page.path}`, {
              headers: { cookie, accept: 'text/html' },
              redirect: 'manual',
            });
            await r.arrayBuffer();
          }
        }),
      );
    await warm(mine.url);
    if (against) await warm(against.url);
    const measure = async (server: { url: string; pid: number }) =>
      load(`${server.url}${page.path}`, await sessionsOf(page.person), workDir, {
        serverPid: server.pid,
        databasePids,
      });
    let ggk: Latency;
    let other: Latency | undefined;
    if (against) {
      // Twice each, in turns (mine, other, other, mine), so neither always runs first on a busy machine.
      const [a1, b1, b2, a2] = [
        await measure(mine),
        await measure(against),
        await measure(against),
        await measure(mine),
      ];
      ggk = combined(a1!, a2!);
      other = combined(b1!, b2!);
    } else ggk = await measure(mine);
    const floor = await floorServer(body);
    let bare: Latency;
    try {
      bare = await load(floor.url, cookies, workDir);
    } finally {
      await floor.close();
    }
    results.push({
      page: page.name,
      path: page.path.replace(reportDelivery, ':id'),
      htmlBytes: body.length,
      ggk,
      ...(other ? { against: other } : {}),
      floor: bare,
      p95Ratio: Math.round((ggk.p95 / Math.max(bare.p95, 0.1)) * 10) / 10,
      goalMet: ggk.p95 < GOAL_P95_MS && ggk.failed === 0,
    });
  }

  let explained: ExplainedPage[] | undefined;
  if (args.explain) {
    say('De queries achter elke pagina, met EXPLAIN ANALYZE…');
    explained = await explainPages({
      databaseUrl: database.url,
      env,
      pages: await Promise.all(
        pages.map(async (p) => ({ name: p.name, path: p.path, cookie: (await sessionsOf(p.person))[0]! })),
      ),
    });
  }

  let profiled: ProfiledPage[] | undefined;
  if (args.profile) {
    say('CPU-profiel van elke pagina…');
    profiled = await profilePages({
      databaseUrl: database.url,
      env,
      pages: await Promise.all(
        pages
          .filter((p) => p.path !== '/aanleveringen')
          .map(async (p) => ({ name: p.name, path: p.path, cookies: await sessionsOf(p.person) })),
      ),
      requests: 200,
      connections: args.connections,
    });
  }

  const deliveries = Number(
    (await db.pool.query<{ n: string }>('select count(*) as n from deliveries')).rows[0]!.n,
  );
  const result = {
    benchmark: 'pages',
    deliveries,
    connections: args.connections,
    durationSeconds: args.duration,
    autovacuum,
    analyzed: args.analyze,
    ...(args.against ? { against: args.against } : {}),
    goalP95Ms: GOAL_P95_MS,
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
    pages: results,
    ...(explained ? { explain: explained } : {}),
    ...(profiled ? { profile: profiled } : {}),
  };
  if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    say(
      `\n${deliveries} aanleveringen in de database; ${args.connections} gebruikers tegelijk; belasting ${result.loadAverage.join(' ')}`,
    );
    say(
      'pagina                                             | ggk p50 / p95 / p99 ms | per s | CPU ms/verzoek ggk + db | kaal p95 ms | p95 × kaal | doel p95 < 150 ms',
    );
    const cpuText = (l: Latency) =>
      l.cpuMsPerRequest ? `${l.cpuMsPerRequest.ggk} + ${l.cpuMsPerRequest.database}` : '?';
    for (const r of results) {
      say(
        `${r.page.padEnd(50)} | ${`${r.ggk.p50} / ${r.ggk.p95} / ${r.ggk.p99}`.padEnd(22)} | ${String(r.ggk.perSecond).padEnd(5)} | ${cpuText(r.ggk).padEnd(23)} | ${String(r.floor.p95).padEnd(11)} | ${String(r.p95Ratio).padEnd(10)} | ${r.goalMet ? 'gehaald' : 'niet gehaald'}${failedText(r.ggk)}`,
      );
      const o = r.against;
      if (o)
        say(
          `${'  --against'.padEnd(50)} | ${`${o.p50} / ${o.p95} / ${o.p99}`.padEnd(22)} | ${String(o.perSecond).padEnd(5)} | ${cpuText(o).padEnd(23)} |${failedText(o)}`,
        );
    }
    if (explained) say(`\n${formatExplained(explained)}`);
    if (profiled) say(`\n${formatProfiled(profiled)}`);
  }
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
}
