import type { Db } from '../database-schema.ts';

export interface ApiTokenRow {
  id: string;
  organisation_id: string;
  name: string;
  token_prefix: string;
  roles: string[];
  created_by: string | null;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const columns = [
  'id',
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
    organisation_id: string;
    name: string;
    token_prefix: string;
    token_hash: string;
    roles: string[];
    created_by: string | null;
    expires_at: Date;
  },
): Promise<ApiTokenRow> {
  return db.insertInto('api_tokens').values(values).returning(columns).executeTakeFirstOrThrow();
}

export async function findApiTokenByHash(db: Db, tokenHash: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').select(columns).where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function listApiTokensOf(db: Db, organisationId: string): Promise<ApiTokenRow[]> {
  return db
    .selectFrom('api_tokens')
    .select(columns)
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .execute();
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
