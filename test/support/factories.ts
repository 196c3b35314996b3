// Builders for test data: each test makes the organisations and rounds it needs.
import { createApiToken } from '../../src/modules/auth/index.ts';
import { loadClassification } from '../../src/modules/classification/index.ts';
import type { Db } from '../../src/modules/database-schema.ts';
import {
  createGemeente,
  createCollaboration,
  type OrganisationRow,
} from '../../src/modules/organisations/index.ts';
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
  const organisation = await db
    .selectFrom('organisations')
    .select('id')
    .where('gemeentecode', '=', gemeentecode)
    .executeTakeFirstOrThrow();
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
