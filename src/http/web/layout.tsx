// The one page layout: NL Design System (Utrecht components on the neutral "voorbeeld" theme), a
// skip link, a header with the portal name, who is logged in and for which organisation, the
// language switch, the navigation, breadcrumbs, the main landmark and a footer. Every text comes
// from the message catalogue in the visitor's language.
import type { ComponentChildren } from 'preact';
import type { Locale } from '../../modules/i18n/index.ts';
import { languageContext, type Crumb, type PageContext } from './page-context.ts';
import { assetHref } from './assets.ts';
import type { RoundContacts } from '../../modules/periods/index.ts';
import { ContactFooter } from './contacts.tsx';

export interface LayoutProps {
  /** What the page is about; the document title becomes "<title> - <organisation> - ggk". */
  title: string;
  ctx?: PageContext;
  /** For pages without a request context (error pages): the language to show them in. */
  locale?: Locale;
  /** For pages without a request context: the contact details for the footer (request.contacts). */
  contacts?: RoundContacts | undefined;
  /** The trail above the page heading, without the page itself (it is the last, unlinked crumb). */
  breadcrumbs?: Crumb[];
  children: ComponentChildren;
}

/** On pages without a request context (error pages): the switch, returning to the home page. */
function StandaloneLanguageSwitch({ locale }: { locale: Locale }) {
  const { t, languageSwitch } = languageContext(locale, '/');
  return (
    <div class="ggk-header-user">
      <p class="utrecht-paragraph ggk-language-switch">
        <a
          class="utrecht-link utrecht-link--html-a"
          href={languageSwitch.href}
          lang={languageSwitch.locale}
          hreflang={languageSwitch.locale}
          data-testid="language-switch"
        >
          {t('layout.switchTo')}
        </a>
      </p>
    </div>
  );
}

