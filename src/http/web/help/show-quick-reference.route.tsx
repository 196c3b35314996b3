// The quick reference (GET /help/snelstart, public): one page to print (the print style sheet keeps
// only the content), with the PDF of the same text beside it.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findCurrentRound } from '../../../modules/periods/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { Layout } from '../layout.tsx';
import { pageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import { PUBLIC, quickReference } from './shared.ts';

export const showQuickReferenceRoute = {
  method: 'GET',
  url: '/help/snelstart',
  schema: { querystring: z.object({}) },
} as const;

export function registerShowQuickReference(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...showQuickReferenceRoute,
    config: PUBLIC,
    handler: async (request, reply) => {
      const ctx = pageContext(request, reply, deps);
      const { t, locale } = ctx;
      const round = await findCurrentRound(deps.db, deps.now());
      const sections = quickReference(t, locale, round, ctx.contacts);
      return sendPage(
        reply,
        200,
        <Layout
          title={t('help.quick.title')}
          ctx={ctx}
          breadcrumbs={[
            { href: '/', label: t('common.home') },
            { href: '/help', label: t('help.page.title') },
          ]}
        >
          <div class="ggk-quick-reference" data-testid="quick-reference">
            <h1 class="utrecht-heading-1">{t('help.quick.title')}</h1>
            <p class="utrecht-paragraph ggk-no-print">
              {t('help.quick.print')}{' '}
              <a class="utrecht-link utrecht-link--html-a" href="/help/snelstart.pdf" download>
                {t('help.quick.pdf')}
              </a>
            </p>
            {sections.map((section) => (
              <section key={section.title}>
                <h2 class="utrecht-heading-2">{section.title}</h2>
                {section.paragraphs.map((p) => (
                  <p class="utrecht-paragraph" key={p}>
                    {p}
                  </p>
                ))}
                {section.steps && (
                  <ol class="utrecht-ordered-list">
                    {section.steps.map((step) => (
                      <li class="utrecht-ordered-list__item" key={step}>
                        {step}
                      </li>
                    ))}
                  </ol>
                )}
              </section>
            ))}
          </div>
        </Layout>,
      );
    },
  });
}
