// English is complete: in a realistic state (a round in its delivery window and later in its
// withdrawal window, every role, an approved delivery with its technical and op-orde report, a
// rejected one with findings, an invitation, a registration, feedback, an evaluation, a withdrawal,
// the audit trail they leave), every GET page of the route table is fetched by every actor with the
// language cookie set to English, and its visible text (plus aria-label, title, alt, placeholder)
// must contain no Dutch: no Dutch catalogue text of three words or more, and no text run with two
// or more Dutch function words. The e-mails sent on the way must have an English part without Dutch.
// A new GET route fails the test until it is listed below as a page (with its paths) or a non-page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import { promisify } from 'node:util';
import {
  createApiToken,
  createCbsToken,
  createSession,
  revokeCbsToken,
} from '../../src/modules/auth/index.ts';
import { findContentReport } from '../../src/modules/reports/index.ts';
import { planDelivery, readGeneratorSpec } from '../../src/modules/validation/generate/index.ts';
import { DEMO_STAFF_LEGAL_SUBJECTS, demoLegalSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';
import { SHORT_DUTCH_TEXTS, findDutch, visibleTextRuns, type DutchFinding } from '../support/dutch-text.ts';
import { DEMO, organisationByName } from '../support/factories.ts';

type Actor =
  | 'anonymous'
  | 'aanleveraar'
  | 'rapportontvanger'
  | 'intrekker'
  | 'gebruikersbeheerder'
  | 'intrekker-delegerend'
  | 'samenwerkingsverband'
  | 'operator'
  | 'cbs';

// The servicedesk is the operator (there is no separate role): the operator fetches its pages.
const ACTORS: Record<
  Actor,
  { email?: string; organisation?: string; collaboration?: string; staff?: 'operator' | 'cbs' }
> = {
  anonymous: {},
  aanleveraar: { email: DEMO.bram, organisation: '0363' },
  rapportontvanger: { email: DEMO.carla, organisation: '0363' },
  intrekker: { email: DEMO.daan, organisation: '0363' },
  gebruikersbeheerder: { email: DEMO.anne, organisation: '0363' },
  // Heerlen delegates its youth care: its intrekker is sent to the CBS form.
  'intrekker-delegerend': { email: DEMO.gijs, organisation: '0917' },
  // A samenwerkingsverband's aanleveraar and gebruikersbeheerder: delivers for its member gemeenten.
  samenwerkingsverband: {
    email: DEMO.eva,
    organisation: '0935',
    collaboration: 'Jeugdhulp Regio Zuid-Limburg',
  },
  operator: { email: DEMO.ivo, staff: 'operator' },
  cbs: { email: DEMO.julia, staff: 'cbs' },
};

/** GET routes that are not pages: files, data, redirects. */
const NOT_PAGES = new Set([
  '/health',
  '/health/live',
  '/health/ready',
  '/metrics',
  '/api/v1/cbs/handovers',
  '/api/v1/cbs/files/:fileId',
  '/assets/:name',
  '/assets/:hash/:name',
  '/favicon.ico',
  '/taal/:locale',
  '/inloggen/start',
  '/api/v1/organisatie',
  '/api/v1/openapi.json',
  '/api/v1/deliveries/:id',
  '/api/v1/deliveries/:id/report',
  '/aanleveringen/:id/rapport.json',
  '/aanleveringen/:id/rapport.csv',
  '/aanleveringen/:id/op-orde.pdf',
  '/aanleveringen/:id/op-orde.json',
  '/aanleveringen/:id/op-orde/tabellen/:table',
  '/aanleveringen/:id/op-orde/cbs.pdf',
  '/beheer/audit.csv',
  '/monitor.csv',
  '/beheer/feedback.csv',
  '/help/snelstart.pdf',
  '/help/voorbeeldbestanden/:type',
]);

const ids: Record<string, string> = {};

/** Every page route with the paths that show its states. */
function pagePaths(): Record<string, string[]> {
  return {
    '/': ['/', '/bestaat-niet'],
    '/toegankelijkheid': ['/toegankelijkheid'],
    '/help': ['/help'],
    '/help/snelstart': ['/help/snelstart'],
    '/inloggen': ['/inloggen', '/inloggen?terug=%2Faanleveringen'],
    '/inloggen/callback': ['/inloggen/callback', '/inloggen/callback?error=access_denied&state=x'],
    '/uitgelogd': ['/uitgelogd'],
    '/uitnodiging/:token': [`/uitnodiging/${ids.invitation}`, '/uitnodiging/onbekend'],
    '/aanmelden': ['/aanmelden', '/aanmelden?verstuurd=1'],
    '/account': ['/account'],
    '/organisatie/gebruikers': [
      '/organisatie/gebruikers',
      ...['uitgenodigd', 'rol_toegekend', 'rol_ingetrokken', 'uitgeschakeld', 'token_ingetrokken'].map(
        (m) => `/organisatie/gebruikers?melding=${m}`,
      ),
    ],
    '/organisatie/api-tokens': [
      '/organisatie/api-tokens',
      '/organisatie/api-tokens?melding=token_ingetrokken',
    ],
    '/organisatie/audit': ['/organisatie/audit', '/organisatie/audit?actie=delivery.received'],
    '/beheer/aanmeldingen': [
      '/beheer/aanmeldingen',
      '/beheer/aanmeldingen?melding=goedgekeurd',
      '/beheer/aanmeldingen?melding=afgewezen',
    ],
    '/beheer/inlogpogingen': [
      '/beheer/inlogpogingen',
      '/beheer/inlogpogingen?gebruiker=bram.jansen%40amsterdam.example&gemeentecode=0363',
    ],
    '/beheer/mail': ['/beheer/mail'],
    '/beheer/contactgegevens': ['/beheer/contactgegevens', '/beheer/contactgegevens?melding=opgeslagen'],
    '/beheer/audit': [
      '/beheer/audit',
      '/beheer/audit?organisatie=0363&actie=delivery.checked',
      '/beheer/audit?organisatie=9999',
      '/beheer/audit?gebruiker=niemand%40example.org',
    ],
    '/aanleveren': ['/aanleveren'],
    '/aanleveringen': ['/aanleveringen'],
    '/aanleveringen/:id': [`/aanleveringen/${ids.approved}`, `/aanleveringen/${ids.rejected}`],
    '/aanleveringen/:id/op-orde': [
      `/aanleveringen/${ids.approved}/op-orde`,
      `/aanleveringen/${ids.held}/op-orde`,
    ],
    '/op-orde-rapporten': ['/op-orde-rapporten'],
    '/cbs/aanleveringen': ['/cbs/aanleveringen', '/cbs/aanleveringen?opgeslagen=1'],
    '/cbs/aanleveringen/:id': [
      `/cbs/aanleveringen/${ids.approved}`,
      `/cbs/aanleveringen/${ids.approved}?opgeslagen=geplaatst`,
      `/cbs/aanleveringen/${ids.approved}?opgeslagen=tegengehouden`,
    ],
    '/cbs/tokens': ['/cbs/tokens', '/cbs/tokens?melding=ingetrokken'],
    '/cbs/tokens/:id/intrekken': [`/cbs/tokens/${ids.cbsToken}/intrekken`],
    '/intrekken': ['/intrekken', '/intrekken?melding=ingetrokken'],
    '/intrekkingen': ['/intrekkingen'],
    '/monitor': ['/monitor', '/monitor?pilot=ja&status=approved'],
    '/monitor/tijdlijn': ['/monitor/tijdlijn?gemeente=0363&type=wmo&halfjaar=2017H2', '/monitor/tijdlijn'],
    '/monitor/reguliere-route': ['/monitor/reguliere-route'],
    '/beheer/servicedesk': [
      '/beheer/servicedesk',
      '/beheer/servicedesk?zoek=amsterdam',
      '/beheer/servicedesk?zoek=bram.jansen%40amsterdam.example',
      '/beheer/servicedesk?zoek=onvindbaar',
    ],
    '/beheer/servicedesk/gebruiker/:id': [`/beheer/servicedesk/gebruiker/${ids.bram}`],
    '/beheer/servicedesk/organisatie/:id': [`/beheer/servicedesk/organisatie/${ids.amsterdam}`],
    '/feedback': ['/feedback', '/feedback?pagina=%2Faanleveringen', '/feedback?bedankt=1'],
    '/feedback/evaluatie': ['/feedback/evaluatie', '/feedback/evaluatie?bedankt=1'],
    '/beheer/feedback': ['/beheer/feedback'],
  };
}

// TEMPORARY: Dutch that another helper is converting right now (issue 9, session 3). Each entry
// names its owner; it goes when their work lands. The goal is an empty list.
// `where`, when given, limits an entry to the places (path) whose label contains it.
const PENDING: Array<{ owner: string; text: string | RegExp; where?: string }> = [];

// Proper nouns and data that stay Dutch in English: names from the seed, the monitor's name, file
// names, and the labels of the specification's code lists (CBS's own category names).
const NAMES: Array<string | RegExp> = [
  'Gemeentelijke Monitor Sociaal Domein',
  /[\w.-]+\.(csv|zip|pdf|json|txt)\b/gi,
];

const startedAt = Date.now();
let base = Date.parse('2018-02-20T09:00:00Z');
/** The test's clock, moving with real time so each event is after the one before. */
const clock = () => new Date(base + (Date.now() - startedAt));
let t: TestApp;
const cookies = new Map<Actor, string>();
const csrf = new Map<Actor, string>();

async function idOf(table: 'users' | 'organisations', column: 'email' | 'gemeentecode', value: string) {
  return (
    await t.database.db
      .selectFrom(table)
      .select('id')
      .where(column as never, '=', value as never)
      .executeTakeFirstOrThrow()
  ).id as string;
}

async function organisationNamed(name: string) {
  return (await organisationByName(t.database.db, name)).id;
}

/** A fresh session for every actor at the current time, English. */
async function logInEveryone() {
  for (const [actor, who] of Object.entries(ACTORS) as Array<[Actor, (typeof ACTORS)[Actor]]>) {
    if (!who.email) {
      cookies.set(actor, 'ggk_taal=en; ggk_csrf=anoniem');
      csrf.set(actor, 'anoniem');
      continue;
    }
    const s = await createSession(t.database.db, {
      userId: await idOf('users', 'email', who.email),
      legalSubjectId: who.staff
        ? DEMO_STAFF_LEGAL_SUBJECTS[who.staff]
        : demoLegalSubjectOf(who.organisation!),
      actingOrganisationId: who.collaboration
        ? await organisationNamed(who.collaboration)
        : who.organisation
          ? await idOf('organisations', 'gemeentecode', who.organisation)
          : null,
      idToken: null,
      now: clock(),
    });
    cookies.set(actor, `ggk_taal=en; ggk_session=${s.cookieValue}`);
    csrf.set(actor, s.csrfToken);
  }
}

const generatorSpec = readGeneratorSpec(JSON.parse(readFileSync('specs/gmsd/2017.json', 'utf8')));

/** A generated, valid Wmo file of Amsterdam for the half year. */
function generated(period: string, rows: number, seed: number, gemeente = '0363'): Uint8Array<ArrayBuffer> {
  const plan = planDelivery({ spec: generatorSpec, type: 'wmo', gemeente, period, rows, seed });
  return new Uint8Array(Buffer.concat([...plan.chunks()]));
}

async function upload(token: string, name: string, bytes: Uint8Array<ArrayBuffer>, halfYear = '2017H2') {
  const body = new FormData();
  body.append('halfjaar', halfYear);
  body.append('bestanden', new Blob([bytes]), name);
  const res = await fetch(`${t.url}/api/v1/deliveries`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body,
  });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { id: string }).id;
}

