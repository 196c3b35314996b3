// The gebruikersbeheerder's pages for the organisation they act for: users (invite, roles, disable)
// and API tokens (create, shown once; revoke). Every action works on the acting organisation only;
// ids in forms are checked against it by the services.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  MAX_TOKEN_DAYS,
  TOKEN_ROLES,
  actingOrganisationOf,
  createApiToken,
  listApiTokens,
  revokeApiToken,
  type ApiTokenListRow,
} from '../../modules/auth/index.ts';
import {
  ORGANISATION_ROLES,
  disableUser,
  grantOrganisationRole,
  inviteUser,
  listUsersOfOrganisation,
  revokeOrganisationRole,
  type AdminContext,
  type OrganisationUserRow,
} from '../../modules/users/index.ts';
import { formatDate, lookup, type MessageKey } from '../../modules/i18n/index.ts';
import type { AppDeps } from '../app.ts';
import {
  Button,
  CheckboxGroup,
  ErrorSummary,
  FieldErrorText,
  Notice,
  PostForm,
  TextField,
  invalidAttributes,
  type FieldError,
} from './components.tsx';
import { asList, formErrorAt, formErrorsOf, onlyLinksTo } from './form-errors.ts';
import { Layout } from './layout.tsx';
import { pageContext, type PageContext } from './page-context.ts';
import { sendPage } from './render.ts';

const ADMIN = { access: { kind: 'organisation', roles: ['gebruikersbeheerder'] } } as const;

const NOTICES = {
  uitgenodigd: 'organisation.notice.invited',
  rol_toegekend: 'organisation.notice.roleGranted',
  rol_ingetrokken: 'organisation.notice.roleRevoked',
  uitgeschakeld: 'organisation.notice.disabled',
  token_ingetrokken: 'organisation.notice.tokenRevoked',
} as const satisfies Record<string, MessageKey>;
type NoticeKey = (typeof NOTICES)[keyof typeof NOTICES];

function noticeOf(request: FastifyRequest<{ Querystring: { melding?: string } }>): NoticeKey | undefined {
  const key = request.query.melding ?? '';
  return Object.hasOwn(NOTICES, key) ? NOTICES[key as keyof typeof NOTICES] : undefined;
}

function adminContext(request: FastifyRequest, deps: AppDeps): AdminContext {
  return {
    organisationId: actingOrganisationOf(request.principal)!,
    actorUserId: request.session?.principal.userId ?? null,
    now: deps.now(),
    baseUrl: deps.config.baseUrl,
    functionalEmailPrefixes: deps.config.functionalEmailPrefixes,
  };
}

