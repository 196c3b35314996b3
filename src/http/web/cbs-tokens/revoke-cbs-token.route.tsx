// A cbs user revokes a token: a confirmation page first (GET /cbs/tokens/:id/intrekken), then the POST
// to the same address; an unknown, revoked or expired token is a 404 on the token page.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listCbsTokens, revokeCbsToken, type CbsTokenListRow } from '../../../modules/auth/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { Button, PostForm } from '../components.tsx';
import { formErrorAt } from '../form-errors.ts';
import { Layout } from '../layout.tsx';
import { pageContext, type PageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import { CBS, FORM, PAGE, formField, tokenParams } from './shared.ts';
import { renderCbsTokens } from './tokens.view.tsx';

export const revokeCbsTokenSchemas = {
  confirm: { querystring: z.object({}), params: tokenParams() },
  revoke: { querystring: z.object({}), params: tokenParams(), body: z.object({ _csrf: formField() }) },
};

/** Revoking asks first: the systems of CBS that use the token stop fetching at once. */
function ConfirmView(props: { ctx: PageContext; token: CbsTokenListRow }) {
  const { t } = props.ctx;
  return (
    <Layout
      title={t('cbsTokens.confirm.title', { name: props.token.name })}
      ctx={props.ctx}
      breadcrumbs={[
        { href: '/', label: t('common.home') },
        { href: PAGE, label: t('cbsTokens.title') },
      ]}
    >
      <h1 class="utrecht-heading-1">{t('cbsTokens.confirm.title', { name: props.token.name })}</h1>
      <p class="utrecht-paragraph">{t('cbsTokens.confirm.text')}</p>
      <PostForm
        id={`token-${props.token.id}`}
        action={`${PAGE}/${props.token.id}/intrekken`}
        csrf={props.ctx.csrfToken}
        label={t('cbsTokens.revokeLabel', { name: props.token.name })}
      >
        <div>
          <Button>{t('cbsTokens.confirm.submit')}</Button>{' '}
          <a class="utrecht-link utrecht-link--html-a" href={PAGE}>
            {t('cbsTokens.confirm.cancel')}
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}

export function registerRevokeCbsToken(app: FastifyInstance, deps: AppDeps): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get(
    `${PAGE}/:id/intrekken`,
    { config: CBS, schema: revokeCbsTokenSchemas.confirm },
    async (request, reply) => {
      const token = (await listCbsTokens(deps.db)).find(
        (tk) => tk.id === request.params.id && !tk.revoked_at && tk.expires_at > deps.now(),
      );
      if (!token)
        return renderCbsTokens(deps, request, reply, 404, {
          errors: formErrorAt(new AppError('token.not_found'), request.locale, FORM),
        });
      reply.header('cache-control', 'no-store');
      return sendPage(reply, 200, <ConfirmView ctx={pageContext(request, reply, deps)} token={token} />);
    },
  );

  routes.post(
    `${PAGE}/:id/intrekken`,
    { config: CBS, schema: revokeCbsTokenSchemas.revoke },
    async (request, reply) => {
      try {
        await revokeCbsToken(deps.db, {
          tokenId: request.params.id,
          now: deps.now(),
          revokedBy: request.session?.principal.userId ?? null,
        });
      } catch (error) {
        return renderCbsTokens(deps, request, reply, 404, {
          errors: formErrorAt(error, request.locale, `token-${request.params.id}`),
        });
      }
      return reply.redirect(`${PAGE}?melding=ingetrokken`, 303);
    },
  );
}
