import { sql } from 'kysely';
import { listMailRecipients } from '../users/index.ts';
import type { Db, DeliveryState, DownloadKind } from '../database-schema.ts';

export interface DeliveryRow {
  id: string;
  receipt_number: string;
  round_id: string;
  organisation_id: string;
  organisation_name: string;
  gemeente_id: string;
  gemeentecode: string;
  gemeente_name: string;
  half_year: string;
  channel: 'portal' | 'api';
  uploaded_by: string | null;
  api_token_id: string | null;
  state: DeliveryState;
  received_at: Date;
  checked_at: Date | null;
  technical_notice_due_at: Date;
  content_report_due_at: Date | null;
  report: unknown;
}

function selectDeliveries(db: Db) {
  return db
    .selectFrom('deliveries as d')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .innerJoin('organisations as g', 'g.id', 'd.gemeente_id')
    .select([
      'd.id',
      'd.receipt_number',
      'd.round_id',
      'd.organisation_id',
      'o.name as organisation_name',
      'd.gemeente_id',
      'g.gemeentecode',
      'g.name as gemeente_name',
      'd.half_year',
      'd.channel',
      'd.uploaded_by',
      'd.api_token_id',
      'd.state',
      'd.received_at',
      'd.checked_at',
      'd.technical_notice_due_at',
      'd.content_report_due_at',
      'd.report',
    ]);
}

export async function nextReceiptNumber(db: Db, year: number): Promise<string> {
  const { rows } = await sql<{ n: string }>`select nextval('delivery_receipt_numbers') as n`.execute(db);
  return `GGK-${year}-${String(rows[0]!.n).padStart(6, '0')}`;
}

