// The audit trail on screen: the operator sees and filters all of it and exports it as CSV; a
// gebruikersbeheerder sees the entries about their own organisation.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actingOrganisationOf } from '../../modules/auth/index.ts';
import {
  AUDIT_ACTIONS,
  auditActionLabel,
  auditActorOf,
  isAuditAction,
  listAuditEntries,
  recordAudit,
  type AuditFilter,
  type AuditListRow,
} from '../../modules/audit/index.ts';
import { findCollaborationByName, findGemeenteByCode } from '../../modules/organisations/index.ts';
import { findUserByEmail } from '../../modules/users/index.ts';
import { toCsv } from '../../platform/csv/csv.ts';
import { isUuid } from '../../platform/errors/ids.ts';
import { amsterdamInstant, formatDutchDateTime } from '../../platform/time/amsterdam-time.ts';
import type { AppDeps } from '../app.ts';
import { Button, Notice, SelectField, TextField } from './components.tsx';
import { Layout } from './layout.tsx';
import { pageContext, type PageContext } from './page-context.ts';
import { sendPage } from './render.ts';

const OPERATOR = { access: { kind: 'staff', roles: ['operator'] } } as const;
const ADMIN = { access: { kind: 'organisation', roles: ['gebruikersbeheerder'] } } as const;
const PAGE_SIZE = 100;
const CSV_MAX_ROWS = 100_000;

const ACTOR_TEXT = { user: 'gebruiker', api_token: 'API-token', system: 'ggk' } as const;

type Query = Partial<
  Record<'actie' | 'organisatie' | 'gebruiker' | 'onderwerp' | 'van' | 'tot' | 'voor', string>
>;

function detailsText(details: unknown): string {
  if (!details || typeof details !== 'object') return '';
  return Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
    .join('; ');
}

