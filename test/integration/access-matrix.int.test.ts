// The access matrix: every route of the portal and the API × every role, in its own and in another
// organisation, without login and with a valid or expired API token, against one table of who may.
// Deny is the default: a route that is not in this table fails the test, and so does a table entry
// without a route.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createApiToken,
  createCbsToken,
  createSession,
  revokeCbsToken,
} from '../../src/modules/auth/index.ts';
import { DEMO_STAFF_LEGAL_SUBJECTS, demoLegalSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { DEMO, organisationByCode, organisationByName, userByEmail } from '../support/factories.ts';

type Actor =
  | 'anonymous'
  | 'aanleveraar'
  | 'rapportontvanger'
  | 'intrekker'
  | 'gebruikersbeheerder'
  | 'beheerder-andere-gemeente'
  | 'swv-aanleveraar'
  | 'operator'
  | 'cbs'
  | 'token'
  | 'verlopen-token'
  | 'cbs-token'
  | 'ingetrokken-cbs-token';

const ACTORS: Actor[] = [
  'anonymous',
  'aanleveraar',
  'rapportontvanger',
  'intrekker',
  'gebruikersbeheerder',
  'beheerder-andere-gemeente',
  'swv-aanleveraar',
  'operator',
  'cbs',
  'token',
  'verlopen-token',
  'cbs-token',
  'ingetrokken-cbs-token',
];
const EVERYONE = ACTORS;
const USERS: Actor[] = [
  'aanleveraar',
  'rapportontvanger',
  'intrekker',
  'gebruikersbeheerder',
  'beheerder-andere-gemeente',
  'operator',
  'cbs',
];
const ADMINISTRATORS: Actor[] = ['gebruikersbeheerder', 'beheerder-andere-gemeente'];
const OPERATOR: Actor[] = ['operator'];
const ORGANISATION_MEMBERS_AND_TOKENS: Actor[] = [
  'aanleveraar',
  'rapportontvanger',
  'intrekker',
  'gebruikersbeheerder',
  'beheerder-andere-gemeente',
  'token',
];

/** Who may use each route. */
const ALLOWED: Record<string, Actor[]> = {
  'GET /health': EVERYONE,
  'GET /health/live': EVERYONE,
  'GET /health/ready': EVERYONE,
  // Only with the scrape token (GGK_METRICS_TOKEN); anyone else gets 404 (observability.int.test.ts).
  'GET /metrics': EVERYONE,
  'GET /': EVERYONE,
  'GET /assets/:name': EVERYONE,
  'GET /assets/:hash/:name': EVERYONE,
  'GET /favicon.ico': EVERYONE,
  'GET /toegankelijkheid': EVERYONE,
  'GET /help': EVERYONE,
  'GET /help/snelstart': EVERYONE,
  'GET /help/snelstart.pdf': EVERYONE,
  // Example files: any logged-in user (their BSNs pass the elfproef), not a visitor or a token.
  'GET /help/voorbeeldbestanden/:type': USERS,
  'GET /taal/:locale': EVERYONE,
  'GET /inloggen': EVERYONE,
  'GET /inloggen/start': EVERYONE,
  'GET /inloggen/callback': EVERYONE,
  'GET /uitgelogd': EVERYONE,
  'GET /uitnodiging/:token': EVERYONE,
  'POST /uitnodiging': EVERYONE,
  'GET /aanmelden': EVERYONE,
  'POST /aanmelden': EVERYONE,
  'POST /uitloggen': USERS,
  'POST /organisatie-kiezen': USERS,
  'POST /sessie/verlengen': USERS,
  'GET /account': USERS,
  'GET /organisatie/gebruikers': ADMINISTRATORS,
  'POST /organisatie/gebruikers/uitnodigen': ADMINISTRATORS,
  'POST /organisatie/gebruikers/rol-toekennen': ADMINISTRATORS,
  'POST /organisatie/gebruikers/rol-intrekken': ADMINISTRATORS,
  'POST /organisatie/gebruikers/uitschakelen': ADMINISTRATORS,
  'GET /organisatie/api-tokens': ADMINISTRATORS,
  'POST /organisatie/api-tokens': ADMINISTRATORS,
  'POST /organisatie/api-tokens/intrekken': ADMINISTRATORS,
  'GET /beheer/aanmeldingen': OPERATOR,
  'POST /beheer/aanmeldingen/goedkeuren': OPERATOR,
  'POST /beheer/aanmeldingen/afwijzen': OPERATOR,
  'GET /beheer/inlogpogingen': OPERATOR,
  'GET /beheer/mail': OPERATOR,
  'GET /beheer/contactgegevens': OPERATOR,
  'POST /beheer/contactgegevens': OPERATOR,
  'GET /api/v1/organisatie': ORGANISATION_MEMBERS_AND_TOKENS,
  'GET /api/v1/openapi.json': EVERYONE,
  'POST /api/v1/deliveries': ['aanleveraar', 'token'],
  'GET /api/v1/deliveries/:id': ['aanleveraar', 'rapportontvanger', 'operator', 'cbs', 'token'],
  'GET /api/v1/deliveries/:id/report': ['aanleveraar', 'rapportontvanger', 'operator', 'cbs', 'token'],
  'GET /aanleveren': ['aanleveraar'],
  'POST /aanleveren': ['aanleveraar'],
  'POST /aanleveren/hervatbaar': ['aanleveraar'],
  'PATCH /aanleveren/hervatbaar/:id': ['aanleveraar'],
  'DELETE /aanleveren/hervatbaar/:id': ['aanleveraar'],
  'POST /aanleveren/afronden': ['aanleveraar'],
  'GET /aanleveringen': ['aanleveraar', 'rapportontvanger', 'operator', 'cbs'],
  'GET /aanleveringen/:id': ['aanleveraar', 'rapportontvanger', 'operator', 'cbs'],
  'GET /aanleveringen/:id/rapport.json': ['aanleveraar', 'rapportontvanger', 'operator', 'cbs'],
  'GET /aanleveringen/:id/rapport.csv': ['aanleveraar', 'rapportontvanger', 'operator', 'cbs'],
  'GET /intrekken': ['intrekker', 'beheerder-andere-gemeente'],
  'POST /intrekken': ['intrekker', 'beheerder-andere-gemeente'],
  'GET /intrekkingen': ['operator', 'cbs'],
  'POST /intrekkingen/formulier': ['cbs'],
  'GET /beheer/audit': OPERATOR,
  'GET /beheer/audit.csv': OPERATOR,
  'GET /organisatie/audit': ADMINISTRATORS,
  'GET /aanleveringen/:id/op-orde': ['aanleveraar', 'rapportontvanger', 'operator', 'cbs'],
  'GET /aanleveringen/:id/op-orde.pdf': ['aanleveraar', 'rapportontvanger', 'operator', 'cbs'],
  'GET /aanleveringen/:id/op-orde.json': ['aanleveraar', 'rapportontvanger', 'operator', 'cbs'],
  'GET /aanleveringen/:id/op-orde/tabellen/:table': ['aanleveraar', 'rapportontvanger', 'operator', 'cbs'],
  'GET /aanleveringen/:id/op-orde/cbs.pdf': ['aanleveraar', 'rapportontvanger', 'operator', 'cbs'],
  'GET /cbs/aanleveringen': ['cbs'],
  'POST /cbs/aanleveringen/instelling': ['cbs'],
  'GET /cbs/aanleveringen/:id': ['cbs'],
  'POST /cbs/aanleveringen/:id/op-orde-rapport': ['cbs'],
  'GET /cbs/tokens': ['cbs'],
  'POST /cbs/tokens': ['cbs'],
  'GET /cbs/tokens/:id/intrekken': ['cbs'],
  'POST /cbs/tokens/:id/intrekken': ['cbs'],
  'GET /op-orde-rapporten': ['cbs'],
  'POST /op-orde-rapporten/tegenhouden': ['cbs'],
  'POST /op-orde-rapporten/vrijgeven': ['cbs'],
  'GET /monitor': ['operator', 'cbs'],
  'GET /monitor.csv': ['operator', 'cbs'],
  'GET /monitor/tijdlijn': ['operator', 'cbs'],
  'GET /monitor/reguliere-route': ['operator', 'cbs'],
  'POST /monitor/reguliere-route': ['operator', 'cbs'],
  'POST /monitor/reguliere-route/ongedaan-maken': ['operator', 'cbs'],
  'GET /beheer/servicedesk': OPERATOR,
  'GET /beheer/servicedesk/gebruiker/:id': OPERATOR,
  'GET /beheer/servicedesk/organisatie/:id': OPERATOR,
  'GET /feedback': [
    'aanleveraar',
    'rapportontvanger',
    'intrekker',
    'gebruikersbeheerder',
    'beheerder-andere-gemeente',
  ],
  'POST /feedback': [
    'aanleveraar',
    'rapportontvanger',
    'intrekker',
    'gebruikersbeheerder',
    'beheerder-andere-gemeente',
  ],
  'GET /feedback/evaluatie': [
    'aanleveraar',
    'rapportontvanger',
    'intrekker',
    'gebruikersbeheerder',
    'beheerder-andere-gemeente',
  ],
  'POST /feedback/evaluatie': [
    'aanleveraar',
    'rapportontvanger',
    'intrekker',
    'gebruikersbeheerder',
    'beheerder-andere-gemeente',
  ],
  'GET /beheer/feedback': OPERATOR,
  'GET /beheer/feedback.csv': OPERATOR,
  'GET /api/v1/cbs/handovers': ['cbs-token'],
  'GET /api/v1/cbs/files/:fileId': ['cbs-token'],
  'POST /api/v1/cbs/handovers/:deliveryId/receipt': ['cbs-token'],
  'POST /api/v1/cbs/deliveries/:deliveryId/verdict': ['cbs-token'],
  'PUT /api/v1/cbs/deliveries/:deliveryId/content-report': ['cbs-token'],
  'POST /api/v1/cbs/withdrawals/:withdrawalId/erased': ['cbs-token'],
};

// An aanleveraar acting for a samenwerkingsverband may what a gemeente's aanleveraar may.
for (const actors of Object.values(ALLOWED))
  if (actors.includes('aanleveraar') && !actors.includes('swv-aanleveraar')) actors.push('swv-aanleveraar');

const now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;
const credentials = new Map<Actor, { cookie?: string; bearer?: string; csrf?: string }>();

async function sessionFor(email: string, legalSubjectId: string, organisation?: string) {
  const user = await userByEmail(t.database.db, email);
  const org = !organisation
    ? null
    : /^\d{4}$/.test(organisation)
      ? (await organisationByCode(t.database.db, organisation)).id
      : (await organisationByName(t.database.db, organisation)).id;
  const s = await createSession(t.database.db, {
    userId: user.id,
    legalSubjectId,
    actingOrganisationId: org,
    idToken: null,
    now,
  });
  return { cookie: `ggk_session=${s.cookieValue}`, csrf: s.csrfToken };
}

before(async () => {
  t = await startTestApp({ now: () => now });
  credentials.set('anonymous', { cookie: 'ggk_csrf=anoniem', csrf: 'anoniem' });
  credentials.set('aanleveraar', await sessionFor(DEMO.bram, demoLegalSubjectOf('0363'), '0363'));
  credentials.set('rapportontvanger', await sessionFor(DEMO.carla, demoLegalSubjectOf('0363'), '0363'));
  credentials.set('intrekker', await sessionFor(DEMO.daan, demoLegalSubjectOf('0363'), '0363'));
  credentials.set('gebruikersbeheerder', await sessionFor(DEMO.anne, demoLegalSubjectOf('0363'), '0363'));
  credentials.set(
    'beheerder-andere-gemeente',
    await sessionFor(DEMO.gijs, demoLegalSubjectOf('0917'), '0917'),
  );
  credentials.set(
    'swv-aanleveraar',
    await sessionFor(DEMO.hanna, demoLegalSubjectOf('1883'), 'Westelijke Mijnstreek Jeugddomein'),
  );
  credentials.set('operator', await sessionFor(DEMO.ivo, DEMO_STAFF_LEGAL_SUBJECTS.operator));
  credentials.set('cbs', await sessionFor(DEMO.julia, DEMO_STAFF_LEGAL_SUBJECTS.cbs));
  const amsterdam = await organisationByCode(t.database.db, '0363');
  const valid = await createApiToken(t.database.db, {
    organisationId: amsterdam.id,
    name: 'matrix',
    roles: ['aanleveraar'],
    days: 30,
    createdBy: null,
    now,
  });
  const expired = await createApiToken(t.database.db, {
    organisationId: amsterdam.id,
    name: 'verlopen',
    roles: ['aanleveraar', 'rapportontvanger'],
    days: 1,
    createdBy: null,
    now: new Date(now.getTime() - 2 * 86400_000),
  });
  const cbsToken = await createCbsToken(t.database.db, { name: 'cbs', days: 30, createdBy: null, now });
  const revokedCbs = await createCbsToken(t.database.db, { name: 'oud', days: 30, createdBy: null, now });
  await revokeCbsToken(t.database.db, { tokenId: revokedCbs.row.id, now, revokedBy: null });
  credentials.set('cbs-token', { bearer: cbsToken.token });
  credentials.set('ingetrokken-cbs-token', { bearer: revokedCbs.token });
  credentials.set('token', { bearer: valid.token });
  credentials.set('verlopen-token', { bearer: expired.token });
});
after(async () => {
  await t.close();
});

function concretePath(url: string): string {
  return url
    .replace(':name', 'ggk.css')
    .replace(':locale', 'en')
    .replace(':token', 'onbekend')
    .replace(/:(id|fileId|deliveryId|withdrawalId)\b/, '00000000-0000-4000-8000-000000000000');
}

/** True when the access layer refused: 401, 403 with the access message, or a redirect to login. */
async function isDenied(res: Response): Promise<boolean> {
  if (res.status === 401) return true;
  if (res.status === 303) return (res.headers.get('location') ?? '').startsWith('/inloggen?terug=');
  if (res.status === 403)
    return /geen toegang tot deze pagina of handeling|U moet ingelogd zijn/.test(await res.text());
  return false;
}

test('every route has an entry in the access table, and every entry a route', () => {
  const routes = t.app.accessRoutes.map((r) => `${r.method} ${r.url}`).sort();
  assert.deepEqual(routes, Object.keys(ALLOWED).sort());
});

test('each role gets exactly what the table allows on every route, and nothing else', async () => {
  const mismatches: string[] = [];
  // Logging out ends the actor's sessions, so that route goes last.
  const routes = [...t.app.accessRoutes].sort(
    (a, b) => Number(a.url === '/uitloggen') - Number(b.url === '/uitloggen'),
  );
  for (const route of routes) {
    const key = `${route.method} ${route.url}`;
    for (const actor of ACTORS) {
      const c = credentials.get(actor)!;
      const headers: Record<string, string> = { accept: 'text/html' };
      if (c.cookie) headers.cookie = c.cookie;
      if (c.bearer) headers.authorization = `Bearer ${c.bearer}`;
      let body: string | undefined;
      if (route.method === 'POST' || route.method === 'PUT') {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = c.csrf ? `_csrf=${encodeURIComponent(c.csrf)}` : '';
      }
      const res = await fetch(`${t.url}${concretePath(route.url)}`, {
        method: route.method,
        headers,
        body,
        redirect: 'manual',
      });
      const denied = await isDenied(res);
      const shouldAllow = ALLOWED[key]?.includes(actor) ?? false;
      if (denied === shouldAllow)
        mismatches.push(
          `${key} as ${actor}: ${res.status} (${shouldAllow ? 'should be allowed' : 'should be denied'})`,
        );
    }
  }
  assert.deepEqual(mismatches, []);
});

test('the organisation pages show only the acting organisation', async () => {
  const heerlen = await sessionFor(DEMO.gijs, demoLegalSubjectOf('0917'), '0917');
  const html = await (
    await fetch(`${t.url}/organisatie/gebruikers`, { headers: { cookie: heerlen.cookie! } })
  ).text();
  assert.match(html, /Gijs Mulder/);
  assert.doesNotMatch(html, /Anne de Vries|Bram Jansen/);
});

test('the OpenAPI document describes exactly the /api/v1 routes', async () => {
  const doc = (await (await fetch(`${t.url}/api/v1/openapi.json`)).json()) as {
    openapi: string;
    paths: Record<string, Record<string, unknown>>;
  };
  assert.equal(doc.openapi, '3.0.3');
  const described = Object.entries(doc.paths)
    .flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} /api/v1${p.replace(/\{(\w+)\}/g, ':$1')}`),
    )
    .sort();
  const routes = t.app.accessRoutes
    .filter((r) => r.url.startsWith('/api/v1/'))
    .map((r) => `${r.method} ${r.url}`)
    .sort();
  assert.deepEqual(described, routes);
});
