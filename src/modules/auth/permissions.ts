// Who may do what, pure. Every route names a policy; deny is the default. A user acts for one
// organisation at a time (picked in the page header) and holds roles per organisation; an API token
// belongs to one organisation and carries a subset of its roles.
import type { OrganisationRole, Role, StaffRole } from '../users/index.ts';

export interface Grant {
  role: Role;
  organisationId: string | null;
}

export type Principal =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      sessionId: string;
      /** The grants valid for the legal subject this session logged in with. */
      grants: Grant[];
      actingOrganisationId: string | null;
    }
  | { kind: 'token'; tokenId: string; organisationId: string; roles: OrganisationRole[] }
  /** CBS's channel (contract cbs-handover): a token of kind 'cbs', bound to no organisation. */
  | { kind: 'cbs'; tokenId: string };

export type Policy =
  | { kind: 'public' }
  /** Only CBS's channel (a CBS token): the hand-over API. */
  | { kind: 'cbs-channel' }
  | { kind: 'authenticated' }
  | { kind: 'staff'; roles: readonly StaffRole[] }
  /** A role in the organisation the principal acts for (a user's acting organisation, a token's own). */
  | { kind: 'organisation'; roles: readonly OrganisationRole[]; tokens?: boolean }
  /** As 'organisation', or one of these staff roles. */
  | {
      kind: 'organisation-or-staff';
      roles: readonly OrganisationRole[];
      staff: readonly StaffRole[];
      tokens?: boolean;
    };

export function staffRolesOf(principal: Principal): StaffRole[] {
  if (principal.kind !== 'user') return [];
  return principal.grants.filter((g) => g.organisationId === null).map((g) => g.role as StaffRole);
}

/** The organisation roles the principal holds in the organisation it acts for. */
export function actingRolesOf(principal: Principal): OrganisationRole[] {
  if (principal.kind === 'token') return principal.roles;
  if (principal.kind !== 'user' || principal.actingOrganisationId === null) return [];
  return principal.grants
    .filter((g) => g.organisationId === principal.actingOrganisationId)
    .map((g) => g.role as OrganisationRole);
}

export function actingOrganisationOf(principal: Principal): string | null {
  if (principal.kind === 'token') return principal.organisationId;
  if (principal.kind === 'user') return principal.actingOrganisationId;
  return null;
}

/** The organisations a user may pick to act for. */
export function organisationsOf(principal: Principal): string[] {
  if (principal.kind !== 'user') return [];
  return [...new Set(principal.grants.flatMap((g) => (g.organisationId ? [g.organisationId] : [])))];
}

function holdsOrganisationRole(
  principal: Principal,
  roles: readonly OrganisationRole[],
  tokens: boolean,
): boolean {
  if (principal.kind === 'token' && !tokens) return false;
  return actingRolesOf(principal).some((r) => roles.includes(r));
}

export function isAllowed(principal: Principal, policy: Policy): boolean {
  switch (policy.kind) {
    case 'public':
      return true;
    case 'cbs-channel':
      return principal.kind === 'cbs';
    case 'authenticated':
      return principal.kind === 'user';
    case 'staff':
      return staffRolesOf(principal).some((r) => policy.roles.includes(r));
    case 'organisation':
      return holdsOrganisationRole(principal, policy.roles, policy.tokens ?? false);
    case 'organisation-or-staff':
      return (
        holdsOrganisationRole(principal, policy.roles, policy.tokens ?? false) ||
        staffRolesOf(principal).some((r) => policy.staff.includes(r))
      );
  }
}
