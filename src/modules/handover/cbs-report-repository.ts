// CBS's own op-orde rapport beyond its upload (handover-answers.ts): the round's choice to show only
// CBS's report, the held reports a released hold places, and what the CBS pages list per round.
import { sql } from 'kysely';
import { executePrepared } from '../../platform/db/database.ts';
import type { Db } from '../database-schema.ts';

/**
 * Whether the gemeenten of this round see only CBS's op-orde rapport (not ggk's). Prepared: the
 * op-orde pages ask it on every view.
 */
export async function findCbsReportOnly(db: Db, roundId: string): Promise<boolean> {
  const rows = await executePrepared(
    db,
    sql<{ cbs_report_only: boolean }>`select cbs_report_only from rounds where id = ${roundId}::uuid`.compile(
      db,
    ),
  );
  return rows[0]?.cbs_report_only ?? false;
}

export interface HeldCbsReportRow {
  delivery_id: string;
  organisation_id: string;
  gemeente_id: string;
  gemeente_name: string;
  half_year: string;
  round_id: string;
  receipt_number: string;
}

/** Held CBS reports of a round (and gemeente, when given) of deliveries not withdrawn. */
export async function listHeldCbsReports(
  db: Db,
  input: { roundId: string; gemeenteId?: string | null },
): Promise<HeldCbsReportRow[]> {
  const { rows } = await sql<HeldCbsReportRow>`
    select c.delivery_id, d.organisation_id, d.gemeente_id, g.name as gemeente_name, d.half_year, d.round_id,
           d.receipt_number
      from cbs_content_reports c join deliveries d on d.id = c.delivery_id
      join organisations g on g.id = d.gemeente_id
     where c.state = 'held' and c.destroyed_at is null and d.withdrawn_at is null
       and d.round_id = ${input.roundId}::uuid
       and (${input.gemeenteId ?? null}::uuid is null or d.gemeente_id = ${input.gemeenteId ?? null}::uuid)
     order by c.uploaded_at, c.delivery_id`.execute(db);
  return rows;
}

/** Held → placed; false when it was not held (a release that ran twice). */
export async function markCbsReportPlaced(db: Db, deliveryId: string, now: Date): Promise<boolean> {
  const result = await sql`
    update cbs_content_reports set state = 'placed', placed_at = ${now}
     where delivery_id = ${deliveryId}::uuid and state = 'held' and destroyed_at is null`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** One delivery of a round as the CBS pages show it: where it stands on CBS's side. */
export interface CbsRoundDeliveryRow {
  delivery_id: string;
  receipt_number: string;
  gemeente_name: string;
  gemeentecode: string | null;
  delivered_by_name: string;
  half_year: string;
  offered_at: Date;
  received_by_cbs_at: Date | null;
  approved_by_cbs: number;
  rejected_by_cbs: number;
  withdrawn_at: Date | null;
  erasure_confirmed_at: Date | null;
  report_state: 'held' | 'placed' | null;
  report_uploaded_at: Date | null;
  report_bytes: number | null;
}

// Offered when the check approved it (checked_at, on the app's clock), as the monitor counts it: the
// feed row's created_at is the database's real time (it is written by a trigger).
const roundDeliveryColumns = sql`
  d.id as delivery_id, d.receipt_number, g.name as gemeente_name, g.gemeentecode, o.name as delivered_by_name,
  d.half_year, coalesce(d.checked_at, f.created_at) as offered_at, r.received_at as received_by_cbs_at,
  (select count(*) from cbs_file_verdicts v where v.delivery_id = d.id and v.verdict = 'approved')::int as approved_by_cbs,
  (select count(*) from cbs_file_verdicts v where v.delivery_id = d.id and v.verdict = 'rejected')::int as rejected_by_cbs,
  d.withdrawn_at, e.confirmed_at as erasure_confirmed_at,
  case when c.destroyed_at is null then c.state end as report_state,
  case when c.destroyed_at is null then c.uploaded_at end as report_uploaded_at,
  case when c.destroyed_at is null then c.bytes::float8 end as report_bytes`;

const roundDeliveryFrom = sql`
  from cbs_handover_feed f
  join deliveries d on d.id = f.delivery_id
  join organisations g on g.id = d.gemeente_id
  join organisations o on o.id = d.organisation_id
  left join cbs_receipts r on r.delivery_id = d.id
  left join cbs_erasure_confirmations e on e.withdrawal_id = d.withdrawal_id
  left join cbs_content_reports c on c.delivery_id = d.id`;

/** The deliveries of a round that were offered to CBS, newest first. */
export async function listCbsRoundDeliveries(db: Db, roundId: string): Promise<CbsRoundDeliveryRow[]> {
  const { rows } = await sql<CbsRoundDeliveryRow>`
    select ${roundDeliveryColumns} ${roundDeliveryFrom}
     where f.kind = 'delivery' and d.round_id = ${roundId}::uuid
     order by f.seq desc`.execute(db);
  return rows;
}

/** One delivery offered to CBS (any round), as on the CBS pages. */
export async function findCbsRoundDelivery(
  db: Db,
  deliveryId: string,
): Promise<(CbsRoundDeliveryRow & { round_id: string }) | undefined> {
  const { rows } = await sql<CbsRoundDeliveryRow & { round_id: string }>`
    select ${roundDeliveryColumns}, d.round_id ${roundDeliveryFrom}
     where f.kind = 'delivery' and d.id = ${deliveryId}::uuid`.execute(db);
  return rows[0];
}

/** Destroys the keys of CBS's reports of these deliveries (the PDF can never be read again). */
export async function destroyCbsReportKeys(
  db: Db,
  deliveryIds: readonly string[],
  now: Date,
): Promise<number> {
  if (deliveryIds.length === 0) return 0;
  const result = await sql`
    update cbs_content_reports set wrapped_key = null, destroyed_at = ${now}
     where delivery_id = any(${[...deliveryIds]}::uuid[]) and destroyed_at is null`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** `ggk keys rotate`: CBS's own op-orde reports' keys whose wrap is not under the current master key (`current`, a LIKE pattern). */
export async function listStaleCbsReportKeyWraps(
  db: Db,
  current: string,
  after: string,
  limit: number,
): Promise<Array<{ id: string; stored_file_id: string; wrapped_key: string }>> {
  const { rows } = await sql<{ id: string; stored_file_id: string; wrapped_key: string }>`
    select delivery_id::text as id, stored_file_id, wrapped_key from cbs_content_reports
     where wrapped_key is not null and wrapped_key not like ${current} and delivery_id::text > ${after}
     order by delivery_id::text limit ${limit}`.execute(db);
  return rows;
}

/** Re-wraps one key if its wrap is still the one read (compare-and-set); the rows changed (0 or 1). */
export async function replaceCbsReportKeyWrap(
  db: Db,
  id: string,
  previous: string,
  next: string,
): Promise<number> {
  const result = await sql`
    update cbs_content_reports set wrapped_key = ${next} where delivery_id::text = ${id} and wrapped_key = ${previous}`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0n);
}

export async function countStaleCbsReportKeyWraps(db: Db, current: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from cbs_content_reports where wrapped_key is not null and wrapped_key not like ${current}`.execute(
    db,
  );
  return rows[0]?.n ?? 0;
}
