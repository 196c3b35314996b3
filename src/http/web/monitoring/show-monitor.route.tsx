// The round monitor (GET /monitor) for the operator and CBS: the matrix with filters and counts,
// the chart of deliveries per day, the service levels and the reminders of the current round.
import type { FastifyInstance } from 'fastify';
import type { JSX } from 'preact';
import {
  CELL_STATES,
  FILE_TYPES,
  cellKey,
  closingReminderDate,
  listReminders,
  type RoundMonitor,
  type ServiceLevelIssue,
} from '../../../modules/monitoring/index.ts';
import { phaseOf, type Round, type RoundPhase } from '../../../modules/periods/index.ts';
import { formatDate, formatDateTime, halfYearLabel, type Translate } from '../../../modules/i18n/index.ts';
import { amsterdamDate, amsterdamInstant } from '../../../platform/time/amsterdam-time.ts';
import { staffRolesOf } from '../../../modules/auth/index.ts';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { Button, Notice, SelectField, Dutch } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { pageContext, type PageContext } from '../page-context.ts';
import { partMarker, renderFragment, sendPageWithParts } from '../render.ts';
import { DeliveriesPerDayChart } from './delivery-chart.tsx';
import { sendNoRound } from './no-round.view.tsx';
import {
  STAFF,
  currentRound,
  filterOf,
  handoverOfCell,
  monitorQuery,
  monitorViewOf,
  pilotTargetText,
  stateLabel,
  typeLabel,
  type MonitorQuery,
} from './shared.ts';

export const showMonitorRoute = {
  method: 'GET',
  url: '/monitor',
  schema: { querystring: monitorQuery },
} as const;

/**
 * What the kept parts of the page (MonitorParts) may use of the page's context: its language, nothing
 * of the visitor or the request (CSRF token, name, navigation).
 */
type Words = Pick<PageContext, 't' | 'locale' | 'tx'>;

/** Rows (gemeenten, with their predecessors) per page of the matrix: 380 on one page were 28,000 px. */
export const MATRIX_PAGE_SIZE = 50;

