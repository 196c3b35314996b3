export {
  actingOrganisationOf,
  actingRolesOf,
  isAllowed,
  organisationsOf,
  staffRolesOf,
  type Grant,
  type Policy,
  type Principal,
} from './permissions.ts';
export {
  DEFAULT_SESSION_SETTINGS,
  createSession,
  endAllSessions,
  logout,
  resumeSession,
  switchActingOrganisation,
  type ActiveSession,
  type SessionSettings,
} from './session-service.ts';
export {
  beginLogin,
  checkInvitation,
  completeLogin,
  type IdentityBroker,
  type InvitationCheck,
  type LoginOutcome,
} from './login-service.ts';
export { LOGIN_FAILURE_REASONS, isLoginFailureReason, type LoginFailureReason } from './login-reasons.ts';
export { listLoginAttempts } from './login-service.ts';
export type { LoginAttemptRow } from './login-repository.ts';
export {
  MAX_TOKEN_DAYS,
  TOKEN_ROLES,
  authenticateApiToken,
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from './api-token-service.ts';
export type { ApiTokenListRow, ApiTokenRow, CbsTokenListRow } from './api-token-repository.ts';
export { dateTokensRevokedNow } from './api-token-service.ts';
export { upsertStaffLegalSubject } from './login-service.ts';
export { MAX_CBS_TOKEN_NAME, createCbsToken, listCbsTokens, revokeCbsToken } from './cbs-token-service.ts';
