import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { specIdForHalfYear } from '../spec-catalogue.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = 'test/fixtures/validation';

function ggk(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/ggk.js', 'validate', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('approves a valid delivery with exit 0 and prints only the JSON report', () => {
  const run = ggk('--json', '--today', '2018-02-20', `${FIXTURES}/valid-zip/MSD.zip`);
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout);
  assert.equal(report.reportVersion, 1);
  assert.equal(report.spec, 'gmsd-2017');
  assert.equal(report.status, 'approved');
  assert.equal(report.files.length, 4);
});

test('rejects with exit 1, also for a binary file posing as CSV', () => {
  const rejected = ggk(
    '--json',
    '--today',
    '2018-02-20',
    `${FIXTURES}/field-bsn-elfproef/WMO_0363_2017H2.csv`,
  );
  assert.equal(rejected.status, 1);
  assert.equal(JSON.parse(rejected.stdout).status, 'rejected');
  const binary = ggk('--json', `${FIXTURES}/file-unreadable/WMO_0363_2017H2.csv`);
  assert.equal(binary.status, 1);
  assert.equal(JSON.parse(binary.stdout).files[0].counts['file.unreadable'], 1);
});

test('checks against the delivering gemeente and period given as flags', () => {
  const run = ggk(
    '--json',
    '--gemeente',
    '0344',
    '--period',
    '2017H2',
    '--today',
    '2018-02-20',
    `${FIXTURES}/valid-wmo/WMO_0363_2017H2.csv`,
  );
  assert.equal(run.status, 1);
  assert.ok(JSON.parse(run.stdout).files[0].counts['gemeente.mismatch'] >= 1);
});

test('exits 2 without a report when it cannot judge: missing file, bad flags, unknown spec', () => {
  for (const args of [
    ['--json', 'bestaat-niet.csv'],
    ['--json', '--gemeente', '363', `${FIXTURES}/valid-wmo/WMO_0363_2017H2.csv`],
    ['--json', '--period', '2017H3', `${FIXTURES}/valid-wmo/WMO_0363_2017H2.csv`],
    // Before the first spec: no layout to judge by (docs/decisions/0031-spec-period-coverage.md).
    ['--json', '--period', '2016H2', `${FIXTURES}/valid-wmo/WMO_0363_2017H2.csv`],
    ['--json', '--today', '2018-02-30', `${FIXTURES}/valid-wmo/WMO_0363_2017H2.csv`],
    ['--json', '--spec', 'gmsd-1999', `${FIXTURES}/valid-wmo/WMO_0363_2017H2.csv`],
    ['--json', '--onbekend', `${FIXTURES}/valid-wmo/WMO_0363_2017H2.csv`],
    ['--json'],
  ]) {
    const run = ggk(...args);
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.equal(run.stdout, '', args.join(' '));
    assert.notEqual(run.stderr, '', args.join(' '));
  }
});

test("judges a period after the newest spec's first one with that spec, as the portal's round for it does", () => {
  // The open demo round of 2025H2 judges with the spec the same choice gives (seed-demo.ts).
  const run = ggk(
    '--json',
    '--period',
    '2025H2',
    '--today',
    '2026-02-20',
    `${FIXTURES}/valid-wmo/WMO_0363_2017H2.csv`,
  );
  assert.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout);
  assert.equal(report.spec, specIdForHalfYear('2025H2'));
  assert.equal(report.spec, 'gmsd-2017');
  // Judged, not refused: the 2017H2 file is not the delivered 2025H2.
  assert.ok(report.files[0].counts['period.mismatch'] >= 1);
});

test('prints a readable Dutch summary without --json, never a whole BSN', () => {
  const run = ggk('--today', '2018-02-20', `${FIXTURES}/field-bsn-elfproef/WMO_0363_2017H2.csv`);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /Aanlevering AFGEKEURD/);
  assert.match(run.stdout, /elfproef/);
  assert.doesNotMatch(run.stdout + run.stderr, /123456789/);
  assert.match(run.stdout, /12345\*\*\*\*/);
});

test('--threads checks a file from 8 MiB in parts and prints the very same report', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'ggk-validate-threads-'));
  try {
    // ~9 MiB: the fixture's rows (a bad BSN among them) again and again, so duplicates cross parts.
    const [header, ...rows] = (await readFile(`${FIXTURES}/field-bsn-elfproef/WMO_0363_2017H2.csv`, 'utf8'))
      .trimEnd()
      .split('\n');
    const block = `${rows.join('\n')}\n`;
    const file = path.join(dir, 'WMO_0363_2017H2.csv');
    await writeFile(file, `${header}\n${block.repeat(Math.ceil((9 * 1024 * 1024) / block.length))}`);
    const one = ggk('--json', '--today', '2018-02-20', file);
    const parts = ggk('--json', '--threads', '--today', '2018-02-20', file);
    const noThreads = ggk('--json', '--no-threads', '--today', '2018-02-20', file);
    assert.equal(one.status, 1, one.stderr);
    assert.equal(parts.status, 1, parts.stderr);
    const counts = (JSON.parse(one.stdout) as { files: Array<{ counts: Record<string, number> }> }).files[0]!
      .counts;
    assert.ok((counts['record.duplicate_line'] ?? 0) > 50_000, JSON.stringify(counts));
    assert.ok((counts['field.bsn_elfproef'] ?? 0) > 50_000, JSON.stringify(counts));
    assert.equal(parts.stdout, one.stdout);
    assert.equal(noThreads.stdout, one.stdout);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
