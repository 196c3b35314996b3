// A4 PDF documents from simple blocks (headings, paragraphs, facts, tables, SVG charts) with pdfkit
// and svg-to-pdfkit. Tables break across pages and repeat their header; every page gets a footer.
//
// The documents are tagged PDF/UA-1 (ISO 14289-1, required for government documents by EN 301 549):
// a structure tree (Document > H1/H2/H3, P, L > LI > Lbl + LBody, Table > Caption + TR > TH/TD,
// Figure with alternative text), /MarkInfo << /Marked true >>, the document's language in /Lang,
// the title shown instead of the file name, the PDF/UA identifier in the XMP metadata, and every
// other mark (cell shading, rules, footers, a table header repeated on a new page) an artifact.
// The font is Liberation Sans (SIL OFL 1.1, shipped in ./fonts), embedded as a subset: the standard
// 14 fonts are not embedded, which PDF/UA forbids. It has Helvetica's metrics and covers Dutch
// accented letters and the euro sign.
import { projectPath } from '../files/project-root.ts';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';

export type PdfBlock =
  | { kind: 'heading'; text: string; level: 1 | 2 | 3 }
  | { kind: 'paragraph'; text: string }
  | { kind: 'facts'; items: Array<[string, string]> }
  | { kind: 'list'; items: PdfText[] }
  | {
      kind: 'table';
      caption: string;
      /** `lang`: the language of the column's values when it is not the document's (BCP 47). */
      columns: Array<{ label: string; numeric: boolean; lang?: string }>;
      rows: string[][];
      /** Row indices printed in bold. */
      emphasised?: number[];
      /** Printed under the header when there are no rows. */
      emptyText?: string;
    }
  | {
      kind: 'svg';
      svg: string;
      /** Printed above the chart, tagged as a level-3 heading. */
      title: string;
      /** The chart's alternative text (the Figure's /Alt). */
      alt: string;
      width: number;
      height: number;
    };

/**
 * A text, or a text in runs where a run with `lang` is in another language than the document's (BCP
 * 47), e.g. a Dutch name in an English sentence: it becomes a Span with its own /Lang (WCAG 3.1.2).
 */
export type PdfText = string | Array<{ text: string; lang?: string | undefined }>;

export interface PdfInput {
  title: string;
  /** The document's language (BCP 47), e.g. nl-NL or en-GB. */
  lang: string;
  /** Text in every page's footer; gets the page number and count. */
  footer: (page: number, pages: number) => string;
  blocks: PdfBlock[];
}

const MARGIN = 50;
const FONT = 'LiberationSans';
const BOLD = 'LiberationSans-Bold';
const FONT_FILES = {
  [FONT]: projectPath('src/platform/pdf/fonts/LiberationSans-Regular.ttf'),
  [BOLD]: projectPath('src/platform/pdf/fonts/LiberationSans-Bold.ttf'),
};
const SIZES = { 1: 18, 2: 14, 3: 11 } as const;
const CELL_PAD = 3;
const TEXT_SIZE = 9;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;
/** pdfkit's structure options; @types/pdfkit 0.17 lacks scope, bbox and placement. */
interface StructOptions {
  alt?: string;
  /** The element's language when it is not the document's, e.g. a Dutch name in an English PDF. */
  lang?: string;
  /** TH: the cells it heads. */
  scope?: 'Column' | 'Row' | 'Both';
  /** Figure: its box, in pdfkit's top-down page coordinates. */
  bbox?: [number, number, number, number];
  placement?: 'Block' | 'Inline';
}

/** What `draw` paints, as content of `element` (of `type`). */
function mark(doc: Doc, element: Struct, type: string, draw: () => void): void {
  const content = doc.markStructureContent(type);
  draw();
  doc.endMarkedContent();
  // Added after drawing: a text that runs onto a new page adds that page's part to the same content.
  element.add(content);
}

/** A structure element of `type` under `parent`; what `draw` paints is its content. */
function tag(doc: Doc, parent: Struct, type: string, draw: () => void, options: StructOptions = {}): Struct {
  const element = doc.struct(type, options as PDFKit.Mixins.StructureElementOptions);
  mark(doc, element, type, draw);
  parent.add(element);
  element.end();
  return element;
}

/**
 * `text` at (x, y) as the content of a new `type` element under `parent`; each run in another
 * language is a Span child with that /Lang, the runs set one after the other as one text.
 */
