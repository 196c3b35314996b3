import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zipSync, strToU8 } from 'fflate';
import { DEFAULT_ZIP_LIMITS, isZip, openZip, ZipDataError, ZipLimitError } from './index.ts';
import { buildRawZip, createMemorySource, readAll, type RawEntry } from './zip-test-support.ts';

const csv = (rows: number) =>
  strToU8(
    'aanmaakdatum;gemeentecode;bsn\n' +
      Array.from({ length: rows }, (_, i) => `20180115;0363;${String(100000000 + i * 7919)}\n`).join(''),
  );

async function open(bytes: Uint8Array, limits = DEFAULT_ZIP_LIMITS) {
  return openZip(createMemorySource('MSD.zip', bytes), limits);
}

function codes(problems: Array<{ code: string }>): string[] {
  return problems.map((problem) => problem.code);
}

test('opens a normal archive and streams each entry as a source named after archive and path', async () => {
  const wmo = csv(2000);
  const sbw = strToU8('aanmaakdatum;gemeentecode\n20180115;0363\n');
  const bytes = zipSync({ 'WMO_0363_2017H2.csv': wmo, 'map/SBW_0363_2017H2.csv': [sbw, { level: 0 }] });
  const { entries, problems } = await open(bytes);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    entries.map((entry) => [entry.name, entry.size]),
    [
      ['MSD.zip/WMO_0363_2017H2.csv', wmo.length],
      ['MSD.zip/map/SBW_0363_2017H2.csv', sbw.length],
    ],
  );
  assert.deepEqual(await readAll(entries[0]!), wmo);
  assert.deepEqual(await readAll(entries[1]!), sbw);
  assert.deepEqual(await readAll(entries[0]!), wmo, 'stream() may be called more than once');
  assert.deepEqual(await entries[0]!.read(100, 50), wmo.slice(100, 150));
  assert.deepEqual(await entries[1]!.read(5, 1000), sbw.slice(5));
});

test('refuses an archive without any data file as zip.invalid', async () => {
  const empty = await open(zipSync({}));
  assert.deepEqual(codes(empty.problems), ['zip.invalid']);
  assert.match(empty.problems[0]!.message, /geen gegevensbestanden/);
  const onlyJunk = await open(zipSync({ 'map/': new Uint8Array(0), '__MACOSX/._a.csv': strToU8('x') }));
  assert.deepEqual(codes(onlyJunk.problems), ['zip.ignored_entry', 'zip.ignored_entry', 'zip.invalid']);
  assert.equal(onlyJunk.entries.length, 0);
});

test('recognises ZIP magic bytes', () => {
  assert.equal(isZip(zipSync({ 'a.csv': strToU8('x') })), true);
  assert.equal(isZip(zipSync({})), true);
  assert.equal(isZip(strToU8('aanmaakdatum;gemeentecode')), false);
  assert.equal(isZip(new Uint8Array([0x50, 0x4b])), false);
});

test('skips folder markers and operating-system junk with zip.ignored_entry', async () => {
  const bytes = zipSync({
    'map/': new Uint8Array(0),
    'map/WMO_0363_2017H2.csv': csv(3),
    '__MACOSX/map/._WMO_0363_2017H2.csv': strToU8('mac'),
    'map/.DS_Store': strToU8('ds'),
    'Thumbs.db': strToU8('thumbs'),
  });
  const { entries, problems } = await open(bytes);
  assert.deepEqual(
    entries.map((entry) => entry.name),
    ['MSD.zip/map/WMO_0363_2017H2.csv'],
  );
  assert.deepEqual(codes(problems), Array(4).fill('zip.ignored_entry'));
  assert.deepEqual(
    problems.map((problem) => problem.entry),
    ['map/', '__MACOSX/map/._WMO_0363_2017H2.csv', 'map/.DS_Store', 'Thumbs.db'],
  );
});

test('skips entries that are not data files, but refuses them when they hold an archive', async () => {
  const pdf = strToU8('%PDF-1.4 toelichting');
  const xlsx = zipSync({ '[Content_Types].xml': strToU8('<Types/>') });
  const bytes = zipSync({ 'toelichting.pdf': pdf, 'WMO_0363_2017H2.CSV': csv(2), 'overzicht.xlsx': xlsx });
  const { entries, problems } = await open(bytes);
  assert.deepEqual(
    entries.map((entry) => entry.name),
    ['MSD.zip/WMO_0363_2017H2.CSV'],
  );
  assert.deepEqual(
    problems.map((problem) => [problem.code, problem.entry]),
    [
      ['zip.ignored_entry', 'toelichting.pdf'],
      ['zip.unsafe', 'overzicht.xlsx'],
    ],
  );
});

