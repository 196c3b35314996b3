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
import { formatDateTime, translator, type Translate } from '../../modules/i18n/index.ts';
import { amsterdamInstant } from '../../platform/time/amsterdam-time.ts';
import type { AppDeps } from '../app.ts';
import { Button, ErrorSummary, SelectField, TextField, type FieldError } from './components.tsx';
import { Layout } from './layout.tsx';
import { pageContext, type PageContext } from './page-context.ts';
import { sendPage } from './render.ts';

const OPERATOR = { access: { kind: 'staff', roles: ['operator'] } } as const;
const ADMIN = { access: { kind: 'organisation', roles: ['gebruikersbeheerder'] } } as const;
const PAGE_SIZE = 100;
const CSV_MAX_ROWS = 100_000;

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

function actorText(t: Translate, row: AuditListRow): string {
  if (row.actor_kind === 'user') return row.actor_name ?? row.actor_user_id ?? '';
  if (row.actor_kind === 'api_token') return t('audit.actor.token', { id: row.actor_token_id ?? '' });
  return t('audit.actor.system');
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filter from the query string; `problem` is the field naming an organisation or user that was not found. */
async function filterOf(
  deps: AppDeps,
  t: Translate,
  q: Query,
): Promise<{ filter: AuditFilter; problem?: FieldError }> {
  const filter: AuditFilter = {};
  const action = (q.actie ?? '').trim();
  if (action && isAuditAction(action)) filter.action = action;
  const organisation = (q.organisatie ?? '').trim();
  if (organisation) {
    const found = /^\d{4}$/.test(organisation)
      ? await findGemeenteByCode(deps.db, organisation)
      : await findCollaborationByName(deps.db, organisation);
    if (!found)
      return {
        filter,
        problem: { field: 'organisatie', message: t('audit.noOrganisation', { value: organisation }) },
      };
    filter.organisationId = found.id;
  }
  const user = (q.gebruiker ?? '').trim();
  if (user) {
    const found = isUuid(user) ? { id: user } : await findUserByEmail(deps.db, user);
    if (!found)
      return { filter, problem: { field: 'gebruiker', message: t('audit.noUser', { value: user }) } };
    filter.actorUserId = found.id;
  }
  const subject = (q.onderwerp ?? '').trim();
  if (subject) filter.subjectId = subject;
  if (DATE.test(q.van ?? '')) filter.from = amsterdamInstant(q.van!);
  if (DATE.test(q.tot ?? '')) filter.until = new Date(amsterdamInstant(q.tot!).getTime() + 86400_000);
  return { filter };
}

function AuditTable({ ctx, rows }: { ctx: PageContext; rows: AuditListRow[] }) {
  const t = ctx.t;
  return (
    <div class="ggk-table-wrapper" tabIndex={0} role="region" aria-label={t('audit.table.label')}>
      <table class="utrecht-table" data-testid="audit">
        <caption class="utrecht-table__caption">{t('audit.table.caption')}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              {t('audit.table.seq')}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              {t('audit.table.at')}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              {t('audit.table.action')}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              {t('audit.table.actor')}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              {t('audit.table.organisation')}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              {t('audit.table.details')}
            </th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rows.map((r) => (
            <tr class="utrecht-table__row" key={r.seq}>
              <td class="utrecht-table__cell">{r.seq}</td>
              <td class="utrecht-table__cell">{formatDateTime(ctx.locale, r.recorded_at)}</td>
              <td class="utrecht-table__cell">
                {auditActionLabel(r.action, ctx.locale)} <code class="utrecht-code">{r.action}</code>
              </td>
              <td class="utrecht-table__cell">{actorText(t, r)}</td>
              <td class="utrecht-table__cell">{r.organisation_name ?? ''}</td>
              <td class="utrecht-table__cell ggk-wrap-anywhere">{detailsText(r.details)}</td>
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
  problem?: FieldError | undefined;
}) {
  const q = props.query;
  const t = props.ctx.t;
  const errors = props.problem ? [props.problem] : [];
  const next = props.rows.length === PAGE_SIZE ? props.rows.at(-1)!.seq : undefined;
  const params = (extra: Record<string, string>) =>
    new URLSearchParams(
      Object.entries({ ...q, ...extra }).filter(
        ([k, v]) => v !== undefined && v !== '' && (k !== 'voor' || 'voor' in extra),
      ) as Array<[string, string]>,
    ).toString();
  return (
    <Layout title={t('audit.title')} ctx={props.ctx}>
      <h1 class="utrecht-heading-1">{t('audit.title')}</h1>
      <p class="utrecht-paragraph">
        {props.operator ? t('audit.introOperator') : t('audit.introOrganisation')}
      </p>
      <ErrorSummary errors={errors} t={t} />
      <form method="get" action={props.action} class="ggk-form" novalidate aria-label={t('audit.filter')}>
        <SelectField
          id="actie"
          label={t('audit.action')}
          placeholder={t('audit.allActions')}
          options={AUDIT_ACTIONS.map((value) => ({
            value,
            label: auditActionLabel(value, props.ctx.locale),
          }))}
          value={q.actie ?? ''}
        />
        {props.operator && (
          <TextField
            id="organisatie"
            label={t('audit.organisation')}
            value={q.organisatie ?? ''}
            errors={errors}
          />
        )}
        <TextField id="gebruiker" label={t('audit.user')} value={q.gebruiker ?? ''} errors={errors} />
        <TextField id="onderwerp" label={t('audit.subject')} value={q.onderwerp ?? ''} />
        <TextField id="van" label={t('audit.from')} type="date" value={q.van ?? ''} />
        <TextField id="tot" label={t('audit.until')} type="date" value={q.tot ?? ''} />
        <div class="ggk-actions">
          <Button variant="secondary">{t('audit.filter')}</Button>
        </div>
      </form>
      {props.operator && (
        <p class="utrecht-paragraph">
          <a class="utrecht-link utrecht-link--html-a" href={`/beheer/audit.csv?${params({})}`}>
            {t('audit.export')}
          </a>
        </p>
      )}
      {props.problem ? null : props.rows.length === 0 ? (
        <p class="utrecht-paragraph">{t('audit.none')}</p>
      ) : (
        <AuditTable ctx={props.ctx} rows={props.rows} />
      )}
      {next !== undefined && (
        <p class="utrecht-paragraph">
          <a
            class="utrecht-link utrecht-link--html-a"
            href={`${props.action}?${params({ voor: String(next) })}`}
          >
            {t('audit.older')}
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
    const ctx = pageContext(request, reply, deps);
    const { filter, problem } = await filterOf(deps, ctx.t, input.operator ? q : { ...q, organisatie: '' });
    if (!input.operator) filter.organisationId = actingOrganisationOf(request.principal)!;
    const before = /^\d+$/.test(q.voor ?? '') ? Number(q.voor) : undefined;
    const rows = problem
      ? []
      : await listAuditEntries(deps.db, filter, { limit: PAGE_SIZE, beforeSeq: before });
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      problem ? 400 : 200,
      <AuditView ctx={ctx} rows={rows} query={q} problem={problem} {...input} />,
    );
  };

  app.get<{ Querystring: Query }>('/beheer/audit', { config: OPERATOR }, (request, reply) =>
    render(request, reply, { operator: true, action: '/beheer/audit' }),
  );
  app.get<{ Querystring: Query }>('/organisatie/audit', { config: ADMIN }, (request, reply) =>
    render(request, reply, { operator: false, action: '/organisatie/audit' }),
  );

  app.get<{ Querystring: Query }>('/beheer/audit.csv', { config: OPERATOR }, async (request, reply) => {
    const locale = request.locale;
    const t = translator(locale);
    const { filter, problem } = await filterOf(deps, t, request.query);
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
        t('audit.csv.seq'),
        t('audit.csv.at'),
        t('audit.csv.action'),
        t('audit.csv.description'),
        t('audit.csv.actorKind'),
        t('audit.csv.userId'),
        t('audit.csv.user'),
        t('audit.csv.tokenId'),
        t('audit.csv.organisationId'),
        t('audit.csv.organisation'),
        t('audit.csv.subjects'),
        t('audit.csv.details'),
        t('audit.csv.previousHash'),
        t('audit.csv.hash'),
      ],
      rows.map((r) => [
        r.seq,
        r.recorded_at,
        r.action,
        auditActionLabel(r.action, locale),
        t(`audit.csv.actor.${r.actor_kind}`),
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
