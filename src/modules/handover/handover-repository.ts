// The hand-over tables (migration 0013-a): the feed CBS reads, its fetches, acknowledgements,
// verdicts, op-orde rapporten and confirmations of erasure.
import { sql } from 'kysely';
import { executePrepared } from '../../platform/db/database.ts';
import type { Db } from '../database-schema.ts';

export interface FeedRow {
  seq: string;
  kind: 'delivery' | 'withdrawal';
  delivery_id: string;
  withdrawal_id: string | null;
  file_ids: string[];
  receipt_number: string;
  gemeentecode: string;
  half_year: string;
  delivered_by_kind: 'gemeente' | 'samenwerkingsverband';
  delivered_by_name: string;
  received_at: Date;
  withdrawn_at: Date | null;
  /** A withdrawal item: whether it withdrew the whole delivery (else only the files it lists). */
  whole_delivery: boolean;
}

export async function listFeedAfter(db: Db, afterSeq: bigint, limit: number): Promise<FeedRow[]> {
  const { rows } = await sql<FeedRow>`
    select f.seq::text as seq, f.kind, f.delivery_id, f.withdrawal_id, f.file_ids::text[] as file_ids,
           d.receipt_number, g.gemeentecode, d.half_year, o.kind as delivered_by_kind,
           o.name as delivered_by_name, d.received_at, w.withdrawn_at,
           (f.kind = 'withdrawal' and d.withdrawal_id is not distinct from f.withdrawal_id) as whole_delivery
      from cbs_handover_feed f
      join deliveries d on d.id = f.delivery_id
      join organisations g on g.id = d.gemeente_id
      join organisations o on o.id = d.organisation_id
      left join withdrawals w on w.id = f.withdrawal_id
     where f.seq > ${afterSeq.toString()}::bigint
     order by f.seq
     limit ${limit}`.execute(db);
  return rows;
}

export async function feedItemExists(db: Db, seq: bigint): Promise<boolean> {
  const { rows } = await sql`select 1 from cbs_handover_feed where seq = ${seq.toString()}::bigint`.execute(
    db,
  );
  return rows.length > 0;
}

/** A data file CBS was offered (migration 0019-a): a stored file, or one entry of a stored ZIP. */
export interface HandoverFileRow {
  id: string;
  delivery_id: string;
  name: string;
  /** The name in ggk's report: the stored file's, or "<zip name>/<path in the zip>" for an entry. */
  report_name: string;
  file_type: string;
  bytes: number;
  sha256: string;
}

const handoverFileColumns = sql`h.id, h.delivery_id, h.name, h.report_name, h.file_type, h.bytes::float8 as bytes, h.sha256`;

/** The offered files with these ids, in their delivery's order. */
export async function listFilesByIds(db: Db, ids: readonly string[]): Promise<HandoverFileRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<HandoverFileRow>`
    select ${handoverFileColumns}
      from cbs_handover_files h
     where h.id = any(${sql.val(ids)}::uuid[])
     order by h.delivery_id, h.position`.execute(db);
  return rows;
}

export interface OfferedFileRow extends HandoverFileRow {
  organisation_id: string;
  receipt_number: string;
  withdrawn_at: Date | null;
  purged_at: Date | null;
  /** The stored file holding it (the ZIP, for an entry). */
  stored_file_id: string;
  stored_name: string;
  stored_bytes: number;
  wrapped_key: string | null;
}

/** A file CBS was offered in the feed (only those can be fetched), with its delivery's state. */
export async function findOfferedFile(db: Db, fileId: string): Promise<OfferedFileRow | undefined> {
  const { rows } = await sql<OfferedFileRow>`
    select ${handoverFileColumns}, d.organisation_id, d.receipt_number, d.withdrawn_at, d.purged_at,
           f.stored_file_id, f.name as stored_name, f.bytes::float8 as stored_bytes, f.wrapped_key
      from cbs_handover_files h
      join cbs_handover_feed i on i.kind = 'delivery' and i.delivery_id = h.delivery_id and h.id = any(i.file_ids)
      join delivery_files f on f.id = h.delivery_file_id
      join deliveries d on d.id = h.delivery_id
     where h.id = ${fileId}::uuid`.execute(db);
  return rows[0];
}

