// Attack (issue 15, finding 5): a database superuser rewrites the audit trail. Two ways in: `set local
// session_replication_role = replica` (switches off ordinary triggers), and re-hashing the chain after
// a change, so that `ggk audit verify` sees a whole chain. The first is closed (triggers enabled
// ALWAYS); the second is caught by the daily signed anchor kept outside the database and
// `ggk audit verify --expect-file` / `--expect`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  deriveAnchorKey,
  recordAudit,
  sendAuditAnchor,
  verifyAuditChain,
} from '../../src/modules/audit/index.ts';
import { hashEntry } from '../../src/modules/audit/audit-hash.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { GGK_BIN, cleanEnv } from '../support/ggk-process.ts';

const masterKey = randomBytes(32);
let t: TestDatabase;
let dir: string;
before(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'ggk-anchor-'));
});
after(async () => {
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});

function verify(...args: string[]) {
  const result = spawnSync(process.execPath, [GGK_BIN, 'audit', 'verify', ...args], {
    env: cleanEnv({
      DATABASE_URL: t.url,
      GGK_DATA_DIR: dir,
      GGK_MASTER_KEY: masterKey.toString('hex'),
      GGK_LOG_LEVEL: 'silent',
    }),
    encoding: 'utf8',
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

async function asSuperuser(statements: (client: pg.Client) => Promise<void>) {
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  try {
    await statements(client);
  } finally {
    await client.end();
  }
}

test('session_replication_role = replica no longer lets a superuser delete or change entries', async () => {
  await recordAudit(t.db, { actor: { kind: 'system' }, organisationId: null, action: 'round.created' });
  for (const statement of [
    'delete from audit_entries where seq = 1',
    `update audit_entries set action = 'auth.logout'`,
  ]) {
    await asSuperuser(async (client) => {
      await client.query('begin');
      await client.query('set local session_replication_role = replica');
      await assert.rejects(client.query(statement), /append-only/, statement);
      await client.query('rollback');
    });
  }
});

test('a rewritten, re-hashed chain passes plain verify but is caught with the anchor mailed outside the database', async () => {
  const db = t.db;
  for (const [email, role] of [
    ['ivo@operator.example', 'operator'],
    ['julia@cbs.example', 'cbs'],
  ] as const) {
    const user = await db
      .insertInto('users')
      .values({ name: email, email })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('user_roles').values({ user_id: user.id, role }).execute();
  }
  for (let i = 0; i < 4; i++)
    await recordAudit(db, {
      actor: { kind: 'user', userId: randomUUID() },
      organisationId: randomUUID(),
      action: 'token.created',
      details: { days: 30 + i },
    });
  const now = new Date('2026-12-06T01:30:00Z');
  const key = deriveAnchorKey(masterKey);
  const sent = await sendAuditAnchor(db, { now, key });
  assert.deepEqual(sent, { sent: true, recipients: 2, seq: 5 });
  assert.equal((await sendAuditAnchor(db, { now, key })).sent, false, 'once a day');
  const mails = await db.selectFrom('outbox').selectAll().where('kind', '=', 'audit_anchor').execute();
  assert.deepEqual(mails.map((m) => m.recipient).sort(), ['ivo@operator.example', 'julia@cbs.example']);
  const body = mails[0]!.body_text;
  assert.doesNotMatch(body, /https?:\/\//, 'link-free');
  const statement = /ggk-audit-anker v1\n[\s\S]*?handtekening: \S+/.exec(body)?.[0];
  assert.ok(statement);
  assert.match(statement!, /volgnummer: 5\nhash: [0-9a-f]{64}\n/);
  const anchorFile = path.join(dir, 'anker.txt');
  await writeFile(anchorFile, body);

  const intact = verify('--expect-file', anchorFile);
  assert.equal(intact.status, 0, intact.out);
  assert.match(intact.out, /bewaarde ankers? staa?n ongewijzigd/);

  // The superuser's rewrite: entries 3 and later removed and written again with other content and
  // freshly computed hashes, so the chain itself is whole again.
  const rows = await db.selectFrom('audit_entries').selectAll().orderBy('seq').execute();
  await asSuperuser(async (client) => {
    await client.query('alter table audit_entries disable trigger audit_entries_no_update_or_delete');
    await client.query('delete from audit_entries where seq >= 3');
    let previousHash = rows[1]!.hash;
    for (const row of rows.slice(2)) {
      const content = {
        seq: row.seq,
        id: row.id,
        recordedAt: row.recorded_at,
        actorKind: row.actor_kind,
        actorUserId: row.actor_user_id,
        actorTokenId: row.actor_token_id,
        organisationId: row.organisation_id,
        action: row.action,
        subjectIds: row.subject_ids,
        details: row.seq === 3 ? { days: 366 } : row.details,
        previousHash,
      };
      const hash = hashEntry(content);
      await client.query(
        `insert into audit_entries (seq, id, recorded_at, actor_kind, actor_user_id, actor_token_id,
           organisation_id, action, subject_ids, details, previous_hash, hash)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          row.seq,
          row.id,
          row.recorded_at,
          row.actor_kind,
          row.actor_user_id,
          row.actor_token_id,
          row.organisation_id,
          row.action,
          row.subject_ids,
          JSON.stringify(content.details),
          previousHash,
          hash,
        ],
      );
      previousHash = hash;
    }
    await client.query('alter table audit_entries enable trigger audit_entries_no_update_or_delete');
  });
  assert.equal((await verifyAuditChain(db)).ok, true, 'the rewritten chain is whole');
  assert.equal(verify().status, 0, 'plain verify cannot see a re-hashed chain');

  const caught = verify('--expect-file', anchorFile);
  assert.equal(caught.status, 1, caught.out);
  assert.match(
    caught.out,
    /regel 5 heeft nu hash [0-9a-f]{64}, het anker zegt [0-9a-f]{64}: de audittrail is herschreven/,
  );
  const anchoredHash = /hash: ([0-9a-f]{64})/.exec(statement!)![1]!;
  assert.equal(verify('--expect', `5:${anchoredHash}`).status, 1);
  assert.equal(verify('--expect', anchoredHash).status, 1);

  // A statement made up by whoever has only the database (the new hash, an old signature) is refused.
  const newHash = (
    await db.selectFrom('audit_entries').select('hash').where('seq', '=', 5).executeTakeFirstOrThrow()
  ).hash;
  const forged = path.join(dir, 'vervalst.txt');
  await writeFile(forged, statement!.replace(anchoredHash, newHash));
  const refused = verify('--expect-file', forged);
  assert.equal(refused.status, 1, refused.out);
  assert.match(refused.out, /handtekening van het anker voor regel 5 klopt niet/);
});
