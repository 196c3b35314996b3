// Pages for "not found" and "something went wrong": in the visitor's language, with a way back, and
// never a detail of the error itself (that goes to the log, with the request id the user can quote).
import type { Locale } from '../../../modules/i18n/index.ts';
import { Layout } from '../layout.tsx';
import { languageContext } from '../page-context.ts';
import type { RoundContacts } from '../../../modules/periods/index.ts';
import { ContactNote } from '../contacts.tsx';

/** Every status page: the current round's contacts, in the page and its footer (issue 20). */
interface WithContacts {
  contacts?: RoundContacts | undefined;
}

export function NotFoundView({ locale = 'nl', contacts }: { locale?: Locale } & WithContacts) {
  const { t, tx } = languageContext(locale);
  return (
    <Layout title={t('status.notFound.title')} locale={locale} contacts={contacts}>
      <h1 class="utrecht-heading-1">{t('status.notFound.title')}</h1>
      <p class="utrecht-paragraph">
        {tx('status.notFound.text', {
          link: (
            <a class="utrecht-link utrecht-link--html-a" href="/">
              {t('status.notFound.link')}
            </a>
          ),
        })}
      </p>
      <ContactNote contacts={contacts} locale={locale} />
    </Layout>
  );
}

export function ErrorView({
  requestId,
  locale = 'nl',
  contacts,
}: { requestId: string; locale?: Locale } & WithContacts) {
  const { t, tx } = languageContext(locale);
  return (
    <Layout title={t('status.error.title')} locale={locale} contacts={contacts}>
      <h1 class="utrecht-heading-1">{t('status.error.title')}</h1>
      <p class="utrecht-paragraph">
        {tx('status.error.text', { code: <code class="utrecht-code">{requestId}</code> })}
      </p>
      <ContactNote contacts={contacts} locale={locale} />
    </Layout>
  );
}

export function ForbiddenView({
  message,
  locale = 'nl',
  loginHref,
  contacts,
}: WithContacts & {
  message: string;
  locale?: Locale;
  /** Not (or no longer) logged in: a new login, returning to the page the visitor was on. */
  loginHref?: string;
}) {
  const { t } = languageContext(locale);
  return (
    <Layout title={t('status.forbidden.title')} locale={locale} contacts={contacts}>
      <h1 class="utrecht-heading-1">{t('status.forbidden.title')}</h1>
      <p class="utrecht-paragraph">{message}</p>
      {loginHref && (
        <p class="utrecht-paragraph">
          <a class="utrecht-link utrecht-link--html-a" href={loginHref} data-testid="login-again">
            {t('status.unauthenticated.loginAgain')}
          </a>
        </p>
      )}
      <p class="utrecht-paragraph">
        <a class="utrecht-link utrecht-link--html-a" href="/">
          {t('common.backToHome')}
        </a>
      </p>
      <ContactNote contacts={contacts} locale={locale} />
    </Layout>
  );
}

/**
 * A refusal that reached a browser outside a form (a link to something that does not exist, a
 * request refused by the rate limit, a stale action): the message in the visitor's language and a
 * way back. The message is the refusal's own text, never an internal error.
 */
export function RefusalView({
  status,
  message,
  locale = 'nl',
  contacts,
}: WithContacts & {
  status: number;
  message: string;
  locale?: Locale;
}) {
  const { t } = languageContext(locale);
  const title =
    status === 404
      ? t('status.refused.notFound')
      : status === 429
        ? t('status.refused.tooMany')
        : status === 403
          ? t('status.forbidden.title')
          : t('status.refused.title');
  return (
    <Layout title={title} locale={locale} contacts={contacts}>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph" data-testid="refusal">
        {message}
      </p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link utrecht-link--html-a" href="/">
          {t('common.backToHome')}
        </a>
      </p>
      <ContactNote contacts={contacts} locale={locale} />
    </Layout>
  );
}
