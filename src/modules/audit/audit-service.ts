// Recording and checking the audit trail. recordAudit runs inside the caller's transaction, so an
// entry exists exactly when the change it records was committed.
import { randomUUID } from 'node:crypto';
import type { Db } from '../database-schema.ts';
import { isAuditAction, type AuditAction } from './audit-actions.ts';
import { GENESIS_HASH, canonicalPieces, hashEntry, type AuditDetails } from './audit-hash.ts';
import {
  appendAuditEntry,
  listEntriesAfter,
  type AuditAlongside,
  type AuditEntryRow,
} from './audit-repository.ts';
import { maskBsnRuns } from '../../platform/privacy/bsn-runs.ts';
import * as auditRepository from './audit-repository.ts';

/** Who did it: a user, an API token (municipal software), or ggk itself (jobs, retention, CLI). */
export type AuditActor =
  { kind: 'user'; userId: string } | { kind: 'api_token'; tokenId: string } | { kind: 'system' };

export interface AuditEntryInput {
  actor: AuditActor;
  /** The organisation the action concerns (its gebruikersbeheerder sees the entry); null for none. */
  organisationId: string | null;
  action: AuditAction;
  /** Ids of what the action is about: users, deliveries, rounds, tokens… (ids only). */
  subjectIds?: readonly string[];
  /** Small, without personal data: ids, counts, checksums, codes. Never BSNs or file contents. */
  details?: AuditDetails;
  /** The instant of the change (the app's clock); defaults to the real time. */
  at?: Date;
}

export const SYSTEM_ACTOR: AuditActor = { kind: 'system' };

/** The actor of a request's principal (auth's Principal, structurally). */
export function auditActorOf(
  principal:
    | { kind: 'user'; userId: string }
    | { kind: 'token'; tokenId: string }
    | { kind: 'cbs'; tokenId: string }
    | { kind: 'anonymous' },
): AuditActor {
  if (principal.kind === 'user') return { kind: 'user', userId: principal.userId };
  if (principal.kind === 'token' || principal.kind === 'cbs')
    return { kind: 'api_token', tokenId: principal.tokenId };
  return SYSTEM_ACTOR;
}

// The largest legitimate entry: a delivery of 60 files (MAX_FILES_PER_UPLOAD) names each file's id,
// checksum and size, about 7,100 characters.
const MAX_DETAILS_CHARS = 12_000;
const PERSONAL_KEY = /bsn|burgerservicenummer|e_?mail|password|wachtwoord|secret|user_?name|person/i;

/**
 * Refuses details that could carry personal data by their key or are too large (a programming error,
 * not user input), and masks any BSN in their text by value (a form reference someone typed).
 */
function allowedDetails(details: AuditDetails): AuditDetails {
  const out: AuditDetails = {};
  for (const [key, value] of Object.entries(details)) {
    if (PERSONAL_KEY.test(key)) throw new Error(`audit details may not hold personal data (key "${key}")`);
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'number' && !Number.isFinite(item))
        throw new Error(`audit detail "${key}" is not a finite number`);
    }
    out[key] =
      typeof value === 'string'
        ? maskBsnRuns(value)
        : Array.isArray(value)
          ? value.map((item) => (typeof item === 'string' ? maskBsnRuns(item) : item))
          : value;
  }
  if (JSON.stringify(out).length > MAX_DETAILS_CHARS) throw new Error('audit details too large');
  return out;
}

async function append(trx: Db, entry: AuditEntryInput, alongside?: AuditAlongside): Promise<{ id: string }> {
  if (!isAuditAction(entry.action)) throw new Error(`unknown audit action ${entry.action}`);
  const details = allowedDetails(entry.details ?? {});
  const row: Omit<AuditEntryRow, 'seq' | 'previous_hash' | 'hash'> = {
    id: randomUUID(),
    recorded_at: new Date((entry.at ?? new Date()).getTime()),
    actor_kind: entry.actor.kind,
    actor_user_id: entry.actor.kind === 'user' ? entry.actor.userId : null,
    actor_token_id: entry.actor.kind === 'api_token' ? entry.actor.tokenId : null,
    organisation_id: entry.organisationId,
    action: entry.action,
    subject_ids: [...(entry.subjectIds ?? [])],
    details,
  };
  // Appended to the chain in the commit (issue 21; migration 0032-b): the trail's lock is held only
  // inside the COMMIT (or the one statement's own), not from here until this process sends it.
  await appendAuditEntry(trx, row, canonicalPieces(chainlessContentOf(row)), alongside);
  return { id: row.id };
}

