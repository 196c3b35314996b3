// Attack (issue 15, finding 5): `ggk audit verify` reported a broken chain and exited 0, because the
// embedded PostgreSQL's exit hook (async-exit-hook) ended the process with 0 whatever the command
// had set. A script or cron job trusts the exit status, so every command's status is checked here,
// end to end, as a user runs it: without DATABASE_URL, on the embedded PostgreSQL. A new command
// must get a case here (the test compares with `ggk --help`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GGK_BIN, cleanEnv } from '../support/ggk-process.ts';
import { freePort } from '../support/delivery-api.ts';

let dataDir: string;
let env: NodeJS.ProcessEnv;
before(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ggk-exit-'));
  await chmod(dataDir, 0o755);
  env = cleanEnv({
    GGK_DATA_DIR: dataDir,
    GGK_EMBEDDED_PG_PORT: String(await freePort()),
    GGK_SEED_DEMO_DELIVERIES: 'false',
    GGK_LOG_LEVEL: 'warn',
  });
});
after(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function ggk(args: readonly string[], extraEnv: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [GGK_BIN, ...args], {
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, out: `${result.stdout}\n${result.stderr}` };
}

/** As ggk, but without waiting: for the commands that stop before any database is opened. */
function ggkAsync(args: readonly string[], extraEnv: Record<string, string> = {}) {
  return new Promise<{ status: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [GGK_BIN, ...args], { env: { ...env, ...extraEnv } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('close', (status) => resolve({ status, out }));
  });
}

const WRONG_HASH = 'a'.repeat(64);

// [command as in --help, arguments, expected exit status, environment]. The ones on the embedded
// database run one after the other (the first initialises the cluster).
const databaseCases: Array<[string, string[], number]> = [
  ['migrate', ['migrate'], 0],
  ['audit', ['audit', 'verify', '--expect', WRONG_HASH], 1],
  ['token', ['token', 'create', '--org', '9998'], 2],
  ['purge', ['purge'], 0],
  ['keys', ['keys', 'rotate'], 0],
];
// These end before a database is opened, so they run side by side.
const otherCases: Array<[string, string[], number, Record<string, string>?]> = [
  ['seed', ['seed'], 2, { GGK_SEED_DEMO_DELIVERIES: 'misschien' }],
  ['serve', ['serve', '--port', 'geen-poort'], 2],
  ['worker', ['worker'], 1],
  ['generate', ['generate', '--type', 'onzin'], 2],
  ['validate', ['validate', path.join(os.tmpdir(), 'bestaat-niet-ggk.csv')], 2],
  ['help', ['help', 'audit'], 0],
  // ggk that cannot be reached: 2, as the hand-over contract says.
  [
    'cbs',
    ['cbs', 'sync', '--url', 'http://127.0.0.1:9', '--token', 'ggk_onbekend', '--out', os.tmpdir(), '--once'],
    2,
  ],
];

test('every command ends with the exit status it means, also on the embedded PostgreSQL', async () => {
  const help = ggk(['--help']);
  assert.equal(help.status, 0);
  const listed = [...help.out.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]!);
  const covered = new Set([...databaseCases, ...otherCases].map(([command]) => command));
  assert.deepEqual(
    listed.filter((c) => !covered.has(c)),
    [],
    'a command without an exit-status case here',
  );
  for (const [, args, expected] of databaseCases) {
    const result = ggk(args);
    assert.equal(result.status, expected, `ggk ${args.join(' ')}:\n${result.out}`);
  }
  const others = await Promise.all(otherCases.map(([, args, , extraEnv]) => ggkAsync(args, extraEnv)));
  otherCases.forEach(([, args, expected], i) =>
    assert.equal(others[i]!.status, expected, `ggk ${args.join(' ')}:\n${others[i]!.out}`),
  );
});

test('`ggk audit verify --expect-file` with an anchor that does not fit exits 1; bad input exits 2', async () => {
  const file = path.join(dataDir, 'anker.txt');
  await writeFile(file, `1:${WRONG_HASH}\n`);
  const wrong = ggk(['audit', 'verify', '--expect-file', file]);
  assert.equal(wrong.status, 1, wrong.out);
  assert.match(wrong.out, /regel 1 uit het anker bestaat niet meer/);
  // Input that cannot be an expectation is refused before the database is opened.
  assert.equal(ggk(['audit', 'verify', '--expect', 'geen-hash']).status, 2);
  assert.equal(ggk(['audit', 'verify', '--expect-file', path.join(dataDir, 'ontbreekt.txt')]).status, 2);
});
