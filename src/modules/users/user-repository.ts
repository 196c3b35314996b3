import type { Db } from '../database-schema.ts';
import type { Role } from './roles.ts';

export interface UserRow {
  id: string;
  name: string;
  email: string;
  eherkenning_subject: string | null;
  is_disabled: boolean;
}

const userColumns = ['id', 'name', 'email', 'eherkenning_subject', 'is_disabled'] as const;

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
