// The security pass of issue 10 on the real app: response headers on every kind of answer, cookie
// attributes, CSRF on every state-changing route of the route table (walked generically, so routes
// added later are covered without touching this file), rate limits on logging in and uploading,
// and a hostile file name escaped in the HTML pages and neutralised in the CSV export.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken, createSession } from '../../src/modules/auth/index.ts';
import { DEMO_STAFF_LEGAL_SUBJECTS, demoLegalSubjectOf, demoSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';
import { DEMO, organisationByCode, userByEmail } from '../support/factories.ts';

const now = new Date('2018-02-20T09:00:00Z');
const CSRF_REFUSAL = /Het formulier is verlopen of niet vanaf ggk verstuurd/;
let t: TestApp;

async function organisationId(app: TestApp, gemeentecode: string): Promise<string> {
  return (await organisationByCode(app.database.db, gemeentecode)).id;
}

async function sessionFor(email: string, legalSubjectId: string, organisation?: string) {
  const user = await userByEmail(t.database.db, email);
  const s = await createSession(t.database.db, {
    userId: user.id,
    legalSubjectId,
    actingOrganisationId: organisation ? await organisationId(t, organisation) : null,
    idToken: null,
    now,
  });
  return { cookie: `ggk_session=${s.cookieValue}`, csrf: s.csrfToken };
}

async function tokenFor(app: TestApp, gemeentecode: string, name: string): Promise<string> {
  return (
    await createApiToken(app.database.db, {
      organisationId: await organisationId(app, gemeentecode),
      name,
      roles: ['aanleveraar'],
      days: 30,
      createdBy: null,
      now,
    })
  ).token;
}

before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
});
after(async () => {
  await t.close();
});

test('every kind of answer carries the security headers, and pages need no inline script or style', async () => {
  const token = await tokenFor(t, '0363', 'headers');
  const answers = [
    await fetch(`${t.url}/`),
    await fetch(`${t.url}/inloggen`),
    await fetch(`${t.url}/bestaat-niet`, { headers: { accept: 'text/html' } }),
    await fetch(`${t.url}/api/v1/organisatie`),
    await fetch(`${t.url}/api/v1/organisatie`, { headers: { authorization: `Bearer ${token}` } }),
    await fetch(`${t.url}/health`),
  ];
  for (const res of answers) {
    const where = `${res.url} (${res.status})`;
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/, where);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "frame-ancestors 'none'",
    ])
      assert.ok(csp.includes(directive), `${where}: ${directive} in ${csp}`);
    const hsts = /max-age=(\d+)/.exec(res.headers.get('strict-transport-security') ?? '');
    assert.ok(hsts && Number(hsts[1]) >= 31_536_000, `${where}: HSTS for a year`);
    assert.match(res.headers.get('strict-transport-security')!, /includeSubDomains/);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer', where);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', where);
    assert.match(res.headers.get('x-frame-options') ?? '', /^(DENY|SAMEORIGIN)$/, where);
    assert.equal(res.headers.get('x-powered-by'), null, where);
    const body = await res.text();
    if ((res.headers.get('content-type') ?? '').startsWith('text/html')) {
      assert.doesNotMatch(body, /<script(?![^>]*\ssrc=)[^>]*>/i, `${where}: inline script`);
      assert.doesNotMatch(body, /\sstyle="|<style[\s>]/i, `${where}: inline style`);
      assert.doesNotMatch(body, /\son[a-z]+="/i, `${where}: inline event handler`);
    }
  }
});

