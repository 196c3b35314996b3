// The roles of ggk. Organisation roles are held per organisation; staff roles belong to the
// portal's own staff (the operator and CBS) and are held without an organisation.
export const ORGANISATION_ROLES = [
  'gebruikersbeheerder',
  'aanleveraar',
  'rapportontvanger',
  'intrekker',
] as const;
export const STAFF_ROLES = ['operator', 'cbs'] as const;

export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = OrganisationRole | StaffRole;

export function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

export function isOrganisationRole(role: string): role is OrganisationRole {
  return (ORGANISATION_ROLES as readonly string[]).includes(role);
}

export const ROLE_LABELS: Record<Role, string> = {
  gebruikersbeheerder: 'Gebruikersbeheerder',
  aanleveraar: 'Aanleveraar',
  rapportontvanger: 'Rapportontvanger',
  intrekker: 'Intrekker',
  operator: 'Operator',
  cbs: 'CBS',
};
