// The wasm row check (row-check.ts) answers only "nothing to report" or "check again": on files of
// valid, defective and odd values, in any chunk sizes, the upload's report is the same with it as
// with JavaScript checking every row (disableRowCheck).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { loadClassification } from '../classification/index.ts';
import { disableRowCheck, validateFile, type ValidatedFile } from './file-validator.ts';
import { compileSpec } from './spec-compiler.ts';
import { createSha256 } from '../../platform/bytes/sha256-hasher.ts';
import { createBytesSource, loadSpec, validateUpload, type Report } from './index.ts';
import { simdScanner } from './simd-scan.ts';

const spec = loadSpec(
  JSON.parse(readFileSync(new URL('../../../specs/gmsd/2017.json', import.meta.url), 'utf8')),
);
const classification = loadClassification();
const kosten = new Uint8Array(
  readFileSync(
    new URL('../../../test/fixtures/validation/valid-wmo-kosten/WMOKOSTEN_0363_2017H2.csv', import.meta.url),
  ),
);

const goodDates = ['', '20170101', '20170630', '20170915', '20171231', '20160229', '20000229', '20170131'];
const badDates = [
  '20170231',
  '20170229',
  '19000229',
  '21000229',
  '20170132',
  '20171131',
  '20170431',
  '20170001',
  '20171301',
  '20170100',
  '18991231',
  '2017-09-15',
  '2017091',
  '201709155',
  '2017O915',
];
/** Per Wmo column: values a clean row may have, and values that are wrong in some way. */
const COLUMNS: [name: string, good: string[], bad: string[]][] = [
  ['aanmaakdatum', ['20180115', '20180116'], ['', '20180230', '2018-01-15', '18991231', '20180229']],
  ['gemeentecode', ['0363'], ['0364', '363', '036a', '', '03630', '0014']],
  [
    'bsn',
    // Starting with 99 but outside the test range (999900006-999999990), on both sides of 990000000.
    ['131860914', '390996038', '990000011', '989999993', '999899995'],
    [
      '999900006',
      '999999990',
      '999900007',
      '000000000',
      '123456789',
      '13186091',
      '1318609140',
      '13186091a',
      '',
    ],
  ],
  ['productcategorie', ['01', '02', '08', '15', '18'], ['99', '1', '', 'XX', '0100000', '010', '19']],
  ['type_aanbieder', ['5', '4446', '12345678', ''], ['123456789', 'abc', '12a']],
  ['beoogde_startdatum', goodDates.slice(1), badDates],
  ['beoogde_einddatum', goodDates, badDates],
  ['leveringsvorm', ['ZIN', 'PGB', '1', '2'], ['zin', '', 'ZINN', '3']],
  ['startdatum', goodDates, badDates],
  ['einddatum', goodDates, badDates],
  ['volume', ['', '1', '4', '99999'], ['100000', '1a', '-1']],
  ['eenheid', ['', '01', '83'], ['123', 'a']],
  ['frequentie', ['', '0', '7'], ['12']],
  ['reden_beeindiging', ['', '', '02', '19', '20'], ['99', '1', '190']],
];
const OPTIONAL = ['type_aanbieder', 'startdatum', 'volume', 'eenheid', 'frequentie', 'reden_beeindiging'];

/** Mostly good values, so that a third of the rows are clean and many others have one wrong value. */
const value = ([, good, bad]: (typeof COLUMNS)[number]) =>
  fc.oneof(
    { weight: 92, arbitrary: fc.constantFrom(...good) },
    { weight: 8, arbitrary: fc.constantFrom(...bad) },
  );
/** A row's values, and now and then a defect of the whole row. */
const row = fc.record({
  values: fc.tuple(...COLUMNS.map(value)),
  defect: fc.oneof(
    { weight: 85, arbitrary: fc.constant('none') },
    {
      weight: 15,
      arbitrary: fc.constantFrom('space', 'accent', 'extra', 'short', 'quote', 'crlf', 'blank'),
    },
  ),
  at: fc.nat(COLUMNS.length - 1),
});

const compiled = compileSpec(spec);

