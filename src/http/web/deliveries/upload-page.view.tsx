// The upload page (GET /aanleveren), also shown again with the reason when a delivery by form or a
// finalised resumable upload is refused. Without JavaScript a plain multipart form; upload.js adds a
// check of the chosen files in the browser and resumable uploads when the page offers them.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actingOrganisationOf } from '../../../modules/auth/index.ts';
import { CATALOGUES, formatDateTime, halfYearLabel, type Locale } from '../../../modules/i18n/index.ts';
import { findOrganisationById, listCollaborationMembers } from '../../../modules/organisations/index.ts';
import {
  findCurrentRound,
  findParticipatingOrganisations,
  halfYearsOf,
  isDeliveryOpen,
} from '../../../modules/periods/index.ts';
import { FINDING_CODES } from '../../../modules/validation/index.ts';
import { amsterdamDate } from '../../../platform/time/amsterdam-time.ts';
import type { AppDeps } from '../../app.ts';
import { RESUMABLE_PATH } from '../../deliveries/resumable-upload.ts';
import { Button, Dutch, ErrorSummary, type FieldError } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { pageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';

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
    // The templates of findings with parameters (extension), keyed code or code.variant.
    texts.findingDetails = Object.fromEntries(
      Object.entries(CATALOGUES[locale])
        .filter(([key]) => key.startsWith('finding.detail.'))
        .map(([key, text]) => [key.slice('finding.detail.'.length), text]),
    );
  }
  // The counts per kind name the kind in words in every language (the code only as secondary text).
  texts.findingLabels = Object.fromEntries(
    FINDING_CODES.map((code) => [code, CATALOGUES[locale][`finding.${code}`]]),
  );
  return texts;
}

/** The upload page; `resumable`: the app offers resumable uploads (it has a delivery store). */
export async function renderUploadPage(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  resumable: boolean,
  status: number,
  errors: FieldError[] = [],
) {
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
              ? t(
                  now < round.deliveryOpensAt
                    ? 'deliveries.upload.windowUpcoming'
                    : 'deliveries.upload.windowClosed',
                  {
                    opens: formatDateTime(locale, round.deliveryOpensAt),
                    closes: formatDateTime(locale, round.deliveryClosesAt),
                  },
                )
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
            data-resumable={resumable ? RESUMABLE_PATH : undefined}
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
              <div class="utrecht-form-field-description" id="bestanden-uitleg" data-testid="nothing-leaves">
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
            {/* What delivering implies (issue 20): said before the button, as the pilot's documents do. */}
            <div class="ggk-consent" data-testid="consent">
              <h2 class="utrecht-heading-3" id="toestemming">
                {t('help.consent.heading')}
              </h2>
              <p class="utrecht-paragraph">
                {ctx.tx('help.consent.text', { organisation: <Dutch>{organisation?.name ?? ''}</Dutch> })}
              </p>
            </div>
            <div>
              <Button>{t('deliveries.upload.submit')}</Button>
            </div>
          </form>
          <script type="module" src="/assets/upload.js"></script>
        </>
      )}
    </Layout>,
  );
}
