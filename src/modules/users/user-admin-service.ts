// What a gebruikersbeheerder does for their organisation: invite users, grant and revoke roles,
// disable users. The last active gebruikersbeheerder of an organisation can be neither demoted nor
// disabled, so no organisation locks itself out.
import { generateSecret, hashSecret } from '../../platform/crypto/secrets.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { Problems } from '../../platform/errors/problems.ts';
import { isUuid } from '../../platform/errors/ids.ts';
import type { Db } from '../database-schema.ts';
import { dateTokensRevokedNow, endAllSessions } from '../auth/index.ts';
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from '../audit/index.ts';
import { enqueueMail } from '../notifications/index.ts';
import { bilingualMail, translator } from '../i18n/index.ts';
import { findOrganisationById } from '../organisations/index.ts';
import { assertPersonalEmail } from './email-policy.ts';
import { ORGANISATION_ROLES, type OrganisationRole } from './roles.ts';
import {
  countRolesOfUser,
  deleteRole,
  deleteRolesInOrganisation,
  findUserByEmail,
  findUserById,
  hasInvitationTo,
  insertInvitation,
  insertRole,
  insertUser,
  listRolesOfUser,
  lockActiveAdministrators,
  setUserDisabled,
} from './user-repository.ts';

export const INVITATION_DAYS = 14;

export interface AdminContext {
  organisationId: string;
  /** The gebruikersbeheerder acting (null for the operator's command line). */
  actorUserId: string | null;
  now: Date;
  baseUrl: string;
  functionalEmailPrefixes: readonly string[];
}

function actorOf(ctx: AdminContext): AuditActor {
  return ctx.actorUserId ? { kind: 'user', userId: ctx.actorUserId } : SYSTEM_ACTOR;
}

function requireOrganisationRoles(roles: readonly string[]): OrganisationRole[] {
  // A user without a role is refused at login (no role, no organisation to act for): an invitation
  // without one would be a dead end, so the rule lives here, where the invitation is made.
  if (roles.length === 0) throw new AppError('user.roles_required');
  const unknown = roles.filter((r) => !(ORGANISATION_ROLES as readonly string[]).includes(r));
  if (unknown.length > 0)
    throw new AppError('user.bad_role', {
      roles: unknown.join(', '),
    });
  return [...new Set(roles)] as OrganisationRole[];
}

async function requireMember(db: Db, organisationId: string, userId: string) {
  if (!isUuid(userId)) throw new AppError('user.not_found');
  const user = await findUserById(db, userId);
  const roles = user ? await listRolesOfUser(db, userId) : [];
  if (!user) throw new AppError('user.not_found');
  return { user, roles: roles.filter((r) => r.organisation_id === organisationId) };
}

function invitationMail(input: {
  name: string;
  organisationName: string;
  link: string;
  roles: OrganisationRole[];
}) {
  return bilingualMail('mail.invitation.subject', 'mail.invitation.body', (locale) => {
    const t = translator(locale);
    return {
      name: input.name,
      organisation: input.organisationName,
      roles:
        input.roles.length > 0
          ? input.roles.map((r) => t(`role.${r}`)).join(', ')
          : t('mail.invitation.noRole'),
      link: input.link,
      days: INVITATION_DAYS,
    };
  });
}

/**
 * Invites a person (name and personal e-mail) into the organisation with the given roles. The
 * eHerkenning identity is bound when they first log in through the link; following the link also
 * confirms the address.
 */
export async function inviteUser(
  db: Db,
  ctx: AdminContext,
  input: {
    name: string;
    email: string;
    roles: readonly string[];
    /**
     * The inviter confirms the address is the person's own: the blocklist catches the common
     * functional mailboxes, not every shared one (issue 18). A registration approved by the
     * operator passes true: there the applicant entered their own address.
     */
    confirmedPersonal: boolean;
  },
): Promise<{ userId: string; invitationId: string }> {
  // All fields first, so the form names everything that is wrong at once.
  const problems = new Problems();
  const name = input.name.trim();
  if (name === '') problems.add(new AppError('user.name_required'));
  const email = problems.check(() => assertPersonalEmail(input.email, ctx.functionalEmailPrefixes));
  const roles = problems.check(() => requireOrganisationRoles(input.roles));
  if (!input.confirmedPersonal)
    problems.add(new AppError('user.personal_not_confirmed', { field: 'persoonlijk' }));
  if (problems.found || email === undefined || roles === undefined) throw problems.error();
  const organisation = await findOrganisationById(db, ctx.organisationId);
  if (!organisation) throw new AppError('organisation.not_found');

  const existing = await findUserByEmail(db, email);
  if (existing?.is_disabled) {
    throw new AppError('user.disabled', { reason: 'contact_servicedesk' });
  }
  const user = existing ?? (await insertUser(db, { name, email }));
  for (const role of roles)
    await insertRole(db, { user_id: user.id, organisation_id: organisation.id, role });

  const token = generateSecret();
  const invitation = await insertInvitation(db, {
    organisation_id: organisation.id,
    user_id: user.id,
    token_hash: hashSecret(token),
    invited_by: ctx.actorUserId,
    expires_at: new Date(ctx.now.getTime() + INVITATION_DAYS * 86400_000),
    created_at: ctx.now,
  });
  const mail = invitationMail({
    name: user.name,
    organisationName: organisation.name,
    link: `${ctx.baseUrl}/uitnodiging/${token}`,
    roles,
  });
  await enqueueMail(db, {
    recipient: email,
    subject: mail.subject,
    text: mail.text,
    kind: 'invitation',
    at: ctx.now,
  });
  await recordAudit(db, {
    actor: actorOf(ctx),
    organisationId: organisation.id,
    action: 'user.invited',
    subjectIds: [user.id, invitation.id],
    details: { roles, new_user: existing === undefined, address_confirmed_own: true },
    at: ctx.now,
  });
  return { userId: user.id, invitationId: invitation.id };
}

