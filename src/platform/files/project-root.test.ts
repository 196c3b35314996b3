// The project root and the one rule that keeps the compiled build's paths right (docs/decisions/0032):
// code under src/ finds files through projectPath, not relative to its own import.meta.url, which is
// dist/node/<chunk>.js in the build. test/integration/compiled-build.int.test.ts runs the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, projectPath } from './project-root.ts';

/** Files allowed their own import.meta.url, with why. */
const ALLOWED: Record<string, string> = {
  'src/platform/files/project-root.ts': 'finds the root from its own place',
  'src/modules/validation-threads/index.ts':
    "starts the part worker beside itself: dist's part-worker-<hash>.js from the build, part-worker.ts from the sources",
};

test('the project root is the folder with ggk’s package.json', () => {
  const pkg = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { name: string };
  assert.equal(pkg.name, 'ggk');
  assert.equal(projectPath('specs', 'gmsd'), path.join(PROJECT_ROOT, 'specs', 'gmsd'));
});

test('no source file finds files relative to its own place (which the build moves)', () => {
  const offenders = readdirSync(projectPath('src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => `src/${file.split(path.sep).join('/')}`)
    .filter((file) => !Object.hasOwn(ALLOWED, file))
    .filter((file) =>
      /import\.meta\.(url|dirname|filename)|__dirname/.test(readFileSync(projectPath(file), 'utf8')),
    );
  assert.deepEqual(offenders, [], 'use projectPath (src/platform/files/project-root.ts)');
});
