// `npm run bench:startup`: how long the command line takes before it says anything (issue 21: `ggk
// --help` and `ggk validate` start-up "< 0.5 s wall to first output"). Each command is started
// --runs times (default 5) as a user starts it (`node bin/ggk.js …` on the project's Node) and timed
// from spawn to its first byte of output and to its exit.
// Side by side, the floors: the same Node printing one line (`node -e`), and Node with tsx's loader
// doing the same (what running TypeScript sources without a build costs before any ggk code).
// Options: --runs N, --json.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GOAL_SECONDS = 0.5;

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
}

function timeOnce(command: string[]): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    const child = spawn(process.execPath, command, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let first: number | undefined;
    const mark = () => (first ??= seconds());
    child.stdout.on('data', mark);
    child.stderr.on('data', mark);
    child.once('error', reject);
    child.once('exit', (code) => {
      const exit = seconds();
      // `ggk validate` exits 1 on a file with errors; anything else must end well.
      if (code !== 0 && !(command.includes('validate') && code === 1))
        reject(new Error(`${command.join(' ')}: exit ${code}`));
      else resolve({ firstOutputSeconds: first ?? exit, exitSeconds: exit });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

async function measure(command: string[], runs: number) {
  const timings: Timing[] = [];
  for (let i = 0; i < runs; i++) timings.push(await timeOnce(command));
  return {
    firstOutputSeconds: round3(median(timings.map((t) => t.firstOutputSeconds))),
    exitSeconds: round3(median(timings.map((t) => t.exitSeconds))),
  };
}

const args = readArgs(process.argv.slice(2));
const file = 'test/fixtures/validation/date-order/WMO_0363_2017H2.csv';
const commands = [
  { name: 'ggk --help', command: ['bin/ggk.js', '--help'] },
  { name: 'ggk validate (a small file)', command: ['bin/ggk.js', 'validate', file] },
  { name: 'node -e (floor: Node)', command: ['-e', 'console.log(1)'] },
  { name: 'node --import tsx -e (floor: Node + tsx)', command: ['--import', 'tsx', '-e', 'console.log(1)'] },
];
const results = [];
for (const c of commands) results.push({ name: c.name, ...(await measure(c.command, args.runs)) });
const result = {
  benchmark: 'startup',
  runs: args.runs,
  node: process.version,
  goalSeconds: GOAL_SECONDS,
  results: results.map((r) => ({
    ...r,
    goalMet: r.name.startsWith('ggk') ? r.firstOutputSeconds < GOAL_SECONDS : undefined,
  })),
};
if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  process.stdout.write(
    `Opstarten van de opdrachtregel (${process.version}, mediaan van ${args.runs} keer)\n\n`,
  );
  process.stdout.write(
    'opdracht                                   | eerste uitvoer (s) | klaar (s) | doel < 0,5 s\n',
  );
  for (const r of result.results)
    process.stdout.write(
      `${r.name.padEnd(42)} | ${String(r.firstOutputSeconds).padEnd(18)} | ${String(r.exitSeconds).padEnd(9)} | ${r.goalMet === undefined ? '' : r.goalMet ? 'gehaald' : 'niet gehaald'}\n`,
    );
}
