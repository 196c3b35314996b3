// Delivering in the portal. Without JavaScript: the upload form (a plain multipart form), the receipt
// with the state of the check, the technical report, and the overview. With JavaScript the upload
// page adds a check of the chosen files in the browser and resumable uploads (assets/upload.js,
// http/deliveries/resumable-upload.ts), which end in the same registration as the plain form.
import {
  findCbsReportForDelivery,
  findHandoverFacts,
  listVerdictsOfDelivery,
} from '../../modules/handover/index.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actingOrganisationOf, staffRolesOf } from '../../modules/auth/index.ts';
import { findContentReport } from '../../modules/reports/index.ts';
import {
  listDeliveriesForGemeenteByOthers,
  listDeliveriesOfOrganisation,
  listDeliveryFiles,
  listDownloadsOfDelivery,
  listFilesInForce,
  reportToCsv,
  shownDeliveryState,
  findErasure,
} from '../../modules/deliveries/index.ts';
import {
  CATALOGUES,
  errorMessage,
  findingMessage,
  formatBytes,
  formatDateTime,
  halfYearLabel,
  type Locale,
} from '../../modules/i18n/index.ts';
import { findOrganisationById, listCollaborationMembers } from '../../modules/organisations/index.ts';
import {
  findCurrentRound,
  findParticipatingOrganisations,
  halfYearsOf,
  isDeliveryOpen,
} from '../../modules/periods/index.ts';
import { FINDING_CODES, fileOutcome, uploadOutcome, type Report } from '../../modules/validation/index.ts';
import { isAppError } from '../../platform/errors/app-error.ts';
import { amsterdamDate } from '../../platform/time/amsterdam-time.ts';
import type { AppDeps } from '../app.ts';
import { erasedReason, findVisibleDelivery, recordReportDownload } from '../deliveries/delivery-access.ts';
import { receiveUpload } from '../deliveries/receive-upload.ts';
import { problem } from '../problem.ts';
import {
  RESUMABLE_PATH,
  createResumableUploads,
  finaliseResumableUpload,
  resumableUploadIdOf,
} from '../deliveries/resumable-upload.ts';
import { Button, ErrorSummary, Table, type FieldError } from './components.tsx';
import { asList } from './form-errors.ts';
import { Layout } from './layout.tsx';
import { pageContext, type PageContext } from './page-context.ts';
import { sendPage } from './render.ts';
import { ErasedNotice } from './erased-delivery.tsx';
import { renderStaffDeliveries, type StaffDeliveriesQuery } from './staff-deliveries.tsx';

const UPLOADERS = { access: { kind: 'organisation', roles: ['aanleveraar'] } } as const;
const READERS = {
  access: {
    kind: 'organisation-or-staff',
    roles: ['aanleveraar', 'rapportontvanger'],
    staff: ['operator', 'cbs'],
  },
} as const;

const FILE_TYPES = ['wmo', 'wmo-kosten', 'sbw', 'jeugd'] as const;
/** Chunk size of resumable uploads: small enough to lose little on a broken connection. */
const RESUMABLE_CHUNK_BYTES = 1024 * 1024;

