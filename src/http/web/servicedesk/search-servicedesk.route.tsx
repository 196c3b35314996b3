// The servicedesk's search for the operator (GET /beheer/servicedesk?zoek=): users, organisations
// and deliveries (by receipt number) matching a term.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { searchServicedesk } from '../../../modules/monitoring/index.ts';
import { formatDateTime, halfYearLabel } from '../../../modules/i18n/index.ts';
import { searchDeliveries } from '../../../modules/deliveries/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { Button, ErrorSummary, Notice, TextField } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { pageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import { OPERATOR } from './shared.ts';

/** The search term; the page itself refuses one that is too short, as a field error. */
export const searchServicedeskRoute = {
  method: 'GET',
  url: '/beheer/servicedesk',
  schema: { querystring: z.object({ zoek: z.string().max(1000).optional() }) },
} as const;

export function registerSearchServicedesk(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...searchServicedeskRoute,
    config: OPERATOR,
    handler: async (request, reply) => {
      const ctx = pageContext(request, reply, deps);
      const { t } = ctx;
      const raw = request.query.zoek ?? '';
      const result = raw.trim() === '' ? undefined : await searchServicedesk(deps.db, raw);
      // A receipt number (GGK-2018-000002, or part of it) finds the delivery, in any round.
      const deliveries =
        result && result.term.length >= 2
          ? (await searchDeliveries(deps.db, { term: result.term, limit: 25 })).rows
          : [];
      // Too short a term is refused like a form field: in the summary, linked to the field.
      const errors =
        result && result.term.length < 2
          ? [{ field: 'zoek', message: t('servicedesk.search.tooShort') }]
          : [];
      return sendPage(
        reply,
        errors.length > 0 ? 400 : 200,
        <Layout title={t('servicedesk.title')} ctx={ctx}>
          <h1 class="utrecht-heading-1">{t('servicedesk.title')}</h1>
          <p class="utrecht-paragraph">{t('servicedesk.intro')}</p>
          <ErrorSummary errors={errors} t={t} />
          <form
            method="get"
            action="/beheer/servicedesk"
            class="ggk-form"
            novalidate
            aria-label={t('servicedesk.search.label')}
          >
            <TextField
              id="zoek"
              label={t('servicedesk.search.field')}
              value={result?.term ?? raw}
              errors={errors}
            />
            <div>
              <Button variant="secondary">{t('servicedesk.search.submit')}</Button>
            </div>
          </form>
          {result && result.term.length >= 2 && (
            <section aria-labelledby="resultaten" data-testid="sd-results">
              <h2 class="utrecht-heading-2" id="resultaten">
                {t('servicedesk.search.found')}
              </h2>
              {result.users.length === 0 && result.organisations.length === 0 && deliveries.length === 0 && (
                <Notice>{t('servicedesk.search.nothing', { term: result.term })}</Notice>
              )}
              {result.users.length > 0 && (
                <>
                  <h3 class="utrecht-heading-3">{t('servicedesk.users')}</h3>
                  <ul class="utrecht-unordered-list">
                    {result.users.map((u) => (
                      <li class="utrecht-unordered-list__item" key={u.id}>
                        <a
                          class="utrecht-link utrecht-link--html-a"
                          href={`/beheer/servicedesk/gebruiker/${u.id}`}
                        >
                          {u.name}
                        </a>{' '}
                        ({u.email}){u.is_disabled ? t('servicedesk.disabledSuffix') : ''}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {result.organisations.length > 0 && (
                <>
                  <h3 class="utrecht-heading-3">{t('servicedesk.organisations')}</h3>
                  <ul class="utrecht-unordered-list">
                    {result.organisations.map((o) => (
                      <li class="utrecht-unordered-list__item" key={o.id}>
                        <a
                          class="utrecht-link utrecht-link--html-a"
                          href={`/beheer/servicedesk/organisatie/${o.id}`}
                        >
                          {o.name}
                        </a>
                        {o.gemeentecode ? ` (${o.gemeentecode})` : t('servicedesk.collaborationSuffix')}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {deliveries.length > 0 && (
                <>
                  <h3 class="utrecht-heading-3">{t('servicedesk.deliveries')}</h3>
                  <ul class="utrecht-unordered-list" data-testid="sd-found-deliveries">
                    {deliveries.map((d) => (
                      <li class="utrecht-unordered-list__item" key={d.id}>
                        <a class="utrecht-link utrecht-link--html-a" href={`/aanleveringen/${d.id}`}>
                          {d.receipt_number}
                        </a>{' '}
                        {t('servicedesk.deliveryFound', {
                          gemeente: d.gemeente_name,
                          halfYear: halfYearLabel(ctx.locale, d.half_year),
                          state: t(`deliveries.state.${d.state}`),
                          received: formatDateTime(ctx.locale, d.received_at),
                        })}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </section>
          )}
        </Layout>,
      );
    },
  });
}
