// `npm run bench`: runs every bench/*.bench.ts one after the other (never in parallel: they would
// disturb each other's timings), each in its own process. Extra arguments go to every benchmark.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const benchmarks = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort();
let failed = 0;
for (const name of benchmarks) {
  process.stderr.write(`\n== ${name}\n`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(benchDir, name), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