function taggedText(
  doc: Doc,
  parent: Struct,
  type: string,
  text: PdfText,
  at: { x: number; y: number; width: number },
): void {
  if (typeof text === 'string' || text.every((run) => !run.lang)) {
    tag(doc, parent, type, () => doc.text(plain(text), at.x, at.y, { width: at.width }));
    return;
  }
  const element = group(doc, parent, type);
  text.forEach((run, i) => {
    const continued = i < text.length - 1;
    const draw = () =>
      i === 0
        ? doc.text(run.text, at.x, at.y, { width: at.width, continued })
        : doc.text(run.text, { continued });
    if (run.lang) tag(doc, element, 'Span', draw, { lang: run.lang });
    else mark(doc, element, type, draw);
  });
  element.end();
}

/** The text of a PdfText, without its runs. */
function plain(text: PdfText): string {
  return typeof text === 'string' ? text : text.map((run) => run.text).join('');
}

/** A container element (Table, TR, L, LI) under `parent`; end it when its children are added. */
function group(doc: Doc, parent: Struct, type: string): Struct {
  const element = doc.struct(type);
  parent.add(element);
  return element;
}

/** Marks that carry no content of their own: rules, shading, page footers, repeated table headers. */
function artifact(doc: Doc, draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}

export function renderPdf(input: PdfInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    // The default font would otherwise be Helvetica, a standard font that is never embedded.
    font: FONT_FILES[FONT],
    info: { Title: input.title, Creator: 'ggk' },
    pdfVersion: '1.7',
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    tagged: true,
    lang: input.lang,
    displayTitle: true,
  });
  doc.registerFont(FONT, FONT_FILES[FONT]);
  doc.registerFont(BOLD, FONT_FILES[BOLD]);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
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
        tag(doc, root, `H${block.level}`, () =>
          doc
            .font(BOLD)
            .fontSize(SIZES[block.level])
            .fillColor('#000')
            .text(block.text, MARGIN, doc.y, { width }),
        );
        doc.moveDown(0.3);
        break;
      }
      case 'paragraph':
        // A paragraph begun below the last line would leave an empty piece of itself on this page.
        ensure(doc.font(FONT).fontSize(10).currentLineHeight(true));
        tag(doc, root, 'P', () => doc.font(FONT).fontSize(10).text(block.text, MARGIN, doc.y, { width }));
        doc.moveDown(0.5);
        break;
      case 'list': {
        doc.font(FONT).fontSize(10);
        const list = group(doc, root, 'L');
        for (const text of block.items) {
          const height = doc.heightOfString(plain(text), { width: width - 16 });
          ensure(Math.min(height, 40));
          const y = doc.y;
          const item = group(doc, list, 'LI');
          tag(doc, item, 'Lbl', () => doc.text('•', MARGIN + 4, y, { lineBreak: false }));
          taggedText(doc, item, 'LBody', text, { x: MARGIN + 16, y, width: width - 16 });
          item.end();
        }
        list.end();
        doc.moveDown(0.5);
        break;
      }
      case 'facts': {
        // Label and value pairs: a two-column table whose labels head their rows.
        const labelWidth = width * 0.4;
        const table = group(doc, root, 'Table');
        for (const [label, value] of block.items) {
          doc.font(BOLD).fontSize(10);
          const height = Math.max(
            doc.heightOfString(label, { width: labelWidth }),
            doc.font(FONT).heightOfString(value, { width: width - labelWidth }),
          );
          ensure(height + 2);
          const y = doc.y;
          const row = group(doc, table, 'TR');
          tag(doc, row, 'TH', () => doc.font(BOLD).text(label, MARGIN, y, { width: labelWidth }), {
            scope: 'Row',
          });
          tag(doc, row, 'TD', () =>
            doc.font(FONT).text(value, MARGIN + labelWidth, y, { width: width - labelWidth }),
          );
          row.end();
          doc.y = y + height + 2;
        }
        table.end();
        doc.moveDown(0.5);
        break;
      }
      case 'table':
        drawTable(doc, root, block, width, bottom);
        break;
      case 'svg': {
        const scale = Math.min(1, width / block.width);
        const w = block.width * scale;
        const h = block.height * scale;
        doc.font(BOLD).fontSize(SIZES[3]);
        const titleHeight = doc.heightOfString(block.title, { width }) + 6;
        ensure(titleHeight + h + 10);
        doc.moveDown(0.6);
        tag(doc, root, 'H3', () => doc.fillColor('#000').text(block.title, MARGIN, doc.y, { width }));
        doc.moveDown(0.3);
        // svg-to-pdfkit takes the viewport from the root's width and height: set them to the scaled size.
        const sized = block.svg.replace(
          /^<svg([^>]*?) width="[\d.]+" height="[\d.]+"/,
          `<svg$1 width="${w}" height="${h}"`,
        );
        const y = doc.y;
        tag(
          doc,
          root,
          'Figure',
          () =>
            SVGtoPDF(doc, sized, MARGIN, y, {
              width: w,
              height: h,
              assumePt: true,
              // The chart's labels in the embedded font, not the SVG's (unembedded) font family.
              fontCallback: (_family, bold) => (bold ? BOLD : FONT),
            }),
          { alt: block.alt, bbox: [MARGIN, y, MARGIN + w, y + h], placement: 'Block' },
        );
        doc.y = y + h + 10;
        doc.x = MARGIN;
        break;
      }
    }
  }
  root.end();

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would start a new page; lift the margin for the footer.
    doc.page.margins.bottom = 0;
    artifact(
      doc,
      () =>
        doc
          .font(FONT)
          .fontSize(8)
          .fillColor('#333')
          .text(input.footer(i + 1, range.count), MARGIN, doc.page.height - MARGIN + 15, {
            width,
            align: 'center',
            lineBreak: false,
          }),
      'Pagination',
    );
  }
  doc.end();
  return done;
}

