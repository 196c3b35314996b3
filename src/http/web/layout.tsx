// The one page layout: NL Design System (Utrecht components on the neutral "voorbeeld" theme), a
// skip link, a header with the portal name, the main landmark and a footer.
import type { ComponentChildren } from 'preact';

export interface LayoutProps {
  /** What the page is about; the document title becomes "<title> - ggk". */
  title: string;
  children: ComponentChildren;
}

export function Layout({ title, children }: LayoutProps) {
  return (
    <html lang="nl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} - ggk, gegevensknooppunt Monitor Sociaal Domein`}</title>
        <link rel="stylesheet" href="/assets/theme.css" />
        <link rel="stylesheet" href="/assets/utrecht.css" />
        <link rel="stylesheet" href="/assets/ggk.css" />
      </head>
      <body class="voorbeeld-theme utrecht-document utrecht-document--surface">
        <a class="utrecht-link utrecht-link--html-a ggk-skip-link" href="#inhoud">
          Direct naar de inhoud
        </a>
        <div class="utrecht-page-layout">
          <header class="utrecht-page-header ggk-page-header">
            <div class="ggk-container">
              <a class="utrecht-link utrecht-link--html-a ggk-logo" href="/">
                ggk <span class="ggk-logo__sub">gegevensknooppunt Monitor Sociaal Domein</span>
              </a>
            </div>
          </header>
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
