// A4 PDF documents from simple blocks (headings, paragraphs, facts, tables, SVG charts) with pdfkit
// and svg-to-pdfkit. Tables break across pages and repeat their header; every page gets a footer.
// Standard PDF fonts (Helvetica, WinAnsi): Dutch accented letters and the euro sign are covered.
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';

export type PdfBlock =
  | { kind: 'heading'; text: string; level: 1 | 2 | 3 }
  | { kind: 'paragraph'; text: string }
  | { kind: 'facts'; items: Array<[string, string]> }
  | { kind: 'list'; items: string[] }
  | {
      kind: 'table';
      caption: string;
      columns: Array<{ label: string; numeric: boolean }>;
      rows: string[][];
      /** Row indices printed in bold. */
      emphasised?: number[];
      /** Printed under the header when there are no rows. */
      emptyText?: string;
    }
  | { kind: 'svg'; svg: string; title: string; width: number; height: number };

export interface PdfInput {
  title: string;
  /** Text in every page's footer; gets the page number and count. */
  footer: (page: number, pages: number) => string;
  blocks: PdfBlock[];
}

const MARGIN = 50;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const SIZES = { 1: 18, 2: 14, 3: 11 } as const;
const CELL_PAD = 3;
const TEXT_SIZE = 9;

export function renderPdf(input: PdfInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: input.title, Creator: 'ggk' },
    lang: 'nl-NL',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;
  const ensure = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };

  for (const block of input.blocks) {
    switch (block.kind) {
      case 'heading': {
        ensure(SIZES[block.level] * 3);
        doc.moveDown(block.level === 1 ? 0 : 0.6);
        doc
          .font(BOLD)
          .fontSize(SIZES[block.level])
          .fillColor('#000')
          .text(block.text, MARGIN, doc.y, { width });
        doc.moveDown(0.3);
        break;
      }
      case 'paragraph':
        doc.font(FONT).fontSize(10).text(block.text, MARGIN, doc.y, { width });
        doc.moveDown(0.5);
        break;
      case 'list':
        doc.font(FONT).fontSize(10);
        for (const item of block.items) {
          const height = doc.heightOfString(item, { width: width - 16 });
          ensure(Math.min(height, 40));
          const y = doc.y;
          doc.text('•', MARGIN + 4, y, { lineBreak: false });
          doc.text(item, MARGIN + 16, y, { width: width - 16 });
        }
        doc.moveDown(0.5);
        break;
      case 'facts': {
        const labelWidth = width * 0.4;
        for (const [label, value] of block.items) {
          doc.font(BOLD).fontSize(10);
          const height = Math.max(
            doc.heightOfString(label, { width: labelWidth }),
            doc.font(FONT).heightOfString(value, { width: width - labelWidth }),
          );
          ensure(height + 2);
          const y = doc.y;
          doc.font(BOLD).text(label, MARGIN, y, { width: labelWidth });
          doc.font(FONT).text(value, MARGIN + labelWidth, y, { width: width - labelWidth });
          doc.y = y + height + 2;
        }
        doc.moveDown(0.5);
        break;
      }
      case 'table':
        drawTable(doc, block, width, bottom);
        break;
      case 'svg': {
        const scale = Math.min(1, width / block.width);
        const w = block.width * scale;
        const h = block.height * scale;
        doc.font(BOLD).fontSize(SIZES[3]);
        const titleHeight = doc.heightOfString(block.title, { width }) + 6;
        ensure(titleHeight + h + 10);
        doc.moveDown(0.6);
        doc.fillColor('#000').text(block.title, MARGIN, doc.y, { width });
        doc.moveDown(0.3);
        // svg-to-pdfkit takes the viewport from the root's width and height: set them to the scaled size.
        const sized = block.svg.replace(
          /^<svg([^>]*?) width="[\d.]+" height="[\d.]+"/,
          `<svg$1 width="${w}" height="${h}"`,
        );
        SVGtoPDF(doc, sized, MARGIN, doc.y, { width: w, height: h, assumePt: true });
        doc.y += h + 10;
        doc.x = MARGIN;
        break;
      }
    }
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would start a new page; lift the margin for the footer.
    doc.page.margins.bottom = 0;
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor('#333')
      .text(input.footer(i + 1, range.count), MARGIN, doc.page.height - MARGIN + 15, {
        width,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}

function drawTable(
  doc: PDFKit.PDFDocument,
  table: Extract<PdfBlock, { kind: 'table' }>,
  width: number,
  bottom: () => number,
): void {
  const { columns, rows } = table;
  // Numbers and codes never wrap: each column gets the width of its widest cell (and of the widest
  // word of its header); when that is too wide, only the wide text columns give way.
  const widest = (texts: string[], font: string) =>
    Math.max(0, ...texts.map((x) => doc.font(font).fontSize(TEXT_SIZE).widthOfString(x)));
  const need = columns.map(
    (c, i) =>
      Math.max(
        widest(c.label.split(/\s+/), BOLD),
        widest(
          rows.slice(0, 500).map((r) => r[i] ?? ''),
          FONT,
        ),
        12,
      ) +
      2 * CELL_PAD,
  );
  // A text column may wrap between words, never inside one.
  const floor = columns.map((c, i) =>
    c.numeric
      ? need[i]!
      : Math.min(
          need[i]!,
          Math.max(
            widest(c.label.split(/\s+/), BOLD),
            widest(
              rows.slice(0, 500).flatMap((r) => (r[i] ?? '').split(/\s+/)),
              FONT,
            ),
          ) +
            2 * CELL_PAD,
        ),
  );
  const widths = [...need];
  const excess = need.reduce((a, b) => a + b, 0) - width;
  if (excess > 0) {
    const give = widths.map((w, i) => w - floor[i]!);
    const room = give.reduce((a, b) => a + b, 0);
    widths.forEach((w, i) => (widths[i] = w - (room > 0 ? (give[i]! / room) * Math.min(excess, room) : 0)));
  } else {
    // Spread the spare width over the text columns, so the table spans the page.
    const text = columns.map((c) => (c.numeric ? 0 : 1));
    const n = text.reduce((a: number, b) => a + b, 0) || columns.length;
    widths.forEach((w, i) => (widths[i] = w + (-excess * (text[i] || (n === columns.length ? 1 : 0))) / n));
  }
  const emphasised = new Set(table.emphasised ?? []);

  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(TEXT_SIZE);
    return (
      Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 2 * CELL_PAD }))) +
      2 * CELL_PAD
    );
  };
  const drawRow = (cells: string[], font: string, shade: boolean) => {
    const h = rowHeight(cells, font);
    const y = doc.y;
    if (shade) doc.rect(doc.page.margins.left, y, width, h).fill('#e8eef4');
    let x = doc.page.margins.left;
    doc.fillColor('#000').font(font).fontSize(TEXT_SIZE);
    cells.forEach((cell, i) => {
      doc.text(cell, x + CELL_PAD, y + CELL_PAD, {
        width: widths[i]! - 2 * CELL_PAD,
        align: columns[i]?.numeric ? 'right' : 'left',
      });
      x += widths[i]!;
    });
    doc
      .moveTo(doc.page.margins.left, y + h)
      .lineTo(doc.page.margins.left + width, y + h)
      .lineWidth(0.5)
      .strokeColor('#999')
      .stroke();
    doc.y = y + h;
  };
  const header = columns.map((c) => c.label);
  const headerHeight = rowHeight(header, BOLD);
  const captionHeight = doc.font(BOLD).fontSize(10).heightOfString(table.caption, { width });
  if (doc.y + captionHeight + headerHeight + (rows[0] ? rowHeight(rows[0], FONT) : 0) > bottom())
    doc.addPage();
  doc.font(BOLD).fontSize(10).fillColor('#000').text(table.caption, doc.page.margins.left, doc.y, { width });
  doc.moveDown(0.2);
  drawRow(header, BOLD, true);
  if (rows.length === 0 && table.emptyText) {
    doc
      .font(FONT)
      .fontSize(TEXT_SIZE)
      .text(table.emptyText, doc.page.margins.left + CELL_PAD, doc.y + CELL_PAD, { width });
  }
  rows.forEach((row, i) => {
    if (doc.y + rowHeight(row, emphasised.has(i) ? BOLD : FONT) > bottom()) {
      doc.addPage();
      drawRow(header, BOLD, true);
    }
    drawRow(row, emphasised.has(i) ? BOLD : FONT, false);
  });
  doc.x = doc.page.margins.left;
  doc.moveDown(0.8);
}
