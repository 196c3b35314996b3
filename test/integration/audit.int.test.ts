// The audit trail against a real PostgreSQL: appends form one linear hash chain even when they race,
// PostgreSQL itself refuses to change or remove entries (a trigger for every user, privileges for a
// non-owner web role), and `ggk audit verify` names the first entry changed behind ggk's back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { recordAudit, verifyAuditChain, GENESIS_HASH } from '../../src/modules/audit/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { GGK_BIN, cleanEnv } from '../support/ggk-process.ts';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';
import { DEMO } from '../support/factories.ts';

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(async () => {
  await t.drop();
});

const userId = randomUUID();
const organisationId = randomUUID();

test('entries form one chain, also when twenty transactions append at once', async () => {
  const first = await recordAudit(t.db, {
    actor: { kind: 'user', userId },
    organisationId,
    action: 'auth.login',
    subjectIds: [userId],
  });
  const row = await t.db
    .selectFrom('audit_entries')
    .selectAll()
    .where('id', '=', first.id)
    .executeTakeFirstOrThrow();
  assert.equal(row.seq, 1);
  assert.equal(row.previous_hash, GENESIS_HASH);
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      t.db.transaction().execute(async (trx) => {
        await sql`select pg_sleep(0.005)`.execute(trx);
        await recordAudit(trx, {
          actor: { kind: 'system' },
          organisationId: null,
          action: 'delivery.checked',
          subjectIds: [randomUUID()],
          details: { n: i, sha256: 'a'.repeat(64) },
        });
      }),
    ),
  );
  const rows = await t.db
    .selectFrom('audit_entries')
    .select(['seq', 'hash', 'previous_hash'])
    .orderBy('seq')
    .execute();
  assert.deepEqual(
    rows.map((r) => r.seq),
    Array.from({ length: 21 }, (_, i) => i + 1),
  );
  for (let i = 1; i < rows.length; i++) assert.equal(rows[i]!.previous_hash, rows[i - 1]!.hash);
  const verification = await verifyAuditChain(t.db, { batchSize: 7 });
  assert.deepEqual(verification, { ok: true, entries: 21, lastHash: rows.at(-1)!.hash });
});

test('an entry rolls back with the change it records', async () => {
  const before = await t.db
    .selectFrom('audit_entries')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  await assert.rejects(
    t.db.transaction().execute(async (trx) => {
      await recordAudit(trx, { actor: { kind: 'system' }, organisationId: null, action: 'round.changed' });
      throw new Error('change failed');
    }),
    /change failed/,
  );
  const after = await t.db
    .selectFrom('audit_entries')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(after.n, before.n);
});

