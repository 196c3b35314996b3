// The round monitor for the operator and CBS: the matrix of participating gemeenten × file type ×
// half year with the state of each cell, counts per state, deliveries per day through the window,
// the service levels, and the timeline of one cell.
import { amsterdamDate } from '../../platform/time/amsterdam-time.ts';
import type { Db } from '../database-schema.ts';
import { findSpec } from '../specs/index.ts';
import type { Spec } from '../validation/index.ts';
import {
  addWorkingDays,
  halfYearBounds,
  halfYearsOf,
  phaseOf,
  type Round,
  type RoundWindows,
} from '../periods/index.ts';
import {
  loadClassification,
  type MunicipalClassification,
  type Predecessor,
} from '../classification/index.ts';
import {
  CELL_STATES,
  DOMAIN_FILE_TYPES,
  FILE_TYPES,
  cbsReceiptDueAt,
  computeServiceLevels,
  deriveCellState,
  erasureDueAt,
  fileTypesFromNames,
  handoverStateOf,
  isFileType,
  pilotTargetStatusOf,
  reportFetchDueAt,
  withRegularRoute,
  type CellDelivery,
  type CellOutcome,
  type CellState,
  type DeliveryTiming,
  type FileType,
  type HandoverLevels,
  type HandoverState,
  type HandoverTiming,
  type ParticipantActivity,
  type PilotTargetStatus,
  type ServiceLevelIssue,
} from './monitoring-rules.ts';
import {
  listContentReportPlacements,
  listHandoverTimings,
  listParticipantOrganisations,
  listParticipatingGemeenten,
  listParticipatingMemberships,
  listRegularRoutes,
  listRoundDeliveries,
  readMonitorVersion,
  type MembershipRow,
  type MonitorGemeenteRow,
  type ParticipantOrganisationRow,
  type RegularRouteRow,
  type RoundDeliveryRow,
} from './monitoring-repository.ts';

/** When the op-orde report of a delivery's file was placed and first fetched (the reports module's data). */
export interface ReportPlacement {
  placedAt: Date;
  fetchedAt: Date | null;
}

/**
 * Where the op-orde report placements come from, keyed by delivery id (one op-orde report per approved delivery). Absent: ggk
 * does not track op-orde reports (yet), and no report states or report service levels are derived.
 */
export type ReportPlacementSource = (
  db: Db,
  deliveryIds: readonly string[],
) => Promise<Map<string, ReportPlacement>>;

/** The op-orde reports of the reports module (content_reports), with their first fetch. */
export const contentReportPlacements: ReportPlacementSource = async (db, deliveryIds) => {
  const rows = await listContentReportPlacements(db, deliveryIds);
  return new Map(rows.map((r) => [r.delivery_id, { placedAt: r.placed_at, fetchedAt: r.fetched_at }]));
};

export interface MonitorFilter {
  province?: string | undefined;
  collaborationId?: string | undefined;
  pilot?: boolean | undefined;
  state?: CellState | undefined;
}

export interface MonitorRow {
  gemeente: MonitorGemeenteRow;
  collaborations: string[];
  /** Keyed `${halfYear}|${fileType}`. */
  cells: Map<string, CellOutcome>;
  /**
   * The gemeenten this one succeeded after a half year of the round (decision 0028), shown under it:
   * each with the cells of the files its successor delivered under its code.
   */
  predecessors: Array<Predecessor & { cells: Map<string, CellOutcome> }>;
  /** A pilot participant's standing against the round's pilot target date (undefined: no pilot, or no date). */
  pilotTarget: PilotTargetStatus | undefined;
}

export interface RoundMonitor {
  round: Round;
  halfYears: string[];
  rows: MonitorRow[];
  /** Cells per state over the rows that pass the province, collaboration and pilot filters. */
  counts: Record<CellState, number>;
  provinces: string[];
  collaborations: Array<{ id: string; name: string }>;
  perDay: Array<{ date: string; count: number }>;
  serviceLevels: ServiceLevelIssue[];
  reportsTracked: boolean;
  /** Where the hand-over to CBS of each offered delivery stands, by delivery id (when asked for). */
  handover: Map<string, HandoverState> | undefined;
  /** The participants marked as "geleverd via de reguliere route" for the round. */
  regularRoutes: RegularRouteRow[];
}

