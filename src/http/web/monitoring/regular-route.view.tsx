// "Geleverd via de reguliere route" for CBS and the operator: the participants of the current round
// marked as delivered straight to CBS, a form to mark one (date and note) and a button to undo a mark.
// The page both routes of the use case answer with (mark-regular-route, undo-regular-route).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatDate, formatDateTime } from '../../../modules/i18n/index.ts';
import { MAX_REGULAR_ROUTE_NOTE_CHARS, regularRouteOverview } from '../../../modules/monitoring/index.ts';
import { findCurrentRound, type Round } from '../../../modules/periods/index.ts';
import { amsterdamDate, amsterdamInstant } from '../../../platform/time/amsterdam-time.ts';
import type { AppDeps } from '../../app.ts';
import {
  Button,
  ErrorSummary,
  Notice,
  PostForm,
  SelectField,
  Table,
  TextAreaField,
  TextField,
  type FieldError,
  Dutch,
} from '../components.tsx';
import { Layout } from '../layout.tsx';
import { pageContext, type PageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';

export const REGULAR_ROUTE_PATH = '/monitor/reguliere-route';
const PATH = REGULAR_ROUTE_PATH;
export const FORM_FIELDS = ['reguliere-route-formulier', 'deelnemer', 'datum', 'toelichting'];

export interface Form {
  deelnemer: string;
  datum: string;
  toelichting: string;
}

type Overview = Awaited<ReturnType<typeof regularRouteOverview>>;

function participantLabel(p: { name: string; gemeentecode: string | null }): string {
  return p.gemeentecode ? `${p.name} (${p.gemeentecode})` : p.name;
}

function RegularRouteView({
  ctx,
  round,
  overview,
  notice,
  errors = [],
  form,
  today,
}: {
  ctx: PageContext;
  round: Round | undefined;
  overview: Overview | undefined;
  notice?: string | undefined;
  errors?: FieldError[];
  form?: Form | undefined;
  today: string;
}) {
  const { t, locale } = ctx;
  const title = t('monitoring.regular.title');
  return (
    <Layout
      title={title}
      ctx={ctx}
      breadcrumbs={[
        { href: '/', label: t('common.home') },
        { href: '/monitor', label: t('monitoring.title') },
      ]}
    >
      <h1 class="utrecht-heading-1">{title}</h1>
      {!round || !overview ? (
        <Notice>{t('monitoring.noRound')}</Notice>
      ) : (
        <>
          <ErrorSummary errors={errors} t={t} />
          {notice && <Notice kind="ok">{notice}</Notice>}
          <p class="utrecht-paragraph">
            {ctx.tx('monitoring.regular.intro', {
              round: <Dutch>{round.name}</Dutch>,
              halfYear: round.halfYear,
            })}
          </p>
          {overview.marks.length === 0 ? (
            <p class="utrecht-paragraph">{t('monitoring.regular.none')}</p>
          ) : (
            <Table
              caption={t('monitoring.regular.caption')}
              testId="regular-routes"
              rows={overview.marks}
              rowKey={(m) => m.id}
              columns={[
                {
                  header: t('monitoring.regular.participant'),
                  rowHeader: true,
                  cell: (m) => participantLabel({ name: m.organisation_name, gemeentecode: m.gemeentecode }),
                },
                {
                  header: t('monitoring.regular.deliveredOn'),
                  cell: (m) => formatDate(locale, amsterdamInstant(m.delivered_on, '12:00')),
                },
                {
                  header: t('monitoring.regular.note'),
                  cell: (m) => <span class="ggk-pre-wrap">{m.note ?? ''}</span>,
                },
                {
                  header: t('monitoring.regular.marked'),
                  cell: (m) =>
                    m.marked_by_name
                      ? t('monitoring.regular.markedBy', {
                          at: formatDateTime(locale, m.marked_at),
                          name: m.marked_by_name,
                        })
                      : formatDateTime(locale, m.marked_at),
                },
                {
                  header: t('monitoring.regular.action'),
                  cell: (m) => (
                    <PostForm
                      action={`${PATH}/ongedaan-maken`}
                      csrf={ctx.csrfToken}
                      label={t('monitoring.regular.undoLabel', { name: m.organisation_name })}
                    >
                      <input type="hidden" name="deelnemer" value={m.organisation_id} />
                      <Button variant="secondary">{t('monitoring.regular.undo')}</Button>
                    </PostForm>
                  ),
                },
              ]}
            />
          )}
          <h2 class="utrecht-heading-2">{t('monitoring.regular.form.heading')}</h2>
          {overview.unmarked.length === 0 ? (
            <p class="utrecht-paragraph">{t('monitoring.regular.allMarked')}</p>
          ) : (
            <PostForm
              id="reguliere-route-formulier"
              action={PATH}
              csrf={ctx.csrfToken}
              label={t('monitoring.regular.form.heading')}
            >
              <SelectField
                id="deelnemer"
                label={t('monitoring.regular.form.participant')}
                placeholder={t('monitoring.regular.form.choose')}
                options={overview.unmarked.map((p) => ({ value: p.id, label: participantLabel(p) }))}
                value={form?.deelnemer ?? ''}
                errors={errors}
              />
              <TextField
                id="datum"
                type="date"
                label={t('monitoring.regular.form.date')}
                value={form?.datum ?? today}
                errors={errors}
              />
              <TextAreaField
                id="toelichting"
                label={t('monitoring.regular.form.note')}
                value={form?.toelichting ?? ''}
                errors={errors}
                rows={3}
                description={`max. ${MAX_REGULAR_ROUTE_NOTE_CHARS}`}
              />
              <div>
                <Button>{t('monitoring.regular.form.submit')}</Button>
              </div>
            </PostForm>
          )}
        </>
      )}
      <p class="utrecht-paragraph">
        <a class="utrecht-link utrecht-link--html-a" href="/monitor">
          {t('monitoring.regular.back')}
        </a>
      </p>
    </Layout>
  );
}

export async function renderRegularRoute(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  status: number,
  extra: { notice?: string; errors?: FieldError[]; form?: Form } = {},
) {
  const round = await findCurrentRound(deps.db, deps.now());
  const overview = round ? await regularRouteOverview(deps.db, round) : undefined;
  reply.header('cache-control', 'no-store');
  return sendPage(
    reply,
    status,
    <RegularRouteView
      ctx={pageContext(request, reply, deps)}
      round={round}
      overview={overview}
      today={amsterdamDate(deps.now())}
      {...extra}
    />,
  );
}