test('refuses paths that escape the archive with zip.unsafe and keeps the safe entries', async () => {
  const hostile = [
    '../WMO_0363_2017H2.csv',
    '/etc/WMO.csv',
    'map\\..\\..\\x.csv',
    'C:/WMO.csv',
    'a/../../b.csv',
  ];
  const bytes = buildRawZip([
    ...hostile.map((name) => ({ name, data: csv(1) })),
    { name: 'WMO_0363_2017H2.csv', data: csv(1) },
  ]);
  const { entries, problems } = await open(bytes);
  assert.deepEqual(codes(problems), Array(hostile.length).fill('zip.unsafe'));
  assert.deepEqual(
    problems.map((problem) => problem.entry),
    hostile,
  );
  assert.equal(entries.length, 1);
  for (const problem of problems) assert.match(problem.message, /verwacht wordt een gewone bestandsnaam/);
});

test('refuses symbolic links recorded in Unix external attributes', async () => {
  const bytes = buildRawZip([
    {
      name: 'WMO_0363_2017H2.csv',
      data: strToU8('/etc/passwd'),
      versionMadeBy: 0x0314,
      externalAttributes: 0o120777 << 16,
    },
  ]);
  const { entries, problems } = await open(bytes);
  assert.equal(entries.length, 0);
  assert.deepEqual(codes(problems), ['zip.unsafe']);
  assert.match(problems[0]!.message, /symbolische link/);
});

test('refuses nested archives by name and by content', async () => {
  const inner = zipSync({ 'WMO_0363_2017H2.csv': csv(2) });
  const gzipped = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 3]);
  const bytes = buildRawZip([
    { name: 'binnen.zip', data: inner },
    { name: 'WMO_0363_2017H2.csv', data: inner },
    { name: 'SBW_0363_2017H2.csv', data: gzipped, method: 0 },
    { name: 'JEUGD_0363_2017H2.tar.gz', data: gzipped },
  ]);
  const { entries, problems } = await open(bytes);
  assert.equal(entries.length, 0);
  assert.deepEqual(codes(problems), Array(4).fill('zip.unsafe'));
  for (const problem of problems) assert.match(problem.message, /zelf een archief/);
});

test('refuses an archive with more entries than allowed, without reading any entry', async () => {
  const files = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`WMO_${i}.csv`, strToU8('x')]));
  const source = createMemorySource('MSD.zip', zipSync(files));
  const { entries, problems } = await openZip(source);
  assert.equal(entries.length, 0);
  assert.deepEqual(codes(problems), ['zip.unsafe']);
  assert.match(problems[0]!.message, /51 items; er mogen er hooguit 50/);
  assert.equal(problems[0]!.entry, undefined);
  assert.ok(source.reads <= 1, 'only the end record was read');

  const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`WMO_${i}.csv`, strToU8('x')]));
  assert.equal((await open(zipSync(fifty))).entries.length, 50);
});

test('refuses a zip bomb by its declared compression ratio', async () => {
  const zeros = new Uint8Array(20 * 1024 * 1024);
  const { entries, problems } = await open(zipSync({ 'WMO_0363_2017H2.csv': zeros }));
  assert.equal(entries.length, 0);
  assert.deepEqual(codes(problems), ['zip.unsafe']);
  assert.match(problems[0]!.message, /hooguit 200 keer/);
});

test('refuses archives whose declared total passes the limit', async () => {
  const bytes = zipSync({ 'a.csv': csv(500), 'b.csv': csv(500) });
  const limits = { ...DEFAULT_ZIP_LIMITS, maxTotalUncompressedBytes: csv(500).length * 2 - 1 };
  const { entries, problems } = await open(bytes, limits);
  assert.equal(entries.length, 0);
  assert.deepEqual(codes(problems), ['zip.unsafe']);
});

test('refuses a bomb behind a lying size header as soon as its first bytes are inflated', async () => {
  // 4 MiB of zeros deflate to ~4 KiB; declaring 64 KiB keeps the header ratio innocent (~16).
  // (Bigger proves nothing more: the reader stops at the first inflated chunk past 64 KiB.)
  const data = new Uint8Array(4 * 1024 * 1024);
  const bytes = buildRawZip([{ name: 'WMO_0363_2017H2.csv', data, declaredSize: 64 * 1024 }]);
  const { entries, problems } = await open(bytes);
  assert.equal(entries.length, 0);
  assert.deepEqual(codes(problems), ['zip.unsafe']);
  assert.match(problems[0]!.message, /meer dan de 65536 bytes/);
});

