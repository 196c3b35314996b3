// One delivery: the receipt, the stored files with their checksums, the timeline (checked, op-orde
// report due or placed, received and erased by CBS), CBS's verdicts per file, and the technical
// report with its downloads once the check is done.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { staffRolesOf } from '../../../modules/auth/index.ts';
import {
  findFilesErasureAndContentReport,
  listDownloadsOfDelivery,
  shownDeliveryState,
} from '../../../modules/deliveries/index.ts';
import { findHandoverOfDelivery } from '../../../modules/handover/index.ts';
import {
  findingMessage,
  lookup,
  formatBytes,
  formatDateTime,
  formatNumber,
  halfYearLabel,
} from '../../../modules/i18n/index.ts';
import { fileOutcome, uploadOutcome, type Report } from '../../../modules/validation/index.ts';
import type { AppDeps } from '../../app.ts';
import { findVisibleDelivery, recordReportDownload } from '../../deliveries/delivery-access.ts';
import { type ZodTypeProvider } from '../../route-schemas.ts';
import { Table } from '../components.tsx';
import { ErasedNotice } from '../erased-delivery.tsx';
import { Layout } from '../layout.tsx';
import { pageContext, type PageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import { READERS } from './shared.ts';

export const showDeliveryRoute = {
  method: 'GET',
  url: '/aanleveringen/:id',
  // Any id: one that names no delivery visible to the reader gets the 404 page.
  schema: { querystring: z.object({}), params: z.object({ id: z.string().max(100) }) },
} as const;

/**
 * What rejects a file apart from its records (its name, header, separator, ...), in the reader's
 * language; undefined when nothing does. Without it a file refused for its header read "Afgekeurd;
 * 1 record, waarvan 0 met fouten".
 */
function fileProblems(file: Report['files'][number], { t, locale }: PageContext): string | undefined {
  const texts = new Set<string>();
  for (const f of file.findings) {
    if (f.severity !== 'error') continue;
    if (f.line !== undefined && !f.code.startsWith('header.') && !f.code.startsWith('file.')) continue;
    const text = findingMessage(locale, f);
    texts.add(
      // A text made from the finding's parameters names its column itself.
      locale === 'nl' || f.column === undefined || f.params !== undefined
        ? text
        : `${text} (${t('deliveries.report.col.column')}: ${f.column})`,
    );
    if (texts.size === 3) break;
  }
  return texts.size > 0 ? [...texts].join(' ') : undefined;
}

function fileOutcomeText(file: Report['files'][number], ctx: PageContext): string {
  const { t, locale } = ctx;
  const counts = {
    records: t(file.rows.total === 1 ? 'deliveries.report.records.one' : 'deliveries.report.records.other', {
      count: formatNumber(locale, file.rows.total),
    }),
    errors: file.rows.withErrors,
    warnings: file.rows.withWarnings,
  };
  if (fileOutcome(file) === 'approved') return t('deliveries.report.fileApproved', counts);
  if (file.status === 'approved') return t('deliveries.report.fileRejectedByUpload', counts);
  const problems = fileProblems(file, ctx);
  return problems
    ? t('deliveries.report.fileRejectedFor', { problems, ...counts })
    : t('deliveries.report.fileRejected', counts);
}

function ReportSection({ report, ctx }: { report: Report; ctx: PageContext }) {
  const { t, locale } = ctx;
  return (
    <section aria-labelledby="rapport-titel">
      <h2 class="utrecht-heading-2" id="rapport-titel">
        {t('deliveries.report.title')}
      </h2>
      <p class="utrecht-paragraph" data-testid="report-status">
        {t('deliveries.report.outcome')} <strong>{t(`deliveries.report.${uploadOutcome(report)}`)}</strong> (
        {t('deliveries.report.spec')} {report.spec})
      </p>
      {uploadOutcome(report) === 'partially_approved' && (
        <p class="utrecht-paragraph" data-testid="report-partial">
          {t('deliveries.report.partialNote')}
        </p>
      )}
      {report.findings.length > 0 && (
        <ul class="utrecht-unordered-list">
          {report.findings.map((f, i) => (
            <li class="utrecht-unordered-list__item" key={i}>
              {findingMessage(locale, f)}
            </li>
          ))}
        </ul>
      )}
      {report.files.map((file) => (
        <section class="ggk-report-file" key={file.name} aria-label={file.name}>
          <h3 class="utrecht-heading-3">{file.name}</h3>
          <p class="utrecht-paragraph" data-testid="file-outcome">
            {fileOutcomeText(file, ctx)}
          </p>
          {Object.keys(file.counts).length > 0 && (
            <ul
              class="utrecht-unordered-list"
              aria-label={t('deliveries.report.countsLabel', { file: file.name })}
            >
              {Object.entries(file.counts).map(([code, count]) => (
                <li class="utrecht-unordered-list__item" key={code}>
                  {count}× {lookup(locale, `finding.${code}`) ?? code}{' '}
                  <code class="utrecht-code ggk-code-secondary">{code}</code>
                </li>
              ))}
            </ul>
          )}
          {file.findingsTruncated && <p class="utrecht-paragraph">{t('deliveries.report.truncated')}</p>}
          {Object.keys(file.counts).length > 0 && (
            <Table
              caption={t('deliveries.report.findingsCaption', { file: file.name })}
              rows={file.findings.slice(0, 200)}
              rowKey={(_f, i) => String(i)}
              columns={[
                { header: t('deliveries.report.col.line'), cell: (f) => f.line ?? '-' },
                { header: t('deliveries.report.col.column'), cell: (f) => f.column ?? '-' },
                {
                  header: t('deliveries.report.col.severity'),
                  cell: (f) => t(`deliveries.report.severity.${f.severity}`),
                },
                {
                  header: t('deliveries.report.col.finding'),
                  cell: (f) =>
                    `${findingMessage(locale, f)}${f.value !== undefined ? ` (${t('deliveries.report.value')}: ${f.value})` : ''}`,
                },
              ]}
            />
          )}
        </section>
      ))}
    </section>
  );
}

export function registerShowDelivery(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...showDeliveryRoute,
    config: READERS,
    handler: async (request, reply) => {
      const delivery = await findVisibleDelivery(request, deps, request.params.id);
      if (!delivery) return reply.callNotFound();
      const ctx = pageContext(request, reply, deps);
      const { t, tx, locale } = ctx;
      const report = delivery.report as Report | null;
      // The page's reads are independent of each other: at once, not one round trip after another
      // (issue 21). The downloads are read after this view's own is recorded, so it is listed.
      const [{ files, erasure, contentReport }, handover, downloads] = await Promise.all([
        // The stored files, whether the delivery was withdrawn or is past retention (one clear
        // state, not a check that "is running"), and its op-orde rapport's state.
        findFilesErasureAndContentReport(deps.db, delivery.id),
        // CBS's receipt, erasure and verdicts, and its op-orde rapport: ggk's is shown unless CBS
        // shows only its own in this round.
        findHandoverOfDelivery(deps.db, delivery.id),
        (async () => {
          if (report) await recordReportDownload(request, deps, delivery, 'technical_report_html');
          // The page lists the newest 20.
          return listDownloadsOfDelivery(deps.db, delivery.id, 20);
        })(),
      ]);
      const { cbsReport, verdicts: cbsVerdicts } = handover;
      const staff = staffRolesOf(request.principal).length > 0;
      const showContentReport =
        (contentReport !== undefined &&
          (contentReport.state === 'placed' || staff) &&
          (staff || !cbsReport.reportOnly)) ||
        (cbsReport.report !== undefined && (cbsReport.report.state === 'placed' || staff));
      const state = t(`deliveries.state.${shownDeliveryState(delivery)}`);
      reply.header('cache-control', 'no-store');
      return sendPage(
        reply,
        200,
        <Layout
          title={t('deliveries.detail.title', { receipt: delivery.receipt_number })}
          ctx={ctx}
          breadcrumbs={[
            { href: '/', label: t('common.home') },
            { href: '/aanleveringen', label: t('nav.deliveries') },
          ]}
        >
          <h1 class="utrecht-heading-1">
            {t('deliveries.detail.title', { receipt: delivery.receipt_number })}
          </h1>
          {erasure && <ErasedNotice ctx={ctx} erasure={erasure} />}
          <h2 class="utrecht-heading-2">{t('deliveries.detail.receipt')}</h2>
          <dl class="ggk-round-facts" data-testid="receipt">
            <dt>{t('deliveries.detail.number')}</dt>
            <dd>{delivery.receipt_number}</dd>
            <dt>{t('deliveries.detail.received')}</dt>
            <dd>{formatDateTime(locale, delivery.received_at)}</dd>
            <dt>{t('deliveries.detail.gemeente')}</dt>
            <dd>
              {delivery.gemeente_name} ({delivery.gemeentecode})
            </dd>
            <dt>{t('deliveries.detail.halfYear')}</dt>
            <dd>{halfYearLabel(locale, delivery.half_year)}</dd>
            <dt>{t('deliveries.detail.deliveredBy')}</dt>
            <dd>{delivery.organisation_name}</dd>
            <dt>{t('deliveries.detail.state')}</dt>
            <dd data-testid="delivery-state">{state}</dd>
          </dl>
          <h2 class="utrecht-heading-2">{t('deliveries.detail.files')}</h2>
          {files.length === 0 && !erasure && (
            <p class="utrecht-paragraph" data-testid="no-stored-files">
              {t('deliveries.detail.noStoredFiles')}
            </p>
          )}
          <ul class="utrecht-unordered-list">
            {files.map((f) => (
              <li class="utrecht-unordered-list__item" key={f.id}>
                {tx('deliveries.detail.file', {
                  name: f.name,
                  size: formatBytes(locale, f.bytes),
                  checksum: <code class="utrecht-code ggk-checksum">{f.sha256}</code>,
                })}
              </li>
            ))}
          </ul>
          <h2 class="utrecht-heading-2">{t('deliveries.detail.timeline')}</h2>
          <ol class="utrecht-ordered-list" data-testid="timeline">
            <li class="utrecht-ordered-list__item">
              {t('deliveries.detail.stored', { date: formatDateTime(locale, delivery.received_at) })}
            </li>
            {delivery.checked_at ? (
              <li class="utrecht-ordered-list__item">
                {erasure
                  ? t('deliveries.detail.checkedErased', {
                      date: formatDateTime(locale, delivery.checked_at),
                    })
                  : t('deliveries.detail.checked', {
                      state: state.toLowerCase(),
                      date: formatDateTime(locale, delivery.checked_at),
                    })}
              </li>
            ) : erasure ? null : (
              <li class="utrecht-ordered-list__item">
                {t('deliveries.detail.checkDue', {
                  date: formatDateTime(locale, delivery.technical_notice_due_at),
                })}
              </li>
            )}
            {delivery.content_report_due_at && !erasure && (
              <li class="utrecht-ordered-list__item">
                {t('deliveries.detail.contentDue', {
                  date: formatDateTime(locale, delivery.content_report_due_at),
                })}
                {contentReport?.placedAt
                  ? t('deliveries.detail.contentPlaced', {
                      date: formatDateTime(locale, contentReport.placedAt),
                    })
                  : ''}
              </li>
            )}
            {handover.receivedByCbsAt && (
              <li class="utrecht-ordered-list__item" data-testid="received-by-cbs">
                {t('handover.timeline.received', { date: formatDateTime(locale, handover.receivedByCbsAt) })}
              </li>
            )}
            {handover.erasureConfirmedAt && (
              <li class="utrecht-ordered-list__item" data-testid="erasure-confirmed">
                {t('handover.timeline.erased', { date: formatDateTime(locale, handover.erasedAt!) })}
              </li>
            )}
            {erasure && (
              <li class="utrecht-ordered-list__item">
                {t('deliveries.detail.erasedAt', { date: formatDateTime(locale, erasure.at) })}
              </li>
            )}
          </ol>
          {cbsVerdicts.length > 0 && (
            <section data-testid="cbs-verdicts">
              <h2 class="utrecht-heading-2">{t('handover.verdicts.title')}</h2>
              <p class="utrecht-paragraph">{t('handover.verdicts.intro')}</p>
              <ul class="utrecht-unordered-list">
                {cbsVerdicts.map((v) => (
                  <li class="utrecht-unordered-list__item" key={v.file_id}>
                    {t(
                      v.verdict === 'approved' ? 'handover.verdicts.approved' : 'handover.verdicts.rejected',
                      {
                        name: v.name,
                      },
                    )}
                    {v.findings.length > 0 && (
                      <ul class="utrecht-unordered-list">
                        {v.findings.slice(0, 100).map((f, i) => (
                          <li class="utrecht-unordered-list__item" key={i}>
                            {f.message}
                            {f.line !== undefined
                              ? ` (${t('handover.verdicts.line', { line: f.line })})`
                              : ''}{' '}
                            <code class="utrecht-code ggk-code-secondary">{f.code}</code>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {showContentReport && !erasure && (
            <p class="utrecht-paragraph" data-testid="content-report-link">
              <a class="utrecht-link utrecht-link--html-a" href={`/aanleveringen/${delivery.id}/op-orde`}>
                {ctx.t('reports.link')}
              </a>
            </p>
          )}
          {report ? (
            <>
              <p class="utrecht-paragraph">
                {tx('deliveries.detail.download', {
                  json: (
                    <a
                      class="utrecht-link utrecht-link--html-a"
                      href={`/aanleveringen/${delivery.id}/rapport.json`}
                      download
                    >
                      {t('deliveries.detail.downloadJson')}
                    </a>
                  ),
                  csv: (
                    <a
                      class="utrecht-link utrecht-link--html-a"
                      href={`/aanleveringen/${delivery.id}/rapport.csv`}
                      download
                    >
                      {t('deliveries.detail.downloadCsv')}
                    </a>
                  ),
                })}
              </p>
              <ReportSection report={report} ctx={ctx} />
              <h2 class="utrecht-heading-2">{t('deliveries.detail.downloads')}</h2>
              <ul class="utrecht-unordered-list" data-testid="downloads">
                {downloads.map((d, i) => (
                  <li class="utrecht-unordered-list__item" key={i}>
                    {t('deliveries.detail.downloadLine', {
                      date: formatDateTime(locale, d.downloaded_at),
                      who: d.user_name ?? t('deliveries.detail.apiToken'),
                      what: t(`deliveries.download.${d.kind}`),
                    })}
                    {d.outcome === 'error'
                      ? t('deliveries.detail.downloadFailed', { error: d.error ?? '' })
                      : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : erasure ? null : (
            <p class="utrecht-paragraph">
              {t('deliveries.detail.checking')}{' '}
              <a class="utrecht-link utrecht-link--html-a" href={`/aanleveringen/${delivery.id}`}>
                {t('deliveries.detail.refresh')}
              </a>
            </p>
          )}
        </Layout>,
      );
    },
  });
}
