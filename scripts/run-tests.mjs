// Runs the test suite: finds every *.test.ts under src/, test/ and bench/ and hands node's test
// runner the explicit list (on Node 20 a folder or a quoted glob silently runs 0 tests).
// Usage: node scripts/run-tests.mjs [--unit | --integration | --e2e] [filter...]
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const tier = args.find((a) => a.startsWith('--'));
const filters = args.filter((a) => !a.startsWith('--'));

function walk(dir) {
  let out = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name === 'fixtures') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out = out.concat(walk(p));
    else if (e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

let files = ['src', 'test', 'bench'].flatMap(walk).sort();
const isE2e = (f) => f.endsWith('.e2e.test.ts');
const isInt = (f) => f.endsWith('.int.test.ts');
if (tier === '--unit') files = files.filter((f) => !isE2e(f) && !isInt(f));
if (tier === '--integration') files = files.filter(isInt);
if (tier === '--e2e') files = files.filter(isE2e);
if (filters.length > 0) files = files.filter((f) => filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error('Geen testbestanden gevonden.');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
