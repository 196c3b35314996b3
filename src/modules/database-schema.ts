// The tables as Kysely sees them: one interface per table of migrations/. Shared by the
// *-repository.ts files of every module; nothing else should need it.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface OrganisationsTable {
  id: Generated<string>;
  kind: 'gemeente' | 'samenwerkingsverband';
  name: string;
  gemeentecode: string | null;
  province: string | null;
  lead_gemeente_id: string | null;
  created_at: CreatedAt;
}

export interface CollaborationMembersTable {
  id: Generated<string>;
  collaboration_id: string;
  gemeente_id: string;
  domain: 'jeugd' | 'wmo' | 'beschermd-wonen';
  valid_from: string;
  valid_to: string | null;
  created_at: CreatedAt;
}

export interface RoundsTable {
  id: Generated<string>;
  name: string;
  half_year: string;
  previous_half_year: string | null;
  delivery_opens_at: Timestamp;
  delivery_closes_at: Timestamp;
  pilot_target_at: Timestamp | null;
  withdrawal_opens_at: Timestamp;
  withdrawal_closes_at: Timestamp;
  spec_version: string;
  created_at: CreatedAt;
}

export interface RoundParticipantsTable {
  round_id: string;
  organisation_id: string;
  is_pilot: boolean;
}

export interface UsersTable {
  id: Generated<string>;
  name: string;
  email: string;
  eherkenning_subject: string | null;
  is_disabled: Generated<boolean>;
  created_at: CreatedAt;
}

export interface UserRolesTable {
  id: Generated<string>;
  user_id: string;
  organisation_id: string | null;
  role: 'gebruikersbeheerder' | 'aanleveraar' | 'rapportontvanger' | 'intrekker' | 'operator' | 'cbs';
  granted_at: CreatedAt;
}

export interface Schema {
  organisations: OrganisationsTable;
  collaboration_members: CollaborationMembersTable;
  rounds: RoundsTable;
  round_participants: RoundParticipantsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
}

/** What a repository function runs on: the database, or a transaction the service opened. */
export type Db = import('kysely').Kysely<Schema> | import('kysely').Transaction<Schema>;
