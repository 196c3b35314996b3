// Attack (issue 15, finding 6): an API token outlived the person who made it. A gebruikersbeheerder
// makes a token, is then demoted and disabled; the token must narrow and then stop at once, and the
// token page says whose tokens they are.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { createApiToken } from '../../src/modules/auth/index.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';

const now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;
before(async () => {
  t = await startTestApp({ now: () => now });
});
after(async () => {
  await t.close();
});

test("a disabled maker's token is refused, a demoted maker's token narrowed, in the same transaction", async () => {
  const db = t.database.db;
  const bram = await db
    .selectFrom('users')
    .select(['id'])
    .where('email', '=', 'bram.jansen@amsterdam.example')
    .executeTakeFirstOrThrow();
  const amsterdam = await db
    .selectFrom('organisations')
    .select('id')
    .where('gemeentecode', '=', '0363')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('user_roles')
    .values({ user_id: bram.id, organisation_id: amsterdam.id, role: 'gebruikersbeheerder' })
    .execute();
  const { token, row } = await createApiToken(db, {
    organisationId: amsterdam.id,
    name: 'Pakket van Bram',
    roles: ['aanleveraar', 'rapportontvanger'],
    days: 30,
    createdBy: bram.id,
    now,
  });
  const api = () => fetch(`${t.url}/api/v1/organisatie`, { headers: { authorization: `Bearer ${token}` } });
  assert.deepEqual((await (await api()).json()).rollen, ['aanleveraar', 'rapportontvanger']);

  const anne = new WebClient(t.url);
  await anne.loginAs(demoSubjectOf('anne.devries@amsterdam.example'));
  const page = await (await anne.get('/organisatie/api-tokens')).text();
  assert.match(page, /Pakket van Bram[\s\S]*?Bram Jansen/, 'the token page names the maker');

  // Bram loses gebruikersbeheerder: he may now hand out only what he holds himself (aanleveraar).
  const demoted = await anne.post(
    '/organisatie/gebruikers/rol-intrekken',
    { gebruiker: bram.id, rol: 'gebruikersbeheerder' },
    '/organisatie/gebruikers',
  );
  assert.equal(demoted.status, 303);
  const narrowed = await api();
  assert.equal(narrowed.status, 200);
  assert.deepEqual((await narrowed.json()).rollen, ['aanleveraar']);

  const disabled = await anne.post(
    '/organisatie/gebruikers/uitschakelen',
    { gebruiker: bram.id },
    '/organisatie/gebruikers',
  );
  assert.equal(disabled.status, 303);
  assert.equal((await api()).status, 401, "the disabled maker's token is refused");
  const upload = await fetch(`${t.url}/api/v1/deliveries`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(upload.status, 401);
  const audit = await db
    .selectFrom('audit_entries')
    .select('details')
    .where('action', '=', 'user.disabled')
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
  assert.equal((audit.details as { tokens_revoked?: number }).tokens_revoked, 1);
  // The database revoked it; it is dated on the app's clock like the audit entry (the fake day), not
  // on the database's now().
  const revoked = await db
    .selectFrom('api_tokens')
    .select('revoked_at')
    .where('id', '=', row.id)
    .executeTakeFirstOrThrow();
  assert.equal(revoked.revoked_at?.toISOString(), now.toISOString());
  const list = await (await anne.get('/organisatie/api-tokens')).text();
  assert.match(list, /Pakket van Bram[\s\S]*?Ingetrokken/);
});
