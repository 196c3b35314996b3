// Logging in through the real development identity provider (OpenID Connect, PKCE, nonce), the
// reasons a login is refused, sessions and their end.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';
import { DEMO, organisationByCode, userByEmail } from '../support/factories.ts';

let now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;
before(async () => {
  t = await startTestApp({ now: () => now });
});
after(async () => {
  await t.close();
});

const anne = demoSubjectOf(DEMO.anne);
const hanna = demoSubjectOf(DEMO.hanna);

async function attempts(reason: string) {
  return t.database.db
    .selectFrom('login_attempts')
    .selectAll()
    .where('reason', reason === 'success' ? 'is' : '=', reason === 'success' ? null : reason)
    .execute();
}

test('a demo user logs in with EH3 and lands on their account with a fresh session', async () => {
  const c = new WebClient(t.url);
  const callback = await c.loginAs(anne);
  assert.equal(callback.status, 303);
  assert.equal(callback.headers.get('location'), '/account');
  const cookie = callback.headers.getSetCookie().find((h) => h.startsWith('ggk_session='));
  assert.ok(cookie);
  assert.match(cookie!, /HttpOnly/i);
  assert.match(cookie!, /SameSite=Lax/i);
  assert.match(cookie!, /Secure/);
  const account = await c.get('/account');
  assert.equal(account.status, 200);
  const html = await account.text();
  assert.match(html, /Ingelogd als <strong>Anne de Vries<\/strong>/);
  assert.match(html, /Gebruikersbeheerder bij Amsterdam/);

  // A second login gives a new session id.
  const first = c.cookies.get('ggk_session');
  await c.loginAs(anne);
  assert.notEqual(c.cookies.get('ggk_session'), first);
});

test('a user acting for two organisations picks one in the header', async () => {
  const c = new WebClient(t.url);
  await c.loginAs(hanna);
  let html = await (await c.get('/account')).text();
  assert.match(html, /namens <strong data-testid="acting-organisation">Sittard-Geleen<\/strong>/);
  const orgs = [...html.matchAll(/<option value="([^"]+)"[^>]*>([^<]+)<\/option>/g)].map((m) => [m[1], m[2]]);
  const wm = orgs.find(([, name]) => name === 'Westelijke Mijnstreek Jeugddomein');
  assert.ok(wm, 'the collaboration is offered');
  const switched = await c.post(
    '/organisatie-kiezen',
    { organisatie: wm![0]!, terug: '/account' },
    '/account',
  );
  assert.equal(switched.status, 303);
  html = await (await c.get('/account')).text();
  assert.match(
    html,
    /namens <strong data-testid="acting-organisation">Westelijke Mijnstreek Jeugddomein<\/strong>/,
  );
  // An organisation the user has no role in cannot be picked.
  const amsterdam = await organisationByCode(t.database.db, '0363');
  assert.equal((await c.post('/organisatie-kiezen', { organisatie: amsterdam.id }, '/account')).status, 403);
});

test('refuses too low a level of assurance with a clear Dutch message, and records why', async () => {
  const c = new WebClient(t.url);
  const res = await c.loginAs(`${demoSubjectOf(DEMO.bram)}-eh2`);
  assert.equal(res.status, 403);
  assert.match(await res.text(), /niveau EH3/);
  assert.equal(c.cookies.has('ggk_session'), false);
  assert.ok((await attempts('level_too_low')).length >= 1);
});

test('refuses an unknown person and tells them to use their invitation', async () => {
  const c = new WebClient(t.url);
  const res = await c.loginAs('demo-nieuw-amsterdam');
  assert.equal(res.status, 403);
  assert.match(await res.text(), /nog niet bekend in ggk/);
  const rows = await attempts('unknown_person');
  assert.equal(rows.at(-1)?.legal_subject_id, '90363000');
});

test('refuses a disabled user', async () => {
  const user = await t.database.db
    .updateTable('users')
    .set({ is_disabled: true })
    .where('email', '=', DEMO.carla)
    .returning('id')
    .executeTakeFirstOrThrow();
  try {
    const res = await new WebClient(t.url).loginAs(demoSubjectOf(DEMO.carla));
    assert.equal(res.status, 403);
    assert.match(await res.text(), /uitgeschakeld/);
  } finally {
    await t.database.db.updateTable('users').set({ is_disabled: false }).where('id', '=', user.id).execute();
  }
});

