// Property-based tests (fast-check) of the readers: the byte-level CSV scanner, the ZIP reader and
// the engine on top. For any bytes, cut into any chunks: no exception, no hang (each run has a time
// limit), and the answer does not depend on how the bytes were chunked. Complements the seeded
// mutations of engine-robustness.test.ts and the hostile corpus (test/fixtures/hostile/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { loadClassification } from '../classification/index.ts';
import { CsvScanner } from './csv-scanner.ts';
import { countByteFast, disableSimdScanner, indexOfByteFast, SCAN_WINDOW, simdScanner } from './simd-scan.ts';
import { createBytesSource, loadSpec, openZip, validateUpload } from './index.ts';

const spec = loadSpec(
  JSON.parse(readFileSync(new URL('../../../specs/gmsd/2017.json', import.meta.url), 'utf8')),
);
const classification = loadClassification();
const validWmo = new Uint8Array(
  readFileSync(new URL('../../../test/fixtures/validation/valid-wmo/WMO_0363_2017H2.csv', import.meta.url)),
);
const validZip = zipSync({ 'WMO_0363_2017H2.csv': validWmo });
const decoder = new TextDecoder();

/** Bytes biased towards what matters to a CSV reader: quotes, delimiters, line ends, NUL, UTF-8 lead bytes. */
const csvishBytes = fc
  .array(
    fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom(0x22, 0x3b, 0x0a, 0x0d, 0x00, 0xef, 0xbb, 0xbf, 0xc3, 0xe9, 0xff),
      },
      { weight: 5, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
    ),
    { maxLength: 4000 },
  )
  .map((a) => Uint8Array.from(a));

function scan(bytes: Uint8Array, chunkSizes: number[], maxLineBytes: number) {
  const seen: Array<{ line: number; problem: number; fields: string[] }> = [];
  const scanner = new CsvScanner(
    (r) => {
      const fields: string[] = [];
      for (let i = 0; i < r.count; i++) fields.push(decoder.decode(r.buf.subarray(r.starts[i]!, r.ends[i]!)));
      seen.push({ line: r.line, problem: r.problem, fields });
    },
    { delimiter: 59, quote: 34, maxLineBytes },
  );
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = chunkSizes.length === 0 ? bytes.length : Math.max(1, chunkSizes[i % chunkSizes.length]!);
    scanner.push(bytes.slice(at, at + size));
    at += size;
  }
  scanner.finish();
  return seen;
}

test('the CSV scanner takes any bytes, and chunking never changes what it reads', () => {
  fc.assert(
    fc.property(
      csvishBytes,
      fc.array(fc.integer({ min: 1, max: 97 }), { maxLength: 8 }),
      fc.integer({ min: 8, max: 2048 }),
      (bytes, chunks, maxLineBytes) => {
        const whole = scan(bytes, [], maxLineBytes);
        const chunked = scan(bytes, chunks, maxLineBytes);
        assert.deepEqual(chunked, whole);
        // Every record is a physical line or more; never more records than lines.
        const lines = bytes.filter((b) => b === 0x0a).length + 1;
        assert.ok(whole.length <= lines);
      },
    ),
    { numRuns: 400 },
  );
});

/** Everything a record tells its handler, read while it is valid. */
function scanAll(bytes: Uint8Array, chunkSizes: number[], maxLineBytes: number, simd: boolean) {
  disableSimdScanner(!simd);
  try {
    const seen: unknown[] = [];
    const scanner = new CsvScanner(
      (r) => {
        const fields: string[] = [];
        for (let i = 0; i < r.count; i++)
          fields.push(Buffer.from(r.buf.subarray(r.starts[i]!, r.ends[i]!)).toString('latin1'));
        const raw = Buffer.from(r.raw.subarray(r.rawStart, r.rawEnd)).toString('latin1');
        // `spaces` may say true of any line (the JavaScript paths do), false only of one without.
        if (!r.spaces && raw.includes(' '))
          throw new Error(`regel ${r.line} heeft een spatie, spaces zegt van niet`);
        seen.push([r.line, r.lines, r.problem, r.nonAscii, raw, fields]);
      },
      { delimiter: 59, quote: 34, maxLineBytes },
    );
    let at = 0;
    for (let i = 0; at < bytes.length; i++) {
      const size = chunkSizes.length === 0 ? bytes.length : Math.max(1, chunkSizes[i % chunkSizes.length]!);
      scanner.push(bytes.slice(at, at + size));
      at += size;
    }
    scanner.finish();
    return seen;
  } finally {
    disableSimdScanner(false);
  }
}

