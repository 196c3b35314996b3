// The servicedesk view for the operator: find a user (name, e-mail) or an organisation, and see what
// ggk recorded about them — login attempts and why they failed, downloads and their errors, the
// deliveries of the current round and where each report is, and the mails sent (without link secrets).
import type { FastifyInstance } from 'fastify';
import type { LoginAttemptRow } from '../../modules/auth/index.ts';
import {
  contentReportPlacements,
  isFileType,
  reminderSubject,
  searchServicedesk,
  viewOrganisation,
  viewUser,
  type ServicedeskDelivery,
  type ServicedeskMail,
} from '../../modules/monitoring/index.ts';
import { findCurrentRound, type Round } from '../../modules/periods/index.ts';
import { listHolds } from '../../modules/reports/index.ts';
import { formatDateTime, halfYearLabel, hasKey, type Translate } from '../../modules/i18n/index.ts';
import { searchDeliveries } from '../../modules/deliveries/index.ts';
import type { AppDeps } from '../app.ts';
import { reasonText } from './account.routes.tsx';
import { Button, ErrorSummary, Notice, Table, TextField, type TableColumn } from './components.tsx';
import { Layout } from './layout.tsx';
import { pageContext, type PageContext } from './page-context.ts';
import { sendPage } from './render.ts';

const OPERATOR = { access: { kind: 'staff', roles: ['operator'] } } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function downloadKind(t: Translate, kind: string): string {
  const key = `servicedesk.download.${kind}`;
  return hasKey(key) ? t(key as 'servicedesk.download.technical_report_json') : kind;
}

/** A table of the servicedesk view, or a sentence saying there is nothing to show. */
function SdTable<R>(props: {
  t: Translate;
  caption: string;
  testId: string;
  rows: readonly R[];
  rowKey: (row: R) => string;
  columns: Array<TableColumn<R>>;
}) {
  if (props.rows.length === 0)
    return <p class="utrecht-paragraph">{props.t('servicedesk.none', { caption: props.caption })}</p>;
  return (
    <Table
      caption={props.caption}
      columns={props.columns}
      rows={props.rows}
      rowKey={props.rowKey}
      testId={props.testId}
    />
  );
}

function LoginAttempts({ ctx, attempts }: { ctx: PageContext; attempts: LoginAttemptRow[] }) {
  const { t, locale } = ctx;
  return (
    <SdTable
      t={t}
      caption={t('servicedesk.logins.caption')}
      testId="sd-logins"
      rows={attempts}
      rowKey={(a) => a.id}
      columns={[
        { header: t('servicedesk.col.time'), cell: (a) => formatDateTime(locale, a.attempted_at) },
        {
          header: t('servicedesk.col.user'),
          cell: (a) =>
            a.user_name ?? t('servicedesk.logins.unknownUser', { subject: a.acting_subject ?? '-' }),
        },
        {
          header: t('servicedesk.col.organisation'),
          cell: (a) => a.organisation_name ?? a.legal_subject_id ?? '-',
        },
        {
          header: t('servicedesk.col.result'),
          cell: (a) =>
            a.outcome === 'success'
              ? t('servicedesk.success')
              : t('servicedesk.failed', { reason: reasonText(t, a.reason) }),
        },
      ]}
    />
  );
}