async function waitUntil(what: string, done: () => Promise<boolean>) {
  for (let i = 0; i < 300; i++) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function stateOf(id: string) {
  return (
    await t.database.db.selectFrom('deliveries').select('state').where('id', '=', id).executeTakeFirst()
  )?.state;
}

/** An English client (cookie-carrying, logged in through the dev identity provider). */
async function englishClient(email: string) {
  const c = new WebClient(t.url);
  c.cookies.set('ggk_taal', 'en');
  const res = await c.loginAs(`demo-${email.split('@')[0]!.replace(/[^a-z0-9]+/gi, '-')}`);
  assert.equal(res.status, 303, `login of ${email}`);
  return c;
}

let allowed: Array<string | RegExp> = [];
/** Per Dutch text found: the paths (with status) and the actors/phases that saw it. */
const failures = new Map<string, Map<string, Set<string>>>();
const pagesChecked = new Set<string>();
const formsAnswered = new Set<string>();

const pendingSeen = new Set<(typeof PENDING)[number]>();
function isPending(f: DutchFinding, label = '') {
  const entry = PENDING.find(
    (p) =>
      (p.where === undefined || label.includes(p.where)) &&
      (typeof p.text === 'string' ? f.text.includes(p.text) : p.text.test(f.text)),
  );
  if (entry) pendingSeen.add(entry);
  return entry !== undefined;
}

/**
 * What the mails of the journey say in Dutch (their subject and Dutch half): data on the pages that
 * show sent mail (the mailbox, the servicedesk), like an organisation's name. Their English half is
 * checked on those pages, and every mail on its own below.
 */
function mailTexts(): string[] {
  return (
    t.mail
      .messages()
      .flatMap((m) => {
        const dutch = m.text.split('---------- English ----------')[0]!;
        // As caught (the mailbox) and without the contact details the outbox adds when sending (the
        // stored copy the servicedesk shows has none).
        return [m.subject, dutch, dutch.split('\n\n--\n')[0]!];
      })
      // The stored copy the servicedesk shows has the secret part of a link removed.
      .flatMap((x) => [x, x.replace(/(https?:\/\/\S+\/uitnodiging\/)\S+/g, '$1[verwijderd]')])
      .map((x) => x.replace(/\s+/g, ' ').trim())
      .filter((x) => x !== '')
      .sort((a, b) => b.length - a.length)
  );
}

/** Forms sent wrong (empty, or with a bad value) by someone allowed to: the page with the refusal. */
const BAD_FORMS: Array<{ actor: Actor; path: string; form: Record<string, string> }> = [
  { actor: 'anonymous', path: '/uitnodiging', form: { token: 'onbekend' } },
  { actor: 'anonymous', path: '/aanmelden', form: {} },
  { actor: 'anonymous', path: '/aanmelden', form: { naam: 'X', email: 'geen-adres', organisatie: 'x' } },
  { actor: 'gebruikersbeheerder', path: '/organisatie/gebruikers/uitnodigen', form: {} },
  {
    actor: 'gebruikersbeheerder',
    path: '/organisatie/gebruikers/uitnodigen',
    form: { naam: 'Info', email: 'info@amsterdam.example', rollen: 'aanleveraar' },
  },
  { actor: 'gebruikersbeheerder', path: '/organisatie/gebruikers/rol-toekennen', form: {} },
  { actor: 'gebruikersbeheerder', path: '/organisatie/gebruikers/rol-intrekken', form: {} },
  { actor: 'gebruikersbeheerder', path: '/organisatie/gebruikers/uitschakelen', form: {} },
  { actor: 'gebruikersbeheerder', path: '/organisatie/api-tokens', form: {} },
  { actor: 'gebruikersbeheerder', path: '/organisatie/api-tokens', form: { naam: 'x', dagen: '9999' } },
  { actor: 'gebruikersbeheerder', path: '/organisatie/api-tokens/intrekken', form: {} },
  { actor: 'operator', path: '/beheer/aanmeldingen/goedkeuren', form: {} },
  { actor: 'operator', path: '/beheer/aanmeldingen/afwijzen', form: {} },
  { actor: 'operator', path: '/beheer/contactgegevens', form: { 'servicedesk-telefoon': 'x' } },
  { actor: 'aanleveraar', path: '/aanleveren', form: {} },
  { actor: 'aanleveraar', path: '/aanleveren/afronden', form: {} },
  { actor: 'intrekker', path: '/intrekken', form: { bevestiging: 'Amstelveen' } },
  { actor: 'intrekker-delegerend', path: '/intrekken', form: { bevestiging: 'Heerlen' } },
  { actor: 'cbs', path: '/intrekkingen/formulier', form: {} },
  { actor: 'cbs', path: '/op-orde-rapporten/tegenhouden', form: { gemeente: 'geen-id' } },
  { actor: 'cbs', path: '/op-orde-rapporten/vrijgeven', form: { blokkade: 'geen-id' } },
  { actor: 'cbs', path: '/cbs/aanleveringen/instelling', form: { rapporten: 'beide' } },
  {
    actor: 'cbs',
    path: '/cbs/aanleveringen/instelling',
    form: { rapporten: 'alleen-cbs', ronde: 'geen-id' },
  },
  { actor: 'aanleveraar', path: '/feedback', form: { toelichting: 'Quick.' } },
  { actor: 'aanleveraar', path: '/feedback/evaluatie', form: { aanleveren: '5' } },
  { actor: 'aanleveraar', path: '/organisatie-kiezen', form: { organisatie: 'geen-id' } },
];

function record(f: DutchFinding, label: string, who: string) {
  if (isPending(f, label)) return;
  const text = `[${f.kind} ${f.detail}] ${f.text.slice(0, 300)}`;
  const where = failures.get(text) ?? new Map<string, Set<string>>();
  where.set(label, (where.get(label) ?? new Set()).add(who));
  failures.set(text, where);
}

/** Sends each bad form in English and records the Dutch on the page that answers. */
async function sendBadForms(phase: string) {
  for (const { actor, path, form } of BAD_FORMS) {
    const res = await fetch(`${t.url}${path}`, {
      method: 'POST',
      headers: {
        cookie: cookies.get(actor)!,
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ _csrf: csrf.get(actor)!, ...form }).toString(),
      redirect: 'manual',
    });
    const html = await res.text();
    if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) continue;
    formsAnswered.add(`${path} ${res.status}`);
    for (const f of findDutch(visibleTextRuns(html), [...mailTexts(), ...allowed]))
      record(f, `POST ${path} ${JSON.stringify(form)} (${res.status})`, `${actor}/${phase}`);
  }
}

