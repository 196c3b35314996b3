// "Mijn account": who I am in ggk, my roles per organisation and my recent login attempts (so a
// user can see why a login failed without calling the servicedesk).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isLoginFailureReason, listLoginAttempts } from '../../modules/auth/index.ts';
import { formatDateTime, type Translate } from '../../modules/i18n/index.ts';
import { findUserById, listRolesOfUser } from '../../modules/users/index.ts';
import type { AppDeps } from '../app.ts';
import type { ZodTypeProvider } from '../route-schemas.ts';
import { Table } from './components.tsx';
import { Layout } from './layout.tsx';
import { pageContext } from './page-context.ts';
import { sendPage } from './render.ts';

/** Why a login failed, in the visitor's language ("Gelukt" when it did not fail). */
export function reasonText(t: Translate, reason: string | null): string {
  if (reason === null) return t('account.success');
  return isLoginFailureReason(reason) ? t(`loginFailure.${reason}`) : reason;
}

export const accountSchemas = { querystring: z.object({}) };

export function registerAccountRoutes(app: FastifyInstance, deps: AppDeps): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get(
    '/account',
    { config: { access: { kind: 'authenticated' } }, schema: accountSchemas },
    async (request, reply) => {
      const userId = request.session!.principal.userId;
      const [user, roles, attempts] = await Promise.all([
        findUserById(deps.db, userId),
        listRolesOfUser(deps.db, userId),
        listLoginAttempts(deps.db, { userId, limit: 10 }),
      ]);
      const ctx = pageContext(request, reply, deps);
      const { t, locale } = ctx;
      return sendPage(
        reply,
        200,
        <Layout title={t('account.title')} ctx={ctx}>
          <h1 class="utrecht-heading-1">{t('account.title')}</h1>
          <dl class="ggk-round-facts">
            <dt>{t('account.name')}</dt>
            <dd>{user?.name}</dd>
            <dt>{t('account.email')}</dt>
            <dd>
              {user?.email}{' '}
              {user?.email_confirmed_at ? t('account.emailConfirmed') : t('account.emailUnconfirmed')}
            </dd>
          </dl>
          <h2 class="utrecht-heading-2">{t('account.roles')}</h2>
          {roles.length === 0 ? (
            <p class="utrecht-paragraph">{t('account.noRoles')}</p>
          ) : (
            <ul class="utrecht-unordered-list" data-testid="my-roles">
              {roles.map((r) => (
                <li class="utrecht-unordered-list__item" key={`${r.organisation_id}-${r.role}`}>
                  {r.organisation_name
                    ? t('account.roleAt', { role: t(`role.${r.role}`), organisation: r.organisation_name })
                    : t('account.rolePortal', { role: t(`role.${r.role}`) })}
                </li>
              ))}
            </ul>
          )}
          <h2 class="utrecht-heading-2">{t('account.attempts')}</h2>
          <Table
            caption={t('account.attemptsCaption')}
            rows={attempts}
            rowKey={(a) => a.id}
            columns={[
              { header: t('account.when'), cell: (a) => formatDateTime(locale, a.attempted_at) },
              { header: t('account.result'), cell: (a) => reasonText(t, a.reason) },
            ]}
          />
        </Layout>,
      );
    },
  );
}
