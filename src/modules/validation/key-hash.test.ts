// The uniqueKey rule's key hash (FileValidator.hashKey) is made in both passes over a file: equal
// trimmed keys must give equal hashes whatever the key fields' lengths (whole words, 1 to 3 bytes
// left over, shorter than a word, empty) and wherever a chunk ends, and other keys other hashes; else
// a duplicate goes unreported or a false one is reported. Guards any faster way of hashing the key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadClassification } from '../classification/index.ts';
import { createBytesSource, loadSpec, validateUpload } from './index.ts';
import { readFileSync } from 'node:fs';

const spec = loadSpec(
  JSON.parse(readFileSync(new URL('../../../specs/gmsd/2017.json', import.meta.url), 'utf8')),
);
const classification = loadClassification();
const HEADER =
  'aanmaakdatum;gemeentecode;bsn;productcategorie;type_aanbieder;beoogde_startdatum;beoogde_einddatum;leveringsvorm;startdatum;einddatum;volume;eenheid;frequentie;reden_beeindiging';

function createRandom(seed: number) {
  let state = seed >>> 0;
  return (max: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state >>> 8) % max;
  };
}

test('duplicate keys are found as a table of trimmed keys finds them, for key fields of every length', async () => {
  const random = createRandom(20180301);
  for (let round = 0; round < 40; round++) {
    // A small pool of values per key field, 0 to 11 bytes long, so keys repeat often.
    const pool = () =>
      Array.from({ length: 2 + random(3) }, () =>
        Array.from({ length: random(12) }, () => '0123456789AZ'[random(12)]).join(''),
      );
    const pools = [pool(), pool(), pool(), pool()];
    const pad = (value: string) =>
      ' '.repeat(random(3) === 0 ? random(3) : 0) + value + ' '.repeat(random(4) === 0 ? random(2) : 0);
    const lines = [HEADER];
    const keys = new Set<string>();
    const texts = new Set<string>();
    let duplicateKeys = 0;
    let duplicateLines = 0;
    for (let row = 0; row < 200; row++) {
      const [bsn, product, start, form] = pools.map((values) => values[random(values.length)]!);
      const tail = random(3) === 0 ? '20171231' : '';
      const line =
        row > 0 && random(10) === 0
          ? lines[1 + random(lines.length - 1)]!
          : `20180115;0363;${pad(bsn!)};${pad(product!)};1234;${pad(start!)};;${pad(form!)};;${tail};;;;`;
      const fields = line.split(';');
      const key = [2, 3, 5, 7].map((c) => fields[c]!.trim()).join('\u0000');
      if (keys.has(key)) {
        if (texts.has(line)) duplicateLines += 1;
        else duplicateKeys += 1;
      }
      keys.add(key);
      texts.add(line);
      lines.push(line);
    }
    const bytes = new TextEncoder().encode(`${lines.join('\n')}\n`);
    const report = await validateUpload([createBytesSource('WMO_0363_2017H2.csv', bytes, 1 + random(200))], {
      spec,
      classification,
      today: '2018-02-20',
      gemeente: '0363',
    });
    const counts = report.files[0]!.counts;
    assert.equal(counts['record.duplicate_key'] ?? 0, duplicateKeys, `round ${round}: duplicate keys`);
    assert.equal(counts['record.duplicate_line'] ?? 0, duplicateLines, `round ${round}: duplicate lines`);
  }
});
