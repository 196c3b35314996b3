// What a gebruikersbeheerder does, through the portal as a browser without JavaScript would:
// invite someone (the invitation mail is caught by the real SMTP catcher), the invitee binds their
// identity through the link, roles are granted and revoked, the last administrator stays, tokens work
// on the API until revoked or expired; and the registration of a first gebruikersbeheerder.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { fetchDevIdpPicker } from '../../src/platform/oidc/dev-login-driver.ts';
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

async function userId(email: string) {
  return (await userByEmail(t.database.db, email)).id;
}

test('an invited person binds their eHerkenning identity through the link in the mail, once', async () => {
  const admin = new WebClient(t.url);
  await admin.loginAs(anne);
  const invited = await admin.post(
    '/organisatie/gebruikers/uitnodigen',
    {
      naam: 'Kees de Wit',
      email: 'kees.dewit@amsterdam.example',
      rollen: ['aanleveraar', 'rapportontvanger'],
      persoonlijk: 'ja',
    },
    '/organisatie/gebruikers',
  );
  assert.equal(invited.status, 303);
  const mail = await t.mail.waitFor((m) => m.to.includes('kees.dewit@amsterdam.example'), 10_000);
  assert.match(mail.subject, /Uitnodiging voor ggk namens Amsterdam/);
  const link = /(http:\/\/\S+\/uitnodiging\/\S+)/.exec(mail.text)?.[1];
  assert.ok(link, 'the mail holds the invitation link');
  assert.doesNotMatch(mail.text, /\b\d{9}\b/);

  const kees = new WebClient(t.url);
  const landing = await kees.get(link!);
  assert.equal(landing.status, 200);
  assert.match(await landing.text(), /namens <strong>Amsterdam<\/strong>/);
  const token = link!.split('/').pop()!;
  const begin = await kees.request('POST', '/uitnodiging', {
    form: { _csrf: kees.cookies.get('ggk_csrf')!, token },
  });
  const callback = await kees.finishLogin(begin, 'demo-nieuw-amsterdam');
  assert.equal(callback.status, 303);
  const account = await (await kees.get('/account')).text();
  assert.match(account, /Ingelogd als <strong>Kees de Wit<\/strong>/);
  assert.match(account, /Aanleveraar bij Amsterdam/);
  assert.match(account, /kees\.dewit@amsterdam\.example \(bevestigd\)/);

  // The link works once.
  const again = await new WebClient(t.url).get(link!);
  assert.equal(again.status, 410);
  // From now on the identity logs in directly.
  const direct = new WebClient(t.url);
  assert.equal((await direct.loginAs('demo-nieuw-amsterdam')).status, 303);
});

test('refuses a functional mailbox with an explanation and invites nobody', async () => {
  const admin = new WebClient(t.url);
  await admin.loginAs(anne);
  const before = (await t.database.db.selectFrom('users').select('id').execute()).length;
  const res = await admin.post(
    '/organisatie/gebruikers/uitnodigen',
    { naam: 'Team', email: 'info@amsterdam.example', rollen: 'aanleveraar' },
    '/organisatie/gebruikers',
  );
  assert.equal(res.status, 400);
  const html = await res.text();
  assert.match(html, /Er is iets niet goed ingevuld/);
  assert.match(html, /persoonlijk e-mailadres/);
  assert.match(html, /href="#email"/);
  assert.equal((await t.database.db.selectFrom('users').select('id').execute()).length, before);
});

test('the invite form ticks no role in advance: the inviter chooses (issue 20)', async () => {
  const admin = new WebClient(t.url);
  await admin.loginAs(anne);
  const html = await (await admin.get('/organisatie/gebruikers')).text();
  const roles = /<fieldset[^>]*>(?:(?!<\/fieldset>)[\s\S])*?name="rollen"[\s\S]*?<\/fieldset>/.exec(
    html,
  )?.[0];
  assert.ok(roles, 'the invite form has its roles');
  assert.match(roles, /value="aanleveraar"/);
  assert.doesNotMatch(roles, /checked/);
});

