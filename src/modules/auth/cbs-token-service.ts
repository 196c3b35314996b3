// CBS's channel (contract cbs-handover): tokens of kind 'cbs' open the hand-over API and nothing else.
// They belong to no organisation and carry no role; made by `ggk token create --cbs` or by a CBS user
// in the portal, shown once, kept as a hash.
import { generateSecret, hashSecret } from '../../platform/crypto/secrets.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { Problems } from '../../platform/errors/problems.ts';
import { isUuid } from '../../platform/errors/ids.ts';
import type { Db } from '../database-schema.ts';
import { inTransaction } from '../../platform/db/database.ts';
import { recordAudit, SYSTEM_ACTOR } from '../audit/index.ts';
import { MAX_TOKEN_DAYS, TOKEN_PREFIX } from './api-token-service.ts';
import {
  insertApiToken,
  listCbsTokens as listCbsTokenRows,
  markCbsTokenRevoked,
  type ApiTokenRow,
  type CbsTokenListRow,
} from './api-token-repository.ts';

/** The longest name a CBS token may have (it is shown in lists and the audit trail). */
export const MAX_CBS_TOKEN_NAME = 100;

export async function createCbsToken(
  db: Db,
  input: { name: string; days: number; createdBy: string | null; now: Date },
): Promise<{ token: string; row: ApiTokenRow }> {
  const problems = new Problems();
  const name = input.name.trim();
  if (name === '') problems.add(new AppError('token.name_required'));
  else if (name.length > MAX_CBS_TOKEN_NAME)
    problems.add(
      new AppError('token.name_too_long', {
        max: MAX_CBS_TOKEN_NAME,
      }),
    );
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_TOKEN_DAYS)
    problems.add(
      new AppError('token.bad_expiry', {
        max: MAX_TOKEN_DAYS,
      }),
    );
  if (problems.found) throw problems.error();
  const token = `${TOKEN_PREFIX}${generateSecret()}`;
  const row = await inTransaction(db, async (trx) => {
    const inserted = await insertApiToken(trx, {
      kind: 'cbs',
      organisation_id: null,
      name,
      token_prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      token_hash: hashSecret(token),
      roles: [],
      created_by: input.createdBy,
      expires_at: new Date(input.now.getTime() + input.days * 86400_000),
      created_at: input.now,
    });
    await recordAudit(trx, {
      actor: input.createdBy ? { kind: 'user', userId: input.createdBy } : SYSTEM_ACTOR,
      organisationId: null,
      action: 'token.created',
      subjectIds: [inserted.id],
      details: { kind: 'cbs', days: input.days, token_prefix: inserted.token_prefix },
      at: input.now,
    });
    return inserted;
  });
  return { token, row };
}

export function listCbsTokens(db: Db): Promise<CbsTokenListRow[]> {
  return listCbsTokenRows(db);
}

export async function revokeCbsToken(
  db: Db,
  input: { tokenId: string; now: Date; revokedBy: string | null },
): Promise<void> {
  if (!isUuid(input.tokenId)) throw new AppError('token.not_found');
  await inTransaction(db, async (trx) => {
    const n = await markCbsTokenRevoked(trx, input.tokenId, input.now);
    if (n === 0) throw new AppError('token.not_found');
    await recordAudit(trx, {
      actor: input.revokedBy ? { kind: 'user', userId: input.revokedBy } : SYSTEM_ACTOR,
      organisationId: null,
      action: 'token.revoked',
      subjectIds: [input.tokenId],
      details: { kind: 'cbs' },
      at: input.now,
    });
  });
}
