// Smoke test of the op-orde PDF: a generated delivery's report rendered with pdfkit, then to PNG pages
// with pdftoppm (poppler-utils); every page must exist, decode and show something other than white.
// And the PDF is tagged PDF/UA (issue 20), read with poppler's pdfinfo, pdffonts and pdftotext and
// with a small reader of the file's own objects and page content streams.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import { renderContentReportPdf, viewContentReport } from '../../src/modules/reports/index.ts';
import { sampleContentReport } from '../support/content-report-sample.ts';

const run = promisify(execFile);

/** The darkest channel of each pixel of an 8-bit greyscale or RGB PNG (what pdftoppm writes), filters undone. */
function pngPixels(png: Buffer): { width: number; height: number; pixels: Uint8Array } {
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  let at = 8;
  let width = 0;
  let height = 0;
  let channels = 1;
  const data: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString();
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      assert.equal(body[8], 8, 'bit depth 8');
      assert.ok(body[9] === 0 || body[9] === 2, 'greyscale or RGB');
      channels = body[9] === 2 ? 3 : 1;
    } else if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= channels ? out[y * stride + x - channels]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels]! : 0;
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
      out[y * stride + x] = (v + predictor) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height);
  for (let i = 0; i < pixels.length; i++) {
    let darkest = 255;
    for (let k = 0; k < channels; k++) darkest = Math.min(darkest, out[i * channels + k]!);
    pixels[i] = darkest;
  }
  return { width, height, pixels };
}

