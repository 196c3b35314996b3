// The hostile corpus (test/fixtures/hostile/, recipes in test/support/hostile-corpus.ts) through
// both doors: each file as its own delivery through the API of the real app (each case from its
// own gemeente's token), and all of them in one `ggk validate` run. Every file must get one of the
// finding codes its case names (or, through the API, the Dutch refusal it names); the app must
// answer afterwards and the CLI must finish with a verdict (exit 0/1, never a crash); memory must
// stay bounded in both.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApiToken } from '../../src/modules/auth/index.ts';
import type { Report } from '../../src/modules/validation/index.ts';
import { GGK_BIN } from '../support/ggk-process.ts';
import { uploadDelivery } from '../support/delivery-api.ts';
import { HOSTILE_CASES, HOSTILE_DIR, caseFile } from '../support/hostile-corpus.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { organisationByCode } from '../support/factories.ts';

const now = new Date('2018-02-20T09:00:00Z');
/** The test app accepts uploads up to this size (the default is 2 GB); the 100 MB line is refused through the API. */
const MAX_UPLOAD_BYTES = 16 * 1024 ** 2;
let t: TestApp;
let bigDir: string;
const files = new Map<string, string>();

before(async () => {
  bigDir = await mkdtemp(path.join(os.tmpdir(), 'ggk-hostile-'));
  for (const c of HOSTILE_CASES) files.set(c.id, await caseFile(c, bigDir));
  t = await startTestApp({
    now: () => now,
    deliveries: true,
    env: { GGK_MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) },
  });
});
after(async () => {
  await t?.close();
  await rm(bigDir, { recursive: true, force: true });
});

function codesFor(report: Report, fileName: string): Set<string> {
  const mine = (name: string | undefined) => name === fileName || (name ?? '').startsWith(`${fileName}/`);
  const codes = new Set<string>();
  for (const f of report.findings) if (mine(f.file)) codes.add(f.code);
  for (const file of report.files.filter((f) => mine(f.name))) {
    for (const f of file.findings) codes.add(f.code);
    for (const code of Object.keys(file.counts)) codes.add(code);
  }
  return codes;
}

test('the manifest lists every case with its file, and there are at least 40', () => {
  const manifest = JSON.parse(readFileSync(path.join(HOSTILE_DIR, 'manifest.json'), 'utf8')) as {
    cases: Array<{ id: string; file: string; expect: string[]; generatedAtTestTime: boolean }>;
  };
  assert.ok(manifest.cases.length >= 40, `${manifest.cases.length} cases`);
  assert.deepEqual(
    manifest.cases.map((c) => `${c.file} ${c.expect.join(',')}`),
    HOSTILE_CASES.map((c) => `${c.id}/${c.file} ${c.expect.join(',')}`),
    'the manifest is current: node --import tsx test/support/hostile-corpus.ts',
  );
});

test('through the API every hostile file gets a finding or a Dutch refusal, and the app stays up', async (ctx) => {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const problems: string[] = [];
  const received: Array<{ c: (typeof HOSTILE_CASES)[number]; id: string }> = [];
  try {
    for (const c of HOSTILE_CASES) {
      const organisation = await organisationByCode(t.database.db, c.gemeente);
      const { token } = await createApiToken(t.database.db, {
        organisationId: organisation.id,
        name: c.id,
        roles: ['aanleveraar'],
        days: 30,
        createdBy: null,
        now,
      });
      let response;
      try {
        response = await uploadDelivery({
          url: t.url,
          token,
          fields: { halfjaar: '2017H2' },
          files: [{ name: c.file, source: { path: files.get(c.id)! } }],
        });
      } catch (error) {
        problems.push(`${c.id}: connection broke (${String(error)})`);
        continue;
      }
      if (c.apiRefusal) {
        const title = (JSON.parse(response.body) as { title?: string }).title ?? '';
        if (response.status < 400 || response.status >= 500 || !title.includes(c.apiRefusal))
          problems.push(`${c.id}: expected a refusal, got ${response.status} ${title}`);
        continue;
      }
      if (response.status !== 201) {
        problems.push(`${c.id}: ${response.status} ${response.body.slice(0, 200)}`);
        continue;
      }
      received.push({ c, id: (JSON.parse(response.body) as { id: string }).id });
    }
    // All uploaded first, then judged: the checks run while the next files arrive.
    for (const { c, id } of received) {
      let report: Report | undefined;
      for (let i = 0; i < 1200 && !report; i++) {
        const row = await t.database.db
          .selectFrom('deliveries')
          .select(['state', 'report'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        if (row.state === 'approved' || row.state === 'rejected') report = row.report as unknown as Report;
        else await sleep(100);
      }
      if (!report) {
        problems.push(`${c.id}: not checked in time`);
        continue;
      }
      // One file per delivery: every finding of the report is about it (the API shortens long names).
      const codes = new Set([
        ...report.findings.map((f) => f.code),
        ...report.files.flatMap((f) => [...f.findings.map((x) => x.code), ...Object.keys(f.counts)]),
      ]);
      if (!c.expect.some((code) => codes.has(code)))
        problems.push(
          `${c.id}: ${report.status}, codes ${[...codes].join(',')}, expected one of ${c.expect.join(',')}`,
        );
    }
  } finally {
    clearInterval(sampler);
  }
  assert.deepEqual(problems, []);
  const health = await fetch(`${t.url}/health`);
  assert.equal(health.status, 200, 'the app still answers');
  const stillThere = await t.database.db.selectFrom('deliveries').select('id').execute();
  assert.ok(stillThere.length >= HOSTILE_CASES.length - 1, 'the deliveries table is intact');
  const growthMb = (peak - baseline) / 1e6;
  ctx.diagnostic(
    `API: ${HOSTILE_CASES.length} files, resident memory grew ${growthMb.toFixed(0)} MB at most`,
  );
  assert.ok(growthMb < 400, `memory grew ${growthMb.toFixed(0)} MB during the corpus`);
});

test('`ggk validate` judges every hostile file in one run, with bounded memory', async (ctx) => {
  const paths = HOSTILE_CASES.map((c) => files.get(c.id)!);
  const child = spawn(
    process.execPath,
    [GGK_BIN, 'validate', '--json', '--period', '2017H2', '--today', '2018-02-20', ...paths],
    { env: { ...process.env, NODE_ENV: 'test' } },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  // Peak resident memory of the child, as the kernel counts it (VmHWM), sampled until it exits.
  let peakKb = 0;
  const sampler = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {
      // exited between samples
    }
  }, 25);
  const code: number | null = await new Promise((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  assert.equal(code, 1, `exit status 1 (rejected), not a crash: ${err.slice(0, 500)}`);
  const report = JSON.parse(out) as Report;
  const problems: string[] = [];
  for (const c of HOSTILE_CASES) {
    const codes = codesFor(report, c.file);
    if (!c.expect.some((x) => codes.has(x)))
      problems.push(
        `${c.id}: codes ${[...codes].join(',') || 'none'}, expected one of ${c.expect.join(',')}`,
      );
  }
  assert.deepEqual(problems, []);
  ctx.diagnostic(`ggk validate: peak resident memory ${Math.round(peakKb / 1024)} MB`);
  if (peakKb > 0) assert.ok(peakKb < 600 * 1024, `ggk validate peaked at ${Math.round(peakKb / 1024)} MB`);
});