/** A CSV file as runs of text: every cell (quotes removed) of every line. */
function csvRuns(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .flatMap((line) => line.split(';'))
    .map((cell) => cell.replace(/^"|"$/g, '').replace(/""/g, '"').trim())
    .filter((cell) => cell !== '');
}

/** The text layer of a PDF (pdftotext, as content-report-pdf.int uses), one run per line. */
async function pdfRuns(bytes: Buffer): Promise<string[]> {
  const dir = await mkdtemp(nodePath.join(os.tmpdir(), 'ggk-english-pdf-'));
  try {
    await writeFile(nodePath.join(dir, 'r.pdf'), bytes);
    const { stdout } = await promisify(execFile)('pdftotext', [nodePath.join(dir, 'r.pdf'), '-']);
    // Lines of a paragraph joined (a word broken after a slash joined without the space).
    return stdout.split(/\n\s*\n/).map((p) =>
      p
        .replace(/\/\s*\n\s*/g, '/')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The downloads people read (CSV in a spreadsheet, the PDF report) in English: their headers and
 * texts are checked like a page's.
 */
async function checkDownloads(phase: string) {
  const opOrde = await (
    await fetch(`${t.url}/aanleveringen/${ids.approved}/op-orde`, {
      headers: { cookie: cookies.get('rapportontvanger')! },
    })
  ).text();
  const tables = [...opOrde.matchAll(/href="(\/aanleveringen\/[^"]+\/op-orde\/tabellen\/[^"]+)"/g)].map(
    (m) => m[1]!,
  );
  assert.ok(tables.length > 3, 'the op-orde report links its tables as CSV');
  const downloads: Array<[Actor, string]> = [
    ['rapportontvanger', `/aanleveringen/${ids.approved}/rapport.csv`],
    ['rapportontvanger', `/aanleveringen/${ids.rejected}/rapport.csv`],
    ['rapportontvanger', `/aanleveringen/${ids.approved}/op-orde.pdf`],
    ...tables.map((path): [Actor, string] => ['rapportontvanger', path]),
    ['operator', '/beheer/audit.csv'],
    ['operator', '/monitor.csv'],
    ['operator', '/beheer/feedback.csv'],
  ];
  for (const [actor, path] of downloads) {
    const res = await fetch(`${t.url}${path}`, { headers: { cookie: cookies.get(actor)! } });
    assert.equal(res.status, 200, `${path} as ${actor}`);
    const type = res.headers.get('content-type') ?? '';
    const bytes = Buffer.from(await res.arrayBuffer());
    const runs = type.startsWith('application/pdf') ? await pdfRuns(bytes) : csvRuns(bytes.toString('utf8'));
    assert.ok(runs.length > 0, `${path} has text`);
    for (const f of findDutch(runs, allowed)) record(f, `${path} (download)`, `${actor}/${phase}`);
  }
}

/** Fetches every page path as every actor and records the Dutch found, per route and actor. */
async function crawl(phase: string) {
  await logInEveryone();
  const paths = pagePaths();
  for (const route of t.app.accessRoutes) {
    if (route.method !== 'GET' || NOT_PAGES.has(route.url)) continue;
    assert.ok(paths[route.url], `GET ${route.url} is neither listed as a page nor as a non-page`);
  }
  for (const [route, list] of Object.entries(paths)) {
    for (const path of list) {
      for (const actor of Object.keys(ACTORS) as Actor[]) {
        // The login callback has a tight per-address limit; one visitor is enough there.
        if (route === '/inloggen/callback' && actor !== 'anonymous') continue;
        const res = await fetch(`${t.url}${path}`, {
          headers: { cookie: cookies.get(actor)!, accept: 'text/html' },
          redirect: 'manual',
        });
        if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) {
          await res.arrayBuffer();
          continue;
        }
        const html = await res.text();
        if (res.status === 200) pagesChecked.add(`${route} ${actor}`);
        assert.match(html, /<html lang="en">/, `${path} as ${actor} is not English`);
        for (const f of findDutch(visibleTextRuns(html), [...mailTexts(), ...allowed]))
          record(f, `${path} (${res.status})`, `${actor}/${phase}`);
      }
    }
  }
}

before(async () => {
  t = await startTestApp({ now: clock, deliveries: true });
  ids.amsterdam = await idOf('organisations', 'gemeentecode', '0363');
  ids.bram = await idOf('users', 'email', DEMO.bram);
  const organisations = await t.database.db.selectFrom('organisations').select('name').execute();
  const users = await t.database.db.selectFrom('users').select('name').execute();
  const spec = JSON.parse(readFileSync('specs/gmsd/2017.json', 'utf8')) as {
    codeLists: Record<string, { codes: Array<{ label: string }> }>;
  };
  // A label that is also a Dutch interface text ('Totaal') is not allowed: it would hide that text.
  const labels = Object.values(spec.codeLists)
    .flatMap((l) => l.codes.map((c) => c.label))
    .filter((label) => !SHORT_DUTCH_TEXTS.has(label));
  // Longest first, so "Jeugdhulp Regio Zuid-Limburg" goes before a shorter name inside it.
  allowed = [
    ...[...organisations.map((o) => o.name), ...users.map((u) => u.name), ...labels]
      .filter((n) => n.trim() !== '')
      .sort((a, b) => b.length - a.length),
    ...NAMES,
  ];
});
after(async () => {
  await t?.close();
});

test('the check finds Dutch: the Dutch accessibility statement and home page fail it', async () => {
  for (const path of ['/toegankelijkheid', '/']) {
    const html = await (await fetch(`${t.url}${path}`)).text();
    const found = findDutch(visibleTextRuns(html), allowed);
    assert.ok(
      found.some((f) => f.kind === 'catalogue'),
      `${path}: a Dutch catalogue text`,
    );
    assert.ok(
      found.some((f) => f.kind === 'function-words'),
      `${path}: Dutch function words`,
    );
  }
});

test('in the delivery window, the withdrawal window and after a withdrawal, every page in English has no Dutch; mails have an English part', async (context) => {
  // CBS's token page lists an active token and a revoked one.
  ids.cbsToken = (
    await createCbsToken(t.database.db, { name: 'crawl', days: 60, createdBy: null, now: clock() })
  ).row.id;
  const oldCbs = await createCbsToken(t.database.db, {
    name: 'oud',
    days: 60,
    createdBy: null,
    now: clock(),
  });
  await revokeCbsToken(t.database.db, { tokenId: oldCbs.row.id, now: clock(), revokedBy: null });
  // The delivery window: an approved delivery (technical and op-orde report), a rejected one.
  const token = (
    await createApiToken(t.database.db, {
      organisationId: ids.amsterdam!,
      name: 'crawl',
      roles: ['aanleveraar'],
      days: 60,
      createdBy: null,
      now: clock(),
    })
  ).token;
  // The previous half year and a first delivery, so that the op-orde report of the redelivery has
  // comparisons and notable changes (its warnings) to show.
  const earlier = await upload(token, 'WMO_0363_2017H1.csv', generated('2017H1', 400, 1), '2017H1');
  const first = await upload(token, 'WMO_0363_2017H2.csv', generated('2017H2', 200, 2));
  for (const id of [earlier, first])
    await waitUntil(
      'an op-orde report',
      async () => (await findContentReport(t.database.db, id)) !== undefined,
    );
  ids.approved = await upload(token, 'WMO_0363_2017H2.csv', generated('2017H2', 900, 3));
  await waitUntil('the approved delivery', async () => (await stateOf(ids.approved!)) === 'approved');
  await waitUntil(
    'the op-orde report',
    async () => (await findContentReport(t.database.db, ids.approved!)) !== undefined,
  );
  const contentReport = await findContentReport(t.database.db, ids.approved!);
  assert.ok(
    JSON.stringify(contentReport!.contents).includes('"C-01"'),
    'the report of the redelivery has notable changes',
  );
  // CBS holds Utrecht's reports: Utrecht's new report waits (CBS sees it held, with a release).
  await logInEveryone();
  const utrecht = await idOf('organisations', 'gemeentecode', '0344');
  const hold = await fetch(`${t.url}/op-orde-rapporten/tegenhouden`, {
    method: 'POST',
    headers: {
      cookie: cookies.get('cbs')!,
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ _csrf: csrf.get('cbs')!, gemeente: utrecht }).toString(),
  });
  assert.equal(hold.status, 200, await hold.text());
  const utrechtToken = (
    await createApiToken(t.database.db, {
      organisationId: utrecht,
      name: 'crawl',
      roles: ['aanleveraar'],
      days: 60,
      createdBy: null,
      now: clock(),
    })
  ).token;
  ids.held = await upload(utrechtToken, 'WMO_0344_2017H2.csv', generated('2017H2', 100, 4, '0344'));
  await waitUntil(
    'the held op-orde report',
    async () => (await findContentReport(t.database.db, ids.held!))?.state === 'held',
  );
  ids.rejected = await upload(
    token,
    'WMO_0363_2017H2.csv',
    new Uint8Array(readFileSync('test/fixtures/validation/field-mixed/WMO_0363_2017H2.csv')),
  );
  await waitUntil('the rejected delivery', async () => (await stateOf(ids.rejected!)) === 'rejected');

  // An invitation, a registration, feedback: through the forms, in English.
  const anne = await englishClient(DEMO.anne);
  const invited = await anne.post(
    '/organisatie/gebruikers/uitnodigen',
    {
      naam: 'Olaf Nieuw',
      email: 'olaf.nieuw@amsterdam.example',
      rollen: ['aanleveraar', 'rapportontvanger'],
      persoonlijk: 'ja',
    },
    '/organisatie/gebruikers',
  );
  assert.equal(invited.status, 303, await invited.text());
  const invitation = await t.mail.waitFor((m) => m.to.includes('olaf.nieuw@amsterdam.example'), 10_000);
  ids.invitation = /\/uitnodiging\/([^\s/]+)/.exec(invitation.text)![1]!;
  const visitor = new WebClient(t.url);
  visitor.cookies.set('ggk_taal', 'en');
  const groningen = await idOf('organisations', 'gemeentecode', '0014');
  const registered = await visitor.post(
    '/aanmelden',
    {
      organisatie: groningen,
      naam: 'Pim Aanmelder',
      email: 'pim.aanmelder@groningen.example',
      functie: 'Coordinator',
    },
    '/aanmelden',
  );
  assert.equal(registered.status, 303, await registered.text());
  const bram = await englishClient(DEMO.bram);
  const feedback = await bram.post(
    '/feedback',
    { waardering: '4', toelichting: 'Quick upload, clear report.', pagina: '/aanleveringen' },
    '/feedback',
  );
  assert.equal(feedback.status, 303, await feedback.text());
  await crawl('delivery window');
  const heldPage = await fetch(`${t.url}/aanleveringen/${ids.held}/op-orde`, {
    headers: { cookie: cookies.get('cbs')! },
  });
  assert.equal(heldPage.status, 200);
  assert.match(await heldPage.text(), /Held by CBS/);
  await checkDownloads('delivery window');
  await sendBadForms('delivery window');

  // The withdrawal window: the evaluation opens, the intrekker sees what would go.
  base = Date.parse('2018-03-15T09:00:00Z');
  const bramLater = await englishClient(DEMO.bram);
  const evaluation = await bramLater.post(
    '/feedback/evaluatie',
    { aanleveren: '5', technisch_rapport: '4', op_orde_rapport: '4', snelheid: '5', waardering: '4' },
    '/feedback/evaluatie',
  );
  assert.equal(evaluation.status, 303, await evaluation.text());
  await crawl('withdrawal window');
  await sendBadForms('withdrawal window');

  // After the withdrawal: the confirmation, the withdrawn deliveries, the lists of withdrawals.
  const daan = await englishClient(DEMO.daan);
  const withdrawn = await daan.post('/intrekken', { bevestiging: 'Amsterdam', reden: 'Test' }, '/intrekken');
  assert.equal(withdrawn.status, 303, await withdrawn.text());
  await crawl('after the withdrawal');

  // Too many login attempts from one address: the refusal is English too (last: it blocks
  // logging in from this address for a minute).
  let limited: Response | undefined;
  for (let i = 0; i < 40 && limited?.status !== 429; i++) {
    limited = await fetch(`${t.url}/inloggen/callback`, {
      headers: { cookie: 'ggk_taal=en', accept: 'text/html' },
      redirect: 'manual',
    });
    if (limited.status !== 429) await limited.arrayBuffer();
  }
  assert.equal(limited?.status, 429);
  // The limiter answers with a problem document (its title is the message), pages with HTML.
  const body = await limited!.text();
  const runs = (limited!.headers.get('content-type') ?? '').includes('json')
    ? [(JSON.parse(body) as { title: string }).title]
    : visibleTextRuns(body);
  for (const f of findDutch(runs, allowed)) record(f, '/inloggen/callback (429)', 'anonymous/rate limit');

  // Every mail sent on the way has an English part without Dutch.
  const mailProblems: string[] = [];
  for (const m of t.mail.messages()) {
    const [, english] = m.text.split('---------- English ----------');
    if (english === undefined) {
      mailProblems.push(`mail "${m.subject}" to ${m.to.join(', ')} has no English part`);
      continue;
    }
    for (const f of findDutch(english.split(/\n\s*\n/), allowed))
      if (!isPending(f)) mailProblems.push(`mail "${m.subject}": [${f.kind} ${f.detail}] ${f.text}`);
  }
  assert.ok(t.mail.messages().length >= 3, 'the journey sends mail');

  const report = [...failures].map(
    ([text, where]) =>
      `${text}\n${[...where].map(([path, who]) => `    on ${path} as ${[...who].join(', ')}`).join('\n')}`,
  );
  assert.ok(formsAnswered.size > 15, `only ${formsAnswered.size} bad forms answered with a page`);
  for (const actor of Object.keys(ACTORS) as Actor[])
    if (actor !== 'anonymous') assert.ok(pagesChecked.has(`/account ${actor}`), `${actor} is logged in`);
  assert.ok(pagesChecked.has('/aanleveren samenwerkingsverband'), 'the samenwerkingsverband delivers');
  assert.ok(pagesChecked.size > 40, `only ${pagesChecked.size} pages were seen with status 200`);
  for (const p of PENDING)
    context.diagnostic(
      `${pendingSeen.has(p) ? 'still pending' : 'NOT SEEN (remove it)'}: ${p.owner}: ${String(p.text)}`,
    );
  const all = [...report, ...mailProblems];
  assert.equal(all.length, 0, `Dutch in English (${all.length}):\n${all.join('\n')}`);
});