function drawTable(
  doc: Doc,
  parent: Struct,
  table: Extract<PdfBlock, { kind: 'table' }>,
  width: number,
  bottom: () => number,
): void {
  const { columns, rows } = table;
  // Numbers and codes never wrap: each column gets the width of its widest cell (and of the widest
  // word of its header); when that is too wide, only the wide text columns give way.
  const widest = (texts: string[], font: string) =>
    Math.max(0, ...texts.map((x) => doc.font(font).fontSize(TEXT_SIZE).widthOfString(x)));
  // pdfkit's line breaker measures a word with the space after it, and splits a word (inside it) that
  // is wider than the line: measure the words the same way.
  const words = (text: string) =>
    text.split(/\s+/).map((word, i, all) => (i < all.length - 1 ? `${word} ` : word));
  const need = columns.map(
    (c, i) =>
      Math.max(
        widest(words(c.label), BOLD),
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
            widest(words(c.label), BOLD),
            widest(
              rows.slice(0, 500).flatMap((r) => words(r[i] ?? '')),
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
  /** One row; `into` is the Table element, or null for a header repeated on a new page (an artifact). */
  const drawRow = (cells: string[], font: string, header: boolean, into: Struct | null) => {
    const h = rowHeight(cells, font);
    const y = doc.y;
    if (header) artifact(doc, () => doc.rect(doc.page.margins.left, y, width, h).fill('#e8eef4'));
    const row = into ? group(doc, into, 'TR') : null;
    let x = doc.page.margins.left;
    cells.forEach((cell, i) => {
      const draw = () =>
        doc
          .fillColor('#000')
          .font(font)
          .fontSize(TEXT_SIZE)
          .text(cell, x + CELL_PAD, y + CELL_PAD, {
            width: widths[i]! - 2 * CELL_PAD,
            align: columns[i]?.numeric ? 'right' : 'left',
          });
      const lang = columns[i]?.lang;
      if (row) tag(doc, row, header ? 'TH' : 'TD', draw, header ? { scope: 'Column' } : lang ? { lang } : {});
      else artifact(doc, draw, 'Pagination');
      x += widths[i]!;
    });
    row?.end();
    artifact(doc, () =>
      doc
        .moveTo(doc.page.margins.left, y + h)
        .lineTo(doc.page.margins.left + width, y + h)
        .lineWidth(0.5)
        .strokeColor('#999')
        .stroke(),
    );
    doc.y = y + h;
  };
  const header = columns.map((c) => c.label);
  const headerHeight = rowHeight(header, BOLD);
  const captionHeight = doc.font(BOLD).fontSize(10).heightOfString(table.caption, { width });
  if (doc.y + captionHeight + headerHeight + (rows[0] ? rowHeight(rows[0], FONT) : 0) > bottom())
    doc.addPage();
  const element = group(doc, parent, 'Table');
  tag(doc, element, 'Caption', () =>
    doc
      .font(BOLD)
      .fontSize(10)
      .fillColor('#000')
      .text(table.caption, doc.page.margins.left, doc.y, { width }),
  );
  doc.moveDown(0.2);
  drawRow(header, BOLD, true, element);
  rows.forEach((row, i) => {
    if (doc.y + rowHeight(row, emphasised.has(i) ? BOLD : FONT) > bottom()) {
      doc.addPage();
      drawRow(header, BOLD, true, null);
    }
    drawRow(row, emphasised.has(i) ? BOLD : FONT, false, element);
  });
  element.end();
  if (rows.length === 0 && table.emptyText) {
    const text = table.emptyText;
    tag(doc, parent, 'P', () =>
      doc
        .font(FONT)
        .fontSize(TEXT_SIZE)
        .text(text, doc.page.margins.left + CELL_PAD, doc.y + CELL_PAD, { width }),
    );
  }
  doc.x = doc.page.margins.left;
  doc.moveDown(0.8);
}
