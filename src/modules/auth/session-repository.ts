import { sql } from 'kysely';
import type { Db } from '../database-schema.ts';
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

export async function findSession(
  db: Db,
  idHash: string,
): Promise<(SessionRow & { user_name: string; user_disabled: boolean }) | undefined> {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('s')
    .select(['u.name as user_name', 'u.is_disabled as user_disabled'])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
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
): Promise<Array<{ role: Role; organisation_id: string | null; organisation_name: string | null }>> {
  const result = await sql<{ role: Role; organisation_id: string | null; organisation_name: string | null }>`
    select r.role, r.organisation_id, o.name as organisation_name
    from user_roles r
    left join organisations o on o.id = r.organisation_id
    left join organisations lead on lead.id = o.lead_gemeente_id
    left join staff_legal_subjects s on s.role = r.role and r.organisation_id is null
    where r.user_id = ${userId}
      and (coalesce(o.legal_subject_id, lead.legal_subject_id) = ${legalSubjectId} or s.legal_subject_id = ${legalSubjectId})
    order by o.name nulls first, r.role`.execute(db);
  return result.rows;
}
