// The compiled build (docs/decisions/0032) as users run it. A copy of the project is built with its
// own scripts/build.js, and its bin/ggk.js runs with tsx missing from node_modules, so only the plain
// JavaScript in dist/node can run: `ggk validate`'s JSON reports (one thread, and a file large enough
// for the part workers) and `ggk generate`'s files equal those of the TypeScript sources run through
// tsx, and `ggk serve` answers with its pages and assets. That is where a path to specs/, data/,
// migrations/ or a stylesheet that holds only from src/ breaks. Then a stale build is never run: after
// an edit, a file put back with an older time, or an entry point removed, bin/ggk.js runs the sources
// (and, with tsx missing, cannot run at all).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv, startServe } from '../support/ggk-process.ts';
import { createEmptyDatabase } from '../support/test-database.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COPY = mkdtempSync(path.join(os.tmpdir(), 'ggk-build-'));
const COPY_BIN = path.join(COPY, 'bin/ggk.js');
const FIXTURES = path.join(ROOT, 'test/fixtures/validation');
const MODULES = realpathSync(path.join(ROOT, 'node_modules'));
const TSX_LINK = path.join(COPY, 'node_modules/tsx');
const cleanups: Array<() => Promise<unknown>> = [async () => rmSync(COPY, { recursive: true, force: true })];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

// The project as a clone has it (no dist/, no var/), with every package but tsx.
for (const entry of ['package.json', 'tsconfig.json', 'bin', 'scripts', 'src', 'specs', 'data', 'migrations'])
  cpSync(path.join(ROOT, entry), path.join(COPY, entry), { recursive: true });
mkdirSync(path.join(COPY, 'node_modules'));
for (const name of readdirSync(MODULES))
  if (name !== 'tsx' && !name.startsWith('.'))
    symlinkSync(path.join(MODULES, name), path.join(COPY, 'node_modules', name));
const linkTsx = (present: boolean) =>
  present ? symlinkSync(path.join(MODULES, 'tsx'), TSX_LINK) : rmSync(TSX_LINK, { force: true });

const run = (args: string[], cwd = COPY): SpawnSyncReturns<string> =>
  spawnSync(process.execPath, args, { cwd, env: cleanEnv({}), encoding: 'utf8', maxBuffer: 1 << 28 });
/** `ggk` from the copy: its build when fresh, else its sources. */
const fromCopy = (args: string[]) => run([COPY_BIN, ...args]);
/** `ggk` from this project's TypeScript sources through tsx. */
const fromSources = (args: string[]) =>
  run(['--import', 'tsx', path.join(ROOT, 'src/main/cli.ts'), ...args], ROOT);
const build = (...args: string[]) => run([path.join(COPY, 'scripts/build.js'), ...args]);

function assertSameRun(built: SpawnSyncReturns<string>, sources: SpawnSyncReturns<string>, what: string) {
  assert.equal(built.stderr, sources.stderr, `${what}: stderr`);
  assert.equal(built.status, sources.status, `${what}: exit code (${built.stderr})`);
  assert.deepEqual(JSON.parse(built.stdout), JSON.parse(sources.stdout), `${what}: the JSON report`);
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

test('the build runs without tsx: ggk validate and generate as from the sources', () => {
  const built = build();
  assert.equal(built.status, 0, built.stderr);
  assert.match(built.stdout, /dist\/node gebouwd uit \d+ bronbestanden/);
  assert.equal(build('--check').status, 0);

  const help = fromCopy(['--help']);
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /^Gebruik: ggk/);

  for (const file of [
    'valid-wmo/WMO_0363_2017H2.csv',
    'date-order/WMO_0363_2017H2.csv',
    'valid-zip/MSD.zip',
  ]) {
    const args = ['validate', '--json', '--today', '2018-03-01', path.join(FIXTURES, file)];
    assertSameRun(fromCopy(args), fromSources(args), file);
  }

  // A file from 8 MiB is checked in parts on worker threads: dist's part-worker-<hash>.js, without tsx.
  const out = { built: path.join(COPY, 'generated-build'), sources: path.join(COPY, 'generated-sources') };
  const generate = ['generate', '--rows', '130000', '--seed', 'build', '--defect', 'record.duplicate_line=3'];
  assert.equal(fromCopy([...generate, '--out', out.built]).status, 0);
  assert.equal(fromSources([...generate, '--out', out.sources]).status, 0);
  const large = path.join(out.built, 'WMO_0363_2017H2.csv');
  assert.equal(sha256(large), sha256(path.join(out.sources, 'WMO_0363_2017H2.csv')));
  assert.ok(statSync(large).size >= 8 * 1024 * 1024, 'large enough to be split');
  const validate = ['validate', '--json', '--today', '2018-03-01', large];
  const threaded = fromCopy([...validate, '--threads']);
  assert.match(threaded.stdout, /record\.duplicate_line/);
  assertSameRun(threaded, fromSources(validate), 'the large file in parts');
});