export function cellKey(halfYear: string, fileType: FileType): string {
  return `${halfYear}|${fileType}`;
}

/**
 * The cells (`${gemeenteId}|${cellKey}`) that the marked participants deliver for the round's half
 * year: a samenwerkingsverband its members' file types of its domain, a gemeente the file types no
 * participating samenwerkingsverband delivers for it.
 */
export function regularRouteCells(
  halfYear: string,
  marks: readonly Pick<RegularRouteRow, 'organisation_id'>[],
  participants: readonly Pick<ParticipantOrganisationRow, 'id' | 'kind'>[],
  memberships: readonly Pick<MembershipRow, 'collaboration_id' | 'gemeente_id' | 'domain'>[],
): Set<string> {
  const marked = new Set(marks.map((m) => m.organisation_id));
  const covered = new Set<string>();
  const cells = new Set<string>();
  for (const m of memberships)
    for (const type of DOMAIN_FILE_TYPES[m.domain]) {
      covered.add(`${m.gemeente_id}|${type}`);
      if (marked.has(m.collaboration_id)) cells.add(`${m.gemeente_id}|${cellKey(halfYear, type)}`);
    }
  for (const p of participants)
    if (p.kind === 'gemeente' && marked.has(p.id))
      for (const type of FILE_TYPES)
        if (!covered.has(`${p.id}|${type}`)) cells.add(`${p.id}|${cellKey(halfYear, type)}`);
  return cells;
}

/** The cells a delivery touches: per judged file its type and period, else the types its names suggest. */
function cellsOf(
  d: RoundDeliveryRow,
  spec: Spec | undefined,
): Array<{ key: string; fileStatus: 'approved' | 'rejected' | null; type: FileType; code: string | null }> {
  if (d.judged.length > 0) {
    return d.judged
      .filter((j) => isFileType(j.type))
      .map((j) => ({
        key: cellKey(j.period ?? d.half_year, j.type as FileType),
        fileStatus: j.status,
        type: j.type as FileType,
        code: j.gemeentecode ?? null,
      }));
  }
  return fileTypesFromNames(d.file_names, spec).map((type) => ({
    key: cellKey(d.half_year, type),
    fileStatus: null,
    type,
    code: null,
  }));
}

function toCellDelivery(
  d: RoundDeliveryRow,
  type: FileType,
  fileStatus: 'approved' | 'rejected' | null,
  reports: Map<string, ReportPlacement> | undefined,
): CellDelivery {
  const placement = reports?.get(d.id);
  return {
    deliveryId: d.id,
    receiptNumber: d.receipt_number,
    receivedAt: d.received_at,
    deliveryState: d.state,
    fileStatus,
    ...(reports
      ? { reportPlacedAt: placement?.placedAt ?? null, reportFetchedAt: placement?.fetchedAt ?? null }
      : {}),
  };
}

/**
 * Per gemeente id, per cell key, the deliveries that touch it. With `byCode`, keyed
 * `${gemeenteId}|${code}` instead: the files about another code than the gemeente's own (a merged
 * gemeente's files under a predecessor's code).
 */
function groupByCell(
  deliveries: readonly RoundDeliveryRow[],
  reports: Map<string, ReportPlacement> | undefined,
  spec: Spec | undefined,
  byCode = false,
): Map<string, Map<string, CellDelivery[]>> {
  const byGemeente = new Map<string, Map<string, CellDelivery[]>>();
  for (const d of deliveries) {
    for (const c of cellsOf(d, spec)) {
      if (byCode && (c.code === null || c.code === d.gemeentecode)) continue;
      const group = byCode ? `${d.gemeente_id}|${c.code}` : d.gemeente_id;
      let cells = byGemeente.get(group);
      if (!cells) byGemeente.set(group, (cells = new Map()));
      const list = cells.get(c.key) ?? [];
      list.push(toCellDelivery(d, c.type, c.fileStatus, reports));
      cells.set(c.key, list);
    }
  }
  return byGemeente;
}

