// The operator's overview of the current round's pilot feedback and evaluations, with their averages
// and a link to the CSV export.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { formatDateTime } from '../../../modules/i18n/index.ts';
import { EVALUATION_QUESTIONS, listRoundFeedback } from '../../../modules/monitoring/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { Notice, Dutch } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { pageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import { OPERATOR, questionText, ratingLabel } from './shared.ts';

const schema = { querystring: z.object({}) };

export function registerShowFeedbackOverview(app: FastifyInstance, deps: AppDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/beheer/feedback', { schema: schema, config: OPERATOR }, async (request, reply) => {
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
              {ctx.tx('feedback.admin.intro', { round: <Dutch>{round.name}</Dutch> })}{' '}
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
}