test('an invitation needs at least one role: without one nobody is invited and no mail goes out (issue 20)', async () => {
  const admin = new WebClient(t.url);
  await admin.loginAs(anne);
  const count = async (table: 'users' | 'invitations' | 'outbox') =>
    (await t.database.db.selectFrom(table).select('id').execute()).length;
  const before = {
    users: await count('users'),
    invitations: await count('invitations'),
    outbox: await count('outbox'),
  };
  const form = { naam: 'Zonder Rol', email: 'zonder.rol@amsterdam.example', persoonlijk: 'ja' };
  const res = await admin.post('/organisatie/gebruikers/uitnodigen', form, '/organisatie/gebruikers');
  assert.equal(res.status, 400);
  const html = await res.text();
  const summary = /data-testid="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
  assert.match(
    summary,
    /Kies ten minste één rol: zonder rol kan de persoon niet inloggen\. Er is niemand uitgenodigd\./,
  );
  assert.match(summary, /href="#rollen"/);
  // What was typed stays.
  assert.match(html, /value="zonder\.rol@amsterdam\.example"/);
  assert.deepEqual(
    { users: await count('users'), invitations: await count('invitations'), outbox: await count('outbox') },
    before,
  );
  // In English the same refusal in English.
  admin.cookies.set('ggk_taal', 'en');
  const english = await admin.post('/organisatie/gebruikers/uitnodigen', form, '/organisatie/gebruikers');
  assert.equal(english.status, 400);
  assert.match(await english.text(), /Choose at least one role: without a role the person cannot log in\./);
});

test('the inviter must confirm the address is personal: without the checkbox nobody is invited and no mail goes out (issue 18)', async () => {
  const admin = new WebClient(t.url);
  await admin.loginAs(anne);
  const before = (await t.database.db.selectFrom('users').select('id').execute()).length;
  // Passes the blocklist, yet may well be a shared mailbox: only the inviter can tell.
  const form = { naam: 'Wijkteam Oost', email: 'wijk.oost@amsterdam.example', rollen: 'aanleveraar' };
  const res = await admin.post('/organisatie/gebruikers/uitnodigen', form, '/organisatie/gebruikers');
  assert.equal(res.status, 400);
  const html = await res.text();
  assert.match(
    html,
    /Bevestig dat het e-mailadres van deze persoon zelf is en niet gedeeld wordt \(geen functionele of teammailbox\)\. Er is niemand uitgenodigd\./,
  );
  assert.match(html, /href="#persoonlijk"/);
  // What was typed stays; the checkbox is not ticked for them.
  assert.match(html, /value="wijk\.oost@amsterdam\.example"/);
  assert.doesNotMatch(html, /id="persoonlijk-ja"[^>]*checked/);
  assert.equal((await t.database.db.selectFrom('users').select('id').execute()).length, before);
  const confirmed = await admin.post(
    '/organisatie/gebruikers/uitnodigen',
    { ...form, persoonlijk: 'ja' },
    '/organisatie/gebruikers',
  );
  assert.equal(confirmed.status, 303);
  await t.mail.waitFor((m) => m.to.includes('wijk.oost@amsterdam.example'), 10_000);
  const audit = await t.database.db
    .selectFrom('audit_entries')
    .select('details')
    .where('action', '=', 'user.invited')
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
  assert.equal((audit.details as { address_confirmed_own?: boolean }).address_confirmed_own, true);
});

