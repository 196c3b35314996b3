// `npm run build`: compiles the command (src/main/cli.ts: the CLI, the server and its job workers, all
// it loads) and the check's part worker (src/modules/validation-threads/part-worker.ts, started on
// worker threads) to plain JavaScript in dist/node, so they run without tsx's loader
// (docs/decisions/0032). npm runs it after `npm ci`/`npm install` (prepare) and before `npm start`
// (prestart); bin/ggk.js runs the build only while build-stamp.json says it is fresh, else the sources.
// esbuild bundles our code only (packages stay in node_modules, loaded as they are) with code
// splitting, so `ggk --help` still loads only the command line and each command its own chunks.
// Files read at run time (specs, data, migrations, stylesheets, fonts) stay where they are: the code
// finds them from the project root (src/platform/files/project-root.ts).
// A fresh build is left alone (--force builds anyway). The stamp is removed first and written last, so
// a failed or interrupted build is never used. Chunks are content-named and an older build's are kept
// for an hour: a process started from it may still load one lazily. So is the part worker
// (part-worker-<hash>.js, its name put into the command's code): a server running while the build is
// made anew starts its worker threads from its own worker, never from the new build's.
// The part worker is built first, on its own, because the command's code must hold its name.
// Plain JavaScript: it runs before npm start without tsx.
// Usage: node scripts/build.js [--force] [--quiet] | --check (says whether the build is fresh, and if not why; exit 1)
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import {
  BUILD_CONFIG_FILES,
  BUILD_DIR,
  describeFiles,
  ENTRIES,
  PART_WORKER_NAME,
  STAMP_FILE,
  staleReason,
} from './build-stamp.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KEEP_OLD_CHUNKS_MS = 60 * 60 * 1000;
/** A file changed this close before the build started may have been read before or after the change. */
const CLOCK_SLACK_MS = 50;

/**
 * Builds into root/dist/node. Returns what happened, for the caller to say.
 * @param {{ root?: string, force?: boolean }} [options]
 * @returns {Promise<{ built: boolean, stamped: boolean, inputs: number, seconds: number }>}
 */
export async function buildNode({ root = ROOT, force = false } = {}) {
  const started = Date.now();
  const outdir = path.join(root, BUILD_DIR);
  if (!force && staleReason(root) === undefined)
    return { built: false, stamped: true, inputs: 0, seconds: 0 };
  mkdirSync(outdir, { recursive: true });
  rmSync(path.join(outdir, STAMP_FILE), { force: true });
  /** @type {import('esbuild').BuildOptions} */
  const common = {
    absWorkingDir: root,
    outdir,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node24',
    tsconfig: path.join(root, 'tsconfig.json'),
    sourcemap: 'linked',
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  };
  const worker = await build({
    ...common,
    entryPoints: { [PART_WORKER_NAME]: 'src/modules/validation-threads/part-worker.ts' },
    entryNames: '[name]-[hash]',
  });
  const partWorker = Object.entries(worker.metafile.outputs)
    .filter(([, output]) => output.entryPoint !== undefined)
    .map(([file]) => path.basename(file))[0];
  if (partWorker === undefined) throw new Error('the part worker was not built');
  const command = await build({
    ...common,
    entryPoints: { [ENTRIES.cli.replace(/\.js$/, '')]: 'src/main/cli.ts' },
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    splitting: true,
    // modules/validation-threads starts its workers from this file.
    define: { __GGK_PART_WORKER__: JSON.stringify(partWorker) },
  });
  const inputs = [
    ...new Set([...Object.keys(worker.metafile.inputs), ...Object.keys(command.metafile.inputs)]),
  ];
  const files = describeFiles(root, [...inputs, ...BUILD_CONFIG_FILES]);
  // Stamped only when no input changed while esbuild read them: else the next build makes it anew.
  const stamped =
    files !== undefined && Object.values(files).every(([, mtimeMs]) => mtimeMs < started - CLOCK_SLACK_MS);
  if (stamped) {
    const temporary = path.join(outdir, `${STAMP_FILE}.${process.pid}`);
    writeFileSync(
      temporary,
      `${JSON.stringify({ builtAt: new Date(started).toISOString(), partWorker, files })}\n`,
    );
    renameSync(temporary, path.join(outdir, STAMP_FILE));
  }
  const current = new Set(
    [...Object.keys(worker.metafile.outputs), ...Object.keys(command.metafile.outputs)].map((file) =>
      path.basename(file),
    ),
  );
  for (const name of readdirSync(outdir)) {
    if (current.has(name) || name === STAMP_FILE) continue;
    const file = path.join(outdir, name);
    if (statSync(file).mtimeMs < started - KEEP_OLD_CHUNKS_MS) rmSync(file, { force: true, recursive: true });
  }
  return { built: true, stamped, inputs: inputs.length, seconds: (Date.now() - started) / 1000 };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes('--check')) {
    const reason = staleReason(ROOT);
    console.log(reason === undefined ? `${BUILD_DIR} is actueel.` : `${BUILD_DIR} is verouderd: ${reason}.`);
    process.exit(reason === undefined ? 0 : 1);
  }
  const outcome = await buildNode({ force: args.includes('--force') });
  if (!args.includes('--quiet')) {
    if (!outcome.built) console.log(`${BUILD_DIR} is actueel.`);
    else if (outcome.stamped)
      console.log(
        `${BUILD_DIR} gebouwd uit ${outcome.inputs} bronbestanden in ${outcome.seconds.toFixed(1)} s.`,
      );
    else
      console.log(
        `${BUILD_DIR} gebouwd, maar een bronbestand veranderde tijdens het bouwen: ggk gebruikt de bronnen tot de volgende build.`,
      );
  }
}
