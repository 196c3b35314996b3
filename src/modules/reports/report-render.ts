// The op-orde report rendered: chart SVGs for the page, the PDF, and one table as CSV.
import { renderChartSvg } from '../../platform/charts/vega-svg.ts';
import { toCsv } from '../../platform/csv/csv.ts';
import { renderPdf, type PdfBlock } from '../../platform/pdf/pdf-document.ts';
import { formatDateTime, translator, type Locale } from '../i18n/index.ts';
import type { ContentReport } from './report-content.ts';
import { viewContentReport, type ReportChart, type ReportTable, type ReportView } from './report-view.ts';

/** The SVG of each chart, labelled by the elements `${chart.id}-titel` and `${chart.id}-beschrijving`. */
export async function renderReportCharts(view: ReportView): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const section of view.sections)
    for (const chart of section.charts)
      out.set(
        chart.id,
        await renderChartSvg(chart.spec, {
          titleId: `${chart.id}-titel`,
          descriptionId: `${chart.id}-beschrijving`,
        }),
      );
  return out;
}

export function reportTableToCsv(table: ReportTable): string {
  return toCsv(
    table.columns.map((c) => c.label),
    table.values,
  );
}

export interface ReportMeta {
  gemeente: string;
  halfYear: string;
  generatedAt: Date;
  placedAt: Date | null;
  dueAt: Date | null;
}

function chartSize(svg: string): { width: number; height: number } {
  const m = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : { width: 500, height: 300 };
}

export async function renderContentReportPdf(
  contents: ContentReport,
  meta: ReportMeta,
  locale: Locale,
): Promise<Buffer> {
  const t = translator(locale);
  const view = viewContentReport(contents, locale);
  const charts = await renderReportCharts(view);
  const blocks: PdfBlock[] = [
    { kind: 'heading', level: 1, text: view.title },
    { kind: 'paragraph', text: t('reports.intro') },
    {
      kind: 'facts',
      items: [
        [t('reports.gemeente'), `${contents.gemeenteName} (${contents.gemeentecode})`],
        [t('reports.receipt'), contents.receiptNumber],
        [t('reports.generated'), formatDateTime(locale, meta.generatedAt)],
        ...(meta.placedAt
          ? [[t('reports.placed'), formatDateTime(locale, meta.placedAt)] as [string, string]]
          : []),
        ...(meta.dueAt ? [[t('reports.due'), formatDateTime(locale, meta.dueAt)] as [string, string]] : []),
        [t('reports.threshold'), `${contents.changeThresholdPercent}%`],
      ],
    },
    { kind: 'paragraph', text: t('reports.pdf.noBsn') },
  ];
  for (const section of view.sections) {
    blocks.push({ kind: 'heading', level: 2, text: section.heading });
    blocks.push({ kind: 'paragraph', text: t('reports.fileName', { name: section.fileName }) });
    blocks.push({
      kind: 'heading',
      level: 3,
      text: t('reports.warnings', { count: section.warnings.length }),
    });
    blocks.push(
      section.warnings.length > 0
        ? {
            kind: 'list',
            // The category names in a warning are CBS's own Dutch labels, marked so in the English PDF.
            items: section.warnings.map((w) => [
              { text: `${w.code}: ` },
              ...w.parts.map((part) => ({ text: part.text, lang: part.lang && 'nl-NL' })),
            ]),
          }
        : { kind: 'paragraph', text: t('reports.noWarnings') },
    );
    for (const chart of section.charts)
      blocks.push(...chartBlocks(chart, charts.get(chart.id)!, section.tables));
    for (const table of section.tables) {
      if (table.id.endsWith('-meldingen')) continue; // listed above
      blocks.push({
        kind: 'table',
        caption: table.caption,
        // The names of the categories are CBS's own, in Dutch: marked so in the English PDF, so a
        // screen reader reads them in Dutch (WCAG 3.1.2).
        columns: table.columns.map((c) =>
          locale === 'en' && c.label === t('reports.col.label') ? { ...c, lang: 'nl-NL' } : c,
        ),
        rows: table.rows,
        emphasised: table.flagged,
        emptyText: t('common.none'),
      });
    }
  }
  return renderPdf({
    title: view.title,
    lang: locale === 'en' ? 'en-GB' : 'nl-NL',
    footer: (page, pages) => `${view.title} · ${t('reports.pdf.page', { page, pages })}`,
    blocks,
  });
}

function chartBlocks(chart: ReportChart, svg: string, tables: ReportTable[]): PdfBlock[] {
  const table = tables.find((x) => x.id === chart.tableId);
  return [
    { kind: 'svg', svg, title: chart.title, alt: chart.description, ...chartSize(svg) },
    { kind: 'paragraph', text: chart.description + (table ? ` (${table.caption})` : '') },
  ];
}
