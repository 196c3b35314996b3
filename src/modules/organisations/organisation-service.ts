// Organisations and their rules: a gemeente exists in the CBS classification; a samenwerkingsverband
// has a lead gemeente and member gemeenten per domain over a period, without overlapping periods.
import { AppError } from '../../platform/errors/app-error.ts';
import type { MunicipalClassification } from '../classification/index.ts';
import type { FileType } from '../validation/index.ts';
import {
  findOverlappingMemberships,
  insertGemeenten,
  insertMember,
  insertOrganisation,
  listCollaborationMembershipsOfGemeente,
  listCollaborationsOfGemeente,
  listMembersOn,
  type Db,
  type MemberRow,
  type OrganisationRow,
} from './organisation-repository.ts';
import * as organisationRepository from './organisation-repository.ts';

export type CollaborationDomain = MemberRow['domain'];
export const COLLABORATION_DOMAINS: readonly CollaborationDomain[] = ['jeugd', 'wmo', 'beschermd-wonen'];

/**
 * Collaboration domains and the GMSD file types a collaboration delivers for its members in them:
 * what it may deliver (modules/deliveries) and what its reminders ask for (modules/monitoring).
 */
export const DOMAIN_FILE_TYPES: Record<CollaborationDomain, readonly FileType[]> = {
  jeugd: ['jeugd'],
  wmo: ['wmo', 'wmo-kosten'],
  'beschermd-wonen': [],
};

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** `which` names the date in the English text (error.organisation.bad_date.<which>). */
function requireDate(
  value: string,
  label: string,
  which: 'valid_from' | 'valid_to' | 'reference_date',
): void {
  if (!isoDate.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new AppError('organisation.bad_date', {
      reason: which,
      value,
    });
  }
}

/** Registers gemeenten by CBS code, taking name and province from the classification on `date`. */
export async function createGemeenten(
  db: Db,
  classification: MunicipalClassification,
  gemeentecodes: readonly string[],
  date: string,
): Promise<OrganisationRow[]> {
  const values = gemeentecodes.map((code) => {
    const gemeente = classification.findGemeente(code, date);
    if (!gemeente) {
      throw new AppError('organisation.unknown_gemeente', { gemeentecode: code, year: date.slice(0, 4) });
    }
    return { gemeentecode: gemeente.gemeentecode, name: gemeente.naam, province: gemeente.provincie };
  });
  for (const v of values) {
    if (await findGemeenteByCode(db, v.gemeentecode)) {
      throw new AppError('organisation.duplicate', {
        reason: 'gemeente',
        gemeentecode: v.gemeentecode,
        name: v.name,
      });
    }
  }
  return insertGemeenten(db, values);
}

export async function createGemeente(
  db: Db,
  classification: MunicipalClassification,
  gemeentecode: string,
  date: string,
): Promise<OrganisationRow> {
  const [row] = await createGemeenten(db, classification, [gemeentecode], date);
  return row!;
}

async function requireGemeente(db: Db, id: string): Promise<OrganisationRow> {
  const org = await findOrganisationById(db, id);
  if (!org) throw new AppError('organisation.not_found');
  if (org.kind !== 'gemeente') {
    throw new AppError('organisation.not_a_gemeente', {
      name: org.name,
    });
  }
  return org;
}

