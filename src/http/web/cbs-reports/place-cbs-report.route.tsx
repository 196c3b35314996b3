// CBS places its own op-orde rapport of a delivery: the delivery's page (facts, the current report,
// the upload form) and the multipart upload, through the same service as the API's PUT.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { z } from 'zod';
import { auditActorOf } from '../../../modules/audit/index.ts';
import {
  CBS_REPORT_MAX_BYTES,
  findCbsReportForDelivery,
  findDeliveryForCbs,
  uploadCbsContentReport,
} from '../../../modules/handover/index.ts';
import { errorMessage, formatBytes, formatDateTime, halfYearLabel } from '../../../modules/i18n/index.ts';
import { findRoundById } from '../../../modules/periods/index.ts';
import { secretsEqual } from '../../../platform/crypto/secrets.ts';
import { AppError, isAppError } from '../../../platform/errors/app-error.ts';
import { isUuid } from '../../../platform/errors/ids.ts';
import { formatByteCount } from '../../../platform/files/encrypted-store.ts';
import type { AppDeps } from '../../app.ts';
import { checkedByHandler, type ZodTypeProvider } from '../../route-schemas.ts';
import { Button, ErrorSummary, Notice, type FieldError } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { pageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import { CBS, Crumbs, LIST, deliveryState, verdictOf } from './shared.ts';

// Any text: a malformed id answers the same 404 page as an unknown one.
const params = z.object({ id: z.string().max(100) });

const pageSchema = {
  params,
  // After an upload: geplaatst or tegengehouden (anything else shows no notice).
  querystring: z.object({ opgeslagen: z.string().max(100).optional() }),
};

const uploadSchema = {
  params,
  querystring: z.object({}),
  // Multipart, read as a stream by receiveCbsReport: the CSRF token first, then the PDF.
  body: checkedByHandler(z.object({ _csrf: z.string(), rapport: z.string().meta({ format: 'binary' }) })),
};

export function registerPlaceCbsReport(app: FastifyInstance, deps: AppDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
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

  api.get(`${LIST}/:id`, { schema: pageSchema, config: CBS }, async (request, reply) => {
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
  });

  // A multipart form: the CSRF token is its first field, checked before the file is read.
  api.post(
    `${LIST}/:id/op-orde-rapport`,
    { schema: uploadSchema, config: { ...CBS, csrf: 'in-handler' } },
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
