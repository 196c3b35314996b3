import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bench = fileURLToPath(new URL('./validate.bench.ts', import.meta.url));

test('the validate benchmark prints one JSON object with every contender', () => {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', bench, '--rows', '2000', '--runs', '1', '--json'],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout) as {
    rows: number;
    bytes: number;
    results: Array<{ name: string; seconds: number; rowsPerSecond: number; peakRssMb: number }>;
  };
  assert.deepEqual(Object.keys(report), ['rows', 'bytes', 'results']);
  assert.equal(report.rows, 2000);
  assert.ok(report.bytes > 2000 * 40);
  assert.deepEqual(
    report.results.map((result) => result.name),
    ['ggk', 'ggk-threads', 'udsv', 'csv-parse', 'cat'],
  );
  for (const result of report.results) {
    assert.deepEqual(Object.keys(result), ['name', 'seconds', 'rowsPerSecond', 'peakRssMb']);
    assert.ok(result.seconds > 0 && result.rowsPerSecond > 0 && result.peakRssMb > 0, result.name);
  }
});

test('with --memory-rows it also gives ggk peak memory on a larger file, on one thread and on both cores', () => {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', bench, '--rows', '2000', '--runs', '1', '--memory-rows', '3000', '--json'],
    { encoding: 'utf8' },
  );
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout) as {
    memory: {
      rows: number;
      bytes: number;
      results: Array<{ name: string; seconds: number; peakRssMb: number }>;
    };
  };
  assert.equal(report.memory.rows, 3000);
  assert.ok(report.memory.bytes > 3000 * 40);
  assert.deepEqual(
    report.memory.results.map((result) => result.name),
    ['ggk', 'ggk-threads'],
  );
  for (const result of report.memory.results) {
    assert.ok(result.seconds > 0 && result.peakRssMb > 0, result.name);
  }
});