function UsersView(props: {
  ctx: PageContext;
  users: OrganisationUserRow[];
  notice?: NoticeKey | undefined;
  errors?: FieldError[];
  form?: { naam?: string; email?: string; rollen?: string[]; persoonlijk?: boolean };
}) {
  const t = props.ctx.t;
  const roleOptions = ORGANISATION_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));
  // Everything on the page a message can be about: the invitation form and the forms in each row.
  const targets = [
    'uitnodigen-formulier',
    'naam',
    'email',
    'rollen',
    'persoonlijk',
    ...props.users.flatMap((u) => [
      `rol-${u.id}`,
      `uitschakelen-${u.id}`,
      ...u.roles.map((r) => `intrekken-${u.id}-${r}`),
    ]),
  ];
  return (
    <Layout title={t('organisation.users.title')} ctx={props.ctx}>
      <h1 class="utrecht-heading-1">{t('organisation.users.heading')}</h1>
      {props.notice && <Notice kind="ok">{t(props.notice)}</Notice>}
      <ErrorSummary errors={onlyLinksTo(props.errors ?? [], targets)} t={t} />
      <div class="ggk-table-wrapper" tabIndex={0} role="region" aria-label={t('organisation.users.caption')}>
        <table class="utrecht-table" data-testid="users-table">
          <caption class="utrecht-table__caption">{t('organisation.users.caption')}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">
                {t('organisation.users.name')}
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                {t('organisation.users.email')}
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                {t('organisation.users.status')}
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                {t('organisation.users.roles')}
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                {t('organisation.users.actions')}
              </th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {props.users.map((u) => (
              <tr class="utrecht-table__row" key={u.id}>
                <th class="utrecht-table__header-cell" scope="row">
                  {u.name}
                </th>
                <td class="utrecht-table__cell">
                  {/* May break before the @ only, so the role select beside it keeps its width. */}
                  {u.email.slice(0, u.email.lastIndexOf('@'))}
                  <wbr />
                  {u.email.slice(u.email.lastIndexOf('@'))}
                </td>
                <td class="utrecht-table__cell">
                  {u.is_disabled
                    ? t('organisation.users.statusDisabled')
                    : u.is_bound
                      ? t('organisation.users.statusActive')
                      : t('organisation.users.statusInvited')}
                </td>
                <td class="utrecht-table__cell">
                  <ul class="utrecht-unordered-list">
                    {u.roles.map((r) => (
                      <li class="utrecht-unordered-list__item" key={r}>
                        <PostForm
                          id={`intrekken-${u.id}-${r}`}
                          action="/organisatie/gebruikers/rol-intrekken"
                          csrf={props.ctx.csrfToken}
                          label={t('organisation.users.revokeRoleLabel', {
                            role: t(`role.${r}`),
                            name: u.name,
                          })}
                        >
                          <input type="hidden" name="gebruiker" value={u.id} />
                          <input type="hidden" name="rol" value={r} />
                          {t(`role.${r}`)}{' '}
                          <Button variant="subtle">
                            {t('organisation.users.revoke')}
                            <span class="ggk-visually-hidden">
                              {' '}
                              ({t(`role.${r}`)}, {u.name})
                            </span>
                          </Button>
                        </PostForm>
                      </li>
                    ))}
                  </ul>
                </td>
                <td class="utrecht-table__cell">
                  <div class="ggk-actions">
                    <PostForm
                      action="/organisatie/gebruikers/rol-toekennen"
                      csrf={props.ctx.csrfToken}
                      label={t('organisation.users.grantRoleLabel', { name: u.name })}
                    >
                      <input type="hidden" name="gebruiker" value={u.id} />
                      <label class="utrecht-form-label" for={`rol-${u.id}`}>
                        {t('organisation.users.roleFor', { name: u.name })}
                      </label>
                      <FieldErrorText id={`rol-${u.id}`} errors={props.errors} />
                      <select
                        class="utrecht-select utrecht-select--html-select ggk-select-fit"
                        id={`rol-${u.id}`}
                        name="rol"
                        {...invalidAttributes(`rol-${u.id}`, props.errors)}
                      >
                        {roleOptions
                          .filter((o) => !u.roles.includes(o.value))
                          .map((o) => (
                            <option value={o.value} key={o.value}>
                              {o.label}
                            </option>
                          ))}
                      </select>
                      <Button variant="secondary">{t('organisation.users.grant')}</Button>
                    </PostForm>
                    {!u.is_disabled && u.roles.length > 0 && (
                      <PostForm
                        id={`uitschakelen-${u.id}`}
                        action="/organisatie/gebruikers/uitschakelen"
                        csrf={props.ctx.csrfToken}
                        label={t('organisation.users.disableLabel', { name: u.name })}
                      >
                        <input type="hidden" name="gebruiker" value={u.id} />
                        <Button variant="subtle">
                          {t('organisation.users.disable')}
                          <span class="ggk-visually-hidden"> ({u.name})</span>
                        </Button>
                      </PostForm>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 class="utrecht-heading-2" id="uitnodigen">
        {t('organisation.invite.heading')}
      </h2>
      <p class="utrecht-paragraph">{t('organisation.invite.intro')}</p>
      <PostForm
        id="uitnodigen-formulier"
        action="/organisatie/gebruikers/uitnodigen"
        csrf={props.ctx.csrfToken}
        label={t('organisation.invite.heading')}
      >
        <TextField
          id="naam"
          label={t('organisation.invite.name')}
          value={props.form?.naam ?? ''}
          errors={props.errors ?? []}
          autocomplete="off"
        />
        <TextField
          id="email"
          label={t('organisation.invite.email')}
          type="email"
          value={props.form?.email ?? ''}
          errors={props.errors ?? []}
          autocomplete="off"
        />
        <CheckboxGroup
          id="rollen"
          legend={t('organisation.invite.roles')}
          options={roleOptions}
          checked={props.form?.rollen ?? ['aanleveraar']}
          errors={props.errors ?? []}
        />
        <CheckboxGroup
          id="persoonlijk"
          legend={t('organisation.invite.personalLegend')}
          description={t('organisation.invite.personalHint')}
          options={[{ value: 'ja', label: t('organisation.invite.personalConfirm') }]}
          checked={props.form?.persoonlijk ? ['ja'] : []}
          errors={props.errors ?? []}
        />
        <div>
          <Button>{t('organisation.invite.submit')}</Button>
        </div>
      </PostForm>
    </Layout>
  );
}

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

type FormBody = Record<string, unknown> | undefined;

export function registerOrganisationRoutes(app: FastifyInstance, deps: AppDeps): void {
  const renderUsers = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extra: Partial<Parameters<typeof UsersView>[0]> = {},
  ) => {
    const users = await listUsersOfOrganisation(deps.db, actingOrganisationOf(request.principal)!);
    return sendPage(
      reply,
      status,
      <UsersView ctx={pageContext(request, reply, deps)} users={users} {...extra} />,
    );
  };

  app.get<{ Querystring: { melding?: string } }>(
    '/organisatie/gebruikers',
    { config: ADMIN },
    async (request, reply) => renderUsers(request, reply, 200, { notice: noticeOf(request) }),
  );

  app.post('/organisatie/gebruikers/uitnodigen', { config: ADMIN }, async (request, reply) => {
    const body = request.body as FormBody;
    const form = {
      naam: String(body?.naam ?? ''),
      email: String(body?.email ?? ''),
      rollen: asList(body?.rollen),
      persoonlijk: asList(body?.persoonlijk).includes('ja'),
    };
    try {
      await deps.db.transaction().execute((trx) =>
        inviteUser(trx, adminContext(request, deps), {
          name: form.naam,
          email: form.email,
          roles: form.rollen,
          confirmedPersonal: form.persoonlijk,
        }),
      );
    } catch (error) {
      return renderUsers(request, reply, 400, {
        errors: formErrorsOf(error, request.locale, 'uitnodigen-formulier'),
        form,
      });
    }
    deps.wakeOutbox?.();
    return reply.redirect('/organisatie/gebruikers?melding=uitgenodigd', 303);
  });

  const roleAction = (
    path: string,
    action: typeof grantOrganisationRole,
    notice: string,
    /** The field or form in the user's row that a refusal is about. */
    target: (userId: string, role: string) => string,
  ) =>
    app.post(path, { config: ADMIN }, async (request, reply) => {
      const body = request.body as FormBody;
      const userId = String(body?.gebruiker ?? '');
      const role = String(body?.rol ?? '');
      try {
        await deps.db
          .transaction()
          .execute((trx) => action(trx, adminContext(request, deps), { userId, role }));
      } catch (error) {
        return renderUsers(request, reply, 400, {
          errors: formErrorAt(error, request.locale, target(userId, role)),
        });
      }
      return reply.redirect(`/organisatie/gebruikers?melding=${notice}`, 303);
    });
  roleAction(
    '/organisatie/gebruikers/rol-toekennen',
    grantOrganisationRole,
    'rol_toegekend',
    (userId) => `rol-${userId}`,
  );
  roleAction(
    '/organisatie/gebruikers/rol-intrekken',
    revokeOrganisationRole,
    'rol_ingetrokken',
    (userId, role) => `intrekken-${userId}-${role}`,
  );

  app.post('/organisatie/gebruikers/uitschakelen', { config: ADMIN }, async (request, reply) => {
    const body = request.body as FormBody;
    try {
      await deps.db
        .transaction()
        .execute((trx) =>
          disableUser(trx, adminContext(request, deps), { userId: String(body?.gebruiker ?? '') }),
        );
    } catch (error) {
      return renderUsers(request, reply, 400, {
        errors: formErrorAt(error, request.locale, `uitschakelen-${String(body?.gebruiker ?? '')}`),
      });
    }
    return reply.redirect('/organisatie/gebruikers?melding=uitgeschakeld', 303);
  });

  const renderTokens = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extra: Partial<Parameters<typeof TokensView>[0]> = {},
  ) => {
    const tokens = await listApiTokens(deps.db, actingOrganisationOf(request.principal)!);
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      status,
      <TokensView ctx={pageContext(request, reply, deps)} tokens={tokens} now={deps.now()} {...extra} />,
    );
  };

  app.get<{ Querystring: { melding?: string } }>(
    '/organisatie/api-tokens',
    { config: ADMIN },
    async (request, reply) => renderTokens(request, reply, 200, { notice: noticeOf(request) }),
  );

  app.post('/organisatie/api-tokens', { config: ADMIN }, async (request, reply) => {
    const body = request.body as FormBody;
    const form = {
      naam: String(body?.naam ?? ''),
      dagen: String(body?.dagen ?? ''),
      rollen: asList(body?.rollen),
    };
    try {
      const created = await createApiToken(deps.db, {
        organisationId: actingOrganisationOf(request.principal)!,
        name: form.naam,
        roles: form.rollen,
        days: Number(form.dagen),
        createdBy: request.session?.principal.userId ?? null,
        now: deps.now(),
      });
      // Shown once, in the answer to the POST itself: never in a URL, never again.
      return renderTokens(request, reply, 201, { created: { token: created.token, name: created.row.name } });
    } catch (error) {
      return renderTokens(request, reply, 400, {
        errors: formErrorsOf(error, request.locale, 'token-formulier'),
        form,
      });
    }
  });

  app.post('/organisatie/api-tokens/intrekken', { config: ADMIN }, async (request, reply) => {
    const body = request.body as FormBody;
    try {
      await revokeApiToken(deps.db, {
        organisationId: actingOrganisationOf(request.principal)!,
        tokenId: String(body?.token ?? ''),
        now: deps.now(),
        revokedBy: request.session?.principal.userId ?? null,
      });
    } catch (error) {
      return renderTokens(request, reply, 404, {
        errors: formErrorAt(error, request.locale, `token-${String(body?.token ?? '')}`),
      });
    }
    return reply.redirect('/organisatie/api-tokens?melding=token_ingetrokken', 303);
  });
}
