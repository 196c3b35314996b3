import type { Db } from '../database-schema.ts';
import type { Role } from './roles.ts';

export interface UserRow {
  id: string;
  name: string;
  email: string;
  eherkenning_subject: string | null;
  is_disabled: boolean;
  email_confirmed_at: Date | null;
}

const userColumns = [
  'id',
  'name',
  'email',
  'eherkenning_subject',
  'is_disabled',
  'email_confirmed_at',
] as const;

export async function insertUser(db: Db, values: { name: string; email: string }): Promise<UserRow> {
  return db.insertInto('users').values(values).returning(userColumns).executeTakeFirstOrThrow();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .select(userColumns)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
}

export async function insertRole(
  db: Db,
  values: { user_id: string; organisation_id: string | null; role: Role },
): Promise<void> {
  await db
    .insertInto('user_roles')
    .values(values)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export interface RoleRow {
  role: Role;
  organisation_id: string | null;
  organisation_name: string | null;
}

export async function listRolesOfUser(db: Db, userId: string): Promise<RoleRow[]> {
  return db
    .selectFrom('user_roles as r')
    .leftJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select(['r.role', 'r.organisation_id', 'o.name as organisation_name'])
    .where('r.user_id', '=', userId)
    .orderBy('o.name')
    .orderBy('r.role')
    .execute();
}

export async function deleteRole(
  db: Db,
  values: { user_id: string; organisation_id: string; role: Role },
): Promise<number> {
  const result = await db
    .deleteFrom('user_roles')
    .where('user_id', '=', values.user_id)
    .where('organisation_id', '=', values.organisation_id)
    .where('role', '=', values.role)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteRolesInOrganisation(
  db: Db,
  userId: string,
  organisationId: string,
): Promise<void> {
  await db
    .deleteFrom('user_roles')
    .where('user_id', '=', userId)
    .where('organisation_id', '=', organisationId)
    .execute();
}

export async function countRolesOfUser(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('user_roles')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active (not disabled) gebruikersbeheerders of an organisation, locked for the rest of the transaction. */
export async function lockActiveAdministrators(db: Db, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select('r.user_id')
    .where('r.organisation_id', '=', organisationId)
    .where('r.role', '=', 'gebruikersbeheerder')
    .where('u.is_disabled', '=', false)
    .forUpdate()
    .execute();
  return rows.map((r) => r.user_id);
}

export async function setUserDisabled(db: Db, userId: string, disabled: boolean): Promise<void> {
  await db.updateTable('users').set({ is_disabled: disabled }).where('id', '=', userId).execute();
}

export async function insertInvitation(
  db: Db,
  values: {
    organisation_id: string;
    user_id: string;
    token_hash: string;
    invited_by: string | null;
    expires_at: Date;
    created_at: Date;
  },
): Promise<{ id: string }> {
  return db.insertInto('invitations').values(values).returning('id').executeTakeFirstOrThrow();
}

export interface OrganisationUserRow {
  id: string;
  name: string;
  email: string;
  is_disabled: boolean;
  is_bound: boolean;
  roles: Role[];
}

/** Users with a role in the organisation, or a pending invitation to it. */
export async function listUsersOfOrganisation(
  db: Db,
  organisationId: string,
): Promise<OrganisationUserRow[]> {
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('user_roles as r', (join) =>
      join.onRef('r.user_id', '=', 'u.id').on('r.organisation_id', '=', organisationId),
    )
    .select((eb) => [
      'u.id',
      'u.name',
      'u.email',
      'u.is_disabled',
      eb('u.eherkenning_subject', 'is not', null).as('is_bound'),
      eb.fn.agg<Array<Role | null>>('array_agg', ['r.role']).as('roles'),
    ])
    .where((eb) =>
      eb.or([
        eb('r.organisation_id', '=', organisationId),
        eb.exists(
          eb
            .selectFrom('invitations as i')
            .select('i.id')
            .whereRef('i.user_id', '=', 'u.id')
            .where('i.organisation_id', '=', organisationId)
            .where('i.revoked_at', 'is', null),
        ),
      ]),
    )
    .groupBy(['u.id', 'u.name', 'u.email', 'u.is_disabled', 'u.eherkenning_subject'])
    .orderBy('u.name')
    .execute();
  return rows.map((r) => ({
    ...r,
    is_bound: Boolean(r.is_bound),
    roles: (r.roles ?? []).filter((x): x is Role => x !== null).sort(),
  }));
}

export async function hasInvitationTo(db: Db, userId: string, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('invitations')
    .select('id')
    .where('user_id', '=', userId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Who gets an organisation's mail: enabled users with a confirmed address who hold one of `roles`
 * in one of `organisationIds`, plus `alsoUserId` (the uploader or requester) when given.
 */
export async function listMailRecipients(
  db: Db,
  organisationIds: readonly string[],
  roles: readonly Role[],
  alsoUserId: string | null = null,
): Promise<Array<{ user_id: string; email: string; name: string }>> {
  if (organisationIds.length === 0 && !alsoUserId) return [];
  return db
    .selectFrom('users as u')
    .select(['u.id as user_id', 'u.email', 'u.name'])
    .distinct()
    .where('u.is_disabled', '=', false)
    .where('u.email_confirmed_at', 'is not', null)
    .where((eb) =>
      eb.or([
        ...(organisationIds.length > 0
          ? [
              eb.exists(
                eb
                  .selectFrom('user_roles as r')
                  .select('r.id')
                  .whereRef('r.user_id', '=', 'u.id')
                  .where('r.organisation_id', 'in', organisationIds)
                  .where('r.role', 'in', roles),
              ),
            ]
          : []),
        ...(alsoUserId ? [eb('u.id', '=', alsoUserId)] : []),
      ]),
    )
    .orderBy('u.name')
    .execute();
}

export async function markInvitationAccepted(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('invitations').set({ accepted_at: now }).where('id', '=', id).execute();
}

/** Binds the eHerkenning subject (the acting person's pseudonym) to the user. */
export async function updateSubject(db: Db, userId: string, subject: string): Promise<void> {
  await db.updateTable('users').set({ eherkenning_subject: subject }).where('id', '=', userId).execute();
}

export async function markEmailConfirmed(db: Db, userId: string, at: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ email_confirmed_at: at })
    .where('id', '=', userId)
    .where('email_confirmed_at', 'is', null)
    .execute();
}
