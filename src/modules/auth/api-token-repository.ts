import { sql } from 'kysely';
import type { Db } from '../database-schema.ts';

export interface ApiTokenRow {
  id: string;
  kind: 'organisation' | 'cbs';
  organisation_id: string | null;
  name: string;
  token_prefix: string;
  roles: string[];
  created_by: string | null;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

/** A token as its organisation's token page lists it: with the name of whoever made it. */
export interface ApiTokenListRow extends ApiTokenRow {
  /** Null for a token made on the command line (the operator's). */
  created_by_name: string | null;
  created_by_disabled: boolean | null;
}

const columns = [
  'id',
  'kind',
  'organisation_id',
  'name',
  'token_prefix',
  'roles',
  'created_by',
  'created_at',
  'expires_at',
  'revoked_at',
  'last_used_at',
] as const;

export async function insertApiToken(
  db: Db,
  values: {
    kind?: 'organisation' | 'cbs';
    organisation_id: string | null;
    name: string;
    token_prefix: string;
    token_hash: string;
    roles: string[];
    created_by: string | null;
    expires_at: Date;
    created_at: Date;
  },
): Promise<ApiTokenRow> {
  return db.insertInto('api_tokens').values(values).returning(columns).executeTakeFirstOrThrow();
}

/** The token with this hash, and whether its maker is still an active user (null: made on the command line). */
export async function findApiTokenByHash(
  db: Db,
  tokenHash: string,
): Promise<(ApiTokenRow & { maker_disabled: boolean | null }) | undefined> {
  return db
    .selectFrom('api_tokens as t')
    .leftJoin('users as u', 'u.id', 't.created_by')
    .select(columns.map((c) => `t.${c}` as const))
    .select('u.is_disabled as maker_disabled')
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function listApiTokensOf(db: Db, organisationId: string): Promise<ApiTokenListRow[]> {
  return db
    .selectFrom('api_tokens as t')
    .leftJoin('users as u', 'u.id', 't.created_by')
    .select(columns.map((c) => `t.${c}` as const))
    .select(['u.name as created_by_name', 'u.is_disabled as created_by_disabled'])
    .where('t.organisation_id', '=', organisationId)
    .orderBy('t.created_at', 'desc')
    .execute();
}

/**
 * The maker's tokens the database revoked in the current transaction (its rule that tokens follow
 * their maker, migration 0012-a, stamps them with its now()) get the app's time `at` instead, as
 * every other revocation does, so the CBS token page shows the same time as the audit entry (on a
 * fake day too, issue 20). Returns how many of them are in the organisation, for the audit entry.
 */
export async function dateTokensRevokedNow(
  db: Db,
  makerId: string,
  organisationId: string,
  at: Date,
): Promise<number> {
  const rows = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('created_by', '=', makerId)
    .where(sql<boolean>`revoked_at = now()`)
    .returning('organisation_id')
    .execute();
  return rows.filter((r) => r.organisation_id === organisationId).length;
}

export async function markApiTokenRevoked(
  db: Db,
  id: string,
  organisationId: string,
  at: Date,
): Promise<number> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('organisation_id', '=', organisationId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markApiTokenUsed(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

/** A CBS token as the CBS token page lists it: also who revoked it, from the audit trail. */
export interface CbsTokenListRow extends ApiTokenListRow {
  /** Null when not revoked, or revoked on the command line or by the database. */
  revoked_by_name: string | null;
}

/** CBS's tokens, newest first, with the names of whoever made and revoked it (null: the command line). */
export async function listCbsTokens(db: Db): Promise<CbsTokenListRow[]> {
  return db
    .selectFrom('api_tokens as t')
    .leftJoin('users as u', 'u.id', 't.created_by')
    .select(columns.map((c) => `t.${c}` as const))
    .select(['u.name as created_by_name', 'u.is_disabled as created_by_disabled'])
    .select(
      sql<string | null>`(
        select r.name from audit_entries a join users r on r.id = a.actor_user_id
        where a.action = 'token.revoked' and a.subject_ids @> array[t.id::text]
        order by a.seq desc limit 1)`.as('revoked_by_name'),
    )
    .where('t.kind', '=', 'cbs')
    .orderBy('t.created_at', 'desc')
    .execute();
}

export async function markCbsTokenRevoked(db: Db, id: string, at: Date): Promise<number> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('kind', '=', 'cbs')
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
