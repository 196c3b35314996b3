// CBS's tokens for the hand-over API: the list, the token just created (shown once) and the form for
// a new one. The page GET /cbs/tokens shows and the token actions answer with.
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  MAX_CBS_TOKEN_NAME,
  MAX_TOKEN_DAYS,
  listCbsTokens,
  type CbsTokenListRow,
} from '../../../modules/auth/index.ts';
import { formatDate, formatDateTime } from '../../../modules/i18n/index.ts';
import type { AppDeps } from '../../app.ts';
import { Button, ErrorSummary, Notice, PostForm, TextField, type FieldError } from '../components.tsx';
import { onlyLinksTo } from '../form-errors.ts';
import { Layout } from '../layout.tsx';
import { pageContext, type PageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import { FORM, PAGE } from './shared.ts';

function TokensView(props: {
  ctx: PageContext;
  tokens: CbsTokenListRow[];
  created?: { token: string; name: string };
  revoked?: boolean;
  errors?: FieldError[];
  form?: { naam?: string; dagen?: string };
  now: Date;
}) {
  const { t, locale } = props.ctx;
  const errors = props.errors ?? [];
  return (
    <Layout title={t('cbsTokens.title')} ctx={props.ctx}>
      <h1 class="utrecht-heading-1">{t('cbsTokens.title')}</h1>
      <p class="utrecht-paragraph">{t('cbsTokens.intro')}</p>
      {props.revoked && <Notice kind="ok">{t('cbsTokens.revoked')}</Notice>}
      {props.created && (
        <div class="utrecht-alert utrecht-alert--ok" role="status" data-testid="new-token">
          <p class="utrecht-paragraph">{t('cbsTokens.created', { name: props.created.name })}</p>
          <p class="ggk-secret">{props.created.token}</p>
        </div>
      )}
      <ErrorSummary
        errors={onlyLinksTo(errors, [FORM, 'naam', 'dagen', ...props.tokens.map((tk) => `token-${tk.id}`)])}
        t={t}
      />
      {props.tokens.length === 0 ? (
        <p class="utrecht-paragraph">{t('cbsTokens.none')}</p>
      ) : (
        <div class="ggk-table-wrapper" tabIndex={0} role="region" aria-label={t('cbsTokens.caption')}>
          <table class="utrecht-table">
            <caption class="utrecht-table__caption">{t('cbsTokens.caption')}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                {(
                  [
                    'cbsTokens.name',
                    'cbsTokens.prefix',
                    'cbsTokens.madeBy',
                    'cbsTokens.madeAt',
                    'cbsTokens.validUntil',
                    'cbsTokens.status',
                    'cbsTokens.action',
                  ] as const
                ).map((key) => (
                  <th class="utrecht-table__header-cell" scope="col" key={key}>
                    {t(key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {props.tokens.map((token) => {
                const active = !token.revoked_at && token.expires_at > props.now;
                return (
                  <tr class="utrecht-table__row" key={token.id}>
                    <th class="utrecht-table__header-cell" scope="row">
                      {token.name}
                    </th>
                    <td class="utrecht-table__cell">
                      <code class="utrecht-code">{token.token_prefix}…</code>
                    </td>
                    <td class="utrecht-table__cell" data-testid="token-maker">
                      {token.created_by_name === null
                        ? t('cbsTokens.madeByOperator')
                        : token.created_by_disabled
                          ? t('cbsTokens.madeByDisabled', { name: token.created_by_name })
                          : token.created_by_name}
                    </td>
                    <td class="utrecht-table__cell">{formatDateTime(locale, token.created_at)}</td>
                    <td class="utrecht-table__cell">{formatDate(locale, token.expires_at)}</td>
                    <td class="utrecht-table__cell" data-testid="token-status">
                      {token.revoked_at
                        ? token.revoked_by_name === null
                          ? t('cbsTokens.statusRevoked', { date: formatDateTime(locale, token.revoked_at) })
                          : t('cbsTokens.statusRevokedBy', {
                              date: formatDateTime(locale, token.revoked_at),
                              name: token.revoked_by_name,
                            })
                        : active
                          ? t('cbsTokens.statusActive')
                          : t('cbsTokens.statusExpired')}
                    </td>
                    <td class="utrecht-table__cell">
                      {active && (
                        <a class="utrecht-link utrecht-link--html-a" href={`${PAGE}/${token.id}/intrekken`}>
                          {t('cbsTokens.revoke')}
                          <span class="ggk-visually-hidden"> ({token.name})</span>
                        </a>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <h2 class="utrecht-heading-2">{t('cbsTokens.new')}</h2>
      <PostForm id={FORM} action={PAGE} csrf={props.ctx.csrfToken} label={t('cbsTokens.new')}>
        <TextField
          id="naam"
          label={t('cbsTokens.newName', { max: MAX_CBS_TOKEN_NAME })}
          value={props.form?.naam ?? ''}
          errors={errors}
        />
        <TextField
          id="dagen"
          label={t('cbsTokens.newDays', { max: MAX_TOKEN_DAYS })}
          type="number"
          value={props.form?.dagen ?? '90'}
          errors={errors}
        />
        <div>
          <Button>{t('cbsTokens.submit')}</Button>
        </div>
      </PostForm>
    </Layout>
  );
}

export async function renderCbsTokens(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  extra: Partial<Parameters<typeof TokensView>[0]> = {},
) {
  const tokens = await listCbsTokens(deps.db);
  // The answer to a create holds the token itself: never stored by a browser or proxy.
  reply.header('cache-control', 'no-store');
  return sendPage(
    reply,
    status,
    <TokensView ctx={pageContext(request, reply, deps)} tokens={tokens} now={deps.now()} {...extra} />,
  );
}