/** The predecessors of a gemeente before any half year of the round (none when a year has no classification). */
function predecessorsInRound(
  classification: MunicipalClassification,
  gemeentecode: string,
  halfYears: readonly string[],
): readonly Predecessor[] {
  // The classification is read once and never changes: its answers are kept with it (issue 21: asked
  // for every gemeente on every monitor page), bounded per classification.
  let known = predecessorsKnown.get(classification);
  if (!known) predecessorsKnown.set(classification, (known = new Map()));
  const key = `${gemeentecode}|${halfYears.join(',')}`;
  const cached = known.get(key);
  if (cached) return cached;
  const answer = findPredecessorsInRound(classification, gemeentecode, halfYears);
  if (known.size >= 10_000) known.clear();
  known.set(key, answer);
  return answer;
}
const predecessorsKnown = new WeakMap<MunicipalClassification, Map<string, readonly Predecessor[]>>();

function findPredecessorsInRound(
  classification: MunicipalClassification,
  gemeentecode: string,
  halfYears: readonly string[],
): readonly Predecessor[] {
  const found = new Map<string, Predecessor>();
  for (const h of halfYears) {
    try {
      for (const p of classification.predecessorsOf(gemeentecode, halfYearBounds(h).end))
        if (!found.has(p.gemeentecode)) found.set(p.gemeentecode, p);
    } catch {
      // No classification for that year: nothing to show.
    }
  }
  return [...found.values()].sort((a, b) => a.gemeentecode.localeCompare(b.gemeentecode));
}

/** The state of every cell of a round that has a delivery, per gemeente id and cell key. */
export async function deriveRoundCells(
  db: Db,
  round: Round,
  reportSource: ReportPlacementSource | undefined,
): Promise<Map<string, Map<string, CellOutcome>>> {
  const deliveries = await listRoundDeliveries(db, round.id);
  const reports = reportSource
    ? await reportSource(
        db,
        deliveries.map((d) => d.id),
      )
    : undefined;
  const out = new Map<string, Map<string, CellOutcome>>();
  for (const [gemeenteId, cells] of groupByCell(deliveries, reports, findSpec(round.specVersion))) {
    out.set(gemeenteId, new Map([...cells].map(([key, list]) => [key, deriveCellState(list)])));
  }
  return out;
}

export interface MonitorOptions {
  now: Date;
  /** Who succeeded whom (decision 0028); the shipped classification when absent. */
  classification?: MunicipalClassification | undefined;
  reports?: ReportPlacementSource | undefined;
  /** The hand-over's service levels; absent: the hand-over to CBS is not monitored. */
  handover?: HandoverLevels | undefined;
  /** Participants without any delivery are flagged this many working days before the close. */
  closingWorkingDays: number;
}

export async function buildRoundMonitor(
  db: Db,
  round: Round,
  filter: MonitorFilter,
  options: MonitorOptions,
): Promise<RoundMonitor> {
  return deriveRoundMonitor(await readRoundMonitor(db, round, options), filter, options);
}

/**
 * What the monitor of a round reads from the database, with everything derived from it that neither
 * the moment (`now`) nor the filter changes: the state of every cell, the predecessors and their
 * cells, the timings of the service levels. It is the same for every viewer (the monitor has no
 * per-organisation view: operator and CBS see it all) and is never changed once made, so one copy
 * can serve many requests (RoundMonitorCache).
 */
export interface RoundMonitorData {
  round: Round;
  halfYears: string[];
  gemeenten: MonitorGemeenteRow[];
  /** Per gemeente id: the state of each of its cells (regular-route marks applied), unfiltered. */
  cellsOf: Map<string, Map<string, CellOutcome>>;
  predecessorsOf: Map<string, MonitorRow['predecessors']>;
  collaborationsOf: Map<string, string[]>;
  collaborationMembers: Map<string, Set<string>>;
  firstApprovedOf: Map<string, Date>;
  marked: Set<string>;
  /** Per delivery: its gemeente and the Amsterdam date it was received (the chart). */
  receivedDays: Array<{ gemeenteId: string; date: string }>;
  timings: DeliveryTiming[];
  handoverTimings: HandoverTiming[];
  participants: ParticipantActivity[];
  provinces: string[];
  collaborations: Array<{ id: string; name: string }>;
  reportsTracked: boolean;
  regularRoutes: RegularRouteRow[];
  /**
   * The instants (epoch ms, ascending) at which a monitor derived from this data may change as time
   * passes (momentsOf): between two of them, and within one Amsterdam day, the monitor is the same.
   */
  moments: number[];
}

