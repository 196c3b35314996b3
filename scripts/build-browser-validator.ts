// `npm run build:browser`: bundles the validation engine for the browser into
// dist/browser/ggk-validator.js (ESM). Besides the engine's public surface (src/modules/validation/
// index.ts) the bundle carries what a page needs to run a check without a server: a Blob ByteSource,
// the specs and the municipal classifications from data/, and the pure classification factory.
// platform: 'browser' makes esbuild fail on any Node built-in that slips into the engine.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type BuildResult } from 'esbuild';
import { PROJECT_ROOT as ROOT } from '../src/platform/files/project-root.ts';

export const BROWSER_BUNDLE = path.join(ROOT, 'dist/browser/ggk-validator.js');

/** The entry module, written here so the engine's own index.ts stays free of browser-only extras. */
function createEntrySource(): string {
  const specFiles = readdirSync(path.join(ROOT, 'specs/gmsd')).filter((name) => /^\d{4}\.json$/.test(name));
  const dataFiles = readdirSync(path.join(ROOT, 'data')).filter((name) =>
    /^gemeenten-\d{4}\.csv$/.test(name),
  );
  const lines = [
    "export * from './index.ts';",
    "export { createBlobByteSource } from './blob-byte-source.ts';",
    "export { createClassification, parseClassificationCsv, parseReorganisationCsv } from '../classification/municipal-classification.ts';",
    "import { createClassification, parseClassificationCsv, parseReorganisationCsv } from '../classification/municipal-classification.ts';",
    "import reorganisations from '../../../data/gemeenten-herindelingen.csv';",
    ...specFiles.map((name, i) => `import spec${i} from '../../../specs/gmsd/${name}';`),
    `export const specs = { ${specFiles.map((name, i) => `'gmsd-${name.slice(0, 4)}': spec${i}`).join(', ')} };`,
    ...dataFiles.map((name, i) => `import data${i} from '../../../data/${name}';`),
    `const classificationCsv = { ${dataFiles.map((name, i) => `${name.slice(10, 14)}: data${i}`).join(', ')} };`,
    '/** The classifications shipped in data/, ready for validateUpload. */',
    'export function createDefaultClassification() {',
    '  return createClassification(Object.entries(classificationCsv).map(([year, csv]) => ({ year: Number(year), gemeenten: parseClassificationCsv(csv) })), parseReorganisationCsv(reorganisations));',
    '}',
  ];
  return lines.join('\n');
}

export function createBrowserBuildOptions(write: boolean): BuildOptions {
  return {
    stdin: {
      contents: createEntrySource(),
      resolveDir: path.join(ROOT, 'src/modules/validation'),
      sourcefile: 'ggk-validator-entry.js',
      loader: 'js',
    },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: ['es2022'],
    loader: { '.csv': 'text' },
    minify: write,
    sourcemap: write ? 'linked' : false,
    legalComments: 'linked',
    write,
    outfile: BROWSER_BUNDLE,
    logLevel: write ? 'info' : 'silent',
    metafile: true,
  };
}

export async function buildBrowserValidator(write: boolean): Promise<BuildResult> {
  return build(createBrowserBuildOptions(write));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildBrowserValidator(true);
}
