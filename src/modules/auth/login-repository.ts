import type { Db } from '../database-schema.ts';

export async function insertLoginFlow(
  db: Db,
  row: {
    id_hash: string;
    state: string;
    nonce: string;
    code_verifier: string;
    invitation_id: string | null;
    expires_at: Date;
  },
): Promise<void> {
  await db.insertInto('login_flows').values(row).execute();
}

/** Takes the flow out of the table: a callback can be used once. */
export async function takeLoginFlow(db: Db, idHash: string) {
  return db.deleteFrom('login_flows').where('id_hash', '=', idHash).returningAll().executeTakeFirst();
}

export async function deleteExpiredLoginFlows(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('login_flows').where('expires_at', '<', now).execute();
}

export async function insertLoginAttempt(
  db: Db,
  row: {
    attempted_at: Date;
    outcome: 'success' | 'failure';
    reason: string | null;
    acting_subject: string | null;
    legal_subject_id: string | null;
    level_of_assurance: string | null;
    user_id: string | null;
    organisation_id: string | null;
  },
): Promise<void> {
  await db.insertInto('login_attempts').values(row).execute();
}

export interface LoginAttemptRow {
  id: string;
  attempted_at: Date;
  outcome: 'success' | 'failure';
  reason: string | null;
  acting_subject: string | null;
  legal_subject_id: string | null;
  level_of_assurance: string | null;
  user_id: string | null;
  user_name: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
}

export async function listLoginAttempts(
  db: Db,
  filter: { userId?: string; organisationId?: string; limit?: number },
): Promise<LoginAttemptRow[]> {
  let q = db
    .selectFrom('login_attempts as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .leftJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select([
      'a.id',
      'a.attempted_at',
      'a.outcome',
      'a.reason',
      'a.acting_subject',
      'a.legal_subject_id',
      'a.level_of_assurance',
      'a.user_id',
      'u.name as user_name',
      'a.organisation_id',
      'o.name as organisation_name',
    ]);
  if (filter.userId) q = q.where('a.user_id', '=', filter.userId);
  if (filter.organisationId) q = q.where('a.organisation_id', '=', filter.organisationId);
  return q
    .orderBy('a.attempted_at', 'desc')
    .limit(filter.limit ?? 50)
    .execute() as Promise<LoginAttemptRow[]>;
}

export async function findOrganisationByLegalSubject(db: Db, legalSubjectId: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('legal_subject_id', '=', legalSubjectId)
    .executeTakeFirst();
}

export async function findUserBySubject(db: Db, subject: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'is_disabled', 'eherkenning_subject'])
    .where('eherkenning_subject', '=', subject)
    .executeTakeFirst();
}

/** Invitations with their organisation's name and legal subject (a samenwerkingsverband: its lead's). */
function selectInvitations(db: Db) {
  return db
    .selectFrom('invitations as i')
    .innerJoin('organisations as o', 'o.id', 'i.organisation_id')
    .leftJoin('organisations as lead', 'lead.id', 'o.lead_gemeente_id')
    .select([
      'i.id',
      'i.user_id',
      'i.organisation_id',
      'i.expires_at',
      'i.accepted_at',
      'i.revoked_at',
      'o.name as organisation_name',
      (eb) => eb.fn.coalesce('o.legal_subject_id', 'lead.legal_subject_id').as('legal_subject_id'),
    ]);
}

export async function findInvitationByTokenHash(db: Db, tokenHash: string) {
  return selectInvitations(db).where('i.token_hash', '=', tokenHash).executeTakeFirst();
}

export async function findInvitationById(db: Db, id: string) {
  return selectInvitations(db).where('i.id', '=', id).executeTakeFirst();
}

export async function upsertStaffLegalSubject(
  db: Db,
  role: 'operator' | 'cbs',
  legalSubjectId: string,
): Promise<void> {
  await db
    .insertInto('staff_legal_subjects')
    .values({ role, legal_subject_id: legalSubjectId })
    .onConflict((oc) => oc.column('role').doUpdateSet({ legal_subject_id: legalSubjectId }))
    .execute();
}
