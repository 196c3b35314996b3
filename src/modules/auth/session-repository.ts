import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../database-schema.ts';
import { executePrepared } from '../../platform/db/database.ts';
import type { Role } from '../users/index.ts';

export interface SessionRow {
  id_hash: string;
  user_id: string;
  acting_organisation_id: string | null;
  legal_subject_id: string;
  csrf_token: string;
  id_token: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

export async function insertSession(
  db: Db,
  row: Omit<SessionRow, 'created_at' | 'last_seen_at'> & { now: Date },
) {
  const { now, ...values } = row;
  await db
    .insertInto('sessions')
    .values({ ...values, created_at: now, last_seen_at: now } as never)
    .execute();
}

export type GrantRow = { role: Role; organisation_id: string | null; organisation_name: string | null };

/**
 * The session with its user and the user's grants for the session's legal subject, in one round trip
 * (every request of a logged-in user asks it: issue 21). The grants are those of
 * findGrantsForLegalSubject, in the same order.
 */
export async function findSessionWithGrants(
  db: Db,
  idHash: string,
): Promise<(SessionRow & { user_name: string; user_disabled: boolean; grants: GrantRow[] }) | undefined> {
  // Prepared (every request of a logged-in user asks this), so its columns are named, not s.*.
  const rows = await executePrepared(
    db,
    sql<SessionRow & { user_name: string; user_disabled: boolean; grants: GrantRow[] }>`
    select s.id_hash, s.user_id, s.acting_organisation_id, s.legal_subject_id, s.csrf_token, s.id_token,
      s.created_at, s.last_seen_at, s.expires_at, u.name as user_name, u.is_disabled as user_disabled,
      coalesce((
        select json_agg(json_build_object('role', g.role, 'organisation_id', g.organisation_id,
                                          'organisation_name', g.organisation_name)
                        order by g.organisation_name nulls first, g.role)
        from (${grantsQuery(sql`s.user_id`, sql`s.legal_subject_id`)}) g), '[]'::json) as grants
    from sessions s
    join users u on u.id = s.user_id
    where s.id_hash = ${idHash}`.compile(db),
  );
  return rows[0];
}

export async function touchSession(db: Db, idHash: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
}

export async function setActingOrganisation(db: Db, idHash: string, organisationId: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ acting_organisation_id: organisationId })
    .where('id_hash', '=', idHash)
    .execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Db, now: Date, idleSince: Date): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', idleSince)]))
    .execute();
}

/**
 * The roles of a user that are valid for a legal subject: organisation roles where the organisation
 * (or, for a samenwerkingsverband, its lead gemeente) has that legal subject, and staff roles whose
 * staff legal subject it is.
 */
export async function findGrantsForLegalSubject(
  db: Db,
  userId: string,
  legalSubjectId: string,
): Promise<GrantRow[]> {
  const result = await sql<GrantRow>`
    select g.* from (${grantsQuery(sql`${userId}::uuid`, sql`${legalSubjectId}`)}) g
    order by g.organisation_name nulls first, g.role`.execute(db);
  return result.rows;
}

/** The grants of a user for a legal subject, unordered (the one definition of both queries above). */
function grantsQuery(userId: RawBuilder<unknown>, legalSubjectId: RawBuilder<unknown>) {
  return sql`
    select r.role, r.organisation_id, o.name as organisation_name
    from user_roles r
    left join organisations o on o.id = r.organisation_id
    left join organisations lead on lead.id = o.lead_gemeente_id
    left join staff_legal_subjects sl on sl.role = r.role and r.organisation_id is null
    where r.user_id = ${userId}
      and (coalesce(o.legal_subject_id, lead.legal_subject_id) = ${legalSubjectId}
           or sl.legal_subject_id = ${legalSubjectId})`;
}
