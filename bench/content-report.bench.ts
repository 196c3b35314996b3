// `npm run bench` (content-report): how long the op-orde report takes for a 1M-row Wmo file. The
// generated file is stored as a delivery is (AES-256-GCM in the encrypted store); the report's work
// is then timed as the job does it: decrypt and stream the file once for the Wmo figures, build the
// section with its comparison and warnings, serialise it; and, apart, render the report's PDF (with
// its charts). Options: --rows N (default 1000000), --seed S, --runs N (median), --json, --from-sources.
//
// The timed report runs in a child process of its own, so its peak RSS is the report's (a Node process
// with the modules loaded, the figures and the stream's buffers), not that of generating the file;
// baseRssMb is that process's RSS before the report, so the report's own share is the difference.
// That child runs compiled, as the report job does in a ggk process started from the build
// (docs/decisions/0032): this file bundled by esbuild (packages external) into bench/out, so its RSS
// holds no tsx loader; --from-sources runs it through tsx as before.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEncryptedStore, type StoredFile } from '../src/platform/files/encrypted-store.ts';
import { loadMasterKey } from '../src/platform/files/master-key.ts';
// Only what the timed report needs is imported statically: the child's RSS holds no PDF renderer or
// generator. The parent imports those when it needs them.
import { computeWmoFigures, type WmoFigures } from '../src/modules/reports/wmo-figures.ts';
import { buildWmoSection, type ContentReport } from '../src/modules/reports/report-content.ts';

