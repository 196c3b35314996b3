// `npm run bench:startup`: how long the command line takes before it says anything (issue 21: `ggk
// --help` and `ggk validate` start-up "< 0.5 s wall to first output"), and what it costs.
// Each command is started as a user starts it: `node bin/ggk.js …` with the compiled build fresh
// (`npm start` and `npm ci` make it; this bench builds first, as prestart does), so dist/node runs
// as plain JavaScript (docs/decisions/0032). Side by side in the same run, alternating, the same command
// from the TypeScript sources through tsx (what bin/ggk.js falls back to when the build is stale), and
// the floors: Node printing one line (`node -e`) and Node with tsx's loader doing the same.
// Per command: median seconds from spawn to the first byte of output and to exit, and, where
// /usr/bin/time is there, CPU-seconds (user + system) and peak RSS of the process.
// Apart: the freshness check bin/ggk.js makes on every start (one cold call in a new process, CPU ms),
// and one worker thread of the threaded check, from start to its answer to a first message (the
// build's part-worker.js against tsx's bootstrap of part-worker.ts) with the process's RSS growth.
// Options: --runs N (default 5), --json.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GOAL_SECONDS = 0.5;
const TIME = '/usr/bin/time';

function readArgs(argv: string[]) {
  const args = { runs: 5, json: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') args.json = true;
    else if (argv[i] === '--runs' && /^[1-9]\d*$/.test(argv[i + 1] ?? '')) args.runs = Number(argv[++i]);
    // Options meant for other benchmarks (npm run bench passes them to all) are ignored.
  }
  return args;
}

interface Timing {
  firstOutputSeconds: number;
  exitSeconds: number;
  cpuSeconds?: number;
  maxRssMb?: number;
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'ggk-startup-'));
const hasTime = existsSync(TIME);