export async function insertDelivery(
  db: Db,
  values: {
    receipt_number: string;
    round_id: string;
    organisation_id: string;
    gemeente_id: string;
    half_year: string;
    channel: 'portal' | 'api';
    uploaded_by: string | null;
    api_token_id: string | null;
    received_at: Date;
    technical_notice_due_at: Date;
  },
): Promise<{ id: string }> {
  return db.insertInto('deliveries').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function insertDeliveryFiles(
  db: Db,
  rows: Array<{
    delivery_id: string;
    position: number;
    name: string;
    bytes: number;
    sha256: string;
    stored_file_id: string;
    wrapped_key: string;
  }>,
): Promise<void> {
  if (rows.length > 0) await db.insertInto('delivery_files').values(rows).execute();
}

export async function findDelivery(db: Db, id: string): Promise<DeliveryRow | undefined> {
  return selectDeliveries(db).where('d.id', '=', id).executeTakeFirst() as Promise<DeliveryRow | undefined>;
}

export async function lockDelivery(
  db: Db,
  id: string,
): Promise<{ id: string; state: DeliveryState } | undefined> {
  return db
    .selectFrom('deliveries')
    .select(['id', 'state'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function setDeliveryState(db: Db, id: string, state: DeliveryState): Promise<void> {
  await db.updateTable('deliveries').set({ state }).where('id', '=', id).execute();
}

export async function storeCheckResult(
  db: Db,
  id: string,
  result: {
    state: 'approved' | 'rejected';
    report: unknown;
    checkedAt: Date;
    contentReportDueAt: Date | null;
  },
): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({
      state: result.state,
      report: JSON.stringify(result.report),
      checked_at: result.checkedAt,
      content_report_due_at: result.contentReportDueAt,
    })
    .where('id', '=', id)
    .execute();
}

export async function insertReportFiles(
  db: Db,
  rows: Array<{
    delivery_id: string;
    name: string;
    file_type: string | null;
    period: string | null;
    status: 'approved' | 'rejected';
  }>,
): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('delivery_report_files')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .execute();
}

export interface DeliveryFileRow {
  id: string;
  position: number;
  name: string;
  bytes: number;
  sha256: string;
  stored_file_id: string;
  wrapped_key: string | null;
}

export async function listDeliveryFiles(db: Db, deliveryId: string): Promise<DeliveryFileRow[]> {
  return db
    .selectFrom('delivery_files')
    .select(['id', 'position', 'name', 'bytes', 'sha256', 'stored_file_id', 'wrapped_key'])
    .where('delivery_id', '=', deliveryId)
    .orderBy('position')
    .execute();
}

/** Earlier files with the same content for this gemeente and half year (withdrawn ones excepted). */
export async function findEarlierIdenticalFiles(
  db: Db,
  input: { gemeenteId: string; halfYear: string; sha256s: string[] },
): Promise<
  Array<{ sha256: string; name: string; receipt_number: string; received_at: Date; state: DeliveryState }>
> {
  if (input.sha256s.length === 0) return [];
  return db
    .selectFrom('delivery_files as f')
    .innerJoin('deliveries as d', 'd.id', 'f.delivery_id')
    .select(['f.sha256', 'f.name', 'd.receipt_number', 'd.received_at', 'd.state'])
    .where('d.gemeente_id', '=', input.gemeenteId)
    .where('d.half_year', '=', input.halfYear)
    .where('d.state', '!=', 'withdrawn')
    .where('f.sha256', 'in', input.sha256s)
    .orderBy('d.received_at')
    .execute();
}

export async function listDeliveriesOfOrganisation(
  db: Db,
  organisationId: string,
  roundId: string,
): Promise<DeliveryRow[]> {
  return selectDeliveries(db)
    .where('d.organisation_id', '=', organisationId)
    .where('d.round_id', '=', roundId)
    .orderBy('d.received_at', 'desc')
    .execute() as Promise<DeliveryRow[]>;
}

/** The files in force: per gemeente, type and period the file of the newest approved delivery. */
export async function listFilesInForce(db: Db, gemeenteIds: string[], roundId: string) {
  if (gemeenteIds.length === 0) return [];
  const { rows } = await sql<{
    gemeente_id: string;
    file_type: string;
    period: string;
    delivery_id: string;
    receipt_number: string;
    received_at: Date;
  }>`
    select distinct on (d.gemeente_id, rf.file_type, rf.period)
      d.gemeente_id, rf.file_type, rf.period, d.id as delivery_id, d.receipt_number, d.received_at
    from delivery_report_files rf
    join deliveries d on d.id = rf.delivery_id
    where d.state = 'approved' and rf.status = 'approved' and rf.file_type is not null
      and d.round_id = ${roundId} and d.gemeente_id in (${sql.join(gemeenteIds)})
    order by d.gemeente_id, rf.file_type, rf.period, d.received_at desc`.execute(db);
  return rows;
}

export interface NotificationRecipient {
  user_id: string;
  email: string;
  name: string;
}

/** Confirmed addresses of the organisation's aanleveraars and rapportontvangers, and of the uploader. */
export async function listReportRecipients(
  db: Db,
  organisationId: string,
  uploaderId: string | null,
): Promise<NotificationRecipient[]> {
  return listMailRecipients(db, [organisationId], ['aanleveraar', 'rapportontvanger'], uploaderId);
}

export async function insertDownload(
  db: Db,
  row: {
    downloaded_at: Date;
    delivery_id: string;
    kind: DownloadKind;
    user_id: string | null;
    api_token_id: string | null;
    organisation_id: string | null;
    outcome: 'success' | 'error';
    error: string | null;
  },
): Promise<void> {
  await db.insertInto('downloads').values(row).execute();
}

export async function listDownloadsOfDelivery(db: Db, deliveryId: string) {
  return db
    .selectFrom('downloads as d')
    .leftJoin('users as u', 'u.id', 'd.user_id')
    .select(['d.downloaded_at', 'd.kind', 'd.outcome', 'd.error', 'u.name as user_name', 'd.api_token_id'])
    .where('d.delivery_id', '=', deliveryId)
    .orderBy('d.downloaded_at', 'desc')
    .execute();
}

export async function insertPendingUpload(
  db: Db,
  row: { stored_file_id: string; host: string; pid: number },
): Promise<void> {
  await db.insertInto('pending_uploads').values(row).execute();
}

export async function deletePendingUploads(db: Db, storedFileIds: string[]): Promise<void> {
  if (storedFileIds.length > 0)
    await db.deleteFrom('pending_uploads').where('stored_file_id', 'in', storedFileIds).execute();
}

export async function listPendingUploadsOfHost(db: Db, host: string) {
  return db
    .selectFrom('pending_uploads')
    .select(['stored_file_id', 'pid'])
    .where('host', '=', host)
    .execute();
}

export interface GemeenteDeliveryRow {
  id: string;
  receipt_number: string;
  organisation_id: string;
  organisation_name: string;
  organisation_kind: 'gemeente' | 'samenwerkingsverband';
  half_year: string;
  state: DeliveryState;
  received_at: Date;
  withdrawn_at: Date | null;
  purged_at: Date | null;
}

/** Every delivery for a gemeente in a round (its own and a samenwerkingsverband's), oldest first. */
export async function listDeliveriesOfGemeenteInRound(
  db: Db,
  gemeenteId: string,
  roundId: string,
  options: { lock?: boolean } = {},
): Promise<GemeenteDeliveryRow[]> {
  let query = db
    .selectFrom('deliveries as d')
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .select([
      'd.id',
      'd.receipt_number',
      'd.organisation_id',
      'o.name as organisation_name',
      'o.kind as organisation_kind',
      'd.half_year',
      'd.state',
      'd.received_at',
      'd.withdrawn_at',
      'd.purged_at',
    ])
    .where('d.gemeente_id', '=', gemeenteId)
    .where('d.round_id', '=', roundId)
    .orderBy('d.received_at');
  if (options.lock) query = query.forUpdate('d');
  return query.execute() as Promise<GemeenteDeliveryRow[]>;
}

export interface DeliveryFileFact {
  id: string;
  delivery_id: string;
  name: string;
  bytes: number;
  sha256: string;
  stored_file_id: string;
  destroyed_at: Date | null;
}

export async function listFilesOfDeliveries(db: Db, deliveryIds: string[]): Promise<DeliveryFileFact[]> {
  if (deliveryIds.length === 0) return [];
  return db
    .selectFrom('delivery_files')
    .select(['id', 'delivery_id', 'name', 'bytes', 'sha256', 'stored_file_id', 'destroyed_at'])
    .where('delivery_id', 'in', deliveryIds)
    .orderBy('delivery_id')
    .orderBy('position')
    .execute();
}

/** Destroys the wrapped data keys: without them the stored files cannot be decrypted, ever. */
export async function destroyFileKeys(db: Db, deliveryIds: string[], now: Date): Promise<void> {
  if (deliveryIds.length === 0) return;
  await db
    .updateTable('delivery_files')
    .set({ wrapped_key: null, destroyed_at: now })
    .where('delivery_id', 'in', deliveryIds)
    .where('destroyed_at', 'is', null)
    .execute();
}

export async function markDeliveriesWithdrawn(
  db: Db,
  deliveryIds: string[],
  input: { withdrawalId: string; now: Date },
): Promise<void> {
  if (deliveryIds.length === 0) return;
  await db
    .updateTable('deliveries')
    .set({
      state: 'withdrawn',
      report: null,
      content_report_due_at: null,
      withdrawn_at: input.now,
      withdrawal_id: input.withdrawalId,
    })
    .where('id', 'in', deliveryIds)
    .execute();
  await db.deleteFrom('delivery_report_files').where('delivery_id', 'in', deliveryIds).execute();
}

export async function markDeliveriesPurged(db: Db, deliveryIds: string[], now: Date): Promise<void> {
  if (deliveryIds.length === 0) return;
  await db
    .updateTable('deliveries')
    .set({ report: null, content_report_due_at: null, purged_at: now })
    .where('id', 'in', deliveryIds)
    .execute();
}

/** Deliveries of rounds whose withdrawal window closed before `closedBefore`, not yet purged or withdrawn. */
export async function listDeliveriesPastRetention(db: Db, closedBefore: Date, limit: number) {
  return db
    .selectFrom('deliveries as d')
    .innerJoin('rounds as r', 'r.id', 'd.round_id')
    .select(['d.id', 'd.organisation_id', 'd.receipt_number', 'd.round_id', 'd.gemeente_id'])
    .where('r.withdrawal_closes_at', '<', closedBefore)
    .where('d.purged_at', 'is', null)
    .where('d.state', '!=', 'withdrawn')
    .orderBy('d.received_at')
    .limit(limit)
    .forUpdate('d')
    .skipLocked()
    .execute();
}

/** Stored file ids whose key was destroyed: their files must be gone from disk too. */
export async function listDestroyedStoredFileIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('delivery_files')
    .select('stored_file_id')
    .where('destroyed_at', 'is not', null)
    .execute();
  return rows.map((r) => r.stored_file_id);
}