test('the PDF of a generated delivery renders to non-blank PNG pages', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ggk-pdf-'));
  try {
    const contents = await sampleContentReport(2000);
    const pdf = await renderContentReportPdf(
      contents,
      {
        gemeente: 'Amsterdam',
        halfYear: '2017H2',
        generatedAt: new Date('2018-02-20T09:00:05Z'),
        placedAt: new Date('2018-02-20T09:00:05Z'),
        dueAt: new Date('2018-02-22T22:59:59Z'),
      },
      'nl',
    );
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    await writeFile(path.join(dir, 'rapport.pdf'), pdf);
    await run('pdftoppm', [
      '-r',
      '30',
      '-gray',
      '-png',
      path.join(dir, 'rapport.pdf'),
      path.join(dir, 'pagina'),
    ]);
    const pages = (await readdir(dir)).filter((f) => f.endsWith('.png')).sort();
    assert.ok(pages.length >= 4, `four file types over several pages, got ${pages.length}`);
    for (const page of pages) {
      const { width, height, pixels } = pngPixels(await readFile(path.join(dir, page)));
      assert.ok(width > 200 && height > 300, `${page} is an A4 page`);
      const inked = pixels.reduce((n, v) => n + (v < 128 ? 1 : 0), 0);
      assert.ok(inked > 200, `${page} has text or charts on it (${inked} dark pixels)`);
    }
    // The text layer carries the report's words (and no BSN-like number).
    const { stdout } = await run('pdftotext', [path.join(dir, 'rapport.pdf'), '-']);
    assert.match(stdout, /Op-orde rapport van aanlevering GGK-2018-000002/);
    assert.match(stdout, /Per productcategorie, Wmo 2017H2/);
    assert.match(stdout, /Kosten per categorie, Jeugd 2017H2/);
    assert.doesNotMatch(stdout, /(?<![\d.,])\d{9}(?![\d.,])/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/** A PDF literal string's text (pdfkit writes non-ASCII text as UTF-16BE with a byte-order mark). */
function pdfString(literal: string): string {
  const bytes = Buffer.from(literal.replace(/\\([()\\])/g, '$1'), 'latin1');
  if (bytes[0] !== 0xfe || bytes[1] !== 0xff) return bytes.toString('latin1');
  return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
}

/** The file's objects by number (pdfkit writes no object streams), with their decoded streams. */
function pdfObjects(pdf: Buffer): Map<number, { dict: string; stream: Buffer | null }> {
  const text = pdf.toString('latin1');
  const out = new Map<number, { dict: string; stream: Buffer | null }>();
  for (const m of text.matchAll(/(\d+) 0 obj\n([\s\S]*?)\n(stream\n|endobj)/g)) {
    let stream: Buffer | null = null;
    if (m[3] === 'stream\n') {
      const start = m.index + m[0].length;
      const length = Number(/\/Length (\d+)/.exec(m[2]!)?.[1]);
      const raw = pdf.subarray(start, start + length);
      stream = m[2]!.includes('/FlateDecode') ? inflateSync(raw) : raw;
    }
    out.set(Number(m[1]), { dict: m[2]!, stream });
  }
  return out;
}

for (const [locale, lang, title] of [
  ['nl', 'nl-NL', 'Op-orde rapport van aanlevering GGK-2018-000002'],
  ['en', 'en-GB', 'Content report of delivery GGK-2018-000002'],
] as const) {
  test(`the ${locale} PDF is tagged PDF/UA: structure tree, ${lang}, embedded fonts, headers kept whole`, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ggk-pdfua-'));
    try {
      const contents = await sampleContentReport(300);
      const pdf = await renderContentReportPdf(
        contents,
        {
          gemeente: 'Amsterdam',
          halfYear: '2017H2',
          generatedAt: new Date('2018-02-20T09:00:05Z'),
          placedAt: null,
          dueAt: null,
        },
        locale,
      );
      const file = path.join(dir, 'rapport.pdf');
      await writeFile(file, pdf);

      const info = (await run('pdfinfo', [file])).stdout;
      assert.match(info, /^Tagged:\s+yes$/m);
      assert.match(info, /^PDF version:\s+1\.7$/m);
      assert.match(info, new RegExp(`^Title:\\s+${title}$`, 'm'));
      // PDF/UA-1's identifier in the XMP metadata.
      const meta = (await run('pdfinfo', ['-meta', file])).stdout;
      assert.match(meta, /xmlns:pdfuaid="http:\/\/www\.aiim\.org\/pdfua\/ns\/id\/"/);
      assert.match(meta, /<pdfuaid:part>1<\/pdfuaid:part>/);

      // The catalog: language per version, marked content, a structure tree, the title shown.
      const objects = pdfObjects(pdf);
      const dicts = [...objects.values()].map((o) => o.dict);
      const catalog = dicts.find((d) => /\/Type \/Catalog\b/.test(d));
      assert.ok(catalog, 'a catalog');
      assert.match(catalog, new RegExp(`/Lang \\(${lang}\\)`));
      const ref = (d: string, key: string) => {
        const n = new RegExp(`/${key} (\\d+) 0 R`).exec(d)?.[1];
        assert.ok(n, `${key} is a reference`);
        return objects.get(Number(n))!.dict;
      };
      assert.match(ref(catalog, 'MarkInfo'), /\/Marked true/);
      assert.match(ref(catalog, 'StructTreeRoot'), /\/Type \/StructTreeRoot/);
      assert.match(ref(catalog, 'ViewerPreferences'), /\/DisplayDocTitle true/);

      // The structure tree as poppler reads it: headings, tables with headers, figures.
      const tree = (await run('pdfinfo', ['-struct-text', file], { maxBuffer: 64 * 1024 * 1024 })).stdout;
      assert.match(tree, new RegExp(`^Document\\n {2}H1 \\(block\\)\\n {4}"${title}"`));
      for (const element of ['H2', 'H3', 'P', 'L', 'LI', 'Table', 'Caption', 'TR', 'TD'])
        assert.match(tree, new RegExp(`^ +${element}\\b`, 'm'), `a ${element} element`);
      assert.match(tree, /^ +TH:\n +\/Scope \/Column$/m, 'column headers');
      assert.match(tree, /^ +TH:\n +\/Scope \/Row$/m, 'row headers (the facts)');
      // No paragraph or heading starts with an empty piece at the foot of a page.
      assert.doesNotMatch(tree, /^ +(P|H\d) \(block\)\n +""$/m);
      // Every chart is a Figure with its description as alternative text.
      const alts = dicts
        .filter((d) => /\/S \/Figure\b/.test(d))
        .map((d) => pdfString(/\/Alt \(((?:\\.|[^\\)])*)\)\n/.exec(d)?.[1] ?? ''));
      const charts = viewContentReport(contents, locale).sections.flatMap((x) => x.charts);
      assert.ok(charts.length >= 3);
      assert.deepEqual(
        alts,
        charts.map((c) => c.description),
      );

      // CBS's category names are Dutch: in the English PDF their cells say so (WCAG 3.1.2).
      const dutchCells = dicts.filter((d) => /\/S \/TD\b/.test(d) && /\/Lang \(nl-NL\)/.test(d));
      if (locale === 'en') assert.ok(dutchCells.length >= 16, `Dutch name cells: ${dutchCells.length}`);
      else assert.equal(dutchCells.length, 0, 'the Dutch PDF is Dutch throughout');
      // And so are the names in the notable points: each a Span of its own with /Lang nl-NL, in the
      // English PDF; the rest of the point is the document's language.
      const spans = dicts.filter((d) => /\/S \/Span\b/.test(d));
      assert.ok(
        spans.every((d) => /\/Lang \(nl-NL\)/.test(d)),
        'a Span is there for its language',
      );
      const spanTexts = [...tree.matchAll(/^ +Span \(inline\)\n +"([^"]*)"$/gm)].map((m) => m[1]);
      const names = viewContentReport(contents, locale).sections.flatMap((x) =>
        x.warnings.flatMap((w) => w.parts.filter((part) => part.lang === 'nl').map((part) => part.text)),
      );
      if (locale === 'en')
        assert.ok(names.length >= 10, `Dutch names in the notable points: ${names.length}`);
      assert.deepEqual(spanTexts, names);
      assert.equal(spans.length, names.length);

      // No content is left untagged: every text and every painted path on every page lies inside a
      // marked-content sequence (a structure element's content or an artifact).
      const pages = dicts.filter((d) => /\/Type \/Page\b/.test(d));
      assert.ok(pages.length >= 3);
      for (const [p, page] of pages.entries()) {
        const contents = objects
          .get(Number(/\/Contents (\d+) 0 R/.exec(page)?.[1]))!
          .stream!.toString('latin1');
        let depth = 0;
        for (const op of contents.split(/\s+/)) {
          if (op === 'BDC' || op === 'BMC') depth++;
          else if (op === 'EMC') depth--;
          else if (['BT', 'f', 'S', 'B', 'Do', 'sh'].includes(op))
            assert.ok(depth > 0, `page ${p + 1}: '${op}' outside marked content`);
        }
        assert.equal(depth, 0, `page ${p + 1}: every marked-content sequence is closed`);
      }

      // Every font is embedded (the standard 14, such as Helvetica, are not).
      const fonts = (await run('pdffonts', [file])).stdout.split('\n').slice(2).filter(Boolean);
      assert.ok(fonts.length >= 2, 'regular and bold');
      for (const line of fonts)
        assert.match(line, /\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/, `embedded: ${line}`);

      // A table header breaks between words, never inside one: every word of every header cell is
      // a whole word on the page.
      const bbox = (await run('pdftotext', ['-bbox', file, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout;
      const onPage = new Set([...bbox.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((m) => m[1]));
      const headers = [...tree.matchAll(/^ +TH:\n +\/Scope \/Column\n +"([^"]*)"$/gm)].map((m) => m[1]!);
      assert.ok(headers.length > 20, 'column headers read');
      for (const word of new Set(headers.flatMap((h) => h.split(' ').filter(Boolean))))
        assert.ok(onPage.has(word.replace(/&/g, '&amp;')), `header word '${word}' is whole`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
