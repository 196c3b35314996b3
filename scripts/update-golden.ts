// Rewrites test/fixtures/validation/<case>/expected.json from what the engine reports now. Run it only
// after an intended change to the check, then review the diff before committing: golden.test.ts
// compares against these files and never writes them.
// Usage: node --import tsx scripts/update-golden.ts [case...]
import { writeFileSync } from 'node:fs';
import { expectedReportFile, goldenCases, runGoldenCase } from '../test/support/golden-cases.ts';

const wanted = process.argv.slice(2);
for (const name of wanted.length > 0 ? wanted : goldenCases) {
  if (!goldenCases.includes(name)) throw new Error(`Geen golden case: ${name}`);
  const report = await runGoldenCase(name);
  writeFileSync(expectedReportFile(name), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${name}\n`);
}
