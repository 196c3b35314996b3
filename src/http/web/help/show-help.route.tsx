// The help page (GET /help, public): the servicedesk, how to arrange eHerkenning (EH3, which
// service), the quick reference (page and PDF), the frequently asked questions and the example
// files of the current round (downloads for a logged-in user; a visitor is asked to log in).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findCurrentRound } from '../../../modules/periods/index.ts';
import { formatNumber } from '../../../modules/i18n/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { Dutch } from '../components.tsx';
import { ContactFooter } from '../contacts.tsx';
import { Layout } from '../layout.tsx';
import { pageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import { EXAMPLE_GEMEENTE, exampleFiles, PUBLIC } from './shared.ts';

export const showHelpRoute = {
  method: 'GET',
  url: '/help',
  schema: { querystring: z.object({}) },
} as const;

const LINK = 'utrecht-link utrecht-link--html-a';

export function registerShowHelp(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...showHelpRoute,
    config: PUBLIC,
    handler: async (request, reply) => {
      const ctx = pageContext(request, reply, deps);
      const { t, tx, locale } = ctx;
      const round = await findCurrentRound(deps.db, deps.now());
      // Made only for a reader who may download them.
      const examples = round && ctx.user ? exampleFiles(round) : [];
      const faq = [
        ['login', 'help.faq.login.q', ['help.faq.login.a1', 'help.faq.login.a2', 'help.faq.login.a3']],
        ['rejected', 'help.faq.rejected.q', ['help.faq.rejected.a1', 'help.faq.rejected.a2']],
        ['report', 'help.faq.report.q', ['help.faq.report.a1', 'help.faq.report.a2']],
        [
          'download',
          'help.faq.download.q',
          ['help.faq.download.a1', 'help.faq.download.a2', 'help.faq.download.a3'],
        ],
      ] as const;
      const toc = [
        ['contact', t('help.page.contact')],
        ['eherkenning', t('help.eh.title')],
        ['snelstart', t('help.quick.title')],
        ['vragen', t('help.faq.title')],
        ['voorbeeldbestanden', t('help.examples.title')],
      ] as const;
      return sendPage(
        reply,
        200,
        <Layout title={t('help.page.title')} ctx={ctx}>
          <h1 class="utrecht-heading-1">{t('help.page.title')}</h1>
          <p class="utrecht-paragraph">{t('help.page.intro')}</p>
          <nav aria-labelledby="inhoud-titel" class="ggk-help-toc">
            <h2 class="utrecht-heading-2" id="inhoud-titel">
              {t('help.page.contents')}
            </h2>
            <ul class="utrecht-unordered-list">
              {toc.map(([id, label]) => (
                <li class="utrecht-unordered-list__item" key={id}>
                  <a class={LINK} href={`#${id}`}>
                    {label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>

          <h2 class="utrecht-heading-2" id="contact">
            {t('help.page.contact')}
          </h2>
          {ctx.contacts ? (
            <div data-testid="help-contacts">
              <ContactFooter contacts={ctx.contacts} locale={locale} heading={false} />
            </div>
          ) : (
            <p class="utrecht-paragraph">{t('help.page.noContacts')}</p>
          )}

          <h2 class="utrecht-heading-2" id="eherkenning">
            {t('help.eh.title')}
          </h2>
          <p class="utrecht-paragraph">{t('help.eh.intro')}</p>
          <ol class="utrecht-ordered-list" data-testid="eherkenning-steps">
            {(['step1', 'step2', 'step3', 'step4'] as const).map((step) => (
              <li class="utrecht-ordered-list__item" key={step}>
                {t(`help.eh.${step}`)}
              </li>
            ))}
          </ol>
          <div class="utrecht-alert utrecht-alert--info" data-testid="eherkenning-assumption">
            <p class="utrecht-paragraph">
              <strong>{t('help.eh.assumptionLabel')}:</strong> {t('help.eh.assumption')}
            </p>
          </div>

          <h2 class="utrecht-heading-2" id="snelstart">
            {t('help.quick.title')}
          </h2>
          <p class="utrecht-paragraph">{t('help.quick.intro')}</p>
          <ul class="utrecht-unordered-list">
            <li class="utrecht-unordered-list__item">
              <a class={LINK} href="/help/snelstart">
                {t('help.quick.open')}
              </a>
            </li>
            <li class="utrecht-unordered-list__item">
              <a class={LINK} href="/help/snelstart.pdf" download>
                {t('help.quick.pdf')}
              </a>
            </li>
          </ul>

          <h2 class="utrecht-heading-2" id="vragen">
            {t('help.faq.title')}
          </h2>
          {faq.map(([topic, question, answers]) => (
            <section key={topic} aria-labelledby={`vraag-${topic}`} data-testid={`faq-${topic}`}>
              <h3 class="utrecht-heading-3" id={`vraag-${topic}`}>
                {t(question)}
              </h3>
              {answers.map((a) => (
                <p class="utrecht-paragraph" key={a}>
                  {t(a)}
                </p>
              ))}
            </section>
          ))}

          <h2 class="utrecht-heading-2" id="voorbeeldbestanden">
            {t('help.examples.title')}
          </h2>
          {round ? (
            <>
              <p class="utrecht-paragraph">
                {tx('help.examples.intro', {
                  halfYear: round.halfYear,
                  gemeente: <Dutch>{`${EXAMPLE_GEMEENTE.name} (${EXAMPLE_GEMEENTE.code})`}</Dutch>,
                })}
              </p>
              {!ctx.user ? (
                <>
                  <p class="utrecht-paragraph">{t('help.examples.loginWhy')}</p>
                  <p class="utrecht-paragraph" data-testid="example-files-login">
                    <a class={LINK} href={`/inloggen?terug=${encodeURIComponent('/help')}`}>
                      {t('help.examples.login')}
                    </a>
                  </p>
                </>
              ) : (
                <ul class="utrecht-unordered-list" data-testid="example-files">
                  {examples.map((f) => (
                    <li class="utrecht-unordered-list__item" key={f.type}>
                      <a
                        class={`${LINK} ggk-break-anywhere`}
                        href={`/help/voorbeeldbestanden/${f.type}`}
                        download
                      >
                        {t('help.examples.link', {
                          type: t(`common.fileType.${f.type}`),
                          file: f.fileName,
                          rows: formatNumber(locale, f.rows),
                        })}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </>
          ) : (
            <p class="utrecht-paragraph">{t('help.examples.none')}</p>
          )}
        </Layout>,
      );
    },
  });
}
