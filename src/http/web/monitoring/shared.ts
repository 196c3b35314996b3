// What the round monitor's routes share: who may see them, the filter of the matrix and its CSV,
// the labels of states and file types, and where a cell's hand-over to CBS stands.
import { z } from 'zod';
import {
  CELL_STATES,
  FILE_TYPES,
  contentReportPlacements,
  createRoundMonitorCache,
  isCellState,
  type CellOutcome,
  type HandoverState,
  type MonitorFilter,
  type PilotTargetStatus,
  type RoundMonitor,
  type RoundMonitorCache,
} from '../../../modules/monitoring/index.ts';
import { findCurrentRound, type Round } from '../../../modules/periods/index.ts';
import { formatDateTime, type Locale, type Translate } from '../../../modules/i18n/index.ts';
import type { AppDeps } from '../../app.ts';

export const STAFF = { access: { kind: 'staff', roles: ['operator', 'cbs'] } } as const;

/** The matrix filter (the monitor page and its CSV); a value the filter does not know is ignored. */
export const monitorQuery = z.object({
  provincie: z.string().max(200).optional(),
  samenwerkingsverband: z.string().max(200).optional(),
  pilot: z.string().max(200).optional(),
  status: z.string().max(200).optional(),
  /** The page of the matrix (the page only; the CSV is always complete). */
  pagina: z.string().max(10).optional(),
});
export type MonitorQuery = z.output<typeof monitorQuery>;

export function filterOf(query: MonitorQuery): MonitorFilter {
  return {
    province: query.provincie || undefined,
    collaborationId: /^[0-9a-f-]{36}$/.test(query.samenwerkingsverband ?? '')
      ? query.samenwerkingsverband
      : undefined,
    pilot: query.pilot === 'ja' ? true : query.pilot === 'nee' ? false : undefined,
    state: query.status && isCellState(query.status) ? query.status : undefined,
  };
}

export const currentRound = (deps: AppDeps, now = deps.now()) => findCurrentRound(deps.db, now);

/** One cache of the monitor's data per database handle, so per app (a test's apps never share one). */
const caches = new WeakMap<object, RoundMonitorCache>();

function monitorOptions(deps: AppDeps, now: Date) {
  return {
    now,
    reports: contentReportPlacements,
    closingWorkingDays: deps.config.reminders.closingWorkingDays,
    handover: deps.config.cbs,
  };
}

function monitorCache(deps: AppDeps): RoundMonitorCache {
  let cache = caches.get(deps.db);
  if (!cache) caches.set(deps.db, (cache = createRoundMonitorCache()));
  return cache;
}

export const monitorOf = (deps: AppDeps, round: Round, query: MonitorQuery) =>
  monitorCache(deps).monitorOf(deps.db, round, filterOf(query), monitorOptions(deps, deps.now()));

/** The round's monitor at `now` through any filter, with the stamp to keep what is made of it under. */
export const monitorViewOf = (deps: AppDeps, round: Round, now: Date) =>
  monitorCache(deps).viewOf(deps.db, round, monitorOptions(deps, now));

type CellState = (typeof CELL_STATES)[number];
type FileType = (typeof FILE_TYPES)[number];

export const stateLabel = (t: Translate, state: CellState) => t(`monitoring.state.${state}`);
export const typeLabel = (t: Translate, type: FileType) => t(`common.fileType.${type}`);

/** Where the hand-over to CBS of a cell's file stands: the file in force, or the withdrawn one. */
export function handoverOfCell(monitor: RoundMonitor, cell: CellOutcome): HandoverState | undefined {
  const delivery = cell.inForce ?? (cell.latest?.deliveryState === 'withdrawn' ? cell.latest : undefined);
  return delivery ? monitor.handover?.get(delivery.deliveryId) : undefined;
}

/** A pilot participant's standing against the pilot target date; '' for others (page and CSV alike). */
export function pilotTargetText(t: Translate, locale: Locale, p: PilotTargetStatus | undefined): string {
  if (!p) return '';
  return t(`monitoring.pilotTarget.${p.state}`, { at: p.doneAt ? formatDateTime(locale, p.doneAt) : '' });
}
