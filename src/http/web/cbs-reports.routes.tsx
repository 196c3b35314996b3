// The CBS pages of the portal (staff role cbs): per round the deliveries offered to CBS with where
// each stands on CBS's side, the round's choice of which op-orde rapport the gemeente sees, and per
// delivery placing CBS's own op-orde rapport (a PDF, through the same service as the API's PUT).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { auditActorOf } from '../../modules/audit/index.ts';
import {
  CBS_REPORT_MAX_BYTES,
  findCbsReportForDelivery,
  findDeliveryForCbs,
  isCbsReportOnly,
  listDeliveriesForCbs,
  setCbsReportOnly,
  uploadCbsContentReport,
  type CbsRoundDeliveryRow,
} from '../../modules/handover/index.ts';
import { errorMessage, formatBytes, formatDateTime, halfYearLabel } from '../../modules/i18n/index.ts';
import { findCurrentRound, findRoundById, listRounds } from '../../modules/periods/index.ts';
import { AppError, isAppError } from '../../platform/errors/app-error.ts';
import { secretsEqual } from '../../platform/crypto/secrets.ts';
import { formatByteCount } from '../../platform/files/encrypted-store.ts';
import { isUuid } from '../../platform/errors/ids.ts';
import type { AppDeps } from '../app.ts';
import { Button, ErrorSummary, Notice, PostForm, RadioGroup, Table, type FieldError } from './components.tsx';
import { Layout } from './layout.tsx';
import { pageContext, type PageContext } from './page-context.ts';
import { sendPage } from './render.ts';

const CBS = { access: { kind: 'staff', roles: ['cbs'] } } as const;
const LIST = '/cbs/aanleveringen';
const ONLY_CBS = 'alleen-cbs';
const BOTH = 'cbs-en-ggk';

function deliveryState(t: PageContext['t'], row: CbsRoundDeliveryRow): string {
  if (row.withdrawn_at)
    return row.erasure_confirmed_at ? t('cbsReports.withdrawnConfirmed') : t('cbsReports.withdrawn');
  return row.report_state === 'held'
    ? t('cbsReports.report.held')
    : row.report_state === 'placed'
      ? t('cbsReports.report.placed')
      : t('cbsReports.report.none');
}

function verdictOf(t: PageContext['t'], row: CbsRoundDeliveryRow): string {
  if (row.approved_by_cbs + row.rejected_by_cbs === 0) return t('cbsReports.noVerdict');
  return t('cbsReports.verdict', { approved: row.approved_by_cbs, rejected: row.rejected_by_cbs });
}

function Crumbs(t: PageContext['t'], withList: boolean) {
  return [
    { href: '/', label: t('common.home') },
    ...(withList ? [{ href: LIST, label: t('cbsReports.list.title') }] : []),
  ];
}

