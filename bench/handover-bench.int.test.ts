// The hand-over benchmark at its --quick scale: it runs end to end (serve, uploads, checks, feed,
// files via the API and from the store, RSS) and prints the JSON shape it promises. No timing is
// asserted; every file's SHA-256 is compared by the benchmark itself (it fails on a mismatch).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bench = fileURLToPath(new URL('./handover.bench.ts', import.meta.url));

test('the hand-over benchmark prints one JSON object with feed, API, store and RSS figures', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', bench, '--quick', '--gemeenten', '6', '--json']);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  assert.equal(code, 0, stderr);
  interface Throughput {
    files: number;
    bytes: number;
    seconds: number;
    filesPerSecond: number;
    megabytesPerSecond: number;
  }
  const report = JSON.parse(stdout) as Record<string, unknown> & {
    feed: { items: number; pages: number };
    api: Throughput;
    store: Throughput;
    apiOverSeconds: number;
    large: { api: Throughput; store: Throughput; apiOverSeconds: number };
    rss: { idleMb: number; smallFilesPeakMb: number; largeFilesPeakMb: number };
  };
  assert.deepEqual(Object.keys(report), [
    'gemeenten',
    'rejectedGemeenten',
    'rows',
    'largeRows',
    'concurrency',
    'feed',
    'api',
    'store',
    'apiOverSeconds',
    'large',
    'rss',
  ]);
  assert.equal(report.gemeenten, 6);
  assert.equal(report.rejectedGemeenten, 0);
  assert.equal(report.feed.items, 7, 'six round deliveries and one large file');
  for (const t of [report.api, report.store]) {
    assert.deepEqual(Object.keys(t), ['files', 'bytes', 'seconds', 'filesPerSecond', 'megabytesPerSecond']);
    assert.equal(t.files, 24);
    assert.ok(t.bytes > 0 && t.seconds > 0 && t.filesPerSecond > 0 && t.megabytesPerSecond > 0);
  }
  assert.equal(report.large.api.files, 1);
  assert.ok(report.large.api.bytes > 1e6);
  assert.ok(report.apiOverSeconds > 0 && report.large.apiOverSeconds > 0);
  assert.deepEqual(Object.keys(report.rss), ['idleMb', 'smallFilesPeakMb', 'largeFilesPeakMb']);
  assert.ok(report.rss.idleMb > 0 && report.rss.largeFilesPeakMb > 0);
});
