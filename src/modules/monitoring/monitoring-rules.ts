// The round monitor's rules, pure (no database, no clock): the state of one matrix cell (gemeente ×
// file type × half year) from the deliveries that touch it, the service levels by the working-day
// rules of the product brief, and which cells a reminder is about. Callers pass `now`.
import { amsterdamDate, amsterdamInstant } from '../../platform/time/amsterdam-time.ts';
import type { DeliveryState } from '../database-schema.ts';
import { addWorkingDays, workingDaysBetween, type RoundWindows } from '../periods/index.ts';
import { FILE_TYPES, fileTypeOfName, type FileType, type Spec } from '../validation/index.ts';

export { FILE_TYPES, type FileType };

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
  | {
      kind: 'pilot_target';
      halfYear: string;
      /** The pilot target date (Amsterdam calendar date). */
      targetDate: string;
      missing: Array<{ type: FileType; gemeente: string | null }>;
    }
  | { kind: 'report_not_fetched'; types: string[]; gemeente: string; receipt: string };

/** The facts of a stored reminder, or undefined for one recorded without them (before migration 0010). */
export function reminderFactsOf(value: unknown): ReminderFacts | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (
    (v.kind === 'window_closing' || v.kind === 'pilot_target') &&
    typeof v.halfYear === 'string' &&
    Array.isArray(v.missing)
  ) {
    const missing = v.missing.filter(
      (m): m is { type: FileType; gemeente: string | null } =>
        typeof m === 'object' &&
        m !== null &&
        typeof m.type === 'string' &&
        isFileType(m.type) &&
        (m.gemeente === null || typeof m.gemeente === 'string'),
    );
    if (missing.length !== v.missing.length) return undefined;
    if (v.kind === 'window_closing') return { kind: v.kind, halfYear: v.halfYear, missing };
    return typeof v.targetDate === 'string'
      ? { kind: v.kind, halfYear: v.halfYear, targetDate: v.targetDate, missing }
      : undefined;
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
  'regular_route',
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

/**
 * The file types of a delivery that is not judged yet, from its file names under the naming pattern
 * of the round's spec. A ZIP, an unusual name, no spec or no stored file at all: every type, as the
 * delivery may hold any.
 */
export function fileTypesFromNames(names: readonly string[], spec: Spec | undefined): FileType[] {
  const types = new Set<FileType>();
  for (const name of names) {
    const type = spec ? fileTypeOfName(spec, name) : null;
    if (type === null) return [...FILE_TYPES];
    types.add(type);
  }
  return types.size === 0 ? [...FILE_TYPES] : FILE_TYPES.filter((t) => types.has(t));
}

/** The end (23:59:59 Amsterdam) of the working day `n` working days after the Amsterdam date of `from`. */
export function endOfWorkingDayAfter(from: Date, n: number): Date {
  // A pure function of the day and n, asked for every delivery on every monitor page (issue 21): the
  // answers are kept per process, bounded (a map starts again past 10,000 instants). Keyed by the
  // instant, not its Amsterdam day: finding the day (Intl) was most of the cost of a kept answer; and
  // by number, one map per n: a string key made and hashed per call was most of what remained.
  let kept = endsOfWorkingDays.get(n);
  if (kept === undefined) endsOfWorkingDays.set(n, (kept = new Map()));
  const at = from.getTime();
  let end = kept.get(at);
  if (end === undefined) {
    end = amsterdamInstant(addWorkingDays(amsterdamDate(from), n), '23:59:59').getTime();
    if (kept.size >= 10_000) kept.clear();
    kept.set(at, end);
  }
  return new Date(end);
}
const endsOfWorkingDays = new Map<number, Map<number, number>>();

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
  /** Marked as delivered via the regular route (straight to CBS) for the round's half year. */
  regularRoute?: boolean | undefined;
  /**
   * When its first delivery of the round that was approved (a file in force, not withdrawn) was
   * received (by it or for it), or null: none yet. A rejected delivery does not count.
   */
  firstDeliveryAt?: Date | null | undefined;
}

/**
 * The hand-over to CBS of one delivery that was offered in CBS's feed (contract cbs-handover.md):
 * when it was offered (its approval, which puts it in the feed), acknowledged, withdrawn after being
 * offered, and when CBS confirmed the erasure of that withdrawal.
 */
export interface HandoverTiming {
  delivery: DeliveryTiming;
  offeredAt: Date;
  receivedByCbsAt: Date | null;
  /** When the delivery was withdrawn after it was offered (a withdrawal item in the feed); null: not. */
  withdrawnAt: Date | null;
  erasureConfirmedAt: Date | null;
}

