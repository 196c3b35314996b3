// The closed set of actions the audit trail records. Adding an action is adding a line here and its
// words in every language under `audit.actions.<action>` (messages/audit.ts; a missing one does not
// typecheck, see auditActionLabel). The database only checks the `area.verb` shape.
import { translator, type Locale } from '../i18n/index.ts';

export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.organisation_switched',
  'user.invited',
  'user.invitation_accepted',
  'user.role_granted',
  'user.role_revoked',
  'user.disabled',
  'registration.submitted',
  'registration.approved',
  'registration.rejected',
  'token.created',
  'token.revoked',
  'delivery.received',
  'delivery.checked',
  'delivery.withdrawn',
  'delivery.purged',
  'technical_report.downloaded',
  'content_report.placed',
  'content_report.held',
  'content_report.released',
  'content_report.downloaded',
  'content_report.deleted',
  'withdrawal.registered',
  'round.created',
  'round.changed',
  'organisation.created',
  'organisation.changed',
  'collaboration.member_added',
  'collaboration.member_removed',
  'participant.added',
  'participant.removed',
  'audit.exported',
  'audit.anchored',
  'reminder.sent',
  'feedback.submitted',
  'feedback.exported',
  'cbs.file_fetched',
  'cbs.receipt_recorded',
  'cbs.verdict_recorded',
  'cbs.content_report_uploaded',
  'cbs.content_report_placed',
  'cbs.erasure_confirmed',
  'cbs.report_setting_changed',
  'regular_route.marked',
  'regular_route.unmarked',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const KNOWN: ReadonlySet<string> = new Set(AUDIT_ACTIONS);

export function isAuditAction(value: string): value is AuditAction {
  return KNOWN.has(value);
}

/** The words for an action in a language (Dutch for the CLI); an unknown action shows its code. */
export function auditActionLabel(action: string, locale: Locale = 'nl'): string {
  return isAuditAction(action) ? translator(locale)(`audit.actions.${action}`) : action;
}
