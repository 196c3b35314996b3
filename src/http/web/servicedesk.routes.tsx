// The servicedesk view for the operator: find a user (name, e-mail) or an organisation, and see what
// ggk recorded about them — login attempts and why they failed, downloads and their errors, the
// deliveries of the current round and where each report is, and the mails sent (without link secrets).
import type { ComponentChildren } from 'preact';
import type { FastifyInstance } from 'fastify';
import type { LoginAttemptRow } from '../../modules/auth/index.ts';
import {
  FILE_TYPE_LABELS,
  contentReportPlacements,
  isFileType,
  searchServicedesk,
  viewOrganisation,
  viewUser,
  type ServicedeskDelivery,
  type ServicedeskMail,
} from '../../modules/monitoring/index.ts';
import { findCurrentRound } from '../../modules/periods/index.ts';
import { ROLE_LABELS } from '../../modules/users/index.ts';
import { formatDutchDateTime } from '../../platform/time/amsterdam-time.ts';
import type { AppDeps } from '../app.ts';
import { translator } from '../../modules/i18n/index.ts';
import { reasonText } from './account.routes.tsx';
import { Button, Notice, TextField } from './components.tsx';
import { Layout } from './layout.tsx';
import { pageContext } from './page-context.ts';
import { sendPage } from './render.ts';

const nl = translator('nl');

const OPERATOR = { access: { kind: 'staff', roles: ['operator'] } } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const DELIVERY_STATE = {
  received: 'ontvangen, wacht op controle',
  checking: 'wordt gecontroleerd',
  approved: 'technisch goedgekeurd',
  rejected: 'technisch afgekeurd',
  withdrawn: 'ingetrokken',
} as const;

const DOWNLOAD_KIND: Record<string, string> = {
  technical_report_json: 'technisch rapport (JSON)',
  technical_report_csv: 'bevindingen (CSV)',
  technical_report_html: 'technisch rapport bekeken',
};

