// The round monitor's rules, pure (no database, no clock): the state of one matrix cell (gemeente ×
// file type × half year) from the deliveries that touch it, the service levels by the working-day
// rules of the product brief, and which cells a reminder is about. Callers pass `now`.
import { amsterdamDate, amsterdamInstant } from '../../platform/time/amsterdam-time.ts';
import type { DeliveryState } from '../database-schema.ts';
import { addWorkingDays, workingDaysBetween, type RoundWindows } from '../periods/index.ts';

export const FILE_TYPES = ['wmo', 'wmo-kosten', 'sbw', 'jeugd'] as const;
export type FileType = (typeof FILE_TYPES)[number];

export function isFileType(value: string): value is FileType {
  return (FILE_TYPES as readonly string[]).includes(value);
}

/**
 * What a reminder was about, stored beside its Dutch subject so pages can word it per language:
 * the missing file types (per gemeente for a samenwerkingsverband), or the op-orde report not fetched.
 * Gemeente names and receipt numbers only; no personal data.
 */
export type ReminderFacts =
  | { kind: 'window_closing'; halfYear: string; missing: Array<{ type: FileType; gemeente: string | null }> }
  | { kind: 'report_not_fetched'; types: string[]; gemeente: string; receipt: string };

/** The facts of a stored reminder, or undefined for one recorded without them (before migration 0010). */
export function reminderFactsOf(value: unknown): ReminderFacts | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v.kind === 'window_closing' && typeof v.halfYear === 'string' && Array.isArray(v.missing)) {
    const missing = v.missing.filter(
      (m): m is { type: FileType; gemeente: string | null } =>
        typeof m === 'object' &&
        m !== null &&
        typeof m.type === 'string' &&
        isFileType(m.type) &&
        (m.gemeente === null || typeof m.gemeente === 'string'),
    );
    return missing.length === v.missing.length ? { kind: v.kind, halfYear: v.halfYear, missing } : undefined;
  }
  if (
    v.kind === 'report_not_fetched' &&
    Array.isArray(v.types) &&
    v.types.every((t) => typeof t === 'string') &&
    typeof v.gemeente === 'string' &&
    typeof v.receipt === 'string'
  ) {
    return { kind: v.kind, types: v.types as string[], gemeente: v.gemeente, receipt: v.receipt };
  }
  return undefined;
}

export const CELL_STATES = [
  'not_delivered',
  'received',
  'rejected',
  'approved',
  'report_ready',
  'fetched',
  'withdrawn',
] as const;
export type CellState = (typeof CELL_STATES)[number];

export function isCellState(value: string): value is CellState {
  return (CELL_STATES as readonly string[]).includes(value);
}

/** Service levels (product brief): a placed op-orde report is fetched within 1 working day by pilot participants. */
export const REPORT_FETCH_WORKING_DAYS = 1;

/** One delivery as seen from one cell. */
export interface CellDelivery {
  deliveryId: string;
  receiptNumber: string;
  receivedAt: Date;
  deliveryState: DeliveryState;
  /** The technical check's verdict on this cell's file; null while the delivery is not judged. */
  fileStatus: 'approved' | 'rejected' | null;
  /**
   * When the op-orde report of this file was placed and first fetched. `undefined`: ggk does not
   * (yet) track op-orde reports for this file, so no report state is derived; `null`: not (yet).
   */
  reportPlacedAt?: Date | null | undefined;
  reportFetchedAt?: Date | null | undefined;
}

export interface CellOutcome {
  state: CellState;
  /** The delivery whose file is in force (the newest technically approved one), if any. */
  inForce: CellDelivery | undefined;
  /** The newest delivery of the cell, if any. */
  latest: CellDelivery | undefined;
}

const PENDING: readonly DeliveryState[] = ['received', 'checking'];

/**
 * The state of a cell. Newest first: a withdrawn delivery (withdrawal removes the gemeente's
 * delivery for the round) makes the cell withdrawn; a delivery still being checked shows as
 * received; otherwise the file in force (the newest approved one — a rejected redelivery never
 * replaces it) decides, through its op-orde report: fetched, report ready, or approved; with only
 * rejected files the cell is rejected.
 */
