// The hash chain, pure. An entry's hash is SHA-256 (hex) over its canonical content: a JSON array of
// its fields in a fixed order, with the details' keys sorted at every level (PostgreSQL's jsonb does
// not keep key order), ending with the previous entry's hash. The first entry's previous hash is 64
// zeros. Changing, removing or reordering any entry breaks the chain from there on.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);
const CANONICAL_VERSION = 1;

export type AuditDetailValue = string | number | boolean | null | Array<string | number>;
export type AuditDetails = Record<string, AuditDetailValue>;

export interface HashedContent {
  seq: number;
  id: string;
  recordedAt: Date;
  actorKind: 'user' | 'api_token' | 'system';
  actorUserId: string | null;
  actorTokenId: string | null;
  organisationId: string | null;
  action: string;
  subjectIds: readonly string[];
  details: unknown;
  previousHash: string;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(object)
        .sort()
        .map((key) => [key, canonical(object[key])]),
    );
  }
  return value;
}

/** What the canonical content holds besides the two values only the chain knows. */
export type ChainlessContent = Omit<HashedContent, 'seq' | 'previousHash'>;

/**
 * The canonical content in three pieces around `seq` and `previousHash`: prefix + seq + middle +
 * previousHash + suffix is canonicalContent. The database appends an entry in one call with these
 * (migration 0031-b, audit_append), filling in the two values under the trail's lock. JSON writes an
 * integer as its decimal digits and a hex hash needs no escaping, as PostgreSQL's text of them
 * (audit-hash.test.ts holds the two ways together).
 */
export function canonicalPieces(entry: ChainlessContent): { prefix: string; middle: string; suffix: string } {
  const inner = JSON.stringify([
    entry.id,
    entry.recordedAt.toISOString(),
    entry.actorKind,
    entry.actorUserId,
    entry.actorTokenId,
    entry.organisationId,
    entry.action,
    entry.subjectIds,
    canonical(entry.details),
  ]);
  return { prefix: `[${CANONICAL_VERSION},`, middle: `,${inner.slice(1, -1)},"`, suffix: '"]' };
}

export function canonicalContent(entry: HashedContent): string {
  return JSON.stringify([
    CANONICAL_VERSION,
    entry.seq,
    entry.id,
    entry.recordedAt.toISOString(),
    entry.actorKind,
    entry.actorUserId,
    entry.actorTokenId,
    entry.organisationId,
    entry.action,
    entry.subjectIds,
    canonical(entry.details),
    entry.previousHash,
  ]);
}

export function hashEntry(entry: HashedContent): string {
  return createHash('sha256').update(canonicalContent(entry), 'utf8').digest('hex');
}
