// The accessibility statement on the Dutch model (toegankelijkheidsverklaring of digitoegankelijk.nl):
// the compliance status with its date and the responsible body (the operator, GGK_OPERATOR_NAME), the
// evaluation and its evidence, the known problems with planned fixes, a contact route
// (GGK_ACCESSIBILITY_EMAIL) and the complaints route (Nationale ombudsman).
import { formatDate } from '../../../modules/i18n/index.ts';
import { Dutch } from '../components.tsx';
import { Layout } from '../layout.tsx';
import type { PageContext } from '../page-context.ts';

/** The day this statement was drawn up and last reviewed: change it with the statement. */
export const STATEMENT_DATE = new Date('2026-12-07T12:00:00Z');

const LINK = 'utrecht-link utrecht-link--html-a';

export function AccessibilityView({
  ctx,
  operator,
  email,
}: {
  ctx: PageContext;
  /** The body responsible for ggk and this statement. */
  operator: string;
  /** Where accessibility problems are reported. */
  email: string;
}) {
  const { t, tx, locale } = ctx;
  const item = (text: string) => <li class="utrecht-unordered-list__item">{text}</li>;
  return (
    <Layout title={t('accessibility.title')} ctx={ctx}>
      <h1 class="utrecht-heading-1">{t('accessibility.heading')}</h1>
      <p class="utrecht-paragraph">{t('accessibility.intro', { operator })}</p>

      <h2 class="utrecht-heading-2">{t('accessibility.target.title')}</h2>
      <p class="utrecht-paragraph" data-testid="wcag-target">
        {t('accessibility.target.text')}
      </p>

      <h2 class="utrecht-heading-2" id="status">
        {t('accessibility.status.title')}
      </h2>
      <dl class="ggk-round-facts" data-testid="statement-status">
        <dt>{t('accessibility.status.label')}</dt>
        <dd data-testid="statement-status-value">{t('accessibility.status.value')}</dd>
        <dt>{t('accessibility.status.basisLabel')}</dt>
        <dd>{t('accessibility.status.basis')}</dd>
        <dt>{t('accessibility.status.dateLabel')}</dt>
        <dd>
          <time datetime={STATEMENT_DATE.toISOString().slice(0, 10)}>
            {formatDate(locale, STATEMENT_DATE)}
          </time>
        </dd>
        <dt>{t('accessibility.status.responsibleLabel')}</dt>
        <dd data-testid="statement-responsible">{operator}</dd>
      </dl>
      <p class="utrecht-paragraph">{t('accessibility.status.why')}</p>
      <p class="utrecht-paragraph">
        {tx('accessibility.status.explain', {
          link: (
            <a class={LINK} href="https://www.digitoegankelijk.nl/" hreflang="nl">
              digitoegankelijk.nl
            </a>
          ),
        })}
      </p>

      <h2 class="utrecht-heading-2" id="onderzoek">
        {t('accessibility.evaluation.title')}
      </h2>
      <h3 class="utrecht-heading-3">{t('accessibility.evaluation.audit.title')}</h3>
      <p class="utrecht-paragraph">{t('accessibility.evaluation.audit.text')}</p>
      <ul class="utrecht-unordered-list" data-testid="statement-audit">
        {item(t('accessibility.evaluation.audit.reflow'))}
        {item(t('accessibility.evaluation.audit.timing'))}
        {item(t('accessibility.evaluation.audit.pdf'))}
        {item(t('accessibility.evaluation.audit.screenReader'))}
        {item(t('accessibility.evaluation.audit.focus'))}
      </ul>
      <h3 class="utrecht-heading-3">{t('accessibility.evaluation.tests.title')}</h3>
      <ul class="utrecht-unordered-list" data-testid="statement-tests">
        {item(t('accessibility.evaluation.tests.axe'))}
        {item(t('accessibility.evaluation.tests.reflow'))}
        {item(t('accessibility.evaluation.tests.keyboard'))}
        {item(t('accessibility.evaluation.tests.pdf'))}
        {item(t('accessibility.evaluation.tests.design'))}
        {item(t('accessibility.evaluation.tests.nojs'))}
      </ul>
      <p class="utrecht-paragraph">{t('accessibility.evaluation.limits')}</p>

      <h2 class="utrecht-heading-2" id="problemen">
        {t('accessibility.problems.title')}
      </h2>
      <ul class="utrecht-unordered-list" data-testid="statement-problems">
        {item(t('accessibility.problems.reinspection'))}
        {item(t('accessibility.problems.pdfValidator'))}
        {item(t('accessibility.problems.cbsPdf'))}
      </ul>

      <h2 class="utrecht-heading-2" id="contact">
        {t('accessibility.contact.title')}
      </h2>
      <p class="utrecht-paragraph" data-testid="statement-contact">
        {tx('accessibility.contact.text', {
          email: (
            <a class={LINK} href={`mailto:${email}`}>
              {email}
            </a>
          ),
        })}
      </p>

      <h2 class="utrecht-heading-2" id="klacht">
        {t('accessibility.complaint.title')}
      </h2>
      <p class="utrecht-paragraph" data-testid="statement-complaint">
        {tx('accessibility.complaint.text', {
          ombudsman: (
            <a class={LINK} href="https://www.nationaleombudsman.nl/klacht-indienen" hreflang="nl">
              {locale === 'nl' ? (
                t('accessibility.complaint.ombudsman')
              ) : (
                <Dutch>{t('accessibility.complaint.ombudsman')}</Dutch>
              )}
            </a>
          ),
        })}
      </p>
    </Layout>
  );
}