function queryString(query: MonitorQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string' && v !== '') params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

function issueRow(ctx: Words, issue: ServiceLevelIssue, closesAt: Date) {
  const { t, locale } = ctx;
  if (issue.kind === 'no_delivery') {
    return (
      <tr class="utrecht-table__row">
        <th class="utrecht-table__header-cell" scope="row">
          {issue.participant.name}
        </th>
        <td class="utrecht-table__cell">{issue.participant.isPilot ? t('common.yes') : t('common.no')}</td>
        <td class="utrecht-table__cell" colSpan={2}>
          {issue.workingDaysLeft >= 0
            ? t(
                issue.workingDaysLeft === 1 ? 'monitoring.levels.daysLeftOne' : 'monitoring.levels.daysLeft',
                {
                  days: issue.workingDaysLeft,
                },
              )
            : t('monitoring.levels.closedOn', { date: formatDate(locale, closesAt) })}
        </td>
      </tr>
    );
  }
  if (issue.kind === 'pilot_target_missed') {
    return (
      <tr class="utrecht-table__row">
        <th class="utrecht-table__header-cell" scope="row">
          {issue.participant.name}
        </th>
        <td class="utrecht-table__cell">{t('common.yes')}</td>
        <td class="utrecht-table__cell">{formatDateTime(locale, issue.dueAt)}</td>
        <td class="utrecht-table__cell">
          {issue.doneAt
            ? t('monitoring.levels.lateAt', { at: formatDateTime(locale, issue.doneAt) })
            : t('monitoring.levels.notDone')}
        </td>
      </tr>
    );
  }
  const d = issue.delivery;
  return (
    <tr class="utrecht-table__row">
      <th class="utrecht-table__header-cell" scope="row">
        <a class="utrecht-link utrecht-link--html-a" href={`/aanleveringen/${d.deliveryId}`}>
          {d.receiptNumber}
        </a>{' '}
        {(issue.kind === 'cbs_receipt_late' || issue.kind === 'cbs_erasure_late') &&
        d.organisationName !== d.gemeenteName
          ? t('monitoring.levels.participant', { organisation: d.organisationName, gemeente: d.gemeenteName })
          : d.gemeenteName}
        {d.fileType ? `, ${typeLabel(t, d.fileType)}` : ''}
      </th>
      <td class="utrecht-table__cell">{d.isPilot ? t('common.yes') : t('common.no')}</td>
      <td class="utrecht-table__cell">{formatDateTime(locale, issue.dueAt)}</td>
      <td class="utrecht-table__cell">
        {issue.doneAt
          ? t('monitoring.levels.lateAt', { at: formatDateTime(locale, issue.doneAt) })
          : t('monitoring.levels.notDone')}
      </td>
    </tr>
  );
}

interface HandoverDays {
  receiptWorkingDays: number;
  erasureWorkingDays: number;
}

/** Whether the delivery window is still to come or open (else it has closed). */
function windowOpenOrAhead(phase: RoundPhase): boolean {
  return phase === 'upcoming' || phase === 'delivery_open';
}

function levelLabel(
  t: Translate,
  kind: ServiceLevelIssue['kind'],
  days: HandoverDays,
  phase: RoundPhase,
): string {
  // After the close nothing "approaches": who delivered nothing simply did not deliver.
  if (kind === 'no_delivery' && !windowOpenOrAhead(phase)) return t('monitoring.level.no_delivery_closed');
  if (kind === 'cbs_receipt_late')
    return t('monitoring.levelCbs.cbs_receipt_late', { days: days.receiptWorkingDays });
  if (kind === 'cbs_erasure_late')
    return t('monitoring.levelCbs.cbs_erasure_late', { days: days.erasureWorkingDays });
  return t(`monitoring.level.${kind}`);
}

function ServiceLevels({
  ctx,
  monitor,
  days,
  phase,
}: {
  ctx: Words;
  monitor: RoundMonitor;
  days: HandoverDays;
  phase: RoundPhase;
}) {
  const { t } = ctx;
  const kinds = [
    'technical_notice_late',
    'content_report_late',
    'report_not_fetched',
    'cbs_receipt_late',
    'cbs_erasure_late',
    'pilot_target_missed',
    'no_delivery',
  ] as const;
  return (
    <section aria-labelledby="servicenormen" data-testid="service-levels">
      <h2 class="utrecht-heading-2" id="servicenormen">
        {t('monitoring.levels.title')}
      </h2>
      {!monitor.reportsTracked && <p class="utrecht-paragraph">{t('monitoring.levels.notTracked')}</p>}
      {kinds.map((kind) => {
        const issues = monitor.serviceLevels.filter((i) => i.kind === kind);
        const label = levelLabel(t, kind, days, phase);
        return (
          <section key={kind} aria-label={label}>
            <h3 class="utrecht-heading-3">
              {label}: {issues.length}
            </h3>
            {issues.length > 0 && (
              <div class="ggk-table-wrapper" tabIndex={0} role="region" aria-label={label}>
                <table class="utrecht-table">
                  <caption class="utrecht-table__caption">{label}</caption>
                  <thead class="utrecht-table__header">
                    <tr class="utrecht-table__row">
                      <th class="utrecht-table__header-cell" scope="col">
                        {kind === 'no_delivery' || kind === 'pilot_target_missed'
                          ? t('monitoring.levels.organisation')
                          : t('monitoring.levels.delivery')}
                      </th>
                      <th class="utrecht-table__header-cell" scope="col">
                        {t('monitoring.levels.pilot')}
                      </th>
                      <th
                        class="utrecht-table__header-cell"
                        scope="col"
                        colSpan={kind === 'no_delivery' ? 2 : 1}
                      >
                        {kind === 'no_delivery' ? t('monitoring.levels.closing') : t('monitoring.levels.due')}
                      </th>
                      {kind !== 'no_delivery' && (
                        <th class="utrecht-table__header-cell" scope="col">
                          {t('monitoring.levels.done')}
                        </th>
                      )}
                    </tr>
                  </thead>
                  <tbody class="utrecht-table__body">
                    {issues.slice(0, 100).map((i) => issueRow(ctx, i, monitor.round.deliveryClosesAt))}
                  </tbody>
                </table>
                {issues.length > 100 && (
                  <p class="utrecht-paragraph">{t('monitoring.levels.first100', { count: issues.length })}</p>
                )}
              </div>
            )}
          </section>
        );
      })}
    </section>
  );
}

/** Which rows of the matrix a page shows; a page past the end (or no number) is the nearest page. */
function pageOf(query: MonitorQuery, total: number) {
  const pages = Math.max(1, Math.ceil(total / MATRIX_PAGE_SIZE));
  const asked = /^\d{1,6}$/.test(query.pagina ?? '') ? Number(query.pagina) : 1;
  const page = Math.min(Math.max(asked, 1), pages);
  const from = (page - 1) * MATRIX_PAGE_SIZE;
  return { page, pages, from, to: Math.min(from + MATRIX_PAGE_SIZE, total) };
}

/** Links to the matrix's other pages, keeping the filters. */
function MatrixPages({
  ctx,
  query,
  paging,
  total,
}: {
  ctx: Words;
  query: MonitorQuery;
  paging: ReturnType<typeof pageOf>;
  total: number;
}) {
  const { t } = ctx;
  const href = (page: number) => `/monitor${queryString({ ...query, pagina: String(page) })}#matrix`;
  const { page, pages } = paging;
  if (pages === 1) return null;
  return (
    <nav class="ggk-pages" aria-label={t('monitoring.matrix.pages')} data-testid="matrix-pages">
      <p class="utrecht-paragraph">
        {t('monitoring.matrix.showing', { from: paging.from + 1, to: paging.to, count: total, page, pages })}
      </p>
      <ul class="ggk-pages__list">
        {page > 1 && (
          <li>
            <a class="utrecht-link utrecht-link--html-a" href={href(page - 1)} rel="prev">
              {t('monitoring.matrix.previous')}
            </a>
          </li>
        )}
        {Array.from({ length: pages }, (_, i) => i + 1).map((n) => (
          <li key={n}>
            <a
              class="utrecht-link utrecht-link--html-a"
              href={href(n)}
              aria-current={n === page ? 'page' : undefined}
              aria-label={t('monitoring.matrix.pageLink', { page: n })}
            >
              {n}
            </a>
          </li>
        ))}
        {page < pages && (
          <li>
            <a class="utrecht-link utrecht-link--html-a" href={href(page + 1)} rel="next">
              {t('monitoring.matrix.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

function Matrix({ ctx, monitor, rows }: { ctx: Words; monitor: RoundMonitor; rows: RoundMonitor['rows'] }) {
  const { t, locale } = ctx;
  const pilotColumn = monitor.round.pilotTargetAt !== null;
  return (
    <div
      class="ggk-table-wrapper"
      tabIndex={0}
      role="region"
      aria-label={t(
        monitor.rows.length === 1 ? 'monitoring.matrix.captionOne' : 'monitoring.matrix.caption',
        {
          count: monitor.rows.length,
        },
      )}
    >
      <table class="utrecht-table ggk-monitor" data-testid="monitor-matrix">
        <caption class="utrecht-table__caption">
          {t(monitor.rows.length === 1 ? 'monitoring.matrix.captionOne' : 'monitoring.matrix.caption', {
            count: monitor.rows.length,
          })}
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <td class="utrecht-table__header-cell" colSpan={pilotColumn ? 3 : 2} />
            {monitor.halfYears.map((h) => (
              <th
                class="utrecht-table__header-cell"
                scope="colgroup"
                colSpan={FILE_TYPES.length}
                key={h}
                id={`hj-${h}`}
              >
                {halfYearLabel(locale, h)}
              </th>
            ))}
          </tr>
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col" id="kol-gemeente">
              {t('monitoring.matrix.gemeente')}
            </th>
            <th class="utrecht-table__header-cell" scope="col" id="kol-provincie">
              {t('monitoring.matrix.province')}
            </th>
            {pilotColumn && (
              <th class="utrecht-table__header-cell" scope="col" id="kol-streefdatum">
                {t('monitoring.matrix.pilotTarget')}
              </th>
            )}
            {monitor.halfYears.flatMap((h) =>
              FILE_TYPES.map((ft) => (
                <th class="utrecht-table__header-cell" scope="col" key={cellKey(h, ft)} id={`kol-${h}-${ft}`}>
                  {typeLabel(t, ft)}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rows.flatMap((row) => [
            <tr class="utrecht-table__row" key={row.gemeente.id}>
              <th class="utrecht-table__header-cell" scope="row" id={`g-${row.gemeente.gemeentecode}`}>
                {row.gemeente.name} ({row.gemeente.gemeentecode})
                {row.gemeente.is_pilot ? t('monitoring.matrix.pilot') : ''}
              </th>
              <td class="utrecht-table__cell">{row.gemeente.province ?? '-'}</td>
              {pilotColumn && (
                <td class="utrecht-table__cell" data-pilot-target={row.pilotTarget?.state}>
                  {pilotTargetText(t, locale, row.pilotTarget) || '-'}
                </td>
              )}
              {monitor.halfYears.flatMap((h) =>
                FILE_TYPES.map((ft) => {
                  const cell = row.cells.get(cellKey(h, ft))!;
                  const label = stateLabel(t, cell.state);
                  const handover = handoverOfCell(monitor, cell);
                  const cbsLate = handover && !handover.done && handover.late ? handover.step : undefined;
                  return (
                    <td
                      class={`utrecht-table__cell ggk-state ggk-state--${cell.state}`}
                      key={cellKey(h, ft)}
                      data-state={cell.state}
                    >
                      {cell.latest ? (
                        <a
                          class="utrecht-link utrecht-link--html-a"
                          href={`/monitor/tijdlijn?gemeente=${row.gemeente.gemeentecode}&type=${ft}&halfjaar=${h}`}
                          aria-label={t('monitoring.matrix.cellLink', {
                            state: label,
                            type: typeLabel(t, ft),
                            halfYear: halfYearLabel(locale, h),
                            gemeente: row.gemeente.name,
                          })}
                        >
                          {label}
                        </a>
                      ) : (
                        label
                      )}
                      {cbsLate && (
                        <span class="ggk-flag" data-flag={`cbs_${cbsLate}_late`}>
                          {' '}
                          ({t(`monitoring.matrix.cbs_${cbsLate}_late`)})
                        </span>
                      )}
                    </td>
                  );
                }),
              )}
            </tr>,
            // Predecessors under their successor (decision 0028): the files it delivered under their code.
            ...row.predecessors.map((p) => (
              <tr
                class="utrecht-table__row ggk-monitor-predecessor"
                key={`${row.gemeente.id}-${p.gemeentecode}`}
                data-predecessor={p.gemeentecode}
              >
                <th class="utrecht-table__header-cell" scope="row">
                  {t(p.geheel ? 'monitoring.matrix.predecessor' : 'monitoring.matrix.predecessorPart', {
                    name: p.naam,
                    code: p.gemeentecode,
                    successor: row.gemeente.name,
                  })}
                </th>
                <td class="utrecht-table__cell">{p.provincie}</td>
                {pilotColumn && <td class="utrecht-table__cell">-</td>}
                {monitor.halfYears.flatMap((h) =>
                  FILE_TYPES.map((ft) => {
                    const cell = p.cells.get(cellKey(h, ft))!;
                    return (
                      <td
                        class={`utrecht-table__cell ggk-state ggk-state--${cell.state}`}
                        key={cellKey(h, ft)}
                        data-state={cell.state}
                      >
                        {stateLabel(t, cell.state)}
                      </td>
                    );
                  }),
                )}
              </tr>
            )),
          ])}
        </tbody>
      </table>
    </div>
  );
}

type ReminderRow = Awaited<ReturnType<typeof listReminders>>[number];

/**
 * The reminders of the round as they stand in its phase: the closing reminder is planned (before its
 * day), due but not sent yet, sent on a day to so many organisations, or (after the close) not sent.
 */
function Reminders({
  ctx,
  round,
  phase,
  reminders,
  days,
  now,
}: {
  ctx: PageContext;
  round: Round;
  phase: RoundPhase;
  now: Date;
  reminders: ReminderRow[];
  days: number;
}) {
  const { t, locale } = ctx;
  const day = closingReminderDate(round, days);
  const date = formatDate(locale, amsterdamInstant(day, '12:00'));
  const closing = reminders.filter((r) => r.kind === 'window_closing');
  const fetch = reminders.filter((r) => r.kind === 'report_not_fetched');
  let text: string;
  if (closing.length > 0) {
    const first = closing.reduce((a, b) => (a.sent_at < b.sent_at ? a : b)).sent_at;
    text = t(closing.length === 1 ? 'monitoring.reminders.sentOne' : 'monitoring.reminders.sent', {
      date: formatDate(locale, first),
      count: closing.length,
    });
  } else if (!windowOpenOrAhead(phase)) {
    text = t('monitoring.reminders.notSent', { date, days });
  } else if (amsterdamDate(now) < day) {
    text = t('monitoring.reminders.planned', { date, days });
  } else {
    text = t('monitoring.reminders.notYetSent', { date, days });
  }
  return (
    <div data-testid="reminders">
      <p class="utrecht-paragraph">{text}</p>
      {fetch.length > 0 && (
        <p class="utrecht-paragraph">{t('monitoring.reminders.fetchSent', { count: fetch.length })}</p>
      )}
    </div>
  );
}

/**
 * The page's two parts that cost (issue 21: at the surge's scale ~9 ms of CPU per view to derive and
 * render): everything from the filter to the service levels, and the matrix. They are made of the
 * monitor, the query and the language only, so they are kept (keptParts) under the monitor's stamp
 * (MonitorView: round, data version, stretch of time), the language, the viewer's staff roles and the
 * query, and given as they are to the next request with the same key.
 */
interface MonitorParts {
  /** UTF-8, as sent (sendPageWithParts). */
  overview: Buffer;
  matrix: Buffer;
}

function renderParts(
  ctx: Words,
  monitor: RoundMonitor,
  query: MonitorQuery,
  phase: RoundPhase,
  days: HandoverDays,
): MonitorParts {
  const { t } = ctx;
  const filter = filterOf(query);
  const round = monitor.round;
  const paging = pageOf(query, monitor.rows.length);
  const overview = renderPart(
    <>
      <form
        method="get"
        action="/monitor"
        class="ggk-form ggk-filters"
        novalidate
        aria-label={t('monitoring.filter.label')}
      >
        <SelectField
          id="provincie"
          label={t('monitoring.filter.province')}
          placeholder={t('monitoring.filter.allProvinces')}
          value={filter.province ?? ''}
          options={monitor.provinces.map((p) => ({ value: p, label: p }))}
        />
        <SelectField
          id="samenwerkingsverband"
          label={t('monitoring.filter.collaboration')}
          placeholder={t('monitoring.filter.allGemeenten')}
          value={filter.collaborationId ?? ''}
          options={monitor.collaborations.map((c) => ({ value: c.id, label: c.name }))}
        />
        <SelectField
          id="pilot"
          label={t('monitoring.filter.pilot')}
          placeholder={t('monitoring.filter.allParticipants')}
          value={query.pilot ?? ''}
          options={[
            { value: 'ja', label: t('monitoring.filter.pilotOnly') },
            { value: 'nee', label: t('monitoring.filter.noPilot') },
          ]}
        />
        <SelectField
          id="status"
          label={t('monitoring.filter.state')}
          placeholder={t('monitoring.filter.allStates')}
          value={filter.state ?? ''}
          options={CELL_STATES.map((s) => ({ value: s, label: stateLabel(t, s) }))}
        />
        <div>
          <Button variant="secondary">{t('monitoring.filter.submit')}</Button>
        </div>
      </form>
      <p class="utrecht-paragraph">
        <a
          class="utrecht-link utrecht-link--html-a"
          href={`/monitor.csv${queryString({ ...query, pagina: undefined })}`}
          download
        >
          {t('monitoring.csvLink')}
        </a>
      </p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link utrecht-link--html-a" href="/monitor/reguliere-route">
          {t('monitoring.regular.link')}
        </a>{' '}
        ({monitor.regularRoutes.length})
      </p>

      <section aria-labelledby="aantallen">
        <h2 class="utrecht-heading-2" id="aantallen">
          {t('monitoring.counts.title')}
        </h2>
        <div class="ggk-table-wrapper" tabIndex={0} role="region" aria-label={t('monitoring.counts.caption')}>
          <table class="utrecht-table" data-testid="state-counts">
            <caption class="utrecht-table__caption">
              {t('monitoring.counts.caption')}
              {filter.state ? t('monitoring.counts.beforeFilter') : ''}
            </caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                {CELL_STATES.map((s) => (
                  <th class="utrecht-table__header-cell" scope="col" key={s}>
                    {stateLabel(t, s)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              <tr class="utrecht-table__row">
                {CELL_STATES.map((s) => (
                  <td class="utrecht-table__cell" key={s} data-state={s}>
                    {monitor.counts[s]}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="per-dag">
        <h2 class="utrecht-heading-2" id="per-dag">
          {t('monitoring.perDay.title')}
        </h2>
        <DeliveriesPerDayChart
          ctx={ctx}
          perDay={monitor.perDay}
          pilotTarget={round.pilotTargetAt ? amsterdamDate(round.pilotTargetAt) : undefined}
        />
      </section>

      <ServiceLevels ctx={ctx} monitor={monitor} days={days} phase={phase} />
    </>,
  );
  const matrix = renderPart(
    <section aria-labelledby="matrix">
      <h2 class="utrecht-heading-2" id="matrix">
        {t('monitoring.matrix.title')}
      </h2>
      {monitor.rows.length === 0 ? (
        <Notice>{t('monitoring.matrix.none')}</Notice>
      ) : (
        <>
          <MatrixPages ctx={ctx} query={query} paging={paging} total={monitor.rows.length} />
          <Matrix ctx={ctx} monitor={monitor} rows={monitor.rows.slice(paging.from, paging.to)} />
        </>
      )}
    </section>,
  );
  return { overview, matrix };
}

/** Kept parts per app (database handle), the most recently used last, at most KEPT_CHARS bytes in all. */
const keptParts = new WeakMap<object, { parts: Map<string, MonitorParts>; bytes: number }>();
const KEPT_CHARS = 16_000_000;
const QUERY_KEYS = Object.keys(monitorQuery.shape) as Array<keyof MonitorQuery>;

const renderPart = (part: JSX.Element) => Buffer.from(renderFragment(part));

/** Where kept part `n` goes (sendPageWithParts puts its bytes in place of the marker). */
function KeptPart({ n }: { n: number }) {
  return <div class="ggk-monitor-part">{partMarker(n)}</div>;
}

const bytesOf = (p: MonitorParts) => p.overview.byteLength + p.matrix.byteLength;

/** Keeps `parts` (not kept under `key` yet) and forgets the least recently used beyond KEPT_CHARS. */
function keepParts(
  kept: { parts: Map<string, MonitorParts>; bytes: number },
  key: string,
  parts: MonitorParts,
): void {
  kept.parts.set(key, parts);
  kept.bytes += bytesOf(parts);
  for (const [k, p] of kept.parts) {
    if (kept.bytes <= KEPT_CHARS || k === key) break;
    kept.parts.delete(k);
    kept.bytes -= bytesOf(p);
  }
}

export function registerShowMonitor(app: FastifyInstance, deps: AppDeps): void {
  app.withTypeProvider<ZodTypeProvider>().route({
    ...showMonitorRoute,
    config: STAFF,
    handler: async (request, reply) => {
      const now = deps.now();
      const round = await currentRound(deps, now);
      if (!round) return sendNoRound(request, reply, deps);
      const query = request.query;
      // Independent reads: at once (issue 21).
      const [view, reminders] = await Promise.all([
        monitorViewOf(deps, round, now),
        listReminders(deps.db, { roundId: round.id }),
      ]);
      const ctx = pageContext(request, reply, deps);
      const { t, locale } = ctx;
      const phase = phaseOf(round, now);
      const closingDays = deps.config.reminders.closingWorkingDays;
      const words: Words = { t, locale, tx: ctx.tx };
      let kept = keptParts.get(deps.db);
      if (!kept) keptParts.set(deps.db, (kept = { parts: new Map(), bytes: 0 }));
      // Everything the parts are made of besides the view: the language, who looks (the same for
      // operator and CBS now, but a part never goes to another kind of viewer than it was made
      // for) and the query as asked (its values are in the parts' links).
      const key = view.stamp
        ? JSON.stringify([
            view.stamp,
            locale,
            [...staffRolesOf(request.session!.principal)].sort(),
            QUERY_KEYS.map((k) => query[k] ?? null),
          ])
        : undefined;
      let parts = key ? kept.parts.get(key) : undefined;
      if (parts && key) {
        // The most recently used last.
        kept.parts.delete(key);
        kept.parts.set(key, parts);
      } else {
        parts = renderParts(words, view.monitor(filterOf(query)), query, phase, deps.config.cbs);
        if (key) keepParts(kept, key, parts);
      }
      return sendPageWithParts(
        reply,
        200,
        <Layout title={t('monitoring.title')} ctx={ctx}>
          <h1 class="utrecht-heading-1">{t('monitoring.title')}</h1>
          <p class="utrecht-paragraph" data-testid="monitor-round">
            {ctx.tx('monitoring.round', {
              round: <Dutch>{round.name}</Dutch>,
              opens: formatDateTime(locale, round.deliveryOpensAt),
              closes: formatDateTime(locale, round.deliveryClosesAt),
              phase: t(`monitoring.phase.${phase}`),
              now: formatDateTime(locale, now),
            })}
          </p>
          <KeptPart n={0} />
          <section aria-labelledby="herinneringen">
            <h2 class="utrecht-heading-2" id="herinneringen">
              {t('monitoring.reminders.title')}
            </h2>
            <Reminders
              ctx={ctx}
              round={round}
              phase={phase}
              reminders={reminders}
              days={closingDays}
              now={now}
            />
          </section>

          <KeptPart n={1} />
        </Layout>,
        [parts.overview, parts.matrix],
      );
    },
  });
}
