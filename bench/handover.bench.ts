// `npm run bench:handover`: the hand-over to CBS (contract cbs-handover.md) on the real process.
// Starts `ggk serve` (web and checks in one process) on a fresh database on the machine's
// PostgreSQL (dropped afterwards) with the 2018 round; every gemeente delivers its four files (Wmo,
// Wmo kosten, SBW, Jeugd; made by the project's generator, --rows rows each) through
// POST /api/v1/deliveries, and a few large Wmo files (--large-rows rows) are delivered besides.
// Once all are checked, CBS's side is timed as `ggk cbs sync` does it: the feed read in pages of
// 500, then every file fetched with GET /api/v1/cbs/files/{id} (--concurrency at a time) and its
// SHA-256 compared with the feed's; and, in the same run, the same files read straight from the
// encrypted store (decrypt and hash, same concurrency): the ratio of the two is what the API costs.
// The resident memory (RSS) of the ggk process is sampled every 20 ms while the files are fetched:
// the peak with the round's small files and with the large files shows whether it grows with file
// size (the contract says it must not: files stream).
//
// Options: --gemeenten N (380), --rows N (2000), --large-rows N (1000000), --large-files N (2),
// --concurrency N (4), --quick (20 gemeenten, 200 rows, 1 large file of 50,000 rows: the smoke
// test), --json (one JSON object on stdout).
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApiToken, createCbsToken } from '../src/modules/auth/index.ts';
import type { Schema } from '../src/modules/database-schema.ts';
import { planDelivery, readGeneratorSpec } from '../src/modules/validation/generate/index.ts';
import { connectDatabase } from '../src/platform/db/database.ts';
import { createEncryptedStore } from '../src/platform/files/encrypted-store.ts';
import { loadMasterKey } from '../src/platform/files/master-key.ts';
import { cleanEnv, startServe } from '../test/support/ggk-process.ts';
import { createEmptyDatabase } from '../test/support/test-database.ts';
import { makeDataDir, uploadDelivery } from '../test/support/delivery-api.ts';
import { generatedFile, getFeed, uploadFiles } from '../test/support/handover.ts';
import { delegatedTypesOf } from '../test/support/delegated-types.ts';

/** Inside the 2018 round's delivery window of the demo data. */
const FAKE_NOW = '2018-02-20T09:00:00Z';
const TYPES = ['wmo', 'wmo-kosten', 'sbw', 'jeugd'] as const;

interface Args {
  gemeenten: number;
  rows: number;
  largeRows: number;
  largeFiles: number;
  concurrency: number;
  json: boolean;
}

function readArgs(argv: string[]): Args {
  const args: Args = {
    gemeenten: 380,
    rows: 2_000,
    largeRows: 1_000_000,
    largeFiles: 2,
    concurrency: 4,
    json: false,
  };
  const positive = (value: string | undefined) => /^[1-9]\d*$/.test(value ?? '');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (arg === '--json') args.json = true;
    else if (arg === '--quick')
      Object.assign(args, { gemeenten: 20, rows: 200, largeRows: 50_000, largeFiles: 1 });
    else if (arg === '--gemeenten' && positive(next) && Number(next) <= 380)
      args.gemeenten = Number(argv[++i]);
    else if (arg === '--rows' && positive(next)) args.rows = Number(argv[++i]);
    else if (arg === '--large-rows' && positive(next)) args.largeRows = Number(argv[++i]);
    else if (arg === '--large-files' && positive(next)) args.largeFiles = Number(argv[++i]);
    else if (arg === '--concurrency' && positive(next)) args.concurrency = Number(argv[++i]);
    else {
      process.stderr.write(
        `onbekende optie ${arg}; gebruik --gemeenten N (1-380), --rows N, --large-rows N, --large-files N, --concurrency N, --quick, --json\n`,
      );
      process.exit(2);
    }
  }
  return args;
}

const args = readArgs(process.argv.slice(2));
const say = (text: string) => {
  if (!args.json) process.stderr.write(`${text}\n`);
};

interface OfferedFile {
  fileId: string;
  sha256: string;
  bytes: number;
  storedFileId: string;
  wrappedKey: string;
  name: string;
}

interface Throughput {
  files: number;
  bytes: number;
  seconds: number;
  filesPerSecond: number;
  megabytesPerSecond: number;
}

const round3 = (n: number) => Number(n.toFixed(3));

