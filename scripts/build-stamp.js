// Is the compiled build in dist/node fresh? (docs/decisions/0032) Plain JavaScript on purpose: bin/ggk.js
// asks this before anything can load TypeScript, on every start, so it must be cheap and need nothing.
// The build writes dist/node/build-stamp.json last, listing every file esbuild read (the metafile's
// inputs: exactly the sources in the bundle) and the files that decide how they are compiled, each
// with its size and modification time as the build saw them. The build is fresh when every listed file
// still has that size and time (any difference counts, also an older time: a file put back from a
// backup) and the entry points (the command and the part worker the stamp names) exist. A source file the bundle does not read cannot make it stale; a
// new file only matters once a listed one imports it, and then that one has changed. Costs one stat
// per listed file (~360): ~8 ms of CPU in a new process.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Where the build goes, relative to the project root. */
export const BUILD_DIR = 'dist/node';
export const STAMP_FILE = 'build-stamp.json';
/** The entry points, relative to the build directory. */
export const ENTRIES = { cli: 'cli.js' };
/**
 * The check's part worker is built as <this>-<content hash>.js, the name in the stamp (partWorker) and in
 * the command's code: a process keeps starting workers from its own build's file after a rebuild.
 */
export const PART_WORKER_NAME = 'part-worker';
/** Files besides the bundle's inputs whose change makes a build stale (how the sources are compiled). */
export const BUILD_CONFIG_FILES = ['tsconfig.json', 'scripts/build.js', 'scripts/build-stamp.js'];

/**
 * The stamp's list: each file (relative to root, '/'-separated) with [size, mtimeMs], or undefined when
 * one of them is missing.
 * @param {string} root
 * @param {string[]} files
 * @returns {Record<string, [number, number]> | undefined}
 */
export function describeFiles(root, files) {
  /** @type {Record<string, [number, number]>} */
  const described = {};
  for (const file of files) {
    const stat = statSync(path.join(root, file), { throwIfNoEntry: false });
    if (!stat) return undefined;
    described[file] = [stat.size, stat.mtimeMs];
  }
  return described;
}

/**
 * Why the build in buildDir cannot be used for the sources under root, or undefined when it is fresh.
 * @param {string} root the project root
 * @param {string} [buildDir] absolute; default root/dist/node
 * @returns {string | undefined}
 */
export function staleReason(root, buildDir = path.join(root, BUILD_DIR)) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(path.join(buildDir, STAMP_FILE), 'utf8'));
  } catch {
    return 'no build';
  }
  const partWorker = stamp?.partWorker;
  if (typeof partWorker !== 'string' || !partWorker.startsWith(`${PART_WORKER_NAME}-`)) return 'old stamp';
  for (const entry of [...Object.values(ENTRIES), partWorker])
    if (!existsSync(path.join(buildDir, entry))) return `${entry} is missing`;
  const files = stamp && typeof stamp.files === 'object' && stamp.files !== null ? stamp.files : {};
  const names = Object.keys(files);
  if (names.length === 0) return 'empty stamp';
  // root + '/' + name rather than path.join: the check runs on every start, and path.join's
  // normalising doubled its CPU time (cold, ~360 files: ~20 against ~8 ms).
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  for (const name of names) {
    const stat = statSync(prefix + name, { throwIfNoEntry: false });
    const [size, mtimeMs] = files[name];
    if (!stat) return `${name} is gone`;
    if (stat.size !== size || stat.mtimeMs !== mtimeMs) return `${name} changed`;
  }
  return undefined;
}