test('grants and revokes roles; the last gebruikersbeheerder can be neither demoted nor disabled', async () => {
  const admin = new WebClient(t.url);
  await admin.loginAs(anne);
  const bram = await userId(DEMO.bram);
  const anneId = await userId(DEMO.anne);
  assert.equal(
    (
      await admin.post(
        '/organisatie/gebruikers/rol-toekennen',
        { gebruiker: bram, rol: 'intrekker' },
        '/organisatie/gebruikers',
      )
    ).status,
    303,
  );
  let roles = await t.database.db
    .selectFrom('user_roles')
    .select('role')
    .where('user_id', '=', bram)
    .execute();
  assert.ok(roles.some((r) => r.role === 'intrekker'));
  assert.equal(
    (
      await admin.post(
        '/organisatie/gebruikers/rol-intrekken',
        { gebruiker: bram, rol: 'intrekker' },
        '/organisatie/gebruikers',
      )
    ).status,
    303,
  );
  roles = await t.database.db.selectFrom('user_roles').select('role').where('user_id', '=', bram).execute();
  assert.ok(!roles.some((r) => r.role === 'intrekker'));

  const demote = await admin.post(
    '/organisatie/gebruikers/rol-intrekken',
    { gebruiker: anneId, rol: 'gebruikersbeheerder' },
    '/organisatie/gebruikers',
  );
  assert.equal(demote.status, 400);
  assert.match(await demote.text(), /laatste gebruikersbeheerder/);
  const disable = await admin.post(
    '/organisatie/gebruikers/uitschakelen',
    { gebruiker: anneId },
    '/organisatie/gebruikers',
  );
  assert.equal(disable.status, 400);

  // With a second administrator, Anne may step down herself (keeping another role, so she stays in the organisation).
  await admin.post(
    '/organisatie/gebruikers/rol-toekennen',
    { gebruiker: bram, rol: 'gebruikersbeheerder' },
    '/organisatie/gebruikers',
  );
  await admin.post(
    '/organisatie/gebruikers/rol-toekennen',
    { gebruiker: anneId, rol: 'rapportontvanger' },
    '/organisatie/gebruikers',
  );
  assert.equal(
    (
      await admin.post(
        '/organisatie/gebruikers/rol-intrekken',
        { gebruiker: anneId, rol: 'gebruikersbeheerder' },
        '/organisatie/gebruikers',
      )
    ).status,
    303,
  );
  assert.equal((await admin.get('/organisatie/gebruikers')).status, 403, 'no longer an administrator');
  const bramClient = new WebClient(t.url);
  await bramClient.loginAs(demoSubjectOf(DEMO.bram));
  const restored = await bramClient.post(
    '/organisatie/gebruikers/rol-toekennen',
    { gebruiker: anneId, rol: 'gebruikersbeheerder' },
    '/organisatie/gebruikers',
  );
  assert.equal(restored.status, 303, await restored.text());
});

test("an administrator of another gemeente cannot touch this gemeente's users", async () => {
  const gijs = new WebClient(t.url);
  await gijs.loginAs(demoSubjectOf(DEMO.gijs));
  const bram = await userId(DEMO.bram);
  const before = await t.database.db
    .selectFrom('user_roles')
    .selectAll()
    .where('user_id', '=', bram)
    .execute();
  for (const [path, form] of [
    ['/organisatie/gebruikers/rol-toekennen', { gebruiker: bram, rol: 'intrekker' }],
    ['/organisatie/gebruikers/rol-intrekken', { gebruiker: bram, rol: 'aanleveraar' }],
    ['/organisatie/gebruikers/uitschakelen', { gebruiker: bram }],
  ] as const) {
    const res = await gijs.post(path, form, '/organisatie/gebruikers');
    assert.ok([400, 404].includes(res.status), `${path}: ${res.status}`);
  }
  const html = await (await gijs.get('/organisatie/gebruikers')).text();
  assert.doesNotMatch(html, /Bram Jansen/);
  assert.deepEqual(
    await t.database.db.selectFrom('user_roles').selectAll().where('user_id', '=', bram).execute(),
    before,
  );
});

