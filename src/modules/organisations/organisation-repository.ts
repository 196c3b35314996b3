import type { Db } from '../database-schema.ts';

export type { Db };

export interface OrganisationRow {
  id: string;
  kind: 'gemeente' | 'samenwerkingsverband';
  name: string;
  gemeentecode: string | null;
  province: string | null;
  lead_gemeente_id: string | null;
}

const organisationColumns = ['id', 'kind', 'name', 'gemeentecode', 'province', 'lead_gemeente_id'] as const;

export async function insertOrganisation(
  db: Db,
  values: Omit<OrganisationRow, 'id'>,
): Promise<OrganisationRow> {
  return db
    .insertInto('organisations')
    .values(values)
    .returning(organisationColumns)
    .executeTakeFirstOrThrow();
}

export async function insertGemeenten(
  db: Db,
  values: Array<{ gemeentecode: string; name: string; province: string }>,
): Promise<OrganisationRow[]> {
  if (values.length === 0) return [];
  return db
    .insertInto('organisations')
    .values(values.map((v) => ({ ...v, kind: 'gemeente' as const, lead_gemeente_id: null })))
    .returning(organisationColumns)
    .execute();
}

export async function findOrganisationById(db: Db, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').select(organisationColumns).where('id', '=', id).executeTakeFirst();
}

export async function findGemeenteByCode(db: Db, gemeentecode: string): Promise<OrganisationRow | undefined> {
  return db
    .selectFrom('organisations')
    .select(organisationColumns)
    .where('gemeentecode', '=', gemeentecode)
    .executeTakeFirst();
}

export async function findCollaborationByName(db: Db, name: string): Promise<OrganisationRow | undefined> {
  return db
    .selectFrom('organisations')
    .select(organisationColumns)
    .where('kind', '=', 'samenwerkingsverband')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

export async function countOrganisations(db: Db): Promise<number> {
  const row = await db
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface MemberRow {
  id: string;
  collaboration_id: string;
  gemeente_id: string;
  gemeentecode: string;
  gemeente_name: string;
  domain: 'jeugd' | 'wmo' | 'beschermd-wonen';
  valid_from: string;
  valid_to: string | null;
}

export async function insertMember(
  db: Db,
  values: Omit<MemberRow, 'id' | 'gemeentecode' | 'gemeente_name'>,
): Promise<{ id: string }> {
  return db.insertInto('collaboration_members').values(values).returning(['id']).executeTakeFirstOrThrow();
}

/** Memberships of one gemeente in one collaboration and domain whose period overlaps [from, to]. */
export async function findOverlappingMemberships(
  db: Db,
  m: {
    gemeente_id: string;
    domain: MemberRow['domain'];
    valid_from: string;
    valid_to: string | null;
  },
): Promise<Array<{ id: string; collaboration_name: string }>> {
  // In any collaboration: a gemeente is a member of at most one per domain at a time (the database
  // holds the same rule, constraint one_collaboration_per_domain).
  let q = db
    .selectFrom('collaboration_members as m')
    .innerJoin('organisations as c', 'c.id', 'm.collaboration_id')
    .select(['m.id', 'c.name as collaboration_name'])
    .where('m.gemeente_id', '=', m.gemeente_id)
    .where('m.domain', '=', m.domain)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>=', m.valid_from)]));
  if (m.valid_to !== null) q = q.where('m.valid_from', '<=', m.valid_to);
  return q.execute();
}

function membersQuery(db: Db) {
  return db
    .selectFrom('collaboration_members as m')
    .innerJoin('organisations as g', 'g.id', 'm.gemeente_id')
    .select([
      'm.id',
      'm.collaboration_id',
      'm.gemeente_id',
      'g.gemeentecode',
      'g.name as gemeente_name',
      'm.domain',
      'm.valid_from',
      'm.valid_to',
    ]);
}

/** Members of a collaboration on a date, optionally for one domain, ordered by gemeentecode. */
export async function listMembersOn(
  db: Db,
  collaborationId: string,
  date: string,
  domain?: MemberRow['domain'],
): Promise<MemberRow[]> {
  let q = membersQuery(db)
    .where('m.collaboration_id', '=', collaborationId)
    .where('m.valid_from', '<=', date)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>=', date)]));
  if (domain) q = q.where('m.domain', '=', domain);
  return (await q.orderBy('g.gemeentecode').execute()) as MemberRow[];
}

/** A gemeente's memberships (m) of collaborations (c) in force on a date. */
function membershipsOfGemeenteOn(db: Db, gemeenteId: string, date: string) {
  return db
    .selectFrom('collaboration_members as m')
    .innerJoin('organisations as c', 'c.id', 'm.collaboration_id')
    .where('m.gemeente_id', '=', gemeenteId)
    .where('m.valid_from', '<=', date)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>=', date)]));
}

/** The collaborations that deliver for a gemeente on a date, optionally for one domain. */
export async function listCollaborationsOfGemeente(
  db: Db,
  gemeenteId: string,
  date: string,
  domain?: MemberRow['domain'],
): Promise<OrganisationRow[]> {
  let q = membershipsOfGemeenteOn(db, gemeenteId, date)
    .select(['c.id', 'c.kind', 'c.name', 'c.gemeentecode', 'c.province', 'c.lead_gemeente_id'])
    .distinct();
  if (domain) q = q.where('m.domain', '=', domain);
  return q.orderBy('c.name').execute();
}

/**
 * The collaborations a gemeente is a member of on a date with the domain of each membership, ordered
 * by the collaboration's name: listCollaborationsOfGemeente for every domain in one query (an upload
 * asks this for each of its three domains, issue 21).
 */
export async function listCollaborationMembershipsOfGemeente(
  db: Db,
  gemeenteId: string,
  date: string,
): Promise<Array<{ id: string; name: string; domain: MemberRow['domain'] }>> {
  return membershipsOfGemeenteOn(db, gemeenteId, date)
    .select(['c.id', 'c.name', 'm.domain'])
    .distinct()
    .orderBy('c.name')
    .execute();
}

export async function listOrganisations(db: Db): Promise<OrganisationRow[]> {
  return db
    .selectFrom('organisations')
    .select(['id', 'kind', 'name', 'gemeentecode', 'province', 'lead_gemeente_id'])
    .orderBy('kind')
    .orderBy('name')
    .execute();
}

/** Organisations with the KvK number or OIN they log in with through eHerkenning, by name. */
export async function listLegalSubjects(db: Db): Promise<Array<{ legalSubject: string; name: string }>> {
  const rows = await db
    .selectFrom('organisations')
    .select(['name', 'legal_subject_id'])
    .where('legal_subject_id', 'is not', null)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ legalSubject: r.legal_subject_id!, name: r.name }));
}

export async function setLegalSubject(db: Db, organisationId: string, legalSubjectId: string): Promise<void> {
  await db
    .updateTable('organisations')
    .set({ legal_subject_id: legalSubjectId })
    .where('id', '=', organisationId)
    .execute();
}