/** The texts the upload page's script needs, in the visitor's language (keys without their area). */
function clientTexts(locale: Locale) {
  const texts: Record<string, unknown> = {};
  for (const prefix of ['deliveries.report.', 'deliveries.resumable.', 'deliveries.check.']) {
    for (const [key, text] of Object.entries(CATALOGUES[locale])) {
      if (key.startsWith(prefix)) texts[key.slice(prefix.length)] = text;
    }
  }
  // Dutch shows the engine's own messages; other languages the text per finding code.
  if (locale !== 'nl') {
    texts.findings = Object.fromEntries(
      FINDING_CODES.map((code) => [code, CATALOGUES[locale][`finding.${code}`]]),
    );
  }
  return texts;
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
            {t(
              fileOutcome(file) === 'approved'
                ? 'deliveries.report.fileApproved'
                : file.status === 'approved'
                  ? 'deliveries.report.fileRejectedByUpload'
                  : 'deliveries.report.fileRejected',
              {
                total: file.rows.total,
                errors: file.rows.withErrors,
                warnings: file.rows.withWarnings,
              },
            )}
          </p>
          {Object.keys(file.counts).length > 0 && (
            <ul
              class="utrecht-unordered-list"
              aria-label={t('deliveries.report.countsLabel', { file: file.name })}
            >
              {Object.entries(file.counts).map(([code, count]) => (
                <li class="utrecht-unordered-list__item" key={code}>
                  <code class="utrecht-code">{code}</code>: {count}×
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

export function registerDeliveryPageRoutes(app: FastifyInstance, deps: AppDeps): void {
  const uploads = deps.delivery ? createResumableUploads(deps, deps.delivery.store) : undefined;
  if (uploads) {
    const sweep = () =>
      uploads
        .removeExpired()
        .then((n) => n > 0 && app.log.info({ removed: n }, 'expired resumable uploads removed'))
        .catch((error: unknown) => app.log.warn({ err: error }, 'removing expired resumable uploads failed'));
    void sweep();
    const timer = setInterval(sweep, 3600 * 1000);
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await uploads.locker.close();
    });
  }

  const renderUpload = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    errors: FieldError[] = [],
  ) => {
    const ctx = pageContext(request, reply, deps);
    const { t, locale } = ctx;
    const now = deps.now();
    const round = await findCurrentRound(deps.db, now);
    const organisation = await findOrganisationById(deps.db, actingOrganisationOf(request.principal)!);
    const members =
      organisation?.kind === 'samenwerkingsverband'
        ? await listCollaborationMembers(deps.db, organisation.id, amsterdamDate(now))
        : [];
    const open = round ? isDeliveryOpen(round, now) : false;
    const isPilot =
      round && organisation
        ? (await findParticipatingOrganisations(deps.db, round.id, [organisation.id], { pilotOnly: true }))
            .length > 0
        : false;
    return sendPage(
      reply,
      status,
      <Layout title={t('deliveries.upload.title')} ctx={ctx}>
        <h1 class="utrecht-heading-1">{t('deliveries.upload.heading')}</h1>
        {!round || !open ? (
          <div class="utrecht-alert utrecht-alert--warning" role="status">
            <p class="utrecht-paragraph">
              {round
                ? t('deliveries.upload.windowText', {
                    opens: formatDateTime(locale, round.deliveryOpensAt),
                    closes: formatDateTime(locale, round.deliveryClosesAt),
                  })
                : t('deliveries.upload.noRound')}
            </p>
          </div>
        ) : (
          <>
            <p class="utrecht-paragraph">
              {t('deliveries.upload.intro', { mb: Math.round(deps.config.files.maxUploadBytes / 1024 ** 2) })}
            </p>
            {isPilot && round.pilotTargetAt && (
              <p class="utrecht-paragraph" data-testid="pilot-target">
                {t('deliveries.upload.pilotTarget', { date: formatDateTime(locale, round.pilotTargetAt) })}
              </p>
            )}
            <ErrorSummary errors={errors} t={t} />
            <form
              id="upload-form"
              method="post"
              action="/aanleveren"
              enctype="multipart/form-data"
              novalidate
              class="ggk-form"
              aria-label={t('deliveries.upload.formLabel')}
              data-texts={JSON.stringify(clientTexts(locale))}
              data-today={amsterdamDate(now)}
              data-gemeente={organisation?.gemeentecode ?? ''}
              data-owner={organisation?.id ?? ''}
              data-resumable={uploads ? RESUMABLE_PATH : undefined}
              data-finalise="/aanleveren/afronden"
              data-chunk-bytes={String(RESUMABLE_CHUNK_BYTES)}
            >
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <div class="utrecht-form-field">
                <div class="utrecht-form-field__label">
                  <label class="utrecht-form-label" for="halfjaar">
                    {t('deliveries.upload.halfYear')}
                  </label>
                </div>
                <select class="utrecht-select utrecht-select--html-select" id="halfjaar" name="halfjaar">
                  {halfYearsOf(round).map((h) => (
                    <option value={h} key={h}>
                      {halfYearLabel(locale, h)}
                    </option>
                  ))}
                </select>
              </div>
              {members.length > 0 && (
                <div class="utrecht-form-field">
                  <div class="utrecht-form-field__label">
                    <label class="utrecht-form-label" for="gemeentecode">
                      {t('deliveries.upload.gemeente')}
                    </label>
                  </div>
                  <select
                    class="utrecht-select utrecht-select--html-select"
                    id="gemeentecode"
                    name="gemeentecode"
                  >
                    {members.map((m) => (
                      <option value={m.gemeentecode} key={m.gemeentecode}>
                        {m.gemeente_name} ({m.gemeentecode})
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <div
                class={`utrecht-form-field${errors.some((e) => e.field === 'bestanden') ? ' utrecht-form-field--invalid' : ''}`}
              >
                <div class="utrecht-form-field__label">
                  <label class="utrecht-form-label" for="bestanden">
                    {t('deliveries.upload.files')}
                  </label>
                </div>
                <div
                  class="utrecht-form-field-description"
                  id="bestanden-uitleg"
                  data-testid="nothing-leaves"
                >
                  {t('deliveries.upload.filesHint')}
                </div>
                {errors
                  .filter((e) => e.field === 'bestanden')
                  .map((e) => (
                    <div class="utrecht-form-field-error-message" id="bestanden-fout" key={e.message}>
                      {e.message}
                    </div>
                  ))}
                <input
                  class="utrecht-textbox"
                  type="file"
                  id="bestanden"
                  name="bestanden"
                  multiple
                  accept=".csv,.txt,.zip"
                  aria-describedby={`bestanden-uitleg${errors.some((e) => e.field === 'bestanden') ? ' bestanden-fout' : ''}`}
                  aria-invalid={errors.some((e) => e.field === 'bestanden') ? 'true' : undefined}
                />
              </div>
              {/* Not a live region: upload.js announces a short summary in its status line only. */}
              <div id="browser-check" class="ggk-browser-check" hidden></div>
              <div id="upload-progress" class="ggk-upload-progress" hidden>
                <label class="utrecht-form-label" for="upload-progress-bar">
                  {t('deliveries.upload.progressLabel')}
                </label>
                <progress id="upload-progress-bar" max="1" value="0"></progress>
                {/* Changes every second, so it is not a live region: #upload-announcement is. */}
                <p class="utrecht-paragraph" data-testid="upload-progress-text"></p>
                {/* The wrapper carries `hidden`: .ggk-actions is a flex box, which would override it. */}
                <div id="upload-controls">
                  <div class="ggk-actions">
                    <button
                      type="button"
                      id="upload-pause"
                      class="utrecht-button utrecht-button--secondary-action"
                    >
                      {t('deliveries.resumable.pause')}
                    </button>
                    <button
                      type="button"
                      id="upload-cancel"
                      class="utrecht-button utrecht-button--secondary-action"
                    >
                      {t('deliveries.resumable.cancel')}
                    </button>
                  </div>
                </div>
              </div>
              {/* Pause, resume and cancel are announced here: outside the progress block, which hides on cancel. */}
              {/* The progress, said at most every 10 % or 10 seconds, and a lost connection. */}
              <p
                class="ggk-visually-hidden"
                id="upload-announcement"
                role="status"
                data-testid="upload-announcement"
              ></p>
              <p
                class="utrecht-paragraph"
                id="upload-state"
                role="status"
                aria-live="polite"
                data-testid="upload-state"
              ></p>
              <div>
                <Button>{t('deliveries.upload.submit')}</Button>
              </div>
            </form>
            <script type="module" src="/assets/upload.js"></script>
          </>
        )}
      </Layout>,
    );
  };

  app.get('/aanleveren', { config: UPLOADERS }, async (request, reply) => renderUpload(request, reply, 200));

  app.post('/aanleveren', { config: { ...UPLOADERS, csrf: 'in-handler' } }, async (request, reply) => {
    try {
      const receipt = await receiveUpload(request, deps, {
        channel: 'portal',
        csrfToken: request.session!.csrfToken,
      });
      request.log.info(
        { deliveryId: receipt.deliveryId, receipt: receipt.receiptNumber },
        'delivery received',
      );
      return reply.redirect(`/aanleveringen/${receipt.deliveryId}`, 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return renderUpload(request, reply, error.code === 'auth.csrf' ? 403 : 400, [
        { field: 'bestanden', message: errorMessage(request.locale, error) },
      ]);
    }
  });

  // Resumable uploads (tus): the protocol's requests go to @tus/server untouched (the body is not
  // parsed here); ggk checks who may use them and that the upload belongs to this user first.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
  const tus = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!uploads) return reply.callNotFound();
    const owner = uploads.ownerOf(request);
    if (!owner) return problem(request, reply, 'auth.forbidden', { reason: 'choose_organisation' });
    // The id is read from the raw URL, which must be exactly the collection (POST) or one upload:
    // tus then acts on this checked id only (resumable-upload.ts), whatever else the URL carries.
    const id = resumableUploadIdOf(request.raw.url);
    if (id === undefined || (id === null) !== (request.method === 'POST'))
      return problem(request, reply, 'delivery.resumable_bad_url');
    if (id !== null && !(await uploads.isOwnedBy(id, owner)))
      return problem(request, reply, 'http.not_found');
    uploads.checked.set(request.raw, { owner, ...(id !== null ? { id } : {}) });
    reply.hijack();
    await uploads.server.handle(request.raw, reply.raw);
  };
  app.post(RESUMABLE_PATH, { config: UPLOADERS }, tus);
  app.route({
    method: ['HEAD', 'PATCH', 'DELETE'],
    url: `${RESUMABLE_PATH}/:id`,
    config: UPLOADERS,
    handler: tus,
  });

  app.post<{ Body: Record<string, unknown> }>(
    '/aanleveren/afronden',
    { config: UPLOADERS },
    async (request, reply) => {
      if (!uploads) return reply.callNotFound();
      const body = request.body ?? {};
      try {
        const receipt = await finaliseResumableUpload(request, deps, uploads, {
          ids: asList(body.upload),
          halfYear: typeof body.halfjaar === 'string' ? body.halfjaar : undefined,
          gemeentecode: typeof body.gemeentecode === 'string' ? body.gemeentecode : undefined,
        });
        request.log.info(
          { deliveryId: receipt.deliveryId, receipt: receipt.receiptNumber, resumable: true },
          'delivery received',
        );
        return reply.redirect(`/aanleveringen/${receipt.deliveryId}`, 303);
      } catch (error) {
        if (!isAppError(error)) throw error;
        return renderUpload(request, reply, 400, [
          { field: 'bestanden', message: errorMessage(request.locale, error) },
        ]);
      }
    },
  );

  app.get<{ Querystring: StaffDeliveriesQuery }>(
    '/aanleveringen',
    { config: READERS },
    async (request, reply) => {
      // Staff act for no organisation: they get the round's deliveries to search, not an empty list.
      if (!actingOrganisationOf(request.principal) && staffRolesOf(request.principal).length > 0)
        return renderStaffDeliveries(request, reply, deps);
      const ctx = pageContext(request, reply, deps);
      const { t, locale } = ctx;
      const round = await findCurrentRound(deps.db, deps.now());
      const organisationId = actingOrganisationOf(request.principal);
      const deliveries =
        round && organisationId ? await listDeliveriesOfOrganisation(deps.db, organisationId, round.id) : [];
      // A delegerende gemeente also sees what its samenwerkingsverband delivered for it (for a
      // samenwerkingsverband the list is empty: nothing is delivered for it).
      const byOthers =
        round && organisationId
          ? await listDeliveriesForGemeenteByOthers(deps.db, organisationId, round.id)
          : [];
      const byOthersIds = new Map(byOthers.map((d) => [d.id, d]));
      const gemeenteIds = [...new Set([...deliveries, ...byOthers].map((d) => d.gemeente_id))];
      const inForce = round ? await listFilesInForce(deps.db, gemeenteIds, round.id) : [];
      const gemeenteNames = new Map(
        [...deliveries, ...byOthers].map((d) => [d.gemeente_id, d.gemeente_name]),
      );
      const inForceRows = round
        ? gemeenteIds.flatMap((gemeenteId) =>
            halfYearsOf(round).map((halfYear) => ({ gemeenteId, halfYear })),
          )
        : [];
      return sendPage(
        reply,
        200,
        <Layout title={t('deliveries.list.title')} ctx={ctx}>
          <h1 class="utrecht-heading-1">{t('deliveries.list.title')}</h1>
          {round && gemeenteIds.length > 0 && (
            <section aria-labelledby="geldig-titel">
              <h2 class="utrecht-heading-2" id="geldig-titel">
                {t('deliveries.list.inForce')}
              </h2>
              <p class="utrecht-paragraph">{t('deliveries.list.inForceText')}</p>
              <Table
                caption={t('deliveries.list.inForceCaption')}
                testId="in-force"
                rows={inForceRows}
                rowKey={(r) => `${r.gemeenteId}-${r.halfYear}`}
                columns={[
                  {
                    header: t('deliveries.list.gemeente'),
                    cell: (r) => gemeenteNames.get(r.gemeenteId),
                    rowHeader: true,
                  },
                  { header: t('deliveries.list.halfYear'), cell: (r) => halfYearLabel(locale, r.halfYear) },
                  ...FILE_TYPES.map((type) => ({
                    header: t(`common.fileType.${type}`),
                    cell: (r: { gemeenteId: string; halfYear: string }) => {
                      const hit = inForce.find(
                        (f) =>
                          f.gemeente_id === r.gemeenteId && f.period === r.halfYear && f.file_type === type,
                      );
                      const other = hit && byOthersIds.get(hit.delivery_id);
                      if (other)
                        return t('deliveries.list.inForceBy', {
                          receipt: other.receipt_number,
                          organisation: other.organisation_name,
                        });
                      return hit ? (
                        <a
                          class="utrecht-link utrecht-link--html-a"
                          href={`/aanleveringen/${hit.delivery_id}`}
                        >
                          {hit.receipt_number}
                        </a>
                      ) : (
                        t('deliveries.list.notYet')
                      );
                    },
                  })),
                ]}
              />
            </section>
          )}
          {byOthers.length > 0 && (
            <section aria-labelledby="door-samenwerkingsverband" data-testid="delivered-by-others">
              <h2 class="utrecht-heading-2" id="door-samenwerkingsverband">
                {t('deliveries.list.byOthers')}
              </h2>
              <p class="utrecht-paragraph">
                {t('deliveries.list.byOthersText', { gemeente: byOthers[0]!.gemeente_name })}
              </p>
              <Table
                caption={t('deliveries.list.byOthersCaption', { gemeente: byOthers[0]!.gemeente_name })}
                testId="deliveries-by-others"
                rows={byOthers}
                rowKey={(d) => d.id}
                columns={[
                  { header: t('deliveries.list.receipt'), rowHeader: true, cell: (d) => d.receipt_number },
                  {
                    header: t('deliveries.list.received'),
                    cell: (d) => formatDateTime(locale, d.received_at),
                  },
                  { header: t('deliveries.list.deliveredBy'), cell: (d) => d.organisation_name },
                  { header: t('deliveries.list.halfYear'), cell: (d) => halfYearLabel(locale, d.half_year) },
                  {
                    header: t('deliveries.list.state'),
                    cell: (d) => t(`deliveries.state.${shownDeliveryState(d)}`),
                  },
                ]}
              />
            </section>
          )}
          <h2 class="utrecht-heading-2">{t('deliveries.list.all')}</h2>
          {deliveries.length === 0 ? (
            <p class="utrecht-paragraph">{t('deliveries.list.none')}</p>
          ) : (
            <Table
              caption={t('deliveries.list.caption', { round: round?.name ?? '' })}
              testId="deliveries"
              rows={deliveries}
              rowKey={(d) => d.id}
              columns={[
                {
                  header: t('deliveries.list.receipt'),
                  rowHeader: true,
                  cell: (d) => (
                    <a class="utrecht-link utrecht-link--html-a" href={`/aanleveringen/${d.id}`}>
                      {d.receipt_number}
                    </a>
                  ),
                },
                { header: t('deliveries.list.received'), cell: (d) => formatDateTime(locale, d.received_at) },
                { header: t('deliveries.list.gemeente'), cell: (d) => d.gemeente_name },
                { header: t('deliveries.list.halfYear'), cell: (d) => halfYearLabel(locale, d.half_year) },
                {
                  header: t('deliveries.list.state'),
                  cell: (d) => t(`deliveries.state.${shownDeliveryState(d)}`),
                },
              ]}
            />
          )}
        </Layout>,
      );
    },
  );

  for (const format of ['json', 'csv'] as const) {
    app.get<{ Params: { id: string } }>(
      `/aanleveringen/:id/rapport.${format}`,
      { config: READERS },
      async (request, reply) => {
        const delivery = await findVisibleDelivery(request, deps, request.params.id);
        if (!delivery) return reply.callNotFound();
        const kind = format === 'json' ? 'technical_report_json' : 'technical_report_csv';
        const erased = erasedReason(delivery);
        if (erased) {
          await recordReportDownload(request, deps, delivery.id, kind, 'rapport verwijderd');
          return reply
            .status(410)
            .type('text/plain; charset=utf-8')
            .send(errorMessage(request.locale, erased));
        }
        if (!delivery.report) {
          await recordReportDownload(request, deps, delivery.id, kind, 'rapport nog niet klaar');
          return reply
            .status(409)
            .type('text/plain; charset=utf-8')
            .send(CATALOGUES[request.locale]['deliveries.reportNotReady']);
        }
        await recordReportDownload(request, deps, delivery.id, kind);
        const name = `technisch-rapport-${delivery.receipt_number}.${format}`;
        reply
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('cache-control', 'no-store');
        return format === 'json'
          ? reply.type('application/json; charset=utf-8').send(JSON.stringify(delivery.report, null, 2))
          : reply
              .type('text/csv; charset=utf-8')
              .send(reportToCsv(delivery.report as Report, request.locale));
      },
    );
  }

  app.get<{ Params: { id: string } }>('/aanleveringen/:id', { config: READERS }, async (request, reply) => {
    const delivery = await findVisibleDelivery(request, deps, request.params.id);
    if (!delivery) return reply.callNotFound();
    const ctx = pageContext(request, reply, deps);
    const { t, tx, locale } = ctx;
    const files = await listDeliveryFiles(deps.db, delivery.id);
    const report = delivery.report as Report | null;
    // Withdrawn or past retention: one clear state, not a check that "is running".
    const erasure = await findErasure(deps.db, delivery.id);
    const contentReport = await findContentReport(deps.db, delivery.id);
    const staff = staffRolesOf(request.principal).length > 0;
    // ggk's op-orde rapport (unless CBS shows only its own in this round) or CBS's.
    const cbsReport = await findCbsReportForDelivery(deps.db, delivery);
    const showContentReport =
      (contentReport !== undefined &&
        (contentReport.state === 'placed' || staff) &&
        (staff || !cbsReport.reportOnly)) ||
      (cbsReport.report !== undefined && (cbsReport.report.state === 'placed' || staff));
    if (report) await recordReportDownload(request, deps, delivery.id, 'technical_report_html');
    const downloads = await listDownloadsOfDelivery(deps.db, delivery.id);
    const handover = await findHandoverFacts(deps.db, delivery.id);
    const cbsVerdicts = await listVerdictsOfDelivery(deps.db, delivery.id);
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
                ? t('deliveries.detail.checkedErased', { date: formatDateTime(locale, delivery.checked_at) })
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
                  {t(v.verdict === 'approved' ? 'handover.verdicts.approved' : 'handover.verdicts.rejected', {
                    name: v.name,
                  })}
                  {v.findings.length > 0 && (
                    <ul class="utrecht-unordered-list">
                      {v.findings.slice(0, 100).map((f, i) => (
                        <li class="utrecht-unordered-list__item" key={i}>
                          <code class="utrecht-code">{f.code}</code>
                          {f.line !== undefined
                            ? ` (${t('handover.verdicts.line', { line: f.line })})`
                            : ''}: {f.message}
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
              {downloads.slice(0, 20).map((d, i) => (
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
  });
}