test('a change given alongside commits with its entry in one statement, or neither does', async () => {
  const count = async () =>
    (
      await t.db
        .selectFrom('audit_entries')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  const key = `audit-alongside-${randomUUID()}`;
  const change = (k: string) =>
    t.db.insertInto('pending_uploads').values({ stored_file_id: k, host: 'audit-test', pid: 1 });
  const entry = { actor: { kind: 'system' }, organisationId: null, action: 'round.changed' } as const;
  const before = await count();
  // Outside a transaction, and ten at once: each is its own statement under the trail's lock.
  const appended = await Promise.all(
    Array.from({ length: 10 }, (_, i) => recordAudit(t.db, entry, { alongside: change(`${key}-${i}`) })),
  );
  assert.equal(await count(), before + 10);
  const changed = await t.db
    .selectFrom('pending_uploads')
    .select('stored_file_id')
    .where('stored_file_id', 'like', `${key}-%`)
    .execute();
  assert.equal(changed.length, 10, 'every change committed with its entry');
  // Their places in the chain are given at commit (migration 0032-b): read them back.
  const seqs = (
    await t.db
      .selectFrom('audit_entries')
      .select('seq')
      .where(
        'id',
        'in',
        appended.map((a) => a.id),
      )
      .execute()
  ).map((r) => Number(r.seq));
  assert.equal(seqs.length, 10);
  // Consecutive: no other entry came between them, and none of them is missing from the chain.
  const lowest = Math.min(...seqs);
  assert.deepEqual(
    seqs.sort((a, b) => a - b),
    Array.from({ length: 10 }, (_, i) => lowest + i),
  );
  // A change that fails (the key exists) takes its entry with it.
  await assert.rejects(recordAudit(t.db, entry, { alongside: change(`${key}-0`) }), /duplicate key/);
  assert.equal(await count(), before + 10);
  assert.equal((await verifyAuditChain(t.db)).ok, true);
});

test('details that could hold personal data are refused, a BSN in their text masked by value', async () => {
  await assert.rejects(
    recordAudit(t.db, {
      actor: { kind: 'system' },
      organisationId: null,
      action: 'round.changed',
      details: { bsn: 'x' },
    }),
    /personal data/,
  );
  const masked = await recordAudit(t.db, {
    actor: { kind: 'system' },
    organisationId: null,
    action: 'round.changed',
    details: { note: 'persoon 123456782', refs: ['kenmerk 123456782', 'nummer 123456789'] },
  });
  const row = await t.db
    .selectFrom('audit_entries')
    .select('details')
    .where('id', '=', masked.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(row.details, {
    note: 'persoon 12345****',
    refs: ['kenmerk 12345****', 'nummer 123456789'],
  });
  assert.equal((await verifyAuditChain(t.db)).ok, true, 'the hash covers the masked details');
});

test('PostgreSQL refuses UPDATE, DELETE and TRUNCATE, even for the superuser the tests connect as', async () => {
  for (const statement of [
    `update audit_entries set action = 'auth.logout' where seq = 1`,
    'delete from audit_entries where seq = 1',
    'truncate audit_entries',
  ]) {
    await assert.rejects(t.pool.query(statement), /audit_entries is append-only/, statement);
  }
});

test('a non-owner web role (the production setup) gets permission denied on UPDATE and DELETE', async () => {
  const role = `ggk_web_test_${randomBytes(4).toString('hex')}`;
  await t.pool.query(`create role ${role} nologin`);
  try {
    await t.pool.query(`grant select, insert on audit_entries to ${role}`);
    const client = await t.pool.connect();
    try {
      await client.query('begin');
      await client.query(`set local role ${role}`);
      await assert.rejects(
        client.query(`update audit_entries set action = 'auth.logout'`),
        /permission denied/,
      );
      await client.query('rollback');
      await client.query('begin');
      await client.query(`set local role ${role}`);
      await assert.rejects(client.query('delete from audit_entries'), /permission denied/);
      await client.query('rollback');
    } finally {
      client.release();
    }
  } finally {
    await t.pool.query(`revoke all on audit_entries from ${role}`);
    await t.pool.query(`drop role ${role}`);
  }
});

function ggkAuditVerify() {
  return spawnSync(process.execPath, [GGK_BIN, 'audit', 'verify'], {
    env: cleanEnv({ DATABASE_URL: t.url, GGK_DATA_DIR: '/tmp/ggk-audit-test', GGK_LOG_LEVEL: 'silent' }),
    encoding: 'utf8',
  });
}

test('`ggk audit verify` names the first entry an administrator changed directly in the database', async () => {
  // As an administrator would: switch the trigger off, change a row, switch it on again.
  const admin = new pg.Client({ connectionString: t.url });
  await admin.connect();
  try {
    await admin.query('alter table audit_entries disable trigger audit_entries_no_update_or_delete');
    await admin.query(`update audit_entries set details = '{"n": 99}' where seq = 5`);
    await admin.query('alter table audit_entries enable trigger audit_entries_no_update_or_delete');
  } finally {
    await admin.end();
  }
  const verification = await verifyAuditChain(t.db);
  assert.equal(verification.ok, false);
  assert.equal(!verification.ok && verification.broken.seq, 5);
  const result = ggkAuditVerify();
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /NIET in orde: de keten is gebroken bij regel 5\./);
  assert.match(result.stdout, /de hash klopt niet met de inhoud/);
  assert.match(result.stdout, /De 4 regels daarvoor zijn in orde/);
});

test('a removed entry is named too', async () => {
  const admin = new pg.Client({ connectionString: t.url });
  await admin.connect();
  try {
    await admin.query('alter table audit_entries disable trigger audit_entries_no_update_or_delete');
    await admin.query('delete from audit_entries where seq = 3');
    await admin.query('alter table audit_entries enable trigger audit_entries_no_update_or_delete');
  } finally {
    await admin.end();
  }
  const verification = await verifyAuditChain(t.db);
  assert.equal(!verification.ok && verification.broken.seq, 4);
  assert.match(!verification.ok ? verification.broken.problem : '', /volgnummer 3 ontbreekt/);
});

test("the audit pages and the CSV name the actions in the visitor's language (Dutch by default)", async () => {
  const app = await startTestApp();
  try {
    const ivo = new WebClient(app.url);
    await ivo.loginAs(demoSubjectOf(DEMO.ivo));
    const anne = new WebClient(app.url);
    await anne.loginAs(demoSubjectOf(DEMO.anne));
    const dutch = await (await ivo.get('/beheer/audit')).text();
    assert.match(dutch, /Ingelogd <code class="utrecht-code ggk-code-secondary">auth\.login<\/code>/);
    assert.match(dutch, /<option value="withdrawal\.registered"[^>]*>Intrekking geregistreerd<\/option>/);
    const dutchCsv = (await ivo.get('/beheer/audit.csv')).arrayBuffer();
    const dutchText = Buffer.from(await dutchCsv)
      .subarray(3)
      .toString('utf8');
    assert.ok(
      dutchText.startsWith(
        'volgnummer;tijdstip;handeling;omschrijving;soort_actor;gebruiker_id;gebruiker;api_token_id;organisatie_id;organisatie;onderwerpen;details;vorige_hash;hash\r\n',
      ),
    );
    assert.match(dutchText, /;auth\.login;Ingelogd;gebruiker;/);

    for (const client of [ivo, anne]) client.cookies.set('ggk_taal', 'en');
    const english = await (await ivo.get('/beheer/audit')).text();
    assert.match(english, /Logged in <code class="utrecht-code ggk-code-secondary">auth\.login<\/code>/);
    assert.match(english, /<option value="withdrawal\.registered"[^>]*>Withdrawal registered<\/option>/);
    // The previous export is on the trail too, by its English name.
    assert.match(
      english,
      /Audit trail exported <code class="utrecht-code ggk-code-secondary">audit\.exported<\/code>/,
    );
    assert.doesNotMatch(english, /Ingelogd|Intrekking geregistreerd|Audittrail geëxporteerd/);
    const csv = Buffer.from(await (await ivo.get('/beheer/audit.csv')).arrayBuffer())
      .subarray(3)
      .toString('utf8');
    const lines = csv.trim().split('\r\n');
    assert.equal(
      lines[0],
      'seq;time;action;description;actor_kind;user_id;user;api_token_id;organisation_id;organisation;subjects;details;previous_hash;hash',
    );
    assert.ok(lines.some((l) => /;auth\.login;Logged in;user;/.test(l)));
    assert.ok(lines.some((l) => /;audit\.exported;Audit trail exported;user;/.test(l)));
    assert.doesNotMatch(csv, /Ingelogd|;gebruiker;/);
    // The gebruikersbeheerder's own view of their organisation.
    const own = await (await anne.get('/organisatie/audit')).text();
    assert.match(own, /Logged in <code class="utrecht-code ggk-code-secondary">auth\.login<\/code>/);
    assert.match(own, /<option value="user\.invited"[^>]*>User invited<\/option>/);
  } finally {
    await app.close();
  }
});
