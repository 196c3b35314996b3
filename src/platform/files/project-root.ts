// Where the project's own files lie (package.json, specs/, data/, migrations/, the stylesheets and
// fonts under src/), for code that reads them at run time. One place, because the compiled build
// (docs/decisions/0032) moves code: a file's own `import.meta.url` is src/… from the sources but
// dist/node/<chunk>.js from the build, so a path relative to it holds in only one of the two. The
// root is the nearest directory upwards from this file that holds package.json: the same from both.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

/** The project's root directory (absolute). */
export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** An absolute path inside the project, e.g. projectPath('specs') or projectPath('src/http/web/assets/ggk.css'). */
export function projectPath(...segments: string[]): string {
  return path.join(PROJECT_ROOT, ...segments);
}