function chainlessContentOf(row: Omit<AuditEntryRow, 'seq' | 'previous_hash' | 'hash'>) {
  return {
    id: row.id,
    recordedAt: row.recorded_at,
    actorKind: row.actor_kind,
    actorUserId: row.actor_user_id,
    actorTokenId: row.actor_token_id,
    organisationId: row.organisation_id,
    action: row.action,
    subjectIds: row.subject_ids,
    details: row.details,
  };
}

function contentOf(row: Omit<AuditEntryRow, 'hash'>) {
  return { ...chainlessContentOf(row), seq: row.seq, previousHash: row.previous_hash };
}

/**
 * Appends one entry to the trail. Pass the transaction of the change, so the entry commits (or rolls
 * back) with it; its place in the chain (seq, hash) is given at that commit (migration 0032-b), so it
 * may be called anywhere in the transaction. Given the database itself, the append is one statement
 * and so its own transaction: no BEGIN and COMMIT round trips (issue 21). Returns the entry's id.
 *
 * `alongside`: the change itself (one insert, update or delete of Kysely, not executed), when it is
 * one statement too: it runs as a data-modifying WITH of the append's statement, so the change and
 * its entry commit together in one round trip, without a transaction around them. Its result is not
 * returned; what the entry says must be known beforehand.
 */
export async function recordAudit(
  db: Db,
  entry: AuditEntryInput,
  options: { alongside?: AuditAlongside } = {},
): Promise<{ id: string }> {
  return append(db, entry, options.alongside);
}

export type AuditVerification =
  | { ok: true; entries: number; lastHash: string }
  | {
      ok: false;
      entries: number;
      broken: { seq: number; id: string; recordedAt: Date; action: string; problem: string };
    };

/**
 * Walks the chain in `seq` order and recomputes every hash. Names the first entry that does not fit:
 * its content changed (hash), its predecessor changed or vanished (previous hash), or a gap in `seq`.
 */
export async function verifyAuditChain(
  db: Db,
  options: { batchSize?: number } = {},
): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 1000;
  let expectedSeq = 1;
  let previousHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await listEntriesAfter(db, expectedSeq - 1, batchSize);
    if (rows.length === 0) return { ok: true, entries: checked, lastHash: previousHash };
    for (const row of rows) {
      const broken = (problem: string): AuditVerification => ({
        ok: false,
        entries: checked,
        broken: { seq: row.seq, id: row.id, recordedAt: row.recorded_at, action: row.action, problem },
      });
      if (row.seq !== expectedSeq)
        return broken(
          `volgnummer ${expectedSeq} ontbreekt (verwijderd?); na ${expectedSeq - 1} volgt ${row.seq}`,
        );
      if (row.previous_hash !== previousHash)
        return broken('de vorige hash klopt niet: de voorgaande regel is gewijzigd of verwijderd');
      if (hashEntry(contentOf(row)) !== row.hash)
        return broken('de hash klopt niet met de inhoud: deze regel is gewijzigd');
      previousHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
}

// Reads (and a few writes) other modules, http/ and main/ use as they are: the module's surface is
// its services, so what the repository returns may change without them noticing.

export function insertAnchorKeyWrap(
  ...args: Parameters<typeof auditRepository.insertAnchorKeyWrap>
): ReturnType<typeof auditRepository.insertAnchorKeyWrap> {
  return auditRepository.insertAnchorKeyWrap(...args);
}

export function listAuditEntries(
  ...args: Parameters<typeof auditRepository.listAuditEntries>
): ReturnType<typeof auditRepository.listAuditEntries> {
  return auditRepository.listAuditEntries(...args);
}

export function readAnchorKeyWrap(
  ...args: Parameters<typeof auditRepository.readAnchorKeyWrap>
): ReturnType<typeof auditRepository.readAnchorKeyWrap> {
  return auditRepository.readAnchorKeyWrap(...args);
}
