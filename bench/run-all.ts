// `npm run bench`: runs every bench/*.bench.ts one after the other (never in parallel: they would
// disturb each other's timings), each in its own process. Extra arguments go to every benchmark,
// except run-all's own:
//   --json        one JSON object on stdout: { machine, repeat, summary, benchmarks: { <name>: <its JSON> } },
//                 where summary holds issue 21's goals as rows (ggk, contender, ratio, goal, met), also
//                 printed to stderr
//                 (each benchmark is run with --json and its last stdout line is taken)
//   --repeat N    every benchmark N times; with --json each number in its result becomes the median
//                 of the N runs (the closing notes' "median of 3": `npm run bench -- --json --repeat 3`)
//   --only a,b    only these benchmarks (names as in bench/<name>.bench.ts)
//   --skip a,b    all but these
// Without --json every benchmark prints its own table, as `npm run bench:<name>` does.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));

const own = { json: false, repeat: 1, only: undefined as string[] | undefined, skip: [] as string[] };
const passOn: string[] = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i]!;
  if (arg === '--json') own.json = true;
  else if (arg === '--repeat' && /^[1-9]\d*$/.test(argv[i + 1] ?? '')) own.repeat = Number(argv[++i]);
  else if (arg === '--only' && argv[i + 1]) own.only = argv[++i]!.split(',');
  else if (arg === '--skip' && argv[i + 1]) own.skip = argv[++i]!.split(',');
  else passOn.push(arg);
}

const all = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .map((name) => name.slice(0, -'.bench.ts'.length))
  .sort();
for (const name of [...(own.only ?? []), ...own.skip])
  if (!all.includes(name)) {
    process.stderr.write(`onbekende benchmark ${name}; er zijn: ${all.join(', ')}\n`);
    process.exit(2);
  }
const chosen = all.filter((name) => (own.only ?? all).includes(name) && !own.skip.includes(name));

/** Runs one benchmark; with --json returns its parsed last stdout line. */
function run(name: string): Promise<{ ok: boolean; result?: unknown }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(benchDir, `${name}.bench.ts`),
        ...passOn,
        ...(own.json ? ['--json'] : []),
      ],
      { stdio: ['ignore', own.json ? 'pipe' : 'inherit', 'inherit'] },
    );
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.once('exit', (code) => {
      if (!own.json) return resolve({ ok: code === 0 });
      const last = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve({ ok: code === 0, result: JSON.parse(last) });
      } catch {
        process.stderr.write(`${name}: geen JSON op stdout\n`);
        resolve({ ok: false });
      }
    });
  });
}

/** The element-wise median of results of one shape: numbers become their median, the rest is the first run's. */
export function medianOf(results: unknown[]): unknown {
  const first = results[0];
  if (typeof first === 'number') {
    const xs = (results.filter((r) => typeof r === 'number') as number[]).sort((a, b) => a - b);
    const mid = Math.floor(xs.length / 2);
    return xs.length % 2 === 1 ? xs[mid]! : Math.round(((xs[mid - 1]! + xs[mid]!) / 2) * 1000) / 1000;
  }
  if (Array.isArray(first))
    return first.map((_, i) => medianOf(results.map((r) => (Array.isArray(r) ? r[i] : undefined))));
  if (first !== null && typeof first === 'object')
    return Object.fromEntries(
      Object.keys(first).map((key) => [
        key,
        medianOf(results.map((r) => (r as Record<string, unknown> | undefined)?.[key])),
      ]),
    );
  return first;
}

interface Row {
  what: string;
  ggk: string;
  contender: string;
  ratio: string;
  goal: string;
  met: boolean | null;
}

/** The parts of each benchmark's JSON the summary reads (see each bench/*.bench.ts). */
interface Known {
  validate: {
    rows: number;
    bytes: number;
    results: Array<{ name: string; seconds: number; peakRssMb: number }>;
    memory?: { rows: number; results: Array<{ name: string; seconds: number; peakRssMb: number }> };
  };
  upload: {
    rows: number;
    bytes: number;
    median: { uploadMBps: number; receiptToReportSeconds: number };
    contender?: { medianMBps: number; ratio: number };
  };
  surge: {
    scale?: { gemeenten: number };
    uploads: number;
    latency?: { p95: number };
    receiptToApproved?: { p50: number; p95: number };
  };
  'content-report': { rows: number; reportSeconds?: number; peakRssMb: number };
  pages: {
    connections: number;
    pages: Array<{
      path: string;
      ggk: { p95: number };
      floor: { p95: number };
      p95Ratio: number;
      goalMet: boolean;
    }>;
  };
  startup: {
    results: Array<{
      name: string;
      firstOutputSeconds: number;
      cpuSeconds?: number;
      goalMet?: boolean;
      sources?: { firstOutputSeconds: number; cpuSeconds?: number };
    }>;
  };
}