export async function insertFetch(
  db: Db,
  values: {
    fetchedAt: Date;
    fileId: string;
    tokenId: string;
    rangeStart: number | null;
    rangeEnd: number | null;
    outcome: 'success' | 'gone';
  },
): Promise<void> {
  await sql`
    insert into cbs_file_fetches (fetched_at, file_id, api_token_id, range_start, range_end, outcome)
    values (${values.fetchedAt}, ${values.fileId}::uuid, ${values.tokenId}::uuid, ${values.rangeStart},
            ${values.rangeEnd}, ${values.outcome})`.execute(db);
}

export interface OfferedDeliveryRow {
  delivery_id: string;
  organisation_id: string;
  gemeente_id: string;
  round_id: string;
  receipt_number: string;
  withdrawn_at: Date | null;
  file_ids: string[];
  /** Offered files withdrawn on their own (a part of the delivery, migration 0028-b). */
  withdrawn_file_ids: string[];
}

/** A delivery that is in the feed, locked for the change that follows. */
export async function lockOfferedDelivery(
  db: Db,
  deliveryId: string,
): Promise<OfferedDeliveryRow | undefined> {
  const { rows } = await sql<OfferedDeliveryRow>`
    select d.id as delivery_id, d.organisation_id, d.gemeente_id, d.round_id, d.receipt_number, d.withdrawn_at,
           h.file_ids::text[] as file_ids,
           array(select x.id::text from cbs_handover_files x join delivery_files f on f.id = x.delivery_file_id
                  where x.delivery_id = d.id and f.withdrawal_id is not null) as withdrawn_file_ids
      from deliveries d
      join cbs_handover_feed h on h.kind = 'delivery' and h.delivery_id = d.id
     where d.id = ${deliveryId}::uuid
     for update of d`.execute(db);
  return rows[0];
}

export interface ReceiptRow {
  delivery_id: string;
  received_at: Date;
  files: Array<{ fileId: string; sha256: string }>;
}

export async function findReceipt(db: Db, deliveryId: string): Promise<ReceiptRow | undefined> {
  const { rows } = await sql<ReceiptRow>`
    select delivery_id, received_at, files from cbs_receipts where delivery_id = ${deliveryId}::uuid`.execute(
    db,
  );
  return rows[0];
}

export async function insertReceipt(
  db: Db,
  values: {
    deliveryId: string;
    receivedAt: Date;
    tokenId: string;
    files: Array<{ fileId: string; sha256: string }>;
  },
): Promise<void> {
  await sql`
    insert into cbs_receipts (delivery_id, received_at, api_token_id, files)
    values (${values.deliveryId}::uuid, ${values.receivedAt}, ${values.tokenId}::uuid,
            ${JSON.stringify(values.files)}::jsonb)`.execute(db);
}

export interface ReportFileStatusRow {
  id: string;
  report_name: string;
  status: 'approved' | 'rejected' | null;
  cbs_verdict: 'approved' | 'rejected' | null;
  ggk_status: 'approved' | 'rejected' | null;
}

/** The offered files of a delivery with ggk's current status and CBS's earlier verdict. */
export async function listOfferedFileStatuses(db: Db, deliveryId: string, fileIds: readonly string[]) {
  const { rows } = await sql<ReportFileStatusRow>`
    select h.id, h.report_name, rf.status, v.verdict as cbs_verdict, v.ggk_status
      from cbs_handover_files h
      left join delivery_report_files rf on rf.delivery_id = h.delivery_id and rf.name = h.report_name
      left join cbs_file_verdicts v on v.file_id = h.id
     where h.delivery_id = ${deliveryId}::uuid and h.id = any(${sql.val(fileIds)}::uuid[])`.execute(db);
  return rows;
}

export async function upsertVerdict(
  db: Db,
  values: {
    fileId: string;
    deliveryId: string;
    verdict: 'approved' | 'rejected';
    findings: unknown[];
    ggkStatus: 'approved' | 'rejected' | null;
    at: Date;
    tokenId: string;
  },
): Promise<void> {
  await sql`
    insert into cbs_file_verdicts (file_id, delivery_id, verdict, findings, ggk_status, decided_at, api_token_id)
    values (${values.fileId}::uuid, ${values.deliveryId}::uuid, ${values.verdict},
            ${JSON.stringify(values.findings)}::jsonb, ${values.ggkStatus}, ${values.at}, ${values.tokenId}::uuid)
    on conflict (file_id) do update
      set verdict = excluded.verdict, findings = excluded.findings, decided_at = excluded.decided_at,
          api_token_id = excluded.api_token_id`.execute(db);
}