export function deriveCellState(deliveries: readonly CellDelivery[]): CellOutcome {
  const sorted = [...deliveries].sort((a, b) => +b.receivedAt - +a.receivedAt);
  const latest = sorted[0];
  if (!latest) return { state: 'not_delivered', inForce: undefined, latest };
  if (latest.deliveryState === 'withdrawn') return { state: 'withdrawn', inForce: undefined, latest };
  const live = sorted.filter((d) => d.deliveryState !== 'withdrawn');
  const inForce = live.find((d) => d.deliveryState === 'approved' && d.fileStatus === 'approved');
  if (PENDING.includes(live[0]!.deliveryState)) return { state: 'received', inForce, latest };
  if (inForce) {
    const state = inForce.reportFetchedAt ? 'fetched' : inForce.reportPlacedAt ? 'report_ready' : 'approved';
    return { state, inForce, latest };
  }
  if (live.some((d) => d.fileStatus === 'rejected' || d.deliveryState === 'rejected')) {
    return { state: 'rejected', inForce, latest };
  }
  return { state: 'not_delivered', inForce, latest };
}

const FILE_NAME = /^(WMOKOSTEN|WMO|SBW|JEUGD)_(\d{4})_(\d{4}H[12])\.(csv|txt)$/i;
const TYPE_OF_NAME: Record<string, FileType> = {
  WMO: 'wmo',
  WMOKOSTEN: 'wmo-kosten',
  SBW: 'sbw',
  JEUGD: 'jeugd',
};

/**
 * The file types of a delivery that is not judged yet, from its file names (the spec's naming
 * pattern). A ZIP, an unusual name or no stored file at all: every type, as the delivery may hold any.
 */
export function fileTypesFromNames(names: readonly string[]): FileType[] {
  const types = new Set<FileType>();
  for (const name of names) {
    const m = FILE_NAME.exec(name);
    if (!m) return [...FILE_TYPES];
    types.add(TYPE_OF_NAME[m[1]!.toUpperCase()]!);
  }
  return types.size === 0 ? [...FILE_TYPES] : FILE_TYPES.filter((t) => types.has(t));
}

/** The end (23:59:59 Amsterdam) of the working day `n` working days after the Amsterdam date of `from`. */
export function endOfWorkingDayAfter(from: Date, n: number): Date {
  return amsterdamInstant(addWorkingDays(amsterdamDate(from), n), '23:59:59');
}

/** What service levels look at for one delivery (one file, for the op-orde report parts). */
export interface DeliveryTiming {
  deliveryId: string;
  receiptNumber: string;
  organisationName: string;
  gemeenteName: string;
  fileType: FileType | null;
  isPilot: boolean;
  state: DeliveryState;
  receivedAt: Date;
  checkedAt: Date | null;
  technicalNoticeDueAt: Date;
  contentReportDueAt: Date | null;
  /** As in CellDelivery: undefined when op-orde reports are not tracked. */
  reportPlacedAt?: Date | null | undefined;
  reportFetchedAt?: Date | null | undefined;
}

export interface ParticipantActivity {
  organisationId: string;
  name: string;
  isPilot: boolean;
  deliveries: number;
}

export type ServiceLevelIssue =
  | {
      kind: 'technical_notice_late' | 'content_report_late' | 'report_not_fetched';
      delivery: DeliveryTiming;
      dueAt: Date;
      /** When it was done after all (late), or null: still not done. */
      doneAt: Date | null;
    }
  | { kind: 'no_delivery'; participant: ParticipantActivity; workingDaysLeft: number };

/** Working days from the Amsterdam date of `now` to the day the delivery window closes (negative after). */
export function workingDaysUntilClose(round: Pick<RoundWindows, 'deliveryClosesAt'>, now: Date): number {
  return workingDaysBetween(amsterdamDate(now), amsterdamDate(round.deliveryClosesAt));
}

