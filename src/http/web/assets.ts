// The stylesheets the pages use, served from a fixed list (no path from the request reaches the
// file system). The NL Design System CSS comes straight from its npm packages.
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

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
};

export function openAsset(name: string): { stream: NodeJS.ReadableStream; type: string } | undefined {
  const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  return asset && { stream: createReadStream(asset.file), type: asset.type };
}
