// One contender of the validate benchmark, run in its own process so its peak memory is its own.
// Usage: node bench/out/validate-contender.mjs ggk|ggk-threads|udsv|csv-parse FILE SPEC_JSON DATA_DIR
// (validate.bench.ts bundles this file first, so no TypeScript loader sits in the measured memory.)
// Prints one JSON line: {"name","rows","seconds","cpuSeconds","peakRssMb"}; the times exclude process
// start-up.
import { createReadStream, readFileSync } from 'node:fs';
import { parse } from 'csv-parse';
import { inferSchema, initParser } from 'udsv';
import { loadClassification } from '../src/modules/classification/index.ts';
import { loadSpec, validateUpload } from '../src/modules/validation/index.ts';
import { createNodeSha256, openFileByteSource } from '../src/platform/files/file-byte-source.ts';
import { createThreadedCheck } from '../src/modules/validation-threads/index.ts';

const READ_CHUNK_BYTES = 1 << 20;

/**
 * The full technical check, exactly as `ggk validate` runs it (every rule, SHA-256 of the file). Loading
 * the spec and the classification happens once per process and is left out of the time, as the parsers
 * have no such set-up either.
 */
function prepareGgk(threaded: boolean): (file: string) => Promise<{ rows: number; status: string }> {
  // As `ggk validate --threads` does (src/main/commands/validate-run.ts): the worker threads start
  // first and come up while this thread loads the spec and the classification. Their start-up CPU is
  // then outside `cpuSeconds` (~0.04 CPU-s a worker), as it is outside the command's check; the time
  // from here to the first output is the start-up row of bench/startup.bench.ts.
  const threads = threaded
    ? createThreadedCheck({ workerScript: new URL('./part-worker.mjs', import.meta.url) })
    : undefined;
  threads?.warm();
  const spec = loadSpec(JSON.parse(readFileSync(specFile!, 'utf8')));
  const classification = loadClassification(dataDir);
  return (file) => runGgk(file, spec, classification, threads);
}

/** `threads`: as `ggk validate --threads` runs it, on every core (modules/validation-threads). */
async function runGgk(
  file: string,
  spec: ReturnType<typeof loadSpec>,
  classification: ReturnType<typeof loadClassification>,
  threads: ReturnType<typeof createThreadedCheck> | undefined,
): Promise<{ rows: number; status: string }> {
  const source = await openFileByteSource(file);
  const report = await validateUpload([source], {
    ...(threads ? { parts: threads } : {}),
    spec,
    classification,
    gemeente: '0363',
    period: '2017H2',
    today: '2018-03-01',
    createHasher: createNodeSha256,
  });
  await threads?.close();
  const fileReport = report.files[0];
  return { rows: fileReport?.rows.total ?? 0, status: report.status };
}

/** udsv, quote-aware (encl '"'), parsing only, fed incrementally so it does not hold the file. */
async function runUdsv(file: string): Promise<{ rows: number }> {
  const decoder = new TextDecoder();
  let parser: ReturnType<typeof initParser> | null = null;
  let rows = 0;
  const count = () => void rows++;
  for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK_BYTES })) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    parser ??= initParser(inferSchema(text, { col: ';', row: '\n', encl: '"' }));
    parser.chunk<string[]>(text, parser.stringArrs, count);
  }
  parser?.end();
  return { rows };
}

/** csv-parse, streaming, parsing only (header line skipped). */
async function runCsvParse(file: string): Promise<{ rows: number }> {
  const parser = createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }).pipe(
    parse({ delimiter: ';', quote: '"', from_line: 2, relax_column_count: true }),
  );
  let rows = 0;
  for await (const _record of parser) rows++;
  return { rows };
}

const [name, file, specFile, dataDir] = process.argv.slice(2);
const runners: Record<string, () => (file: string) => Promise<{ rows: number; status?: string }>> = {
  ggk: () => prepareGgk(false),
  'ggk-threads': () => prepareGgk(true),
  udsv: () => runUdsv,
  'csv-parse': () => runCsvParse,
};
const run = name === undefined ? undefined : runners[name]?.();
if (!run || file === undefined || specFile === undefined || dataDir === undefined) {
  process.stderr.write(
    'gebruik: validate-contender.mjs ggk|ggk-threads|udsv|csv-parse BESTAND SPEC_JSON DATA_DIR\n',
  );
  process.exit(2);
}
const started = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
const result = await run(file);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
// maxRSS is in kilobytes.
const peakRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ name, ...result, seconds, cpuSeconds, peakRssMb })}\n`);