function lateness(dueAt: Date, doneAt: Date | null, now: Date): { late: boolean; doneAt: Date | null } {
  return { late: doneAt ? doneAt > dueAt : now > dueAt, doneAt };
}

/**
 * Every service level that is missed at `now`: technical notices and op-orde reports past their
 * working-day due time (late and done, or still open), reports of pilot participants not fetched
 * within 1 working day of placement, and participants without any delivery once the close is
 * `closingWorkingDays` working days away or nearer (the delivery window must have opened).
 */
export function computeServiceLevels(input: {
  now: Date;
  round: Pick<RoundWindows, 'deliveryOpensAt' | 'deliveryClosesAt'>;
  deliveries: readonly DeliveryTiming[];
  participants: readonly ParticipantActivity[];
  closingWorkingDays: number;
}): ServiceLevelIssue[] {
  const { now } = input;
  const issues: ServiceLevelIssue[] = [];
  const seenTechnical = new Set<string>();
  for (const d of input.deliveries) {
    if (!seenTechnical.has(d.deliveryId) && !(d.state === 'withdrawn' && d.checkedAt === null)) {
      seenTechnical.add(d.deliveryId);
      const t = lateness(d.technicalNoticeDueAt, d.checkedAt, now);
      if (t.late)
        issues.push({
          kind: 'technical_notice_late',
          delivery: d,
          dueAt: d.technicalNoticeDueAt,
          doneAt: t.doneAt,
        });
    }
    if (d.state === 'approved' && d.contentReportDueAt && d.reportPlacedAt !== undefined) {
      const c = lateness(d.contentReportDueAt, d.reportPlacedAt, now);
      if (c.late)
        issues.push({
          kind: 'content_report_late',
          delivery: d,
          dueAt: d.contentReportDueAt,
          doneAt: c.doneAt,
        });
    }
    if (d.isPilot && d.state === 'approved' && d.reportPlacedAt) {
      const dueAt = endOfWorkingDayAfter(d.reportPlacedAt, REPORT_FETCH_WORKING_DAYS);
      const f = lateness(dueAt, d.reportFetchedAt ?? null, now);
      if (f.late) issues.push({ kind: 'report_not_fetched', delivery: d, dueAt, doneAt: f.doneAt });
    }
  }
  if (now >= input.round.deliveryOpensAt) {
    const left = workingDaysUntilClose(input.round, now);
    if (left <= input.closingWorkingDays) {
      for (const p of input.participants)
        if (p.deliveries === 0) issues.push({ kind: 'no_delivery', participant: p, workingDaysLeft: left });
    }
  }
  return issues;
}

/** Whether the reminder before the close is due: the window is open and at most `workingDays` working days remain. */
export function isClosingReminderDue(
  round: Pick<RoundWindows, 'deliveryOpensAt' | 'deliveryClosesAt'>,
  now: Date,
  workingDays: number,
): boolean {
  if (now < round.deliveryOpensAt || now > round.deliveryClosesAt) return false;
  return workingDaysUntilClose(round, now) <= workingDays;
}

/** Whether a placed report is still unfetched after its 1 working day (the fetch reminder is due). */
export function isFetchReminderDue(placedAt: Date, fetchedAt: Date | null, now: Date): boolean {
  return fetchedAt === null && now > endOfWorkingDayAfter(placedAt, REPORT_FETCH_WORKING_DAYS);
}

/** Collaboration domains and the GMSD file types a collaboration delivers for its members in them. */
export const DOMAIN_FILE_TYPES: Record<'jeugd' | 'wmo' | 'beschermd-wonen', readonly FileType[]> = {
  jeugd: ['jeugd'],
  wmo: ['wmo', 'wmo-kosten'],
  'beschermd-wonen': [],
};

/** States in which a cell counts as delivered for the reminders: a file received or approved. */
export function isDeliveredForReminder(state: CellState): boolean {
  return state === 'received' || state === 'approved' || state === 'report_ready' || state === 'fetched';
}
