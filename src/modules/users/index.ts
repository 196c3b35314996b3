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
export { createUser, grantRole } from './user-service.ts';
export {
  findUserByEmail,
  findUserById,
  listRolesOfUser,
  type RoleRow,
  type UserRow,
} from './user-repository.ts';
