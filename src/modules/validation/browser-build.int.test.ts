import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildBrowserValidator } from '../../../scripts/build-browser-validator.ts';
import { planDelivery, readGeneratorSpec, zipDeliveryChunks } from './generate/index.ts';

const NODE_MODULES = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'events',
  'fs',
  'http',
  'https',
  'net',
  'os',
  'path',
  'stream',
  'url',
  'util',
  'worker_threads',
  'zlib',
].join('|');

async function buildInMemory() {
  const result = await buildBrowserValidator(false);
  assert.deepEqual(result.errors, []);
  const output = result.outputFiles?.find((file) => file.path.endsWith('.js'));
  assert.ok(output, 'esbuild produced the bundle');
  return { result, code: output.text };
}

test('bundles the engine for the browser without any Node built-in', async () => {
  const { result, code } = await buildInMemory();
  assert.doesNotMatch(code, /["'`]node:[a-z_/]+["'`]/, 'no node: specifiers');
  assert.doesNotMatch(
    code,
    new RegExp(`require\\(\\s*["'](${NODE_MODULES})["']\\s*\\)`),
    'no require of a Node module',
  );
  assert.doesNotMatch(
    code,
    new RegExp(`from\\s*["'](${NODE_MODULES})(/[a-z]+)?["']`),
    'no import of a Node module',
  );
  for (const [file, input] of Object.entries(result.metafile?.inputs ?? {})) {
    for (const imported of input.imports)
      assert.ok(!imported.external, `${file} imports ${imported.path} from outside the bundle`);
  }
});

test('the bundle exports validateUpload and approves a generated delivery read from a Blob', async () => {
  const { code } = await buildInMemory();
  const dir = mkdtempSync(path.join(tmpdir(), 'ggk-browser-'));
  try {
    const file = path.join(dir, 'ggk-validator.mjs');
    writeFileSync(file, code);
    const bundle = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    assert.equal(typeof bundle.validateUpload, 'function');
    assert.equal(typeof bundle.createBlobByteSource, 'function');
    const validateUpload = bundle.validateUpload as (
      sources: unknown[],
      options: unknown,
    ) => Promise<{ status: string }>;
    const createBlobByteSource = bundle.createBlobByteSource as (blob: Blob, name?: string) => unknown;
    const loadSpec = bundle.loadSpec as (json: unknown) => unknown;
    const specs = bundle.specs as Record<string, unknown>;
    const createDefaultClassification = bundle.createDefaultClassification as () => unknown;

    const generatorSpec = readGeneratorSpec(specs['gmsd-2017']);
    const plans = ['wmo', 'wmo-kosten', 'sbw', 'jeugd'].map((type) =>
      planDelivery({ spec: generatorSpec, type, gemeente: '0363', period: '2017H2', rows: 200 }),
    );
    const zip = [...zipDeliveryChunks(plans.map((plan) => ({ name: plan.fileName, chunks: plan.chunks })))];
    const report = await validateUpload([createBlobByteSource(new Blob(zip as BlobPart[]), 'MSD.zip')], {
      spec: loadSpec(specs['gmsd-2017']),
      classification: createDefaultClassification(),
      gemeente: '0363',
      period: '2017H2',
      today: '2018-03-01',
    });
    assert.equal(report.status, 'approved', JSON.stringify(report, null, 1).slice(0, 2000));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