function Header({ ctx, locale }: { ctx: PageContext | undefined; locale: Locale }) {
  const user = ctx?.user;
  const acting = user?.organisations.find((o) => o.id === user.actingOrganisationId);
  const t = ctx?.t;
  return (
    <header class="utrecht-page-header ggk-page-header">
      <div class="ggk-container ggk-header-bar">
        <a class="utrecht-link utrecht-link--html-a ggk-logo" href="/">
          ggk <span class="ggk-logo__sub">{(ctx ?? languageContext(locale)).t('common.portalSubtitle')}</span>
        </a>
        {!ctx && <StandaloneLanguageSwitch locale={locale} />}
        {ctx && t && (
          <div class="ggk-header-user">
            <p class="utrecht-paragraph ggk-language-switch">
              <a
                class="utrecht-link utrecht-link--html-a"
                href={ctx.languageSwitch.href}
                lang={ctx.languageSwitch.locale}
                hreflang={ctx.languageSwitch.locale}
                data-testid="language-switch"
              >
                {t('layout.switchTo')}
              </a>
            </p>
            {user ? (
              <>
                <p class="utrecht-paragraph" data-testid="logged-in-as">
                  {ctx.tx('layout.loggedInAs', { name: <strong>{user.name}</strong> })}
                  {acting ? (
                    <>
                      {' '}
                      {ctx.tx('layout.actingFor', {
                        organisation: <strong data-testid="acting-organisation">{acting.name}</strong>,
                      })}
                    </>
                  ) : null}
                </p>
                {user.organisations.length > 1 && (
                  <form method="post" action="/organisatie-kiezen" class="ggk-inline-form" novalidate>
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    <input type="hidden" name="terug" value={ctx.path} />
                    <label class="utrecht-form-label" for="organisatie-kiezen">
                      {t('layout.actingForLabel')}
                    </label>
                    <select
                      class="utrecht-select utrecht-select--html-select"
                      id="organisatie-kiezen"
                      name="organisatie"
                    >
                      {user.organisations.map((o) => (
                        <option value={o.id} selected={o.id === user.actingOrganisationId} key={o.id}>
                          {o.name}
                        </option>
                      ))}
                    </select>
                    <button class="utrecht-button utrecht-button--secondary-action" type="submit">
                      {t('layout.switchOrganisation')}
                    </button>
                  </form>
                )}
                <form method="post" action="/uitloggen" class="ggk-inline-form" novalidate>
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <button class="utrecht-button utrecht-button--subtle" type="submit">
                    {t('layout.logout')}
                  </button>
                </form>
              </>
            ) : (
              <a
                class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
                href="/inloggen"
              >
                {t('layout.login')}
              </a>
            )}
          </div>
        )}
      </div>
      {ctx && (
        <nav class="ggk-container ggk-nav" aria-label={ctx.t('layout.mainMenu')}>
          <ul class="ggk-nav__list">
            {ctx.nav.map((item) => (
              <li key={item.href}>
                <a
                  class="utrecht-link utrecht-link--html-a"
                  href={item.href}
                  aria-current={item.href === ctx.path ? 'page' : undefined}
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}

/** Minutes before the idle limit at which session.js warns: 5, or half the limit when it is short. */
export function sessionWarningMinutes(idleMinutes: number): number {
  return Math.min(5, Math.floor(idleMinutes / 2));
}

/**
 * The session's time limit (WCAG 2.2.1): session.js shows this warning a few minutes before the idle
 * limit, with a button that extends the session, and says so in a polite live region; when the limit
 * passes it offers a new login that returns to this page. Without JavaScript it stays hidden (long
 * forms state the limit instead: SessionLimitNote).
 */
function SessionWarning({ ctx, idleMinutes }: { ctx: PageContext; idleMinutes: number }) {
  const { t } = ctx;
  const warn = sessionWarningMinutes(idleMinutes);
  if (warn < 1) return null;
  return (
    <>
      <p class="ggk-visually-hidden" role="status" aria-live="polite" data-session-status></p>
      <div
        class="utrecht-alert utrecht-alert--warning ggk-session-warning"
        hidden
        data-session-warning
        data-idle-seconds={idleMinutes * 60}
        data-warn-seconds={warn * 60}
        data-extended={t('layout.session.extended')}
      >
        <div class="ggk-container">
          <p class="utrecht-paragraph" data-session-message>
            {t('layout.session.warning', { minutes: warn })}
          </p>
          <form method="post" action="/sessie/verlengen" class="ggk-inline-form" novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <input type="hidden" name="terug" value={ctx.path} />
            <button class="utrecht-button utrecht-button--primary-action" type="submit">
              {t('layout.session.extend')}
            </button>
          </form>
        </div>
      </div>
      <div class="utrecht-alert utrecht-alert--error ggk-session-warning" hidden data-session-expired>
        <div class="ggk-container">
          <p class="utrecht-paragraph" data-session-message>
            {t('layout.session.expired', { minutes: idleMinutes })}
          </p>
          <p class="utrecht-paragraph">
            <a
              class="utrecht-link utrecht-link--html-a"
              href={`/inloggen?terug=${encodeURIComponent(ctx.path)}`}
            >
              {t('layout.session.loginAgain')}
            </a>
          </p>
        </div>
      </div>
      <script type="module" src="/assets/session.js"></script>
    </>
  );
}

/** On long forms, for visitors without JavaScript: the session's time limit stated up front. */
export function SessionLimitNote({ ctx }: { ctx: PageContext }) {
  if (!ctx.user) return null;
  return (
    <p class="utrecht-paragraph ggk-session-limit" data-testid="session-limit">
      {ctx.t('layout.session.limit', { minutes: ctx.user.idleMinutes })}
    </p>
  );
}

function Breadcrumbs({ crumbs, current, label }: { crumbs: Crumb[]; current: string; label: string }) {
  return (
    <nav class="utrecht-breadcrumb-nav ggk-breadcrumbs" aria-label={label}>
      <ol class="utrecht-breadcrumb-nav__list">
        {crumbs.map((c) => (
          <li class="utrecht-breadcrumb-nav__item" key={c.href}>
            <a class="utrecht-breadcrumb-nav__link utrecht-link utrecht-link--html-a" href={c.href}>
              {c.label}
            </a>
            <span class="ggk-breadcrumbs__separator" aria-hidden="true">
              ›
            </span>
          </li>
        ))}
        <li class="utrecht-breadcrumb-nav__item">
          <span
            class="utrecht-breadcrumb-nav__link utrecht-breadcrumb-nav__link--current"
            aria-current="page"
          >
            {current}
          </span>
        </li>
      </ol>
    </nav>
  );
}

export function Layout({ title, ctx, locale, contacts, breadcrumbs, children }: LayoutProps) {
  const language = ctx ?? languageContext(locale ?? 'nl');
  const { t } = language;
  const acting = ctx?.user?.organisations.find((o) => o.id === ctx.user?.actingOrganisationId);
  const documentTitle = [title, acting?.name, t('common.portalName')].filter(Boolean).join(' - ');
  const crumbs = breadcrumbs ?? (ctx && ctx.path !== '/' ? [{ href: '/', label: t('common.home') }] : []);
  return (
    <html lang={language.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{documentTitle}</title>
        <link rel="icon" href={assetHref('favicon.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={assetHref('theme.css')} />
        <link rel="stylesheet" href={assetHref('utrecht.css')} />
        <link rel="stylesheet" href={assetHref('ggk.css')} />
      </head>
      <body class="voorbeeld-theme utrecht-document utrecht-document--surface">
        <a class="utrecht-link utrecht-link--html-a ggk-skip-link" href="#inhoud">
          {t('layout.skipLink')}
        </a>
        <div class="utrecht-page-layout">
          <Header ctx={ctx} locale={language.locale} />
          {ctx?.user && <SessionWarning ctx={ctx} idleMinutes={ctx.user.idleMinutes} />}
          <main id="inhoud" class="utrecht-page-content ggk-container" tabIndex={-1}>
            {crumbs.length > 0 && (
              <Breadcrumbs crumbs={crumbs} current={title} label={t('common.breadcrumbs')} />
            )}
            {children}
          </main>
          <footer class="utrecht-page-footer ggk-page-footer">
            <div class="ggk-container">
              <ContactFooter contacts={ctx ? ctx.contacts : contacts} locale={language.locale} />
              <p class="utrecht-paragraph">{t('layout.footer')}</p>
              <nav aria-label={t('layout.footerLinks')}>
                <a class="utrecht-link utrecht-link--html-a" href="/help">
                  {t('help.nav')}
                </a>
                {' · '}
                <a class="utrecht-link utrecht-link--html-a" href="/toegankelijkheid">
                  {t('layout.accessibility')}
                </a>
                {ctx?.user?.actingOrganisationId && (
                  <>
                    {' · '}
                    <a
                      class="utrecht-link utrecht-link--html-a"
                      href={`/feedback?pagina=${encodeURIComponent(ctx.path)}`}
                    >
                      {t('monitoring.feedbackLink')}
                    </a>
                  </>
                )}
              </nav>
            </div>
          </footer>
        </div>
      </body>
    </html>
  );
}
