// API tokens let municipal software deliver unattended. A token belongs to one organisation, carries
// a subset of its roles (never gebruikersbeheerder: people manage people) and expires. It is shown
// once; ggk keeps only its hash and the first characters, to recognise it in a list.
import { generateSecret, hashSecret } from '../../platform/crypto/secrets.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { Problems } from '../../platform/errors/problems.ts';
import { isUuid } from '../../platform/errors/ids.ts';
import type { Db } from '../database-schema.ts';
import { inTransaction } from '../../platform/db/database.ts';
import { recordAudit, SYSTEM_ACTOR } from '../audit/index.ts';
import type { OrganisationRole } from '../users/index.ts';
import type { Principal } from './permissions.ts';
import {
  findApiTokenByHash,
  insertApiToken,
  listApiTokensOf,
  markApiTokenRevoked,
  markApiTokenUsed,
  type ApiTokenListRow,
  type ApiTokenRow,
} from './api-token-repository.ts';
import * as apiTokenRepository from './api-token-repository.ts';

export const TOKEN_ROLES: readonly OrganisationRole[] = ['aanleveraar', 'rapportontvanger', 'intrekker'];
export const MAX_TOKEN_DAYS = 366;
export const TOKEN_PREFIX = 'ggk_';
const PREFIX = TOKEN_PREFIX;

export async function createApiToken(
  db: Db,
  input: {
    organisationId: string;
    name: string;
    roles: readonly string[];
    days: number;
    createdBy: string | null;
    now: Date;
  },
): Promise<{ token: string; row: ApiTokenRow }> {
  // All fields first, so the form names everything that is wrong at once.
  const problems = new Problems();
  const name = input.name.trim();
  if (name === '') problems.add(new AppError('token.name_required'));
  const roles = [...new Set(input.roles)];
  const notAllowed = roles.filter((r) => !(TOKEN_ROLES as readonly string[]).includes(r));
  if (roles.length === 0) {
    problems.add(new AppError('token.roles_required'));
  } else if (notAllowed.length > 0) {
    problems.add(
      new AppError('token.bad_role', { roles: notAllowed.join(', '), allowed: TOKEN_ROLES.join(', ') }),
    );
  }
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_TOKEN_DAYS) {
    problems.add(
      new AppError('token.bad_expiry', {
        max: MAX_TOKEN_DAYS,
      }),
    );
  }
  if (problems.found) throw problems.error();
  const token = `${PREFIX}${generateSecret()}`;
  const row = await inTransaction(db, async (trx) => {
    const inserted = await insertApiToken(trx, {
      organisation_id: input.organisationId,
      name,
      token_prefix: token.slice(0, PREFIX.length + 6),
      token_hash: hashSecret(token),
      roles,
      created_by: input.createdBy,
      expires_at: new Date(input.now.getTime() + input.days * 86400_000),
      created_at: input.now,
    });
    await recordAudit(trx, {
      actor: input.createdBy ? { kind: 'user', userId: input.createdBy } : SYSTEM_ACTOR,
      organisationId: input.organisationId,
      action: 'token.created',
      subjectIds: [inserted.id],
      details: { roles, days: input.days, token_prefix: inserted.token_prefix },
      at: input.now,
    });
    return inserted;
  });
  return { token, row };
}

/** How precisely a token's last use is kept (api_tokens.last_used_at). */
const TOKEN_USE_RESOLUTION_MS = 60_000;

/** The principal behind a bearer token, or undefined when it is unknown, revoked or expired. */
export async function authenticateApiToken(db: Db, token: string, now: Date): Promise<Principal | undefined> {
  if (!token.startsWith(PREFIX)) return undefined;
  const row = await findApiTokenByHash(db, hashSecret(token));
  if (!row || row.revoked_at || row.expires_at <= now) return undefined;
  // The database revokes a disabled maker's tokens (migration 0012-a); this refuses them even so.
  if (row.maker_disabled === true) return undefined;
  // To the minute: a token used again within it is not written again. Municipal software sends a
  // closing day's uploads with one token, and every write is a commit of its own (issue 21).
  if (row.last_used_at === null || now.getTime() - row.last_used_at.getTime() >= TOKEN_USE_RESOLUTION_MS)
    await markApiTokenUsed(db, row.id, now);
  if (row.kind === 'cbs') return { kind: 'cbs', tokenId: row.id };
  if (row.organisation_id === null) return undefined;
  return {
    kind: 'token',
    tokenId: row.id,
    organisationId: row.organisation_id,
    roles: row.roles.filter((r): r is OrganisationRole => (TOKEN_ROLES as readonly string[]).includes(r)),
  };
}

export function listApiTokens(db: Db, organisationId: string): Promise<ApiTokenListRow[]> {
  return listApiTokensOf(db, organisationId);
}

export async function revokeApiToken(
  db: Db,
  input: { organisationId: string; tokenId: string; now: Date; revokedBy?: string | null },
): Promise<void> {
  if (!isUuid(input.tokenId)) throw new AppError('token.not_found');
  await inTransaction(db, async (trx) => {
    const n = await markApiTokenRevoked(trx, input.tokenId, input.organisationId, input.now);
    if (n === 0) throw new AppError('token.not_found');
    await recordAudit(trx, {
      actor: input.revokedBy ? { kind: 'user', userId: input.revokedBy } : SYSTEM_ACTOR,
      organisationId: input.organisationId,
      action: 'token.revoked',
      subjectIds: [input.tokenId],
      at: input.now,
    });
  });
}

// Reads (and a few writes) other modules, http/ and main/ use as they are: the module's surface is
// its services, so what the repository returns may change without them noticing.

export function dateTokensRevokedNow(
  ...args: Parameters<typeof apiTokenRepository.dateTokensRevokedNow>
): ReturnType<typeof apiTokenRepository.dateTokensRevokedNow> {
  return apiTokenRepository.dateTokensRevokedNow(...args);
}
