// The op-orde report as a page: its tables, SVG charts with their text alternative and table, the
// downloads, and CBS's own report when there is one; a refusal is recorded like a failed download.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { staffRolesOf } from '../../../modules/auth/index.ts';
import { findErasure, type DeliveryErasure } from '../../../modules/deliveries/index.ts';
import { formatBytes, formatDateTime, halfYearLabel } from '../../../modules/i18n/index.ts';
import {
  renderReportCharts,
  viewContentReport,
  type ReportTable,
  type SectionView,
  type TextPart,
} from '../../../modules/reports/index.ts';
import type { AppDeps } from '../../app.ts';
import { recordReportDownload } from '../../deliveries/delivery-access.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { Notice } from '../components.tsx';
import { ErasedNotice } from '../erased-delivery.tsx';
import { Layout } from '../layout.tsx';
import { pageContext, type PageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import {
  READERS,
  REFUSAL,
  findReadableReports,
  recordContentDownload,
  type RefusalReason,
} from './shared.ts';

const schema = {
  querystring: z.object({}),
  // Any text: a malformed id answers the same 404 page as an unknown one.
  params: z.object({ id: z.string().max(100) }),
};

function CbsReportSection({
  ctx,
  deliveryId,
  report,
}: {
  ctx: PageContext;
  deliveryId: string;
  report: { state: 'held' | 'placed'; bytes: number; uploadedAt: Date; placedAt: Date | null };
}) {
  const t = ctx.t;
  return (
    <section aria-labelledby="cbs-rapport-kop" data-testid="cbs-content-report">
      <h2 class="utrecht-heading-2" id="cbs-rapport-kop">
        {t('cbsReports.reader.title')}
      </h2>
      <p class="utrecht-paragraph">{t('cbsReports.reader.intro')}</p>
      {report.state === 'held' && <Notice kind="warning">{t('cbsReports.reader.held')}</Notice>}
      <p class="utrecht-paragraph">
        {t('cbsReports.reader.facts', {
          date: formatDateTime(ctx.locale, report.placedAt ?? report.uploadedAt),
          size: formatBytes(ctx.locale, report.bytes),
        })}
      </p>
      <p class="utrecht-paragraph">
        <a
          class="utrecht-link utrecht-link--html-a"
          href={`/aanleveringen/${deliveryId}/op-orde/cbs.pdf`}
          download
          data-testid="cbs-content-report-download"
        >
          {t('cbsReports.reader.download')}
        </a>
      </p>
    </section>
  );
}

/**
 * `dutchLabel`: the header of the columns whose values are CBS's own Dutch names (the categories),
 * on an English page: their cells are marked lang="nl" so a screen reader reads them in Dutch
 * (WCAG 3.1.2), as the English PDF does.
 */
function DataTable({
  table,
  headingId,
  dutchLabel,
  warnings,
}: {
  table: ReportTable;
  headingId?: string;
  dutchLabel?: string | undefined;
  /** The warnings table's rows: its message cells with their Dutch names marked (Parts). */
  warnings?: SectionView['warnings'] | undefined;
}) {
  const lang = (i: number) =>
    dutchLabel !== undefined && table.columns[i]?.label === dutchLabel ? 'nl' : undefined;
  return (
    <div class="ggk-table-wrapper" tabIndex={0} role="region" aria-label={table.caption}>
      <table class="utrecht-table" id={table.id} data-testid={`tabel-${table.id}`}>
        <caption class="utrecht-table__caption" id={headingId}>
          {table.caption}
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {table.columns.map((c, i) => (
              <th
                class={`utrecht-table__header-cell${c.numeric ? ' utrecht-table__header-cell--numeric' : ''}`}
                scope="col"
                key={i}
              >
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {table.rows.map((row, r) => (
            <tr class={`utrecht-table__row${table.flagged.includes(r) ? ' ggk-row-flagged' : ''}`} key={r}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <th class="utrecht-table__header-cell" scope="row" key={i} lang={lang(i)}>
                    {cell}
                  </th>
                ) : (
                  <td
                    class={`utrecht-table__cell${table.columns[i]?.numeric ? ' utrecht-table__cell--numeric' : ''}`}
                    key={i}
                    lang={lang(i)}
                  >
                    {i === 1 && warnings?.[r] ? <Parts parts={warnings[r].parts} /> : cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A text whose Dutch pieces (CBS's category names) are marked lang="nl" on an English page (WCAG 3.1.2). */
function Parts({ parts }: { parts: TextPart[] }) {
  return (
    <>
      {parts.map((part, i) =>
        part.lang ? (
          <span lang={part.lang} key={i}>
            {part.text}
          </span>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

function csvHref(deliveryId: string, table: ReportTable): string {
  return `/aanleveringen/${deliveryId}/op-orde/tabellen/${table.id}`;
}

function NotAvailable({
  ctx,
  reason,
  deliveryId,
  erasure,
}: {
  ctx: PageContext;
  reason: 'not-ready' | 'held' | 'erased' | 'cbs-not-placed';
  deliveryId: string;
  erasure: DeliveryErasure | undefined;
}) {
  return (
    <Layout
      title={ctx.t('reports.title')}
      ctx={ctx}
      breadcrumbs={[
        { href: '/', label: ctx.t('common.home') },
        { href: `/aanleveringen/${deliveryId}`, label: ctx.t('reports.receipt') },
      ]}
    >
      <h1 class="utrecht-heading-1">{ctx.t('reports.title')}</h1>
      {erasure ? (
        <ErasedNotice ctx={ctx} erasure={erasure} />
      ) : (
        <Notice>
          {reason === 'held'
            ? ctx.t('reports.notPlaced')
            : reason === 'cbs-not-placed'
              ? ctx.t('cbsReports.reader.notYet')
              : ctx.t('reports.notReady')}
        </Notice>
      )}
    </Layout>
  );
}

export function registerShowContentReport(app: FastifyInstance, deps: AppDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/aanleveringen/:id/op-orde', { schema, config: READERS }, async (request, reply) => {
      const { found, cbs } = await findReadableReports(request, deps, request.params.id);
      if (!found.delivery) return reply.callNotFound();
      const ctx = pageContext(request, reply, deps);
      reply.header('cache-control', 'no-store');
      if (!found.report && !cbs.visible) {
        // With only CBS's report in this round, the gemeente waits for that one (or its release).
        const reason: RefusalReason =
          found.reason === 'cbs-only' ||
          (found.reason === 'not-ready' && cbs.reportOnly && staffRolesOf(request.principal).length === 0)
            ? cbs.held
              ? 'held'
              : 'cbs-not-placed'
            : found.reason;
        // Refused like a download that failed, so the servicedesk sees what the user saw.
        await recordReportDownload(request, deps, found.delivery, 'content_report_html', REFUSAL[reason]);
        const erasure = reason === 'erased' ? await findErasure(deps.db, found.delivery.id) : undefined;
        return sendPage(
          reply,
          200,
          <NotAvailable
            ctx={ctx}
            reason={reason === 'missing' ? 'not-ready' : reason}
            deliveryId={found.delivery.id}
            erasure={erasure}
          />,
        );
      }
      const { delivery, report } = found;
      await recordContentDownload(request, deps, delivery, 'content_report_html');
      const t = ctx.t;
      const crumbs = [
        { href: '/', label: t('common.home') },
        { href: '/aanleveringen', label: t('nav.deliveries') },
        { href: `/aanleveringen/${delivery.id}`, label: delivery.receipt_number },
      ];
      const cbsSection = cbs.visible && (
        <CbsReportSection ctx={ctx} deliveryId={delivery.id} report={cbs.visible} />
      );
      if (!report)
        return sendPage(
          reply,
          200,
          <Layout title={t('cbsReports.reader.title')} ctx={ctx} breadcrumbs={crumbs}>
            <h1 class="utrecht-heading-1">{t('reports.titleOf', { receipt: delivery.receipt_number })}</h1>
            {cbsSection}
          </Layout>,
        );
      const view = viewContentReport(report.contents, ctx.locale);
      const charts = await renderReportCharts(view);
      return sendPage(
        reply,
        200,
        <Layout title={view.title} ctx={ctx} breadcrumbs={crumbs}>
          <h1 class="utrecht-heading-1">{view.title}</h1>
          {cbsSection}
          {cbs.reportOnly && <Notice kind="warning">{t('cbsReports.reader.onlyCbsStaffNote')}</Notice>}
          {cbsSection && <h2 class="utrecht-heading-2">{t('cbsReports.reader.ggkTitle')}</h2>}
          {report.state === 'held' && <Notice kind="warning">{t('reports.heldNotice')}</Notice>}
          <p class="utrecht-paragraph">{t('reports.intro')}</p>
          <h2 class="utrecht-heading-2">{t('reports.facts')}</h2>
          <dl class="ggk-round-facts" data-testid="content-report-facts">
            <dt>{t('reports.gemeente')}</dt>
            <dd>
              {delivery.gemeente_name} ({delivery.gemeentecode})
            </dd>
            <dt>{t('reports.receipt')}</dt>
            <dd>
              {delivery.receipt_number}, {halfYearLabel(ctx.locale, delivery.half_year)}
            </dd>
            <dt>{t('reports.state')}</dt>
            <dd data-testid="content-report-state">
              {report.state === 'held' ? t('reports.state.held') : t('reports.state.placed')}
            </dd>
            <dt>{t('reports.generated')}</dt>
            <dd>{formatDateTime(ctx.locale, report.generatedAt)}</dd>
            {report.placedAt && (
              <>
                <dt>{t('reports.placed')}</dt>
                <dd>{formatDateTime(ctx.locale, report.placedAt)}</dd>
              </>
            )}
            {delivery.content_report_due_at && (
              <>
                <dt>{t('reports.due')}</dt>
                <dd>{formatDateTime(ctx.locale, delivery.content_report_due_at)}</dd>
              </>
            )}
            <dt>{t('reports.threshold')}</dt>
            <dd>{report.contents.changeThresholdPercent}%</dd>
          </dl>
          <h2 class="utrecht-heading-2">{t('reports.downloads')}</h2>
          <ul class="utrecht-unordered-list" data-testid="content-report-downloads">
            <li class="utrecht-unordered-list__item">
              <a
                class="utrecht-link utrecht-link--html-a"
                href={`/aanleveringen/${delivery.id}/op-orde.pdf`}
                download
              >
                {t('reports.downloadPdf')}
              </a>
            </li>
            <li class="utrecht-unordered-list__item">
              <a
                class="utrecht-link utrecht-link--html-a"
                href={`/aanleveringen/${delivery.id}/op-orde.json`}
                download
              >
                {t('reports.downloadJson')}
              </a>
            </li>
          </ul>
          {view.sections.map((section) => (
            <section aria-labelledby={`${section.id}-kop`} key={section.id} class="ggk-report-section">
              <h2 class="utrecht-heading-2" id={`${section.id}-kop`}>
                {section.heading}
              </h2>
              <p class="utrecht-paragraph">{t('reports.fileName', { name: section.fileName })}</p>
              <h3 class="utrecht-heading-3">{t('reports.warnings', { count: section.warnings.length })}</h3>
              {section.warnings.length > 0 ? (
                <ul class="utrecht-unordered-list" data-testid={`${section.id}-meldingen`}>
                  {section.warnings.map((w, i) => (
                    <li class="utrecht-unordered-list__item" key={i}>
                      <strong>{w.code}</strong>: <Parts parts={w.parts} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="utrecht-paragraph">{t('reports.noWarnings')}</p>
              )}
              {section.charts.map((chart) => {
                const table = section.tables.find((x) => x.id === chart.tableId);
                return (
                  <figure class="ggk-chart" key={chart.id}>
                    <figcaption>
                      <h3 class="utrecht-heading-3" id={`${chart.id}-titel`}>
                        {chart.title}
                      </h3>
                      <p class="utrecht-paragraph" id={`${chart.id}-beschrijving`}>
                        {chart.description}{' '}
                        {table && (
                          <a class="utrecht-link utrecht-link--html-a" href={`#${table.id}`}>
                            {t('reports.chartTable', { caption: table.caption })}
                          </a>
                        )}
                      </p>
                    </figcaption>
                    {/* SVG rendered by vega from the report's numbers; no script or style in it. */}
                    <div class="ggk-chart__svg" dangerouslySetInnerHTML={{ __html: charts.get(chart.id)! }} />
                  </figure>
                );
              })}
              {section.tables.map((table) => (
                <div key={table.id} class="ggk-report-table">
                  {table.rows.length > 0 ? (
                    <DataTable
                      table={table}
                      dutchLabel={ctx.locale === 'en' ? t('reports.col.label') : undefined}
                      warnings={table.id.endsWith('-meldingen') ? section.warnings : undefined}
                    />
                  ) : (
                    <p class="utrecht-paragraph" id={table.id}>
                      {table.caption}: {t('common.none')}.
                    </p>
                  )}
                  <p class="utrecht-paragraph">
                    <a class="utrecht-link utrecht-link--html-a" href={csvHref(delivery.id, table)} download>
                      {t('reports.downloadCsv')}: {table.caption}
                    </a>
                  </p>
                </div>
              ))}
            </section>
          ))}
        </Layout>,
      );
    });
}
