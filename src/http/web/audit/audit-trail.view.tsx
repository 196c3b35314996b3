// The audit trail on screen, for the operator (all of it) and for a gebruikersbeheerder (the entries
// about their own organisation): the filter form, the entries newest first and a link to older ones.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actingOrganisationOf } from '../../../modules/auth/index.ts';
import {
  AUDIT_ACTIONS,
  auditActionLabel,
  listAuditEntries,
  type AuditListRow,
} from '../../../modules/audit/index.ts';
import { formatDateTime, type Translate } from '../../../modules/i18n/index.ts';
import type { AppDeps } from '../../app.ts';
import { Button, ErrorSummary, SelectField, TextField, type FieldError } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { pageContext, type PageContext } from '../page-context.ts';
import { sendPage } from '../render.ts';
import { filterOf, type Query } from './shared.ts';

const PAGE_SIZE = 100;

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
                {auditActionLabel(r.action, ctx.locale)}{' '}
                <code class="utrecht-code ggk-code-secondary">{r.action}</code>
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

export async function renderAuditTrail(
  request: FastifyRequest,
  q: Query,
  reply: FastifyReply,
  deps: AppDeps,
  input: { operator: boolean; action: string },
) {
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
}
