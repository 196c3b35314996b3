// The pilot evaluation after the round's delivery window: a rating per closed question, an overall
// rating and what could be better; once per user.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actingOrganisationOf } from '../../../modules/auth/index.ts';
import { formatDateTime } from '../../../modules/i18n/index.ts';
import { EVALUATION_QUESTIONS, submitEvaluation } from '../../../modules/monitoring/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { Button, ErrorSummary, Notice, type FieldError, Dutch } from '../components.tsx';
import { formErrorsOf, onlyLinksTo } from '../form-errors.ts';
import { Layout, SessionLimitNote } from '../layout.tsx';
import { pageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import { CommentField, RatingField } from './rating-fields.view.tsx';
import { MEMBERS, feedbackContextOf, questionText } from './shared.ts';

const pageSchema = { querystring: z.object({ bedankt: z.string().max(100).optional() }) };

const rating = z.string().max(100).optional();

const submitSchema = {
  querystring: z.object({}),
  // Checked by submitEvaluation, which names each problem on the form; the text up to the form body
  // limit, so a comment that is too long gets its own field error.
  body: z.object({
    _csrf: z.string().max(200).optional(),
    ...Object.fromEntries(EVALUATION_QUESTIONS.map((q) => [q.id, rating])),
    waardering: rating,
    toelichting: z
      .string()
      .max(64 * 1024)
      .optional(),
  }),
};

export function registerSubmitEvaluation(app: FastifyInstance, deps: AppDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const contextOf = (request: FastifyRequest) => feedbackContextOf(deps, request);

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
            {ctx.tx('feedback.evaluation.notOpen', {
              round: <Dutch>{context.round.name}</Dutch>,
              closes: formatDateTime(ctx.locale, context.round.deliveryClosesAt),
            })}
          </Notice>
        ) : context.hasEvaluated && !state.errors ? (
          !state.thanks && <Notice>{ctx.t('feedback.evaluation.done')}</Notice>
        ) : (
          <>
            <SessionLimitNote ctx={ctx} />
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

  api.get('/feedback/evaluatie', { schema: pageSchema, config: MEMBERS }, async (request, reply) =>
    renderEvaluation(request, reply, 200, { thanks: request.query.bedankt === '1' }),
  );

  api.post('/feedback/evaluatie', { schema: submitSchema, config: MEMBERS }, async (request, reply) => {
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
}
