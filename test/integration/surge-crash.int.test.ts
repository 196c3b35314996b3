// A small closing-day surge with `kill -9` (issue 10, "Crashes"): `ggk serve` and `ggk worker` are
// killed in turn at random moments while gemeenten upload and their files are checked, and started
// again; the API clients retry as a careful client does. Afterwards: every receipt a client got has
// its delivery with exactly the files it names (decrypted from the store, SHA-256 equal to the
// receipt), every delivery is approved or rejected as its file deserves, every delivery has exactly
// one completed check job, every report mail was sent once (the outbox and the SMTP catcher agree;
// a killed worker may send the mail it had in flight once more, with the same Message-ID: the
// at-least-once window of docs/reliability.md),
// no stored file lacks its delivery, and no delivery lacks a receipt. The large version is
// `npm run bench:surge -- --crash`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { runSurge } from '../support/surge.ts';

test('a surge with web and worker killed at random moments loses nothing and doubles nothing', async (ctx) => {
  const result = await runSurge({
    gemeenten: 16,
    // Large enough that the first kill (0.3–1 s in) finds uploads running, also on a quiet machine.
    maxRows: 20_000,
    concurrency: 6,
    workers: 1,
    badShare: 0.15,
    garbageShare: 0.1,
    duplicateShare: 0.15,
    seed: 'suite-crash',
    cacheDir: path.join(os.tmpdir(), 'ggk-surge-cache'),
    chaos: { minMs: 300, maxMs: 1_000, minKills: 2 },
    settleTimeoutMs: 120_000,
  });
  const r = result.reconciliation;
  ctx.diagnostic(
    `kills ${JSON.stringify(result.kills)}, ${result.retries} retried uploads, ${result.recoveredReceipts} receipts recovered, ${r.jobsRetried} jobs retried, ${r.mailsResentAfterCrash} mails resent after a kill; uploads ${result.uploadSeconds} s; ${r.receipts} receipts, ${r.filesVerified} files verified`,
  );
  assert.ok(
    result.kills.web >= 1 && result.kills.worker >= 1,
    `both kinds killed: ${JSON.stringify(result.kills)}`,
  );
  assert.ok(
    result.retries + r.jobsRetried > 0,
    'a kill hit work in flight (an upload retried or a check job run again)',
  );
  assert.deepEqual(result.errors, []);
  assert.deepEqual(r.lost, [], 'every receipt has its delivery and intact files');
  assert.deepEqual(r.unacknowledged, [], 'no delivery without a receipt');
  assert.equal(r.duplicateFiles, 0, 'no file stored twice');
  assert.deepEqual(r.notFinal, [], 'every delivery reached a final state');
  assert.deepEqual(r.unexpectedOutcome, []);
  assert.equal(r.orphanFiles, 0, 'no stored file without its delivery');
  assert.deepEqual(r.jobProblems, [], 'one completed job per delivery');
  assert.deepEqual(
    r.mailProblems,
    [],
    'each report mail sent once, or twice with one Message-ID after a worker kill',
  );
  assert.ok(
    r.receipts > 16 && r.filesVerified >= r.receipts,
    `receipts ${r.receipts}, files ${r.filesVerified}`,
  );
  assert.ok(result.expectedRefusals >= 1, 'a file sent twice was refused');
  assert.ok(r.ok);
});
