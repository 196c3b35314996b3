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
  type ApiTokenRow,
} from '../../modules/auth/index.ts';
import {
  ORGANISATION_ROLES,
  ROLE_LABELS,
  disableUser,
  grantOrganisationRole,
  inviteUser,
  listUsersOfOrganisation,
  revokeOrganisationRole,
  type AdminContext,
  type OrganisationUserRow,
} from '../../modules/users/index.ts';
import { formatDutchDate } from '../../platform/time/amsterdam-time.ts';
import type { AppDeps } from '../app.ts';
import {
  Button,
  CheckboxGroup,
  ErrorSummary,
  Notice,
  PostForm,
  TextField,
  type FieldError,
} from './components.tsx';
import { asList, formErrorsOf } from './form-errors.ts';
import { Layout } from './layout.tsx';
import { pageContext, type PageContext } from './page-context.ts';
import { sendPage } from './render.ts';

const ADMIN = { access: { kind: 'organisation', roles: ['gebruikersbeheerder'] } } as const;

const NOTICES: Record<string, string> = {
  uitgenodigd: 'De uitnodiging is verstuurd.',
  rol_toegekend: 'De rol is toegekend.',
  rol_ingetrokken: 'De rol is ingetrokken.',
  uitgeschakeld: 'De gebruiker is uitgeschakeld voor uw organisatie.',
  token_ingetrokken: 'Het token is ingetrokken.',
};

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
  notice?: string | undefined;
  errors?: FieldError[];
  form?: { naam?: string; email?: string; rollen?: string[] };
}) {
  const roleOptions = ORGANISATION_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
  return (
    <Layout title="Gebruikers" ctx={props.ctx}>
      <h1 class="utrecht-heading-1">Gebruikers van uw organisatie</h1>
      {props.notice && <Notice kind="ok">{props.notice}</Notice>}
      <ErrorSummary errors={props.errors ?? []} />
      <div class="ggk-table-wrapper">
        <table class="utrecht-table" data-testid="users-table">
          <caption class="utrecht-table__caption">Gebruikers, hun rollen en wat u kunt wijzigen</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">
                Naam
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                E-mailadres
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Status
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Rollen
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Acties
              </th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {props.users.map((u) => (
              <tr class="utrecht-table__row" key={u.id}>
                <th class="utrecht-table__header-cell" scope="row">
                  {u.name}
                </th>
                <td class="utrecht-table__cell">{u.email}</td>
                <td class="utrecht-table__cell">
                  {u.is_disabled ? 'Uitgeschakeld' : u.is_bound ? 'Actief' : 'Uitgenodigd'}
                </td>
                <td class="utrecht-table__cell">
                  <ul class="utrecht-unordered-list">
                    {u.roles.map((r) => (
                      <li class="utrecht-unordered-list__item" key={r}>
                        <PostForm
                          action="/organisatie/gebruikers/rol-intrekken"
                          csrf={props.ctx.csrfToken}
                          label={`${ROLE_LABELS[r]} intrekken voor ${u.name}`}
                        >
                          <input type="hidden" name="gebruiker" value={u.id} />
                          <input type="hidden" name="rol" value={r} />
                          {ROLE_LABELS[r]}{' '}
                          <Button variant="subtle">
                            Intrekken
                            <span class="ggk-visually-hidden">
                              {' '}
                              ({ROLE_LABELS[r]}, {u.name})
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
                      label={`Rol toekennen aan ${u.name}`}
                    >
                      <input type="hidden" name="gebruiker" value={u.id} />
                      <label class="utrecht-form-label" for={`rol-${u.id}`}>
                        Rol voor {u.name}
                      </label>
                      <select
                        class="utrecht-select utrecht-select--html-select"
                        id={`rol-${u.id}`}
                        name="rol"
                      >
                        {roleOptions
                          .filter((o) => !u.roles.includes(o.value))
                          .map((o) => (
                            <option value={o.value} key={o.value}>
                              {o.label}
                            </option>
                          ))}
                      </select>
                      <Button variant="secondary">Toekennen</Button>
                    </PostForm>
                    {!u.is_disabled && u.roles.length > 0 && (
                      <PostForm
                        action="/organisatie/gebruikers/uitschakelen"
                        csrf={props.ctx.csrfToken}
                        label={`${u.name} uitschakelen`}
                      >
                        <input type="hidden" name="gebruiker" value={u.id} />
                        <Button variant="subtle">
                          Uitschakelen<span class="ggk-visually-hidden"> ({u.name})</span>
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
        Iemand uitnodigen
      </h2>
      <p class="utrecht-paragraph">
        De uitnodiging gaat naar het persoonlijke e-mailadres. Functionele adressen (zoals info@ of
        servicedesk@) worden geweigerd: ggk moet weten wie wat doet.
      </p>
      <PostForm
        action="/organisatie/gebruikers/uitnodigen"
        csrf={props.ctx.csrfToken}
        label="Iemand uitnodigen"
      >
        <TextField
          id="naam"
          label="Naam"
          value={props.form?.naam ?? ''}
          errors={props.errors ?? []}
          autocomplete="off"
        />
        <TextField
          id="email"
          label="Persoonlijk e-mailadres"
          type="email"
          value={props.form?.email ?? ''}
          errors={props.errors ?? []}
          autocomplete="off"
        />
        <CheckboxGroup
          id="rollen"
          legend="Rollen"
          options={roleOptions}
          checked={props.form?.rollen ?? ['aanleveraar']}
          errors={props.errors ?? []}
        />
        <div>
          <Button>Uitnodiging versturen</Button>
        </div>
      </PostForm>
    </Layout>
  );
}

function TokensView(props: {
  ctx: PageContext;
  tokens: ApiTokenRow[];
  created?: { token: string; name: string };
  notice?: string | undefined;
  errors?: FieldError[];
  form?: { naam?: string; dagen?: string; rollen?: string[] };
  now: Date;
}) {
  return (
    <Layout title="API-tokens" ctx={props.ctx}>
      <h1 class="utrecht-heading-1">API-tokens van uw organisatie</h1>
      <p class="utrecht-paragraph">
        Met een API-token levert uw softwarepakket zelf aan via de API van ggk. Een token hoort bij uw
        organisatie, heeft een deel van haar rollen en verloopt.
      </p>
      {props.notice && <Notice kind="ok">{props.notice}</Notice>}
      {props.created && (
        <div class="utrecht-alert utrecht-alert--ok" role="status" data-testid="new-token">
          <p class="utrecht-paragraph">
            Het token “{props.created.name}” is gemaakt. Kopieer het nu: ggk bewaart alleen een vingerafdruk
            en kan het later niet meer tonen.
          </p>
          <p class="ggk-secret">{props.created.token}</p>
        </div>
      )}
      <ErrorSummary errors={props.errors ?? []} />
      <div class="ggk-table-wrapper">
        <table class="utrecht-table">
          <caption class="utrecht-table__caption">Tokens van uw organisatie</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">
                Naam
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Begint met
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Rollen
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Geldig tot
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Status
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Actie
              </th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {props.tokens.map((t) => {
              const status = t.revoked_at ? 'Ingetrokken' : t.expires_at <= props.now ? 'Verlopen' : 'Actief';
              return (
                <tr class="utrecht-table__row" key={t.id}>
                  <th class="utrecht-table__header-cell" scope="row">
                    {t.name}
                  </th>
                  <td class="utrecht-table__cell">
                    <code class="utrecht-code">{t.token_prefix}…</code>
                  </td>
                  <td class="utrecht-table__cell">{t.roles.join(', ')}</td>
                  <td class="utrecht-table__cell">{formatDutchDate(t.expires_at)}</td>
                  <td class="utrecht-table__cell">{status}</td>
                  <td class="utrecht-table__cell">
                    {status === 'Actief' && (
                      <PostForm
                        action="/organisatie/api-tokens/intrekken"
                        csrf={props.ctx.csrfToken}
                        label={`Token ${t.name} intrekken`}
                      >
                        <input type="hidden" name="token" value={t.id} />
                        <Button variant="subtle">
                          Intrekken<span class="ggk-visually-hidden"> ({t.name})</span>
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
      <h2 class="utrecht-heading-2">Nieuw token</h2>
      <PostForm action="/organisatie/api-tokens" csrf={props.ctx.csrfToken} label="Nieuw token">
        <TextField
          id="naam"
          label="Naam (bijvoorbeeld het softwarepakket)"
          value={props.form?.naam ?? ''}
          errors={props.errors ?? []}
        />
        <CheckboxGroup
          id="rollen"
          legend="Rollen van het token"
          options={TOKEN_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          checked={props.form?.rollen ?? ['aanleveraar']}
          errors={props.errors ?? []}
        />
        <TextField
          id="dagen"
          label={`Geldig (dagen, ten hoogste ${MAX_TOKEN_DAYS})`}
          type="number"
          value={props.form?.dagen ?? '90'}
          errors={props.errors ?? []}
        />
        <div>
          <Button>Token maken</Button>
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
    async (request, reply) =>
      renderUsers(request, reply, 200, { notice: NOTICES[request.query.melding ?? ''] }),
  );

  app.post('/organisatie/gebruikers/uitnodigen', { config: ADMIN }, async (request, reply) => {
    const body = request.body as FormBody;
    const form = {
      naam: String(body?.naam ?? ''),
      email: String(body?.email ?? ''),
      rollen: asList(body?.rollen),
    };
    try {
      await deps.db.transaction().execute((trx) =>
        inviteUser(trx, adminContext(request, deps), {
          name: form.naam,
          email: form.email,
          roles: form.rollen,
        }),
      );
    } catch (error) {
      return renderUsers(request, reply, 400, { errors: formErrorsOf(error), form });
    }
    deps.wakeOutbox?.();
    return reply.redirect('/organisatie/gebruikers?melding=uitgenodigd', 303);
  });

  const roleAction = (path: string, action: typeof grantOrganisationRole, notice: string) =>
    app.post(path, { config: ADMIN }, async (request, reply) => {
      const body = request.body as FormBody;
      try {
        await deps.db.transaction().execute((trx) =>
          action(trx, adminContext(request, deps), {
            userId: String(body?.gebruiker ?? ''),
            role: String(body?.rol ?? ''),
          }),
        );
      } catch (error) {
        return renderUsers(request, reply, 400, { errors: formErrorsOf(error) });
      }
      return reply.redirect(`/organisatie/gebruikers?melding=${notice}`, 303);
    });
  roleAction('/organisatie/gebruikers/rol-toekennen', grantOrganisationRole, 'rol_toegekend');
  roleAction('/organisatie/gebruikers/rol-intrekken', revokeOrganisationRole, 'rol_ingetrokken');

  app.post('/organisatie/gebruikers/uitschakelen', { config: ADMIN }, async (request, reply) => {
    const body = request.body as FormBody;
    try {
      await deps.db
        .transaction()
        .execute((trx) =>
          disableUser(trx, adminContext(request, deps), { userId: String(body?.gebruiker ?? '') }),
        );
    } catch (error) {
      return renderUsers(request, reply, 400, { errors: formErrorsOf(error) });
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
    async (request, reply) =>
      renderTokens(request, reply, 200, { notice: NOTICES[request.query.melding ?? ''] }),
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
      return renderTokens(request, reply, 400, { errors: formErrorsOf(error), form });
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
      return renderTokens(request, reply, 404, { errors: formErrorsOf(error) });
    }
    return reply.redirect('/organisatie/api-tokens?melding=token_ingetrokken', 303);
  });
}
