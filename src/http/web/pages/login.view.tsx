import { Layout } from '../layout.tsx';
import type { PageContext } from '../page-context.ts';
import { Notice } from '../components.tsx';

export function LoginView({
  ctx,
  failure,
  returnTo,
}: {
  ctx: PageContext;
  failure?: string;
  returnTo?: string;
}) {
  const start = returnTo ? `/inloggen/start?terug=${encodeURIComponent(returnTo)}` : '/inloggen/start';
  return (
    <Layout title={failure ? 'Inloggen mislukt' : 'Inloggen'} ctx={ctx}>
      <h1 class="utrecht-heading-1">{failure ? 'Inloggen is niet gelukt' : 'Inloggen'}</h1>
      {failure && (
        <div class="utrecht-alert utrecht-alert--error" role="alert" data-testid="login-failure">
          <p class="utrecht-paragraph">{failure}</p>
        </div>
      )}
      <p class="utrecht-paragraph">
        U logt in met eHerkenning, niveau EH3 of hoger, namens de organisatie waarvoor u gegevens aanlevert of
        beheert.
      </p>
      <p class="utrecht-paragraph">
        <a
          class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
          href={start}
        >
          Inloggen met eHerkenning
        </a>
      </p>
      <p class="utrecht-paragraph">
        Nog geen account? Uw gebruikersbeheerder kan u uitnodigen. Heeft uw organisatie nog geen
        gebruikersbeheerder in ggk, dan kunt u{' '}
        <a class="utrecht-link utrecht-link--html-a" href="/aanmelden">
          uw organisatie aanmelden
        </a>
        .
      </p>
    </Layout>
  );
}

export function InvitationView({
  ctx,
  organisationName,
  token,
  invalid,
}: {
  ctx: PageContext;
  organisationName?: string;
  token: string;
  invalid?: string;
}) {
  return (
    <Layout title="Uitnodiging" ctx={ctx}>
      <h1 class="utrecht-heading-1">Uitnodiging voor ggk</h1>
      {invalid ? (
        <div class="utrecht-alert utrecht-alert--error" role="alert">
          <p class="utrecht-paragraph">{invalid}</p>
        </div>
      ) : (
        <>
          <p class="utrecht-paragraph">
            U bent uitgenodigd om ggk te gebruiken namens <strong>{organisationName}</strong>. Log in met
            eHerkenning (niveau EH3) namens deze organisatie; daarmee koppelt u uw eHerkenningsmiddel aan uw
            account.
          </p>
          <form method="post" action="/uitnodiging" novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <input type="hidden" name="token" value={token} />
            <button class="utrecht-button utrecht-button--primary-action" type="submit">
              Uitnodiging aannemen en inloggen
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}

export function LoggedOutView({ ctx }: { ctx: PageContext }) {
  return (
    <Layout title="Uitgelogd" ctx={ctx}>
      <h1 class="utrecht-heading-1">U bent uitgelogd</h1>
      <Notice kind="ok">Al uw sessies in ggk zijn beëindigd.</Notice>
    </Layout>
  );
}
