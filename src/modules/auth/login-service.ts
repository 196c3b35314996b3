// Logging in through the eHerkenning broker (OpenID Connect). The broker proves who acts (a
// pseudonymous employee id), for which legal subject (KvK/OIN) and at which level; ggk decides whether
// that person may enter and with which roles. Every attempt is recorded with its outcome and reason.
import { generateSecret, hashSecret } from '../../platform/crypto/secrets.ts';
import type { Kysely } from 'kysely';
import type { Db, Schema } from '../database-schema.ts';
import { recordAudit } from '../audit/index.ts';
import { findCurrentRound, findParticipatingOrganisations } from '../periods/index.ts';
import { LOGIN_FAILURE_REASONS, isLoginFailureReason, type LoginFailureReason } from './login-reasons.ts';
import {
  findInvitationById,
  findInvitationByTokenHash,
  findOrganisationByLegalSubject,
  findUserBySubject,
  insertLoginAttempt,
  insertLoginFlow,
  takeLoginFlow,
} from './login-repository.ts';
import { createSession, grantsForLegalSubject, type SessionSettings } from './session-service.ts';
import * as loginRepository from './login-repository.ts';

/** What ggk needs from the broker; platform/oidc's relying party fits it. */
export interface IdentityBroker {
  beginLogin(): Promise<{ url: string; pending: { state: string; nonce: string; codeVerifier: string } }>;
  finishLogin(
    callbackUrl: URL,
    pending: { state: string; nonce: string; codeVerifier: string },
  ): Promise<{ actingSubject: string; legalSubject: string; levelOfAssurance: string; idToken: string }>;
}

const FLOW_MINUTES = 15;

export type InvitationCheck =
  { valid: true; invitationId: string; organisationName: string } | { valid: false; message: string };

export async function checkInvitation(db: Db, token: string, now: Date): Promise<InvitationCheck> {
  const invitation = await findInvitationByTokenHash(db, hashSecret(token));
  if (!invitation || invitation.accepted_at || invitation.revoked_at || invitation.expires_at <= now) {
    return { valid: false, message: LOGIN_FAILURE_REASONS.not_invited };
  }
  return { valid: true, invitationId: invitation.id, organisationName: invitation.organisation_name };
}

export async function beginLogin(
  db: Db,
  broker: IdentityBroker,
  input: { invitationId?: string; now: Date },
): Promise<{ flowCookie: string; redirectUrl: string }> {
  const { url, pending } = await broker.beginLogin();
  const flowCookie = generateSecret();
  await insertLoginFlow(db, {
    id_hash: hashSecret(flowCookie),
    state: pending.state,
    nonce: pending.nonce,
    code_verifier: pending.codeVerifier,
    invitation_id: input.invitationId ?? null,
    expires_at: new Date(input.now.getTime() + FLOW_MINUTES * 60_000),
  });
  return { flowCookie, redirectUrl: url };
}

export type LoginOutcome =
  | { ok: true; cookieValue: string; csrfToken: string; userId: string }
  | { ok: false; reason: LoginFailureReason; message: string };

function reasonOf(error: unknown): LoginFailureReason {
  const reason = (error as { reason?: unknown }).reason;
  return typeof reason === 'string' && isLoginFailureReason(reason) ? reason : 'provider_error';
}

export async function completeLogin(
  db: Kysely<Schema>,
  broker: IdentityBroker,
  input: { flowCookie: string | undefined; callbackUrl: URL; now: Date; sessionSettings?: SessionSettings },
): Promise<LoginOutcome> {
  const attempt: Attempt = {
    acting_subject: null,
    legal_subject_id: null,
    level_of_assurance: null,
    user_id: null,
    organisation_id: null,
  };
  const fail = (reason: LoginFailureReason) => recordFailure(db, attempt, input.now, reason);

  const flow = input.flowCookie ? await takeLoginFlow(db, hashSecret(input.flowCookie)) : undefined;
  if (!flow || flow.expires_at <= input.now) return fail('state_mismatch');

  let identity: Awaited<ReturnType<IdentityBroker['finishLogin']>>;
  try {
    identity = await broker.finishLogin(input.callbackUrl, {
      state: flow.state,
      nonce: flow.nonce,
      codeVerifier: flow.code_verifier,
    });
  } catch (error) {
    const identity = (
      error as { identity?: { actingSubject?: string; legalSubject?: string; levelOfAssurance?: string } }
    ).identity;
    attempt.acting_subject = identity?.actingSubject ?? null;
    attempt.legal_subject_id = identity?.legalSubject ?? null;
    attempt.level_of_assurance = identity?.levelOfAssurance ?? null;
    if (identity?.legalSubject) {
      attempt.organisation_id = (await findOrganisationByLegalSubject(db, identity.legalSubject))?.id ?? null;
    }
    if (identity?.actingSubject)
      attempt.user_id = (await findUserBySubject(db, identity.actingSubject))?.id ?? null;
    return fail(reasonOf(error));
  }
  attempt.acting_subject = identity.actingSubject;
  attempt.legal_subject_id = identity.legalSubject;
  attempt.level_of_assurance = identity.levelOfAssurance;
  // The flow is used up and the broker has answered: only now a transaction, so no connection is
  // held open while the broker is called.
  const checked = identity;
  return db.transaction().execute((trx) => admitIdentity(trx, flow.invitation_id, checked, attempt, input));
}

