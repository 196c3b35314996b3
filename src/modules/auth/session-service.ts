// Server-side sessions. The cookie carries a random id; the table keeps its hash, the acting
// organisation and the CSRF token. A session ends after 30 idle minutes or 12 hours at most, and
// logout removes every session of the user ("everywhere in ggk").
import { generateSecret, hashSecret } from '../../platform/crypto/secrets.ts';
import type { Db } from '../database-schema.ts';
import { inTransaction } from '../../platform/db/database.ts';
import { recordAudit } from '../audit/index.ts';
import type { Grant, Principal } from './permissions.ts';
import {
  deleteSession,
  deleteSessionsOfUser,
  findGrantsForLegalSubject,
  findSessionWithGrants,
  insertSession,
  setActingOrganisation,
  touchSession,
} from './session-repository.ts';
import { AppError } from '../../platform/errors/app-error.ts';

export interface SessionSettings {
  idleMinutes: number;
  maxHours: number;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = { idleMinutes: 30, maxHours: 12 };

export interface ActiveSession {
  principal: Extract<Principal, { kind: 'user' }>;
  userName: string;
  csrfToken: string;
  idToken: string | null;
  /** Names of the organisations the user may act for, for the header's picker. */
  organisations: Array<{ id: string; name: string }>;
}

export async function createSession(
  db: Db,
  input: {
    userId: string;
    legalSubjectId: string;
    actingOrganisationId: string | null;
    idToken: string | null;
    now: Date;
    settings?: SessionSettings;
  },
): Promise<{ cookieValue: string; csrfToken: string }> {
  const settings = input.settings ?? DEFAULT_SESSION_SETTINGS;
  const cookieValue = generateSecret();
  const csrfToken = generateSecret();
  await insertSession(db, {
    id_hash: hashSecret(cookieValue),
    user_id: input.userId,
    acting_organisation_id: input.actingOrganisationId,
    legal_subject_id: input.legalSubjectId,
    csrf_token: csrfToken,
    id_token: input.idToken,
    expires_at: new Date(input.now.getTime() + settings.maxHours * 3600_000),
    now: input.now,
  });
  return { cookieValue, csrfToken };
}

function toGrants(rows: Array<{ role: Grant['role']; organisation_id: string | null }>): Grant[] {
  return rows.map((r) => ({ role: r.role, organisationId: r.organisation_id }));
}

/** The session behind a cookie, or undefined when it does not exist, expired or went idle (then it is removed). */
export async function resumeSession(
  db: Db,
  cookieValue: string,
  now: Date,
  settings: SessionSettings = DEFAULT_SESSION_SETTINGS,
): Promise<ActiveSession | undefined> {
  const idHash = hashSecret(cookieValue);
  // Session, user and grants in one round trip: every request of a logged-in user asks this.
  const row = await findSessionWithGrants(db, idHash);
  if (!row) return undefined;
  const idleLimit = new Date(row.last_seen_at.getTime() + settings.idleMinutes * 60_000);
  if (row.expires_at <= now || idleLimit <= now || row.user_disabled) {
    await deleteSession(db, idHash);
    return undefined;
  }
  // Write at most once a minute: a page with several requests need not update the row each time.
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) await touchSession(db, idHash, now);
  const grantRows = row.grants;
  const grants = toGrants(grantRows);
  const organisations = new Map<string, string>();
  for (const g of grantRows)
    if (g.organisation_id) organisations.set(g.organisation_id, g.organisation_name ?? '');
  const acting =
    row.acting_organisation_id && organisations.has(row.acting_organisation_id)
      ? row.acting_organisation_id
      : null;
  return {
    principal: { kind: 'user', userId: row.user_id, sessionId: idHash, grants, actingOrganisationId: acting },
    userName: row.user_name,
    csrfToken: row.csrf_token,
    idToken: row.id_token,
    organisations: [...organisations].map(([id, name]) => ({ id, name })),
  };
}

export async function grantsForLegalSubject(
  db: Db,
  userId: string,
  legalSubjectId: string,
): Promise<Grant[]> {
  return toGrants(await findGrantsForLegalSubject(db, userId, legalSubjectId));
}

export async function switchActingOrganisation(
  db: Db,
  session: ActiveSession,
  organisationId: string,
): Promise<void> {
  if (!session.organisations.some((o) => o.id === organisationId)) {
    throw new AppError('auth.forbidden', {
      reason: 'not_acting_for',
    });
  }
  await setActingOrganisation(db, session.principal.sessionId, organisationId);
}

/** Ends every session of the user (logout, a disabled user). */
export async function endAllSessions(db: Db, userId: string): Promise<number> {
  return deleteSessionsOfUser(db, userId);
}

/** Logout: ends every session of the user, and records it. */
export async function logout(
  db: Db,
  input: { userId: string; organisationId: string | null; now: Date },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const ended = await deleteSessionsOfUser(trx, input.userId);
    await recordAudit(trx, {
      actor: { kind: 'user', userId: input.userId },
      organisationId: input.organisationId,
      action: 'auth.logout',
      subjectIds: [input.userId],
      details: { sessions_ended: ended },
      at: input.now,
    });
  });
}
