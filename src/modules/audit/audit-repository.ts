import { sql, type OperationNodeSource } from 'kysely';
import { executePrepared } from '../../platform/db/database.ts';
import type { Db } from '../database-schema.ts';

export interface AuditEntryRow {
  seq: number;
  id: string;
  recorded_at: Date;
  actor_kind: 'user' | 'api_token' | 'system';
  actor_user_id: string | null;
  actor_token_id: string | null;
  organisation_id: string | null;
  action: string;
  subject_ids: string[];
  details: unknown;
  previous_hash: string;
  hash: string;
}

/**
 * A change recorded together with its audit entry in one statement (an insert, update or delete
 * query of Kysely, not executed): see recordAudit's `alongside`.
 */
export type AuditAlongside = OperationNodeSource;

/**
 * Appends one entry when the caller's transaction commits (migration 0032-b): the entry goes into
 * audit_pending, and a deferred trigger there calls the database's audit_append (0031-b) at commit,
 * which takes the trail's advisory lock (one key for the whole trail: appends wait for each other, so
 * `seq` and the chain stay linear) until the commit ends, reads the chain's last link, fills the new
 * seq and the previous hash into the canonical content's pieces, hashes and inserts. The lock is
 * never held across a round trip to this process. Outside a transaction the statement is its own,
 * and the entry is appended at its end.
 */
export async function appendAuditEntry(
  trx: Db,
  row: Omit<AuditEntryRow, 'seq' | 'previous_hash' | 'hash'>,
  content: { prefix: string; middle: string; suffix: string },
  alongside?: AuditAlongside,
): Promise<void> {
  // The change the entry records as a data-modifying WITH of the same statement: both or neither.
  const change = alongside ? sql`with alongside as (${alongside}) ` : sql``;
  // Prepared: a view of a report records one (every view of the delivery page). The text is fixed for
  // each kind of change alongside (one row of one table).
  await executePrepared(
    trx,
    sql`${change}insert into audit_pending (
    id, recorded_at, actor_kind, actor_user_id, actor_token_id, organisation_id, action, subject_ids,
    details, content_prefix, content_middle, content_suffix
  ) values (
    ${row.id}::uuid, ${row.recorded_at}::timestamptz, ${row.actor_kind}, ${row.actor_user_id}::uuid,
    ${row.actor_token_id}::uuid, ${row.organisation_id}::uuid, ${row.action}, ${row.subject_ids}::text[],
    ${JSON.stringify(row.details)}::jsonb, ${content.prefix}, ${content.middle}, ${content.suffix})`.compile(
      trx,
    ),
  );
}

const COLUMNS = [
  'seq',
  'id',
  'recorded_at',
  'actor_kind',
  'actor_user_id',
  'actor_token_id',
  'organisation_id',
  'action',
  'subject_ids',
  'details',
  'previous_hash',
  'hash',
] as const;

/** Entries in chain order after `afterSeq`, for verification in batches. */
export async function listEntriesAfter(db: Db, afterSeq: number, limit: number): Promise<AuditEntryRow[]> {
  return db
    .selectFrom('audit_entries')
    .select(COLUMNS)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute() as Promise<AuditEntryRow[]>;
}

export interface AuditFilter {
  organisationId?: string | undefined;
  action?: string | undefined;
  actorUserId?: string | undefined;
  subjectId?: string | undefined;
  from?: Date | undefined;
  until?: Date | undefined;
}

export interface AuditListRow extends AuditEntryRow {
  actor_name: string | null;
  organisation_name: string | null;
}

