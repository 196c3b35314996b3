// The operator's pages: registration requests to approve or reject, recent login attempts of any
// user or organisation (the servicedesk's "why can't I log in"), and the built-in mailbox.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listLoginAttempts } from '../../modules/auth/index.ts';
import { findGemeenteByCode } from '../../modules/organisations/index.ts';
import {
  approveRegistration,
  findUserByEmail,
  listRegistrations,
  rejectRegistration,
  type RegistrationRow,
} from '../../modules/users/index.ts';
import { MailboxView } from '../../platform/mail/mailbox-view.tsx';
import { mailboxTexts } from './mailbox-texts.ts';
import { formatDateTime } from '../../modules/i18n/index.ts';
import type { AppDeps } from '../app.ts';
import { Button, ErrorSummary, Notice, PostForm, TextField, type FieldError } from './components.tsx';
import { formErrorAt, onlyLinksTo } from './form-errors.ts';
import { reasonText } from './account.routes.tsx';
import { Layout } from './layout.tsx';
import { pageContext } from './page-context.ts';
import { sendPage } from './render.ts';

const OPERATOR = { access: { kind: 'staff', roles: ['operator'] } } as const;

export function registerAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const renderRegistrations = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extra: {
      errors?: FieldError[];
      notice?: 'admin.registrations.noticeApproved' | 'admin.registrations.noticeRejected' | undefined;
    } = {},
  ) => {
    const [pending, decided] = await Promise.all([
      listRegistrations(deps.db, 'pending'),
      listRegistrations(deps.db).then((rows) => rows.filter((r) => r.status !== 'pending').slice(0, 20)),
    ]);
    const ctx = pageContext(request, reply, deps);
    const row = (r: RegistrationRow) => (
      <tr class="utrecht-table__row" key={r.id}>
        <th class="utrecht-table__header-cell" scope="row">
          {r.organisation_name}
        </th>
        <td class="utrecht-table__cell">
          {r.applicant_name}
          {r.applicant_function ? `, ${r.applicant_function}` : ''}
        </td>
        <td class="utrecht-table__cell">{r.applicant_email}</td>
        <td class="utrecht-table__cell">{formatDateTime(ctx.locale, r.created_at)}</td>
        <td class="utrecht-table__cell">
          {r.status === 'pending' ? (
            <div class="ggk-actions">
              <PostForm
                id={`goedkeuren-${r.id}`}
                action="/beheer/aanmeldingen/goedkeuren"
                csrf={ctx.csrfToken}
                label={ctx.t('admin.registrations.approveLabel', { name: r.applicant_name })}
              >
                <input type="hidden" name="aanmelding" value={r.id} />
                <Button>
                  {ctx.t('admin.registrations.approve')}
                  <span class="ggk-visually-hidden"> ({r.applicant_name})</span>
                </Button>
              </PostForm>
              <PostForm
                action="/beheer/aanmeldingen/afwijzen"
                csrf={ctx.csrfToken}
                label={ctx.t('admin.registrations.rejectLabel', { name: r.applicant_name })}
              >
                <input type="hidden" name="aanmelding" value={r.id} />
                <TextField
                  id={`reden-${r.id}`}
                  label={ctx.t('admin.registrations.reason')}
                  errors={extra.errors ?? []}
                />
                <Button variant="secondary">
                  {ctx.t('admin.registrations.reject')}
                  <span class="ggk-visually-hidden"> ({r.applicant_name})</span>
                </Button>
              </PostForm>
            </div>
          ) : (
            `${r.status === 'approved' ? ctx.t('admin.registrations.approved') : ctx.t('admin.registrations.rejected', { note: r.decision_note ?? '' })}${r.decided_at ? ctx.t('admin.registrations.decidedAt', { date: formatDateTime(ctx.locale, r.decided_at) }) : ''}`
          )}
        </td>
      </tr>
    );
    const table = (rows: RegistrationRow[], caption: string) => (
      <div class="ggk-table-wrapper" tabIndex={0} role="region" aria-label={caption}>
        <table class="utrecht-table">
          <caption class="utrecht-table__caption">{caption}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">
                {ctx.t('admin.registrations.col.organisation')}
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                {ctx.t('admin.registrations.col.applicant')}
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                {ctx.t('admin.registrations.col.email')}
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                {ctx.t('admin.registrations.col.received')}
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                {ctx.t('admin.registrations.col.decision')}
              </th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">{rows.map(row)}</tbody>
        </table>
      </div>
    );
    return sendPage(
      reply,
      status,
      <Layout title={ctx.t('admin.registrations.title')} ctx={ctx}>
        <h1 class="utrecht-heading-1">{ctx.t('admin.registrations.heading')}</h1>
        {extra.notice && <Notice kind="ok">{ctx.t(extra.notice)}</Notice>}
        <ErrorSummary
          errors={onlyLinksTo(
            extra.errors ?? [],
            pending.flatMap((r) => [`goedkeuren-${r.id}`, `reden-${r.id}`]),
          )}
          t={ctx.t}
        />
        {pending.length === 0 ? (
          <p class="utrecht-paragraph">{ctx.t('admin.registrations.none')}</p>
        ) : (
          table(pending, ctx.t('admin.registrations.pendingCaption'))
        )}
        <h2 class="utrecht-heading-2">{ctx.t('admin.registrations.decidedHeading')}</h2>
        {table(decided, ctx.t('admin.registrations.decidedCaption'))}
      </Layout>,
    );
  };

  app.get<{ Querystring: { melding?: string } }>(
    '/beheer/aanmeldingen',
    { config: OPERATOR },
    async (request, reply) =>
      renderRegistrations(request, reply, 200, {
        notice: (
          {
            goedgekeurd: 'admin.registrations.noticeApproved',
            afgewezen: 'admin.registrations.noticeRejected',
          } as const
        )[request.query.melding ?? ''],
      }),
  );

  app.post('/beheer/aanmeldingen/goedkeuren', { config: OPERATOR }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      await deps.db.transaction().execute((trx) =>
        approveRegistration(trx, {
          id: String(body.aanmelding ?? ''),
          operatorUserId: request.session!.principal.userId,
          now: deps.now(),
          baseUrl: deps.config.baseUrl,
          functionalEmailPrefixes: deps.config.functionalEmailPrefixes,
        }),
      );
    } catch (error) {
      return renderRegistrations(request, reply, 400, {
        errors: formErrorAt(error, request.locale, `goedkeuren-${String(body.aanmelding ?? '')}`),
      });
    }
    deps.wakeOutbox?.();
    return reply.redirect('/beheer/aanmeldingen?melding=goedgekeurd', 303);
  });

  app.post('/beheer/aanmeldingen/afwijzen', { config: OPERATOR }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const id = String(body.aanmelding ?? '');
    try {
      await deps.db.transaction().execute((trx) =>
        rejectRegistration(trx, {
          id,
          operatorUserId: request.session!.principal.userId,
          now: deps.now(),
          note: String(body[`reden-${id}`] ?? ''),
        }),
      );
    } catch (error) {
      return renderRegistrations(request, reply, 400, {
        errors: formErrorAt(error, request.locale, `reden-${id}`),
      });
    }
    deps.wakeOutbox?.();
    return reply.redirect('/beheer/aanmeldingen?melding=afgewezen', 303);
  });

  app.get<{ Querystring: { gebruiker?: string; gemeentecode?: string } }>(
    '/beheer/inlogpogingen',
    { config: OPERATOR },
    async (request, reply) => {
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
  );

  // The built-in mailbox: for the operator only, in every mode. It shows live invitation links and
  // reports' mails: a public mailbox (NODE_ENV unset counts as development) would hand out accounts.
  app.get(
    '/beheer/mail',
    { config: { access: { kind: 'staff', roles: ['operator'] } } },
    async (request, reply) => {
      if (!deps.mailCatcher) return reply.callNotFound();
      const ctx = pageContext(request, reply, deps);
      reply.header('cache-control', 'no-store');
      return sendPage(
        reply,
        200,
        <Layout title={ctx.t('admin.mail.title')} ctx={ctx}>
          <h1 class="utrecht-heading-1">{ctx.t('admin.mail.heading')}</h1>
          <p class="utrecht-paragraph">{ctx.t('admin.mail.intro')}</p>
          <MailboxView messages={deps.mailCatcher.messages()} texts={mailboxTexts(ctx.locale)} />
        </Layout>,
      );
    },
  );
}
