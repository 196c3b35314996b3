// The round monitor for the operator and CBS: the matrix with filters and counts, its CSV, the
// chart of deliveries per day, the service levels, and the timeline of one cell.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  CELL_STATES,
  CELL_STATE_LABELS,
  FILE_TYPES,
  FILE_TYPE_LABELS,
  SERVICE_LEVEL_LABELS,
  buildCellTimeline,
  buildRoundMonitor,
  cellKey,
  closingReminderDate,
  contentReportPlacements,
  isCellState,
  isFileType,
  listReminders,
  type MonitorFilter,
  type RoundMonitor,
  type ServiceLevelIssue,
} from '../../modules/monitoring/index.ts';
import { findGemeenteByCode } from '../../modules/organisations/index.ts';
import { findCurrentRound, halfYearsOf, phaseOf, type Round } from '../../modules/periods/index.ts';
import { toCsv } from '../../platform/csv/csv.ts';
import {
  amsterdamDate,
  amsterdamInstant,
  formatDutchDate,
  formatDutchDateTime,
} from '../../platform/time/amsterdam-time.ts';
import type { AppDeps } from '../app.ts';
import { Button, Notice, SelectField } from './components.tsx';
import { Layout } from './layout.tsx';
import { DeliveriesPerDayChart } from './monitoring/delivery-chart.tsx';
import { pageContext } from './page-context.ts';
import { sendPage } from './render.ts';

const STAFF = { access: { kind: 'staff', roles: ['operator', 'cbs'] } } as const;

interface MonitorQuery {
  provincie?: string;
  samenwerkingsverband?: string;
  pilot?: string;
  status?: string;
}

function filterOf(query: MonitorQuery): MonitorFilter {
  return {
    province: query.provincie || undefined,
    collaborationId: /^[0-9a-f-]{36}$/.test(query.samenwerkingsverband ?? '')
      ? query.samenwerkingsverband
      : undefined,
    pilot: query.pilot === 'ja' ? true : query.pilot === 'nee' ? false : undefined,
    state: query.status && isCellState(query.status) ? query.status : undefined,
  };
}

