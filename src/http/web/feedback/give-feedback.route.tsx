// The pilot feedback form, reachable from every page (a link in the footer that names the page): a
// rating and a comment, thanked for after the redirect.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actingOrganisationOf } from '../../../modules/auth/index.ts';
import { submitFeedback } from '../../../modules/monitoring/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { Button, ErrorSummary, Notice, type FieldError, Dutch } from '../components.tsx';
import { formErrorsOf, onlyLinksTo } from '../form-errors.ts';
import { Layout, SessionLimitNote } from '../layout.tsx';
import { pageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import { CommentField, RatingField } from './rating-fields.view.tsx';
import { MEMBERS, feedbackContextOf } from './shared.ts';

// The page the feedback is about: a path, or ignored (by the page and by submitFeedback), as before.
const page = z.string().max(1000).optional().catch(undefined);

const pageSchema = {
  querystring: z.object({ pagina: page, bedankt: z.string().max(100).optional() }),
};

const submitSchema = {
  querystring: z.object({}),
  // Checked by submitFeedback, which names each problem on the form; the text up to the form body
  // limit, so a comment that is too long gets its own field error.
  body: z.object({
    _csrf: z.string().max(200).optional(),
    pagina: page,
    waardering: z.string().max(100).optional(),
    toelichting: z
      .string()
      .max(64 * 1024)
      .optional(),
  }),
};

export function registerGiveFeedback(app: FastifyInstance, deps: AppDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const contextOf = (request: FastifyRequest) => feedbackContextOf(deps, request);

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
            <p class="utrecht-paragraph">
              {ctx.tx('feedback.intro', { round: <Dutch>{context.round.name}</Dutch> })}
            </p>
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
            <SessionLimitNote ctx={ctx} />
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

  api.get('/feedback', { schema: pageSchema, config: MEMBERS }, async (request, reply) =>
    renderFeedback(request, reply, 200, {
      thanks: request.query.bedankt === '1',
      ...(typeof request.query.pagina === 'string' && /^\/[^?#\s]{0,200}$/.test(request.query.pagina)
        ? { page: request.query.pagina }
        : {}),
    }),
  );

  api.post('/feedback', { schema: submitSchema, config: MEMBERS }, async (request, reply) => {
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
}