/** Newest first, with the names of actor and organisation for display (names may have changed since). */
export async function listAuditEntries(
  db: Db,
  filter: AuditFilter,
  page: { limit: number; beforeSeq?: number | undefined },
): Promise<AuditListRow[]> {
  let query = db
    .selectFrom('audit_entries as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .leftJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(COLUMNS.map((c) => `a.${c}` as const))
    .select(['u.name as actor_name', 'o.name as organisation_name']);
  if (filter.organisationId) query = query.where('a.organisation_id', '=', filter.organisationId);
  if (filter.action) query = query.where('a.action', '=', filter.action);
  if (filter.actorUserId) query = query.where('a.actor_user_id', '=', filter.actorUserId);
  if (filter.subjectId)
    query = query.where(sql<boolean>`a.subject_ids @> array[${filter.subjectId}]::text[]`);
  if (filter.from) query = query.where('a.recorded_at', '>=', filter.from);
  if (filter.until) query = query.where('a.recorded_at', '<', filter.until);
  if (page.beforeSeq !== undefined) query = query.where('a.seq', '<', page.beforeSeq);
  return query.orderBy('a.seq', 'desc').limit(page.limit).execute() as Promise<AuditListRow[]>;
}

/** The audit anchor key as wrapped by the master key (0027-a), when one was stored. */
export async function readAnchorKeyWrap(db: Db): Promise<string | undefined> {
  const { rows } = await sql<{ wrapped_key: string }>`select wrapped_key from audit_anchor_key`.execute(db);
  return rows[0]?.wrapped_key;
}

/** Stores the wrapped anchor key unless another process stored one first (that one stays). */
export async function insertAnchorKeyWrap(db: Db, wrappedKey: string): Promise<void> {
  await sql`insert into audit_anchor_key (wrapped_key) values (${wrappedKey}) on conflict (id) do nothing`.execute(
    db,
  );
}

/** `ggk keys rotate`: the audit anchor's signing key whose wrap is not under the current master key (`current`, a LIKE pattern). */
export async function listStaleAnchorKeyWraps(
  db: Db,
  current: string,
  after: string,
  limit: number,
): Promise<Array<{ id: string; stored_file_id: string; wrapped_key: string }>> {
  const { rows } = await sql<{ id: string; stored_file_id: string; wrapped_key: string }>`
    select id::text as id, stored_file_id, wrapped_key from audit_anchor_key
     where wrapped_key is not null and wrapped_key not like ${current} and id::text > ${after}
     order by id::text limit ${limit}`.execute(db);
  return rows;
}

/** Re-wraps one key if its wrap is still the one read (compare-and-set); the rows changed (0 or 1). */
export async function replaceAnchorKeyWrap(
  db: Db,
  id: string,
  previous: string,
  next: string,
): Promise<number> {
  const result = await sql`
    update audit_anchor_key set wrapped_key = ${next} where id::text = ${id} and wrapped_key = ${previous}`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0n);
}

export async function countStaleAnchorKeyWraps(db: Db, current: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from audit_anchor_key where wrapped_key is not null and wrapped_key not like ${current}`.execute(
    db,
  );
  return rows[0]?.n ?? 0;
}

/** The hash of entry `seq`, or undefined when there is no such entry (any more). */
export async function findEntryHash(db: Db, seq: number): Promise<string | undefined> {
  const row = await db.selectFrom('audit_entries').select('hash').where('seq', '=', seq).executeTakeFirst();
  return row?.hash;
}

export async function hasEntryWithHash(db: Db, hash: string): Promise<boolean> {
  const row = await db.selectFrom('audit_entries').select('seq').where('hash', '=', hash).executeTakeFirst();
  return row !== undefined;
}

/** Whether the trail was already anchored on the Amsterdam calendar day of `now`. */
export async function hasAnchorOnDayOf(db: Db, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('audit_entries')
    .select('seq')
    .where('action', '=', 'audit.anchored')
    .where(
      sql<boolean>`(recorded_at at time zone 'Europe/Amsterdam')::date = (${now}::timestamptz at time zone 'Europe/Amsterdam')::date`,
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** The chain's last link (without the append lock: lockChainHead takes it). */
export async function findChainHead(db: Db): Promise<{ seq: number; hash: string } | undefined> {
  return db
    .selectFrom('audit_entries')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Who receives the daily anchor: the e-mail addresses of every active operator and CBS user. */
export async function listAnchorRecipients(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select('u.email')
    .distinct()
    .where('r.role', 'in', ['operator', 'cbs'])
    .where('u.is_disabled', '=', false)
    .orderBy('u.email')
    .execute();
  return rows.map((r) => r.email);
}
