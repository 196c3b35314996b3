// The op-orde report in the portal: the page (tables, SVG charts with their text alternative and
// table), the PDF, the JSON and a CSV per table, each download recorded and audited; and the CBS page
// that holds the reports of a round or gemeente and releases them.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { staffRolesOf } from '../../modules/auth/index.ts';
import { auditActorOf } from '../../modules/audit/index.ts';
import {
  findErasure,
  type DeliveryErasure,
  type DeliveryRow,
  type DownloadKind,
} from '../../modules/deliveries/index.ts';
import { errorMessage, formatBytes, formatDateTime, halfYearLabel } from '../../modules/i18n/index.ts';
import {
  findCbsReportForDelivery,
  isCbsReportOnly,
  listHeldCbsReportsOfRound,
} from '../../modules/handover/index.ts';
import { findOrganisationById, listOrganisations } from '../../modules/organisations/index.ts';
import { findCurrentRound } from '../../modules/periods/index.ts';
import {
  contentReportForDownload,
  findContentReport,
  findReportTable,
  holdContentReports,
  listHeldReports,
  listHolds,
  releaseContentReportHold,
  renderContentReportPdf,
  renderReportCharts,
  reportTableToCsv,
  viewContentReport,
  type ReportTable,
  type StoredContentReport,
} from '../../modules/reports/index.ts';
import { AppError, isAppError } from '../../platform/errors/app-error.ts';
import { isUuid } from '../../platform/errors/ids.ts';
import type { AppDeps } from '../app.ts';
import { erasedReason, findVisibleDelivery, recordReportDownload } from '../deliveries/delivery-access.ts';
import { ErasedNotice } from './erased-delivery.tsx';
import { Button, ErrorSummary, Notice, PostForm, SelectField, type FieldError } from './components.tsx';
import { Layout } from './layout.tsx';
import { pageContext, type PageContext } from './page-context.ts';
import { sendPage } from './render.ts';

const READERS = {
  access: {
    kind: 'organisation-or-staff',
    roles: ['aanleveraar', 'rapportontvanger'],
    staff: ['operator', 'cbs'],
  },
} as const;
const CBS = { access: { kind: 'staff', roles: ['cbs'] } } as const;

/** Records a download and its audit entry in one transaction (deliveries' recordReportDownload). */
async function recordContentDownload(
  request: FastifyRequest,
  deps: AppDeps,
  delivery: DeliveryRow,
  kind: DownloadKind,
): Promise<void> {
  await recordReportDownload(request, deps, delivery.id, kind);
}

/**
 * The delivery and its report when this principal may read it: the organisation only once the report
 * is placed; CBS and the operator also while it is held.
 */
async function findReadableReport(
  request: FastifyRequest,
  deps: AppDeps,
  id: string,
): Promise<
  | { delivery: DeliveryRow; report: StoredContentReport }
  | {
      delivery: DeliveryRow | undefined;
      report: undefined;
      reason: RefusalReason;
    }
> {
  const delivery = await findVisibleDelivery(request, deps, id);
  if (!delivery) return { delivery: undefined, report: undefined, reason: 'missing' };
  if (erasedReason(delivery)) return { delivery, report: undefined, reason: 'erased' };
  const report = await findContentReport(deps.db, delivery.id);
  if (!report) return { delivery, report: undefined, reason: 'not-ready' };
  const staff = staffRolesOf(request.principal).length > 0;
  if (report.state === 'held' && !staff) return { delivery, report: undefined, reason: 'held' };
  // CBS chose, for this round, that the gemeente sees only CBS's own report.
  if (!staff && (await isCbsReportOnly(deps.db, delivery.round_id)))
    return { delivery, report: undefined, reason: 'cbs-only' };
  return { delivery, report };
}

type RefusalReason = 'missing' | 'not-ready' | 'held' | 'erased' | 'cbs-only' | 'cbs-not-placed';

