// The stylesheets and scripts the pages use, served from a fixed list (no path from the request
// reaches the file system). The NL Design System CSS comes straight from its npm packages. The
// in-browser validator is the validation engine bundled for the browser: the file made by
// `npm run build:browser` when it exists, else bundled in memory by esbuild on first request, so
// `npm start` needs no separate build step. Without either, the page works without it.
import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const JS = 'text/javascript; charset=utf-8';

export const ASSETS: Record<string, { file: string; type: string }> = {
  'utrecht.css': {
    file: require.resolve('@utrecht/component-library-css/dist/index.css'),
    type: 'text/css; charset=utf-8',
  },
  'theme.css': {
    file: require.resolve('@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css'),
    type: 'text/css; charset=utf-8',
  },
  'ggk.css': {
    file: fileURLToPath(new URL('./assets/ggk.css', import.meta.url)),
    type: 'text/css; charset=utf-8',
  },
  'error-summary.js': {
    file: fileURLToPath(new URL('./assets/error-summary.js', import.meta.url)),
    type: JS,
  },
  'upload.js': { file: fileURLToPath(new URL('./assets/upload.js', import.meta.url)), type: JS },
  'validate-worker.js': {
    file: fileURLToPath(new URL('./assets/validate-worker.js', import.meta.url)),
    type: JS,
  },
};

export const VALIDATOR_ASSET = 'ggk-validator.js';
const BUILT_VALIDATOR = fileURLToPath(new URL('../../../dist/browser/ggk-validator.js', import.meta.url));
let validatorBundle: Promise<string | undefined> | undefined;

/** The browser build of the validation engine, or undefined when it cannot be made here. */
export function browserValidator(): Promise<string | undefined> {
  validatorBundle ??= (async () => {
    if (existsSync(BUILT_VALIDATOR)) return readFile(BUILT_VALIDATOR, 'utf8');
    try {
      const { build } = await import('esbuild');
      const { createBrowserBuildOptions } = await import('../../../scripts/build-browser-validator.ts');
      const result = await build({ ...createBrowserBuildOptions(false), minify: true });
      return result.outputFiles?.find((f) => f.path.endsWith('.js'))?.text;
    } catch {
      return undefined;
    }
  })();
  return validatorBundle;
}

export async function openAsset(
  name: string,
): Promise<{ body: NodeJS.ReadableStream | string; type: string } | undefined> {
  if (name === VALIDATOR_ASSET) {
    const code = await browserValidator();
    return code === undefined ? undefined : { body: code, type: JS };
  }
  const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  return asset && { body: createReadStream(asset.file), type: asset.type };
}