/**
 * Every instant at which something the monitor derives from `now` may change: each open step's due
 * time (technical notice, op-orde report, fetch by a pilot participant, CBS's receipt and erasure),
 * the pilot target date and the round's window edges. Each both as itself and 1 ms later, so it holds
 * whether a rule compares with `>` or `>=`. A step that is done no longer depends on the moment
 * (lateness compares its done time with its due time). Besides these, only the Amsterdam date of
 * `now` matters (working days until the close), which the caller keys by separately (monitorStamp).
 */
export function momentsOf(
  round: RoundWindows,
  timings: readonly DeliveryTiming[],
  handoverTimings: readonly HandoverTiming[],
  levels: HandoverLevels | undefined,
): number[] {
  const at = new Set<number>();
  const add = (instant: Date | null | undefined) => {
    if (!instant) return;
    at.add(instant.getTime());
    at.add(instant.getTime() + 1);
  };
  add(round.deliveryOpensAt);
  add(round.deliveryClosesAt);
  add(round.withdrawalOpensAt);
  add(round.withdrawalClosesAt);
  add(round.pilotTargetAt);
  for (const d of timings) {
    if (d.checkedAt === null) add(d.technicalNoticeDueAt);
    if (d.contentReportDueAt && !d.reportPlacedAt) add(d.contentReportDueAt);
    if (d.reportPlacedAt && !d.reportFetchedAt) add(reportFetchDueAt(d.reportPlacedAt));
  }
  if (levels)
    for (const h of handoverTimings) {
      if (!h.receivedByCbsAt) add(cbsReceiptDueAt(h.offeredAt, levels));
      if (h.withdrawnAt && !h.erasureConfirmedAt) add(erasureDueAt(h.withdrawnAt, levels));
    }
  return [...at].sort((a, b) => a - b);
}