test('stops streaming an entry once it inflates past its declared size', async () => {
  const data = csv(20000);
  const declaredSize = Math.floor(data.length / 2);
  const bytes = buildRawZip([{ name: 'WMO_0363_2017H2.csv', data, declaredSize }]);
  const { entries, problems } = await open(bytes);
  assert.deepEqual(problems, []);
  let produced = 0;
  await assert.rejects(
    (async () => {
      for await (const chunk of entries[0]!.stream()) produced += chunk.length;
    })(),
    (error: unknown) => error instanceof ZipLimitError && error.code === 'zip.unsafe',
  );
  assert.ok(produced <= declaredSize, 'no byte past the declared size reaches the caller');
});

test('reports a CRC mismatch and a short entry while streaming as ZipDataError', async () => {
  const data = csv(100);
  const wrongCrc = buildRawZip([{ name: 'a.csv', data, crc32: 0x12345678 }]);
  const tooLong = buildRawZip([{ name: 'b.csv', data, declaredSize: data.length + 10 }]);
  const storedWrongCrc = buildRawZip([{ name: 'c.csv', data, method: 0, crc32: 1 }]);
  for (const bytes of [wrongCrc, tooLong, storedWrongCrc]) {
    const { entries, problems } = await open(bytes);
    assert.deepEqual(problems, []);
    await assert.rejects(
      readAll(entries[0]!),
      (error: unknown) => error instanceof ZipDataError && error.code === 'zip.invalid',
    );
  }
});

test('reports damaged archives as zip.invalid', async () => {
  const good = zipSync({ 'WMO_0363_2017H2.csv': csv(200) });
  const cases: Array<[string, Uint8Array]> = [
    ['no end record', good.subarray(0, good.length - 10)],
    ['not a zip', csv(10)],
    ['too short', new Uint8Array([0x50, 0x4b, 0x03, 0x04])],
    ['middle cut out', new Uint8Array([...good.subarray(0, 40), ...good.subarray(400)])],
    ['zip64', buildRawZip([{ name: 'a.csv', data: csv(1) }], { zip64Locator: true })],
    ['fewer entries than counted', buildRawZip([{ name: 'a.csv', data: csv(1) }], { entryCount: 2 })],
  ];
  for (const [label, bytes] of cases) {
    const { entries, problems } = await open(bytes);
    assert.equal(entries.length, 0, label);
    assert.deepEqual(codes(problems), ['zip.invalid'], label);
  }
});

test('reports encrypted entries and unsupported methods as zip.invalid', async () => {
  const bytes = buildRawZip([
    { name: 'a.csv', data: csv(1), flags: 0x0801 },
    { name: 'b.csv', data: csv(1), method: 12 },
    { name: 'c.csv', data: csv(1) },
    { name: 'c.csv', data: csv(1) },
  ]);
  const { entries, problems } = await open(bytes);
  assert.deepEqual(codes(problems), ['zip.invalid', 'zip.invalid', 'zip.invalid']);
  assert.match(problems[0]!.message, /wachtwoord/);
  assert.match(problems[1]!.message, /bzip2/);
  assert.match(problems[2]!.message, /meer dan eens/);
  assert.equal(entries.length, 1);
});

test('refuses entries that share compressed data (the overlapping-file zip bomb)', async () => {
  const entries: RawEntry[] = [
    { name: 'a.csv', data: csv(50), extraCompressedSize: 40 },
    { name: 'b.csv', data: csv(50) },
  ];
  const { entries: opened, problems } = await open(buildRawZip(entries));
  assert.equal(opened.length, 0);
  assert.deepEqual(codes(problems), ['zip.unsafe']);
  assert.match(problems[0]!.message, /zip-bom/);
});

test('decodes names without the UTF-8 flag as code page 437', async () => {
  const name = new Uint8Array([...strToU8('Jeugd_'), 0x81, ...strToU8('.csv')]);
  const { entries } = await open(buildRawZip([{ name, data: csv(1), flags: 0 }]));
  assert.equal(entries[0]!.name, 'MSD.zip/Jeugd_ü.csv');
});