test('an API token is shown once, works on the API with its roles, and stops at revocation or expiry', async () => {
  const admin = new WebClient(t.url);
  await admin.loginAs(anne);
  const created = await admin.post(
    '/organisatie/api-tokens',
    { naam: 'Suite4Sociaal', rollen: 'aanleveraar', dagen: '30' },
    '/organisatie/api-tokens',
  );
  assert.equal(created.status, 201);
  const token = /<p class="ggk-secret">(ggk_[\w-]+)<\/p>/.exec(await created.text())?.[1];
  assert.ok(token);
  const stored = await t.database.db
    .selectFrom('api_tokens')
    .selectAll()
    .where('name', '=', 'Suite4Sociaal')
    .executeTakeFirstOrThrow();
  assert.notEqual(stored.token_hash, token);
  assert.doesNotMatch(await (await admin.get('/organisatie/api-tokens')).text(), new RegExp(token!));
  // The token's roles are named as on the users page, in the visitor's language.
  assert.match(
    await (await admin.get('/organisatie/api-tokens')).text(),
    /<td class="utrecht-table__cell">Aanleveraar<\/td>/,
  );
  admin.cookies.set('ggk_taal', 'en');
  assert.match(
    await (await admin.get('/organisatie/api-tokens')).text(),
    /<td class="utrecht-table__cell">Deliverer \(aanleveraar\)<\/td>/,
  );
  admin.cookies.delete('ggk_taal');

  const api = (auth?: string) =>
    fetch(`${t.url}/api/v1/organisatie`, { headers: auth ? { authorization: `Bearer ${auth}` } : {} });
  const ok = await api(token);
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('api-version'), '1.0.0');
  assert.deepEqual(await ok.json(), {
    id: stored.organisation_id,
    naam: 'Amsterdam',
    soort: 'gemeente',
    gemeentecode: '0363',
    rollen: ['aanleveraar'],
  });
  assert.equal((await api()).status, 401);
  assert.equal((await api('ggk_verzonnen')).status, 401);
  assert.equal((await api(token)).status, 200);

  now = new Date(now.getTime() + 31 * 86400_000);
  assert.equal((await api(token)).status, 401, 'expired after 30 days');
  now = new Date('2018-02-20T09:00:00Z');

  await admin.post('/organisatie/api-tokens/intrekken', { token: stored.id }, '/organisatie/api-tokens');
  assert.equal((await api(token)).status, 401, 'revoked');

  const bad = await admin.post(
    '/organisatie/api-tokens',
    { naam: 'x', rollen: 'gebruikersbeheerder', dagen: '30' },
    '/organisatie/api-tokens',
  );
  assert.equal(bad.status, 400);
});

