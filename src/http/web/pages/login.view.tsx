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
  const { t, tx } = ctx;
  const start = returnTo ? `/inloggen/start?terug=${encodeURIComponent(returnTo)}` : '/inloggen/start';
  return (
    <Layout title={failure ? t('login.failedTitle') : t('login.title')} ctx={ctx}>
      <h1 class="utrecht-heading-1">{failure ? t('login.failedHeading') : t('login.title')}</h1>
      {failure && (
        <div class="utrecht-alert utrecht-alert--error" role="alert" data-testid="login-failure">
          <p class="utrecht-paragraph">{failure}</p>
        </div>
      )}
      <p class="utrecht-paragraph">{t('login.intro')}</p>
      <p class="utrecht-paragraph">
        <a
          class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
          href={start}
        >
          {t('login.button')}
        </a>
      </p>
      <p class="utrecht-paragraph">
        {tx('login.noAccount', {
          link: (
            <a class="utrecht-link utrecht-link--html-a" href="/aanmelden">
              {t('login.registerLink')}
            </a>
          ),
        })}
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
  const { t, tx } = ctx;
  return (
    <Layout title={t('invitation.title')} ctx={ctx}>
      <h1 class="utrecht-heading-1">{t('invitation.heading')}</h1>
      {invalid ? (
        <div class="utrecht-alert utrecht-alert--error" role="alert">
          <p class="utrecht-paragraph">{invalid}</p>
        </div>
      ) : (
        <>
          <p class="utrecht-paragraph">
            {tx('invitation.text', { organisation: <strong>{organisationName}</strong> })}
          </p>
          <form method="post" action="/uitnodiging" novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <input type="hidden" name="token" value={token} />
            <button class="utrecht-button utrecht-button--primary-action" type="submit">
              {t('invitation.accept')}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}

export function LoggedOutView({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout title={t('loggedOut.title')} ctx={ctx}>
      <h1 class="utrecht-heading-1">{t('loggedOut.heading')}</h1>
      <Notice kind="ok">{t('loggedOut.text')}</Notice>
    </Layout>
  );
}
