// The upload benchmark at tiny scale: it runs end to end (serve, generate, upload, report) and
// prints the JSON shape `npm run bench:upload -- --json` promises. No timing is asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bench = fileURLToPath(new URL('./upload.bench.ts', import.meta.url));

test('the upload benchmark prints one JSON object with every run, the median and the plain server beside it', async () => {
  // Its own database, whatever the environment says (the benchmark would use DATABASE_URL).
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', bench, '--rows', '500', '--runs', '2', '--seed', 'bench-test', '--json'],
    { env },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  assert.equal(code, 0, stderr);
  const report = JSON.parse(stdout) as {
    rows: number;
    bytes: number;
    runs: Array<Record<string, unknown>>;
    median: Record<string, unknown>;
    cpuMsPerMB: number;
    contender: { name: string; runsMBps: number[]; medianMBps: number; ratio: number; cpuMsPerMB: number };
    goalMBps: number;
  };
  assert.deepEqual(Object.keys(report), [
    'rows',
    'bytes',
    'runs',
    'median',
    'cpuMsPerMB',
    'contender',
    'goalMBps',
  ]);
  assert.equal(report.rows, 500);
  assert.ok(report.bytes > 500 * 40);
  assert.equal(report.runs.length, 2);
  for (const run of report.runs) {
    assert.deepEqual(Object.keys(run), [
      'uploadSeconds',
      'uploadMBps',
      'receiptToReportSeconds',
      'state',
      'uploadCpuSeconds',
    ]);
    assert.ok(typeof run.uploadCpuSeconds === 'number' && run.uploadCpuSeconds >= 0);
    assert.ok(typeof run.uploadSeconds === 'number' && run.uploadSeconds > 0);
    assert.ok(typeof run.uploadMBps === 'number' && run.uploadMBps > 0);
    assert.ok(typeof run.receiptToReportSeconds === 'number' && run.receiptToReportSeconds >= 0);
    assert.equal(run.state, 'approved');
  }
  assert.deepEqual(Object.keys(report.median), ['uploadSeconds', 'uploadMBps', 'receiptToReportSeconds']);
  assert.ok(report.cpuMsPerMB >= 0);
  // The plain stream-to-disk server (its own process) took the same uploads, one per run.
  assert.equal(report.contender.name, 'plain stream-to-disk (own process)');
  assert.ok(report.contender.cpuMsPerMB >= 0);
  assert.equal(report.contender.runsMBps.length, 2);
  assert.ok(report.contender.runsMBps.every((x) => x > 0));
  assert.ok(report.contender.ratio > 0);
});
