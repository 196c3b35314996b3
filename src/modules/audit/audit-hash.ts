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