/** The working days CBS has to acknowledge a delivery and to confirm an erasure (GGK_CBS_*_WORKING_DAYS). */
export interface HandoverLevels {
  receiptWorkingDays: number;
  erasureWorkingDays: number;
}

/**
 * The due times of the monitor's steps, in one place: the service levels, the hand-over's state and
 * the moments at which a kept monitor may change (momentsOf) must all say the same.
 */
export const reportFetchDueAt = (placedAt: Date): Date =>
  endOfWorkingDayAfter(placedAt, REPORT_FETCH_WORKING_DAYS);
export const cbsReceiptDueAt = (offeredAt: Date, levels: HandoverLevels): Date =>
  endOfWorkingDayAfter(offeredAt, levels.receiptWorkingDays);
export const erasureDueAt = (withdrawnAt: Date, levels: HandoverLevels): Date =>
  endOfWorkingDayAfter(withdrawnAt, levels.erasureWorkingDays);

/**
 * Where the hand-over of one delivery stands at `now`: nothing asked of CBS (null), waiting for its
 * acknowledgement, received, waiting for the confirmation of an erasure, or erased; `late` when the
 * open step is past its service level (a step done late is history, not a flag).
 */
export type HandoverState =
  | { step: 'receipt' | 'erasure'; done: false; dueAt: Date; late: boolean }
  | { step: 'receipt' | 'erasure'; done: true; dueAt: Date; doneAt: Date; late: false };

export function handoverStateOf(timing: HandoverTiming, levels: HandoverLevels, now: Date): HandoverState {
  if (timing.withdrawnAt) {
    const dueAt = erasureDueAt(timing.withdrawnAt, levels);
    return timing.erasureConfirmedAt
      ? { step: 'erasure', done: true, dueAt, doneAt: timing.erasureConfirmedAt, late: false }
      : { step: 'erasure', done: false, dueAt, late: now > dueAt };
  }
  const dueAt = cbsReceiptDueAt(timing.offeredAt, levels);
  return timing.receivedByCbsAt
    ? { step: 'receipt', done: true, dueAt, doneAt: timing.receivedByCbsAt, late: false }
    : { step: 'receipt', done: false, dueAt, late: now > dueAt };
}

export type ServiceLevelIssue =
  | {
      kind:
        | 'technical_notice_late'
        | 'content_report_late'
        | 'report_not_fetched'
        | 'cbs_receipt_late'
        | 'cbs_erasure_late';
      delivery: DeliveryTiming;
      dueAt: Date;
      /** When it was done after all (late), or null: still not done. */
      doneAt: Date | null;
    }
  | { kind: 'no_delivery'; participant: ParticipantActivity; workingDaysLeft: number }
  | {
      /** A pilot participant that had not delivered by the round's pilot target date. */
      kind: 'pilot_target_missed';
      participant: ParticipantActivity;
      dueAt: Date;
      /** Its first approved delivery, after the target date; null: still none. */
      doneAt: Date | null;
    };

/**
 * Where a pilot participant stands against the round's pilot target date: its first approved
 * delivery came by it (`on_time`) or after it (`late`), there is none yet while the date has not
 * passed (`open`) or after it (`missed`), or it delivered via the regular route. `late` and `missed`
 * are exactly the participants listed as `pilot_target_missed` once the date has passed.
 */
export interface PilotTargetStatus {
  state: 'on_time' | 'late' | 'missed' | 'open' | 'regular_route';
  dueAt: Date;
  /** Its first approved delivery, or null: none yet. */
  doneAt: Date | null;
}

export function pilotTargetStatusOf(
  target: Date,
  firstApprovedAt: Date | null,
  regularRoute: boolean,
  now: Date,
): PilotTargetStatus {
  const of = (state: PilotTargetStatus['state']) => ({ state, dueAt: target, doneAt: firstApprovedAt });
  if (regularRoute) return of('regular_route');
  if (firstApprovedAt) return of(firstApprovedAt > target ? 'late' : 'on_time');
  return of(now > target ? 'missed' : 'open');
}

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
 * within 1 working day of placement, deliveries offered to CBS and not acknowledged within
 * `receiptWorkingDays`, withdrawals of offered deliveries whose erasure CBS has not confirmed within
 * `erasureWorkingDays` (both: late and done, or still open), and participants without any delivery
 * (and not marked as delivered via the regular route) once the close is `closingWorkingDays` working
 * days away or nearer (the delivery window must have opened).
 */