function queryString(query: MonitorQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string' && v !== '') params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

function halfYearLabel(code: string): string {
  return `${code.endsWith('H1') ? '1e' : '2e'} halfjaar ${code.slice(0, 4)}`;
}

const PHASE_TEXT = {
  upcoming: 'De aanleverperiode is nog niet begonnen.',
  delivery_open: 'De aanleverperiode is open.',
  between: 'De aanleverperiode is gesloten; de intrekkingsperiode begint binnenkort.',
  withdrawal_open: 'De intrekkingsperiode is open.',
  closed: 'De ronde is afgesloten.',
} as const;

function issueRow(issue: ServiceLevelIssue) {
  if (issue.kind === 'no_delivery') {
    return (
      <tr class="utrecht-table__row">
        <th class="utrecht-table__header-cell" scope="row">
          {issue.participant.name}
        </th>
        <td class="utrecht-table__cell">{issue.participant.isPilot ? 'ja' : 'nee'}</td>
        <td class="utrecht-table__cell" colSpan={2}>
          {issue.workingDaysLeft >= 0
            ? `nog ${issue.workingDaysLeft} ${issue.workingDaysLeft === 1 ? 'werkdag' : 'werkdagen'} tot de sluiting`
            : 'aanleverperiode gesloten'}
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
        {d.gemeenteName}
        {d.fileType ? `, ${FILE_TYPE_LABELS[d.fileType]}` : ''}
      </th>
      <td class="utrecht-table__cell">{d.isPilot ? 'ja' : 'nee'}</td>
      <td class="utrecht-table__cell">{formatDutchDateTime(issue.dueAt)}</td>
      <td class="utrecht-table__cell">
        {issue.doneAt ? `te laat, op ${formatDutchDateTime(issue.doneAt)}` : 'nog niet gebeurd'}
      </td>
    </tr>
  );
}

function ServiceLevels({ monitor }: { monitor: RoundMonitor }) {
  const kinds = [
    'technical_notice_late',
    'content_report_late',
    'report_not_fetched',
    'no_delivery',
  ] as const;
  return (
    <section aria-labelledby="servicenormen" data-testid="service-levels">
      <h2 class="utrecht-heading-2" id="servicenormen">
        Servicenormen
      </h2>
      {!monitor.reportsTracked && (
        <p class="utrecht-paragraph">
          Op-orde rapporten worden nog niet door ggk bijgehouden: de normen voor het plaatsen en ophalen ervan
          worden nog niet bewaakt.
        </p>
      )}
      {kinds.map((kind) => {
        const issues = monitor.serviceLevels.filter((i) => i.kind === kind);
        return (
          <section key={kind} aria-label={SERVICE_LEVEL_LABELS[kind]}>
            <h3 class="utrecht-heading-3">
              {SERVICE_LEVEL_LABELS[kind]}: {issues.length}
            </h3>
            {issues.length > 0 && (
              <div class="ggk-table-wrapper">
                <table class="utrecht-table">
                  <caption class="utrecht-table__caption">{SERVICE_LEVEL_LABELS[kind]}</caption>
                  <thead class="utrecht-table__header">
                    <tr class="utrecht-table__row">
                      <th class="utrecht-table__header-cell" scope="col">
                        {kind === 'no_delivery' ? 'Organisatie' : 'Aanlevering'}
                      </th>
                      <th class="utrecht-table__header-cell" scope="col">
                        Pilot
                      </th>
                      <th
                        class="utrecht-table__header-cell"
                        scope="col"
                        colSpan={kind === 'no_delivery' ? 2 : 1}
                      >
                        {kind === 'no_delivery' ? 'Sluiting' : 'Uiterlijk'}
                      </th>
                      {kind !== 'no_delivery' && (
                        <th class="utrecht-table__header-cell" scope="col">
                          Gedaan
                        </th>
                      )}
                    </tr>
                  </thead>
                  <tbody class="utrecht-table__body">{issues.slice(0, 100).map((i) => issueRow(i))}</tbody>
                </table>
                {issues.length > 100 && (
                  <p class="utrecht-paragraph">De eerste 100 van {issues.length} staan hierboven.</p>
                )}
              </div>
            )}
          </section>
        );
      })}
    </section>
  );
}

function Matrix({ monitor }: { monitor: RoundMonitor }) {
  return (
    <div class="ggk-table-wrapper">
      <table class="utrecht-table ggk-monitor" data-testid="monitor-matrix">
        <caption class="utrecht-table__caption">
          Status per gemeente, bestandstype en halfjaar ({monitor.rows.length}{' '}
          {monitor.rows.length === 1 ? 'gemeente' : 'gemeenten'})
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <td class="utrecht-table__header-cell" colSpan={2} />
            {monitor.halfYears.map((h) => (
              <th
                class="utrecht-table__header-cell"
                scope="colgroup"
                colSpan={FILE_TYPES.length}
                key={h}
                id={`hj-${h}`}
              >
                {halfYearLabel(h)}
              </th>
            ))}
          </tr>
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col" id="kol-gemeente">
              Gemeente
            </th>
            <th class="utrecht-table__header-cell" scope="col" id="kol-provincie">
              Provincie
            </th>
            {monitor.halfYears.flatMap((h) =>
              FILE_TYPES.map((t) => (
                <th class="utrecht-table__header-cell" scope="col" key={cellKey(h, t)} id={`kol-${h}-${t}`}>
                  {FILE_TYPE_LABELS[t]}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {monitor.rows.map((row) => (
            <tr class="utrecht-table__row" key={row.gemeente.id}>
              <th class="utrecht-table__header-cell" scope="row" id={`g-${row.gemeente.gemeentecode}`}>
                {row.gemeente.name} ({row.gemeente.gemeentecode}){row.gemeente.is_pilot ? ', pilot' : ''}
              </th>
              <td class="utrecht-table__cell">{row.gemeente.province ?? '-'}</td>
              {monitor.halfYears.flatMap((h) =>
                FILE_TYPES.map((t) => {
                  const cell = row.cells.get(cellKey(h, t))!;
                  const label = CELL_STATE_LABELS[cell.state];
                  return (
                    <td
                      class={`utrecht-table__cell ggk-state ggk-state--${cell.state}`}
                      key={cellKey(h, t)}
                      data-state={cell.state}
                    >
                      {cell.latest ? (
                        <a
                          class="utrecht-link utrecht-link--html-a"
                          href={`/monitor/tijdlijn?gemeente=${row.gemeente.gemeentecode}&type=${t}&halfjaar=${h}`}
                          aria-label={`${label}: tijdlijn van ${FILE_TYPE_LABELS[t]}, ${halfYearLabel(h)}, ${row.gemeente.name}`}
                        >
                          {label}
                        </a>
                      ) : (
                        label
                      )}
                    </td>
                  );
                }),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function registerMonitoringRoutes(app: FastifyInstance, deps: AppDeps): void {
  const currentRound = () => findCurrentRound(deps.db, deps.now());
  const monitorOf = (round: Round, query: MonitorQuery) =>
    buildRoundMonitor(deps.db, round, filterOf(query), {
      now: deps.now(),
      reports: contentReportPlacements,
      closingWorkingDays: deps.config.reminders.closingWorkingDays,
    });

  const noRound = (request: FastifyRequest, reply: FastifyReply) =>
    sendPage(
      reply,
      200,
      <Layout title="Rondemonitor" ctx={pageContext(request, reply, deps)}>
        <h1 class="utrecht-heading-1">Rondemonitor</h1>
        <Notice>Er is geen aanleverronde ingesteld.</Notice>
      </Layout>,
    );

  app.get<{ Querystring: MonitorQuery }>('/monitor', { config: STAFF }, async (request, reply) => {
    const round = await currentRound();
    if (!round) return noRound(request, reply);
    const query = request.query;
    const filter = filterOf(query);
    const monitor = await monitorOf(round, query);
    const reminders = await listReminders(deps.db, { roundId: round.id });
    const ctx = pageContext(request, reply, deps);
    const now = deps.now();
    return sendPage(
      reply,
      200,
      <Layout title="Rondemonitor" ctx={ctx}>
        <h1 class="utrecht-heading-1">Rondemonitor</h1>
        <p class="utrecht-paragraph" data-testid="monitor-round">
          {round.name}: aanleveren van {formatDutchDateTime(round.deliveryOpensAt)} tot en met{' '}
          {formatDutchDateTime(round.deliveryClosesAt)}. {PHASE_TEXT[phaseOf(round, now)]} Stand op{' '}
          {formatDutchDateTime(now)}.
        </p>
        <form method="get" action="/monitor" class="ggk-form ggk-filters" novalidate aria-label="Filteren">
          <SelectField
            id="provincie"
            label="Provincie"
            placeholder="Alle provincies"
            value={filter.province ?? ''}
            options={monitor.provinces.map((p) => ({ value: p, label: p }))}
          />
          <SelectField
            id="samenwerkingsverband"
            label="Samenwerkingsverband"
            placeholder="Alle gemeenten"
            value={filter.collaborationId ?? ''}
            options={monitor.collaborations.map((c) => ({ value: c.id, label: c.name }))}
          />
          <SelectField
            id="pilot"
            label="Pilotdeelnemer"
            placeholder="Alle deelnemers"
            value={query.pilot ?? ''}
            options={[
              { value: 'ja', label: 'Alleen pilotdeelnemers' },
              { value: 'nee', label: 'Geen pilotdeelnemers' },
            ]}
          />
          <SelectField
            id="status"
            label="Status (gemeenten met ten minste één cel in deze status)"
            placeholder="Alle statussen"
            value={filter.state ?? ''}
            options={CELL_STATES.map((s) => ({ value: s, label: CELL_STATE_LABELS[s] }))}
          />
          <div>
            <Button variant="secondary">Filteren</Button>
          </div>
        </form>
        <p class="utrecht-paragraph">
          <a class="utrecht-link utrecht-link--html-a" href={`/monitor.csv${queryString(query)}`} download>
            Download deze selectie als CSV
          </a>
        </p>

        <section aria-labelledby="aantallen">
          <h2 class="utrecht-heading-2" id="aantallen">
            Aantallen per status
          </h2>
          <div class="ggk-table-wrapper">
            <table class="utrecht-table" data-testid="state-counts">
              <caption class="utrecht-table__caption">
                Cellen (gemeente × bestandstype × halfjaar) per status
                {filter.state ? ', vóór het filter op status' : ''}
              </caption>
              <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                  {CELL_STATES.map((s) => (
                    <th class="utrecht-table__header-cell" scope="col" key={s}>
                      {CELL_STATE_LABELS[s]}
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
            Aanleveringen per dag
          </h2>
          <DeliveriesPerDayChart
            perDay={monitor.perDay}
            pilotTarget={round.pilotTargetAt ? amsterdamDate(round.pilotTargetAt) : undefined}
          />
        </section>

        <ServiceLevels monitor={monitor} />

        <section aria-labelledby="herinneringen">
          <h2 class="utrecht-heading-2" id="herinneringen">
            Herinneringen
          </h2>
          <p class="utrecht-paragraph">
            De herinnering aan wie nog niet heeft aangeleverd gaat op{' '}
            {formatDutchDate(
              amsterdamInstant(closingReminderDate(round, deps.config.reminders.closingWorkingDays), '12:00'),
            )}{' '}
            ({deps.config.reminders.closingWorkingDays} werkdagen voor de sluiting). Verstuurd:{' '}
            {reminders.length}.
          </p>
        </section>

        <section aria-labelledby="matrix">
          <h2 class="utrecht-heading-2" id="matrix">
            Per gemeente
          </h2>
          {monitor.rows.length === 0 ? (
            <Notice>Geen gemeenten met deze filters.</Notice>
          ) : (
            <Matrix monitor={monitor} />
          )}
        </section>
      </Layout>,
    );
  });

  app.get<{ Querystring: MonitorQuery }>('/monitor.csv', { config: STAFF }, async (request, reply) => {
    const round = await currentRound();
    if (!round)
      return reply.status(404).type('text/plain; charset=utf-8').send('Er is geen aanleverronde ingesteld.');
    const monitor = await monitorOf(round, request.query);
    const rows = monitor.rows.flatMap((row) =>
      monitor.halfYears.flatMap((h) =>
        FILE_TYPES.map((t) => {
          const cell = row.cells.get(cellKey(h, t))!;
          return [
            row.gemeente.gemeentecode,
            row.gemeente.name,
            row.gemeente.province,
            row.collaborations.join(', '),
            row.gemeente.is_pilot ? 'ja' : 'nee',
            h,
            FILE_TYPE_LABELS[t],
            CELL_STATE_LABELS[cell.state],
            cell.inForce?.receiptNumber,
            cell.latest?.receiptNumber,
            cell.latest ? formatDutchDateTime(cell.latest.receivedAt) : '',
          ];
        }),
      ),
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="rondemonitor-${round.halfYear}.csv"`)
      .header('cache-control', 'no-store')
      .send(
        toCsv(
          [
            'gemeentecode',
            'gemeente',
            'provincie',
            'samenwerkingsverbanden',
            'pilotdeelnemer',
            'halfjaar',
            'bestandstype',
            'status',
            'ontvangstbewijs in werking',
            'laatste ontvangstbewijs',
            'laatst ontvangen',
          ],
          rows,
        ),
      );
  });

  app.get<{ Querystring: { gemeente?: string; type?: string; halfjaar?: string } }>(
    '/monitor/tijdlijn',
    { config: STAFF },
    async (request, reply) => {
      const ctx = pageContext(request, reply, deps);
      const round = await currentRound();
      if (!round) return noRound(request, reply);
      const { gemeente: code = '', type = '', halfjaar = '' } = request.query;
      const gemeente = /^\d{4}$/.test(code) ? await findGemeenteByCode(deps.db, code) : undefined;
      const problem = !gemeente
        ? `Gemeente "${code}" is niet bekend.`
        : !isFileType(type)
          ? `Bestandstype "${type}" bestaat niet; kies ${FILE_TYPES.join(', ')}.`
          : !halfYearsOf(round).includes(halfjaar)
            ? `Halfjaar "${halfjaar}" hoort niet bij ${round.name}.`
            : undefined;
      if (problem || !gemeente || !isFileType(type)) {
        return sendPage(
          reply,
          400,
          <Layout title="Tijdlijn" ctx={ctx}>
            <h1 class="utrecht-heading-1">Tijdlijn</h1>
            <Notice kind="warning">{problem}</Notice>
            <p class="utrecht-paragraph">
              <a class="utrecht-link utrecht-link--html-a" href="/monitor">
                Terug naar de rondemonitor
              </a>
            </p>
          </Layout>,
        );
      }
      const timeline = await buildCellTimeline(
        deps.db,
        round,
        { gemeenteId: gemeente.id, fileType: type, halfYear: halfjaar },
        { reports: contentReportPlacements },
      );
      const title = `${gemeente.name}, ${FILE_TYPE_LABELS[type]}, ${halfYearLabel(halfjaar)}`;
      return sendPage(
        reply,
        200,
        <Layout title={`Tijdlijn ${title}`} ctx={ctx}>
          <h1 class="utrecht-heading-1">Tijdlijn: {title}</h1>
          <p class="utrecht-paragraph" data-testid="cell-state">
            Status: <strong>{CELL_STATE_LABELS[timeline.outcome.state]}</strong>
            {timeline.outcome.inForce ? ` (in werking: ${timeline.outcome.inForce.receiptNumber})` : ''}
          </p>
          {timeline.events.length === 0 ? (
            <Notice>Voor deze gemeente, dit bestandstype en dit halfjaar is niets aangeleverd.</Notice>
          ) : (
            <ol class="utrecht-ordered-list ggk-timeline" data-testid="timeline">
              {timeline.events.map((e, i) => (
                <li class="utrecht-ordered-list__item" key={i}>
                  <time dateTime={e.at.toISOString()}>{formatDutchDateTime(e.at)}</time>:{' '}
                  <a class="utrecht-link utrecht-link--html-a" href={`/aanleveringen/${e.deliveryId}`}>
                    {e.text}
                  </a>
                </li>
              ))}
            </ol>
          )}
          <p class="utrecht-paragraph">
            <a class="utrecht-link utrecht-link--html-a" href="/monitor">
              Terug naar de rondemonitor
            </a>
          </p>
        </Layout>,
      );
    },
  );
}
