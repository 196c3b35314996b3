// The pages benchmark at its --quick scale: it runs end to end (serve, uploads, checks, op-orde
// rapporten, a real login, wrk against ggk and against the bare floor server) and prints the JSON
// shape it promises. No timing is asserted. Skipped, loudly, without wrk (`apt-get install -y wrk`;
// .ci/run installs it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bench = fileURLToPath(new URL('./pages.bench.ts', import.meta.url));
const noWrk = spawnSync('wrk', ['--version']).error !== undefined;

test(
  'the pages benchmark loads each page with wrk beside the bare floor and prints one JSON object',
  { skip: noWrk ? 'wrk is not installed: apt-get install -y wrk' : false },
  async () => {
    const child = spawn(process.execPath, [
      '--import',
      'tsx',
      bench,
      '--quick',
      '--gemeenten',
      '3',
      '--duration',
      '3',
      '--connections',
      '4',
      '--json',
    ]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout) as {
      benchmark: string;
      deliveries: number;
      pages: Array<{
        page: string;
        path: string;
        htmlBytes: number;
        ggk: {
          requests: number;
          failed: number;
          failedStatuses?: Record<string, number>;
          p50: number;
          p95: number;
          p99: number;
        };
        floor: { requests: number; p95: number };
        p95Ratio: number;
        goalMet: boolean;
      }>;
    };
    assert.equal(report.benchmark, 'pages');
    assert.equal(report.deliveries, 12, 'three gemeenten, four uploads each');
    assert.deepEqual(
      report.pages.map((p) => p.path),
      ['/aanleveringen/:id/op-orde', '/aanleveringen/:id', '/monitor', '/aanleveringen'],
    );
    for (const page of report.pages) {
      assert.ok(page.htmlBytes > 1000, `${page.path} rendered a page`);
      assert.ok(page.ggk.requests > 0 && page.floor.requests > 0, `${page.path} was loaded`);
      assert.equal(
        page.ggk.failed,
        0,
        `${page.path}: every answer a 200 (sessions and rate limit hold): ${JSON.stringify(page.ggk.failedStatuses)}`,
      );
      assert.ok(page.ggk.p50 <= page.ggk.p95 && page.ggk.p95 <= page.ggk.p99);
    }
  },
);
