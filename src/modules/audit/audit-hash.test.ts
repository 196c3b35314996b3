import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  GENESIS_HASH,
  canonicalContent,
  canonicalPieces,
  hashEntry,
  type HashedContent,
} from './audit-hash.ts';

const entry: HashedContent = {
  seq: 7,
  id: '5d1c1a52-9d1e-4a44-9b0e-3f7c2b1a0c11',
  recordedAt: new Date('2018-03-15T10:00:00.123Z'),
  actorKind: 'user',
  actorUserId: 'a3c5e7d1-0000-4000-8000-000000000001',
  actorTokenId: null,
  organisationId: 'b3c5e7d1-0000-4000-8000-000000000002',
  action: 'delivery.withdrawn',
  subjectIds: ['c3c5e7d1-0000-4000-8000-000000000003'],
  details: { receipt_number: 'GGK-2018-000001', sha256: ['a'.repeat(64)], bytes: [1234] },
  previousHash: GENESIS_HASH,
};

test('the hash does not depend on the key order of the details (jsonb reorders them)', () => {
  const reordered = {
    ...entry,
    details: { bytes: [1234], sha256: ['a'.repeat(64)], receipt_number: 'GGK-2018-000001' },
  };
  assert.equal(canonicalContent(reordered), canonicalContent(entry));
  assert.equal(hashEntry(reordered), hashEntry(entry));
  assert.match(hashEntry(entry), /^[0-9a-f]{64}$/);
});

test('changing any field, or the previous hash, changes the hash', () => {
  const base = hashEntry(entry);
  const changes: Array<Partial<HashedContent>> = [
    { seq: 8 },
    { id: '5d1c1a52-9d1e-4a44-9b0e-3f7c2b1a0c12' },
    { recordedAt: new Date('2018-03-15T10:00:00.124Z') },
    { actorKind: 'system', actorUserId: null },
    { organisationId: null },
    { action: 'delivery.purged' },
    { subjectIds: [] },
    { details: { ...(entry.details as object), bytes: [1235] } },
    { previousHash: 'f'.repeat(64) },
  ];
  for (const change of changes)
    assert.notEqual(hashEntry({ ...entry, ...change }), base, JSON.stringify(change));
});

test('the pieces the database fills in (audit_append) make the canonical content exactly', () => {
  const entries: HashedContent[] = [
    entry,
    { ...entry, seq: 1, previousHash: 'f'.repeat(64) },
    { ...entry, seq: 9_007_199_254, actorKind: 'system', actorUserId: null, organisationId: null },
    { ...entry, subjectIds: [], details: {} },
    {
      ...entry,
      seq: 123_456,
      details: { name: 'Jeugd "2018"\\ \u2028 é 𝄞 \u0000', n: 1.5, list: ['a', 2], ok: true, none: null },
    },
  ];
  for (const e of entries) {
    const { prefix, middle, suffix } = canonicalPieces(e);
    assert.equal(`${prefix}${e.seq}${middle}${e.previousHash}${suffix}`, canonicalContent(e));
  }
});
