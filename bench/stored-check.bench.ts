// `node --import tsx bench/stored-check.bench.ts`: the server check job's engine call on a file in the
// encrypted store (on disk, opened as the job opens it: sniff, onFailure), with the process's threaded
// runner (kept warm, as the worker process keeps it) and on one thread, alternating in one process so
// the two are measured side by side. Decides THREADS_PAY_FROM_BYTES (modules/validation-threads) for
// the check job. Options: --rows N (default 1000000), --seed S, --runs N (per side, default 3), --json.
// Prints per run: wall seconds, CPU seconds of the whole process (all threads), RSS; then medians.
// The measuring child runs bundled (esbuild, packages external, into bench/out/stored-check), the
// part worker beside it, so no tsx loader sits in its time or memory.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { loadClassification } from '../src/modules/classification/index.ts';
import { loadSpec, validateUpload } from '../src/modules/validation/index.ts';
import { createThreadedCheck } from '../src/modules/validation-threads/index.ts';
import { createNodeSha256 } from '../src/platform/files/file-byte-source.ts';
import { createEncryptedStore } from '../src/platform/files/encrypted-store.ts';
import { MasterKey } from '../src/platform/files/master-key.ts';
import { PROJECT_ROOT } from '../src/platform/files/project-root.ts';

const SELF = fileURLToPath(import.meta.url);
// From the project root, not from this file: the child runs bundled in bench/out.
const ROOT = PROJECT_ROOT;
const SPEC_FILE = path.join(ROOT, 'specs/gmsd/2017.json');

interface Run {
  threaded: boolean;
  seconds: number;
  cpuSeconds: number;
  rssMb: number;
  status: string;
}

/** The child: stores FILE, then checks it ORDER ('t' threads, 'o' one thread), after one of each to warm. */
async function measure(file: string, order: string): Promise<void> {
  const spec = loadSpec(JSON.parse(readFileSync(SPEC_FILE, 'utf8')));
  const classification = loadClassification();
  const root = mkdtempSync(path.join(os.tmpdir(), 'ggk-stored-check-'));
  try {
    const store = createEncryptedStore({ root, masterKey: new MasterKey(randomBytes(32)) });
    const stored = await store.write(createReadStream(file, { highWaterMark: 1 << 20 }));
    const threads = createThreadedCheck({ workerScript: new URL('./part-worker.js', import.meta.url) });
    threads.warm();
    const once = async (threaded: boolean): Promise<Run> => {
      const failures: unknown[] = [];
      const source = store.openByteSource(stored, path.basename(file), {
        sniff: true,
        onFailure: (error) => failures.push(error),
      });
      const cpu = process.cpuUsage();
      const started = performance.now();
      const report = await validateUpload([source], {
        ...(threaded ? { parts: threads } : {}),
        createHasher: createNodeSha256,
        spec,
        classification,
        gemeente: '0363',
        period: '2017H2',
        today: '2018-03-01',
      });
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      if (failures.length > 0) throw failures[0];
      return {
        threaded,
        seconds,
        cpuSeconds: (used.user + used.system) / 1e6,
        rssMb: Math.round(process.memoryUsage().rss / 1e6),
        status: report.status,
      };
    };
    await once(true);
    await once(false);
    for (const side of order) console.log(JSON.stringify(await once(side === 't')));
    await threads.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<void> {
  const args = { rows: 1_000_000, seed: 'bench', runs: 3, json: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') args.json = true;
    if (argv[i] === '--rows' && /^\d+$/.test(argv[i + 1] ?? '')) args.rows = Number(argv[++i]);
    else if (argv[i] === '--seed' && argv[i + 1] !== undefined) args.seed = argv[++i]!;
    else if (argv[i] === '--runs' && /^[1-9]\d*$/.test(argv[i + 1] ?? '')) args.runs = Number(argv[++i]);
  }
  const { planDelivery } = await import('../src/modules/validation/generate/index.ts');
  const spec = loadSpec(JSON.parse(readFileSync(SPEC_FILE, 'utf8')));
  const plan = planDelivery({
    spec,
    type: 'wmo',
    gemeente: '0363',
    period: '2017H2',
    rows: args.rows,
    seed: args.seed,
  });
  const dir = path.join(ROOT, 'bench/out', `wmo-${args.rows}-${args.seed}`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, plan.fileName);
  await pipeline(Readable.from(plan.chunks()), createWriteStream(file));
  const { build } = await import('esbuild');
  const outdir = path.join(ROOT, 'bench/out/stored-check');
  const common = {
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node24',
    logLevel: 'warning',
  } as const;
  await build({
    ...common,
    entryPoints: [path.join(ROOT, 'src/modules/validation-threads/part-worker.ts')],
    outfile: path.join(outdir, 'part-worker.js'),
  });
  await build({ ...common, entryPoints: [SELF], outfile: path.join(outdir, 'stored-check.js') });
  // Alternating, so both sides see the same load: t o o t t o ...
  const order = Array.from({ length: args.runs * 2 }, (_, i) => ((i + (i >> 1)) % 2 === 0 ? 't' : 'o')).join(
    '',
  );
  const child = spawnSync(
    process.execPath,
    [path.join(outdir, 'stored-check.js'), '--measure', file, order],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (child.status !== 0) throw new Error(`the measuring process failed (exit ${child.status})`);
  const runs = child.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Run);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const bytes = readFileSync(file).length;
  const side = (threaded: boolean) => {
    const mine = runs.filter((r) => r.threaded === threaded);
    return {
      seconds: median(mine.map((r) => r.seconds)),
      cpuSeconds: median(mine.map((r) => r.cpuSeconds)),
      peakRssMb: Math.max(...mine.map((r) => r.rssMb)),
      runs: mine.map((r) => r.seconds),
      status: mine[0]?.status,
    };
  };
  const load = os.loadavg()[0]!;
  const result = { rows: args.rows, bytes, load, oneThread: side(false), threads: side(true) };
  if (args.json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(
    `Check job on a stored file: ${args.rows} rows, ${(bytes / 1e6).toFixed(1)} MB, load ${load.toFixed(1)}`,
  );
  for (const [label, r] of [
    ['one thread', result.oneThread],
    ['threads   ', result.threads],
  ] as const)
    console.log(
      `${label}  ${r.seconds.toFixed(3)} s  ${r.cpuSeconds.toFixed(3)} CPU-s  peak RSS ${r.peakRssMb} MB  ` +
        `(runs: ${r.runs.map((x) => x.toFixed(2)).join(' / ')}; ${r.status})`,
    );
}

const at = process.argv.indexOf('--measure');
if (at >= 0) await measure(process.argv[at + 1]!, process.argv[at + 2]!);
else await main(process.argv.slice(2));