export async function grantOrganisationRole(
  db: Db,
  ctx: AdminContext,
  input: { userId: string; role: string },
): Promise<void> {
  const [role] = requireOrganisationRoles([input.role]);
  const { user, roles } = await requireMember(db, ctx.organisationId, input.userId);
  if (roles.length === 0 && user.eherkenning_subject !== null) {
    // Only people already in the organisation (or invited to it) get roles here; others are invited.
    if (!(await hasInvitationTo(db, user.id, ctx.organisationId)))
      throw new AppError('user.not_in_organisation', { reason: 'invite' });
  }
  if (user.is_disabled) throw new AppError('user.disabled');
  await insertRole(db, { user_id: user.id, organisation_id: ctx.organisationId, role: role! });
  await recordAudit(db, {
    actor: actorOf(ctx),
    organisationId: ctx.organisationId,
    action: 'user.role_granted',
    subjectIds: [user.id],
    details: { role: role! },
    at: ctx.now,
  });
}

export async function revokeOrganisationRole(
  db: Db,
  ctx: AdminContext,
  input: { userId: string; role: string },
): Promise<void> {
  const [role] = requireOrganisationRoles([input.role]);
  if (!isUuid(input.userId)) throw new AppError('user.not_found');
  if (role === 'gebruikersbeheerder') {
    const admins = await lockActiveAdministrators(db, ctx.organisationId);
    if (admins.length === 1 && admins[0] === input.userId) {
      throw new AppError('user.last_administrator');
    }
  }
  const removed = await deleteRole(db, {
    user_id: input.userId,
    organisation_id: ctx.organisationId,
    role: role!,
  });
  if (removed === 0) throw new AppError('user.role_not_held');
  await recordAudit(db, {
    actor: actorOf(ctx),
    organisationId: ctx.organisationId,
    action: 'user.role_revoked',
    subjectIds: [input.userId],
    // The database narrowed or revoked the tokens this user made (migration 0012-a); dated on our clock.
    details: {
      role: role!,
      tokens_revoked: await dateTokensRevokedNow(db, input.userId, ctx.organisationId, ctx.now),
    },
    at: ctx.now,
  });
}

/**
 * Disables a user for the organisation: all their roles in it go, and the account itself is
 * disabled when it has no roles left anywhere. Their sessions end at once, and the API tokens they
 * made for the organisation are revoked in the same transaction (by the database, migration 0012-a).
 */
export async function disableUser(db: Db, ctx: AdminContext, input: { userId: string }): Promise<void> {
  const { roles } = await requireMember(db, ctx.organisationId, input.userId);
  if (roles.length === 0) throw new AppError('user.not_in_organisation');
  const admins = await lockActiveAdministrators(db, ctx.organisationId);
  if (admins.length === 1 && admins[0] === input.userId) {
    throw new AppError('user.last_administrator', { reason: 'disable' });
  }
  await deleteRolesInOrganisation(db, input.userId, ctx.organisationId);
  const accountDisabled = (await countRolesOfUser(db, input.userId)) === 0;
  if (accountDisabled) await setUserDisabled(db, input.userId, true);
  const sessionsEnded = await endAllSessions(db, input.userId);
  await recordAudit(db, {
    actor: actorOf(ctx),
    organisationId: ctx.organisationId,
    action: 'user.disabled',
    subjectIds: [input.userId],
    details: {
      roles_removed: roles.map((r) => r.role),
      account_disabled: accountDisabled,
      sessions_ended: sessionsEnded,
      // Their tokens were revoked by the database in this transaction (migration 0012-a); dated on our clock.
      tokens_revoked: await dateTokensRevokedNow(db, input.userId, ctx.organisationId, ctx.now),
    },
    at: ctx.now,
  });
}