function Downloads({
  ctx,
  downloads,
}: {
  ctx: PageContext;
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
  const { t, locale } = ctx;
  return (
    <SdTable
      t={t}
      caption={t('servicedesk.downloads.caption')}
      testId="sd-downloads"
      rows={downloads}
      rowKey={(d) => d.id}
      columns={[
        { header: t('servicedesk.col.time'), cell: (d) => formatDateTime(locale, d.downloaded_at) },
        {
          header: t('servicedesk.col.delivery'),
          cell: (d) => (
            <a class="utrecht-link utrecht-link--html-a" href={`/aanleveringen/${d.delivery_id}`}>
              {d.receipt_number}
            </a>
          ),
        },
        { header: t('servicedesk.col.what'), cell: (d) => downloadKind(t, d.kind) },
        {
          header: t('servicedesk.col.by'),
          cell: (d) => d.user_name ?? (d.api_token_id ? t('servicedesk.downloads.apiToken') : '-'),
        },
        {
          header: t('servicedesk.col.result'),
          cell: (d) =>
            d.outcome === 'success'
              ? t('servicedesk.success')
              : t('servicedesk.failed', { reason: d.error ?? t('servicedesk.unknownError') }),
        },
      ]}
    />
  );
}

/** Per delivery whose op-orde report CBS holds: since when and by whom (the open hold covering it). */
type HeldReports = Map<string, { since: Date; by: string | null }>;

async function heldReportsOf(
  deps: AppDeps,
  round: Round | undefined,
  deliveries: readonly ServicedeskDelivery[],
): Promise<HeldReports> {
  const held: HeldReports = new Map();
  if (!round || deliveries.length === 0) return held;
  const rows = await deps.db
    .selectFrom('content_reports')
    .select('delivery_id')
    .where('state', '=', 'held')
    .where(
      'delivery_id',
      'in',
      deliveries.map((d) => d.id),
    )
    .execute();
  if (rows.length === 0) return held;
  const open = (await listHolds(deps.db, round.id)).filter((h) => h.released_at === null);
  for (const { delivery_id } of rows) {
    const d = deliveries.find((x) => x.id === delivery_id)!;
    const hold =
      open.find((h) => h.gemeente_id === d.gemeente_id) ?? open.find((h) => h.gemeente_id === null);
    if (hold) held.set(delivery_id, { since: hold.held_at, by: hold.held_by_name });
  }
  return held;
}

function Deliveries({
  ctx,
  deliveries,
  tracked,
  held,
}: {
  ctx: PageContext;
  deliveries: ServicedeskDelivery[];
  tracked: boolean;
  held: HeldReports;
}) {
  const { t, locale } = ctx;
  const at = (date: Date) => formatDateTime(locale, date);
  const judged = (d: ServicedeskDelivery) =>
    d.judged
      .map(
        (j) =>
          `${isFileType(j.type) ? t(`common.fileType.${j.type}`) : j.type} ${j.status === 'approved' ? t('servicedesk.deliveries.approved') : t('servicedesk.deliveries.rejected')}`,
      )
      .join(', ');
  const report = (d: ServicedeskDelivery) =>
    d.report === undefined || !tracked
      ? d.content_report_due_at
        ? t('servicedesk.deliveries.reportUntracked', { due: at(d.content_report_due_at) })
        : '-'
      : d.report === null && held.has(d.id)
        ? t('servicedesk.deliveries.reportHeld', {
            since: at(held.get(d.id)!.since),
            by: held.get(d.id)!.by ?? 'CBS',
          })
        : d.report === null
          ? d.content_report_due_at
            ? t('servicedesk.deliveries.reportPending', { due: at(d.content_report_due_at) })
            : '-'
          : t('servicedesk.deliveries.reportPlaced', {
              placed: at(d.report.placedAt),
              fetched: d.report.fetchedAt
                ? t('servicedesk.deliveries.reportFetched', { at: at(d.report.fetchedAt) })
                : t('servicedesk.deliveries.reportNotFetched'),
            });
  return (
    <SdTable
      t={t}
      caption={t('servicedesk.deliveries.caption')}
      testId="sd-deliveries"
      rows={deliveries}
      rowKey={(d) => d.id}
      columns={[
        {
          header: t('servicedesk.col.receipt'),
          cell: (d) => (
            <>
              <a class="utrecht-link utrecht-link--html-a" href={`/aanleveringen/${d.id}`}>
                {d.receipt_number}
              </a>
              <br />
              {t('servicedesk.deliveries.received', { at: at(d.received_at) })}
              {d.uploader_name
                ? t('servicedesk.deliveries.by', { name: d.uploader_name })
                : d.channel === 'api'
                  ? t('servicedesk.deliveries.viaApi')
                  : ''}
            </>
          ),
        },
        {
          header: t('servicedesk.col.gemeenteHalfYear'),
          cell: (d) => (
            <>
              {d.gemeente_name} ({d.gemeentecode}), {d.half_year}
              {d.judged.length > 0 && `: ${judged(d)}`}
            </>
          ),
        },
        { header: t('servicedesk.col.state'), cell: (d) => t(`servicedesk.state.${d.state}`) },
        {
          header: t('servicedesk.col.technicalCheck'),
          cell: (d) =>
            d.checked_at
              ? at(d.checked_at)
              : t('servicedesk.deliveries.checkPending', { due: at(d.technical_notice_due_at) }),
        },
        {
          header: t('servicedesk.col.mailSent'),
          cell: (d) => (d.notified_at ? at(d.notified_at) : t('servicedesk.deliveries.notYet')),
        },
        { header: t('servicedesk.col.contentReport'), cell: report },
      ]}
    />
  );
}

function Mails({ ctx, mails }: { ctx: PageContext; mails: ServicedeskMail[] }) {
  const { t, locale } = ctx;
  const at = (date: Date) => formatDateTime(locale, date);
  if (mails.length === 0) return <p class="utrecht-paragraph">{t('servicedesk.mails.none')}</p>;
  return (
    <ul class="ggk-mailbox" data-testid="sd-mails" aria-label={t('servicedesk.mails.title')}>
      {mails.map((m) => (
        <li class="ggk-mailbox__message" key={m.id}>
          <p class="utrecht-paragraph">
            <strong>{m.subject}</strong>{' '}
            {t('servicedesk.mails.to', { recipient: m.recipient, created: at(m.createdAt) })}{' '}
            {m.sentAt
              ? t('servicedesk.mails.sent', { at: at(m.sentAt) })
              : m.failedAt
                ? t('servicedesk.mails.failed', { at: at(m.failedAt), error: m.lastError ?? '' })
                : `${t('servicedesk.mails.notSent')}${m.lastError ? t('servicedesk.mails.lastError', { error: m.lastError }) : ''}`}
          </p>
          <details>
            <summary>{t('servicedesk.mails.body')}</summary>
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
      const { t } = ctx;
      const raw = request.query.zoek ?? '';
      const result = raw.trim() === '' ? undefined : await searchServicedesk(deps.db, raw);
      // A receipt number (GGK-2018-000002, or part of it) finds the delivery, in any round.
      const deliveries =
        result && result.term.length >= 2
          ? (await searchDeliveries(deps.db, { term: result.term, limit: 25 })).rows
          : [];
      // Too short a term is refused like a form field: in the summary, linked to the field.
      const errors =
        result && result.term.length < 2
          ? [{ field: 'zoek', message: t('servicedesk.search.tooShort') }]
          : [];
      return sendPage(
        reply,
        errors.length > 0 ? 400 : 200,
        <Layout title={t('servicedesk.title')} ctx={ctx}>
          <h1 class="utrecht-heading-1">{t('servicedesk.title')}</h1>
          <p class="utrecht-paragraph">{t('servicedesk.intro')}</p>
          <ErrorSummary errors={errors} t={t} />
          <form
            method="get"
            action="/beheer/servicedesk"
            class="ggk-form"
            novalidate
            aria-label={t('servicedesk.search.label')}
          >
            <TextField
              id="zoek"
              label={t('servicedesk.search.field')}
              value={result?.term ?? raw}
              errors={errors}
            />
            <div>
              <Button variant="secondary">{t('servicedesk.search.submit')}</Button>
            </div>
          </form>
          {result && result.term.length >= 2 && (
            <section aria-labelledby="resultaten" data-testid="sd-results">
              <h2 class="utrecht-heading-2" id="resultaten">
                {t('servicedesk.search.found')}
              </h2>
              {result.users.length === 0 && result.organisations.length === 0 && deliveries.length === 0 && (
                <Notice>{t('servicedesk.search.nothing', { term: result.term })}</Notice>
              )}
              {result.users.length > 0 && (
                <>
                  <h3 class="utrecht-heading-3">{t('servicedesk.users')}</h3>
                  <ul class="utrecht-unordered-list">
                    {result.users.map((u) => (
                      <li class="utrecht-unordered-list__item" key={u.id}>
                        <a
                          class="utrecht-link utrecht-link--html-a"
                          href={`/beheer/servicedesk/gebruiker/${u.id}`}
                        >
                          {u.name}
                        </a>{' '}
                        ({u.email}){u.is_disabled ? t('servicedesk.disabledSuffix') : ''}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {result.organisations.length > 0 && (
                <>
                  <h3 class="utrecht-heading-3">{t('servicedesk.organisations')}</h3>
                  <ul class="utrecht-unordered-list">
                    {result.organisations.map((o) => (
                      <li class="utrecht-unordered-list__item" key={o.id}>
                        <a
                          class="utrecht-link utrecht-link--html-a"
                          href={`/beheer/servicedesk/organisatie/${o.id}`}
                        >
                          {o.name}
                        </a>
                        {o.gemeentecode ? ` (${o.gemeentecode})` : t('servicedesk.collaborationSuffix')}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {deliveries.length > 0 && (
                <>
                  <h3 class="utrecht-heading-3">{t('servicedesk.deliveries')}</h3>
                  <ul class="utrecht-unordered-list" data-testid="sd-found-deliveries">
                    {deliveries.map((d) => (
                      <li class="utrecht-unordered-list__item" key={d.id}>
                        <a class="utrecht-link utrecht-link--html-a" href={`/aanleveringen/${d.id}`}>
                          {d.receipt_number}
                        </a>{' '}
                        {t('servicedesk.deliveryFound', {
                          gemeente: d.gemeente_name,
                          halfYear: halfYearLabel(ctx.locale, d.half_year),
                          state: t(`deliveries.state.${d.state}`),
                          received: formatDateTime(ctx.locale, d.received_at),
                        })}
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
      const ctx = pageContext(request, reply, deps);
      const { t } = ctx;
      return sendPage(
        reply,
        200,
        <Layout title={t('servicedesk.titleOf', { name: view.user.name })} ctx={ctx}>
          <h1 class="utrecht-heading-1">{view.user.name}</h1>
          <dl class="ggk-round-facts" data-testid="sd-user">
            <dt>{t('servicedesk.user.email')}</dt>
            <dd>
              {view.user.email}
              {view.user.email_confirmed_at
                ? t('servicedesk.user.confirmed')
                : t('servicedesk.user.notConfirmed')}
            </dd>
            <dt>{t('servicedesk.user.eherkenning')}</dt>
            <dd>
              {view.user.eherkenning_subject ? t('servicedesk.user.linked') : t('servicedesk.user.notLinked')}
            </dd>
            <dt>{t('servicedesk.user.account')}</dt>
            <dd>{view.user.is_disabled ? t('servicedesk.user.disabled') : t('servicedesk.user.active')}</dd>
            <dt>{t('servicedesk.user.roles')}</dt>
            <dd>
              {view.roles.length === 0
                ? t('servicedesk.user.noRoles')
                : view.roles
                    .map((r) =>
                      r.organisation_name
                        ? t('servicedesk.user.roleAt', {
                            role: t(`role.${r.role}`),
                            organisation: r.organisation_name,
                          })
                        : t(`role.${r.role}`),
                    )
                    .join(', ')}
            </dd>
          </dl>
          <h2 class="utrecht-heading-2">{t('servicedesk.logins')}</h2>
          <LoginAttempts ctx={ctx} attempts={view.loginAttempts} />
          <h2 class="utrecht-heading-2">{t('servicedesk.downloads')}</h2>
          <Downloads ctx={ctx} downloads={view.downloads} />
          <h2 class="utrecht-heading-2">
            {t('servicedesk.deliveries')} {round ? `(${round.name})` : ''}
          </h2>
          <Deliveries
            ctx={ctx}
            deliveries={view.deliveries}
            tracked={true}
            held={await heldReportsOf(deps, round, view.deliveries)}
          />
          <h2 class="utrecht-heading-2">{t('servicedesk.mails.title')}</h2>
          <Mails ctx={ctx} mails={view.mails} />
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
      const ctx = pageContext(request, reply, deps);
      const { t, locale } = ctx;
      return sendPage(
        reply,
        200,
        <Layout title={t('servicedesk.titleOf', { name: o.name })} ctx={ctx}>
          <h1 class="utrecht-heading-1">
            {o.name}
            {o.gemeentecode ? ` (${o.gemeentecode})` : ''}
          </h1>
          <h2 class="utrecht-heading-2">{t('servicedesk.users')}</h2>
          {view.users.length === 0 ? (
            <p class="utrecht-paragraph">{t('servicedesk.org.noUsers')}</p>
          ) : (
            <ul class="utrecht-unordered-list" data-testid="sd-users">
              {view.users.map((u) => (
                <li class="utrecht-unordered-list__item" key={`${u.id}-${u.role}`}>
                  <a class="utrecht-link utrecht-link--html-a" href={`/beheer/servicedesk/gebruiker/${u.id}`}>
                    {u.name}
                  </a>{' '}
                  ({t(`role.${u.role}`)}){u.is_disabled ? t('servicedesk.disabledSuffix') : ''}
                </li>
              ))}
            </ul>
          )}
          {view.invitations.length > 0 && (
            <>
              <h2 class="utrecht-heading-2">{t('servicedesk.org.invitations')}</h2>
              <ul class="utrecht-unordered-list" data-testid="sd-invitations">
                {view.invitations.map((i) => (
                  <li class="utrecht-unordered-list__item" key={`${i.id}-${i.created_at.toISOString()}`}>
                    <a
                      class="utrecht-link utrecht-link--html-a"
                      href={`/beheer/servicedesk/gebruiker/${i.id}`}
                    >
                      {i.name}
                    </a>{' '}
                    {t('servicedesk.org.invited', { at: formatDateTime(locale, i.created_at) })}{' '}
                    {i.accepted_at
                      ? t('servicedesk.org.accepted', { at: formatDateTime(locale, i.accepted_at) })
                      : i.revoked_at
                        ? t('servicedesk.org.revoked', { at: formatDateTime(locale, i.revoked_at) })
                        : t('servicedesk.org.pending', { at: formatDateTime(locale, i.expires_at) })}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h2 class="utrecht-heading-2">{t('servicedesk.logins')}</h2>
          <LoginAttempts ctx={ctx} attempts={view.loginAttempts} />
          <h2 class="utrecht-heading-2">{t('servicedesk.downloads')}</h2>
          <Downloads ctx={ctx} downloads={view.downloads} />
          <h2 class="utrecht-heading-2">
            {t('servicedesk.deliveries')} {round ? `(${round.name})` : ''}
          </h2>
          <Deliveries
            ctx={ctx}
            deliveries={view.deliveries}
            tracked={true}
            held={await heldReportsOf(deps, round, view.deliveries)}
          />
          <h2 class="utrecht-heading-2">{t('servicedesk.org.reminders')}</h2>
          {view.reminders.length === 0 ? (
            <p class="utrecht-paragraph">{t('servicedesk.org.noReminders')}</p>
          ) : (
            <ul class="utrecht-unordered-list" data-testid="sd-reminders">
              {view.reminders.map((r) => (
                <li class="utrecht-unordered-list__item" key={r.id}>
                  {t(r.recipients === 1 ? 'servicedesk.org.reminderOne' : 'servicedesk.org.reminder', {
                    at: formatDateTime(locale, r.sent_at),
                    subject: reminderSubject(locale, r),
                    count: r.recipients,
                  })}
                </li>
              ))}
            </ul>
          )}
          <h2 class="utrecht-heading-2">{t('servicedesk.mails.toUsers')}</h2>
          <Mails ctx={ctx} mails={view.mails} />
        </Layout>,
      );
    },
  );
}
