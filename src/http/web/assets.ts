// The stylesheets and scripts the pages use, served from a fixed list (no path from the request
// reaches the file system). The NL Design System CSS comes straight from its npm packages. The
// in-browser validator is the validation engine bundled for the browser: the file made by
// `npm run build:browser` when it exists, else bundled in memory by esbuild on first request, so
// `npm start` needs no separate build step. Without either, the page works without it.
// Each asset is read once and kept in memory with its SHA-256 and its brotli and gzip forms (made on
// first request): pages link the stylesheets by content hash (/assets/<hash>/<name>, cached for a
// year: a new version has a new address), and every answer is compressed when the browser accepts it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { projectPath } from '../../platform/files/project-root.ts';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';

const require = createRequire(projectPath('package.json'));
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
    file: projectPath('src/http/web/assets/ggk.css'),
    type: 'text/css; charset=utf-8',
  },
  'error-summary.js': {
    file: projectPath('src/http/web/assets/error-summary.js'),
    type: JS,
  },
  'session.js': { file: projectPath('src/http/web/assets/session.js'), type: JS },
  'upload.js': { file: projectPath('src/http/web/assets/upload.js'), type: JS },
  'validate-worker.js': {
    file: projectPath('src/http/web/assets/validate-worker.js'),
    type: JS,
  },
  'favicon.svg': {
    file: projectPath('src/http/web/assets/favicon.svg'),
    type: 'image/svg+xml',
  },
  'favicon.ico': {
    file: projectPath('src/http/web/assets/favicon.ico'),
    type: 'image/x-icon',
  },
};

export const VALIDATOR_ASSET = 'ggk-validator.js';
const BUILT_VALIDATOR = projectPath('dist/browser/ggk-validator.js');
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

export interface Asset {
  body: Buffer;
  type: string;
  /** The first 16 hex digits of the SHA-256 of the body: the asset's version in its address. */
  hash: string;
}

const loaded = new Map<string, Asset>();
const compressed = new Map<string, Promise<Buffer>>();

function loadAsset(name: string, body: Buffer | string, type: string): Asset {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const asset = { body: bytes, type, hash: createHash('sha256').update(bytes).digest('hex').slice(0, 16) };
  loaded.set(name, asset);
  return asset;
}

function fileAsset(name: string): Asset | undefined {
  const known = loaded.get(name);
  if (known) return known;
  const entry = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  return entry && loadAsset(name, readFileSync(entry.file), entry.type);
}

/** The address of a listed asset by its content: cacheable for good, since a change changes it. */
export function assetHref(name: keyof typeof ASSETS & string): string {
  const asset = fileAsset(name);
  return asset ? `/assets/${asset.hash}/${name}` : `/assets/${name}`;
}

/** A listed asset (or the browser validator), or undefined for any other name. */
export async function openAsset(name: string): Promise<Asset | undefined> {
  if (name === VALIDATOR_ASSET) {
    const known = loaded.get(name);
    if (known) return known;
    const code = await browserValidator();
    return code === undefined ? undefined : loadAsset(name, code, JS);
  }
  return fileAsset(name);
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const COMPRESSIBLE = /^(text\/|image\/svg)/;

/**
 * The body to send for what the browser accepts: brotli, else gzip, else as is. Compressed once per
 * asset version and kept.
 */
export async function encodeAsset(
  asset: Asset,
  acceptEncoding: string | undefined,
): Promise<{ body: Buffer; encoding?: 'br' | 'gzip' }> {
  if (!COMPRESSIBLE.test(asset.type)) return { body: asset.body };
  const accepts = (coding: string) =>
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .some(
        ([name, ...params]) => name?.trim() === coding && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p)),
      );
  const encoding = accepts('br') ? 'br' : accepts('gzip') ? 'gzip' : undefined;
  if (!encoding) return { body: asset.body };
  const key = `${asset.hash}:${encoding}`;
  let body = compressed.get(key);
  if (!body) {
    body =
      encoding === 'br'
        ? brotli(asset.body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } })
        : gzipAsync(asset.body, { level: 9 });
    compressed.set(key, body);
  }
  return { body: await body, encoding };
}
