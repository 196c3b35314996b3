// Pilot feedback: a small form reachable from every page (a link in the footer), the evaluation
// after the round, and the operator's overview with its CSV export.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actingOrganisationOf } from '../../modules/auth/index.ts';
import { auditActorOf, recordAudit } from '../../modules/audit/index.ts';
import {
  EVALUATION_QUESTIONS,
  MAX_FEEDBACK_CHARS,
  feedbackContext,
  listRoundFeedback,
  submitEvaluation,
  submitFeedback,
} from '../../modules/monitoring/index.ts';
import { formatDateTime, lookup, type Translate } from '../../modules/i18n/index.ts';
import type { AppDeps } from '../app.ts';
import { Button, ErrorSummary, Notice, RadioGroup, TextAreaField, type FieldError } from './components.tsx';
import { formErrorsOf, onlyLinksTo } from './form-errors.ts';
import { Layout } from './layout.tsx';
import { feedbackCsv } from './monitoring/feedback-csv.ts';
import { pageContext, type PageContext } from './page-context.ts';
import { sendPage } from './render.ts';

const MEMBERS = {
  access: {
    kind: 'organisation',
    roles: ['gebruikersbeheerder', 'aanleveraar', 'rapportontvanger', 'intrekker'],
  },
} as const;
const OPERATOR = { access: { kind: 'staff', roles: ['operator'] } } as const;

/** The label of a rating 1–5 ('slecht' … 'uitstekend'), or '' for anything else. */
function ratingLabel(ctx: PageContext, rating: number): string {
  return lookup(ctx.locale, `feedback.rating.${rating}`) ?? '';
}

function questionText(t: Translate, q: (typeof EVALUATION_QUESTIONS)[number]): string {
  return t(`feedback.question.${q.id}`);
}

/** A rating of 1 to 5, each with its label ("1 (slecht)" … "5 (uitstekend)"). */
function RatingField(props: {
  ctx: PageContext;
  id: string;
  legend: string;
  value?: string | undefined;
  errors: FieldError[];
}) {
  return (
    <RadioGroup
      id={props.id}
      legend={props.legend}
      class="ggk-rating"
      options={[1, 2, 3, 4, 5].map((n) => ({
        value: String(n),
        label: `${n} (${ratingLabel(props.ctx, n)})`,
      }))}
      value={props.value}
      errors={props.errors}
    />
  );
}

function CommentField(props: {
  ctx: PageContext;
  id: string;
  label: string;
  value?: string | undefined;
  errors: FieldError[];
}) {
  return (
    <TextAreaField
      id={props.id}
      label={props.label}
      description={props.ctx.t('feedback.textHint', { max: MAX_FEEDBACK_CHARS })}
      value={props.value ?? ''}
      errors={props.errors}
    />
  );
}

