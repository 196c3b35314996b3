// Recent login attempts for the operator (GET /beheer/inlogpogingen?gebruiker=&gemeentecode=): the
// servicedesk's "why can't I log in", for any user or organisation.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listLoginAttempts } from '../../../modules/auth/index.ts';
import { findGemeenteByCode } from '../../../modules/organisations/index.ts';
import { findUserByEmail } from '../../../modules/users/index.ts';
import { formatDateTime } from '../../../modules/i18n/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { reasonText } from '../account.routes.tsx';
import { Button, ErrorSummary, TextField, type FieldError } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { pageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import { OPERATOR } from './shared.ts';

/** Whose attempts; the page itself says when the user or gemeente is not found, as a field error. */
export const showLoginAttemptsRoute = {
  method: 'GET',
  url: '/beheer/inlogpogingen',
  schema: {
    querystring: z.object({
      gebruiker: z.string().max(1000).optional(),
      gemeentecode: z.string().max(1000).optional(),
    }),
  },
} as const;

export function registerShowLoginAttempts(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...showLoginAttemptsRoute,
    config: OPERATOR,
    handler: async (request, reply) => {
      const email = (request.query.gebruiker ?? '').trim();
      const code = (request.query.gemeentecode ?? '').trim();
      const user = email ? await findUserByEmail(deps.db, email) : undefined;
      const organisation = /^\d{4}$/.test(code) ? await findGemeenteByCode(deps.db, code) : undefined;
      const notFound = (email && !user) || (code && !organisation);
      const attempts = notFound
        ? []
        : await listLoginAttempts(deps.db, {
            ...(user ? { userId: user.id } : {}),
            ...(organisation ? { organisationId: organisation.id } : {}),
            limit: 100,
          });
      const ctx = pageContext(request, reply, deps);
      // What was not found is refused like a form field: in the summary, linked to that field.
      const errors: FieldError[] = notFound
        ? [{ field: email && !user ? 'gebruiker' : 'gemeentecode', message: ctx.t('admin.logins.notFound') }]
        : [];
      return sendPage(
        reply,
        notFound ? 400 : 200,
        <Layout title={ctx.t('admin.logins.title')} ctx={ctx}>
          <h1 class="utrecht-heading-1">{ctx.t('admin.logins.title')}</h1>
          <ErrorSummary errors={errors} t={ctx.t} />
          <form
            method="get"
            action="/beheer/inlogpogingen"
            class="ggk-form"
            novalidate
            aria-label={ctx.t('admin.logins.searchLabel')}
          >
            <TextField
              id="gebruiker"
              label={ctx.t('admin.logins.email')}
              value={email}
              type="email"
              errors={errors}
            />
            <TextField
              id="gemeentecode"
              label={ctx.t('admin.logins.gemeentecode')}
              value={code}
              errors={errors}
            />
            <div>
              <Button variant="secondary">{ctx.t('admin.logins.search')}</Button>
            </div>
          </form>
          {notFound ? null : (
            <div
              class="ggk-table-wrapper"
              tabIndex={0}
              role="region"
              aria-label={ctx.t('admin.logins.caption')}
            >
              <table class="utrecht-table" data-testid="login-attempts">
                <caption class="utrecht-table__caption">{ctx.t('admin.logins.caption')}</caption>
                <thead class="utrecht-table__header">
                  <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">
                      {ctx.t('admin.logins.col.time')}
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      {ctx.t('admin.logins.col.user')}
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      {ctx.t('admin.logins.col.organisation')}
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      {ctx.t('admin.logins.col.level')}
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      {ctx.t('admin.logins.col.outcome')}
                    </th>
                  </tr>
                </thead>
                <tbody class="utrecht-table__body">
                  {attempts.map((a) => (
                    <tr class="utrecht-table__row" key={a.id}>
                      <td class="utrecht-table__cell">{formatDateTime(ctx.locale, a.attempted_at)}</td>
                      <td class="utrecht-table__cell">
                        {a.user_name ??
                          ctx.t('admin.logins.unknownUser', { subject: a.acting_subject ?? '-' })}
                      </td>
                      <td class="utrecht-table__cell">{a.organisation_name ?? a.legal_subject_id ?? '-'}</td>
                      <td class="utrecht-table__cell">
                        {a.level_of_assurance?.replace('urn:etoegang:core:assurance-class:', '') ?? '-'}
                      </td>
                      <td class="utrecht-table__cell">
                        {a.outcome === 'success'
                          ? ctx.t('admin.logins.success')
                          : ctx.t('admin.logins.failure', { reason: reasonText(ctx.t, a.reason) })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Layout>,
      );
    },
  });
}
