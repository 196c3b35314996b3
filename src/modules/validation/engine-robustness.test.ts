// A malformed or hostile file must end in a report, never in an exception (the CLI would exit 2).
// Mutates valid fixtures with bytes that stress the scanner (quotes, delimiters, line ends, NUL,
// invalid UTF-8) and reads them in odd chunk sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadClassification } from '../classification/index.ts';
import { createBytesSource, loadSpec, validateUpload } from './index.ts';

const spec = loadSpec(
  JSON.parse(readFileSync(new URL('../../../specs/gmsd/2017.json', import.meta.url), 'utf8')),
);
const classification = loadClassification();
const fixture = (path: string) =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/validation/${path}`, import.meta.url)));
const inputs = [
  ['WMO_0363_2017H2.csv', fixture('valid-wmo/WMO_0363_2017H2.csv')],
  ['WMOKOSTEN_0363_2017H2.csv', fixture('valid-wmo-kosten/WMOKOSTEN_0363_2017H2.csv')],
  ['MSD.zip', fixture('valid-zip/MSD.zip')],
] as const;
const nasty = [0x22, 0x3b, 0x0a, 0x0d, 0x00, 0xff, 0xc3, 0xe9, 0x20, 0x2c, 0x30, 0x39];

function createRandom(seed: number) {
  let state = seed >>> 0;
  return (max: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % max;
  };
}

test('any mutation of a valid upload yields a report, whatever the chunk size', async () => {
  const random = createRandom(20171231);
  for (let round = 0; round < 300; round++) {
    const [name, original] = inputs[random(inputs.length)]!;
    const bytes = Uint8Array.from(original);
    const edits = 1 + random(12);
    for (let i = 0; i < edits; i++) bytes[random(bytes.length)] = nasty[random(nasty.length)]!;
    const report = await validateUpload([createBytesSource(name, bytes, 1 + random(300))], {
      spec,
      classification,
      today: '2018-02-20',
      gemeente: '0363',
    });
    assert.ok(report.status === 'approved' || report.status === 'rejected');
    for (const file of report.files) {
      const listed = file.findings.length;
      const counted = Object.values(file.counts).reduce((sum, n) => sum + (n ?? 0), 0);
      assert.ok(listed <= counted, `${name} round ${round}`);
      assert.equal(file.findingsTruncated, listed < counted);
      for (const finding of file.findings) {
        if (finding.column === 'bsn' && finding.value) assert.match(finding.value, /^[\s\S]{0,5}\*+$/);
      }
    }
  }
});
