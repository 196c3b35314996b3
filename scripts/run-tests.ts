// Runs the test suite: finds every *.test.ts under src/, test/ and bench/ and hands node's test
// runner the explicit list (on Node 20 a folder or a quoted glob silently runs 0 tests).
// Integration tests need a PostgreSQL server: TEST_DATABASE_URL, else the machine's own on
// 127.0.0.1:5432; when neither answers, an embedded PostgreSQL is started for the run (in
// var/test-postgres), so the suite also runs on a machine without PostgreSQL.
// Tiers: *.test.ts is a unit test (in-process, no database, no child process, no benchmark: the whole
// tier stays under a minute); *.int.test.ts may use PostgreSQL, spawn processes (`ggk` itself, esbuild)
// or run a benchmark smoke test; *.e2e.test.ts drives Chromium.
// Unit test files run together in one process (--test-isolation=none): a process per file cost ~0.6
// CPU-s each for node + tsx start-up, more than half the tier's CPU time. That is also why a unit
// test must leave nothing behind (servers closed, timers cleared, no process-wide state).
// Integration and browser test files keep a process each, two at a time.
// Usage: node --import tsx scripts/run-tests.ts [--unit | --integration | --e2e] [filter...]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../src/platform/db/embedded-postgres.ts';
import { runMigrations } from '../src/platform/db/migrate.ts';
import { MIGRATIONS_DIR } from '../src/main/compose.ts';
import { createLogger } from '../src/platform/logging/logger.ts';
import { scanLogDir } from '../test/support/log-scan.ts';

const args = process.argv.slice(2);
const tier = args.find((a) => a.startsWith('--'));
const filters = args.filter((a) => !a.startsWith('--'));

function walk(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    if (e.name === 'node_modules' || e.name === 'fixtures' || e.name === 'out') return [];
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return walk(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

let files = ['src', 'test', 'bench'].flatMap(walk).sort();
const isE2e = (f: string) => f.endsWith('.e2e.test.ts');
const isInt = (f: string) => f.endsWith('.int.test.ts');
if (tier === '--unit') files = files.filter((f) => !isE2e(f) && !isInt(f));
if (tier === '--integration') files = files.filter(isInt);
if (tier === '--e2e') files = files.filter(isE2e);
if (filters.length > 0) files = files.filter((f) => filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error('Geen testbestanden gevonden.');
  process.exit(1);
}

async function isReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test' };
let embedded: EmbeddedPostgresHandle | undefined;
const needsDatabase = files.some((f) => isInt(f) || isE2e(f));
const serverUrl = env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (needsDatabase && !(await isReachable(serverUrl))) {
  console.error(
    `PostgreSQL op ${new URL(serverUrl).host} antwoordt niet; de tests gebruiken een ingebouwde PostgreSQL.`,
  );
  embedded = await startEmbeddedPostgres({
    dataDir: path.resolve('var/test-postgres'),
    port: Number(env.GGK_TEST_PG_PORT ?? 54339),
    log: createLogger({ level: 'warn' }),
  });
  env.TEST_DATABASE_URL = embedded.url.replace(/\/ggk$/, '/postgres');
}

// One migrated database for the run, which every test database copies (test/support/test-database.ts)
// instead of running all migrations again; dropped at the end.
async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: env.TEST_DATABASE_URL ?? serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
let template: string | undefined;
if (needsDatabase && !env.GGK_TEST_TEMPLATE_DATABASE) {
  template = `ggk_test_template_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(`create database ${template}`);
  const url = new URL(env.TEST_DATABASE_URL ?? serverUrl);
  url.pathname = `/${template}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  try {
    await runMigrations(pool, MIGRATIONS_DIR);
  } finally {
    await pool.end();
  }
  env.GGK_TEST_TEMPLATE_DATABASE = template;
}

// Every test process logs into this folder (test/support/log-sink.ts); afterwards the logs are
// scanned for BSNs, tokens and session cookies, and the run fails on any.
// A run that captured no line at all, while its tests could log into the folder, fails too: the
// capture itself is broken (its lines went nowhere, so the scan proved nothing). Which tests can: those
// that load log-sink.ts (following their relative imports, not `import type`), and any that opened a
// sink in the folder. A run of files that never load it (outbox.int logs into its own capture) has
// nothing to capture and proves nothing either way.
const IMPORTS =
  /^\s*(?:import|export)\s+(?!type\b)[^'";]*?\bfrom\s+['"](\.\.?\/[^'"]+)['"]|^\s*import\s+['"](\.\.?\/[^'"]+)['"]|\bimport\(\s*['"](\.\.?\/[^'"]+)['"]\s*\)/gm;
const importsOf = new Map<string, string[]>();
function relativeImports(file: string): string[] {
  let found = importsOf.get(file);
  if (found) return found;
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // Not a file of ours (a folder, a missing file): it imports nothing.
  }
  found = [...text.matchAll(IMPORTS)].map((m) => path.resolve(path.dirname(file), (m[1] ?? m[2] ?? m[3])!));
  importsOf.set(file, found);
  return found;
}
function loads(file: string, target: string): boolean {
  const seen = new Set([path.resolve(file)]);
  const todo = [...seen];
  for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
    if (next === target) return true;
    for (const imported of relativeImports(next))
      if (!seen.has(imported) && seen.add(imported)) todo.push(imported);
  }
  return false;
}
const LOG_SINK = path.resolve('test/support/log-sink.ts');
const mayLog = files.some((file) => loads(file, LOG_SINK));

const logDir = env.GGK_TEST_LOG_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'ggk-test-logs-'));
env.GGK_TEST_LOG_DIR = logDir;

function runNodeTest(options: string[], list: string[]): Promise<number> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      ...options,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      // The slowest files at the end (the integration and browser tiers: a process per file).
      '--test-reporter=./scripts/test-file-times.ts',
      '--test-reporter-destination=stderr',
      ...list,
    ],
    {
      stdio: 'inherit',
      env,
    },
  );
  return new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
}

const unitFiles = files.filter((f) => !isInt(f) && !isE2e(f));
const otherFiles = files.filter((f) => isInt(f) || isE2e(f));
let code = 0;
if (unitFiles.length > 0) code = await runNodeTest(['--test-isolation=none'], unitFiles);
if (otherFiles.length > 0) {
  const otherCode = await runNodeTest(['--test-concurrency=2'], otherFiles);
  if (code === 0) code = otherCode;
}
if (template) await adminQuery(`drop database if exists ${template} with (force)`);
await embedded?.stop();

const scan = scanLogDir(logDir);
let scanFailed = false;
if (scan.findings.length > 0) {
  scanFailed = true;
  console.error(
    `\nLogcontrole: ${scan.findings.length} regels met een BSN, token, sessie of dubbel antwoord (logs bewaard in ${logDir}):`,
  );
  for (const f of scan.findings.slice(0, 30))
    console.error(`  ${f.source}:${f.line} ${f.kind}: ${f.excerpt}`);
} else if (scan.lines === 0 && (mayLog || scan.files > 0)) {
  scanFailed = true;
  console.error(`\nLogcontrole: geen enkele logregel opgevangen in ${logDir}; de logopvang werkt niet.`);
} else {
  console.error(
    `\nLogcontrole: ${scan.lines} logregels uit ${scan.files} processen, geen BSN, token of sessie.`,
  );
  if (!process.env.GGK_TEST_LOG_DIR) rmSync(logDir, { recursive: true, force: true });
}
process.exit(code !== 0 ? code : scanFailed ? 1 : 0);
