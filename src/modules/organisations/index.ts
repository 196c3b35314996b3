export {
  COLLABORATION_DOMAINS,
  DOMAIN_FILE_TYPES,
  addCollaborationMember,
  collaborationDomainsFor,
  canCollaborationDeliverFor,
  createCollaboration,
  createGemeente,
  createGemeenten,
  listCollaborationMembers,
  listCollaborationMembershipsOfGemeente,
  listCollaborationsOfGemeente,
  type CollaborationDomain,
} from './organisation-service.ts';
export {
  countOrganisations,
  findCollaborationByName,
  findGemeenteByCode,
  findOrganisationById,
  listLegalSubjects,
  listOrganisations,
  setLegalSubject,
} from './organisation-service.ts';
export type { Db, MemberRow, OrganisationRow } from './organisation-repository.ts';
