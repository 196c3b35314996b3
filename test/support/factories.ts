// Builders for test data: each test makes the organisations and rounds it needs.
import { createApiToken } from '../../src/modules/auth/index.ts';
import { loadClassification } from '../../src/modules/classification/index.ts';
import type { Db } from '../../src/modules/database-schema.ts';
import {
  createGemeente,
  createCollaboration,
  findCollaborationByName,
  findGemeenteByCode,
  type OrganisationRow,
} from '../../src/modules/organisations/index.ts';
import { findUserByEmail, type UserRow } from '../../src/modules/users/index.ts';
import { DEMO_USERS } from '../../src/main/demo-data.ts';
import { createRound, type NewRound, type Round } from '../../src/modules/periods/index.ts';
import { amsterdamInstant } from '../../src/platform/time/amsterdam-time.ts';

export const classification = loadClassification();

export function gemeente(db: Db, code: string, date = '2018-01-01'): Promise<OrganisationRow> {
  return createGemeente(db, classification, code, date);
}

export function collaboration(db: Db, name: string, leadGemeenteId: string): Promise<OrganisationRow> {
  return createCollaboration(db, { name, leadGemeenteId });
}

/** The 2018 pilot round's dates, with any field overridden. */
export function roundInput(overrides: Partial<NewRound> = {}): NewRound {
  return {
    name: 'Aanlevering 2e halfjaar 2017',
    halfYear: '2017H2',
    previousHalfYear: '2017H1',
    deliveryOpensAt: amsterdamInstant('2018-02-12'),
    deliveryClosesAt: amsterdamInstant('2018-03-09', '23:59:59'),
    pilotTargetAt: amsterdamInstant('2018-02-23', '23:59:59'),
    withdrawalOpensAt: amsterdamInstant('2018-03-12'),
    withdrawalClosesAt: amsterdamInstant('2018-03-23', '23:59:59'),
    specVersion: 'gmsd-2017',
    ...overrides,
  };
}

export function round(db: Db, overrides: Partial<NewRound> = {}): Promise<Round> {
  return createRound(db, roundInput(overrides));
}

/** An aanleveraar's API token for the organisation of a gemeente in the seeded demo world. */
export async function deliveryToken(db: Db, now: Date, gemeentecode = '0363', days = 30): Promise<string> {
  const organisation = await organisationByCode(db, gemeentecode);
  const created = await createApiToken(db, {
    organisationId: organisation.id,
    name: 'test',
    roles: ['aanleveraar'],
    days,
    createdBy: null,
    now,
  });
  return created.token;
}

/** A gemeente of the seeded world by its CBS code, through the organisations module (never raw SQL). */
export async function organisationByCode(db: Db, gemeentecode: string): Promise<OrganisationRow> {
  const found = await findGemeenteByCode(db, gemeentecode);
  if (!found) throw new Error(`test data: no gemeente ${gemeentecode}`);
  return found;
}

/** A samenwerkingsverband of the seeded world by its name. */
export async function organisationByName(db: Db, name: string): Promise<OrganisationRow> {
  const found = await findCollaborationByName(db, name);
  if (!found) throw new Error(`test data: no samenwerkingsverband ${name}`);
  return found;
}

/** A user by e-mail address, through the users module. */
export async function userByEmail(db: Db, email: string): Promise<UserRow> {
  const found = await findUserByEmail(db, email);
  if (!found) throw new Error(`test data: no user ${email}`);
  return found;
}

function demoEmailOf(name: string): string {
  const user = DEMO_USERS.find((u) => u.name === name);
  if (!user) throw new Error(`test data: no demo user ${name}`);
  return user.email;
}

/** The demo world's people by first name (src/main/demo-data.ts), instead of their addresses in tests. */
export const DEMO = {
  anne: demoEmailOf('Anne de Vries'),
  bram: demoEmailOf('Bram Jansen'),
  carla: demoEmailOf('Carla Bakker'),
  daan: demoEmailOf('Daan Visser'),
  eva: demoEmailOf('Eva Smit'),
  femke: demoEmailOf('Femke Meijer'),
  gijs: demoEmailOf('Gijs Mulder'),
  hanna: demoEmailOf('Hanna de Boer'),
  kim: demoEmailOf('Kim de Groot'),
  lotte: demoEmailOf('Lotte Hendriks'),
  noor: demoEmailOf('Noor Peters'),
  ivo: demoEmailOf('Ivo Kramer'),
  julia: demoEmailOf('Julia van Dijk'),
} as const;
