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
  listCollaborationsOfGemeente,
  type CollaborationDomain,
} from './organisation-service.ts';
export {
  countOrganisations,
  findCollaborationByName,
  findGemeenteByCode,
  findOrganisationById,
  listOrganisations,
  setLegalSubject,
  type Db,
  type MemberRow,
  type OrganisationRow,
} from './organisation-repository.ts';