export async function createCollaboration(
  db: Db,
  input: { name: string; leadGemeenteId: string },
): Promise<OrganisationRow> {
  const name = input.name.trim();
  if (name === '') throw new AppError('organisation.name_required');
  await requireGemeente(db, input.leadGemeenteId);
  try {
    return await insertOrganisation(db, {
      kind: 'samenwerkingsverband',
      name,
      gemeentecode: null,
      province: null,
      lead_gemeente_id: input.leadGemeenteId,
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new AppError('organisation.duplicate', { reason: 'collaboration', name });
    }
    throw error;
  }
}

export async function addCollaborationMember(
  db: Db,
  input: {
    collaborationId: string;
    gemeenteId: string;
    domain: CollaborationDomain;
    validFrom: string;
    validTo?: string | null;
  },
): Promise<{ id: string }> {
  const collaboration = await findOrganisationById(db, input.collaborationId);
  if (!collaboration || collaboration.kind !== 'samenwerkingsverband') {
    throw new AppError('organisation.not_a_collaboration');
  }
  const gemeente = await requireGemeente(db, input.gemeenteId);
  if (!COLLABORATION_DOMAINS.includes(input.domain)) {
    throw new AppError('organisation.bad_domain', { domain: String(input.domain) });
  }
  requireDate(input.validFrom, 'Begindatum', 'valid_from');
  const validTo = input.validTo ?? null;
  if (validTo !== null) {
    requireDate(validTo, 'Einddatum', 'valid_to');
    if (validTo < input.validFrom) {
      throw new AppError('organisation.member_period_order');
    }
  }
  const member = {
    collaboration_id: collaboration.id,
    gemeente_id: gemeente.id,
    domain: input.domain,
    valid_from: input.validFrom,
    valid_to: validTo,
  };
  const overlap = (collaborationName: string) =>
    new AppError('organisation.member_overlap', {
      gemeente: gemeente.name,
      collaboration: collaborationName,
      domain: input.domain,
    });
  const [existing] = await findOverlappingMemberships(db, member);
  if (existing) throw overlap(existing.collaboration_name);
  try {
    return await insertMember(db, member);
  } catch (error) {
    // A membership added at the same moment: the database's exclusion constraint decided.
    if ((error as { code?: string }).code === '23P01') throw overlap(collaboration.name);
    throw error;
  }
}

export function listCollaborationMembers(
  db: Db,
  collaborationId: string,
  date: string,
  domain?: CollaborationDomain,
): Promise<MemberRow[]> {
  requireDate(date, 'Peildatum', 'reference_date');
  return listMembersOn(db, collaborationId, date, domain);
}

/** Whether `collaborationId` may deliver for `gemeenteId` on `date` (in `domain` when given). */
export async function canCollaborationDeliverFor(
  db: Db,
  collaborationId: string,
  gemeenteId: string,
  date: string,
  domain?: CollaborationDomain,
): Promise<boolean> {
  const collaborations = await listCollaborationsOfGemeente(db, gemeenteId, date, domain);
  return collaborations.some((c) => c.id === collaborationId);
}

/** The domains in which `gemeenteId` is a member of `collaborationId` on `date`. */
export async function collaborationDomainsFor(
  db: Db,
  collaborationId: string,
  gemeenteId: string,
  date: string,
): Promise<CollaborationDomain[]> {
  // One query for every domain (issue 21: asked on every upload by a collaboration).
  const memberships = await listCollaborationMembershipsOfGemeente(db, gemeenteId, date);
  return COLLABORATION_DOMAINS.filter((domain) =>
    memberships.some((m) => m.id === collaborationId && m.domain === domain),
  );
}

export { listCollaborationMembershipsOfGemeente, listCollaborationsOfGemeente };

// Reads (and a few writes) other modules, http/ and main/ use as they are: the module's surface is
// its services, so what the repository returns may change without them noticing.

export function countOrganisations(
  ...args: Parameters<typeof organisationRepository.countOrganisations>
): ReturnType<typeof organisationRepository.countOrganisations> {
  return organisationRepository.countOrganisations(...args);
}

export function findCollaborationByName(
  ...args: Parameters<typeof organisationRepository.findCollaborationByName>
): ReturnType<typeof organisationRepository.findCollaborationByName> {
  return organisationRepository.findCollaborationByName(...args);
}

export function findGemeenteByCode(
  ...args: Parameters<typeof organisationRepository.findGemeenteByCode>
): ReturnType<typeof organisationRepository.findGemeenteByCode> {
  return organisationRepository.findGemeenteByCode(...args);
}

export function findOrganisationById(
  ...args: Parameters<typeof organisationRepository.findOrganisationById>
): ReturnType<typeof organisationRepository.findOrganisationById> {
  return organisationRepository.findOrganisationById(...args);
}

export function listOrganisations(
  ...args: Parameters<typeof organisationRepository.listOrganisations>
): ReturnType<typeof organisationRepository.listOrganisations> {
  return organisationRepository.listOrganisations(...args);
}

export function listLegalSubjects(
  ...args: Parameters<typeof organisationRepository.listLegalSubjects>
): ReturnType<typeof organisationRepository.listLegalSubjects> {
  return organisationRepository.listLegalSubjects(...args);
}

export function setLegalSubject(
  ...args: Parameters<typeof organisationRepository.setLegalSubject>
): ReturnType<typeof organisationRepository.setLegalSubject> {
  return organisationRepository.setLegalSubject(...args);
}