export function computeServiceLevels(input: {
  now: Date;
  round: Pick<RoundWindows, 'deliveryOpensAt' | 'deliveryClosesAt'> & {
    pilotTargetAt?: Date | null | undefined;
  };
  deliveries: readonly DeliveryTiming[];
  participants: readonly ParticipantActivity[];
  closingWorkingDays: number;
  handover?: { timings: readonly HandoverTiming[]; levels: HandoverLevels } | undefined;
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
      const dueAt = reportFetchDueAt(d.reportPlacedAt);
      const f = lateness(dueAt, d.reportFetchedAt ?? null, now);
      if (f.late) issues.push({ kind: 'report_not_fetched', delivery: d, dueAt, doneAt: f.doneAt });
    }
  }
  for (const h of input.handover?.timings ?? []) {
    const { levels } = input.handover!;
    // A delivery withdrawn before CBS acknowledged it is no longer expected at CBS: its erasure is.
    if (h.receivedByCbsAt || !h.withdrawnAt) {
      const dueAt = cbsReceiptDueAt(h.offeredAt, levels);
      const r = lateness(dueAt, h.receivedByCbsAt, now);
      if (r.late) issues.push({ kind: 'cbs_receipt_late', delivery: h.delivery, dueAt, doneAt: r.doneAt });
    }
    if (h.withdrawnAt) {
      const dueAt = erasureDueAt(h.withdrawnAt, levels);
      const e = lateness(dueAt, h.erasureConfirmedAt, now);
      if (e.late) issues.push({ kind: 'cbs_erasure_late', delivery: h.delivery, dueAt, doneAt: e.doneAt });
    }
  }
  // The pilot target date is a service level like the others (issue 18): once it has passed, every
  // pilot participant whose first approved delivery came after it (or not at all) is listed, unless it was
  // marked as delivered via the regular route.
  const target = input.round.pilotTargetAt;
  if (target && now > target) {
    for (const p of input.participants) {
      if (!p.isPilot || p.regularRoute || p.firstDeliveryAt === undefined) continue;
      const t = lateness(target, p.firstDeliveryAt, now);
      if (t.late)
        issues.push({ kind: 'pilot_target_missed', participant: p, dueAt: target, doneAt: t.doneAt });
    }
  }
  if (now >= input.round.deliveryOpensAt) {
    const left = workingDaysUntilClose(input.round, now);
    if (left <= input.closingWorkingDays) {
      for (const p of input.participants)
        if (p.deliveries === 0 && !p.regularRoute)
          issues.push({ kind: 'no_delivery', participant: p, workingDaysLeft: left });
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

/**
 * Whether the reminder before the pilot target date is due: the round has one, the window is open,
 * the target has not passed, and at most `workingDays` working days remain until its day.
 */
export function isPilotTargetReminderDue(
  round: Pick<RoundWindows, 'deliveryOpensAt' | 'pilotTargetAt'>,
  now: Date,
  workingDays: number,
): boolean {
  if (!round.pilotTargetAt || now < round.deliveryOpensAt || now > round.pilotTargetAt) return false;
  return workingDaysBetween(amsterdamDate(now), amsterdamDate(round.pilotTargetAt)) <= workingDays;
}

/** Whether a placed report is still unfetched after its 1 working day (the fetch reminder is due). */
export function isFetchReminderDue(placedAt: Date, fetchedAt: Date | null, now: Date): boolean {
  return fetchedAt === null && now > reportFetchDueAt(placedAt);
}

/** Collaboration domains and their GMSD file types: the organisations module's rule. */
export { DOMAIN_FILE_TYPES } from '../organisations/index.ts';

/**
 * States in which a cell counts as delivered for the reminders: a file received or approved, or the
 * participant delivered straight to CBS (the regular route).
 */
export function isDeliveredForReminder(state: CellState): boolean {
  return (
    state === 'received' ||
    state === 'approved' ||
    state === 'report_ready' ||
    state === 'fetched' ||
    state === 'regular_route'
  );
}

/**
 * A cell of a participant marked as "geleverd via de reguliere route": what ggk received stands (a
 * file in force, or one being checked); a cell without a file that counts (not delivered, only
 * rejected, withdrawn) counts as delivered via the regular route.
 */
export function withRegularRoute(outcome: CellOutcome): CellOutcome {
  return outcome.state === 'not_delivered' || outcome.state === 'rejected' || outcome.state === 'withdrawn'
    ? { ...outcome, state: 'regular_route' }
    : outcome;
}