/** CBS's own op-orde rapport of a delivery, when this principal may see it (staff also while held). */
async function findReadableCbsReport(request: FastifyRequest, deps: AppDeps, delivery: DeliveryRow) {
  if (erasedReason(delivery)) return { visible: undefined, reportOnly: false, held: false };
  const cbs = await findCbsReportForDelivery(deps.db, delivery);
  const staff = staffRolesOf(request.principal).length > 0;
  const visible =
    cbs.report && cbs.stored && (cbs.report.state === 'placed' || staff)
      ? { ...cbs.report, stored: cbs.stored }
      : undefined;
  return { visible, reportOnly: cbs.reportOnly, held: cbs.report?.state === 'held' };
}

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

function DataTable({ table, headingId }: { table: ReportTable; headingId?: string }) {
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
                  <th class="utrecht-table__header-cell" scope="row" key={i}>
                    {cell}
                  </th>
                ) : (
                  <td
                    class={`utrecht-table__cell${table.columns[i]?.numeric ? ' utrecht-table__cell--numeric' : ''}`}
                    key={i}
                  >
                    {cell}
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

export function registerContentReportRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Params: { id: string } }>(
    '/aanleveringen/:id/op-orde',
    { config: READERS },
    async (request, reply) => {
      const found = await findReadableReport(request, deps, request.params.id);
      if (!found.delivery) return reply.callNotFound();
      const ctx = pageContext(request, reply, deps);
      reply.header('cache-control', 'no-store');
      const cbs = await findReadableCbsReport(request, deps, found.delivery);
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
        await recordReportDownload(request, deps, found.delivery.id, 'content_report_html', REFUSAL[reason]);
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
                      <strong>{w.code}</strong>: {w.message}
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
                    <DataTable table={table} />
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
    },
  );

  app.get<{ Params: { id: string } }>(
    '/aanleveringen/:id/op-orde.pdf',
    { config: READERS },
    async (request, reply) => {
      const found = await findReadableReport(request, deps, request.params.id);
      if (!found.delivery) return reply.callNotFound();
      if (!found.report)
        return notAvailable(reply, request, deps, found.reason, found.delivery, 'content_report_pdf');
      const { delivery, report } = found;
      const locale = pageContext(request, reply, deps).locale;
      const pdf = await renderContentReportPdf(
        report.contents,
        {
          gemeente: delivery.gemeente_name,
          halfYear: delivery.half_year,
          generatedAt: report.generatedAt,
          placedAt: report.placedAt,
          dueAt: delivery.content_report_due_at,
        },
        locale,
      );
      await recordContentDownload(request, deps, delivery, 'content_report_pdf');
      return reply
        .header(
          'content-disposition',
          `attachment; filename="op-orde-rapport-${delivery.receipt_number}.pdf"`,
        )
        .header('cache-control', 'no-store')
        .type('application/pdf')
        .send(pdf);
    },
  );

  // CBS's own op-orde rapport (placed through the API or the CBS pages): streamed from the encrypted
  // store, each download (and each refusal) recorded like those of ggk's report.
  app.get<{ Params: { id: string } }>(
    '/aanleveringen/:id/op-orde/cbs.pdf',
    { config: READERS },
    async (request, reply) => {
      const delivery = await findVisibleDelivery(request, deps, request.params.id);
      const store = deps.delivery?.store;
      if (!delivery || !store) return reply.callNotFound();
      if (erasedReason(delivery))
        return notAvailable(reply, request, deps, 'erased', delivery, 'cbs_content_report_pdf');
      const cbs = await findReadableCbsReport(request, deps, delivery);
      if (!cbs.visible)
        return notAvailable(
          reply,
          request,
          deps,
          cbs.held ? 'held' : 'cbs-not-placed',
          delivery,
          'cbs_content_report_pdf',
        );
      await recordContentDownload(request, deps, delivery, 'cbs_content_report_pdf');
      return reply
        .header(
          'content-disposition',
          `attachment; filename="op-orde-rapport-cbs-${delivery.receipt_number}.pdf"`,
        )
        .header('cache-control', 'no-store')
        .header('content-length', String(cbs.visible.bytes))
        .type('application/pdf')
        .send(Readable.from(store.read(cbs.visible.stored)));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/aanleveringen/:id/op-orde.json',
    { config: READERS },
    async (request, reply) => {
      const found = await findReadableReport(request, deps, request.params.id);
      if (!found.delivery) return reply.callNotFound();
      if (!found.report)
        return notAvailable(reply, request, deps, found.reason, found.delivery, 'content_report_json');
      await recordContentDownload(request, deps, found.delivery, 'content_report_json');
      return reply
        .header(
          'content-disposition',
          `attachment; filename="op-orde-rapport-${found.delivery.receipt_number}.json"`,
        )
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(contentReportForDownload(found.report.contents), null, 2));
    },
  );

  app.get<{ Params: { id: string; table: string } }>(
    '/aanleveringen/:id/op-orde/tabellen/:table',
    { config: READERS },
    async (request, reply) => {
      const found = await findReadableReport(request, deps, request.params.id);
      if (!found.delivery) return reply.callNotFound();
      if (!found.report)
        return notAvailable(reply, request, deps, found.reason, found.delivery, 'content_report_csv');
      const locale = pageContext(request, reply, deps).locale;
      const table = findReportTable(viewContentReport(found.report.contents, locale), request.params.table);
      if (!table) return reply.callNotFound();
      await recordContentDownload(request, deps, found.delivery, 'content_report_csv');
      return reply
        .header(
          'content-disposition',
          `attachment; filename="op-orde-${found.delivery.receipt_number}-${table.id}.csv"`,
        )
        .header('cache-control', 'no-store')
        .type('text/csv; charset=utf-8')
        .send(reportTableToCsv(table));
    },
  );

  const renderHolds = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    message?: { kind: 'ok' | 'warning'; text: string },
    errors: FieldError[] = [],
  ) => {
    const ctx = pageContext(request, reply, deps);
    const t = ctx.t;
    const round = await findCurrentRound(deps.db, deps.now());
    const holds = round ? await listHolds(deps.db, round.id) : [];
    const held = round ? await listHeldReports(deps.db, { roundId: round.id }) : [];
    const heldCbs = round ? await listHeldCbsReportsOfRound(deps.db, round.id) : [];
    // Any gemeente: a member of a samenwerkingsverband delivers without participating itself.
    const gemeenten = (await listOrganisations(deps.db))
      .filter((o) => o.kind === 'gemeente')
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    const scope = (h: { gemeente_name: string | null }) => h.gemeente_name ?? t('reports.holds.wholeRound');
    const open = holds.filter((h) => h.released_at === null);
    const closed = holds.filter((h) => h.released_at !== null);
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      status,
      <Layout title={t('reports.holds.title')} ctx={ctx}>
        <h1 class="utrecht-heading-1">{t('reports.holds.title')}</h1>
        {message && <Notice kind={message.kind}>{message.text}</Notice>}
        {!round ? (
          <Notice>{t('reports.holds.noRound')}</Notice>
        ) : (
          <>
            <p class="utrecht-paragraph">{t('reports.holds.intro')}</p>
            <ErrorSummary errors={errors} t={t} />
            <PostForm
              action="/op-orde-rapporten/tegenhouden"
              csrf={ctx.csrfToken}
              label={t('reports.holds.submit')}
            >
              <SelectField
                id="gemeente"
                label={t('reports.holds.scope')}
                options={[
                  { value: '', label: `${t('reports.holds.wholeRound')} (${round.name})` },
                  ...gemeenten.map((g) => ({ value: g.id, label: `${g.name} (${g.gemeentecode ?? ''})` })),
                ]}
                errors={errors}
              />
              <div>
                <Button>{t('reports.holds.submit')}</Button>
              </div>
            </PostForm>
            <h2 class="utrecht-heading-2">{t('reports.holds.open')}</h2>
            {open.length === 0 ? (
              <p class="utrecht-paragraph">{t('reports.holds.none')}</p>
            ) : (
              <div class="ggk-table-wrapper" tabIndex={0} role="region" aria-label={t('reports.holds.open')}>
                <table class="utrecht-table" data-testid="holds">
                  <caption class="utrecht-table__caption">{t('reports.holds.open')}</caption>
                  <thead class="utrecht-table__header">
                    <tr class="utrecht-table__row">
                      <th class="utrecht-table__header-cell" scope="col">
                        {t('reports.holds.scopeCol')}
                      </th>
                      <th class="utrecht-table__header-cell" scope="col">
                        {t('reports.holds.heldAt')}
                      </th>
                      <th class="utrecht-table__header-cell" scope="col">
                        {t('reports.holds.heldBy')}
                      </th>
                      <th class="utrecht-table__header-cell" scope="col">
                        {t('reports.holds.waiting')}
                      </th>
                      <th class="utrecht-table__header-cell" scope="col">
                        {t('reports.holds.release')}
                      </th>
                    </tr>
                  </thead>
                  <tbody class="utrecht-table__body">
                    {open.map((h) => (
                      <tr class="utrecht-table__row" key={h.id}>
                        <th class="utrecht-table__header-cell" scope="row">
                          {scope(h)}
                        </th>
                        <td class="utrecht-table__cell">{formatDateTime(ctx.locale, h.held_at)}</td>
                        <td class="utrecht-table__cell">{h.held_by_name ?? '–'}</td>
                        <td class="utrecht-table__cell">
                          {
                            [...held, ...heldCbs].filter(
                              (r) => h.gemeente_id === null || r.gemeente_id === h.gemeente_id,
                            ).length
                          }
                        </td>
                        <td class="utrecht-table__cell">
                          <PostForm
                            action="/op-orde-rapporten/vrijgeven"
                            csrf={ctx.csrfToken}
                            label={t('reports.holds.releaseLabel', { scope: scope(h) })}
                          >
                            <input type="hidden" name="blokkade" value={h.id} />
                            <Button variant="secondary">
                              {t('reports.holds.releaseLabel', { scope: scope(h) })}
                            </Button>
                          </PostForm>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {held.length + heldCbs.length > 0 && (
              <>
                <h2 class="utrecht-heading-2">{t('reports.holds.heldReports')}</h2>
                <ul class="utrecht-unordered-list" data-testid="held-reports">
                  {held.map((r) => (
                    <li class="utrecht-unordered-list__item" key={r.delivery_id}>
                      <a
                        class="utrecht-link utrecht-link--html-a"
                        href={`/aanleveringen/${r.delivery_id}/op-orde`}
                      >
                        {r.receipt_number}
                      </a>
                      , {r.gemeente_name}, {halfYearLabel(ctx.locale, r.half_year)}
                    </li>
                  ))}
                  {heldCbs.map((r) => (
                    <li class="utrecht-unordered-list__item" key={`cbs-${r.delivery_id}`}>
                      <a
                        class="utrecht-link utrecht-link--html-a"
                        href={`/cbs/aanleveringen/${r.delivery_id}`}
                      >
                        {r.receipt_number}
                      </a>
                      , {r.gemeente_name}, {halfYearLabel(ctx.locale, r.half_year)} (
                      {t('cbsReports.reader.title')})
                    </li>
                  ))}
                </ul>
              </>
            )}
            {closed.length > 0 && (
              <>
                <h2 class="utrecht-heading-2">{t('reports.holds.history')}</h2>
                <ul class="utrecht-unordered-list">
                  {closed.slice(0, 20).map((h) => (
                    <li class="utrecht-unordered-list__item" key={h.id}>
                      {scope(h)}: {formatDateTime(ctx.locale, h.held_at)} – {t('reports.holds.releasedAt')}{' '}
                      {formatDateTime(ctx.locale, h.released_at!)}
                      {h.released_by_name ? ` (${h.released_by_name})` : ''}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </Layout>,
    );
  };

  app.get('/op-orde-rapporten', { config: CBS }, async (request, reply) => renderHolds(request, reply, 200));

  app.post<{ Body: { gemeente?: string } }>(
    '/op-orde-rapporten/tegenhouden',
    { config: CBS },
    async (request, reply) => {
      const t = pageContext(request, reply, deps).t;
      const now = deps.now();
      const round = await findCurrentRound(deps.db, now);
      if (!round)
        return renderHolds(request, reply, 400, { kind: 'warning', text: t('reports.holds.noRound') });
      const gemeenteId = request.body?.gemeente ? String(request.body.gemeente) : null;
      const gemeente =
        gemeenteId && isUuid(gemeenteId) ? await findOrganisationById(deps.db, gemeenteId) : undefined;
      if (gemeenteId !== null && gemeente?.kind !== 'gemeente')
        return renderHolds(request, reply, 400, undefined, [
          { field: 'gemeente', message: t('reports.holds.badGemeente') },
        ]);
      try {
        await deps.db.transaction().execute((trx) =>
          holdContentReports(trx, {
            roundId: round.id,
            gemeenteId,
            actor: auditActorOf(request.principal),
            now,
          }),
        );
      } catch (error) {
        if (!isAppError(error)) throw error;
        return renderHolds(request, reply, 409, {
          kind: 'warning',
          text: errorMessage(request.locale, error),
        });
      }
      return renderHolds(request, reply, 200, {
        kind: 'ok',
        text: t('reports.holds.held', { scope: gemeente?.name ?? round.name }),
      });
    },
  );

  app.post<{ Body: { blokkade?: string } }>(
    '/op-orde-rapporten/vrijgeven',
    { config: CBS },
    async (request, reply) => {
      const t = pageContext(request, reply, deps).t;
      const holdId = String(request.body?.blokkade ?? '');
      if (!isUuid(holdId))
        return renderHolds(request, reply, 400, {
          kind: 'warning',
          text: errorMessage(request.locale, new AppError('report.hold_unknown')),
        });
      try {
        const released = await deps.db.transaction().execute((trx) =>
          releaseContentReportHold(trx, {
            holdId,
            actor: auditActorOf(request.principal),
            now: deps.now(),
            baseUrl: deps.config.baseUrl,
          }),
        );
        deps.wakeOutbox?.();
        return renderHolds(request, reply, 200, {
          kind: 'ok',
          text: t('reports.holds.released', { count: released.placed.length + released.cbsPlaced.length }),
        });
      } catch (error) {
        if (!isAppError(error)) throw error;
        return renderHolds(request, reply, 409, {
          kind: 'warning',
          text: errorMessage(request.locale, error),
        });
      }
    },
  );
}

/** What the servicedesk reads for a refused op-orde download (stored Dutch, like the other errors). */
const REFUSAL = {
  missing: 'rapport nog niet klaar',
  'not-ready': 'rapport nog niet klaar',
  held: 'rapport aangehouden door CBS',
  erased: 'rapport verwijderd',
  'cbs-only': 'in deze ronde alleen het rapport van CBS',
  'cbs-not-placed': 'rapport van CBS nog niet geplaatst',
} as const;

/** A refused op-orde download: recorded as a failed download, answered 409 (or 410 when erased). */
async function notAvailable(
  reply: FastifyReply,
  request: FastifyRequest,
  deps: AppDeps,
  reason: RefusalReason,
  delivery: DeliveryRow,
  kind: DownloadKind,
): Promise<FastifyReply> {
  await recordReportDownload(request, deps, delivery.id, kind, REFUSAL[reason]);
  const t = pageContext(request, reply, deps).t;
  const erased = erasedReason(delivery);
  if (reason === 'erased' && erased)
    return reply.status(410).type('text/plain; charset=utf-8').send(errorMessage(request.locale, erased));
  return reply
    .status(409)
    .type('text/plain; charset=utf-8')
    .send(
      reason === 'held'
        ? t('reports.notPlaced')
        : reason === 'cbs-not-placed'
          ? t('cbsReports.reader.notYet')
          : reason === 'cbs-only'
            ? t('cbsReports.reader.ggkHidden')
            : t('reports.notReady'),
    );
}
