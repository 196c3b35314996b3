import { sql } from 'kysely';
import { executePrepared } from '../../platform/db/database.ts';
import { listMailRecipients } from '../users/index.ts';
import type { Db, DeliveryOutcome, DeliveryState, DownloadKind } from '../database-schema.ts';

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
  /** Per-file verdicts: 'partially_approved' when an approved delivery has rejected files too. */
  outcome: DeliveryOutcome | null;
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
      'd.outcome',
      'd.received_at',
      'd.checked_at',
      'd.technical_notice_due_at',
      'd.content_report_due_at',
      'd.report',
    ]);
}

/**
 * Claims an Idempotency-Key for a delivery (table delivery_idempotency_keys). Waits while another
 * transaction holds the same organisation and key; false when it was taken (then read it back).
 */
export async function claimIdempotencyKey(
  db: Db,
  values: { organisation_id: string; idempotency_key: string; fingerprint: string; delivery_id: string },
): Promise<boolean> {
  const row = await db
    .insertInto('delivery_idempotency_keys')
    .values(values)
    .onConflict((oc) => oc.columns(['organisation_id', 'idempotency_key']).doNothing())
    .returning('delivery_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function findIdempotencyKey(
  db: Db,
  organisationId: string,
  key: string,
): Promise<{ fingerprint: string; delivery_id: string } | undefined> {
  return db
    .selectFrom('delivery_idempotency_keys')
    .select(['fingerprint', 'delivery_id'])
    .where('organisation_id', '=', organisationId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
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

/**
 * insertDelivery with its receipt number drawn in the same statement (GGK-<year>- and the number from
 * delivery_receipt_numbers, at least six digits): one round trip fewer in every upload's transaction (issue 21).
 */
export async function insertNumberedDelivery(
  db: Db,
  year: number,
  values: Omit<Parameters<typeof insertDelivery>[1], 'receipt_number'>,
): Promise<{ id: string; receipt_number: string }> {
  return db
    .insertInto('deliveries')
    .values({
      ...values,
      receipt_number: sql<string>`(select 'GGK-' || ${String(year)}::text || '-' || lpad(n::text, greatest(6, length(n::text)), '0')
        from nextval('delivery_receipt_numbers') as n)`,
    })
    .returning(['id', 'receipt_number'])
    .executeTakeFirstOrThrow();
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

/** Prepared: every view of a delivery's pages and reports asks it (issue 21). */
export async function findDelivery(db: Db, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await executePrepared(db, selectDeliveries(db).where('d.id', '=', id).compile());
  return row as DeliveryRow | undefined;
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

/**
 * Serialises the verdicts of one gemeente's deliveries (until the transaction ends): a rule that
 * compares a file with the files in force (decision 0028, whole area or per predecessor) sees what a
 * concurrent check committed.
 */
export async function lockGemeenteVerdicts(db: Db, gemeenteId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`ggk.verdicts:${gemeenteId}`}, 0))`.execute(db);
}

/**
 * Marks a delivery as being checked when it waits for its check (or a killed worker left it in one):
 * one statement, whose update takes the row's lock itself, instead of a transaction of lock, read and
 * update (three round trips fewer per check job, issue 21). False when it is judged or withdrawn.
 */
export async function startChecking(db: Db, id: string): Promise<boolean> {
  const row = await db
    .updateTable('deliveries')
    .set({ state: 'checking' })
    .where('id', '=', id)
    .where('state', 'in', ['received', 'checking'])
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function storeCheckResult(
  db: Db,
  id: string,
  result: {
    state: 'approved' | 'rejected';
    outcome: 'approved' | 'partially_approved' | 'rejected';
    report: unknown;
    checkedAt: Date;
    contentReportDueAt: Date | null;
  },
): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({
      state: result.state,
      outcome: result.outcome,
      report: JSON.stringify(result.report),
      checked_at: result.checkedAt,
      content_report_due_at: result.contentReportDueAt,
    })
    .where('id', '=', id)
    .execute();
}

/** The stored technical report of a delivery and its outcome, replaced (a withdrawal of a part). */
export async function replaceStoredReport(
  db: Db,
  id: string,
  result: { report: unknown; outcome: 'approved' | 'partially_approved' | 'rejected' },
): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ report: JSON.stringify(result.report), outcome: result.outcome })
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
    delivery_file_id: string | null;
    sha256: string;
    bytes: number;
    gemeentecode: string | null;
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

/** Prepared: the delivery page lists them on every view. */
export async function listDeliveryFiles(db: Db, deliveryId: string): Promise<DeliveryFileRow[]> {
  return executePrepared(
    db,
    db
      .selectFrom('delivery_files')
      .select(['id', 'position', 'name', 'bytes', 'sha256', 'stored_file_id', 'wrapped_key'])
      .where('delivery_id', '=', deliveryId)
      .orderBy('position')
      .compile(),
  );
}

/**
 * Claims each content for this gemeente and half year for the delivery (delivered_file_claims):
 * returns the contents another delivery holds. Concurrent claims of one content wait on each other
 * at the primary key; the loser sees the winner's claim once it commits.
 */
export async function claimFileContents(
  db: Db,
  input: {
    gemeenteId: string;
    halfYear: string;
    deliveryId: string;
    files: Array<{ sha256: string; name: string }>;
  },
): Promise<string[]> {
  // In one order (by content) for every upload: two concurrent uploads of the same files in another
  // order would otherwise each wait on a claim the other holds, and the database would end one of them.
  const unique = [...new Map(input.files.map((f) => [f.sha256, f])).values()].sort((a, b) =>
    a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0,
  );
  if (unique.length === 0) return [];
  const claimed = await db
    .insertInto('delivered_file_claims')
    .values(
      unique.map((f) => ({
        gemeente_id: input.gemeenteId,
        half_year: input.halfYear,
        sha256: f.sha256,
        delivery_id: input.deliveryId,
        name: f.name,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning('sha256')
    .execute();
  const mine = new Set(claimed.map((c) => c.sha256));
  return unique.filter((f) => !mine.has(f.sha256)).map((f) => f.sha256);
}

/** Who holds the claims on these contents, and whether that delivery is approved or being checked. */
export async function findClaimHolders(
  db: Db,
  input: { gemeenteId: string; halfYear: string; sha256s: string[] },
): Promise<
  Array<{
    sha256: string;
    name: string;
    delivery_id: string;
    receipt_number: string;
    received_at: Date;
    state: DeliveryState;
  }>
> {
  if (input.sha256s.length === 0) return [];
  return db
    .selectFrom('delivered_file_claims as c')
    .innerJoin('deliveries as d', 'd.id', 'c.delivery_id')
    .select(['c.sha256', 'c.name', 'c.delivery_id', 'd.receipt_number', 'd.received_at', 'd.state'])
    .where('c.gemeente_id', '=', input.gemeenteId)
    .where('c.half_year', '=', input.halfYear)
    .where('c.sha256', 'in', input.sha256s)
    .orderBy('d.received_at')
    .execute();
}

/** Releases a delivery's claims (all, or those of the given contents): they may be delivered again. */
export async function releaseFileClaims(db: Db, deliveryIds: string[], sha256s?: string[]): Promise<void> {
  if (deliveryIds.length === 0 || (sha256s !== undefined && sha256s.length === 0)) return;
  let query = db.deleteFrom('delivered_file_claims').where('delivery_id', 'in', deliveryIds);
  if (sha256s !== undefined) query = query.where('sha256', 'in', sha256s);
  await query.execute();
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

/** What others (its samenwerkingsverbanden) delivered for a gemeente in a round, newest first. */
export async function listDeliveriesForGemeenteByOthers(
  db: Db,
  gemeenteId: string,
  roundId: string,
): Promise<DeliveryRow[]> {
  return selectDeliveries(db)
    .where('d.gemeente_id', '=', gemeenteId)
    .where('d.organisation_id', '<>', gemeenteId)
    .where('d.round_id', '=', roundId)
    .orderBy('d.received_at', 'desc')
    .execute() as Promise<DeliveryRow[]>;
}

/**
 * The files in force: per gemeente, type and period the file of the newest approved delivery; for a
 * gemeente formed by a merger also per predecessor whose code a file names (decision 0028). Newest is
 * by receipt time, then by receipt number (numbered in order within a round): two deliveries received
 * in the same instant (a fixed demo clock) still have one newest.
 */
export async function listFilesInForce(db: Db, gemeenteIds: string[], roundId: string) {
  if (gemeenteIds.length === 0) return [];
  const { rows } = await sql<{
    gemeente_id: string;
    file_type: string;
    period: string;
    /** The code the file is about: the gemeente's own, or a predecessor's. */
    gemeentecode: string | null;
    delivery_id: string;
    receipt_number: string;
    received_at: Date;
    /** The data file's name (a ZIP entry as zip/entry). */
    name: string;
  }>`
    select distinct on (d.gemeente_id, rf.file_type, rf.period, coalesce(rf.gemeentecode, g.gemeentecode))
      d.gemeente_id, rf.file_type, rf.period, coalesce(rf.gemeentecode, g.gemeentecode) as gemeentecode,
      d.id as delivery_id, d.receipt_number, d.received_at, rf.name
    from delivery_report_files rf
    join deliveries d on d.id = rf.delivery_id
    join organisations g on g.id = d.gemeente_id
    where d.state = 'approved' and rf.status = 'approved' and rf.file_type is not null
      and d.round_id = ${roundId} and d.gemeente_id in (${sql.join(gemeenteIds)})
    order by d.gemeente_id, rf.file_type, rf.period, coalesce(rf.gemeentecode, g.gemeentecode), d.received_at desc,
      d.receipt_number desc`.execute(db);
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

/**
 * The insert of a download, not executed: it runs as part of the statement that appends its audit
 * entry (recordReportDownload), so the two commit together in one round trip (issue 21).
 */
export function downloadInsert(
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
) {
  return db.insertInto('downloads').values(row);
}

/**
 * The downloads of a delivery, newest first; `limit`: only that many (the delivery page shows 20, and
 * every view of it adds one: reading them all made the page slower with every visit, issue 21).
 * Prepared: planned once for all deliveries, as the newest of the index on (delivery_id,
 * downloaded_at) read backwards.
 */
export async function listDownloadsOfDelivery(db: Db, deliveryId: string, limit?: number) {
  let q = db
    .selectFrom('downloads as d')
    .leftJoin('users as u', 'u.id', 'd.user_id')
    .select(['d.downloaded_at', 'd.kind', 'd.outcome', 'd.error', 'u.name as user_name', 'd.api_token_id'])
    .where('d.delivery_id', '=', deliveryId)
    .orderBy('d.downloaded_at', 'desc');
  if (limit !== undefined) q = q.limit(limit);
  return executePrepared(db, q.compile());
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

/** The state a page shows: an approved delivery with rejected files is "partially approved". */
export function shownDeliveryState(d: {
  state: DeliveryState;
  outcome: DeliveryOutcome | null;
}): DeliveryState | 'partially_approved' {
  return d.state === 'approved' && d.outcome === 'partially_approved' ? 'partially_approved' : d.state;
}

/**
 * The file types of each stored file of these deliveries, from the check's verdict rows (a ZIP holds
 * several). A stored file of a delivery not judged yet, or that the check could not type, has none.
 */
export async function listStoredFileTypes(
  db: Db,
  deliveryIds: string[],
): Promise<Array<{ delivery_file_id: string; file_type: string }>> {
  if (deliveryIds.length === 0) return [];
  const { rows } = await sql<{ delivery_file_id: string; file_type: string }>`
    select distinct f.id as delivery_file_id, rf.file_type
      from delivery_files f
      join delivery_report_files rf
        on rf.delivery_id = f.delivery_id
       and (rf.delivery_file_id = f.id or (rf.delivery_file_id is null and rf.name = f.name))
     where f.delivery_id = any(${sql.val(deliveryIds)}::uuid[]) and rf.file_type is not null`.execute(db);
  return rows;
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
  withdrawal_id: string | null;
}

export async function listFilesOfDeliveries(db: Db, deliveryIds: string[]): Promise<DeliveryFileFact[]> {
  if (deliveryIds.length === 0) return [];
  return db
    .selectFrom('delivery_files')
    .select([
      'id',
      'delivery_id',
      'name',
      'bytes',
      'sha256',
      'stored_file_id',
      'destroyed_at',
      'withdrawal_id',
    ])
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
  await releaseFileClaims(db, deliveryIds);
}

/**
 * Withdrawn files: key destroyed, marked with their withdrawal (the database refuses to change it
 * once set), their verdict rows gone (they no longer count, in force or in the feed) and their
 * duplicate claims released.
 */
export async function markFilesWithdrawn(
  db: Db,
  files: ReadonlyArray<{ id: string; delivery_id: string; name: string; sha256: string }>,
  withdrawalId: string,
  now: Date,
): Promise<void> {
  if (files.length === 0) return;
  const ids = files.map((f) => f.id);
  await db
    .updateTable('delivery_files')
    .set({ wrapped_key: null, destroyed_at: now, withdrawal_id: withdrawalId })
    .where('id', 'in', ids)
    .execute();
  for (const deliveryId of new Set(files.map((f) => f.delivery_id))) {
    const own = files.filter((f) => f.delivery_id === deliveryId);
    await db
      .deleteFrom('delivery_report_files')
      .where('delivery_id', '=', deliveryId)
      .where((eb) =>
        eb.or([
          eb(
            'delivery_file_id',
            'in',
            own.map((f) => f.id),
          ),
          eb.and([
            eb('delivery_file_id', 'is', null),
            eb(
              'name',
              'in',
              own.map((f) => f.name),
            ),
          ]),
        ]),
      )
      .execute();
    await releaseFileClaims(
      db,
      [deliveryId],
      own.map((f) => f.sha256),
    );
  }
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
  // Delivered files and CBS's op-orde rapporten whose keys were destroyed.
  const { rows } = await sql<{ stored_file_id: string }>`
    select stored_file_id from delivery_files where destroyed_at is not null
    union all
    select stored_file_id from cbs_content_reports where destroyed_at is not null`.execute(db);
  return rows.map((r) => r.stored_file_id);
}

export interface DeliverySearchRow {
  id: string;
  receipt_number: string;
  received_at: Date;
  organisation_name: string;
  gemeente_id: string;
  gemeentecode: string | null;
  gemeente_name: string;
  half_year: string;
  state: DeliveryState;
}

const escapeLike = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Deliveries for staff: of one round (or every round), whose receipt number, gemeente, gemeentecode
 * or delivering organisation matches the term, optionally of one state and half year; newest first,
 * one page of them and the total.
 */
export async function searchDeliveries(
  db: Db,
  filter: {
    roundId?: string;
    term?: string;
    state?: DeliveryState;
    halfYear?: string;
    limit: number;
    offset?: number;
  },
): Promise<{ rows: DeliverySearchRow[]; total: number }> {
  let deliveries = db.selectFrom('deliveries as d');
  if (filter.roundId) deliveries = deliveries.where('d.round_id', '=', filter.roundId);
  if (filter.state) deliveries = deliveries.where('d.state', '=', filter.state);
  if (filter.halfYear) deliveries = deliveries.where('d.half_year', '=', filter.halfYear);
  let query = deliveries
    .innerJoin('organisations as o', 'o.id', 'd.organisation_id')
    .innerJoin('organisations as g', 'g.id', 'd.gemeente_id');
  const term = filter.term?.trim();
  if (term) {
    const like = escapeLike(term);
    query = query.where((eb) =>
      eb.or([
        eb('d.receipt_number', 'ilike', like),
        eb('g.name', 'ilike', like),
        eb('g.gemeentecode', '=', term),
        eb('o.name', 'ilike', like),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .select([
        'd.id',
        'd.receipt_number',
        'd.received_at',
        'o.name as organisation_name',
        'd.gemeente_id',
        'g.gemeentecode',
        'g.name as gemeente_name',
        'd.half_year',
        'd.state',
      ])
      .orderBy('d.received_at', 'desc')
      .orderBy('d.id')
      .limit(filter.limit)
      .offset(filter.offset ?? 0)
      .execute(),
    // Without a search term the organisations filter nothing (both are required foreign keys): the
    // count reads the deliveries' index alone, not both joins for every delivery of the round.
    (term ? query : deliveries).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as DeliverySearchRow[], total: Number(count.n) };
}

export interface DeliveryErasure {
  kind: 'withdrawn' | 'purged';
  at: Date;
  /** Withdrawn: in the portal by a person, or on a CBS form registered by a person. */
  channel: 'portal' | 'cbs_form' | null;
  by: string | null;
  formReference: string | null;
}

function selectErasure(db: Db, deliveryId: string) {
  return db
    .selectFrom('deliveries as d')
    .leftJoin('withdrawals as w', 'w.id', 'd.withdrawal_id')
    .leftJoin('users as u', 'u.id', 'w.requested_by')
    .select([
      'd.state',
      'd.withdrawn_at',
      'd.purged_at',
      'w.channel',
      'w.form_reference',
      'u.name as by_name',
    ])
    .where('d.id', '=', deliveryId);
}

/** Why and when a delivery's files and reports were erased (withdrawal or retention), if they were. */
export async function findErasure(db: Db, deliveryId: string): Promise<DeliveryErasure | undefined> {
  const row = await selectErasure(db, deliveryId).executeTakeFirst();
  return row && erasureOf(row);
}

/**
 * The delivery page's stored files, erasure and op-orde rapport's state in one statement (prepared:
 * three before, issue 21), as listDeliveryFiles, findErasure and the reports module's
 * findContentReportState give them (a read of the reports module's table: reads are free).
 */
export async function findFilesErasureAndContentReport(
  db: Db,
  deliveryId: string,
): Promise<{
  files: DeliveryFileRow[];
  erasure: DeliveryErasure | undefined;
  contentReport: { state: 'held' | 'placed'; placedAt: Date | null } | undefined;
}> {
  const [row] = await executePrepared(
    db,
    selectErasure(db, deliveryId)
      .leftJoin('content_reports as cr', 'cr.delivery_id', 'd.id')
      .select(['cr.state as content_report_state', 'cr.placed_at as content_report_placed_at'])
      .select(
        sql<DeliveryFileRow[]>`coalesce((
          select json_agg(json_build_object('id', f.id, 'position', f.position, 'name', f.name, 'bytes', f.bytes,
                   'sha256', f.sha256, 'stored_file_id', f.stored_file_id, 'wrapped_key', f.wrapped_key)
                 order by f.position)
            from delivery_files f where f.delivery_id = d.id), '[]'::json)`.as('files'),
      )
      .compile(),
  );
  return {
    files: row?.files ?? [],
    erasure: row && erasureOf(row),
    contentReport: row?.content_report_state
      ? { state: row.content_report_state, placedAt: row.content_report_placed_at }
      : undefined,
  };
}

function erasureOf(row: {
  state: DeliveryState;
  withdrawn_at: Date | null;
  purged_at: Date | null;
  channel: 'portal' | 'cbs_form' | null;
  form_reference: string | null;
  by_name: string | null;
}): DeliveryErasure | undefined {
  if (row.state === 'withdrawn' && row.withdrawn_at)
    return {
      kind: 'withdrawn',
      at: row.withdrawn_at,
      channel: row.channel,
      by: row.by_name,
      formReference: row.form_reference,
    };
  if (row.purged_at)
    return { kind: 'purged', at: row.purged_at, channel: null, by: null, formReference: null };
  return undefined;
}

/** CBS's verdict on a data file decides whether it counts ("in force" reads delivery_report_files). */
export async function setReportFileStatus(
  db: Db,
  deliveryId: string,
  name: string,
  status: 'approved' | 'rejected',
): Promise<void> {
  await db
    .updateTable('delivery_report_files')
    .set({ status })
    .where('delivery_id', '=', deliveryId)
    .where('name', '=', name)
    .execute();
}

/** `ggk keys rotate`: delivered files' data keys whose wrap is not under the current master key (`current`, a LIKE pattern). */
export async function listStaleFileKeyWraps(
  db: Db,
  current: string,
  after: string,
  limit: number,
): Promise<Array<{ id: string; stored_file_id: string; wrapped_key: string }>> {
  const { rows } = await sql<{ id: string; stored_file_id: string; wrapped_key: string }>`
    select id::text as id, stored_file_id, wrapped_key from delivery_files
     where wrapped_key is not null and wrapped_key not like ${current} and id::text > ${after}
     order by id::text limit ${limit}`.execute(db);
  return rows;
}

/** Re-wraps one key if its wrap is still the one read (compare-and-set); the rows changed (0 or 1). */
export async function replaceFileKeyWrap(
  db: Db,
  id: string,
  previous: string,
  next: string,
): Promise<number> {
  const result = await sql`
    update delivery_files set wrapped_key = ${next} where id::text = ${id} and wrapped_key = ${previous}`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0n);
}

export async function countStaleFileKeyWraps(db: Db, current: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from delivery_files where wrapped_key is not null and wrapped_key not like ${current}`.execute(
    db,
  );
  return rows[0]?.n ?? 0;
}