/** deepEqual of two record lists, reporting only the first difference (a diff of thousands of records takes minutes). */
function assertSameRecords(actual: unknown[], expected: unknown[]): void {
  const at = actual.findIndex((record, i) => JSON.stringify(record) !== JSON.stringify(expected[i]));
  if (at >= 0) assert.deepEqual({ at, record: actual[at] }, { at, record: expected[at] });
  assert.equal(actual.length, expected.length);
}

test('the WebAssembly SIMD line splitter reads the same records as the JavaScript scanner, from any bytes in any chunks', () => {
  assert.ok(simdScanner(), 'WebAssembly SIMD runs here, so the test compares both paths');
  fc.assert(
    fc.property(
      csvishBytes,
      fc.array(fc.integer({ min: 1, max: 97 }), { maxLength: 8 }),
      fc.integer({ min: 8, max: 2048 }),
      (bytes, chunks, maxLineBytes) => {
        assert.deepEqual(
          scanAll(bytes, chunks, maxLineBytes, true),
          scanAll(bytes, chunks, maxLineBytes, false),
        );
      },
    ),
    { numRuns: 400 },
  );
});

test('the SIMD line splitter counts fields right however many delimiters a block of sixteen bytes holds', () => {
  // It handles a block's first four delimiters without a loop and the rest in one: runs of empty
  // fields (;;;;;;) put up to sixteen in a block, at every offset from the line's start.
  const dense = fc
    .array(
      fc.oneof(
        { weight: 6, arbitrary: fc.constant(0x3b) },
        { weight: 3, arbitrary: fc.constantFrom(0x61, 0x30, 0x39) },
        { weight: 1, arbitrary: fc.constant(0x0a) },
      ),
      { maxLength: 3000 },
    )
    .map((a) => Uint8Array.from(a));
  fc.assert(
    fc.property(dense, fc.array(fc.integer({ min: 1, max: 97 }), { maxLength: 4 }), (bytes, chunks) => {
      assertSameRecords(scanAll(bytes, chunks, 4096, true), scanAll(bytes, chunks, 4096, false));
    }),
    { numRuns: 300 },
  );
});

test('the SIMD path reads lines across its window and hands a line longer than the window to the JavaScript path', () => {
  const line = (i: number, width: number) => `${i};${'x'.repeat(width)};é${i % 7 === 0 ? ';"a;b"' : ''}\r\n`;
  const text = [
    ...Array.from({ length: 6000 }, (_, i) => line(i, i % 90)),
    // Longer than the window: more than SCAN_WINDOW bytes without a line feed.
    `${'y;'.repeat(SCAN_WINDOW / 2 + 100)}z\n`,
    ...Array.from({ length: 3000 }, (_, i) => line(i, 40)),
  ].join('');
  const bytes = new TextEncoder().encode(text);
  assert.ok(bytes.length > 2 * SCAN_WINDOW);
  for (const chunks of [[], [SCAN_WINDOW - 3, 77]]) {
    for (const maxLineBytes of [1 << 16, 1 << 20]) {
      assertSameRecords(
        scanAll(bytes, chunks, maxLineBytes, true),
        scanAll(bytes, chunks, maxLineBytes, false),
      );
    }
  }
});

test('the SIMD byte count counts what indexOf finds, in any range, across windows', () => {
  const bytes = new Uint8Array(2 * SCAN_WINDOW + 999);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 13 === 0 ? 10 : 65;
  const expected = (from: number, to: number) => bytes.subarray(from, to).filter((b) => b === 10).length;
  for (const [from, to] of [
    [0, bytes.length],
    [1, 17],
    [3, 300],
    [5, SCAN_WINDOW + 1],
    [SCAN_WINDOW - 1, 2 * SCAN_WINDOW + 998],
  ] as const) {
    assert.equal(countByteFast(bytes, 10, from, to), expected(from, to));
  }
  // Runs of the byte, long and short: its sixteen counters per lane (at most 255 each before they
  // are summed) must neither wrap nor lose a match at a round's or a window's end.
  const runs = new Uint8Array(3 * SCAN_WINDOW + 77);
  for (let i = 0; i < runs.length; i++) runs[i] = i % 9000 < 6000 || i % 37 === 0 ? 10 : 66;
  for (const [from, to] of [
    [0, runs.length],
    [0, 4096],
    [0, 4097],
    [15, 255 * 16 + 31],
    [7, SCAN_WINDOW + 4],
  ] as const) {
    assert.equal(
      countByteFast(runs, 10, from, to),
      runs.subarray(from, to).filter((b) => b === 10).length,
      `${from}-${to}`,
    );
  }
});