/** One file on its own, with the codes of every Wmo code column collected (upload rules use a few). */
async function checkFile(bytes: Uint8Array, chunk: number, off: boolean): Promise<ValidatedFile> {
  disableRowCheck(off);
  try {
    return await validateFile(createBytesSource('WMO_0363_2017H2.csv', bytes, chunk), {
      compiled,
      classification,
      today: 20180220,
      gemeente: '0363',
      period: '2017H2',
      createHasher: createSha256,
      collect: new Map([['wmo', ['productcategorie', 'leveringsvorm', 'reden_beeindiging']]]),
    });
  } finally {
    disableRowCheck(false);
  }
}

async function check(files: [string, Uint8Array][], chunk: number, off: boolean): Promise<Report> {
  disableRowCheck(off);
  try {
    return await validateUpload(
      files.map(([name, bytes]) => createBytesSource(name, bytes, chunk)),
      { spec, classification, gemeente: '0363', period: '2017H2', today: '2018-02-20' },
    );
  } finally {
    disableRowCheck(false);
  }
}

test('the row check runs here (WebAssembly SIMD), so the property below compares two paths', () => {
  assert.notEqual(simdScanner(), null);
});

test('a report is the same with the wasm row check as with JavaScript checking every row', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(row, { minLength: 1, maxLength: 40 }),
      fc.subarray(OPTIONAL),
      fc.boolean(),
      fc.integer({ min: 7, max: 5000 }),
      fc.boolean(),
      async (rows, dropped, withKosten, chunk, crlf) => {
        const kept = COLUMNS.map(([name], c) => [name, c] as const).filter(
          ([name]) => !dropped.includes(name),
        );
        const lines = [kept.map(([name]) => name).join(';')];
        for (const r of rows) {
          const fields = kept.map(([, c]) => r.values[c]!);
          const at = r.at % fields.length;
          if (r.defect === 'space') fields[at] = ` ${fields[at]}`;
          else if (r.defect === 'accent') fields[at] = `${fields[at]}é`;
          else if (r.defect === 'extra') fields.push('1');
          else if (r.defect === 'short') fields.pop();
          else if (r.defect === 'quote') fields[at] = `"${fields[at]}"`;
          // An empty line before the row, or the other line ending than the file's on this row.
          if (r.defect === 'blank') lines.push('');
          const ending = r.defect === 'crlf' && !crlf ? '\r' : '';
          lines.push(`${fields.join(';')}${ending}`);
        }
        const files: [string, Uint8Array][] = [
          ['WMO_0363_2017H2.csv', new TextEncoder().encode(`${lines.join(crlf ? '\r\n' : '\n')}\n`)],
        ];
        if (withKosten) files.push(['WMOKOSTEN_0363_2017H2.csv', kosten]);
        const withWasm = await check(files, chunk, false);
        const withoutWasm = await check(files, chunk, true);
        assert.deepEqual(withWasm, withoutWasm);
        const file = await checkFile(files[0]![1], chunk, false);
        assert.deepEqual(file, await checkFile(files[0]![1], chunk, true));
      },
    ),
    { numRuns: 300 },
  );
});

test('a file with more header columns than the row check has room for gets the same report', async () => {
  // 512 unknown columns before the Wmo ones: the row check leaves such a file to JavaScript.
  const names = COLUMNS.map(([name]) => name);
  const pad = Array.from({ length: 512 }, (_, i) => `extra${i}`);
  const good = COLUMNS.map(([, values]) => values[0]!);
  const rows = [good, good.map((v, c) => (names[c] === 'einddatum' ? '20160101' : v)), good];
  const text = [[...pad, ...names], ...rows.map((r, i) => [...pad.map(() => String(i)), ...r])]
    .map((fields) => fields.join(';'))
    .join('\n');
  const files: [string, Uint8Array][] = [['WMO_0363_2017H2.csv', new TextEncoder().encode(`${text}\n`)]];
  const withWasm = await check(files, 1 << 16, false);
  assert.ok(withWasm.files[0]!.findings.some((f) => f.code === 'date.order'));
  assert.deepEqual(withWasm, await check(files, 1 << 16, true));
});

