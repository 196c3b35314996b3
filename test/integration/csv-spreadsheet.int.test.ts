// The Dutch CSV opened by a real spreadsheet: LibreOffice Calc (headless) imports it as a Dutch user
// would (semicolon, UTF-8, language nl-NL) and saves XLSX; the sheet read back must hold numbers as
// numbers (negative amounts too), the accents intact, and a planted formula as inert text.
// Needs `soffice` (Debian: libreoffice-calc-nogui; .ci/run installs it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { toCsv } from '../../src/platform/csv/csv.ts';
import { reportTableToCsv } from '../../src/modules/reports/report-render.ts';
import { viewContentReport } from '../../src/modules/reports/report-view.ts';
import { sampleContentReport } from '../support/content-report-sample.ts';

interface SheetCell {
  type: 'n' | 's' | 'other';
  value: string;
  formula: boolean;
}

/** The first sheet of an XLSX as cells by reference ("B2"), shared strings resolved. */
function readXlsx(file: string): Map<string, SheetCell> {
  const zip = unzipSync(readFileSync(file));
  const xml = (name: string) => strFromU8(zip[name] ?? new Uint8Array());
  const unescape = (s: string) =>
    s
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const shared = [...xml('xl/sharedStrings.xml').matchAll(/<si>(.*?)<\/si>/gs)].map((m) =>
    unescape([...m[1]!.matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join('')),
  );
  const cells = new Map<string, SheetCell>();
  for (const m of xml('xl/worksheets/sheet1.xml').matchAll(
    /<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs,
  )) {
    const t = /t="(\w+)"/.exec(m[2]!)?.[1] ?? 'n';
    const body = m[3] ?? '';
    const v = /<v>(.*?)<\/v>/s.exec(body)?.[1] ?? '';
    cells.set(m[1]!, {
      type: t === 'n' ? 'n' : t === 's' ? 's' : 'other',
      value: t === 's' ? (shared[Number(v)] ?? '') : unescape(v),
      formula: body.includes('<f'),
    });
  }
  return cells;
}

/** Opens a CSV as Calc does for a Dutch user and returns the sheet. */
function openInDutchCalc(csv: string): Map<string, SheetCell> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ggk-calc-'));
  try {
    writeFileSync(path.join(dir, 'export.csv'), csv);
    // CSV filter options: separator 59 (;), text delimiter 34 ("), charset 76 (UTF-8), from line 1,
    // default column types, language 1043 (nl-NL: decimal comma).
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
        '--headless',
        '--infilter=CSV:59,34,76,1,,1043',
        '--convert-to',
        'xlsx',
        '--outdir',
        dir,
        path.join(dir, 'export.csv'),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    return readXlsx(path.join(dir, 'export.xlsx'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a Dutch spreadsheet reads ggk CSV numbers as numbers, text as text, formulas as inert text', async () => {
  assert.equal(
    spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status,
    0,
    'soffice (LibreOffice Calc) is needed: apt-get install libreoffice-calc-nogui',
  );
  // One document with the op-orde report's cost table and the cases that went wrong before.
  const view = viewContentReport(await sampleContentReport(400), 'nl');
  const table = view.sections
    .flatMap((s) => s.tables)
    .find((t) => t.values.some((r) => typeof r[2] === 'number' && !Number.isInteger(r[2])));
  assert.ok(table, 'a report table with amounts in cents');
  const reportCsv = reportTableToCsv(table);
  const extra = toCsv(
    ['Omschrijving', 'Bedrag', 'Aandeel', 'Tekst'],
    [
      ['Gemeente Súdwest-Fryslân', -312567.5, 0.123456, '=HYPERLINK("http://x")'],
      ['Negatief als tekst', '-5', 12, '+31 20 123'],
    ],
  );
  const sheet = openInDutchCalc(`${reportCsv}${extra.replace(/^\uFEFF/, '')}`);

  // The report table: every amount column cell is a number with the value ggk wrote.
  table.values.forEach((row, r) => {
    for (const c of [2, 3]) {
      const v = row[c];
      if (typeof v !== 'number') continue;
      const cell = sheet.get(`${'ABCDEF'[c]}${r + 2}`);
      assert.equal(cell?.type, 'n', `row ${r + 2} column ${c}: ${JSON.stringify(cell)}`);
      assert.ok(Math.abs(Number(cell.value) - v) < 0.005, `${cell.value} ≈ ${v}`);
    }
  });
  const base = table.values.length + 2; // the extra document's header line
  assert.equal(sheet.get(`A${base + 1}`)?.value, 'Gemeente Súdwest-Fryslân');
  assert.deepEqual(sheet.get(`B${base + 1}`), { type: 'n', value: '-312567.5', formula: false });
  assert.deepEqual(sheet.get(`C${base + 1}`), { type: 'n', value: '0.1235', formula: false });
  assert.equal(sheet.get(`D${base + 1}`)?.formula, false);
  assert.equal(sheet.get(`D${base + 1}`)?.type, 's');
  assert.deepEqual(sheet.get(`B${base + 2}`), { type: 'n', value: '-5', formula: false });
  assert.equal(sheet.get(`D${base + 2}`)?.type, 's');
  assert.ok(
    [...sheet.values()].every((c) => !c.formula),
    'no cell became a formula',
  );
});
