// Every CSV that ggk sends goes through src/platform/csv/csv.ts (formula cells neutralised): no
// source file builds CSV lines by hand, and every file that answers with text/csv uses the CSV
// module itself or imports a module that does. Catches an export added later that skips it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve('src');
const CSV_MODULE = path.join(SRC, 'platform/csv/csv.ts');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Whether the file imports the CSV module, directly or through up to `depth` relative imports. */
function usesCsvModule(file: string, depth = 3): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  for (const m of text.matchAll(/from '(\.[^']+)'/g)) {
    const target = path.resolve(path.dirname(file), m[1]!);
    if (target === CSV_MODULE) return true;
    if (depth > 0 && /\.tsx?$/.test(target) && usesCsvModule(target, depth - 1)) return true;
  }
  return false;
}

test('no source file builds CSV by hand, and every text/csv answer comes through the CSV module', () => {
  const problems: string[] = [];
  for (const file of sources(SRC)) {
    if (file === CSV_MODULE) continue;
    const text = readFileSync(file, 'utf8');
    const rel = path.relative(SRC, file);
    if (/\.join\((['"`]);\1\)/.test(text)) problems.push(`${rel}: joins cells with ';' itself`);
    // Answering with text/csv (`.type('text/csv…')` or a content-type header), not an OpenAPI
    // document that merely names the media type.
    if (/(\.type\(|content-type['"`]?\s*[,:]\s*)['"`]text\/csv/i.test(text) && !usesCsvModule(file))
      problems.push(`${rel}: sends text/csv without csv.ts`);
  }
  assert.deepEqual(problems, []);
});
