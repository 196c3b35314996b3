// The audit anchor outlives a master key rotation: a statement signed before `ggk keys rotate` still
// verifies with `ggk audit verify --expect-file` once the old master key is gone (the anchor key is
// kept wrapped in the database, 0027-a, and the rotation re-wraps it), the worker keeps signing with
// the same key, and a statement with a signature no key of this ggk made is still refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/env.ts';
import { loadAnchorKey } from '../../src/main/audit-anchor.ts';
import { openKeyring } from '../../src/main/deliveries.ts';
import { recordAudit, sendAuditAnchor } from '../../src/modules/audit/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { GGK_BIN, cleanEnv } from '../support/ggk-process.ts';

const oldKey = randomBytes(32).toString('hex');
const newKey = randomBytes(32).toString('hex');
let t: TestDatabase;
let dir: string;
before(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'ggk-anchor-rotation-'));
});
after(async () => {
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});

function env(keys: Record<string, string>): NodeJS.ProcessEnv {
  return cleanEnv({ DATABASE_URL: t.url, GGK_DATA_DIR: dir, GGK_LOG_LEVEL: 'silent', ...keys });
}

function ggk(keys: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, [GGK_BIN, ...args], { env: env(keys), encoding: 'utf8' });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

/** The anchor key as the worker loads it, with these master keys configured. */
async function workerAnchorKey(keys: Record<string, string>): Promise<Buffer> {
  const config = loadConfig(env(keys));
  return loadAnchorKey(t.db, await openKeyring(config), config);
}

test('a statement signed before ggk keys rotate verifies after the old master key is destroyed', async () => {
  const db = t.db;
  const user = await db
    .insertInto('users')
    .values({ name: 'Ivo', email: 'ivo@operator.example' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('user_roles').values({ user_id: user.id, role: 'operator' }).execute();
  for (let i = 0; i < 3; i++)
    await recordAudit(db, {
      actor: { kind: 'user', userId: randomUUID() },
      organisationId: randomUUID(),
      action: 'token.created',
      details: { days: 30 + i },
    });

  // Before the rotation: the worker signs the day's statement with the old master key configured.
  const key = await workerAnchorKey({ GGK_MASTER_KEY: oldKey });
  assert.equal((await sendAuditAnchor(db, { now: new Date('2026-12-05T01:30:00Z'), key })).sent, true);
  const mail = await db
    .selectFrom('outbox')
    .select('body_text')
    .where('kind', '=', 'audit_anchor')
    .executeTakeFirstOrThrow();
  const statement = /ggk-audit-anker v1\n[\s\S]*?handtekening: \S+/.exec(mail.body_text)?.[0];
  assert.ok(statement);
  const anchorFile = path.join(dir, 'anker.txt');
  await writeFile(anchorFile, statement);
  const before = ggk({ GGK_MASTER_KEY: oldKey }, 'audit', 'verify', '--expect-file', anchorFile);
  assert.equal(before.status, 0, before.out);

  // The rotation (docs/operations.md): new key current, old key previous; then the old key goes.
  const rotated = ggk({ GGK_MASTER_KEY: newKey, GGK_PREVIOUS_MASTER_KEYS: oldKey }, 'keys', 'rotate');
  assert.equal(rotated.status, 0, rotated.out);
  assert.match(rotated.out, /1 bestandssleutels opnieuw versleuteld/, 'the anchor key was re-wrapped');

  const afterRotation = ggk({ GGK_MASTER_KEY: newKey }, 'audit', 'verify', '--expect-file', anchorFile);
  assert.equal(afterRotation.status, 0, afterRotation.out);
  assert.match(afterRotation.out, /Het bewaarde anker staat ongewijzigd in de audittrail/);

  // The worker, with only the new master key, signs with the same anchor key as before.
  assert.deepEqual(await workerAnchorKey({ GGK_MASTER_KEY: newKey }), key);

  // A signature this ggk did not make is still refused, with the new key as with the old one.
  const forgedFile = path.join(dir, 'vals.txt');
  await writeFile(
    forgedFile,
    statement.replace(/handtekening: hmac-sha256:\S+/, `handtekening: hmac-sha256:${'A'.repeat(43)}`),
  );
  const forged = ggk({ GGK_MASTER_KEY: newKey }, 'audit', 'verify', '--expect-file', forgedFile);
  assert.equal(forged.status, 1, forged.out);
  assert.match(forged.out, /niet door deze ggk gemaakt/);
});