test('the SIMD byte search finds what indexOf finds, across windows', () => {
  const bytes = new Uint8Array(3 * SCAN_WINDOW + 1000).fill(65);
  for (const at of [0, 15, 16, 300, SCAN_WINDOW - 1, SCAN_WINDOW, 2 * SCAN_WINDOW + 17, bytes.length - 1]) {
    bytes[at] = 0;
    for (const from of [0, 1, at, at + 1]) {
      assert.equal(indexOfByteFast(bytes, 0, from, bytes.length), bytes.indexOf(0, from));
      assert.equal(indexOfByteFast(bytes, 0, from, at), -1);
    }
    bytes[at] = 65;
  }
});

test('the CSV scanner gives back plain fields exactly as they were joined', () => {
  const plainField = fc.string({
    unit: fc.constantFrom('a', 'b', 'Z', '0', '9', ' ', 'é', '-', '_'),
    maxLength: 12,
  });
  fc.assert(
    fc.property(
      fc.array(fc.array(plainField, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 30 }),
      fc.constantFrom('\n', '\r\n'),
      fc.array(fc.integer({ min: 1, max: 13 }), { maxLength: 4 }),
      (rows, eol, chunks) => {
        const text = rows.map((r) => r.join(';')).join(eol) + eol;
        const seen = scan(new TextEncoder().encode(text), chunks, 1 << 16);
        assert.deepEqual(
          seen.map((s) => s.fields),
          rows.map((r) => (r.length === 1 && r[0] === '' ? [] : r)),
        );
      },
    ),
    { numRuns: 300 },
  );
});

test('the ZIP reader answers any bytes and any damage to a real archive without throwing', async () => {
  const damagedZip = fc
    .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 })
    .map((edits) => {
      const bytes = Uint8Array.from(validZip);
      for (const [at, value] of edits) bytes[at % bytes.length] = value;
      return bytes;
    });
  const zipPrefixed = fc
    .uint8Array({ maxLength: 2000 })
    .map((b) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...b]));
  await fc.assert(
    fc.asyncProperty(fc.oneof(damagedZip, zipPrefixed, fc.uint8Array({ maxLength: 2000 })), async (bytes) => {
      const opened = await openZip(createBytesSource('MSD_0363_2017H2.zip', bytes));
      assert.ok(Array.isArray(opened.problems) && Array.isArray(opened.entries));
      for (const entry of opened.entries) {
        // Reading a damaged entry may fail, but only with the reader's own, explained errors; an
        // entry that reads to the end gives exactly the size its header declares, never more.
        let read = 0;
        try {
          for await (const chunk of entry.stream()) {
            read += chunk.length;
            assert.ok(read <= entry.size, `${entry.name}: ${read} bytes read, ${entry.size} declared`);
          }
          assert.equal(read, entry.size, `${entry.name}: read to the end, so every declared byte came`);
        } catch (error) {
          if (error instanceof assert.AssertionError) throw error;
          assert.match((error as Error).name, /^Zip(Data|Limit)Error$/, String(error));
        }
      }
    }),
    { numRuns: 200, timeout: 5_000 },
  );
});

test('the whole check turns any file, CSV or ZIP, into a report', async () => {
  const damagedWmo = fc
    .array(fc.tuple(fc.nat(), fc.constantFrom(0x22, 0x3b, 0x0a, 0x0d, 0x00, 0xff, 0xc3)), { maxLength: 20 })
    .map((edits) => {
      const bytes = Uint8Array.from(validWmo);
      for (const [at, value] of edits) bytes[at % bytes.length] = value;
      return bytes;
    });
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.record({ name: fc.constant('WMO_0363_2017H2.csv'), bytes: fc.oneof(csvishBytes, damagedWmo) }),
        fc.record({
          name: fc.constant('MSD_0363_2017H2.zip'),
          bytes: fc.oneof(csvishBytes, fc.uint8Array({ maxLength: 3000 })),
        }),
        fc.record({ name: fc.string({ maxLength: 40 }), bytes: csvishBytes }),
      ),
      fc.integer({ min: 1, max: 500 }),
      async ({ name, bytes }, chunkSize) => {
        const report = await validateUpload([createBytesSource(name, bytes, chunkSize)], {
          spec,
          classification,
          today: '2018-02-20',
        });
        // The verdict follows from the findings: approved exactly when no finding, of the
        // delivery or of any file, is an error; a file is approved only without errors of its own.
        const isError = (finding: { severity: string }) => finding.severity === 'error';
        const anyError = report.findings.some(isError) || report.files.some((f) => f.status === 'rejected');
        assert.equal(report.status, anyError ? 'rejected' : 'approved');
        for (const file of report.files)
          if (file.status === 'approved') assert.ok(!file.findings.some(isError), file.name);
        if (bytes.length === 0 || name.endsWith('.zip'))
          assert.equal(report.status, 'rejected', 'an empty or unreadable delivery is never approved');
      },
    ),
    { numRuns: 150, timeout: 10_000 },
  );
});