export function registerFeedbackRoutes(app: FastifyInstance, deps: AppDeps): void {
  const contextOf = (request: FastifyRequest) =>
    feedbackContext(deps.db, {
      userId: request.session!.principal.userId,
      organisationId: actingOrganisationOf(request.principal),
      now: deps.now(),
    });

  const renderFeedback = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    state: { errors?: FieldError[]; values?: Record<string, string>; thanks?: boolean; page?: string },
  ) => {
    const ctx = pageContext(request, reply, deps);
    const context = await contextOf(request);
    const errors = state.errors ?? [];
    const values = state.values ?? {};
    const formShown = Boolean(context?.isPilot);
    return sendPage(
      reply,
      status,
      <Layout title={ctx.t('feedback.title')} ctx={ctx}>
        <h1 class="utrecht-heading-1">{ctx.t('feedback.heading')}</h1>
        {state.thanks && <Notice kind="ok">{ctx.t('feedback.thanks')}</Notice>}
        <ErrorSummary
          errors={onlyLinksTo(errors, formShown ? ['feedback-formulier', 'waardering', 'toelichting'] : [])}
          t={ctx.t}
        />
        {!context?.isPilot ? (
          <Notice>{ctx.t('feedback.notPilot')}</Notice>
        ) : (
          <>
            <p class="utrecht-paragraph">{ctx.t('feedback.intro', { round: context.round.name })}</p>
            {context.evaluationOpen && !context.hasEvaluated && (
              <p class="utrecht-paragraph">
                {ctx.tx('feedback.evaluationInvite', {
                  link: (
                    <a class="utrecht-link utrecht-link--html-a" href="/feedback/evaluatie">
                      {ctx.t('feedback.evaluationLink')}
                    </a>
                  ),
                })}
              </p>
            )}
            <form
              id="feedback-formulier"
              method="post"
              action="/feedback"
              class="ggk-form"
              novalidate
              aria-label={ctx.t('feedback.formLabel')}
            >
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <input type="hidden" name="pagina" value={state.page ?? values.pagina ?? ''} />
              <RatingField
                ctx={ctx}
                id="waardering"
                legend={ctx.t('feedback.rating')}
                value={values.waardering}
                errors={errors}
              />
              <CommentField
                ctx={ctx}
                id="toelichting"
                label={ctx.t('feedback.comment')}
                value={values.toelichting}
                errors={errors}
              />
              <div>
                <Button>{ctx.t('feedback.submit')}</Button>
              </div>
            </form>
          </>
        )}
      </Layout>,
    );
  };

  app.get<{ Querystring: { pagina?: string; bedankt?: string } }>(
    '/feedback',
    { config: MEMBERS },
    async (request, reply) =>
      renderFeedback(request, reply, 200, {
        thanks: request.query.bedankt === '1',
        ...(typeof request.query.pagina === 'string' && /^\/[^?#\s]{0,200}$/.test(request.query.pagina)
          ? { page: request.query.pagina }
          : {}),
      }),
  );

  app.post('/feedback', { config: MEMBERS }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      await deps.db.transaction().execute((trx) =>
        submitFeedback(trx, {
          userId: request.session!.principal.userId,
          organisationId: actingOrganisationOf(request.principal),
          now: deps.now(),
          rating: body.waardering,
          text: body.toelichting,
          page: body.pagina,
        }),
      );
    } catch (error) {
      return renderFeedback(request, reply, 400, {
        errors: formErrorsOf(error, request.locale, 'feedback-formulier'),
        values: Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v ?? '')])),
      });
    }
    return reply.redirect('/feedback?bedankt=1', 303);
  });

  const renderEvaluation = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    state: { errors?: FieldError[]; values?: Record<string, string>; thanks?: boolean },
  ) => {
    const ctx = pageContext(request, reply, deps);
    const context = await contextOf(request);
    const errors = state.errors ?? [];
    const values = state.values ?? {};
    const formShown =
      Boolean(context?.isPilot) &&
      Boolean(context?.evaluationOpen) &&
      !(context?.hasEvaluated && !state.errors);
    return sendPage(
      reply,
      status,
      <Layout title={ctx.t('feedback.evaluation.title')} ctx={ctx}>
        <h1 class="utrecht-heading-1">{ctx.t('feedback.evaluation.title')}</h1>
        {state.thanks && <Notice kind="ok">{ctx.t('feedback.evaluation.thanks')}</Notice>}
        <ErrorSummary
          errors={onlyLinksTo(
            errors,
            formShown
              ? ['evaluatie-formulier', 'waardering', 'toelichting', ...EVALUATION_QUESTIONS.map((q) => q.id)]
              : [],
          )}
          t={ctx.t}
        />
        {!context?.isPilot ? (
          <Notice>{ctx.t('feedback.evaluation.notPilot')}</Notice>
        ) : !context.evaluationOpen ? (
          <Notice>
            {ctx.t('feedback.evaluation.notOpen', {
              round: context.round.name,
              closes: formatDateTime(ctx.locale, context.round.deliveryClosesAt),
            })}
          </Notice>
        ) : context.hasEvaluated && !state.errors ? (
          !state.thanks && <Notice>{ctx.t('feedback.evaluation.done')}</Notice>
        ) : (
          <>
            <form
              id="evaluatie-formulier"
              method="post"
              action="/feedback/evaluatie"
              class="ggk-form"
              novalidate
              aria-label={ctx.t('feedback.evaluation.formLabel')}
            >
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              {EVALUATION_QUESTIONS.map((q) => (
                <RatingField
                  ctx={ctx}
                  id={q.id}
                  legend={questionText(ctx.t, q)}
                  value={values[q.id]}
                  errors={errors}
                  key={q.id}
                />
              ))}
              <RatingField
                ctx={ctx}
                id="waardering"
                legend={ctx.t('feedback.evaluation.overall')}
                value={values.waardering}
                errors={errors}
              />
              <CommentField
                ctx={ctx}
                id="toelichting"
                label={ctx.t('feedback.evaluation.better')}
                value={values.toelichting}
                errors={errors}
              />
              <div>
                <Button>{ctx.t('feedback.evaluation.submit')}</Button>
              </div>
            </form>
          </>
        )}
      </Layout>,
    );
  };

  app.get<{ Querystring: { bedankt?: string } }>(
    '/feedback/evaluatie',
    { config: MEMBERS },
    async (request, reply) =>
      renderEvaluation(request, reply, 200, { thanks: request.query.bedankt === '1' }),
  );

  app.post('/feedback/evaluatie', { config: MEMBERS }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      await deps.db.transaction().execute((trx) =>
        submitEvaluation(trx, {
          userId: request.session!.principal.userId,
          organisationId: actingOrganisationOf(request.principal),
          now: deps.now(),
          form: body,
        }),
      );
    } catch (error) {
      return renderEvaluation(request, reply, 400, {
        errors: formErrorsOf(error, request.locale, 'evaluatie-formulier'),
        values: Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v ?? '')])),
      });
    }
    return reply.redirect('/feedback/evaluatie?bedankt=1', 303);
  });

  app.get('/beheer/feedback', { config: OPERATOR }, async (request, reply) => {
    const { round, rows } = await listRoundFeedback(deps.db, deps.now());
    const ctx = pageContext(request, reply, deps);
    reply.header('cache-control', 'no-store');
    const table = (kind: 'feedback' | 'evaluation', caption: string) => {
      const list = rows.filter((r) => r.kind === kind);
      if (list.length === 0)
        return <p class="utrecht-paragraph">{ctx.t('feedback.admin.none', { caption })}</p>;
      const average = (list.reduce((s, r) => s + r.rating, 0) / list.length).toFixed(1);
      return (
        <div class="ggk-table-wrapper" tabIndex={0} role="region" aria-label={caption}>
          <table class="utrecht-table" data-testid={`feedback-${kind}`}>
            <caption class="utrecht-table__caption">
              {ctx.t('feedback.admin.caption', {
                caption,
                count: list.length,
                average: ctx.locale === 'nl' ? average.replace('.', ',') : average,
              })}
            </caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                {[
                  ctx.t('feedback.admin.col.time'),
                  ctx.t('feedback.admin.col.organisation'),
                  ctx.t('feedback.admin.col.user'),
                  ctx.t('feedback.admin.col.rating'),
                  kind === 'feedback'
                    ? ctx.t('feedback.admin.col.page')
                    : ctx.t('feedback.admin.col.answers'),
                  ctx.t('feedback.admin.col.comment'),
                ].map((h) => (
                  <th class="utrecht-table__header-cell" scope="col" key={h}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {list.map((r) => (
                <tr class="utrecht-table__row" key={r.id}>
                  <td class="utrecht-table__cell">{formatDateTime(ctx.locale, r.created_at)}</td>
                  <td class="utrecht-table__cell">{r.organisation_name}</td>
                  <td class="utrecht-table__cell">{r.user_name ?? '-'}</td>
                  <td class="utrecht-table__cell">
                    {r.rating} ({ratingLabel(ctx, r.rating)})
                  </td>
                  <td class="utrecht-table__cell">
                    {kind === 'feedback'
                      ? (r.page ?? '-')
                      : EVALUATION_QUESTIONS.map(
                          (q) =>
                            `${questionText(ctx.t, q)} ${(r.answers as Record<string, number> | null)?.[q.id] ?? '-'}`,
                        ).join('; ')}
                  </td>
                  <td class="utrecht-table__cell ggk-pre-wrap">{r.body || '-'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    };
    return sendPage(
      reply,
      200,
      <Layout title={ctx.t('feedback.admin.title')} ctx={ctx}>
        <h1 class="utrecht-heading-1">{ctx.t('feedback.admin.title')}</h1>
        {!round ? (
          <Notice>{ctx.t('feedback.admin.noRound')}</Notice>
        ) : (
          <>
            <p class="utrecht-paragraph">
              {ctx.t('feedback.admin.intro', { round: round.name })}{' '}
              <a class="utrecht-link utrecht-link--html-a" href="/beheer/feedback.csv" download>
                {ctx.t('feedback.admin.csv')}
              </a>
            </p>
            <h2 class="utrecht-heading-2">{ctx.t('feedback.admin.feedbackHeading')}</h2>
            {table('feedback', ctx.t('feedback.admin.feedbackCaption'))}
            <h2 class="utrecht-heading-2">{ctx.t('feedback.admin.evaluationsHeading')}</h2>
            {table('evaluation', ctx.t('feedback.admin.evaluationsCaption'))}
          </>
        )}
      </Layout>,
    );
  });

  app.get('/beheer/feedback.csv', { config: OPERATOR }, async (request, reply) => {
    const now = deps.now();
    const { round, rows } = await listRoundFeedback(deps.db, now);
    if (round) {
      await recordAudit(deps.db, {
        actor: auditActorOf(request.principal as { kind: 'user'; userId: string }),
        organisationId: null,
        action: 'feedback.exported',
        subjectIds: [round.id],
        details: { rows: rows.length },
        at: now,
      });
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="pilotfeedback-${round?.halfYear ?? 'geen-ronde'}.csv"`,
      )
      .header('cache-control', 'no-store')
      .send(feedbackCsv(request.locale, rows));
  });
}