function Table(props: {
  caption: string;
  headers: string[];
  testId: string;
  children: ComponentChildren;
  empty: boolean;
}) {
  if (props.empty) return <p class="utrecht-paragraph">{props.caption}: geen.</p>;
  return (
    <div class="ggk-table-wrapper">
      <table class="utrecht-table" data-testid={props.testId}>
        <caption class="utrecht-table__caption">{props.caption}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {props.headers.map((h) => (
              <th class="utrecht-table__header-cell" scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">{props.children}</tbody>
      </table>
    </div>
  );
}

function LoginAttempts({ attempts }: { attempts: LoginAttemptRow[] }) {
  return (
    <Table
      caption="Laatste inlogpogingen"
      testId="sd-logins"
      headers={['Tijdstip', 'Gebruiker', 'Organisatie', 'Resultaat']}
      empty={attempts.length === 0}
    >
      {attempts.map((a) => (
        <tr class="utrecht-table__row" key={a.id}>
          <td class="utrecht-table__cell">{formatDutchDateTime(a.attempted_at)}</td>
          <td class="utrecht-table__cell">{a.user_name ?? `onbekend (${a.acting_subject ?? '-'})`}</td>
          <td class="utrecht-table__cell">{a.organisation_name ?? a.legal_subject_id ?? '-'}</td>
          <td class="utrecht-table__cell">
            {a.outcome === 'success' ? 'Gelukt' : `Mislukt: ${reasonText(nl, a.reason)}`}
          </td>
        </tr>
      ))}
    </Table>
  );
}

function Downloads({
  downloads,
}: {
  downloads: Array<{
    id: string;
    downloaded_at: Date;
    kind: string;
    outcome: 'success' | 'error';
    error: string | null;
    user_name: string | null;
    api_token_id: string | null;
    delivery_id: string;
    receipt_number: string;
  }>;
}) {
  return (
    <Table
      caption="Laatste downloads"
      testId="sd-downloads"
      headers={['Tijdstip', 'Aanlevering', 'Wat', 'Door', 'Resultaat']}
      empty={downloads.length === 0}
    >
      {downloads.map((d) => (
        <tr class="utrecht-table__row" key={d.id}>
          <td class="utrecht-table__cell">{formatDutchDateTime(d.downloaded_at)}</td>
          <td class="utrecht-table__cell">
            <a class="utrecht-link utrecht-link--html-a" href={`/aanleveringen/${d.delivery_id}`}>
              {d.receipt_number}
            </a>
          </td>
          <td class="utrecht-table__cell">{DOWNLOAD_KIND[d.kind] ?? d.kind}</td>
          <td class="utrecht-table__cell">{d.user_name ?? (d.api_token_id ? 'API-token' : '-')}</td>
          <td class="utrecht-table__cell">
            {d.outcome === 'success' ? 'Gelukt' : `Mislukt: ${d.error ?? 'onbekende fout'}`}
          </td>
        </tr>
      ))}
    </Table>
  );
}

function Deliveries({ deliveries, tracked }: { deliveries: ServicedeskDelivery[]; tracked: boolean }) {
  return (
    <Table
      caption="Aanleveringen in de huidige ronde"
      testId="sd-deliveries"
      headers={[
        'Ontvangstbewijs',
        'Gemeente, halfjaar',
        'Stand',
        'Technische controle',
        'E-mail verstuurd',
        'Op-orde rapport',
      ]}
      empty={deliveries.length === 0}
    >
      {deliveries.map((d) => (
        <tr class="utrecht-table__row" key={d.id}>
          <td class="utrecht-table__cell">
            <a class="utrecht-link utrecht-link--html-a" href={`/aanleveringen/${d.id}`}>
              {d.receipt_number}
            </a>
            <br />
            ontvangen {formatDutchDateTime(d.received_at)}
            {d.uploader_name ? ` door ${d.uploader_name}` : d.channel === 'api' ? ' via de API' : ''}
          </td>
          <td class="utrecht-table__cell">
            {d.gemeente_name} ({d.gemeentecode}), {d.half_year}
            {d.judged.length > 0 &&
              `: ${d.judged.map((j) => `${isFileType(j.type) ? FILE_TYPE_LABELS[j.type] : j.type} ${j.status === 'approved' ? 'goedgekeurd' : 'afgekeurd'}`).join(', ')}`}
          </td>
          <td class="utrecht-table__cell">{DELIVERY_STATE[d.state]}</td>
          <td class="utrecht-table__cell">
            {d.checked_at
              ? formatDutchDateTime(d.checked_at)
              : `nog niet (uiterlijk ${formatDutchDateTime(d.technical_notice_due_at)})`}
          </td>
          <td class="utrecht-table__cell">
            {d.notified_at ? formatDutchDateTime(d.notified_at) : 'nog niet'}
          </td>
          <td class="utrecht-table__cell">
            {d.report === undefined || !tracked
              ? d.content_report_due_at
                ? `uiterlijk ${formatDutchDateTime(d.content_report_due_at)} (plaatsing wordt niet bijgehouden)`
                : '-'
              : d.report === null
                ? d.content_report_due_at
                  ? `nog niet geplaatst (uiterlijk ${formatDutchDateTime(d.content_report_due_at)})`
                  : '-'
                : `geplaatst ${formatDutchDateTime(d.report.placedAt)}, ${d.report.fetchedAt ? `opgehaald ${formatDutchDateTime(d.report.fetchedAt)}` : 'nog niet opgehaald'}`}
          </td>
        </tr>
      ))}
    </Table>
  );
}

function Mails({ mails }: { mails: ServicedeskMail[] }) {
  if (mails.length === 0) return <p class="utrecht-paragraph">Verstuurde e-mail: geen.</p>;
  return (
    <ul class="ggk-mailbox" data-testid="sd-mails" aria-label="Verstuurde e-mail">
      {mails.map((m) => (
        <li class="ggk-mailbox__message" key={m.id}>
          <p class="utrecht-paragraph">
            <strong>{m.subject}</strong> aan {m.recipient}; aangemaakt {formatDutchDateTime(m.createdAt)},{' '}
            {m.sentAt
              ? `verstuurd ${formatDutchDateTime(m.sentAt)}`
              : m.failedAt
                ? `opgegeven ${formatDutchDateTime(m.failedAt)}: ${m.lastError ?? ''}`
                : `nog niet verstuurd${m.lastError ? ` (laatste fout: ${m.lastError})` : ''}`}
          </p>
          <details>
            <summary>Tekst (links zonder geheime delen)</summary>
            <pre>{m.body}</pre>
          </details>
        </li>
      ))}
    </ul>
  );
}

export function registerServicedeskRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: { zoek?: string } }>(
    '/beheer/servicedesk',
    { config: OPERATOR },
    async (request, reply) => {
      const ctx = pageContext(request, reply, deps);
      const raw = request.query.zoek ?? '';
      const result = raw.trim() === '' ? undefined : await searchServicedesk(deps.db, raw);
      return sendPage(
        reply,
        200,
        <Layout title="Servicedesk" ctx={ctx}>
          <h1 class="utrecht-heading-1">Servicedesk</h1>
          <p class="utrecht-paragraph">
            Zoek een gebruiker op naam of e-mailadres, of een organisatie op naam of gemeentecode.
          </p>
          <form method="get" action="/beheer/servicedesk" class="ggk-form" novalidate aria-label="Zoeken">
            <TextField id="zoek" label="Naam, e-mailadres of gemeentecode" value={result?.term ?? raw} />
            <div>
              <Button variant="secondary">Zoeken</Button>
            </div>
          </form>
          {result && result.term.length < 2 && <Notice kind="warning">Geef ten minste twee tekens.</Notice>}
          {result && result.term.length >= 2 && (
            <section aria-labelledby="resultaten" data-testid="sd-results">
              <h2 class="utrecht-heading-2" id="resultaten">
                Gevonden
              </h2>
              {result.users.length === 0 && result.organisations.length === 0 && (
                <Notice>Niets gevonden voor “{result.term}”.</Notice>
              )}
              {result.users.length > 0 && (
                <>
                  <h3 class="utrecht-heading-3">Gebruikers</h3>
                  <ul class="utrecht-unordered-list">
                    {result.users.map((u) => (
                      <li class="utrecht-unordered-list__item" key={u.id}>
                        <a
                          class="utrecht-link utrecht-link--html-a"
                          href={`/beheer/servicedesk/gebruiker/${u.id}`}
                        >
                          {u.name}
                        </a>{' '}
                        ({u.email}){u.is_disabled ? ', uitgeschakeld' : ''}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {result.organisations.length > 0 && (
                <>
                  <h3 class="utrecht-heading-3">Organisaties</h3>
                  <ul class="utrecht-unordered-list">
                    {result.organisations.map((o) => (
                      <li class="utrecht-unordered-list__item" key={o.id}>
                        <a
                          class="utrecht-link utrecht-link--html-a"
                          href={`/beheer/servicedesk/organisatie/${o.id}`}
                        >
                          {o.name}
                        </a>
                        {o.gemeentecode ? ` (${o.gemeentecode})` : ', samenwerkingsverband'}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </section>
          )}
        </Layout>,
      );
    },
  );

  app.get<{ Params: { id: string } }>(
    '/beheer/servicedesk/gebruiker/:id',
    { config: OPERATOR },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) return reply.callNotFound();
      const round = await findCurrentRound(deps.db, deps.now());
      const view = await viewUser(deps.db, request.params.id, round, contentReportPlacements);
      if (!view) return reply.callNotFound();
      reply.header('cache-control', 'no-store');
      return sendPage(
        reply,
        200,
        <Layout title={`Servicedesk: ${view.user.name}`} ctx={pageContext(request, reply, deps)}>
          <h1 class="utrecht-heading-1">{view.user.name}</h1>
          <dl class="ggk-round-facts" data-testid="sd-user">
            <dt>E-mailadres</dt>
            <dd>
              {view.user.email}
              {view.user.email_confirmed_at ? ' (bevestigd)' : ' (nog niet bevestigd)'}
            </dd>
            <dt>eHerkenning</dt>
            <dd>
              {view.user.eherkenning_subject
                ? 'gekoppeld'
                : 'nog niet gekoppeld (uitnodiging niet aangenomen)'}
            </dd>
            <dt>Account</dt>
            <dd>{view.user.is_disabled ? 'uitgeschakeld' : 'actief'}</dd>
            <dt>Rollen</dt>
            <dd>
              {view.roles.length === 0
                ? 'geen'
                : view.roles
                    .map(
                      (r) =>
                        `${ROLE_LABELS[r.role]}${r.organisation_name ? ` bij ${r.organisation_name}` : ''}`,
                    )
                    .join(', ')}
            </dd>
          </dl>
          <h2 class="utrecht-heading-2">Inloggen</h2>
          <LoginAttempts attempts={view.loginAttempts} />
          <h2 class="utrecht-heading-2">Downloads</h2>
          <Downloads downloads={view.downloads} />
          <h2 class="utrecht-heading-2">Aanleveringen {round ? `(${round.name})` : ''}</h2>
          <Deliveries deliveries={view.deliveries} tracked={true} />
          <h2 class="utrecht-heading-2">Verstuurde e-mail</h2>
          <Mails mails={view.mails} />
        </Layout>,
      );
    },
  );

  app.get<{ Params: { id: string } }>(
    '/beheer/servicedesk/organisatie/:id',
    { config: OPERATOR },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) return reply.callNotFound();
      const round = await findCurrentRound(deps.db, deps.now());
      const view = await viewOrganisation(deps.db, request.params.id, round, contentReportPlacements);
      if (!view) return reply.callNotFound();
      reply.header('cache-control', 'no-store');
      const o = view.organisation;
      return sendPage(
        reply,
        200,
        <Layout title={`Servicedesk: ${o.name}`} ctx={pageContext(request, reply, deps)}>
          <h1 class="utrecht-heading-1">
            {o.name}
            {o.gemeentecode ? ` (${o.gemeentecode})` : ''}
          </h1>
          <h2 class="utrecht-heading-2">Gebruikers</h2>
          {view.users.length === 0 ? (
            <p class="utrecht-paragraph">Deze organisatie heeft nog geen gebruikers.</p>
          ) : (
            <ul class="utrecht-unordered-list" data-testid="sd-users">
              {view.users.map((u) => (
                <li class="utrecht-unordered-list__item" key={`${u.id}-${u.role}`}>
                  <a class="utrecht-link utrecht-link--html-a" href={`/beheer/servicedesk/gebruiker/${u.id}`}>
                    {u.name}
                  </a>{' '}
                  ({ROLE_LABELS[u.role]}){u.is_disabled ? ', uitgeschakeld' : ''}
                </li>
              ))}
            </ul>
          )}
          {view.invitations.length > 0 && (
            <>
              <h2 class="utrecht-heading-2">Uitnodigingen</h2>
              <ul class="utrecht-unordered-list" data-testid="sd-invitations">
                {view.invitations.map((i) => (
                  <li class="utrecht-unordered-list__item" key={`${i.id}-${i.created_at.toISOString()}`}>
                    <a
                      class="utrecht-link utrecht-link--html-a"
                      href={`/beheer/servicedesk/gebruiker/${i.id}`}
                    >
                      {i.name}
                    </a>{' '}
                    uitgenodigd {formatDutchDateTime(i.created_at)}:{' '}
                    {i.accepted_at
                      ? `aangenomen ${formatDutchDateTime(i.accepted_at)}`
                      : i.revoked_at
                        ? `ingetrokken ${formatDutchDateTime(i.revoked_at)}`
                        : `nog niet aangenomen (verloopt ${formatDutchDateTime(i.expires_at)})`}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h2 class="utrecht-heading-2">Inloggen</h2>
          <LoginAttempts attempts={view.loginAttempts} />
          <h2 class="utrecht-heading-2">Downloads</h2>
          <Downloads downloads={view.downloads} />
          <h2 class="utrecht-heading-2">Aanleveringen {round ? `(${round.name})` : ''}</h2>
          <Deliveries deliveries={view.deliveries} tracked={true} />
          <h2 class="utrecht-heading-2">Herinneringen</h2>
          {view.reminders.length === 0 ? (
            <p class="utrecht-paragraph">Geen herinneringen verstuurd.</p>
          ) : (
            <ul class="utrecht-unordered-list" data-testid="sd-reminders">
              {view.reminders.map((r) => (
                <li class="utrecht-unordered-list__item" key={r.id}>
                  {formatDutchDateTime(r.sent_at)}: {r.subject} (aan {r.recipients}{' '}
                  {r.recipients === 1 ? 'ontvanger' : 'ontvangers'})
                </li>
              ))}
            </ul>
          )}
          <h2 class="utrecht-heading-2">Verstuurde e-mail aan de gebruikers</h2>
          <Mails mails={view.mails} />
        </Layout>,
      );
    },
  );
}
