import { sql } from 'kysely';
import type { Db } from '../database-schema.ts';

export interface ContentReportRow {
  delivery_id: string;
  state: 'held' | 'placed';
  contents: unknown;
  generated_at: Date;
  placed_at: Date | null;
}

export async function findContentReportRow(
  db: Db,
  deliveryId: string,
): Promise<ContentReportRow | undefined> {
  return db
    .selectFrom('content_reports')
    .select(['delivery_id', 'state', 'contents', 'generated_at', 'placed_at'])
    .where('delivery_id', '=', deliveryId)
    .executeTakeFirst();
}

/** False when the delivery has a report already (a job that ran twice). */
export async function insertContentReport(
  db: Db,
  row: {
    delivery_id: string;
    state: 'held' | 'placed';
    contents: string;
    generated_at: Date;
    placed_at: Date | null;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto('content_reports')
    .values(row)
    .onConflict((oc) => oc.column('delivery_id').doNothing())
    .returning('delivery_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * The report of the newest approved delivery (not `excludeDeliveryId`, received before `before` when
 * given) whose file of this type and period was approved: "the previous delivery" and "in force".
 */
export async function findReportOfDeliveryInForce(
  db: Db,
  input: {
    gemeenteId: string;
    /** The code the file is about (decision 0028): the gemeente's own, or a predecessor's. */
    gemeentecode: string;
    /** The gemeente's own code: a file without a recorded code is about it. */
    ownCode: string;
    fileType: string;
    period: string;
    before?: Date;
    excludeDeliveryId: string;
  },
): Promise<{ delivery_id: string; receipt_number: string; contents: unknown; name: string } | undefined> {
  let query = db
    .selectFrom('delivery_report_files as rf')
    .innerJoin('deliveries as d', 'd.id', 'rf.delivery_id')
    .innerJoin('content_reports as cr', 'cr.delivery_id', 'd.id')
    .select(['d.id as delivery_id', 'd.receipt_number', 'cr.contents', 'rf.name'])
    .where('d.gemeente_id', '=', input.gemeenteId)
    .where('d.state', '=', 'approved')
    .where('rf.status', '=', 'approved')
    .where('rf.file_type', '=', input.fileType)
    .where('rf.period', '=', input.period)
    .where((eb) =>
      input.gemeentecode === input.ownCode
        ? eb.or([eb('rf.gemeentecode', 'is', null), eb('rf.gemeentecode', '=', input.gemeentecode)])
        : eb('rf.gemeentecode', '=', input.gemeentecode),
    )
    .where('d.id', '!=', input.excludeDeliveryId);
  if (input.before) query = query.where('d.received_at', '<', input.before);
  return query.orderBy('d.received_at', 'desc').limit(1).executeTakeFirst();
}

export async function placeContentReport(db: Db, deliveryId: string, now: Date): Promise<boolean> {
  const updated = await db
    .updateTable('content_reports')
    .set({ state: 'placed', placed_at: now })
    .where('delivery_id', '=', deliveryId)
    .where('state', '=', 'held')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

export async function replaceContentReportContents(
  db: Db,
  deliveryId: string,
  contents: unknown,
): Promise<void> {
  await db
    .updateTable('content_reports')
    .set({ contents: JSON.stringify(contents) })
    .where('delivery_id', '=', deliveryId)
    .execute();
}

export async function deleteContentReportRows(db: Db, deliveryIds: string[]): Promise<number> {
  if (deliveryIds.length === 0) return 0;
  const deleted = await db
    .deleteFrom('content_reports')
    .where('delivery_id', 'in', deliveryIds)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

export interface HoldRow {
  id: string;
  round_id: string;
  gemeente_id: string | null;
  gemeente_name: string | null;
  held_by_name: string | null;
  held_at: Date;
  released_at: Date | null;
  released_by_name: string | null;
}

function selectHolds(db: Db) {
  return db
    .selectFrom('content_report_holds as h')
    .leftJoin('organisations as g', 'g.id', 'h.gemeente_id')
    .leftJoin('users as hb', 'hb.id', 'h.held_by')
    .leftJoin('users as rb', 'rb.id', 'h.released_by')
    .select([
      'h.id',
      'h.round_id',
      'h.gemeente_id',
      'g.name as gemeente_name',
      'hb.name as held_by_name',
      'h.held_at',
      'h.released_at',
      'rb.name as released_by_name',
    ]);
}

/** An open hold that covers this gemeente in this round: its own, or the round's. */
export async function findOpenHoldCovering(
  db: Db,
  roundId: string,
  gemeenteId: string,
): Promise<HoldRow | undefined> {
  return selectHolds(db)
    .where('h.round_id', '=', roundId)
    .where('h.released_at', 'is', null)
    .where((eb) => eb.or([eb('h.gemeente_id', 'is', null), eb('h.gemeente_id', '=', gemeenteId)]))
    .executeTakeFirst();
}

export async function listHolds(db: Db, roundId: string): Promise<HoldRow[]> {
  return selectHolds(db).where('h.round_id', '=', roundId).orderBy('h.held_at', 'desc').execute();
}

/** Null when an open hold for this round and gemeente (or the whole round) exists already. */
export async function insertHold(
  db: Db,
  row: { round_id: string; gemeente_id: string | null; held_by: string | null; held_at: Date },
): Promise<{ id: string } | null> {
  const { rows } = await sql<{ id: string }>`
    insert into content_report_holds (round_id, gemeente_id, held_by, held_at)
    values (${row.round_id}, ${row.gemeente_id}, ${row.held_by}, ${row.held_at})
    on conflict do nothing
    returning id`.execute(db);
  return rows[0] ?? null;
}

export async function releaseHoldRow(
  db: Db,
  input: { id: string; releasedBy: string | null; now: Date },
): Promise<{ id: string; round_id: string; gemeente_id: string | null } | undefined> {
  return db
    .updateTable('content_report_holds')
    .set({ released_at: input.now, released_by: input.releasedBy })
    .where('id', '=', input.id)
    .where('released_at', 'is', null)
    .returning(['id', 'round_id', 'gemeente_id'])
    .executeTakeFirst();
}

export interface HeldReportRow {
  delivery_id: string;
  receipt_number: string;
  round_id: string;
  organisation_id: string;
  gemeente_id: string;
  gemeente_name: string;
  half_year: string;
  uploaded_by: string | null;
  generated_at: Date;
}

/** Held reports of a round (and gemeente, when given), oldest first. */
export async function listHeldReports(
  db: Db,
  input: { roundId: string; gemeenteId?: string | null },
): Promise<HeldReportRow[]> {
  let query = db
    .selectFrom('content_reports as cr')
    .innerJoin('deliveries as d', 'd.id', 'cr.delivery_id')
    .innerJoin('organisations as g', 'g.id', 'd.gemeente_id')
    .select([
      'cr.delivery_id',
      'd.receipt_number',
      'd.round_id',
      'd.organisation_id',
      'd.gemeente_id',
      'g.name as gemeente_name',
      'd.half_year',
      'd.uploaded_by',
      'cr.generated_at',
    ])
    .where('cr.state', '=', 'held')
    .where('d.round_id', '=', input.roundId);
  if (input.gemeenteId) query = query.where('d.gemeente_id', '=', input.gemeenteId);
  return query.orderBy('cr.generated_at').execute();
}

export async function findRoundAndGemeenteOfDelivery(db: Db, deliveryId: string) {
  return db
    .selectFrom('deliveries as d')
    .innerJoin('organisations as g', 'g.id', 'd.gemeente_id')
    .select(['d.round_id', 'd.gemeente_id', 'g.name as gemeente_name'])
    .where('d.id', '=', deliveryId)
    .executeTakeFirst();
}

/** Locks the delivery row, so approval, withdrawal and the report job do not cross. */
export async function lockDeliveryState(db: Db, deliveryId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('deliveries')
    .select('state')
    .where('id', '=', deliveryId)
    .forUpdate()
    .executeTakeFirst();
  return row?.state;
}

/** Which of these deliveries have an op-orde report that CBS holds back. */
export async function listHeldDeliveryIds(db: Db, deliveryIds: readonly string[]): Promise<string[]> {
  if (deliveryIds.length === 0) return [];
  const rows = await db
    .selectFrom('content_reports')
    .select('delivery_id')
    .where('state', '=', 'held')
    .where('delivery_id', 'in', deliveryIds)
    .execute();
  return rows.map((r) => r.delivery_id);
}
