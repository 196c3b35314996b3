// "Geleverd via de reguliere route" for CBS and the operator: the participants of the current round
// marked as delivered straight to CBS, a form to mark one (date and note) and a button to undo a mark.
// Both are audited (modules/monitoring/regular-route-service.ts); the monitor counts a marked
// participant as delivered and the closing reminder skips it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditActorOf } from '../../../modules/audit/index.ts';
import { formatDate, formatDateTime } from '../../../modules/i18n/index.ts';
import {
  MAX_REGULAR_ROUTE_NOTE_CHARS,
  markRegularRoute,
  regularRouteOverview,
  unmarkRegularRoute,
} from '../../../modules/monitoring/index.ts';
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
} from '../components.tsx';
import { formErrorsOf, onlyLinksTo } from '../form-errors.ts';
import { Layout } from '../layout.tsx';
import { translatorFor } from '../locale.ts';
import { pageContext, type PageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';

const STAFF = { access: { kind: 'staff', roles: ['operator', 'cbs'] } } as const;
const PATH = '/monitor/reguliere-route';
const FORM_FIELDS = ['reguliere-route-formulier', 'deelnemer', 'datum', 'toelichting'];

interface Form {
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
            {t('monitoring.regular.intro', { round: round.name, halfYear: round.halfYear })}
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

export function registerRegularRouteRoutes(app: FastifyInstance, deps: AppDeps): void {
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extra: { notice?: string; errors?: FieldError[]; form?: Form } = {},
  ) => {
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
  };

  app.get(PATH, { config: STAFF }, async (request, reply) => render(request, reply, 200));

  app.post(PATH, { config: STAFF }, async (request, reply) => {
    const body = request.body as Record<string, unknown> | undefined;
    const form: Form = {
      deelnemer: String(body?.deelnemer ?? ''),
      datum: String(body?.datum ?? ''),
      toelichting: String(body?.toelichting ?? ''),
    };
    const round = await findCurrentRound(deps.db, deps.now());
    if (!round) return render(request, reply, 404);
    try {
      const done = await markRegularRoute(deps.db, {
        round,
        organisationId: form.deelnemer,
        deliveredOn: form.datum,
        note: form.toelichting,
        actor: auditActorOf(request.principal),
        userId: request.principal.kind === 'user' ? request.principal.userId : null,
        tokenId: null,
        now: deps.now(),
      });
      return render(request, reply, 200, {
        notice: translatorFor(request)('monitoring.regular.done', { name: done.organisationName }),
      });
    } catch (error) {
      return render(request, reply, 400, {
        errors: onlyLinksTo(formErrorsOf(error, request.locale, 'reguliere-route-formulier'), FORM_FIELDS),
        form,
      });
    }
  });

  app.post(`${PATH}/ongedaan-maken`, { config: STAFF }, async (request, reply) => {
    const body = request.body as Record<string, unknown> | undefined;
    const round = await findCurrentRound(deps.db, deps.now());
    if (!round) return render(request, reply, 404);
    try {
      const done = await unmarkRegularRoute(deps.db, {
        round,
        organisationId: String(body?.deelnemer ?? ''),
        actor: auditActorOf(request.principal),
        userId: request.principal.kind === 'user' ? request.principal.userId : null,
        tokenId: null,
        now: deps.now(),
      });
      return render(request, reply, 200, {
        notice: translatorFor(request)('monitoring.regular.undone', { name: done.organisationName }),
      });
    } catch (error) {
      return render(request, reply, 400, {
        errors: onlyLinksTo(formErrorsOf(error, request.locale, ''), FORM_FIELDS),
      });
    }
  });
}
