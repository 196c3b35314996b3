// The closed set of actions the audit trail records, with the Dutch words the pages show. Adding an
// action is adding a line here (the database only checks the `area.verb` shape).
export const AUDIT_ACTIONS = {
  'auth.login': 'Ingelogd',
  'auth.logout': 'Uitgelogd',
  'auth.organisation_switched': 'Andere organisatie gekozen',
  'user.invited': 'Gebruiker uitgenodigd',
  'user.invitation_accepted': 'Uitnodiging aanvaard',
  'user.role_granted': 'Rol toegekend',
  'user.role_revoked': 'Rol ingetrokken',
  'user.disabled': 'Gebruiker uitgeschakeld',
  'registration.submitted': 'Aanmelding ingediend',
  'registration.approved': 'Aanmelding goedgekeurd',
  'registration.rejected': 'Aanmelding afgewezen',
  'token.created': 'API-token gemaakt',
  'token.revoked': 'API-token ingetrokken',
  'delivery.received': 'Aanlevering ontvangen',
  'delivery.checked': 'Technische controle uitgevoerd',
  'delivery.withdrawn': 'Aanlevering ingetrokken',
  'delivery.purged': 'Bewaartermijn verstreken: bestanden verwijderd',
  'technical_report.downloaded': 'Technisch rapport gedownload',
  'content_report.placed': 'Op-orde rapport geplaatst',
  'content_report.held': 'Op-orde rapport aangehouden',
  'content_report.released': 'Op-orde rapport vrijgegeven',
  'content_report.downloaded': 'Op-orde rapport gedownload',
  'content_report.deleted': 'Inhoud op-orde rapport verwijderd',
  'withdrawal.registered': 'Intrekking geregistreerd',
  'round.created': 'Ronde aangemaakt',
  'round.changed': 'Ronde gewijzigd',
  'organisation.created': 'Organisatie aangemaakt',
  'organisation.changed': 'Organisatie gewijzigd',
  'collaboration.member_added': 'Lid toegevoegd aan samenwerkingsverband',
  'collaboration.member_removed': 'Lid verwijderd uit samenwerkingsverband',
  'participant.added': 'Deelnemer toegevoegd aan ronde',
  'participant.removed': 'Deelnemer verwijderd uit ronde',
  'audit.exported': 'Audittrail geëxporteerd',
  'reminder.sent': 'Herinnering verstuurd',
  'feedback.submitted': 'Pilotfeedback gegeven',
  'feedback.exported': 'Pilotfeedback geëxporteerd',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, value);
}

export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTIONS[action] : action;
}