test('cookies are HttpOnly, Secure and SameSite before and after login', async () => {
  const res = await fetch(`${t.url}/inloggen`);
  const preLogin = res.headers.getSetCookie().find((c) => c.startsWith('ggk_csrf='));
  assert.ok(preLogin, 'the login page sets the pre-login CSRF cookie');
  const client = new WebClient(t.url);
  const callback = await client.loginAs(demoSubjectOf(DEMO.bram));
  const session = callback.headers.getSetCookie().find((c) => c.startsWith('ggk_session='));
  assert.ok(session, 'the callback sets the session cookie');
  for (const cookie of [preLogin, session]) {
    assert.match(cookie, /;\s*HttpOnly/i, cookie);
    assert.match(cookie, /;\s*Secure/i, cookie);
    assert.match(cookie, /;\s*SameSite=(Lax|Strict)/i, cookie);
    assert.match(cookie, /;\s*Path=\//i, cookie);
  }
});

test('every state-changing route of the route table refuses a browser request without the CSRF token', async () => {
  const actors = {
    anoniem: { cookie: 'ggk_csrf=eigen-waarde-van-de-browser' },
    aanleveraar: await sessionFor(DEMO.bram, demoLegalSubjectOf('0363'), '0363'),
    rapportontvanger: await sessionFor(DEMO.carla, demoLegalSubjectOf('0363'), '0363'),
    intrekker: await sessionFor(DEMO.daan, demoLegalSubjectOf('0363'), '0363'),
    gebruikersbeheerder: await sessionFor(DEMO.anne, demoLegalSubjectOf('0363'), '0363'),
    samenwerkingsverband: await sessionFor(DEMO.eva, demoLegalSubjectOfCollaboration()),
    operator: await sessionFor(DEMO.ivo, DEMO_STAFF_LEGAL_SUBJECTS.operator),
    cbs: await sessionFor(DEMO.julia, DEMO_STAFF_LEGAL_SUBJECTS.cbs),
  };
  // CBS's channel takes only a CBS bearer token, never a browser session: no CSRF to check there
  // (the access matrix shows every session is refused on it).
  const unsafe = t.app.accessRoutes.filter(
    (r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && r.access.kind !== 'cbs-channel',
  );
  assert.ok(unsafe.length >= 10, `the route table has the state-changing routes (${unsafe.length})`);
  const problems: string[] = [];
  for (const route of unsafe) {
    const url = `${t.url}${route.url.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000')}`;
    let reached = 0;
    for (const [actor, credentials] of Object.entries(actors)) {
      // Both ways a browser form can be sent; neither carries the token.
      const boundary = 'ggkcsrfwalk';
      const bodies = [
        { type: 'application/x-www-form-urlencoded', body: 'halfjaar=2017H2&naam=x' },
        {
          type: `multipart/form-data; boundary=${boundary}`,
          body:
            `--${boundary}\r\nContent-Disposition: form-data; name="halfjaar"\r\n\r\n2017H2\r\n` +
            `--${boundary}\r\nContent-Disposition: form-data; name="bestand"; filename="WMO_0363_2017H2.csv"\r\n` +
            `Content-Type: text/csv\r\n\r\nx\r\n--${boundary}--\r\n`,
        },
      ];
      for (const { type, body } of bodies) {
        const res = await fetch(url, {
          method: route.method,
          headers: { accept: 'text/html', cookie: credentials.cookie, 'content-type': type },
          body,
          redirect: 'manual',
        });
        const text = await res.text();
        const accessDenied =
          res.status === 401 ||
          (res.status === 303 && (res.headers.get('location') ?? '').startsWith('/inloggen')) ||
          (res.status === 403 && /geen toegang tot deze pagina|U moet ingelogd zijn/.test(text));
        if (accessDenied) continue;
        reached++;
        const refused = res.status === 403 && CSRF_REFUSAL.test(text);
        // An upload route reads its token from the multipart form: a form that is not multipart
        // is refused before anything is read.
        const notMultipart =
          type.startsWith('application/x-www') && res.status === 400 && /multipart/.test(text);
        if (!refused && !notMultipart)
          problems.push(`${route.method} ${route.url} as ${actor} (${type.split(';')[0]}): ${res.status}`);
      }
    }
    if (reached === 0)
      problems.push(`${route.method} ${route.url}: no actor in this test may use it; add one`);
  }
  assert.deepEqual(problems, []);
});

function demoLegalSubjectOfCollaboration(): string {
  // Eva Smit acts for the Zuid-Limburg collaboration, whose legal subject is its lead's.
  return demoLegalSubjectOf('0935');
}

test('the same form with the token is not refused as forged (the walk above can tell them apart)', async () => {
  const bram = await sessionFor(DEMO.bram, demoLegalSubjectOf('0363'), '0363');
  const res = await fetch(`${t.url}/uitloggen`, {
    method: 'POST',
    headers: {
      accept: 'text/html',
      cookie: bram.cookie,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: `_csrf=${encodeURIComponent(bram.csrf)}`,
    redirect: 'manual',
  });
  assert.doesNotMatch(await res.text(), CSRF_REFUSAL);
  assert.equal(res.status, 303);
});

test('a hostile file name is escaped in the pages and neutralised in the CSV export', async () => {
  const token = await tokenFor(t, '0363', 'escaping');
  const hostile = '=HYPERLINK(1)<img src=x onerror=alert(1)>.csv';
  const boundary = 'ggkhostile';
  const body =
    `--${boundary}\r\nContent-Disposition: form-data; name="halfjaar"\r\n\r\n2017H2\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="bestand"; filename="${hostile}"\r\n` +
    `Content-Type: text/csv\r\n\r\n<script>alert(1)</script>;=1+2\r\n--${boundary}--\r\n`;
  const upload = await fetch(`${t.url}/api/v1/deliveries`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    body,
  });
  assert.equal(upload.status, 201, await upload.clone().text());
  const { id } = (await upload.json()) as { id: string };
  for (let i = 0; i < 200; i++) {
    const d = (await (
      await fetch(`${t.url}/api/v1/deliveries/${id}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { state: string };
    if (d.state === 'rejected' || d.state === 'approved') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const bram = await sessionFor(DEMO.bram, demoLegalSubjectOf('0363'), '0363');
  for (const page of ['/aanleveringen', `/aanleveringen/${id}`]) {
    const html = await (await fetch(`${t.url}${page}`, { headers: { cookie: bram.cookie } })).text();
    if (page !== '/aanleveringen')
      assert.ok(html.includes('&lt;img src=x onerror=alert(1)'), `${page} shows the name, escaped`);
    assert.doesNotMatch(html, /<img src=x|<script>alert/, page);
  }
  const csv = await (
    await fetch(`${t.url}/aanleveringen/${id}/rapport.csv`, { headers: { cookie: bram.cookie } })
  ).text();
  const cells = csv.split(/\r\n/).flatMap((line) => line.split(';'));
  assert.ok(
    cells.some((c) => c.startsWith("'=HYPERLINK")),
    'the formula file name is neutralised',
  );
  assert.ok(
    cells.every((c) => !/^"?[=+\-@]/.test(c)),
    `no cell starts as a formula: ${cells.filter((c) => /^"?[=+\-@]/.test(c)).join(' | ')}`,
  );
});

test('logging in and uploading are rate-limited, per address and per credential', async () => {
  const fresh = await startTestApp({ now: () => now });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await fetch(`${fresh.url}/inloggen/start`, { redirect: 'manual' });
      await res.body?.cancel();
      statuses.push(res.status);
    }
    assert.ok(
      statuses.slice(0, 30).every((s) => s !== 429),
      statuses.join(','),
    );
    const limited = await fetch(`${fresh.url}/inloggen/start`, { redirect: 'manual' });
    assert.equal(limited.status, 429);
    assert.match(((await limited.json()) as { title: string }).title, /Te veel verzoeken/);
    assert.equal((await fetch(`${fresh.url}/`)).status, 200, 'the rest of the portal stays reachable');

    const a = await tokenFor(fresh, '0363', 'a');
    const b = await tokenFor(fresh, '0344', 'b');
    const upload = (token: string) =>
      fetch(`${fresh.url}/api/v1/deliveries`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
    for (let i = 0; i < 30; i++) {
      const res = await upload(a);
      await res.body?.cancel();
      assert.notEqual(res.status, 429, `upload ${i + 1}`);
    }
    const refused = await upload(a);
    assert.equal(refused.status, 429);
    await refused.body?.cancel();
    const other = await upload(b);
    await other.body?.cancel();
    assert.notEqual(other.status, 429, 'another gemeente has its own budget');
  } finally {
    await fresh.close();
  }
});