/** Issue 21's table, one row per goal, from whichever benchmarks ran. */
function summarise(b: Partial<Known>): Row[] {
  const rows: Row[] = [];
  const r2 = (n: number) => Math.round(n * 100) / 100;
  const v = b.validate;
  if (v?.results) {
    const by = (name: string) => v.results.find((r) => r.name === name);
    // The check as `ggk validate` runs it: on every core when the benchmark measured that.
    const ggk = by('ggk-threads') ?? by('ggk');
    const mbps = ggk ? v.bytes / 1e6 / ggk.seconds : 0;
    for (const [name, goal] of [
      ['udsv', 4],
      ['csv-parse', 9],
    ] as const) {
      const other = by(name);
      if (!ggk || !other) continue;
      const ratio = other.seconds / ggk.seconds;
      rows.push({
        what: `technische controle, ${v.rows} regels`,
        ggk: `${ggk.seconds} s, ${Math.round(mbps)} MB/s, ${ggk.peakRssMb} MB`,
        contender: `${name} (alleen inlezen) ${other.seconds} s`,
        ratio: `${r2(ratio)}×`,
        goal: `≥ ${goal}× ${name}, ≥ 300 MB/s, RSS < 150 MB`,
        met: ratio >= goal && mbps >= 300 && ggk.peakRssMb < 150,
      });
    }
  }
  const memory = v?.memory;
  if (memory && memory.results.length > 0) {
    const by = (name: string) => memory.results.find((r) => r.name === name);
    const threads = by('ggk-threads');
    const one = by('ggk');
    rows.push({
      what: `piekgeheugen technische controle, ${memory.rows} regels`,
      ggk: [
        threads ? `threads ${threads.peakRssMb} MB (${threads.seconds} s)` : '',
        one ? `één thread ${one.peakRssMb} MB (${one.seconds} s)` : '',
      ]
        .filter(Boolean)
        .join(', '),
      contender: '',
      ratio: '',
      goal: 'RSS < 150 MB',
      met: memory.results.every((r) => r.peakRssMb < 150),
    });
  }
  const u = b.upload;
  if (u?.median && u.contender) {
    rows.push({
      what: `upload via de API, ${(u.bytes / 1e6).toFixed(0)} MB`,
      ggk: `${u.median.uploadMBps} MB/s`,
      contender: `kale stream-naar-schijf ${u.contender.medianMBps} MB/s`,
      ratio: `${u.contender.ratio}×`,
      goal: '≥ 250 MB/s',
      met: u.median.uploadMBps >= 250,
    });
    rows.push({
      what: `ontvangst → technisch rapport, ${u.rows} regels`,
      ggk: `${u.median.receiptToReportSeconds} s`,
      contender: '',
      ratio: '',
      goal: '< 1 s (1M regels)',
      met: u.rows >= 1_000_000 ? u.median.receiptToReportSeconds < 1 : null,
    });
  }
  const s = b.surge;
  if (s?.receiptToApproved)
    rows.push({
      what: `ontvangst → rapport tijdens de piek (${s.scale?.gemeenten} gemeenten, ${s.uploads} uploads)`,
      ggk: `p50 ${s.receiptToApproved.p50} s, p95 ${s.receiptToApproved.p95} s`,
      contender: `upload p95 ${s.latency?.p95} s`,
      ratio: '',
      goal: 'p95 < 10 s',
      met: s.receiptToApproved.p95 < 10,
    });
  const c = b['content-report'];
  if (c?.reportSeconds !== undefined)
    rows.push({
      what: `op-orde rapport, ${c.rows} regels`,
      ggk: `${c.reportSeconds} s, ${c.peakRssMb} MB`,
      contender: '',
      ratio: '',
      goal: '< 1,2 s en < 150 MB',
      met: c.reportSeconds < 1.2 && c.peakRssMb < 150,
    });
  for (const page of b.pages?.pages ?? [])
    rows.push({
      what: `pagina ${page.path}, ${b.pages!.connections} gebruikers`,
      ggk: `p95 ${page.ggk.p95} ms`,
      contender: `kale server p95 ${page.floor.p95} ms`,
      ratio: `${page.p95Ratio}×`,
      goal: 'p95 < 150 ms',
      met: page.goalMet,
    });
  const st = b.startup;
  if (st?.results) {
    // The build as users run it, against the same command from the sources through tsx (before 0032).
    const cpu = (t: { cpuSeconds?: number }) => (t.cpuSeconds === undefined ? '' : `, ${t.cpuSeconds} CPU-s`);
    for (const r of st.results.filter((x) => x.name.startsWith('ggk')))
      rows.push({
        what: r.name,
        ggk: `${r.firstOutputSeconds} s tot eerste uitvoer${cpu(r)}`,
        contender: r.sources ? `bronnen via tsx ${r.sources.firstOutputSeconds} s${cpu(r.sources)}` : '',
        ratio: r.sources ? `${r2(r.firstOutputSeconds / r.sources.firstOutputSeconds)}×` : '',
        goal: '< 0,5 s',
        met: r.goalMet ?? null,
      });
  }
  return rows;
}

let failed = 0;
const benchmarks: Record<string, unknown> = {};
for (const name of chosen) {
  const results: unknown[] = [];
  for (let i = 1; i <= own.repeat; i++) {
    process.stderr.write(`\n== ${name}${own.repeat > 1 ? ` (${i} van ${own.repeat})` : ''}\n`);
    const { ok, result } = await run(name);
    if (!ok) failed++;
    if (result !== undefined) results.push(result);
  }
  if (own.json && results.length > 0) benchmarks[name] = medianOf(results);
}
if (own.json) {
  const summary = summarise(benchmarks as Partial<Known>);
  process.stderr.write(
    `\nSamenvatting (issue 21)${own.repeat > 1 ? `, mediaan van ${own.repeat} runs` : ''}:\n`,
  );
  for (const row of summary)
    process.stderr.write(
      `- ${row.what}: ${row.ggk}${row.contender ? ` | ${row.contender}` : ''}${row.ratio ? ` | ${row.ratio}` : ''} | doel ${row.goal}: ${row.met === null ? 'n.v.t.' : row.met ? 'gehaald' : 'niet gehaald'}\n`,
    );
  process.stdout.write(
    `${JSON.stringify({
      machine: { cpus: os.cpus().length, node: process.version, loadAverageAfter: os.loadavg() },
      repeat: own.repeat,
      summary,
      benchmarks,
    })}\n`,
  );
}
process.exit(failed === 0 ? 0 : 1);