function timeOnce(command: string[]): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const usage = path.join(scratch, 'usage');
    const [file, args] = hasTime
      ? [TIME, ['-f', '%U %S %M', '-o', usage, process.execPath, ...command]]
      : [process.execPath, command];
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    const child = spawn(file, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let first: number | undefined;
    const mark = () => (first ??= seconds());
    child.stdout.on('data', mark);
    child.stderr.on('data', mark);
    child.once('error', reject);
    child.once('exit', (code) => {
      const exit = seconds();
      // `ggk validate` exits 1 on a file with errors; anything else must end well.
      if (code !== 0 && !(command.includes('validate') && code === 1))
        return reject(new Error(`${command.join(' ')}: exit ${code}`));
      const timing: Timing = { firstOutputSeconds: first ?? exit, exitSeconds: exit };
      if (hasTime) {
        const [user, system, rssKb] = readFileSync(usage, 'utf8')
          .trim()
          .split('\n')
          .at(-1)!
          .split(' ')
          .map(Number);
        timing.cpuSeconds = user! + system!;
        timing.maxRssMb = rssKb! / 1024;
      }
      resolve(timing);
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round3 = (n: number) => Math.round(n * 1000) / 1000;
const round1 = (n: number) => Math.round(n * 10) / 10;

function summarise(timings: Timing[]) {
  return {
    firstOutputSeconds: round3(median(timings.map((t) => t.firstOutputSeconds))),
    exitSeconds: round3(median(timings.map((t) => t.exitSeconds))),
    ...(hasTime
      ? {
          cpuSeconds: round3(median(timings.map((t) => t.cpuSeconds!))),
          maxRssMb: round1(median(timings.map((t) => t.maxRssMb!))),
        }
      : {}),
  };
}

/** The commands of `variants`, `runs` times each, taking turns (so load on the machine hits all alike). */
async function measureTogether(variants: string[][], runs: number) {
  const timings: Timing[][] = variants.map(() => []);
  for (let i = 0; i < runs; i++)
    for (const [v, command] of variants.entries()) timings[v]!.push(await timeOnce(command));
  return timings.map(summarise);
}

/** CPU milliseconds of bin/ggk.js's freshness check, cold in a new process as on every start. */
function measureFreshnessCheck(runs: number) {
  const script = `
    const { staleReason } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'scripts/build-stamp.js')).href)});
    const before = process.cpuUsage();
    const reason = staleReason(${JSON.stringify(ROOT)});
    const used = process.cpuUsage(before);
    console.log(JSON.stringify({ reason: reason ?? null, cpuMs: (used.user + used.system) / 1000 }));`;
  const samples = Array.from({ length: runs }, () => {
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    return JSON.parse(out.stdout) as { reason: string | null; cpuMs: number };
  });
  const stamp = JSON.parse(readFileSync(path.join(ROOT, 'dist/node/build-stamp.json'), 'utf8')) as {
    files: Record<string, unknown>;
  };
  return {
    files: Object.keys(stamp.files).length,
    fresh: samples.every((s) => s.reason === null),
    cpuMs: round1(median(samples.map((s) => s.cpuMs))),
  };
}

/** One worker thread of the threaded check: ms from new Worker to its answer, CPU ms, RSS growth. */
function measureWorkerStart(runs: number) {
  const built = pathToFileURL(path.join(ROOT, 'dist/node/part-worker.js')).href;
  const bootstrap = `import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/esm/api/index.mjs')).href)})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'src/modules/validation-threads/part-worker.ts')).href)}); });`;
  // The worker answers a first message once its modules are loaded (here: an error for a job without a
  // file, which is how far loading goes before any work).
  const script = (variant: 'build' | 'sources') => `
    import { Worker } from 'node:worker_threads';
    const rss = process.memoryUsage().rss;
    const cpu = process.cpuUsage();
    const started = performance.now();
    const worker = ${variant === 'build' ? `new Worker(new URL(${JSON.stringify(built)}), { execArgv: [] })` : `new Worker(${JSON.stringify(bootstrap)}, { eval: true, execArgv: [] })`};
    const answered = () => {
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      console.log(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, rssMb: (process.memoryUsage().rss - rss) / 1048576 }));
      void worker.terminate();
    };
    worker.once('message', answered);
    worker.once('error', answered);
    worker.postMessage({ path: '/nonexistent', setup: {}, request: {} });`;
  const samples = {
    build: [] as Array<Record<string, number>>,
    sources: [] as Array<Record<string, number>>,
  };
  for (let i = 0; i < runs; i++)
    for (const variant of ['build', 'sources'] as const) {
      const out = spawnSync(process.execPath, ['--input-type=module', '-e', script(variant)], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      samples[variant].push(JSON.parse(out.stdout.trim().split('\n').at(-1)!) as Record<string, number>);
    }
  const sum = (xs: Array<Record<string, number>>) => ({
    startMs: Math.round(median(xs.map((x) => x.ms!))),
    cpuMs: Math.round(median(xs.map((x) => x.cpuMs!))),
    rssMb: round1(median(xs.map((x) => x.rssMb!))),
  });
  return { build: sum(samples.build), sources: sum(samples.sources) };
}

const args = readArgs(process.argv.slice(2));
// As `npm start` does before it starts: build unless the build is fresh.
const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.js'), '--quiet'], {
  stdio: 'inherit',
});
if (build.status !== 0) throw new Error('scripts/build.js failed');

const file = 'test/fixtures/validation/date-order/WMO_0363_2017H2.csv';
const SOURCES = ['--import', 'tsx', 'src/main/cli.ts'];
const commands = [
  { name: 'ggk --help', args: ['--help'] },
  { name: 'ggk validate (a small file)', args: ['validate', file] },
];
const results = [];
for (const c of commands) {
  const [built, sources] = await measureTogether(
    [
      ['bin/ggk.js', ...c.args],
      [...SOURCES, ...c.args],
    ],
    args.runs,
  );
  results.push({ name: c.name, ...built!, sources: sources! });
}
const [node, nodeTsx] = await measureTogether(
  [
    ['-e', 'console.log(1)'],
    ['--import', 'tsx', '-e', 'console.log(1)'],
  ],
  args.runs,
);
results.push(
  { name: 'node -e (floor: Node)', ...node! },
  { name: 'node --import tsx -e (floor: Node + tsx)', ...nodeTsx! },
);
const freshnessCheck = measureFreshnessCheck(args.runs);
const workerThread = measureWorkerStart(args.runs);
rmSync(scratch, { recursive: true, force: true });

const result = {
  benchmark: 'startup',
  runs: args.runs,
  node: process.version,
  goalSeconds: GOAL_SECONDS,
  results: results.map((r) => ({
    ...r,
    goalMet: r.name.startsWith('ggk') ? r.firstOutputSeconds < GOAL_SECONDS : undefined,
  })),
  freshnessCheck,
  workerThread,
};
const cell = (t: { cpuSeconds?: number; maxRssMb?: number }) =>
  t.cpuSeconds === undefined ? '' : `${t.cpuSeconds} CPU-s, ${t.maxRssMb} MB`;
if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Opstarten van de opdrachtregel (${process.version}, mediaan van ${args.runs} keer)\n`);
  out(
    'opdracht                                   | eerste uitvoer (s) | klaar (s) | CPU, piek-RSS           | doel < 0,5 s',
  );
  for (const r of result.results) {
    out(
      `${r.name.padEnd(42)} | ${String(r.firstOutputSeconds).padEnd(18)} | ${String(r.exitSeconds).padEnd(9)} | ${cell(r).padEnd(23)} | ${r.goalMet === undefined ? '' : r.goalMet ? 'gehaald' : 'niet gehaald'}`,
    );
    if ('sources' in r && r.sources)
      out(
        `${'  dezelfde uit de bronnen via tsx'.padEnd(42)} | ${String(r.sources.firstOutputSeconds).padEnd(18)} | ${String(r.sources.exitSeconds).padEnd(9)} | ${cell(r.sources)}`,
      );
  }
  out(
    `\nControle of de build actueel is (bin/ggk.js, elke start): ${freshnessCheck.cpuMs} ms CPU voor ${freshnessCheck.files} bestanden${freshnessCheck.fresh ? '' : ' (build niet actueel!)'}`,
  );
  out(
    `Eén werkthread van de controle, start tot eerste antwoord: build ${workerThread.build.startMs} ms (${workerThread.build.cpuMs} ms CPU, +${workerThread.build.rssMb} MB), bronnen via tsx ${workerThread.sources.startMs} ms (${workerThread.sources.cpuMs} ms CPU, +${workerThread.sources.rssMb} MB)`,
  );
}