test('registration: a first gebruikersbeheerder applies, the operator approves, the applicant is invited by mail', async () => {
  const almere = await organisationByCode(t.database.db, '0034');
  const visitor = new WebClient(t.url);
  await visitor.get('/aanmelden');
  const submitted = await visitor.post(
    '/aanmelden',
    {
      organisatie: almere.id,
      naam: 'Lotte Vos',
      email: 'lotte.vos@almere.example',
      functie: 'Informatieadviseur',
    },
    '/aanmelden',
  );
  assert.equal(submitted.status, 303);
  await t.mail.waitFor(
    (m) => m.to.includes('lotte.vos@almere.example') && /ontvangen/.test(m.subject),
    10_000,
  );

  // Amsterdam has an administrator already. An anonymous visitor is not told which organisations
  // have one (issue 20): the form answers as for any other, and only the address's owner learns it by mail.
  const amsterdam = await organisationByCode(t.database.db, '0363');
  const other = new WebClient(t.url);
  await other.get('/aanmelden');
  const accepted = await other.post(
    '/aanmelden',
    { organisatie: amsterdam.id, naam: 'X Y', email: 'x.y@amsterdam.example' },
    '/aanmelden',
  );
  assert.equal(accepted.status, 303);
  assert.equal(accepted.headers.get('location'), '/aanmelden?verstuurd=1');
  const told = await t.mail.waitFor(
    (m) => m.to.includes('x.y@amsterdam.example') && /al een gebruikersbeheerder/.test(m.subject),
    10_000,
  );
  assert.match(told.text, /Vraag de gebruikersbeheerder van uw organisatie om u uit te nodigen/);
  assert.equal(
    (
      await t.database.db
        .selectFrom('registration_requests')
        .select('id')
        .where('applicant_email', '=', 'x.y@amsterdam.example')
        .execute()
    ).length,
    0,
    'no registration for the operator to review',
  );

  const operator = new WebClient(t.url);
  await operator.loginAs(demoSubjectOf(DEMO.ivo));
  const list = await (await operator.get('/beheer/aanmeldingen')).text();
  assert.match(list, /Lotte Vos/);
  const request = await t.database.db
    .selectFrom('registration_requests')
    .select('id')
    .where('applicant_email', '=', 'lotte.vos@almere.example')
    .executeTakeFirstOrThrow();
  assert.equal(
    (
      await operator.post(
        '/beheer/aanmeldingen/goedkeuren',
        { aanmelding: request.id },
        '/beheer/aanmeldingen',
      )
    ).status,
    303,
  );
  const invitation = await t.mail.waitFor(
    (m) => m.to.includes('lotte.vos@almere.example') && /Uitnodiging/.test(m.subject),
    10_000,
  );
  assert.match(invitation.text, /Gebruikersbeheerder/);
  // Lotte finishes it in development: the dev IdP's picker names each organisation beside its KvK
  // number and offers a new employee of any of them, not only Amsterdam's and Maastricht's (issue 20).
  const lotte = new WebClient(t.url);
  const link = /(http:\/\/\S+\/uitnodiging\/\S+)/.exec(invitation.text)![1]!;
  assert.equal((await lotte.get(link)).status, 200);
  const begin = await lotte.request('POST', '/uitnodiging', {
    form: { _csrf: lotte.cookies.get('ggk_csrf')!, token: link.split('/').pop()! },
  });
  const probe = await new WebClient(t.url).get('/inloggen/start');
  const picker = (await fetchDevIdpPicker(probe.headers.get('location')!)).html;
  assert.match(picker, /Handelt namens: Amsterdam \(KvK-nummer 90363000\)/);
  assert.match(picker, /<option value="90034000">Almere \(KvK-nummer 90034000\)<\/option>/);
  assert.equal((await lotte.finishLoginAsNewcomer(begin, '90034000')).status, 303);
  assert.match(await (await lotte.get('/account')).text(), /Gebruikersbeheerder bij Almere/);
  // Deciding twice is refused.
  assert.equal(
    (
      await operator.post(
        '/beheer/aanmeldingen/goedkeuren',
        { aanmelding: request.id },
        '/beheer/aanmeldingen',
      )
    ).status,
    400,
  );

  // Rejection, with the reason in the mail.
  const zwolle = await organisationByCode(t.database.db, '0193');
  await visitor.post(
    '/aanmelden',
    { organisatie: zwolle.id, naam: 'Piet Klaas', email: 'piet.klaas@zwolle.example' },
    '/aanmelden',
  );
  const second = await t.database.db
    .selectFrom('registration_requests')
    .select('id')
    .where('applicant_email', '=', 'piet.klaas@zwolle.example')
    .executeTakeFirstOrThrow();
  assert.equal(
    (
      await operator.post(
        '/beheer/aanmeldingen/afwijzen',
        { aanmelding: second.id, [`reden-${second.id}`]: 'Onbekend bij de gemeente.' },
        '/beheer/aanmeldingen',
      )
    ).status,
    303,
  );
  const rejection = await t.mail.waitFor(
    (m) => m.to.includes('piet.klaas@zwolle.example') && /niet goedgekeurd/.test(m.subject),
    10_000,
  );
  assert.match(rejection.text, /Onbekend bij de gemeente/);
});

test('`ggk token create` prints only a working token, and refuses an unknown organisation', async () => {
  const { spawnSync } = await import('node:child_process');
  const { GGK_BIN, cleanEnv } = await import('../support/ggk-process.ts');
  const env = cleanEnv({ DATABASE_URL: t.database.url, GGK_LOG_LEVEL: 'silent' });
  const ok = spawnSync(
    process.execPath,
    [GGK_BIN, 'token', 'create', '--org', '0363', '--roles', 'aanleveraar'],
    { env, encoding: 'utf8' },
  );
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /^ggk_[\w-]+\n$/);
  now = new Date();
  const res = await fetch(`${t.url}/api/v1/organisatie`, {
    headers: { authorization: `Bearer ${ok.stdout.trim()}` },
  });
  now = new Date('2018-02-20T09:00:00Z');
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { naam: string }).naam, 'Amsterdam');

  const unknown = spawnSync(process.execPath, [GGK_BIN, 'token', 'create', '--org', '9999'], {
    env,
    encoding: 'utf8',
  });
  assert.equal(unknown.status, 2);
  assert.equal(unknown.stdout, '');
  assert.match(unknown.stderr, /bestaat niet/);
  const badRole = spawnSync(
    process.execPath,
    [GGK_BIN, 'token', 'create', '--org', '0363', '--roles', 'gebruikersbeheerder'],
    { env, encoding: 'utf8' },
  );
  assert.equal(badRole.status, 2);
  assert.match(badRole.stderr, /kan deze rollen niet krijgen/);
});
