// `npm run bench:validate`: the full ggk technical check against CSV libraries that only parse, and
// against plain reading (cat), on one deterministic generated Wmo file. Every contender runs in a
// fresh child process, one after the other, so timings do not disturb each other and peak memory is
// per contender. Options: --rows N (default 1000000), --seed S, --runs N (default 3: every contender
// N times, interleaved, and the median of each figure; one run on a shared machine says little),
// --memory-rows N (then ggk alone, on one thread and on both cores, once each on a file of N rows, for
// its peak memory: issue 21 asks < 150 MB at 1M and at 10M rows; default 10000000 when --rows is not
// given, else 0: none), --json (one JSON object on stdout; `memory` only when measured).
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { planDelivery } from '../src/modules/validation/generate/index.ts';
import { loadSpec } from '../src/modules/validation/index.ts';

interface Result {
  name: 'ggk' | 'ggk-threads' | 'udsv' | 'csv-parse' | 'cat';
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  /** User + system CPU time: steadier than `seconds` on a machine shared with other work (table only). */
  cpuSeconds: number;
}

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '..');

function readArgs(argv: string[]): {
  rows: number;
  seed: string;
  runs: number;
  json: boolean;
  memoryRows: number;
} {
  const args = { rows: 1_000_000, seed: 'bench', runs: 3, json: false, memoryRows: -1 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') args.json = true;
    else if (arg === '--memory-rows' && /^\d+$/.test(argv[i + 1] ?? '')) args.memoryRows = Number(argv[++i]);
    else if (arg === '--rows' && /^\d+$/.test(argv[i + 1] ?? '')) args.rows = Number(argv[++i]);
    else if (arg === '--seed' && argv[i + 1] !== undefined) args.seed = argv[++i]!;
    else if (arg === '--runs' && /^[1-9]\d*$/.test(argv[i + 1] ?? '')) args.runs = Number(argv[++i]);
    else {
      process.stderr.write(
        `onbekende optie ${arg}; gebruik --rows N, --seed S, --runs N, --memory-rows N, --json\n`,
      );
      process.exit(2);
    }
  }
  if (args.memoryRows < 0) args.memoryRows = argv.includes('--rows') ? 0 : 10_000_000;
  return args;
}

async function generateFile(rows: number, seed: string): Promise<string> {
  const spec = loadSpec(JSON.parse(readFileSync(path.join(ROOT, 'specs/gmsd/2017.json'), 'utf8')));
  const plan = planDelivery({ spec, type: 'wmo', gemeente: '0363', period: '2017H2', rows, seed });
  // The engine reads type, gemeente and period from the name, so the file keeps its conventional name.
  const dir = path.join(BENCH_DIR, 'out', `wmo-${rows}-${seed}`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, plan.fileName);
  await pipeline(Readable.from(plan.chunks()), createWriteStream(file));
  return file;
}

/**
 * Bundles the contender runner into plain JavaScript: under tsx every process would carry ~33 MB of
 * loader and compiler, which says nothing about the engine or the parsers being compared.
 */
