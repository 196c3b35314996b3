export {
  ORGANISATION_ROLES,
  ROLE_LABELS,
  STAFF_ROLES,
  isOrganisationRole,
  isStaffRole,
  type OrganisationRole,
  type Role,
  type StaffRole,
} from './roles.ts';
export { acceptInvitation, bindSubject, confirmEmailOf, createUser, grantRole } from './user-service.ts';
export { findUserByEmail, findUserById, listRolesOfUser } from './user-service.ts';
export type { RoleRow, UserRow } from './user-repository.ts';
export { assertPersonalEmail, isFunctionalAddress } from './email-policy.ts';
export {
  INVITATION_DAYS,
  disableUser,
  grantOrganisationRole,
  inviteUser,
  revokeOrganisationRole,
  type AdminContext,
} from './user-admin-service.ts';
export { listMailRecipients, listUsersOfOrganisation } from './user-service.ts';
export type { OrganisationUserRow } from './user-repository.ts';
export {
  approveRegistration,
  listRegistrations,
  rejectRegistration,
  submitRegistration,
} from './registration-service.ts';
export type { RegistrationRow } from './registration-repository.ts';