export function registerCbsReportRoutes(app: FastifyInstance, deps: AppDeps): void {
  const renderList = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { roundId?: string | undefined; status: number; saved?: boolean; errors?: FieldError[] },
  ) => {
    const ctx = pageContext(request, reply, deps);
    const { t, locale } = ctx;
    const rounds = await listRounds(deps.db);
    const round =
      rounds.find((r) => r.id === input.roundId) ??
      (await findCurrentRound(deps.db, deps.now())) ??
      rounds[0];
    reply.header('cache-control', 'no-store');
    if (!round)
      return sendPage(
        reply,
        input.status,
        <Layout title={t('cbsReports.list.title')} ctx={ctx} breadcrumbs={Crumbs(t, false)}>
          <h1 class="utrecht-heading-1">{t('cbsReports.list.title')}</h1>
          <Notice>{t('cbsReports.list.noRound')}</Notice>
        </Layout>,
      );
    const rows = await listDeliveriesForCbs(deps.db, round.id);
    const only = await isCbsReportOnly(deps.db, round.id);
    const errors = input.errors ?? [];
    return sendPage(
      reply,
      input.status,
      <Layout title={t('cbsReports.list.title')} ctx={ctx} breadcrumbs={Crumbs(t, false)}>
        <h1 class="utrecht-heading-1">{t('cbsReports.list.title')}</h1>
        <ErrorSummary errors={errors} t={t} />
        {input.saved && <Notice kind="ok">{t('cbsReports.setting.saved')}</Notice>}
        <p class="utrecht-paragraph">{t('cbsReports.list.intro')}</p>
        <form
          method="get"
          action={LIST}
          class="ggk-form ggk-inline-form"
          aria-label={t('cbsReports.list.round')}
        >
          <div class="utrecht-form-field">
            <div class="utrecht-form-field__label">
              <label class="utrecht-form-label" for="ronde">
                {t('cbsReports.list.round')}
              </label>
            </div>
            <select class="utrecht-select utrecht-select--html-select" id="ronde" name="ronde">
              {rounds.map((r) => (
                <option value={r.id} selected={r.id === round.id} key={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <Button variant="secondary">{t('cbsReports.list.show')}</Button>
          </div>
        </form>
        <h2 class="utrecht-heading-2">{t('cbsReports.setting.title')}</h2>
        <PostForm
          action={`${LIST}/instelling`}
          csrf={ctx.csrfToken}
          label={t('cbsReports.setting.title')}
          id="instelling"
        >
          <input type="hidden" name="ronde" value={round.id} />
          <RadioGroup
            id="rapporten"
            legend={t('cbsReports.setting.legend', { round: round.name })}
            options={[
              { value: BOTH, label: t('cbsReports.setting.both') },
              { value: ONLY_CBS, label: t('cbsReports.setting.only') },
            ]}
            value={only ? ONLY_CBS : BOTH}
            errors={errors}
          />
          <div>
            <Button>{t('cbsReports.setting.submit')}</Button>
          </div>
        </PostForm>
        {rows.length === 0 ? (
          <p class="utrecht-paragraph">{t('cbsReports.list.none')}</p>
        ) : (
          <Table
            caption={t('cbsReports.list.caption', { round: round.name })}
            testId="cbs-deliveries"
            rows={rows}
            rowKey={(r) => r.delivery_id}
            columns={[
              {
                header: t('cbsReports.col.receipt'),
                rowHeader: true,
                cell: (r) => (
                  <a class="utrecht-link utrecht-link--html-a" href={`${LIST}/${r.delivery_id}`}>
                    {r.receipt_number}
                  </a>
                ),
              },
              {
                header: t('cbsReports.col.gemeente'),
                cell: (r) =>
                  `${r.gemeente_name} (${r.gemeentecode ?? ''}), ${halfYearLabel(locale, r.half_year)}`,
              },
              { header: t('cbsReports.col.deliveredBy'), cell: (r) => r.delivered_by_name },
              { header: t('cbsReports.col.offered'), cell: (r) => formatDateTime(locale, r.offered_at) },
              {
                header: t('cbsReports.col.received'),
                cell: (r) =>
                  r.received_by_cbs_at
                    ? formatDateTime(locale, r.received_by_cbs_at)
                    : t('cbsReports.notReceived'),
              },
              { header: t('cbsReports.col.verdict'), cell: (r) => verdictOf(t, r) },
              { header: t('cbsReports.col.report'), cell: (r) => deliveryState(t, r) },
            ]}
          />
        )}
      </Layout>,
    );
  };

  app.get<{ Querystring: { ronde?: string; opgeslagen?: string } }>(
    LIST,
    { config: CBS },
    async (request, reply) =>
      renderList(request, reply, {
        roundId: request.query.ronde,
        status: 200,
        saved: request.query.opgeslagen === '1',
      }),
  );

  app.post<{ Body: { ronde?: string; rapporten?: string } }>(
    `${LIST}/instelling`,
    { config: CBS },
    async (request, reply) => {
      const t = pageContext(request, reply, deps).t;
      const roundId = String(request.body?.ronde ?? '');
      const choice = String(request.body?.rapporten ?? '');
      if (choice !== ONLY_CBS && choice !== BOTH)
        return renderList(request, reply, {
          roundId,
          status: 400,
          errors: [{ field: 'rapporten', message: t('cbsReports.setting.bad') }],
        });
      try {
        await setCbsReportOnly(deps.db, {
          roundId,
          only: choice === ONLY_CBS,
          actor: auditActorOf(request.principal),
          now: deps.now(),
        });
      } catch (error) {
        if (!isAppError(error)) throw error;
        return renderList(request, reply, {
          status: 404,
          errors: [{ field: '', message: errorMessage(request.locale, error) }],
        });
      }
      return reply.redirect(`${LIST}?ronde=${encodeURIComponent(roundId)}&opgeslagen=1`, 303);
    },
  );

  const renderDelivery = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    input: { status: number; message?: { kind: 'ok' | 'warning'; text: string }; errors?: FieldError[] },
  ) => {
    const row = await findDeliveryForCbs(deps.db, id);
    if (!row) return reply.callNotFound();
    const ctx = pageContext(request, reply, deps);
    const { t, locale } = ctx;
    const round = await findRoundById(deps.db, row.round_id);
    const cbs = await findCbsReportForDelivery(deps.db, { id: row.delivery_id, round_id: row.round_id });
    const errors = input.errors ?? [];
    const fileError = errors.find((e) => e.field === 'rapport');
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      input.status,
      <Layout
        title={t('cbsReports.detail.title', { receipt: row.receipt_number })}
        ctx={ctx}
        breadcrumbs={Crumbs(t, true)}
      >
        <h1 class="utrecht-heading-1">{t('cbsReports.detail.title', { receipt: row.receipt_number })}</h1>
        <ErrorSummary errors={errors} t={t} />
        {input.message && <Notice kind={input.message.kind}>{input.message.text}</Notice>}
        <h2 class="utrecht-heading-2">{t('cbsReports.detail.facts')}</h2>
        <dl class="ggk-round-facts" data-testid="cbs-delivery-facts">
          <dt>{t('cbsReports.col.gemeente')}</dt>
          <dd>
            {row.gemeente_name} ({row.gemeentecode ?? ''})
          </dd>
          <dt>{t('cbsReports.col.deliveredBy')}</dt>
          <dd>{row.delivered_by_name}</dd>
          <dt>{t('cbsReports.detail.round')}</dt>
          <dd>{round?.name ?? ''}</dd>
          <dt>{t('cbsReports.detail.halfYear')}</dt>
          <dd>{halfYearLabel(locale, row.half_year)}</dd>
          <dt>{t('cbsReports.col.offered')}</dt>
          <dd>{formatDateTime(locale, row.offered_at)}</dd>
          <dt>{t('cbsReports.col.received')}</dt>
          <dd>
            {row.received_by_cbs_at
              ? formatDateTime(locale, row.received_by_cbs_at)
              : t('cbsReports.notReceived')}
          </dd>
          <dt>{t('cbsReports.col.verdict')}</dt>
          <dd>{verdictOf(t, row)}</dd>
          <dt>{t('cbsReports.detail.state')}</dt>
          <dd data-testid="cbs-report-state">{deliveryState(t, row)}</dd>
        </dl>
        <h2 class="utrecht-heading-2">{t('cbsReports.detail.current')}</h2>
        {cbs.report ? (
          <>
            <p class="utrecht-paragraph">
              {t('cbsReports.detail.reportFacts', {
                state:
                  cbs.report.state === 'held' ? t('cbsReports.report.held') : t('cbsReports.report.placed'),
                date: formatDateTime(locale, cbs.report.placedAt ?? cbs.report.uploadedAt),
                size: formatBytes(locale, cbs.report.bytes),
              })}
            </p>
            <p class="utrecht-paragraph">
              <a
                class="utrecht-link utrecht-link--html-a"
                href={`/aanleveringen/${row.delivery_id}/op-orde/cbs.pdf`}
                download
              >
                {t('cbsReports.detail.download')}
              </a>
            </p>
          </>
        ) : (
          <p class="utrecht-paragraph">{t('cbsReports.detail.noReport')}</p>
        )}
        {row.withdrawn_at ? (
          <Notice>{t('cbsReports.upload.withdrawn')}</Notice>
        ) : (
          <>
            <h2 class="utrecht-heading-2">{t('cbsReports.upload.title')}</h2>
            {cbs.report && <p class="utrecht-paragraph">{t('cbsReports.upload.replaceNote')}</p>}
            <form
              method="post"
              action={`${LIST}/${row.delivery_id}/op-orde-rapport`}
              enctype="multipart/form-data"
              novalidate
              class="ggk-form"
              aria-label={t('cbsReports.upload.title')}
            >
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <div class={`utrecht-form-field${fileError ? ' utrecht-form-field--invalid' : ''}`}>
                <div class="utrecht-form-field__label">
                  <label class="utrecht-form-label" for="rapport">
                    {t('cbsReports.upload.file')}
                  </label>
                </div>
                <div class="utrecht-form-field-description" id="rapport-uitleg">
                  {t('cbsReports.upload.hint')}
                </div>
                {fileError && (
                  <div class="utrecht-form-field-error-message" id="rapport-fout">
                    {fileError.message}
                  </div>
                )}
                <input
                  class="utrecht-textbox"
                  type="file"
                  id="rapport"
                  name="rapport"
                  accept=".pdf,application/pdf"
                  aria-describedby={`rapport-uitleg${fileError ? ' rapport-fout' : ''}`}
                  aria-invalid={fileError ? 'true' : undefined}
                />
              </div>
              <div>
                <Button>{t('cbsReports.upload.submit')}</Button>
              </div>
            </form>
          </>
        )}
        <h2 class="utrecht-heading-2">{t('cbsReports.detail.links')}</h2>
        <ul class="utrecht-unordered-list">
          <li class="utrecht-unordered-list__item">
            <a class="utrecht-link utrecht-link--html-a" href={`/aanleveringen/${row.delivery_id}`}>
              {t('cbsReports.detail.delivery')}
            </a>
          </li>
          <li class="utrecht-unordered-list__item">
            <a class="utrecht-link utrecht-link--html-a" href={`/aanleveringen/${row.delivery_id}/op-orde`}>
              {t('cbsReports.detail.ggkReport')}
            </a>
          </li>
        </ul>
      </Layout>,
    );
  };

  app.get<{ Params: { id: string }; Querystring: { opgeslagen?: string } }>(
    `${LIST}/:id`,
    { config: CBS },
    async (request, reply) => {
      const t = pageContext(request, reply, deps).t;
      const saved = request.query.opgeslagen;
      return renderDelivery(request, reply, request.params.id, {
        status: 200,
        ...(saved === 'geplaatst' || saved === 'tegengehouden'
          ? {
              message: {
                kind: 'ok' as const,
                text: t(saved === 'geplaatst' ? 'cbsReports.upload.placed' : 'cbsReports.upload.held'),
              },
            }
          : {}),
      });
    },
  );

  // A multipart form: the CSRF token is its first field, checked before the file is read.
  app.post<{ Params: { id: string } }>(
    `${LIST}/:id/op-orde-rapport`,
    { config: { ...CBS, csrf: 'in-handler' } },
    async (request, reply) => {
      // The form is judged before the delivery is looked up: a request without the CSRF token is
      // refused as such whatever id it names (the service refuses an unknown delivery itself).
      const id = request.params.id;
      if (!isUuid(id)) return reply.callNotFound();
      const store = deps.delivery?.store;
      if (!store) throw new Error('the encrypted store is not configured');
      try {
        const placed = await receiveCbsReport(request, async (file) =>
          uploadCbsContentReport(deps.db, store, {
            deliveryId: id,
            contentType: file.mimetype,
            body: file.stream,
            actor: auditActorOf(request.principal),
            now: deps.now(),
            baseUrl: deps.config.baseUrl,
          }),
        );
        deps.wakeOutbox?.();
        request.log.info({ deliveryId: id, state: placed.state }, 'cbs content report placed in the portal');
        return reply.redirect(
          `${LIST}/${id}?opgeslagen=${placed.state === 'placed' ? 'geplaatst' : 'tegengehouden'}`,
          303,
        );
      } catch (error) {
        const refusal = asRefusal(error);
        if (!refusal) throw error;
        // An unknown delivery has no page to show a refusal on: a plain refusal page (or the 404).
        if (!(await findDeliveryForCbs(deps.db, id))) {
          if (refusal.status === 404) return reply.callNotFound();
          throw refusal.error;
        }
        return renderDelivery(request, reply, id, {
          status: refusal.status,
          errors: [{ field: 'rapport', message: errorMessage(request.locale, refusal.error) }],
        });
      }
    },
  );
}

/** What the page answers to a refused upload (the same refusals as the API's, in a form). */
const REFUSAL_STATUS: Record<string, number> = {
  'auth.csrf': 403,
  'cbs.not_pdf': 415,
  'files.too_large': 413,
  'cbs.delivery_gone': 409,
  'cbs.delivery_not_found': 404,
  'cbs.report_missing': 400,
  'cbs.bad_form': 400,
};

function asRefusal(error: unknown): { error: AppError; status: number } | undefined {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    return {
      error: new AppError('files.too_large', { size: formatByteCount(CBS_REPORT_MAX_BYTES) }),
      status: 413,
    };
  if (
    code === 'FST_FILES_LIMIT' ||
    code === 'FST_FIELDS_LIMIT' ||
    code === 'FST_PARTS_LIMIT' ||
    code === 'FST_PROTO_VIOLATION' ||
    code === 'FST_INVALID_MULTIPART_CONTENT_TYPE'
  )
    return { error: badForm(), status: 400 };
  if (!isAppError(error)) return undefined;
  return { error, status: REFUSAL_STATUS[error.code] ?? 400 };
}

function badForm(): AppError {
  return new AppError('cbs.bad_form');
}

/**
 * Reads the form: the CSRF token first (anything else before it is refused), then the one file,
 * handed to `place` as a stream. "No file chosen" (an empty part) is its own refusal.
 */
async function receiveCbsReport<T>(
  request: FastifyRequest,
  place: (file: { mimetype: string; stream: AsyncIterable<Uint8Array> }) => Promise<T>,
): Promise<T> {
  const refuseForm = () => new AppError('auth.csrf');
  if (!request.isMultipart()) throw new AppError('delivery.not_multipart');
  const expected = request.session?.csrfToken;
  let csrfChecked = false;
  const parts = request.parts({
    limits: { fileSize: CBS_REPORT_MAX_BYTES + 1, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
  });
  for await (const part of parts) {
    if (part.type === 'field') {
      if (part.fieldname === '_csrf') {
        if (!expected || !secretsEqual(String(part.value), expected)) throw refuseForm();
        csrfChecked = true;
      }
      continue;
    }
    if (!csrfChecked) {
      part.file.resume();
      throw refuseForm();
    }
    if (part.fieldname !== 'rapport' || !part.filename) {
      part.file.resume();
      continue;
    }
    try {
      return await place({ mimetype: part.mimetype, stream: part.file });
    } finally {
      // A refusal before the whole file was read (not a PDF): let the rest drain.
      part.file.resume();
    }
  }
  if (!csrfChecked) throw refuseForm();
  throw new AppError('cbs.report_missing');
}