function readArgs(argv: string[]) {
  const args = { rows: 1_000_000, seed: 'bench', runs: 1, json: false, fromSources: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') args.json = true;
    else if (arg === '--from-sources') args.fromSources = true;
    else if (arg === '--rows' && /^\d+$/.test(argv[i + 1] ?? '')) args.rows = Number(argv[++i]);
    else if (arg === '--seed' && argv[i + 1] !== undefined) args.seed = argv[++i]!;
    else if (arg === '--runs' && /^[1-9]\d*$/.test(argv[i + 1] ?? '')) args.runs = Number(argv[++i]);
    // Options meant for other benchmarks (npm run bench passes them to all) are ignored.
  }
  return args;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const MASTER_KEY_HEX = '11'.repeat(32);

/** The timed part, in the child: the report of the stored file, `runs` times. */
async function measureReport(dir: string, runs: number, rows: number) {
  const masterKey = await loadMasterKey({ keyHex: MASTER_KEY_HEX, keyFile: path.join(dir, 'master.key') });
  const store = createEncryptedStore({ root: path.join(dir, 'files'), masterKey });
  const stored = JSON.parse(readFileSync(path.join(dir, 'stored.json'), 'utf8')) as StoredFile;
  const previous = JSON.parse(readFileSync(path.join(dir, 'previous.json'), 'utf8')) as WmoFigures;
  const reportSeconds: number[] = [];
  const cpuSeconds: number[] = [];
  const baseRssMb = process.memoryUsage().rss / 1024 ** 2;
  for (let run = 0; run < runs; run++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    // Opened as the report job opens a plain CSV (report-service.ts, openDataFiles).
    const source = store.openByteSource(stored, 'WMO_0363_2017H2.csv', { sniff: true, releaseChunks: true });
    const figures = await computeWmoFigures(source, { halfYear: '2017H2' });
    const section = buildWmoSection({
      fileName: 'WMO_0363_2017H2.csv',
      period: '2017H2',
      figures,
      labels: { productcategorie: {}, leveringsvorm: {}, reden: {} },
      redelivery: null,
      previousHalfYear: { receiptNumber: 'GGK-2018-000001', halfYear: '2017H1', figures: previous },
      thresholdPercent: 30,
    });
    JSON.stringify(section);
    reportSeconds.push((performance.now() - started) / 1000);
    const used = process.cpuUsage(cpu);
    cpuSeconds.push((used.user + used.system) / 1e6);
    if (figures.records !== rows) throw new Error(`expected ${rows} records, counted ${figures.records}`);
  }
  return { reportSeconds, cpuSeconds, baseRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

const args = readArgs(process.argv.slice(2));
const childAt = process.argv.indexOf('--measure-in');
if (childAt >= 0) {
  const measured = await measureReport(process.argv[childAt + 1]!, args.runs, args.rows);
  process.stdout.write(`${JSON.stringify(measured)}\n`);
  process.exit(0);
}
const { generatedSource, sampleContentReport } = await import('../test/support/content-report-sample.ts');
const { renderContentReportPdf } = await import('../src/modules/reports/index.ts');
const dir = mkdtempSync(path.join(os.tmpdir(), 'ggk-bench-report-'));
try {
  const masterKey = await loadMasterKey({ keyHex: MASTER_KEY_HEX, keyFile: path.join(dir, 'master.key') });
  const store = createEncryptedStore({ root: path.join(dir, 'files'), masterKey });
  const seed = [...args.seed].reduce((n, c) => n * 31 + c.charCodeAt(0), 7) % 100000;
  const source = generatedSource('wmo', '2017H2', args.rows, seed);
  const stored = await store.write(source.stream());
  const previous = await computeWmoFigures(
    generatedSource('wmo', '2017H1', Math.round(args.rows * 0.9), seed + 1),
    {
      halfYear: '2017H1',
    },
  );
  writeFileSync(path.join(dir, 'stored.json'), JSON.stringify(stored));
  writeFileSync(path.join(dir, 'previous.json'), JSON.stringify(previous));
  const self = fileURLToPath(import.meta.url);
  let childScript = ['--import', 'tsx', self];
  if (!args.fromSources) {
    const { build } = await import('esbuild');
    const outdir = path.join(path.dirname(self), 'out/content-report-child');
    await build({
      entryPoints: [self],
      outdir,
      bundle: true,
      splitting: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node24',
      logLevel: 'warning',
    });
    childScript = [path.join(outdir, `${path.basename(self, '.ts')}.js`)];
  }
  const child = spawnSync(
    process.execPath,
    [...childScript, '--measure-in', dir, '--runs', String(args.runs), '--rows', String(args.rows)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
  );
  if (child.status !== 0) throw new Error(`the measuring process failed (exit ${child.status})`);
  const { reportSeconds, cpuSeconds, baseRssMb, peakRssMb } = JSON.parse(
    child.stdout.trim().split('\n').at(-1)!,
  ) as {
    reportSeconds: number[];
    cpuSeconds: number[];
    baseRssMb: number;
    peakRssMb: number;
  };

  const contents: ContentReport = await sampleContentReport(10_000);
  const pdfSeconds: number[] = [];
  let pdfBytes = 0;
  for (let run = 0; run < args.runs; run++) {
    const started = performance.now();
    const pdf = await renderContentReportPdf(
      contents,
      {
        gemeente: 'Amsterdam',
        halfYear: '2017H2',
        generatedAt: new Date(),
        placedAt: new Date(),
        dueAt: null,
      },
      'nl',
    );
    pdfSeconds.push((performance.now() - started) / 1000);
    pdfBytes = pdf.length;
  }

  const result = {
    rows: args.rows,
    bytes: stored.bytes,
    reportSeconds: median(reportSeconds),
    rowsPerSecond: Math.round(args.rows / median(reportSeconds)),
    cpuSeconds: median(cpuSeconds),
    peakRssMb: Math.round(peakRssMb),
    baseRssMb: Math.round(baseRssMb),
    pdfSeconds: median(pdfSeconds),
    pdfBytes,
    runtime: args.fromSources ? 'sources through tsx' : 'build',
  };
  if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else
    process.stdout.write(
      [
        `op-orde rapport, Wmo-bestand van ${result.rows.toLocaleString('nl-NL')} regels (${(result.bytes / 1024 ** 2).toFixed(0)} MB, versleuteld opgeslagen):`,
        `  cijfers + vergelijking + meldingen: ${result.reportSeconds.toFixed(2)} s (${result.rowsPerSecond.toLocaleString('nl-NL')} regels/s, CPU ${result.cpuSeconds.toFixed(2)} s, piek-RSS ${result.peakRssMb} MB, waarvan ${result.baseRssMb} MB het proces vóór het rapport; ${args.fromSources ? 'bronnen via tsx' : 'gebouwd'})`,
        `  PDF van een rapport met vier bestandstypen (grafieken en tabellen): ${result.pdfSeconds.toFixed(2)} s, ${(result.pdfBytes / 1024).toFixed(0)} kB`,
        args.runs > 1 ? `  (mediaan van ${args.runs} runs)` : '',
      ]
        .filter(Boolean)
        .join('\n') + '\n',
    );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