export interface CbsVerdictRow {
  file_id: string;
  name: string;
  verdict: 'approved' | 'rejected';
  findings: Array<{ code: string; message: string; line?: number }>;
  ggk_status: 'approved' | 'rejected' | null;
  decided_at: Date;
}

export interface CbsContentReportRow {
  delivery_id: string;
  stored_file_id: string;
  wrapped_key: string | null;
  bytes: number;
  sha256: string;
  state: 'held' | 'placed';
  uploaded_at: Date;
  placed_at: Date | null;
  destroyed_at: Date | null;
}

/** The columns of CBS's own report of a delivery (`c`; all null where a left join found none). */
const CBS_REPORT_COLUMNS = sql`c.delivery_id, c.stored_file_id, c.wrapped_key, c.bytes::float8 as bytes, c.sha256,
  c.state, c.uploaded_at, c.placed_at, c.destroyed_at`;

export async function findCbsContentReport(
  db: Db,
  deliveryId: string,
): Promise<CbsContentReportRow | undefined> {
  // The pages read it with findCbsReportOfDelivery and findHandoverOfDelivery; this is for CBS's
  // upload of its report and a released hold.
  const { rows } = await sql<CbsContentReportRow>`
    select ${CBS_REPORT_COLUMNS} from cbs_content_reports c where c.delivery_id = ${deliveryId}::uuid`.execute(
    db,
  );
  return rows[0];
}

export async function upsertCbsContentReport(
  db: Db,
  values: {
    deliveryId: string;
    storedFileId: string;
    wrappedKey: string;
    bytes: number;
    sha256: string;
    state: 'held' | 'placed';
    at: Date;
    userId: string | null;
    tokenId: string | null;
  },
): Promise<void> {
  await sql`
    insert into cbs_content_reports (delivery_id, stored_file_id, wrapped_key, bytes, sha256, state, uploaded_at,
                                     placed_at, uploaded_by_user, api_token_id)
    values (${values.deliveryId}::uuid, ${values.storedFileId}, ${values.wrappedKey}, ${values.bytes}, ${values.sha256},
            ${values.state}, ${values.at}, ${values.state === 'placed' ? values.at : null}, ${values.userId}::uuid,
            ${values.tokenId}::uuid)
    on conflict (delivery_id) do update
      set stored_file_id = excluded.stored_file_id, wrapped_key = excluded.wrapped_key, bytes = excluded.bytes,
          sha256 = excluded.sha256, state = excluded.state, uploaded_at = excluded.uploaded_at,
          placed_at = excluded.placed_at, uploaded_by_user = excluded.uploaded_by_user,
          api_token_id = excluded.api_token_id, destroyed_at = null`.execute(db);
}

/** Whether CBS holds the op-orde reports of this round or gemeente (the holds of migration 0008). */
export async function isHeld(db: Db, roundId: string, gemeenteId: string): Promise<boolean> {
  const { rows } = await sql`
    select 1 from content_report_holds
     where round_id = ${roundId}::uuid and released_at is null
       and (gemeente_id is null or gemeente_id = ${gemeenteId}::uuid)`.execute(db);
  return rows.length > 0;
}

export interface WithdrawalFeedRow {
  withdrawal_id: string;
  gemeente_id: string;
  delivery_ids: string[];
}

export async function findWithdrawalInFeed(
  db: Db,
  withdrawalId: string,
): Promise<WithdrawalFeedRow | undefined> {
  const { rows } = await sql<WithdrawalFeedRow>`
    select w.id as withdrawal_id, w.gemeente_id, array_agg(h.delivery_id)::text[] as delivery_ids
      from withdrawals w join cbs_handover_feed h on h.withdrawal_id = w.id and h.kind = 'withdrawal'
     where w.id = ${withdrawalId}::uuid
     group by w.id, w.gemeente_id`.execute(db);
  return rows[0];
}

export interface ErasureRow {
  withdrawal_id: string;
  erased_at: Date;
  confirmed_at: Date;
}

