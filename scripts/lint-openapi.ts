// Writes /api/v1/openapi.json as the app serves it and lints it with Spectral against the Logius API
// Design Rules ruleset (../shared/tools/adr-ruleset.yml). Fails on any error; part of `npm run check`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from '../src/http/api/v1/openapi.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ruleset = process.env.GGK_ADR_RULESET ?? path.resolve(root, '../shared/tools/adr-ruleset.yml');
const dir = mkdtempSync(path.join(os.tmpdir(), 'ggk-openapi-'));
const file = path.join(dir, 'openapi.json');
try {
  writeFileSync(file, JSON.stringify(openApiDocument('https://ggk.example.nl'), null, 2));
  const run = spawnSync(
    path.join(root, 'node_modules/.bin/spectral'),
    ['lint', '--ruleset', ruleset, '--fail-severity', 'error', file],
    { stdio: 'inherit' },
  );
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