test('a file type with a rule the wasm cannot pre-test still has its rules judged on the rows it checks', async () => {
  // sameValue on a field that is not a date has no rule test (rulesUntested): the row check still
  // checks the fields, and the rules must read the dates it wrote, not those of an earlier row.
  const untested = structuredClone(
    JSON.parse(readFileSync(new URL('../../../specs/gmsd/2017.json', import.meta.url), 'utf8')),
  );
  const wmo = untested.fileTypes.find((t: { type: string }) => t.type === 'wmo');
  wmo.rules.push({ id: 'WMO-X', kind: 'sameValue', field: 'gemeentecode' });
  const variant = loadSpec(untested);
  const names = COLUMNS.map(([name]) => name);
  const good = COLUMNS.map(([, values]) => values[0]!);
  const backwards = good.map((v, c) => (names[c] === 'beoogde_einddatum' ? '20160101' : v));
  const text = [names, good, good, backwards, good].map((fields) => fields.join(';')).join('\n');
  const files = [createBytesSource('WMO_0363_2017H2.csv', new TextEncoder().encode(`${text}\n`), 1 << 16)];
  const options = { spec: variant, classification, gemeente: '0363', period: '2017H2', today: '2018-02-20' };
  const withWasm = await validateUpload(files, options);
  assert.ok(
    withWasm.files[0]!.findings.some((f) => f.code === 'date.order' && f.line === 4),
    JSON.stringify(withWasm.files[0]!.findings.map((f) => [f.code, f.line])),
  );
  disableRowCheck(true);
  try {
    const files2 = [createBytesSource('WMO_0363_2017H2.csv', new TextEncoder().encode(`${text}\n`), 1 << 16)];
    assert.deepEqual(withWasm, await validateUpload(files2, options));
  } finally {
    disableRowCheck(false);
  }
});

/** The n-th of a run of BSNs that pass the elfproef, one per n, so every row has a key of its own. */
function validBsn(n: number): string {
  for (let base = 10_000_000 + n * 11; ; base += 1) {
    const digits = String(base).padStart(8, '0');
    let sum = 0;
    for (let k = 0; k < 8; k++) sum += Number(digits[k]) * (9 - k);
    const check = sum % 11;
    if (check < 10) return `${digits}${check}`;
  }
}

test('two large Wmo files in one upload, with runs of thousands of clean lines, get the same report', async () => {
  const names = COLUMNS.map(([name]) => name);
  const good = COLUMNS.map(([, values]) => values[0]!);
  const fileOf = (rows: number, crlf: boolean, order: number[]) => {
    const lines = [order.map((c) => names[c]).join(';')];
    for (let i = 0; i < rows; i++) {
      const fields = [...good];
      fields[names.indexOf('bsn')] = validBsn(i);
      if (i % 2999 === 5) fields[names.indexOf('beoogde_einddatum')] = '20160101';
      if (i % 4001 === 7) fields[names.indexOf('bsn')] = '123456789';
      if (i === rows - 3) lines.push(lines[lines.length - 1]!);
      lines.push(order.map((c) => fields[c]).join(';'));
    }
    return new TextEncoder().encode(`${lines.join(crlf ? '\r\n' : '\n')}\n`);
  };
  const natural = names.map((_, c) => c);
  const files: [string, Uint8Array][] = [
    ['WMO_0363_2017H2.csv', fileOf(6_000, false, natural)],
    ['Wmo_0363_2017H2_deel2.csv', fileOf(7_000, true, [...natural].reverse())],
  ];
  for (const chunk of [997, 1 << 20]) {
    const withWasm = await check(files, chunk, false);
    assert.deepEqual(
      withWasm.files.map((f) => [f.type, f.rows.total]),
      [
        ['wmo', 6_001],
        ['wmo', 7_001],
      ],
    );
    // Some rows break a rule or a field, a copy of a row is a duplicate, and most are clean.
    for (const f of withWasm.files)
      assert.ok(f.rows.withErrors >= 3 && f.rows.withErrors < 10, String(f.rows.withErrors));
    assert.deepEqual(withWasm, await check(files, chunk, true));
  }
});