export async function insertErasureConfirmation(
  db: Db,
  values: { withdrawalId: string; erasedAt: Date; at: Date; tokenId: string },
): Promise<boolean> {
  const result = await sql`
    insert into cbs_erasure_confirmations (withdrawal_id, erased_at, confirmed_at, api_token_id)
    values (${values.withdrawalId}::uuid, ${values.erasedAt}, ${values.at}, ${values.tokenId}::uuid)
    on conflict (withdrawal_id) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

export async function findErasureConfirmation(db: Db, withdrawalId: string): Promise<ErasureRow | undefined> {
  const { rows } = await sql<ErasureRow>`
    select withdrawal_id, erased_at, confirmed_at from cbs_erasure_confirmations
     where withdrawal_id = ${withdrawalId}::uuid`.execute(db);
  return rows[0];
}

type CbsReportColumns = { [K in keyof CbsContentReportRow]: CbsContentReportRow[K] | null };

function cbsReportOf(row: CbsReportColumns): CbsContentReportRow | undefined {
  // delivery_id is the primary key: null only where the left join found no report.
  return row.delivery_id === null ? undefined : (row as CbsContentReportRow);
}

/**
 * CBS's own op-orde report of a delivery and whether its round shows only CBS's report: one
 * statement (prepared), as the op-orde and delivery pages ask it on every view (issue 21).
 */
export async function findCbsReportOfDelivery(
  db: Db,
  delivery: { id: string; round_id: string },
): Promise<{ report: CbsContentReportRow | undefined; cbsReportOnly: boolean }> {
  const [row] = await executePrepared(
    db,
    sql<CbsReportColumns & { cbs_report_only: boolean }>`
    select ro.cbs_report_only, ${CBS_REPORT_COLUMNS}
      from rounds ro left join cbs_content_reports c on c.delivery_id = ${delivery.id}::uuid
     where ro.id = ${delivery.round_id}::uuid`.compile(db),
  );
  return { report: row && cbsReportOf(row), cbsReportOnly: row?.cbs_report_only ?? false };
}

/**
 * What the delivery page shows of the hand-over, in one statement (prepared; four before, issue
 * 21): CBS's receipt and erasure confirmation, CBS's own op-orde report with the round's choice to
 * show only that, and CBS's verdicts per file in the order of the handed-over files.
 */
export async function findHandoverOfDelivery(
  db: Db,
  deliveryId: string,
): Promise<
  | {
      receivedByCbsAt: Date | null;
      erasureConfirmedAt: Date | null;
      erasedAt: Date | null;
      report: CbsContentReportRow | undefined;
      cbsReportOnly: boolean;
      verdicts: CbsVerdictRow[];
    }
  | undefined
> {
  const [row] = await executePrepared(
    db,
    sql<
      CbsReportColumns & {
        received_at: Date | null;
        confirmed_at: Date | null;
        erased_at: Date | null;
        cbs_report_only: boolean;
        verdicts: Array<Omit<CbsVerdictRow, 'decided_at'> & { decided_at: string }>;
      }
    >`
    select r.received_at, e.confirmed_at, e.erased_at, ro.cbs_report_only, ${CBS_REPORT_COLUMNS},
           coalesce((
             select json_agg(json_build_object('file_id', v.file_id, 'name', h.name, 'verdict', v.verdict,
                      'findings', v.findings, 'ggk_status', v.ggk_status, 'decided_at', v.decided_at)
                    order by h.position)
               from cbs_file_verdicts v join cbs_handover_files h on h.id = v.file_id
              where v.delivery_id = d.id), '[]'::json) as verdicts
      from deliveries d
      join rounds ro on ro.id = d.round_id
      left join cbs_receipts r on r.delivery_id = d.id
      left join cbs_erasure_confirmations e on e.withdrawal_id = d.withdrawal_id
      left join cbs_content_reports c on c.delivery_id = d.id
     where d.id = ${deliveryId}::uuid`.compile(db),
  );
  return (
    row && {
      receivedByCbsAt: row.received_at,
      erasureConfirmedAt: row.confirmed_at,
      erasedAt: row.erased_at,
      report: cbsReportOf(row),
      cbsReportOnly: row.cbs_report_only,
      // JSON has no timestamps: decided_at comes as ISO text.
      verdicts: row.verdicts.map((v) => ({ ...v, decided_at: new Date(v.decided_at) })),
    }
  );
}
