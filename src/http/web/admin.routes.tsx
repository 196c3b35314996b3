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
import { formatDutchDateTime } from '../../platform/time/amsterdam-time.ts';
import type { AppDeps } from '../app.ts';
import { Button, ErrorSummary, Notice, PostForm, TextField, type FieldError } from './components.tsx';
import { formErrorsOf } from './form-errors.ts';
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
    extra: { errors?: FieldError[]; notice?: string | undefined } = {},
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
        <td class="utrecht-table__cell">{formatDutchDateTime(r.created_at)}</td>
        <td class="utrecht-table__cell">
          {r.status === 'pending' ? (
            <div class="ggk-actions">
              <PostForm
                action="/beheer/aanmeldingen/goedkeuren"
                csrf={ctx.csrfToken}
                label={`Aanmelding van ${r.applicant_name} goedkeuren`}
              >
                <input type="hidden" name="aanmelding" value={r.id} />
                <Button>
                  Goedkeuren<span class="ggk-visually-hidden"> ({r.applicant_name})</span>
                </Button>
              </PostForm>
              <PostForm
                action="/beheer/aanmeldingen/afwijzen"
                csrf={ctx.csrfToken}
                label={`Aanmelding van ${r.applicant_name} afwijzen`}
              >
                <input type="hidden" name="aanmelding" value={r.id} />
                <TextField id={`reden-${r.id}`} label="Reden van afwijzing" errors={extra.errors ?? []} />
                <Button variant="secondary">
                  Afwijzen<span class="ggk-visually-hidden"> ({r.applicant_name})</span>
                </Button>
              </PostForm>
            </div>
          ) : (
            `${r.status === 'approved' ? 'Goedgekeurd' : `Afgewezen: ${r.decision_note ?? ''}`}${r.decided_at ? ` op ${formatDutchDateTime(r.decided_at)}` : ''}`
          )}
        </td>
      </tr>
    );
    const table = (rows: RegistrationRow[], caption: string) => (
      <div class="ggk-table-wrapper">
        <table class="utrecht-table">
          <caption class="utrecht-table__caption">{caption}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">
                Organisatie
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Aanvrager
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                E-mailadres
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Ontvangen
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Besluit
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
      <Layout title="Aanmeldingen" ctx={ctx}>
        <h1 class="utrecht-heading-1">Aanmeldingen van gebruikersbeheerders</h1>
        {extra.notice && <Notice kind="ok">{extra.notice}</Notice>}
        <ErrorSummary errors={extra.errors ?? []} />
        {pending.length === 0 ? (
          <p class="utrecht-paragraph">Er zijn geen aanmeldingen om te beoordelen.</p>
        ) : (
          table(pending, 'Te beoordelen')
        )}
        <h2 class="utrecht-heading-2">Recent besloten</h2>
        {table(decided, 'Recent besloten aanmeldingen')}
      </Layout>,
    );
  };

  app.get<{ Querystring: { melding?: string } }>(
    '/beheer/aanmeldingen',
    { config: OPERATOR },
    async (request, reply) =>
      renderRegistrations(request, reply, 200, {
        notice: {
          goedgekeurd: 'De aanmelding is goedgekeurd; de aanvrager is uitgenodigd.',
          afgewezen: 'De aanmelding is afgewezen; de aanvrager krijgt bericht.',
        }[request.query.melding ?? ''],
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
      return renderRegistrations(request, reply, 400, { errors: formErrorsOf(error) });
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
      return renderRegistrations(request, reply, 400, { errors: formErrorsOf(error, `reden-${id}`) });
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
      return sendPage(
        reply,
        200,
        <Layout title="Inlogpogingen" ctx={ctx}>
          <h1 class="utrecht-heading-1">Inlogpogingen</h1>
          <form method="get" action="/beheer/inlogpogingen" class="ggk-form" novalidate aria-label="Zoeken">
            <TextField id="gebruiker" label="E-mailadres van de gebruiker" value={email} type="email" />
            <TextField id="gemeentecode" label="Gemeentecode" value={code} />
            <div>
              <Button variant="secondary">Zoeken</Button>
            </div>
          </form>
          {notFound ? (
            <Notice kind="warning">Geen gebruiker of organisatie gevonden met deze gegevens.</Notice>
          ) : (
            <div class="ggk-table-wrapper">
              <table class="utrecht-table" data-testid="login-attempts">
                <caption class="utrecht-table__caption">De laatste inlogpogingen (ten hoogste 100)</caption>
                <thead class="utrecht-table__header">
                  <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">
                      Tijdstip
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Gebruiker
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Organisatie
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Niveau
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Resultaat
                    </th>
                  </tr>
                </thead>
                <tbody class="utrecht-table__body">
                  {attempts.map((a) => (
                    <tr class="utrecht-table__row" key={a.id}>
                      <td class="utrecht-table__cell">{formatDutchDateTime(a.attempted_at)}</td>
                      <td class="utrecht-table__cell">
                        {a.user_name ?? `onbekend (${a.acting_subject ?? '-'})`}
                      </td>
                      <td class="utrecht-table__cell">{a.organisation_name ?? a.legal_subject_id ?? '-'}</td>
                      <td class="utrecht-table__cell">
                        {a.level_of_assurance?.replace('urn:etoegang:core:assurance-class:', '') ?? '-'}
                      </td>
                      <td class="utrecht-table__cell">
                        {a.outcome === 'success' ? 'Gelukt' : `Mislukt: ${reasonText(ctx.t, a.reason)}`}
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

  // The built-in mailbox: for the operator, and in development for everyone (so the whole flow,
  // invitation mail included, can be followed locally before anyone can log in).
  const mailboxAccess =
    deps.config.environment === 'development'
      ? ({ kind: 'public' } as const)
      : ({ kind: 'staff', roles: ['operator'] } as const);
  app.get('/beheer/mail', { config: { access: mailboxAccess } }, async (request, reply) => {
    if (!deps.mailCatcher) return reply.callNotFound();
    const ctx = pageContext(request, reply, deps);
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      200,
      <Layout title="Verstuurde e-mail" ctx={ctx}>
        <h1 class="utrecht-heading-1">Verstuurde e-mail (ingebouwde mailvanger)</h1>
        <p class="utrecht-paragraph">
          ggk draait zonder mailserver: alle e-mail komt hier terecht in plaats van bij de ontvangers.
        </p>
        <MailboxView messages={deps.mailCatcher.messages()} />
      </Layout>,
    );
  });
}