function actorText(row: AuditListRow): string {
  if (row.actor_kind === 'user') return row.actor_name ?? row.actor_user_id ?? '';
  if (row.actor_kind === 'api_token') return `API-token ${row.actor_token_id ?? ''}`;
  return 'ggk (systeem)';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filter from the query string; `problem` names an organisation or user that was not found. */
async function filterOf(deps: AppDeps, q: Query): Promise<{ filter: AuditFilter; problem?: string }> {
  const filter: AuditFilter = {};
  const action = (q.actie ?? '').trim();
  if (action && isAuditAction(action)) filter.action = action;
  const organisation = (q.organisatie ?? '').trim();
  if (organisation) {
    const found = /^\d{4}$/.test(organisation)
      ? await findGemeenteByCode(deps.db, organisation)
      : await findCollaborationByName(deps.db, organisation);
    if (!found) return { filter, problem: `Geen organisatie gevonden met "${organisation}".` };
    filter.organisationId = found.id;
  }
  const user = (q.gebruiker ?? '').trim();
  if (user) {
    const found = isUuid(user) ? { id: user } : await findUserByEmail(deps.db, user);
    if (!found) return { filter, problem: `Geen gebruiker gevonden met "${user}".` };
    filter.actorUserId = found.id;
  }
  const subject = (q.onderwerp ?? '').trim();
  if (subject) filter.subjectId = subject;
  if (DATE.test(q.van ?? '')) filter.from = amsterdamInstant(q.van!);
  if (DATE.test(q.tot ?? '')) filter.until = new Date(amsterdamInstant(q.tot!).getTime() + 86400_000);
  return { filter };
}

function AuditTable({ rows }: { rows: AuditListRow[] }) {
  return (
    <div class="ggk-table-wrapper" tabIndex={0} role="region" aria-label="Audittrail">
      <table class="utrecht-table" data-testid="audit">
        <caption class="utrecht-table__caption">Audittrail, nieuwste eerst</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              Nr.
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Tijdstip
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Handeling
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Door
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Organisatie
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Details
            </th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rows.map((r) => (
            <tr class="utrecht-table__row" key={r.seq}>
              <td class="utrecht-table__cell">{r.seq}</td>
              <td class="utrecht-table__cell">{formatDutchDateTime(r.recorded_at)}</td>
              <td class="utrecht-table__cell">
                {auditActionLabel(r.action)} <code class="utrecht-code">{r.action}</code>
              </td>
              <td class="utrecht-table__cell">{actorText(r)}</td>
              <td class="utrecht-table__cell">{r.organisation_name ?? ''}</td>
              <td class="utrecht-table__cell">{detailsText(r.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AuditView(props: {
  ctx: PageContext;
  rows: AuditListRow[];
  query: Query;
  action: string;
  operator: boolean;
  problem?: string | undefined;
}) {
  const q = props.query;
  const next = props.rows.length === PAGE_SIZE ? props.rows.at(-1)!.seq : undefined;
  const params = (extra: Record<string, string>) =>
    new URLSearchParams(
      Object.entries({ ...q, ...extra }).filter(
        ([k, v]) => v !== undefined && v !== '' && (k !== 'voor' || 'voor' in extra),
      ) as Array<[string, string]>,
    ).toString();
  return (
    <Layout title="Audittrail" ctx={props.ctx}>
      <h1 class="utrecht-heading-1">Audittrail</h1>
      <p class="utrecht-paragraph">
        {props.operator
          ? 'Elke handeling in ggk, vastgelegd op het moment van de wijziging. De regels zijn onveranderbaar en aan elkaar gekoppeld met een hashketen (controle: ggk audit verify).'
          : 'De handelingen die uw organisatie betreffen: inloggen, gebruikers en rollen, API-tokens, aanleveringen, downloads en intrekkingen.'}
      </p>
      <form method="get" action={props.action} class="ggk-form" novalidate aria-label="Filteren">
        <SelectField
          id="actie"
          label="Handeling"
          placeholder="Alle handelingen"
          options={Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label }))}
          value={q.actie ?? ''}
        />
        {props.operator && (
          <TextField
            id="organisatie"
            label="Organisatie (gemeentecode of naam samenwerkingsverband)"
            value={q.organisatie ?? ''}
          />
        )}
        <TextField id="gebruiker" label="Gebruiker (e-mailadres of id)" value={q.gebruiker ?? ''} />
        <TextField
          id="onderwerp"
          label="Over (id van aanlevering, gebruiker, token, ronde…)"
          value={q.onderwerp ?? ''}
        />
        <TextField id="van" label="Vanaf datum" type="date" value={q.van ?? ''} />
        <TextField id="tot" label="Tot en met datum" type="date" value={q.tot ?? ''} />
        <div class="ggk-actions">
          <Button variant="secondary">Filteren</Button>
        </div>
      </form>
      {props.operator && (
        <p class="utrecht-paragraph">
          <a class="utrecht-link utrecht-link--html-a" href={`/beheer/audit.csv?${params({})}`}>
            Exporteren als CSV (met deze filters)
          </a>
        </p>
      )}
      {props.problem ? (
        <Notice kind="warning">{props.problem}</Notice>
      ) : props.rows.length === 0 ? (
        <p class="utrecht-paragraph">Geen regels gevonden.</p>
      ) : (
        <AuditTable rows={props.rows} />
      )}
      {next !== undefined && (
        <p class="utrecht-paragraph">
          <a
            class="utrecht-link utrecht-link--html-a"
            href={`${props.action}?${params({ voor: String(next) })}`}
          >
            Oudere regels
          </a>
        </p>
      )}
    </Layout>
  );
}

export function registerAuditRoutes(app: FastifyInstance, deps: AppDeps): void {
  const render = async (
    request: FastifyRequest<{ Querystring: Query }>,
    reply: FastifyReply,
    input: { operator: boolean; action: string },
  ) => {
    const q = request.query;
    const { filter, problem } = await filterOf(deps, input.operator ? q : { ...q, organisatie: '' });
    if (!input.operator) filter.organisationId = actingOrganisationOf(request.principal)!;
    const before = /^\d+$/.test(q.voor ?? '') ? Number(q.voor) : undefined;
    const rows = problem
      ? []
      : await listAuditEntries(deps.db, filter, { limit: PAGE_SIZE, beforeSeq: before });
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      200,
      <AuditView
        ctx={pageContext(request, reply, deps)}
        rows={rows}
        query={q}
        problem={problem}
        {...input}
      />,
    );
  };

  app.get<{ Querystring: Query }>('/beheer/audit', { config: OPERATOR }, (request, reply) =>
    render(request, reply, { operator: true, action: '/beheer/audit' }),
  );
  app.get<{ Querystring: Query }>('/organisatie/audit', { config: ADMIN }, (request, reply) =>
    render(request, reply, { operator: false, action: '/organisatie/audit' }),
  );

  app.get<{ Querystring: Query }>('/beheer/audit.csv', { config: OPERATOR }, async (request, reply) => {
    const { filter, problem } = await filterOf(deps, request.query);
    const rows: AuditListRow[] = [];
    if (!problem) {
      for (let before: number | undefined; rows.length < CSV_MAX_ROWS;) {
        const page = await listAuditEntries(deps.db, filter, { limit: 1000, beforeSeq: before });
        rows.push(...page);
        if (page.length < 1000) break;
        before = page.at(-1)!.seq;
      }
    }
    const now = deps.now();
    await recordAudit(deps.db, {
      actor: auditActorOf(request.principal),
      organisationId: null,
      action: 'audit.exported',
      details: {
        rows: rows.length,
        filter_action: filter.action ?? null,
        filter_organisation: filter.organisationId ?? null,
        filter_actor: filter.actorUserId ?? null,
        filter_subject: filter.subjectId ?? null,
      },
      at: now,
    });
    const csv = toCsv(
      [
        'volgnummer',
        'tijdstip',
        'handeling',
        'omschrijving',
        'soort_actor',
        'gebruiker_id',
        'gebruiker',
        'api_token_id',
        'organisatie_id',
        'organisatie',
        'onderwerpen',
        'details',
        'vorige_hash',
        'hash',
      ],
      rows.map((r) => [
        r.seq,
        r.recorded_at,
        r.action,
        auditActionLabel(r.action),
        ACTOR_TEXT[r.actor_kind],
        r.actor_user_id,
        r.actor_name,
        r.actor_token_id,
        r.organisation_id,
        r.organisation_name,
        r.subject_ids.join(' '),
        JSON.stringify(r.details),
        r.previous_hash,
        r.hash,
      ]),
    );
    const stamp = now.toISOString().slice(0, 10);
    return reply
      .header('content-disposition', `attachment; filename="audittrail-${stamp}.csv"`)
      .header('cache-control', 'no-store')
      .type('text/csv; charset=utf-8')
      .send(csv);
  });
}
