export { AUDIT_ACTIONS, auditActionLabel, isAuditAction, type AuditAction } from './audit-actions.ts';
export { GENESIS_HASH, type AuditDetails, type AuditDetailValue } from './audit-hash.ts';
export {
  SYSTEM_ACTOR,
  auditActorOf,
  recordAudit,
  verifyAuditChain,
  type AuditActor,
  type AuditEntryInput,
  type AuditVerification,
} from './audit-service.ts';
export { insertAnchorKeyWrap, listAuditEntries, readAnchorKeyWrap } from './audit-service.ts';
export type { AuditFilter, AuditListRow } from './audit-repository.ts';
export {
  AUDIT_ANCHOR_QUEUE,
  anchorKeyWraps,
  anchorStatement,
  checkAuditExpectations,
  deriveAnchorKey,
  parseExpectations,
  sendAuditAnchor,
  type AuditExpectation,
} from './audit-anchor.ts';
