#!/usr/bin/env node
// The package's command. It runs the compiled build (dist/node/cli.js: plain JavaScript, no loader;
// `npm ci` and `npm start` make it, `npm run build` too) when build-stamp.json says it was built from
// the sources as they are now. Else, e.g. after an edit or a pull, it runs the TypeScript sources
// through tsx's loader as it always did, so a stale build never runs (docs/decisions/0032 and 0001).
// The check costs a few milliseconds (one stat per source file in the build).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUILD_DIR, ENTRIES, staleReason } from '../scripts/build-stamp.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (staleReason(root) === undefined) {
  // Stack traces name the TypeScript sources (dist/node/*.js.map): ~1 MB and ~0.01 CPU-s more.
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(path.join(root, BUILD_DIR, ENTRIES.cli)).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main/cli.ts');
}