function throughput(files: OfferedFile[], seconds: number): Throughput {
  const bytes = files.reduce((n, f) => n + f.bytes, 0);
  return {
    files: files.length,
    bytes,
    seconds: round3(seconds),
    filesPerSecond: round3(files.length / seconds),
    megabytesPerSecond: round3(bytes / 1e6 / seconds),
  };
}

/** Runs `work` on every item, `concurrency` at a time; returns the seconds it took. */
async function timed<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<number> {
  const queue = [...items];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
  return (performance.now() - started) / 1000;
}

/** The RSS of a process (Linux /proc), sampled while `during` runs: its peak, in MB. */
async function peakRss<T>(pid: number, during: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  const read = () => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  };
  let peak = read();
  const timer = setInterval(() => (peak = Math.max(peak, read())), 20);
  try {
    const result = await during();
    return { result, peakMb: Math.round(Math.max(peak, read())) };
  } finally {
    clearInterval(timer);
  }
}

async function hashStream(source: AsyncIterable<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of source) hash.update(chunk);
  return hash.digest('hex');
}

const cleanups: Array<() => Promise<unknown>> = [];
try {
  const database = await createEmptyDatabase();
  cleanups.push(() => database.drop());
  const dataDir = await makeDataDir('ggk-bench-handover-');
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const masterKeyHex = randomBytes(32).toString('hex');
  const env = cleanEnv({
    DATABASE_URL: database.url,
    GGK_DATA_DIR: dataDir,
    GGK_FAKE_NOW: FAKE_NOW,
    GGK_LOG_LEVEL: 'warn',
    GGK_MASTER_KEY: masterKeyHex,
  });
  say('ggk serve starten…');
  const serve = await startServe(env);
  cleanups.push(() => serve.stop());
  const pid = serve.child.pid!;
  const db = connectDatabase<Schema>(database.url, { max: 4 });
  cleanups.push(() => db.close());

  const codes = (
    await db.db
      .selectFrom('organisations')
      .select('gemeentecode')
      .where('kind', '=', 'gemeente')
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
  const cbs = (
    await createCbsToken(db.db, {
      name: 'bench',
      days: 30,
      createdBy: null,
      now: new Date(FAKE_NOW),
    })
  ).token;

  // The round: each gemeente its four files in one upload, eight uploads in flight.
  say(`${codes.length} gemeenten leveren elk 4 bestanden van ${args.rows} regels aan…`);
  const uploadStarted = performance.now();
  await timed(codes, 8, async (code) => {
    // A type the gemeente delegates to its samenwerkingsverband is not its own to send.
    const delegated = delegatedTypesOf(code, '2017-12-31');
    const files = TYPES.flatMap((type, i) =>
      delegated.has(type) ? [] : [generatedFile(type, code, Number(code) * 4 + i, args.rows)],
    );
    await uploadFiles(serve.url, tokens.get(code)!, files);
  });
  say(`  in ${((performance.now() - uploadStarted) / 1000).toFixed(0)} s`);

  // The large files: a second Wmo file of the first gemeenten, streamed from disk.
  const spec = readGeneratorSpec(JSON.parse(readFileSync('specs/gmsd/2017.json', 'utf8')));
  const largeDir = await mkdtemp(path.join(os.tmpdir(), 'ggk-bench-handover-large-'));
  cleanups.push(() => rm(largeDir, { recursive: true, force: true }));
  for (let i = 0; i < args.largeFiles; i++) {
    const code = codes[i % codes.length]!;
    say(`Groot Wmo-bestand ${i + 1} (${args.largeRows} regels) maken en aanleveren…`);
    const plan = planDelivery({
      spec,
      type: 'wmo',
      gemeente: code,
      period: '2017H2',
      rows: args.largeRows,
      seed: 900 + i,
    });
    const file = path.join(largeDir, `${i}`, plan.fileName);
    await mkdir(path.dirname(file), { recursive: true });
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(file);
      out.once('error', reject);
      out.once('finish', resolve);
      (async () => {
        for (const chunk of plan.chunks())
          if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
        out.end();
      })().catch(reject);
    });
    const response = await uploadDelivery({
      url: serve.url,
      token: tokens.get(code)!,
      fields: { halfjaar: '2017H2' },
      files: [{ name: plan.fileName, source: { path: file } }],
    });
    if (response.status !== 201)
      throw new Error(`upload of the large file: ${response.status} ${response.body}`);
    say(`  ${((await stat(file)).size / 1e6).toFixed(1)} MB`);
  }

  say('Wachten tot alles gecontroleerd is…');
  const expected = codes.length + args.largeFiles;
  for (const deadline = Date.now() + 30 * 60_000; ;) {
    const { rows } = await db.pool.query<{ n: number; open: number }>(
      `select count(*)::int as n, count(*) filter (where checked_at is null)::int as open from deliveries`,
    );
    if (rows[0]!.n === expected && rows[0]!.open === 0) break;
    if (Date.now() > deadline) throw new Error(`not checked in time: ${JSON.stringify(rows[0])}`);
    await sleep(250);
  }

  // CBS's side. First the feed, in pages of 500 as far as it goes.
  await sleep(1_000);
  const idleRssMb = (await peakRss(pid, () => sleep(500))).peakMb;
  say('De feed lezen…');
  const feedStarted = performance.now();
  const listed: Array<{ fileId: string; sha256: string; bytes: number }> = [];
  let pages = 0;
  let items = 0;
  for (let after: string | undefined; ;) {
    const page = await getFeed(serve.url, cbs, after, 500);
    pages++;
    if (page.items.length === 0) break;
    items += page.items.length;
    for (const item of page.items) listed.push(...(item.files as typeof listed));
    after = page.next;
  }
  const feedSeconds = (performance.now() - feedStarted) / 1000;
  const stored = await db.pool.query<{
    id: string;
    stored_file_id: string;
    wrapped_key: string;
    name: string;
  }>(
    `select h.id, f.stored_file_id, f.wrapped_key, f.name
       from cbs_handover_files h join delivery_files f on f.id = h.delivery_file_id`,
  );
  const byId = new Map(stored.rows.map((r) => [r.id, r]));
  const offered: OfferedFile[] = listed.map((f) => {
    const s = byId.get(f.fileId)!;
    return { ...f, storedFileId: s.stored_file_id, wrappedKey: s.wrapped_key, name: s.name };
  });
  // Gemeenten formed on 1 January 2018 deliver 2017H2 for their predecessors' area (decision 0028);
  // any other code without a gemeente on 31 December 2017 is rejected and not handed over.
  const lines = (file: string) =>
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(';'));
  const codes2017 = new Set([
    ...lines('data/gemeenten-2017.csv').map((cells) => cells[0]!),
    ...lines('data/gemeenten-herindelingen.csv')
      .filter((cells) => cells[0] === '2018-01-01')
      .map((cells) => cells[2]!),
  ]);
  const rejectedGemeenten = codes.filter((code) => !codes2017.has(code));
  const expectedFiles =
    codes
      .filter((code) => !rejectedGemeenten.includes(code))
      .reduce((n, code) => n + TYPES.length - delegatedTypesOf(code, '2017-12-31').size, 0) + args.largeFiles;
  if (offered.length !== expectedFiles)
    throw new Error(`the feed offers ${offered.length} files, expected ${expectedFiles}`);
  const largeIds = new Set(
    offered
      .slice()
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, args.largeFiles)
      .map((f) => f.fileId),
  );
  const small = offered.filter((f) => !largeIds.has(f.fileId));
  const large = offered.filter((f) => largeIds.has(f.fileId));

  const viaApi = async (f: OfferedFile) => {
    const res = await fetch(`${serve.url}/api/v1/cbs/files/${f.fileId}`, {
      headers: { authorization: `Bearer ${cbs}` },
    });
    if (res.status !== 200 || !res.body) throw new Error(`file ${f.fileId}: ${res.status}`);
    const sum = await hashStream(res.body as unknown as AsyncIterable<Uint8Array>);
    if (sum !== f.sha256) throw new Error(`file ${f.fileId}: SHA-256 ${sum}, the feed says ${f.sha256}`);
  };
  const store = createEncryptedStore({
    root: path.join(dataDir, 'files'),
    masterKey: await loadMasterKey({
      keyHex: masterKeyHex,
      keyFile: path.join(dataDir, 'keys', 'master.key'),
    }),
  });
  const viaStore = async (f: OfferedFile) => {
    const source = store.openByteSource(
      { fileId: f.storedFileId, wrappedKey: f.wrappedKey, bytes: f.bytes },
      f.name,
    );
    const sum = await hashStream(source.stream());
    if (sum !== f.sha256)
      throw new Error(`stored file ${f.storedFileId}: SHA-256 ${sum}, the feed says ${f.sha256}`);
  };

  say(`${small.length} bestanden via de API ophalen (${args.concurrency} tegelijk)…`);
  const apiSmall = await peakRss(pid, () => timed(small, args.concurrency, viaApi));
  say('Dezelfde bestanden rechtstreeks uit de versleutelde opslag lezen…');
  const storeSmall = await timed(small, args.concurrency, viaStore);
  say(`${large.length} grote bestanden via de API ophalen…`);
  const apiLarge = await peakRss(pid, () => timed(large, 1, viaApi));
  const storeLarge = await timed(large, 1, viaStore);

  const result = {
    gemeenten: codes.length,
    rejectedGemeenten: rejectedGemeenten.length,
    rows: args.rows,
    largeRows: args.largeRows,
    concurrency: args.concurrency,
    feed: { items, pages, seconds: round3(feedSeconds), itemsPerSecond: round3(items / feedSeconds) },
    api: throughput(small, apiSmall.result),
    store: throughput(small, storeSmall),
    apiOverSeconds: round3(apiSmall.result / storeSmall),
    large: {
      api: throughput(large, apiLarge.result),
      store: throughput(large, storeLarge),
      apiOverSeconds: round3(apiLarge.result / storeLarge),
    },
    rss: { idleMb: idleRssMb, smallFilesPeakMb: apiSmall.peakMb, largeFilesPeakMb: apiLarge.peakMb },
  };
  if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    const nl = (n: number, digits = 2) =>
      new Intl.NumberFormat('nl-NL', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(
        n,
      );
    const whole = (n: number) => new Intl.NumberFormat('nl-NL').format(n);
    const line = (label: string, t: Throughput) =>
      `${label.padEnd(42)} ${nl(t.filesPerSecond, 1).padStart(10)} ${nl(t.megabytesPerSecond).padStart(9)} ${nl(t.seconds).padStart(9)}`;
    process.stdout.write(
      [
        `Overdracht aan CBS: ${whole(result.gemeenten)} gemeenten × 4 bestanden (${whole(result.api.files)} goedgekeurd en overgedragen, ${nl(result.api.bytes / 1e6, 1)} MB, ${whole(args.rows)} regels elk),`,
        ...(rejectedGemeenten.length > 0
          ? [
              `(${rejectedGemeenten.join(', ')} bestaan pas sinds 1 januari 2018: hun bestanden over 2017H2 worden afgekeurd en niet overgedragen)`,
            ]
          : []),
        `daarnaast ${large.length} grote Wmo-bestand(en) van ${whole(args.largeRows)} regels (${nl(result.large.api.bytes / 1e6, 1)} MB); ${args.concurrency} bestanden tegelijk`,
        '',
        `${''.padEnd(42)} ${'bestanden/s'.padStart(10)} ${'MB/s'.padStart(9)} ${'tijd (s)'.padStart(9)}`,
        `${'feed (pagina’s van 500)'.padEnd(42)} ${nl(result.feed.itemsPerSecond, 1).padStart(10)} ${''.padStart(9)} ${nl(result.feed.seconds).padStart(9)}   (${whole(items)} items, ${pages} pagina’s)`,
        line('bestanden via GET /api/v1/cbs/files', result.api),
        line('dezelfde, rechtstreeks uit de opslag', result.store),
        `${'verhouding API / opslag (tijd)'.padEnd(42)} ${nl(result.apiOverSeconds).padStart(10)}`,
        line('grote bestanden via de API (1 tegelijk)', result.large.api),
        line('grote bestanden uit de opslag', result.large.store),
        `${'verhouding API / opslag (tijd)'.padEnd(42)} ${nl(result.large.apiOverSeconds).padStart(10)}`,
        '',
        `RSS van ggk serve: ${result.rss.idleMb} MB in rust; piek ${result.rss.smallFilesPeakMb} MB bij de kleine bestanden, ${result.rss.largeFilesPeakMb} MB bij de grote`,
        '',
        'Via de API: opvragen, ontsleutelen in ggk, over HTTP ontvangen en de SHA-256 vergelijken met de feed. Uit de',
        'opslag: hetzelfde ontsleutelen en hashen in dit proces, zonder HTTP, database en audit (elke opvraging',
        'via de API wordt vastgelegd en geaudit). RSS: de piek van het ggk-proces, elke 20 ms gemeten tijdens het ophalen.',
      ].join('\n') + '\n',
    );
  }
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
}
