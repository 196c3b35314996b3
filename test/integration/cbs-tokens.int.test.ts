// CBS's tokens in the portal (contract cbs-handover, "Who may call it"): a CBS user makes a token,
// sees it once, the token opens the hand-over API, and once revoked it no longer does. Only CBS may
// use the page; a form without the session's CSRF token is refused; the audit trail never holds the
// token itself.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';
import { DEMO, userByEmail } from '../support/factories.ts';

const now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;
let julia: WebClient;

const handovers = (token: string) =>
  fetch(`${t.url}/api/v1/cbs/handovers`, { headers: { authorization: `Bearer ${token}` } });

async function cbsTokenRows() {
  return t.database.db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_by', 'revoked_at'])
    .where('kind', '=', 'cbs')
    .execute();
}

before(async () => {
  t = await startTestApp({ now: () => now });
  julia = new WebClient(t.url);
  assert.equal((await julia.loginAs(demoSubjectOf(DEMO.julia))).status, 303);
});
after(async () => {
  await t.close();
});

test('a CBS user makes a token, sees it once, it opens the API, and revoking closes it', async () => {
  const page = await julia.get('/cbs/tokens');
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /href="\/cbs\/tokens"/, 'the navigation links to the page');

  const created = await julia.post('/cbs/tokens', { naam: 'CBS-ophaler', dagen: '30' }, '/cbs/tokens');
  assert.equal(created.status, 201);
  assert.equal(created.headers.get('cache-control'), 'no-store');
  assert.equal(created.headers.get('location'), null);
  const answer = await created.text();
  const token = /<p class="ggk-secret">(ggk_[^<]+)<\/p>/.exec(answer)?.[1];
  assert.ok(token, 'the answer shows the new token');
  assert.match(answer, /Kopieer het nu/);

  const rows = await cbsTokenRows();
  assert.equal(rows.length, 1);
  const juliaId = (await userByEmail(t.database.db, DEMO.julia)).id;
  assert.equal(rows[0]!.created_by, juliaId);
  assert.equal(rows[0]!.name, 'CBS-ophaler');

  assert.equal((await handovers(token)).status, 200);

  // Listed afterwards with its maker, but the token itself is never shown again.
  const list = await (await julia.get('/cbs/tokens')).text();
  assert.match(list, /CBS-ophaler/);
  assert.match(list, /Julia van Dijk/);
  assert.ok(!list.includes(token));

  // The list links to a confirmation; the confirmation's form revokes.
  assert.match(list, new RegExp(`href="/cbs/tokens/${rows[0]!.id}/intrekken"`));
  const confirm = await julia.get(`/cbs/tokens/${rows[0]!.id}/intrekken`);
  assert.equal(confirm.status, 200);
  assert.match(await confirm.text(), new RegExp(`action="/cbs/tokens/${rows[0]!.id}/intrekken"`));
  assert.equal((await handovers(token)).status, 200, 'asking is not revoking');
  const revoked = await julia.post(
    `/cbs/tokens/${rows[0]!.id}/intrekken`,
    {},
    `/cbs/tokens/${rows[0]!.id}/intrekken`,
  );
  assert.equal(revoked.status, 303);
  assert.equal(revoked.headers.get('location'), '/cbs/tokens?melding=ingetrokken');
  assert.ok([401, 403].includes((await handovers(token)).status));
  assert.match(
    await (await julia.get('/cbs/tokens?melding=ingetrokken')).text(),
    /Ingetrokken op [^<]+ door Julia van Dijk/,
  );

  // Revoking it again: not found, nothing recorded twice; no confirmation for a revoked token.
  assert.equal((await julia.get(`/cbs/tokens/${rows[0]!.id}/intrekken`)).status, 404);
  const again = await julia.post(`/cbs/tokens/${rows[0]!.id}/intrekken`, {}, '/cbs/tokens');
  assert.equal(again.status, 404);

  const audit = await t.database.db
    .selectFrom('audit_entries')
    .select(['action', 'actor_user_id', 'subject_ids', 'details'])
    .where('action', 'in', ['token.created', 'token.revoked'])
    .orderBy('seq')
    .execute();
  assert.deepEqual(
    audit.map((a) => [a.action, a.actor_user_id, a.subject_ids]),
    [
      ['token.created', juliaId, [rows[0]!.id]],
      ['token.revoked', juliaId, [rows[0]!.id]],
    ],
  );
  for (const entry of audit) assert.ok(!JSON.stringify(entry.details).includes(token.slice(10)));
});

test('a wrong name or validity is refused with the field named, and nothing is made', async () => {
  const before = (await cbsTokenRows()).length;
  for (const form of [
    { naam: '', dagen: '30' },
    { naam: 'x'.repeat(101), dagen: '30' },
    { naam: 'te lang geldig', dagen: '367' },
    { naam: 'nul', dagen: '0' },
  ]) {
    const res = await julia.post('/cbs/tokens', form, '/cbs/tokens');
    assert.equal(res.status, 400, JSON.stringify(form));
    assert.doesNotMatch(await res.text(), /class="ggk-secret"/);
  }
  assert.equal((await cbsTokenRows()).length, before);
});

test('without the CSRF token nothing is made and nothing revoked', async () => {
  const before = await cbsTokenRows();
  const res = await julia.request('POST', '/cbs/tokens', { form: { naam: 'zonder csrf', dagen: '30' } });
  assert.equal(res.status, 403);
  const made = await julia.post('/cbs/tokens', { naam: 'te intrekken', dagen: '30' }, '/cbs/tokens');
  assert.equal(made.status, 201);
  const id = (await cbsTokenRows()).find((r) => r.name === 'te intrekken')!.id;
  const revoke = await julia.request('POST', `/cbs/tokens/${id}/intrekken`, { form: {} });
  assert.equal(revoke.status, 403);
  const after = await cbsTokenRows();
  assert.equal(after.length, before.length + 1);
  assert.equal(after.find((r) => r.id === id)!.revoked_at, null);
});

test('a gemeente user and the operator may not use the page', async () => {
  for (const who of [DEMO.carla, DEMO.ivo]) {
    const client = new WebClient(t.url);
    assert.equal((await client.loginAs(demoSubjectOf(who))).status, 303);
    assert.equal((await client.get('/cbs/tokens')).status, 403, who);
    const csrf = await client.csrf('/');
    const res = await client.request('POST', '/cbs/tokens', { form: { _csrf: csrf, naam: 'x', dagen: '3' } });
    assert.equal(res.status, 403, who);
    assert.doesNotMatch(await (await client.get('/')).text(), /href="\/cbs\/tokens"/);
  }
  assert.equal((await cbsTokenRows()).filter((r) => r.name === 'x').length, 0);
});
