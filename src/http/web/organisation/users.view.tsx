// The users of the acting organisation with the forms on each row (grant or revoke a role, disable)
// and the invitation form: the page GET /organisatie/gebruikers shows and the user actions answer with.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actingOrganisationOf } from '../../../modules/auth/index.ts';
import {
  ORGANISATION_ROLES,
  listUsersOfOrganisation,
  type OrganisationUserRow,
} from '../../../modules/users/index.ts';
import type { AppDeps } from '../../app.ts';
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
} from '../components.tsx';
import { onlyLinksTo } from '../form-errors.ts';
import { Layout } from '../layout.tsx';
import { pageContext, type PageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import type { NoticeKey } from './shared.ts';

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
          checked={props.form?.rollen ?? []}
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

export async function renderUsers(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  extra: Partial<Parameters<typeof UsersView>[0]> = {},
) {
  const users = await listUsersOfOrganisation(deps.db, actingOrganisationOf(request.principal)!);
  return sendPage(
    reply,
    status,
    <UsersView ctx={pageContext(request, reply, deps)} users={users} {...extra} />,
  );
}
