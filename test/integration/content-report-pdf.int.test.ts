// Smoke test of the op-orde PDF: a generated delivery's report rendered with pdfkit, then to PNG pages
// with pdftoppm (poppler-utils); every page must exist, decode and show something other than white.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import { renderContentReportPdf } from '../../src/modules/reports/index.ts';
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
