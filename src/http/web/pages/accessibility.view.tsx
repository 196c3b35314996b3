// The accessibility statement: the WCAG 2.1 AA target and how ggk checks it.
import { Layout } from '../layout.tsx';
import type { PageContext } from '../page-context.ts';

export function AccessibilityView({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout title={t('accessibility.title')} ctx={ctx}>
      <h1 class="utrecht-heading-1">{t('accessibility.title')}</h1>
      <p class="utrecht-paragraph">{t('accessibility.intro')}</p>
      <h2 class="utrecht-heading-2">{t('accessibility.target.title')}</h2>
      <p class="utrecht-paragraph" data-testid="wcag-target">
        {t('accessibility.target.text')}
      </p>
      <h2 class="utrecht-heading-2">{t('accessibility.how.title')}</h2>
      <ul class="utrecht-unordered-list">
        <li class="utrecht-unordered-list__item">{t('accessibility.how.axe')}</li>
        <li class="utrecht-unordered-list__item">{t('accessibility.how.keyboard')}</li>
        <li class="utrecht-unordered-list__item">{t('accessibility.how.design')}</li>
        <li class="utrecht-unordered-list__item">{t('accessibility.how.nojs')}</li>
      </ul>
      <h2 class="utrecht-heading-2">{t('accessibility.limits.title')}</h2>
      <p class="utrecht-paragraph">{t('accessibility.limits.text')}</p>
      <h2 class="utrecht-heading-2">{t('accessibility.contact.title')}</h2>
      <p class="utrecht-paragraph">{t('accessibility.contact.text')}</p>
    </Layout>
  );
}
