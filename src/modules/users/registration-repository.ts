import type { Db } from '../database-schema.ts';

export interface RegistrationRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  applicant_name: string;
  applicant_email: string;
  applicant_function: string | null;
  status: 'pending' | 'approved' | 'rejected';
  decided_at: Date | null;
  decision_note: string | null;
  created_at: Date;
}

function selectRegistrations(db: Db) {
  return db
    .selectFrom('registration_requests as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select([
      'r.id',
      'r.organisation_id',
      'o.name as organisation_name',
      'r.applicant_name',
      'r.applicant_email',
      'r.applicant_function',
      'r.status',
      'r.decided_at',
      'r.decision_note',
      'r.created_at',
    ]);
}

export async function insertRegistration(
  db: Db,
  values: {
    organisation_id: string;
    applicant_name: string;
    applicant_email: string;
    applicant_function: string | null;
    created_at: Date;
  },
): Promise<{ id: string }> {
  return db.insertInto('registration_requests').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function findPendingRegistration(db: Db, organisationId: string, email: string) {
  return db
    .selectFrom('registration_requests')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb(eb.fn('lower', ['applicant_email']), '=', email.toLowerCase()))
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export async function lockRegistration(db: Db, id: string): Promise<RegistrationRow | undefined> {
  return selectRegistrations(db).where('r.id', '=', id).forUpdate('r').executeTakeFirst() as Promise<
    RegistrationRow | undefined
  >;
}

export async function listRegistrationsByStatus(
  db: Db,
  status?: RegistrationRow['status'],
): Promise<RegistrationRow[]> {
  let q = selectRegistrations(db);
  if (status) q = q.where('r.status', '=', status);
  return q.orderBy('r.created_at', 'desc').limit(200).execute() as Promise<RegistrationRow[]>;
}

export async function decideRegistration(
  db: Db,
  id: string,
  decision: {
    status: 'approved' | 'rejected';
    decided_by: string | null;
    decided_at: Date;
    decision_note: string | null;
  },
): Promise<void> {
  await db.updateTable('registration_requests').set(decision).where('id', '=', id).execute();
}

export async function countAdministrators(db: Db, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('r.organisation_id', '=', organisationId)
    .where('r.role', '=', 'gebruikersbeheerder')
    .where('u.is_disabled', '=', false)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