/** How many of the (ascending) moments are at or before `now`: the stretch of time `now` is in. */
export function stretchOf(moments: readonly number[], now: Date): number {
  const t = now.getTime();
  let lo = 0;
  let hi = moments.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (moments[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Reads a round's monitor data (see RoundMonitorData). */
export async function readRoundMonitor(
  db: Db,
  round: Round,
  options: Pick<MonitorOptions, 'classification' | 'reports' | 'handover'>,
): Promise<RoundMonitorData> {
  const halfYears = halfYearsOf(round);
  const referenceDate = amsterdamDate(round.deliveryOpensAt);
  const [gemeenten, memberships, deliveries, participants, regularRoutes, handoverRows] = await Promise.all([
    listParticipatingGemeenten(db, round.id),
    listParticipatingMemberships(db, round.id, referenceDate),
    listRoundDeliveries(db, round.id),
    listParticipantOrganisations(db, round.id),
    listRegularRoutes(db, round.id),
    options.handover ? listHandoverTimings(db, round.id) : Promise.resolve(undefined),
  ]);
  const regularCells = regularRouteCells(round.halfYear, regularRoutes, participants, memberships);
  const reports = options.reports
    ? await options.reports(
        db,
        deliveries.map((d) => d.id),
      )
    : undefined;
  const collaborationsOf = new Map<string, Set<string>>();
  const collaborationMembers = new Map<string, Set<string>>();
  for (const m of memberships) {
    (
      collaborationsOf.get(m.gemeente_id) ??
      collaborationsOf.set(m.gemeente_id, new Set()).get(m.gemeente_id)!
    ).add(m.collaboration_name);
    (
      collaborationMembers.get(m.collaboration_id) ??
      collaborationMembers.set(m.collaboration_id, new Set()).get(m.collaboration_id)!
    ).add(m.gemeente_id);
  }
  const grouped = groupByCell(deliveries, reports, findSpec(round.specVersion));
  const groupedByCode = groupByCell(deliveries, reports, findSpec(round.specVersion), true);
  const classification = options.classification ?? loadClassification();
  const marked = new Set(regularRoutes.map((r) => r.organisation_id));
  const deliveriesPerOrganisation = new Map<string, number>();
  // The pilot target date counts only a delivery with an approved file (in force): a rejected
  // or withdrawn one sent before it is no delivery by it (issue 18).
  const firstApprovedOf = new Map<string, Date>();
  for (const d of deliveries) {
    for (const id of new Set([d.organisation_id, d.gemeente_id])) {
      deliveriesPerOrganisation.set(id, (deliveriesPerOrganisation.get(id) ?? 0) + 1);
      if (d.state !== 'approved') continue;
      const first = firstApprovedOf.get(id);
      if (!first || d.received_at < first) firstApprovedOf.set(id, d.received_at);
    }
  }
  const cellsOf = new Map<string, Map<string, CellOutcome>>();
  const predecessorsOf = new Map<string, MonitorRow['predecessors']>();
  for (const g of gemeenten) {
    const cells = new Map<string, CellOutcome>();
    const ofGemeente = grouped.get(g.id);
    for (const h of halfYears)
      for (const t of FILE_TYPES) {
        const derived = deriveCellState(ofGemeente?.get(cellKey(h, t)) ?? []);
        cells.set(
          cellKey(h, t),
          regularCells.has(`${g.id}|${cellKey(h, t)}`) ? withRegularRoute(derived) : derived,
        );
      }
    cellsOf.set(g.id, cells);
    // Predecessors are no participants: they are shown under their successor, which delivers for them.
    predecessorsOf.set(
      g.id,
      predecessorsInRound(classification, g.gemeentecode, halfYears).map((p) => {
        const ofCode = groupedByCode.get(`${g.id}|${p.gemeentecode}`);
        const own = new Map<string, CellOutcome>();
        for (const h of halfYears)
          for (const t of FILE_TYPES)
            own.set(cellKey(h, t), deriveCellState(ofCode?.get(cellKey(h, t)) ?? []));
        return { ...p, cells: own };
      }),
    );
  }

  const pilotOrganisations = new Set(participants.filter((p) => p.is_pilot).map((p) => p.id));
  const timings: DeliveryTiming[] = deliveries.map((d): DeliveryTiming => {
    // One op-orde report per approved delivery (covering its files).
    const placement = reports?.get(d.id);
    return {
      deliveryId: d.id,
      receiptNumber: d.receipt_number,
      organisationName: d.organisation_name,
      gemeenteName: d.gemeente_name,
      isPilot: pilotOrganisations.has(d.organisation_id),
      state: d.state,
      receivedAt: d.received_at,
      checkedAt: d.checked_at,
      technicalNoticeDueAt: d.technical_notice_due_at,
      contentReportDueAt: d.content_report_due_at,
      fileType: null,
      ...(reports && d.state === 'approved'
        ? { reportPlacedAt: placement?.placedAt ?? null, reportFetchedAt: placement?.fetchedAt ?? null }
        : {}),
    };
  });
  const timingOf = new Map(timings.map((x) => [x.deliveryId, x]));
  const handoverTimings: HandoverTiming[] = (handoverRows ?? []).flatMap((h) => {
    const delivery = timingOf.get(h.delivery_id);
    return delivery
      ? [
          {
            delivery,
            offeredAt: h.offered_at,
            receivedByCbsAt: h.received_by_cbs_at,
            withdrawnAt: h.withdrawn_at,
            erasureConfirmedAt: h.erasure_confirmed_at,
          },
        ]
      : [];
  });

  return {
    round,
    halfYears,
    gemeenten,
    cellsOf,
    predecessorsOf,
    collaborationsOf: new Map([...collaborationsOf].map(([id, names]) => [id, [...names].sort()])),
    collaborationMembers,
    firstApprovedOf,
    marked,
    receivedDays: deliveries.map((d) => ({ gemeenteId: d.gemeente_id, date: amsterdamDate(d.received_at) })),
    timings,
    handoverTimings,
    participants: participants.map((p) => ({
      organisationId: p.id,
      name: p.gemeentecode ? `${p.name} (${p.gemeentecode})` : p.name,
      isPilot: p.is_pilot,
      deliveries: deliveriesPerOrganisation.get(p.id) ?? 0,
      regularRoute: marked.has(p.id),
      firstDeliveryAt: firstApprovedOf.get(p.id) ?? null,
    })),
    provinces: [...new Set(gemeenten.map((g) => g.province).filter((p): p is string => !!p))].sort((a, b) =>
      a.localeCompare(b, 'nl'),
    ),
    collaborations: [...new Map(memberships.map((m) => [m.collaboration_id, m.collaboration_name]))].map(
      ([id, name]) => ({ id, name }),
    ),
    reportsTracked: reports !== undefined,
    regularRoutes,
    moments: momentsOf(round, timings, handoverTimings, options.handover),
  };
}

/** The monitor at `now` through `filter`, from a round's data (which it does not change). */
export function deriveRoundMonitor(
  data: RoundMonitorData,
  filter: MonitorFilter,
  options: Pick<MonitorOptions, 'now' | 'handover' | 'closingWorkingDays'>,
): RoundMonitor {
  const { round, halfYears } = data;
  const counts = Object.fromEntries(CELL_STATES.map((s) => [s, 0])) as Record<CellState, number>;
  const rows: MonitorRow[] = [];
  for (const g of data.gemeenten) {
    if (filter.province && g.province !== filter.province) continue;
    if (filter.collaborationId && !data.collaborationMembers.get(filter.collaborationId)?.has(g.id)) continue;
    if (filter.pilot !== undefined && g.is_pilot !== filter.pilot) continue;
    const cells = data.cellsOf.get(g.id)!;
    for (const outcome of cells.values()) counts[outcome.state] += 1;
    if (filter.state && ![...cells.values()].some((c) => c.state === filter.state)) continue;
    rows.push({
      gemeente: g,
      collaborations: data.collaborationsOf.get(g.id) ?? [],
      cells,
      predecessors: data.predecessorsOf.get(g.id) ?? [],
      pilotTarget:
        g.is_pilot && round.pilotTargetAt
          ? pilotTargetStatusOf(
              round.pilotTargetAt,
              data.firstApprovedOf.get(g.id) ?? null,
              data.marked.has(g.id),
              options.now,
            )
          : undefined,
    });
  }

  const shownGemeenten = new Set(rows.map((r) => r.gemeente.id));
  const perDay = countPerDayOfDates(
    round,
    data.receivedDays.filter((d) => shownGemeenten.has(d.gemeenteId)).map((d) => d.date),
  );
  const handover = options.handover
    ? new Map(
        data.handoverTimings.map((h) => [
          h.delivery.deliveryId,
          handoverStateOf(h, options.handover!, options.now),
        ]),
      )
    : undefined;
  const serviceLevels = computeServiceLevels({
    now: options.now,
    round,
    deliveries: data.timings,
    participants: data.participants,
    closingWorkingDays: options.closingWorkingDays,
    handover: options.handover ? { timings: data.handoverTimings, levels: options.handover } : undefined,
  });

  return {
    round,
    halfYears,
    rows,
    counts,
    provinces: data.provinces,
    collaborations: data.collaborations,
    perDay,
    serviceLevels,
    reportsTracked: data.reportsTracked,
    handover,
    regularRoutes: data.regularRoutes,
  };
}

/** Deliveries received per Amsterdam calendar day, for every day of the delivery window. */
export function countPerDay(
  round: Pick<Round, 'deliveryOpensAt' | 'deliveryClosesAt'>,
  receivedAt: readonly Date[],
): Array<{ date: string; count: number }> {
  return countPerDayOfDates(
    round,
    receivedAt.map((at) => amsterdamDate(at)),
  );
}

/** As countPerDay, from the Amsterdam dates (YYYY-MM-DD) the deliveries were received on. */
function countPerDayOfDates(
  round: Pick<Round, 'deliveryOpensAt' | 'deliveryClosesAt'>,
  receivedOn: readonly string[],
): Array<{ date: string; count: number }> {
  const first = amsterdamDate(round.deliveryOpensAt);
  const last = amsterdamDate(round.deliveryClosesAt);
  const days: Array<{ date: string; count: number }> = [];
  const index = new Map<string, number>();
  for (let d = first; d <= last; d = nextDay(d)) {
    index.set(d, days.length);
    days.push({ date: d, count: 0 });
  }
  for (const date of receivedOn) {
    const i = index.get(date);
    if (i !== undefined) days[i]!.count += 1;
  }
  return days;
}

function nextDay(date: string): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + 1);
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * One thing that happened to a delivery of a cell. Codes and facts only: the page puts them into words
 * in the visitor's language.
 */
export type TimelineEvent = { at: Date; deliveryId: string; receiptNumber: string } & (
  | {
      kind: 'received';
      organisationName: string;
      /** Who uploaded it in the portal, or null (via the API, or not known). */
      uploaderName: string | null;
      channel: RoundDeliveryRow['channel'];
      withoutStoredFile: boolean;
    }
  | { kind: 'checked'; approved: boolean }
  | { kind: 'notified' | 'report_placed' | 'report_fetched' | 'withdrawn' }
);

/** The deliveries of one cell, oldest first, with what happened to each, and the cell's state. */
export async function buildCellTimeline(
  db: Db,
  round: Round,
  input: { gemeenteId: string; fileType: FileType; halfYear: string },
  options: { reports?: ReportPlacementSource | undefined },
): Promise<{
  outcome: CellOutcome;
  deliveries: RoundDeliveryRow[];
  events: TimelineEvent[];
  /** The mark that makes this cell count as delivered via the regular route, if any. */
  regularRoute: RegularRouteRow | undefined;
}> {
  const all = await listRoundDeliveries(db, round.id, { gemeenteIds: [input.gemeenteId] });
  const reports = options.reports
    ? await options.reports(
        db,
        all.map((d) => d.id),
      )
    : undefined;
  const key = cellKey(input.halfYear, input.fileType);
  const spec = findSpec(round.specVersion);
  const touching = all.filter((d) => cellsOf(d, spec).some((c) => c.key === key));
  const grouped = groupByCell(touching, reports, spec).get(input.gemeenteId)?.get(key) ?? [];
  const regularRoute = await regularRouteOfCell(db, round, input);
  const outcome = regularRoute ? withRegularRoute(deriveCellState(grouped)) : deriveCellState(grouped);
  const events: TimelineEvent[] = [];
  for (const d of touching) {
    const of = { deliveryId: d.id, receiptNumber: d.receipt_number };
    events.push({
      ...of,
      at: d.received_at,
      kind: 'received',
      organisationName: d.organisation_name,
      uploaderName: d.uploader_name,
      channel: d.channel,
      withoutStoredFile: d.file_names.length === 0,
    });
    const file = d.judged.find(
      (j) => j.type === input.fileType && (j.period ?? d.half_year) === input.halfYear,
    );
    if (d.checked_at) {
      events.push({ ...of, at: d.checked_at, kind: 'checked', approved: file?.status === 'approved' });
    }
    if (d.notified_at) events.push({ ...of, at: d.notified_at, kind: 'notified' });
    const placement = reports?.get(d.id);
    if (placement) {
      events.push({ ...of, at: placement.placedAt, kind: 'report_placed' });
      if (placement.fetchedAt) events.push({ ...of, at: placement.fetchedAt, kind: 'report_fetched' });
    }
    if (d.state === 'withdrawn') {
      events.push({ ...of, at: d.checked_at ?? d.received_at, kind: 'withdrawn' });
    }
  }
  events.sort((a, b) => +a.at - +b.at);
  return { outcome, deliveries: touching, events, regularRoute };
}

/** The regular-route mark covering one cell (of the round's own half year), if any. */
async function regularRouteOfCell(
  db: Db,
  round: Round,
  input: { gemeenteId: string; fileType: FileType; halfYear: string },
): Promise<RegularRouteRow | undefined> {
  if (input.halfYear !== round.halfYear) return undefined;
  const marks = await listRegularRoutes(db, round.id);
  if (marks.length === 0) return undefined;
  const [participants, memberships] = await Promise.all([
    listParticipantOrganisations(db, round.id),
    listParticipatingMemberships(db, round.id, amsterdamDate(round.deliveryOpensAt)),
  ]);
  const key = `${input.gemeenteId}|${cellKey(input.halfYear, input.fileType)}`;
  return marks.find((m) => regularRouteCells(round.halfYear, [m], participants, memberships).has(key));
}

/** The date the closing reminder goes out: `workingDays` working days before the close. */
export function closingReminderDate(round: Pick<Round, 'deliveryClosesAt'>, workingDays: number): string {
  return addWorkingDays(amsterdamDate(round.deliveryClosesAt), -workingDays);
}

/**
 * The monitor's data of the rounds asked for lately, each kept with the monitor's version (migration
 * 0031-a) read just before the data: a request reads the version (one row) and derives its monitor
 * from the kept data while the version is the same, else reads the data again. Every transaction
 * that changes what the monitor reads changes the version in its own commit, so after that commit
 * no request is answered from data read before it: the monitor is never staler than a fresh read
 * (issue 21: the data of a round at the surge's scale cost ~80 ms of CPU per request to read and
 * prepare). Requests that find the same new version share one read. What depends on the moment
 * (service levels, lateness) and on the filter is derived per request.
 */
/** One per app: the options of its requests (report source, hand-over, classification) are the same. */
export interface RoundMonitorCache {
  monitorOf(db: Db, round: Round, filter: MonitorFilter, options: MonitorOptions): Promise<RoundMonitor>;
  /** The round's monitor at `options.now`, through any filter, with its stamp (MonitorView). */
  viewOf(db: Db, round: Round, options: MonitorOptions): Promise<MonitorView>;
}

/**
 * The monitor of a round at one moment, through any filter. `stamp` is the same for two views only
 * when every monitor they derive is the same for the same filter: the same round, data read under
 * the same monitor version, `now` in the same stretch between two of the data's moments (momentsOf)
 * and on the same Amsterdam date. So what is made of a view (a rendered page part) may be kept under
 * its stamp and given to a later view with that stamp. Undefined: nothing may be kept.
 */
export interface MonitorView {
  stamp: string | undefined;
  monitor(filter: MonitorFilter): RoundMonitor;
}

export function createRoundMonitorCache(maxRounds = 4): RoundMonitorCache {
  const kept = new Map<string, { version: string; data: Promise<RoundMonitorData> }>();
  const viewOf = async (db: Db, round: Round, options: MonitorOptions): Promise<MonitorView> => {
    const version = await readMonitorVersion(db);
    // No version (a sum over no counters: they are made by migration 0032-b and never deleted): nothing
    // can be kept.
    if (version === '') {
      const data = await readRoundMonitor(db, round, options);
      return { stamp: undefined, monitor: (filter) => deriveRoundMonitor(data, filter, options) };
    }
    // The round's own fields are in the key too: rounds are read per request, and an edited round
    // bumps the version anyway.
    const key = JSON.stringify(round);
    let entry = kept.get(key);
    if (!entry || entry.version !== version) {
      const made = { version, data: readRoundMonitor(db, round, options) };
      entry = made;
      kept.delete(key);
      kept.set(key, made);
      // A failed read is not kept: the next request reads again.
      made.data.catch(() => {
        if (kept.get(key) === made) kept.delete(key);
      });
      while (kept.size > maxRounds) kept.delete(kept.keys().next().value!);
    }
    const data = await entry.data;
    const { now } = options;
    return {
      stamp: [
        key,
        version,
        stretchOf(data.moments, now),
        amsterdamDate(now),
        phaseOf(round, now),
        options.closingWorkingDays,
      ].join('\u0000'),
      monitor: (filter) => deriveRoundMonitor(data, filter, options),
    };
  };
  return {
    viewOf,
    async monitorOf(db, round, filter, options) {
      return (await viewOf(db, round, options)).monitor(filter);
    },
  };
}