test('refuses a user without a role for the organisation they log in for', async () => {
  const daan = await userByEmail(t.database.db, DEMO.daan);
  const roles = await t.database.db
    .deleteFrom('user_roles')
    .where('user_id', '=', daan.id)
    .returningAll()
    .execute();
  try {
    const res = await new WebClient(t.url).loginAs(demoSubjectOf(DEMO.daan));
    assert.equal(res.status, 403);
    assert.match(await res.text(), /geen rol/);
  } finally {
    await t.database.db
      .insertInto('user_roles')
      .values(roles.map(({ user_id, organisation_id, role }) => ({ user_id, organisation_id, role })))
      .execute();
  }
});

test('refuses a callback whose state does not match, or that comes without the login cookie', async () => {
  const c = new WebClient(t.url);
  const begin = await c.get('/inloggen/start');
  const { loginThroughDevIdp } = await import('../../src/platform/oidc/dev-login-driver.ts');
  const callback = await loginThroughDevIdp(begin.headers.get('location')!, anne);
  const tampered = new URL(callback);
  tampered.searchParams.set('state', 'vervalst');
  const res = await c.get(tampered.toString());
  assert.equal(res.status, 403);
  assert.match(await res.text(), /kon niet worden gecontroleerd/);
  // The flow is used up: replaying the real callback does not log in either.
  const replay = await c.get(callback.toString());
  assert.equal(replay.status, 403);
  assert.equal(c.cookies.has('ggk_session'), false);
});

test('a session ends after 30 idle minutes, and logout ends every session of the user', async () => {
  const a = new WebClient(t.url);
  const b = new WebClient(t.url);
  await a.loginAs(anne);
  await b.loginAs(anne);
  now = new Date(now.getTime() + 29 * 60_000);
  assert.equal((await a.get('/account')).status, 200);
  now = new Date(now.getTime() + 16 * 60_000);
  const idle = await b.get('/account');
  assert.equal(idle.status, 303, 'b was idle for 45 minutes');
  assert.match(idle.headers.get('location') ?? '', /^\/inloggen/);
  assert.equal((await a.get('/account')).status, 200, 'a was active 16 minutes ago');

  const c = new WebClient(t.url);
  await c.loginAs(anne);
  const logout = await a.post('/uitloggen', {}, '/account');
  assert.equal(logout.status, 303);
  assert.equal((await a.get('/account')).status, 303);
  assert.equal((await c.get('/account')).status, 303, 'the other session ended too');
});

test('a session ends after 12 hours even when active', async () => {
  const c = new WebClient(t.url);
  await c.loginAs(anne);
  for (let i = 0; i < 25; i++) {
    now = new Date(now.getTime() + 29 * 60_000);
    const res = await c.get('/account');
    if (i < 24) assert.equal(res.status, 200, `still in after ${(i + 1) * 29} minutes`);
    else assert.equal(res.status, 303, 'out after 12 hours');
  }
});

test("a form posted without the CSRF token, or with another session's, is refused and changes nothing", async () => {
  const c = new WebClient(t.url);
  await c.loginAs(anne);
  const other = new WebClient(t.url);
  await other.loginAs(anne);
  const before = await t.database.db.selectFrom('users').select('id').execute();
  for (const csrf of [undefined, await other.csrf('/account')]) {
    const res = await c.request('POST', '/organisatie/gebruikers/uitnodigen', {
      form: {
        ...(csrf ? { _csrf: csrf } : {}),
        naam: 'Kees',
        email: 'kees.dewit@amsterdam.example',
        rollen: 'aanleveraar',
      },
    });
    assert.equal(res.status, 403);
    assert.match(await res.text(), /formulier is verlopen/);
  }
  assert.equal((await t.database.db.selectFrom('users').select('id').execute()).length, before.length);
});

test('the operator sees every login attempt with its reason', async () => {
  const c = new WebClient(t.url);
  await c.loginAs(demoSubjectOf(DEMO.ivo));
  const html = await (await c.get('/beheer/inlogpogingen?gemeentecode=0363')).text();
  assert.match(html, /Mislukt: Uw eHerkenningsmiddel heeft een te laag betrouwbaarheidsniveau/);
  assert.match(html, /Mislukt: U bent nog niet bekend in ggk/);
  assert.match(html, /Gelukt/);
});

test('refuses a user whose organisation does not take part in the current round', async () => {
  const heerlen = await organisationByCode(t.database.db, '0917');
  const removed = await t.database.db
    .deleteFrom('round_participants')
    .where('organisation_id', '=', heerlen.id)
    .returningAll()
    .execute();
  try {
    const res = await new WebClient(t.url).loginAs(demoSubjectOf(DEMO.gijs));
    assert.equal(res.status, 403);
    assert.match(await res.text(), /neemt niet deel aan de huidige aanleverronde/);
  } finally {
    await t.database.db.insertInto('round_participants').values(removed).execute();
  }
});