async function bundleContender(): Promise<string> {
  const outfile = path.join(BENCH_DIR, 'out', 'validate-contender.mjs');
  // The threaded check's worker, beside the contender (which finds it by its own URL).
  await build({
    entryPoints: [path.join(ROOT, 'src/modules/validation-threads/part-worker.ts')],
    outfile: path.join(BENCH_DIR, 'out', 'part-worker.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });
  await build({
    entryPoints: [path.join(BENCH_DIR, 'validate-contender.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });
  return outfile;
}

function runNodeContender(
  runner: string,
  name: Exclude<Result['name'], 'cat'>,
  file: string,
  rows: number,
): Result {
  const specFile = path.join(ROOT, 'specs/gmsd/2017.json');
  const dataDir = path.join(ROOT, 'data');
  const child = spawnSync(process.execPath, [runner, name, file, specFile, dataDir], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`${name} faalde (status ${child.status}): ${child.stderr}`);
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  const measured = JSON.parse(line) as {
    rows: number;
    seconds: number;
    cpuSeconds: number;
    peakRssMb: number;
    status?: string;
  };
  if (measured.rows !== rows) throw new Error(`${name} las ${measured.rows} regels in plaats van ${rows}`);
  if (name.startsWith('ggk') && measured.status !== 'approved') {
    throw new Error(
      `ggk keurde het gegenereerde bestand af (${measured.status}); de benchmark meet alleen een goedgekeurd bestand`,
    );
  }
  return {
    name,
    seconds: measured.seconds,
    rowsPerSecond: rows / measured.seconds,
    peakRssMb: measured.peakRssMb,
    cpuSeconds: measured.cpuSeconds,
  };
}

/** cat's own time is measured around the process (its start-up is a millisecond); /usr/bin/time gives its peak memory. */
function runCat(file: string, rows: number): Result {
  const timing = path.join(path.dirname(file), 'cat-time.txt');
  const started = process.hrtime.bigint();
  const child = spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', timing, 'cat', file], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) throw new Error(`cat faalde: ${child.stderr?.toString() ?? ''}`);
  const [user, system, maxKb] = readFileSync(timing, 'utf8')
    .trim()
    .split('\n')
    .at(-1)!
    .split(/\s+/)
    .map(Number);
  rmSync(timing);
  return {
    name: 'cat',
    seconds,
    rowsPerSecond: rows / seconds,
    peakRssMb: maxKb! / 1024,
    cpuSeconds: user! + system!,
  };
}

function formatTable(rows: number, bytes: number, runs: number, results: Result[]): string {
  const nl = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
  const whole = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
  const ratio = new Intl.NumberFormat('nl-NL', { maximumSignificantDigits: 3 });
  const ggk = results.find((result) => result.name === 'ggk')!;
  const lines = [
    `Benchmark technische controle: ${whole.format(rows)} regels, ${nl.format(bytes / 1e6)} MB (Wmo)${runs > 1 ? `, mediaan van ${runs} metingen` : ''}`,
    '',
    'deelnemer   seconden   regels/s     piekgeheugen (MB)   ggk sneller met   CPU-seconden   (CPU)',
    ...results.map(
      (result) =>
        `${result.name.padEnd(11)} ${nl.format(result.seconds).padStart(8)}   ${whole.format(result.rowsPerSecond).padStart(10)}   ${nl
          .format(result.peakRssMb)
          .padStart(
            17,
          )}   ${(result.name === 'ggk' ? '' : `${ratio.format(result.seconds / ggk.seconds)}×`).padEnd(15)}   ${nl
          .format(result.cpuSeconds)
          .padStart(
            12,
          )}   ${result.name === 'ggk' ? '' : `${ratio.format(result.cpuSeconds / ggk.cpuSeconds)}×`}`,
    ),
    '',
    'ggk doet de volledige technische controle; udsv (quote-aware) en csv-parse lezen alleen; cat leest alleen de bytes.',
  ];
  const target = (label: string, name: Result['name'], factor: number) => {
    const other = results.find((result) => result.name === name)!;
    const speedup = other.seconds / ggk.seconds;
    lines.push(
      `${label}: ${nl.format(speedup)}× (doel ≥ ${nl.format(factor)}×) ${speedup >= factor ? 'gehaald' : 'NIET gehaald'}`,
    );
  };
  target('ggk t.o.v. udsv', 'udsv', 1.5);
  target('ggk t.o.v. csv-parse', 'csv-parse', 5);
  // The check on every core (issue 21): its own ratios against the same parsers, in the same run.
  const threads = results.find((result) => result.name === 'ggk-threads')!;
  for (const [name, factor] of [
    ['udsv', 4],
    ['csv-parse', 9],
  ] as const) {
    const speedup = results.find((result) => result.name === name)!.seconds / threads.seconds;
    lines.push(
      `ggk-threads t.o.v. ${name}: ${nl.format(speedup)}× (doel ≥ ${nl.format(factor)}×) ${speedup >= factor ? 'gehaald' : 'NIET gehaald'}`,
    );
  }
  lines.push(
    `ggk-threads: ${nl.format(bytes / 1e6 / threads.seconds)} MB/s (doel ≥ 300 MB/s), piekgeheugen ${nl.format(threads.peakRssMb)} MB`,
  );
  lines.push(
    `piekgeheugen ggk: ${nl.format(ggk.peakRssMb)} MB (doel < 150 MB) ${ggk.peakRssMb < 150 ? 'gehaald' : 'NIET gehaald'}`,
  );
  return lines.join('\n');
}

const args = readArgs(process.argv.slice(2));
if (!args.json) process.stderr.write(`Bestand met ${args.rows} regels maken…\n`);
const file = await generateFile(args.rows, args.seed);
const bytes = statSync(file).size;
const runner = await bundleContender();
const names = ['ggk', 'ggk-threads', 'udsv', 'csv-parse', 'cat'] as const;
const measured = new Map<Result['name'], Result[]>(names.map((name) => [name, []]));
// Runs interleaved, so a busy moment of the machine spreads over all contenders.
for (let run = 1; run <= args.runs; run++) {
  for (const name of names) {
    if (!args.json) process.stderr.write(`${name} meten${args.runs > 1 ? ` (${run}/${args.runs})` : ''}…\n`);
    measured
      .get(name)!
      .push(name === 'cat' ? runCat(file, args.rows) : runNodeContender(runner, name, file, args.rows));
  }
}
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const results: Result[] = names.map((name) => {
  const all = measured.get(name)!;
  const seconds = median(all.map((r) => r.seconds));
  return {
    name,
    seconds,
    rowsPerSecond: args.rows / seconds,
    peakRssMb: median(all.map((r) => r.peakRssMb)),
    cpuSeconds: median(all.map((r) => r.cpuSeconds)),
  };
});
if (!args.json && args.runs > 1) {
  for (const name of ['udsv', 'csv-parse'] as const) {
    const ratios = measured.get(name)!.map((r, i) => r.seconds / measured.get('ggk-threads')![i]!.seconds);
    process.stderr.write(
      `ggk-threads t.o.v. ${name} per meting: ${ratios.map((r) => `${r.toFixed(2)}×`).join(', ')}\n`,
    );
  }
  for (const name of ['udsv', 'csv-parse'] as const) {
    const ratios = measured.get(name)!.map((r, i) => r.seconds / measured.get('ggk')![i]!.seconds);
    process.stderr.write(
      `ggk t.o.v. ${name} per meting: ${ratios.map((r) => `${r.toFixed(2)}×`).join(', ')}\n`,
    );
  }
}
const rounded = results.map((result) => ({
  name: result.name,
  seconds: Number(result.seconds.toFixed(3)),
  rowsPerSecond: Math.round(result.rowsPerSecond),
  peakRssMb: Number(result.peakRssMb.toFixed(1)),
}));
// Peak memory on a far larger file: ggk alone (the parsers' memory is not the question here), once on
// one thread and once on both cores. Beyond ~8M rows the duplicate detector takes its fixed-memory way
// and a second pass, so this is where memory could grow with the file.
let memory:
  | { rows: number; bytes: number; results: Array<{ name: string; seconds: number; peakRssMb: number }> }
  | undefined;
if (args.memoryRows > 0) {
  if (!args.json) process.stderr.write(`Bestand met ${args.memoryRows} regels maken voor het geheugen…\n`);
  const large = await generateFile(args.memoryRows, args.seed);
  memory = { rows: args.memoryRows, bytes: statSync(large).size, results: [] };
  for (const name of ['ggk', 'ggk-threads'] as const) {
    if (!args.json) process.stderr.write(`${name} meten (${args.memoryRows} regels)…\n`);
    const result = runNodeContender(runner, name, large, args.memoryRows);
    memory.results.push({
      name,
      seconds: Number(result.seconds.toFixed(3)),
      peakRssMb: Number(result.peakRssMb.toFixed(1)),
    });
  }
}
if (args.json) {
  process.stdout.write(
    `${JSON.stringify({ rows: args.rows, bytes, results: rounded, ...(memory ? { memory } : {}) })}\n`,
  );
} else {
  process.stdout.write(`${formatTable(args.rows, bytes, args.runs, results)}\n`);
  if (memory) {
    const nl = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
    for (const result of memory.results) {
      process.stdout.write(
        `piekgeheugen ${result.name} bij ${nl.format(memory.rows)} regels (${nl.format(memory.bytes / 1e6)} MB): ${nl.format(result.peakRssMb)} MB in ${nl.format(result.seconds)} s (doel < 150 MB) ${result.peakRssMb < 150 ? 'gehaald' : 'NIET gehaald'}\n`,
      );
    }
  }
}
