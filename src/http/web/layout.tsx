// The one page layout: NL Design System (Utrecht components on the neutral "voorbeeld" theme), a
// skip link, a header with the portal name, who is logged in and for which organisation, the
// navigation, the main landmark and a footer.
import type { ComponentChildren } from 'preact';
import type { PageContext } from './page-context.ts';

export interface LayoutProps {
  /** What the page is about; the document title becomes "<title> - <organisation> - ggk". */
  title: string;
  ctx?: PageContext;
  children: ComponentChildren;
}

function Header({ ctx }: { ctx: PageContext | undefined }) {
  const user = ctx?.user;
  const acting = user?.organisations.find((o) => o.id === user.actingOrganisationId);
  return (
    <header class="utrecht-page-header ggk-page-header">
      <div class="ggk-container ggk-header-bar">
        <a class="utrecht-link utrecht-link--html-a ggk-logo" href="/">
          ggk <span class="ggk-logo__sub">gegevensknooppunt Monitor Sociaal Domein</span>
        </a>
        {ctx && (
          <div class="ggk-header-user">
            {user ? (
              <>
                <p class="utrecht-paragraph" data-testid="logged-in-as">
                  Ingelogd als <strong>{user.name}</strong>
                  {acting ? (
                    <>
                      {' '}
                      namens <strong data-testid="acting-organisation">{acting.name}</strong>
                    </>
                  ) : null}
                </p>
                {user.organisations.length > 1 && (
                  <form method="post" action="/organisatie-kiezen" class="ggk-inline-form" novalidate>
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    <input type="hidden" name="terug" value={ctx.path} />
                    <label class="utrecht-form-label" for="organisatie-kiezen">
                      Werken namens
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
                      Wissel
                    </button>
                  </form>
                )}
                <form method="post" action="/uitloggen" class="ggk-inline-form" novalidate>
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <button class="utrecht-button utrecht-button--subtle" type="submit">
                    Uitloggen
                  </button>
                </form>
              </>
            ) : (
              <a
                class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
                href="/inloggen"
              >
                Inloggen
              </a>
            )}
          </div>
        )}
      </div>
      {ctx && (
        <nav class="ggk-container ggk-nav" aria-label="Hoofdmenu">
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

export function Layout({ title, ctx, children }: LayoutProps) {
  const acting = ctx?.user?.organisations.find((o) => o.id === ctx.user?.actingOrganisationId);
  const documentTitle = [title, acting?.name, 'ggk, gegevensknooppunt Monitor Sociaal Domein']
    .filter(Boolean)
    .join(' - ');
  return (
    <html lang="nl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{documentTitle}</title>
        <link rel="stylesheet" href="/assets/theme.css" />
        <link rel="stylesheet" href="/assets/utrecht.css" />
        <link rel="stylesheet" href="/assets/ggk.css" />
      </head>
      <body class="voorbeeld-theme utrecht-document utrecht-document--surface">
        <a class="utrecht-link utrecht-link--html-a ggk-skip-link" href="#inhoud">
          Direct naar de inhoud
        </a>
        <div class="utrecht-page-layout">
          <Header ctx={ctx} />
          <main id="inhoud" class="utrecht-page-content ggk-container" tabIndex={-1}>
            {children}
          </main>
          <footer class="utrecht-page-footer ggk-page-footer">
            <div class="ggk-container">
              <p class="utrecht-paragraph">
                ggk is open-source software voor de aanlevering van de Gemeentelijke Monitor Sociaal Domein
                aan het CBS.
              </p>
            </div>
          </footer>
        </div>
      </body>
    </html>
  );
}
