// The API tokens of the acting organisation, the one just created (shown once) and the form for a new
// one: the page GET /organisatie/api-tokens shows and the token actions answer with.
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  MAX_TOKEN_DAYS,
  TOKEN_ROLES,
  actingOrganisationOf,
  listApiTokens,
  type ApiTokenListRow,
} from '../../../modules/auth/index.ts';
import { formatDate, lookup } from '../../../modules/i18n/index.ts';
import type { AppDeps } from '../../app.ts';
import {
  Button,
  CheckboxGroup,
  ErrorSummary,
  Notice,
  PostForm,
  TextField,
  type FieldError,
} from '../components.tsx';
import { onlyLinksTo } from '../form-errors.ts';
import { Layout } from '../layout.tsx';
import { pageContext, type PageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import type { NoticeKey } from './shared.ts';

function TokensView(props: {
  ctx: PageContext;
  tokens: ApiTokenListRow[];
  created?: { token: string; name: string };
  notice?: NoticeKey | undefined;
  errors?: FieldError[];
  form?: { naam?: string; dagen?: string; rollen?: string[] };
  now: Date;
}) {
  const t = props.ctx.t;
  return (
    <Layout title={t('organisation.tokens.title')} ctx={props.ctx}>
      <h1 class="utrecht-heading-1">{t('organisation.tokens.heading')}</h1>
      <p class="utrecht-paragraph">{t('organisation.tokens.intro')}</p>
      {props.notice && <Notice kind="ok">{t(props.notice)}</Notice>}
      {props.created && (
        <div class="utrecht-alert utrecht-alert--ok" role="status" data-testid="new-token">
          <p class="utrecht-paragraph">{t('organisation.tokens.created', { name: props.created.name })}</p>
          <p class="ggk-secret">{props.created.token}</p>
        </div>
      )}
      <ErrorSummary
        errors={onlyLinksTo(props.errors ?? [], [
          'token-formulier',
          'naam',
          'rollen',
          'dagen',
          ...props.tokens.map((token) => `token-${token.id}`),
        ])}
        t={t}
      />
      <div class="ggk-table-wrapper" tabIndex={0} role="region" aria-label={t('organisation.tokens.caption')}>
        <table class="utrecht-table">
          <caption class="utrecht-table__caption">{t('organisation.tokens.caption')}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">
                {t('organisation.tokens.name')}
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                {t('organisation.tokens.prefix')}
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                {t('organisation.tokens.roles')}
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                {t('organisation.tokens.madeBy')}
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                {t('organisation.tokens.validUntil')}
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                {t('organisation.tokens.status')}
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                {t('organisation.tokens.action')}
              </th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {props.tokens.map((token) => {
              const state = token.revoked_at
                ? 'revoked'
                : token.expires_at <= props.now
                  ? 'expired'
                  : 'active';
              const status = t(
                state === 'revoked'
                  ? 'organisation.tokens.statusRevoked'
                  : state === 'expired'
                    ? 'organisation.tokens.statusExpired'
                    : 'organisation.tokens.statusActive',
              );
              return (
                <tr class="utrecht-table__row" key={token.id}>
                  <th class="utrecht-table__header-cell" scope="row">
                    {token.name}
                  </th>
                  <td class="utrecht-table__cell">
                    <code class="utrecht-code">{token.token_prefix}…</code>
                  </td>
                  <td class="utrecht-table__cell">
                    {token.roles.map((r) => lookup(props.ctx.locale, `role.${r}`) ?? r).join(', ')}
                  </td>
                  <td class="utrecht-table__cell" data-testid="token-maker">
                    {token.created_by_name === null
                      ? t('organisation.tokens.madeByOperator')
                      : token.created_by_disabled
                        ? t('organisation.tokens.madeByDisabled', { name: token.created_by_name })
                        : token.created_by_name}
                  </td>
                  <td class="utrecht-table__cell">{formatDate(props.ctx.locale, token.expires_at)}</td>
                  <td class="utrecht-table__cell">{status}</td>
                  <td class="utrecht-table__cell">
                    {state === 'active' && (
                      <PostForm
                        id={`token-${token.id}`}
                        action="/organisatie/api-tokens/intrekken"
                        csrf={props.ctx.csrfToken}
                        label={t('organisation.tokens.revokeLabel', { name: token.name })}
                      >
                        <input type="hidden" name="token" value={token.id} />
                        <Button variant="subtle">
                          {t('organisation.tokens.revoke')}
                          <span class="ggk-visually-hidden"> ({token.name})</span>
                        </Button>
                      </PostForm>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h2 class="utrecht-heading-2">{t('organisation.tokens.new')}</h2>
      <PostForm
        id="token-formulier"
        action="/organisatie/api-tokens"
        csrf={props.ctx.csrfToken}
        label={t('organisation.tokens.new')}
      >
        <TextField
          id="naam"
          label={t('organisation.tokens.newName')}
          value={props.form?.naam ?? ''}
          errors={props.errors ?? []}
        />
        <CheckboxGroup
          id="rollen"
          legend={t('organisation.tokens.newRoles')}
          options={TOKEN_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          checked={props.form?.rollen ?? ['aanleveraar']}
          errors={props.errors ?? []}
        />
        <TextField
          id="dagen"
          label={t('organisation.tokens.newDays', { max: MAX_TOKEN_DAYS })}
          type="number"
          value={props.form?.dagen ?? '90'}
          errors={props.errors ?? []}
        />
        <div>
          <Button>{t('organisation.tokens.submit')}</Button>
        </div>
      </PostForm>
    </Layout>
  );
}

export async function renderTokens(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  extra: Partial<Parameters<typeof TokensView>[0]> = {},
) {
  const tokens = await listApiTokens(deps.db, actingOrganisationOf(request.principal)!);
  reply.header('cache-control', 'no-store');
  return sendPage(
    reply,
    status,
    <TokensView ctx={pageContext(request, reply, deps)} tokens={tokens} now={deps.now()} {...extra} />,
  );
}