test('ggk serve from the build without tsx: pages, stylesheets and the browser validator', async () => {
  const database = await createEmptyDatabase();
  cleanups.push(() => database.drop());
  const env = cleanEnv({ DATABASE_URL: database.url, GGK_JOBS: 'false', GGK_LOG_LEVEL: 'warn' });
  const serve = await startServe(env, 180_000, COPY_BIN);
  try {
    const ready = await fetch(`${serve.url}/health/ready`);
    assert.deepEqual(await ready.json(), {
      status: 'ok',
      database: 'ok',
      migrations: 'ok',
      objectStore: 'ok',
    });
    const home = await (await fetch(serve.url)).text();
    assert.match(home, /Aanlevering 2e halfjaar 2017/);
    const css = /\/assets\/[0-9a-f]{16}\/ggk\.css/.exec(home)?.[0];
    assert.ok(css, 'the page links ggk.css by its content');
    const stylesheet = await fetch(`${serve.url}${css}`, { headers: { 'accept-encoding': 'identity' } });
    assert.equal(stylesheet.status, 200);
    assert.equal(
      await stylesheet.text(),
      readFileSync(path.join(ROOT, 'src/http/web/assets/ggk.css'), 'utf8'),
    );
    const validator = await fetch(`${serve.url}/assets/ggk-validator.js`);
    assert.equal(validator.status, 200);
    assert.match(await validator.text(), /createDefaultClassification/);
  } finally {
    assert.equal(await serve.stop(), 0);
  }
});

test('a stale build is never run: after an edit, an older file put back, or a missing entry point', () => {
  assert.equal(build('--check').status, 0, 'fresh from the first test');
  const cli = path.join(COPY, 'src/main/cli.ts');
  const source = readFileSync(cli, 'utf8');
  assert.ok(source.includes("'ggk: het gegevensknooppunt"));
  writeFileSync(cli, source.replace("'ggk: het gegevensknooppunt", "'ggk (bewerkt): het gegevensknooppunt"));
  const check = build('--check');
  assert.equal(check.status, 1);
  assert.match(check.stdout, /src\/main\/cli\.ts/);
  // Without tsx only the build could run: it does not.
  assert.notEqual(fromCopy(['--help']).status, 0);
  linkTsx(true);
  assert.match(fromCopy(['--help']).stdout, /ggk \(bewerkt\)/, 'the sources ran');
  linkTsx(false);

  assert.equal(build().status, 0);
  assert.match(fromCopy(['--help']).stdout, /ggk \(bewerkt\)/, 'the new build ran, without tsx');

  // A file put back as it was a day ago (a backup, cp -p) has another time, not a newer one.
  const engine = path.join(COPY, 'src/modules/validation/index.ts');
  const dayAgo = new Date(statSync(engine).mtimeMs - 86_400_000);
  utimesSync(engine, dayAgo, dayAgo);
  assert.match(build('--check').stdout, /src\/modules\/validation\/index\.ts/);
  assert.notEqual(fromCopy(['--help']).status, 0);
  assert.equal(build().status, 0);
  assert.equal(fromCopy(['--help']).status, 0);

  // The part worker is named by its content: a rebuild with another worker leaves the running build's
  // file in place (a server running meanwhile starts its threads from its own), and the command's code
  // starts the new one.
  const partWorker = () => {
    const stamp = JSON.parse(readFileSync(path.join(COPY, 'dist/node/build-stamp.json'), 'utf8')) as {
      partWorker: string;
    };
    return stamp.partWorker;
  };
  const earlier = partWorker();
  assert.match(earlier, /^part-worker-[A-Z0-9]+\.js$/);
  const workerSource = path.join(COPY, 'src/modules/validation-threads/part-worker.ts');
  writeFileSync(workerSource, `${readFileSync(workerSource, 'utf8')}\nport.setMaxListeners(11);\n`);
  // Saved a moment before the build: a file changed within CLOCK_SLACK_MS (50 ms) of its start may
  // have been read before the change, so the build would not stamp itself (node starts in ~40 ms here).
  const moment = new Date(Date.now() - 1_000);
  utimesSync(workerSource, moment, moment);
  assert.equal(build().status, 0);
  const rebuilt = partWorker();
  assert.notEqual(rebuilt, earlier);
  assert.ok(statSync(path.join(COPY, 'dist/node', earlier)).isFile(), 'the earlier build keeps its worker');
  // Only the new build's code can name the new worker (the earlier build's chunks are kept too).
  const code = readdirSync(path.join(COPY, 'dist/node'))
    .filter((name) => name.endsWith('.js') && !name.startsWith('part-worker-'))
    .map((name) => readFileSync(path.join(COPY, 'dist/node', name), 'utf8'))
    .join('\n');
  assert.ok(code.includes(JSON.stringify(rebuilt)), 'the command starts the new worker');

  rmSync(path.join(COPY, 'dist/node', rebuilt));
  assert.ok(build('--check').stdout.includes(`${rebuilt} is missing`));
  assert.notEqual(fromCopy(['--help']).status, 0);
});
