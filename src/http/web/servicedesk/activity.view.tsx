// What the servicedesk shows of a user and of an organisation alike: login attempts, downloads,
// the deliveries of the current round with where each report is, and the mails sent.
import type { LoginAttemptRow } from '../../../modules/auth/index.ts';
import {
  isFileType,
  type ServicedeskDelivery,
  type ServicedeskMail,
} from '../../../modules/monitoring/index.ts';
import { formatDateTime, hasKey, type Translate } from '../../../modules/i18n/index.ts';
import { reasonText } from '../account.routes.tsx';
import { Dutch, Table, type TableColumn } from '../components.tsx';
import type { PageContext } from '../page-context.ts';
import type { HeldReports } from './shared.ts';

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

export function LoginAttempts({ ctx, attempts }: { ctx: PageContext; attempts: LoginAttemptRow[] }) {
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

export function Downloads({
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

export function Deliveries({
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

export function Mails({ ctx, mails }: { ctx: PageContext; mails: ServicedeskMail[] }) {
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

/**
 * The sections a user's and an organisation's servicedesk page share, in this order: login
 * attempts, downloads, and the deliveries of the current round (named in its heading) with where
 * each report is.
 */
export function ActivitySections({
  ctx,
  view,
  round,
  held,
}: {
  ctx: PageContext;
  view: {
    loginAttempts: LoginAttemptRow[];
    downloads: Parameters<typeof Downloads>[0]['downloads'];
    deliveries: ServicedeskDelivery[];
  };
  round: { name: string } | undefined;
  held: HeldReports;
}) {
  const { t } = ctx;
  return (
    <>
      <h2 class="utrecht-heading-2">{t('servicedesk.logins')}</h2>
      <LoginAttempts ctx={ctx} attempts={view.loginAttempts} />
      <h2 class="utrecht-heading-2">{t('servicedesk.downloads')}</h2>
      <Downloads ctx={ctx} downloads={view.downloads} />
      <h2 class="utrecht-heading-2">
        {t('servicedesk.deliveries')}{' '}
        {round ? (
          <>
            (<Dutch>{round.name}</Dutch>)
          </>
        ) : (
          ''
        )}
      </h2>
      <Deliveries ctx={ctx} deliveries={view.deliveries} tracked={true} held={held} />
    </>
  );
}