type Attempt = {
  acting_subject: string | null;
  legal_subject_id: string | null;
  level_of_assurance: string | null;
  user_id: string | null;
  organisation_id: string | null;
};

async function recordFailure(
  db: Db,
  attempt: Attempt,
  now: Date,
  reason: LoginFailureReason,
): Promise<LoginOutcome> {
  await insertLoginAttempt(db, { ...attempt, attempted_at: now, outcome: 'failure', reason });
  return { ok: false, reason, message: LOGIN_FAILURE_REASONS[reason] };
}

/** Decides, in one transaction, whether the proven identity may enter, and with which session. */
async function admitIdentity(
  db: Db,
  invitationId: string | null,
  identity: Awaited<ReturnType<IdentityBroker['finishLogin']>>,
  attempt: Attempt,
  input: { now: Date; sessionSettings?: SessionSettings },
): Promise<LoginOutcome> {
  const fail = (reason: LoginFailureReason) => recordFailure(db, attempt, input.now, reason);
  attempt.organisation_id = (await findOrganisationByLegalSubject(db, identity.legalSubject))?.id ?? null;

  let user = await findUserBySubject(db, identity.actingSubject);
  if (invitationId) {
    const invitation = await findInvitationById(db, invitationId);
    if (
      !invitation ||
      invitation.accepted_at ||
      invitation.revoked_at ||
      invitation.expires_at <= input.now
    ) {
      return fail('not_invited');
    }
    attempt.organisation_id = invitation.organisation_id;
    if (user && user.id !== invitation.user_id) {
      attempt.user_id = user.id;
      return fail('identity_in_use');
    }
    if (invitation.legal_subject_id !== identity.legalSubject) {
      attempt.user_id = invitation.user_id;
      return fail('wrong_organisation');
    }
    // users owns users and invitations; it imports auth (disabling a user ends their sessions), so
    // this way back is loaded when it runs: no load-time cycle between the two modules.
    const { acceptInvitation } = await import('../users/index.ts');
    await acceptInvitation(db, {
      invitationId: invitation.id,
      userId: invitation.user_id,
      subject: user ? undefined : identity.actingSubject,
      now: input.now,
    });
    if (!user) user = await findUserBySubject(db, identity.actingSubject);
    await recordAudit(db, {
      actor: { kind: 'user', userId: invitation.user_id },
      organisationId: invitation.organisation_id,
      action: 'user.invitation_accepted',
      subjectIds: [invitation.user_id, invitation.id],
      at: input.now,
    });
  }
  if (!user) return fail('unknown_person');
  attempt.user_id = user.id;
  if (user.is_disabled) return fail('disabled');

  const grants = await grantsForLegalSubject(db, user.id, identity.legalSubject);
  if (grants.length === 0) return fail('no_role');
  const organisationIds = [...new Set(grants.flatMap((g) => (g.organisationId ? [g.organisationId] : [])))];
  const isStaff = grants.some((g) => g.organisationId === null);
  let actingOrganisationId: string | null = organisationIds[0] ?? null;
  if (!isStaff) {
    const round = await findCurrentRound(db, input.now);
    if (round) {
      const participating = await findParticipatingOrganisations(db, round.id, organisationIds);
      if (participating.length === 0) return fail('not_participating');
      actingOrganisationId = organisationIds.find((id) => participating.includes(id)) ?? actingOrganisationId;
    }
  }
  attempt.organisation_id = actingOrganisationId ?? attempt.organisation_id;

  const session = await createSession(db, {
    userId: user.id,
    legalSubjectId: identity.legalSubject,
    actingOrganisationId,
    idToken: identity.idToken,
    now: input.now,
    ...(input.sessionSettings ? { settings: input.sessionSettings } : {}),
  });
  await insertLoginAttempt(db, { ...attempt, attempted_at: input.now, outcome: 'success', reason: null });
  await recordAudit(db, {
    actor: { kind: 'user', userId: user.id },
    organisationId: actingOrganisationId,
    action: 'auth.login',
    subjectIds: [user.id],
    details: { level_of_assurance: identity.levelOfAssurance, legal_subject_id: identity.legalSubject },
    at: input.now,
  });
  return { ok: true, cookieValue: session.cookieValue, csrfToken: session.csrfToken, userId: user.id };
}

// Reads (and a few writes) other modules, http/ and main/ use as they are: the module's surface is
// its services, so what the repository returns may change without them noticing.

export function listLoginAttempts(
  ...args: Parameters<typeof loginRepository.listLoginAttempts>
): ReturnType<typeof loginRepository.listLoginAttempts> {
  return loginRepository.listLoginAttempts(...args);
}

export function upsertStaffLegalSubject(
  ...args: Parameters<typeof loginRepository.upsertStaffLegalSubject>
): ReturnType<typeof loginRepository.upsertStaffLegalSubject> {
  return loginRepository.upsertStaffLegalSubject(...args);
}
