// Every form that can be refused answers a refusal the same way (issue 9), in Dutch and in English:
// a 4xx page with the error summary at the top (announced, focusable, focused), one link per message
// to the field it is about, that field marked invalid and described by its message, and forms that
// leave validation to the server (novalidate, no required/pattern that would bring native bubbles).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { recordDeliveryWithoutFiles } from '../../src/modules/deliveries/index.ts';
import { formatDateTime } from '../../src/modules/i18n/index.ts';
import { errorText, isErrorCode } from '../../src/platform/errors/app-error.ts';
import { MAX_TOKEN_DAYS } from '../../src/modules/auth/api-token-service.ts';
import { MAX_FEEDBACK_CHARS } from '../../src/modules/monitoring/feedback-service.ts';
import { amsterdamInstant } from '../../src/platform/time/amsterdam-time.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';
import { DEMO, organisationByCode, userByEmail } from '../support/factories.ts';

let now = amsterdamInstant('2018-02-20', '10:00');
let t: TestApp;

before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
});
after(async () => {
  await t.close();
});

const TITLE = { nl: 'Er is iets niet goed ingevuld', en: 'Something was not filled in correctly' };
type Lang = keyof typeof TITLE;

interface Element {
  tag: string;
  attrs: Map<string, string>;
  /** Where the start tag begins and ends in the page. */
  start: number;
  end: number;
}

/** The start tags of a server-rendered page with their attributes (our markup: double-quoted values). */
function elements(html: string): Element[] {
  const out: Element[] = [];
  const tag = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)\s*\/?>/g;
  for (const m of html.matchAll(tag)) {
    const attrs = new Map<string, string>();
    for (const a of (m[2] ?? '').matchAll(/([^\s"'>/=]+)(?:="([^"]*)")?/g)) attrs.set(a[1]!, a[2] ?? '');
    out.push({ tag: m[1]!.toLowerCase(), attrs, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const decode = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();

/** The text of the element whose start tag is `el` (up to its first matching close tag; no nesting of the same tag). */
function textOf(html: string, el: Element): string {
  const close = html.indexOf(`</${el.tag}>`, el.end);
  return decode(html.slice(el.end, close));
}

interface SummaryItem {
  /** The field the item links to. */
  id: string;
  message: string;
}

/**
 * Checks a refused page and returns the items its summary links to. `expected` is a field id the
 * summary must link to (the field the refusal is about).
 */
function assertRefusal(
  what: string,
  lang: Lang,
  status: number,
  html: string,
  expected: string,
): SummaryItem[] {
  const label = `${what} (${lang})`;
  assert.ok(status >= 400 && status < 500, `${label}: status ${status}`);
  assert.match(html, new RegExp(`<html lang="${lang}"`), `${label}: page language`);
  const all = elements(html);
  const byId = new Map<string, Element[]>();
  for (const el of all) {
    const id = el.attrs.get('id');
    if (id !== undefined) byId.set(id, [...(byId.get(id) ?? []), el]);
  }
  for (const [id, list] of byId) assert.equal(list.length, 1, `${label}: id "${id}" is unique`);

  // No native validation: every form has novalidate, no field has required/pattern/min/max bubbles.
  const forms = all.filter((e) => e.tag === 'form');
  assert.ok(forms.length > 0, `${label}: has forms`);
  for (const f of forms)
    assert.ok(f.attrs.has('novalidate'), `${label}: form ${f.attrs.get('action')} novalidate`);
  for (const el of all.filter((e) => ['input', 'select', 'textarea'].includes(e.tag))) {
    for (const native of ['required', 'pattern', 'minlength', 'maxlength', 'min', 'max'])
      assert.ok(!el.attrs.has(native), `${label}: ${el.attrs.get('id')} has no ${native}`);
  }

  // The summary: at the top of the main content, announced, focusable and focused on load.
  const summary = byId.get('foutmeldingen')?.[0];
  assert.ok(summary, `${label}: an error summary`);
  assert.equal(summary.attrs.get('role'), 'alert', `${label}: summary role`);
  assert.equal(summary.attrs.get('tabindex'), '-1', `${label}: summary tabindex`);
  assert.ok(summary.attrs.has('autofocus'), `${label}: summary takes focus`);
  const main = all.find((e) => e.tag === 'main');
  assert.ok(main && main.start < summary.start, `${label}: summary inside main`);
  const firstForm = forms.find((f) => f.start > main.start);
  if (firstForm) assert.ok(summary.start < firstForm.start, `${label}: summary before the first form`);
  const titleEl = byId.get(summary.attrs.get('aria-labelledby') ?? '')?.[0];
  assert.ok(titleEl, `${label}: summary is labelled by its heading`);
  assert.equal(textOf(html, titleEl), TITLE[lang], `${label}: summary heading in the page's language`);

  const summaryEnd = html.indexOf('</div>', summary.end);
  const links = all.filter((e) => e.tag === 'a' && e.start > summary.end && e.start < summaryEnd);
  assert.ok(links.length > 0, `${label}: the summary has links`);
  const items = (html.slice(summary.end, summaryEnd).match(/<li\b/g) ?? []).length;
  const targets: string[] = [];
  const linked: SummaryItem[] = [];
  for (const link of links) {
    const href = link.attrs.get('href') ?? '';
    assert.match(href, /^#[^#\s]+$/, `${label}: summary link ${href} points into the page`);
    const id = href.slice(1);
    targets.push(id);
    const target = byId.get(id)?.[0];
    assert.ok(target, `${label}: the summary links to #${id}, which is on the page`);
    const message = textOf(html, link);
    assert.ok(message.length > 0, `${label}: link text`);
    linked.push({ id, message });
    if (target.tag === 'form') continue; // a message about the whole form (e.g. one row's action)
    const invalid =
      target.attrs.get('aria-invalid') === 'true' || /--invalid\b/.test(target.attrs.get('class') ?? '');
    assert.ok(invalid, `${label}: #${id} is marked invalid`);
    const describedBy = (target.attrs.get('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    assert.ok(describedBy.length > 0, `${label}: #${id} has aria-describedby`);
    const described = describedBy.map((d) => {
      const el = byId.get(d)?.[0];
      assert.ok(el, `${label}: #${id} is described by #${d}, which is on the page`);
      return textOf(html, el);
    });
    assert.ok(described.includes(message), `${label}: #${id} is described by its message "${message}"`);
  }
  assert.ok(
    targets.includes(expected),
    `${label}: the summary links to #${expected} (has ${targets.join(', ')})`,
  );
  assert.ok(items >= links.length, `${label}: every link is an item of the summary list`);
  return items === links.length
    ? linked
    : [...linked, { id: '', message: `${items - links.length} unlinked` }];
}

async function login(email: string, lang: Lang) {
  const c = new WebClient(t.url);
  if (lang === 'en') c.cookies.set('ggk_taal', 'en');
  const res = await c.loginAs(demoSubjectOf(email));
  assert.equal(res.status, 303, `login of ${email}`);
  return c;
}

async function refused(
  c: WebClient,
  what: string,
  lang: Lang,
  path: string,
  form: Record<string, string | string[]>,
  page: string,
  expected: string,
) {
  const res = await c.post(path, form, page);
  return assertRefusal(what, lang, res.status, await res.text(), expected);
}

/**
 * The text of a refusal in one language, from the error catalogue: `error.<code>` or
 * `error.<code>.<reason>`.
 */
function message(lang: Lang, key: string, params?: Record<string, unknown>): string {
  const name = key.replace(/^error\./, '');
  const parent = name.slice(0, name.lastIndexOf('.'));
  const [code, reason] = isErrorCode(name) ? [name, undefined] : [parent, name.slice(parent.length + 1)];
  assert.ok(isErrorCode(code), `a code for ${key}`);
  return errorText(lang, code, { ...params, ...(reason ? { reason } : {}) }, (d) => formatDateTime(lang, d));
}

/**
 * A form with several wrong fields: the summary lists every problem at once, in the order of the
 * form, one linked item per wrong field (each marked invalid and described by its message, see
 * assertRefusal), in the page's language. `expected`: [field id, catalogue key, params?] in page order.
 */
async function refusedAll(
  c: WebClient,
  what: string,
  lang: Lang,
  path: string,
  form: Record<string, string | string[]>,
  page: string,
  expected: [field: string, key: string, params?: Record<string, unknown>][],
) {
  assert.ok(expected.length >= 2, `${what}: several wrong fields`);
  const res = await c.post(path, form, page);
  const items = assertRefusal(what, lang, res.status, await res.text(), expected[0]![0]);
  assert.deepEqual(
    items,
    expected.map(([id, key, params]) => ({ id, message: message(lang, key, params) })),
    `${what} (${lang}): one linked item per wrong field, in the page's language`,
  );
}

async function userId(email: string) {
  return (await userByEmail(t.database.db, email)).id;
}

for (const lang of ['nl', 'en'] as const) {
  test(`forms in the delivery window refuse with a linked error summary (${lang})`, async () => {
    now = amsterdamInstant('2018-02-20', '10:00');
    const visitor = new WebClient(t.url);
    if (lang === 'en') visitor.cookies.set('ggk_taal', 'en');
    await refused(
      visitor,
      'registration',
      lang,
      '/aanmelden',
      { naam: 'Piet', email: 'piet@gemeente.example' },
      '/aanmelden',
      'organisatie',
    );

    const anne = await login(DEMO.anne, lang);
    await refused(
      anne,
      'invitation',
      lang,
      '/organisatie/gebruikers/uitnodigen',
      { naam: '', email: 'iemand@amsterdam.example', rollen: 'aanleveraar', persoonlijk: 'ja' },
      '/organisatie/gebruikers',
      'naam',
    );
    await refused(
      anne,
      'invitation e-mail',
      lang,
      '/organisatie/gebruikers/uitnodigen',
      { naam: 'Iemand', email: 'geen-adres', rollen: 'aanleveraar', persoonlijk: 'ja' },
      '/organisatie/gebruikers',
      'email',
    );
    await refused(
      anne,
      'invitation without confirming the address is personal',
      lang,
      '/organisatie/gebruikers/uitnodigen',
      { naam: 'Iemand', email: 'iemand@amsterdam.example', rollen: 'aanleveraar' },
      '/organisatie/gebruikers',
      'persoonlijk',
    );
    const anneId = await userId(DEMO.anne);
    await refused(
      anne,
      'revoking the last administrator',
      lang,
      '/organisatie/gebruikers/rol-intrekken',
      { gebruiker: anneId, rol: 'gebruikersbeheerder' },
      '/organisatie/gebruikers',
      `intrekken-${anneId}-gebruikersbeheerder`,
    );
    await refused(
      anne,
      'new API token',
      lang,
      '/organisatie/api-tokens',
      { naam: '', dagen: '90', rollen: 'aanleveraar' },
      '/organisatie/api-tokens',
      'naam',
    );
    await refused(
      anne,
      'API token days',
      lang,
      '/organisatie/api-tokens',
      { naam: 'Koppeling', dagen: '100000', rollen: 'aanleveraar' },
      '/organisatie/api-tokens',
      'dagen',
    );

    // A registration to decide on, then a rejection without a reason.
    const applicant = new WebClient(t.url);
    const amstelveen = await organisationByCode(t.database.db, lang === 'nl' ? '0362' : '0384');
    const applied = await applicant.post(
      '/aanmelden',
      {
        organisatie: amstelveen.id,
        naam: 'Aanvrager',
        email: `aanvrager.${lang}@gemeente.example`,
        functie: '',
      },
      '/aanmelden',
    );
    assert.equal(applied.status, 303, 'a registration to decide on');
    const registration = await t.database.db
      .selectFrom('registration_requests')
      .select('id')
      .where('applicant_email', '=', `aanvrager.${lang}@gemeente.example`)
      .executeTakeFirstOrThrow();
    const ivo = await login(DEMO.ivo, lang);
    await refused(
      ivo,
      'registration rejection',
      lang,
      '/beheer/aanmeldingen/afwijzen',
      { aanmelding: registration.id },
      '/beheer/aanmeldingen',
      `reden-${registration.id}`,
    );
    const search = await ivo.get('/beheer/servicedesk?zoek=a');
    assertRefusal('servicedesk search', lang, search.status, await search.text(), 'zoek');
    for (const [what, path, field] of [
      ['audit filter (user)', '/beheer/audit?gebruiker=niemand%40nergens.example', 'gebruiker'],
      ['audit filter (organisation)', '/beheer/audit?organisatie=Nergenshuizen', 'organisatie'],
      ['login attempts search', '/beheer/inlogpogingen?gemeentecode=12', 'gemeentecode'],
      [
        'login attempts search (user)',
        '/beheer/inlogpogingen?gebruiker=niemand%40nergens.example',
        'gebruiker',
      ],
    ] as const) {
      const res = await ivo.get(path);
      assertRefusal(what, lang, res.status, await res.text(), field);
    }
    const ownAudit = await anne.get('/organisatie/audit?gebruiker=niemand%40nergens.example');
    assertRefusal('organisation audit filter', lang, ownAudit.status, await ownAudit.text(), 'gebruiker');

    const kim = await login(DEMO.kim, lang);
    await refused(kim, 'feedback', lang, '/feedback', { toelichting: 'Snel!' }, '/feedback', 'waardering');
    await refused(
      kim,
      'feedback too long',
      lang,
      '/feedback',
      { waardering: '4', toelichting: 'x'.repeat(5000) },
      '/feedback',
      'toelichting',
    );

    const julia = await login(DEMO.julia, lang);
    await refused(
      julia,
      'content-report hold',
      lang,
      '/op-orde-rapporten/tegenhouden',
      { gemeente: 'geen-gemeente' },
      '/op-orde-rapporten',
      'gemeente',
    );
    const cbsForm = { gemeentecode: '9999', ronde: '', ontvangen: '', kenmerk: 'CBS-1', reden: '' };
    await refused(
      julia,
      'CBS form',
      lang,
      '/intrekkingen/formulier',
      cbsForm,
      '/intrekkingen',
      'gemeentecode',
    );
    await refused(
      julia,
      'CBS form reference',
      lang,
      '/intrekkingen/formulier',
      { ...cbsForm, kenmerk: '' },
      '/intrekkingen',
      'kenmerk',
    );
  });
}

for (const lang of ['nl', 'en'] as const) {
  test(`a form with several wrong fields lists every problem at once, each linked to its field (${lang})`, async () => {
    now = amsterdamInstant('2018-02-20', '10:00');
    const visitor = new WebClient(t.url);
    if (lang === 'en') visitor.cookies.set('ggk_taal', 'en');
    await refusedAll(
      visitor,
      'registration, three wrong fields',
      lang,
      '/aanmelden',
      { organisatie: '', naam: ' ', email: 'geen-adres', functie: '' },
      '/aanmelden',
      [
        ['organisatie', 'error.registration.organisation_required'],
        ['naam', 'error.registration.name_required'],
        ['email', 'error.user.bad_email'],
      ],
    );
    const refusedRegistrations = await t.database.db
      .selectFrom('registration_requests')
      .select('id')
      .where('applicant_email', '=', 'geen-adres')
      .execute();
    assert.equal(refusedRegistrations.length, 0, 'nothing stored');

    const anne = await login(DEMO.anne, lang);
    await refusedAll(
      anne,
      'invitation, three wrong fields',
      lang,
      '/organisatie/gebruikers/uitnodigen',
      { naam: '', email: 'geen-adres', rollen: ['aanleveraar', 'baas'], persoonlijk: 'ja' },
      '/organisatie/gebruikers',
      [
        ['naam', 'error.user.name_required'],
        ['email', 'error.user.bad_email'],
        ['rollen', 'error.user.bad_role', { roles: 'baas' }],
      ],
    );
    const tokensBefore = await t.database.db.selectFrom('api_tokens').select('id').execute();
    await refusedAll(
      anne,
      'new API token, three wrong fields',
      lang,
      '/organisatie/api-tokens',
      { naam: '', dagen: '0' },
      '/organisatie/api-tokens',
      [
        ['naam', 'error.token.name_required'],
        ['rollen', 'error.token.roles_required'],
        ['dagen', 'error.token.bad_expiry', { max: MAX_TOKEN_DAYS }],
      ],
    );
    await refusedAll(
      anne,
      'new API token, two wrong fields',
      lang,
      '/organisatie/api-tokens',
      { naam: 'Koppeling', dagen: '', rollen: ['aanleveraar', 'gebruikersbeheerder'] },
      '/organisatie/api-tokens',
      [
        [
          'rollen',
          'error.token.bad_role',
          { roles: 'gebruikersbeheerder', allowed: 'aanleveraar, rapportontvanger, intrekker' },
        ],
        ['dagen', 'error.token.bad_expiry', { max: MAX_TOKEN_DAYS }],
      ],
    );
    assert.deepEqual(await t.database.db.selectFrom('api_tokens').select('id').execute(), tokensBefore);

    const kim = await login(DEMO.kim, lang);
    const tooLong = 'x'.repeat(MAX_FEEDBACK_CHARS + 1);
    await refusedAll(
      kim,
      'feedback, two wrong fields',
      lang,
      '/feedback',
      { waardering: '9', toelichting: tooLong },
      '/feedback',
      [
        ['waardering', 'error.feedback.bad_rating.rating'],
        ['toelichting', 'error.feedback.too_long', { length: tooLong.length, max: MAX_FEEDBACK_CHARS }],
      ],
    );

    const julia = await login(DEMO.julia, lang);
    await refusedAll(
      julia,
      'CBS form, five wrong fields',
      lang,
      '/intrekkingen/formulier',
      { gemeentecode: '12', ronde: '', ontvangen: '2018-13-40', kenmerk: ' ', reden: 'r'.repeat(1001) },
      '/intrekkingen',
      [
        ['gemeentecode', 'error.withdrawal.gemeente_unknown', { gemeentecode: '12' }],
        ['ronde', 'error.withdrawal.round_unknown'],
        ['ontvangen', 'error.withdrawal.date_invalid'],
        ['kenmerk', 'error.withdrawal.reference_required'],
        ['reden', 'error.withdrawal.reason_too_long'],
      ],
    );
    await refusedAll(
      julia,
      'CBS form, date in the future and reference too long',
      lang,
      '/intrekkingen/formulier',
      { gemeentecode: '0363', ronde: '', ontvangen: '2018-02-21', kenmerk: 'K'.repeat(101), reden: '' },
      '/intrekkingen',
      [
        ['ronde', 'error.withdrawal.round_unknown'],
        ['ontvangen', 'error.withdrawal.date_future'],
        ['kenmerk', 'error.withdrawal.reference_too_long'],
      ],
    );
  });
}

test('forms after the delivery window refuse with a linked error summary (withdrawal, evaluation)', async () => {
  now = amsterdamInstant('2018-02-20', '10:00');
  const amsterdam = await organisationByCode(t.database.db, '0363');
  const round = await t.database.db
    .selectFrom('rounds')
    .select('id')
    .where('half_year', '=', '2017H2')
    .executeTakeFirstOrThrow();
  await recordDeliveryWithoutFiles(t.database.db, {
    roundId: round.id,
    organisationId: amsterdam.id,
    gemeenteId: amsterdam.id,
    halfYear: '2017H2',
    receiptNumber: 'FORMS-0001',
    uploadedBy: await userId(DEMO.bram),
    receivedAt: now,
  });
  now = amsterdamInstant('2018-03-15', '10:00');
  try {
    for (const lang of ['nl', 'en'] as const) {
      const daan = await login(DEMO.daan, lang);
      await refused(
        daan,
        'withdrawal confirmation',
        lang,
        '/intrekken',
        { bevestiging: 'Amstelveen', reden: '' },
        '/intrekken',
        'bevestiging',
      );
      await refused(
        daan,
        'withdrawal part',
        lang,
        '/intrekken',
        { deel: '2017H2:bsn', bevestiging: 'Amsterdam', reden: '' },
        '/intrekken',
        'deel',
      );
      const kim = await login(DEMO.kim, lang);
      const answers = {
        aanleveren: '5',
        technisch_rapport: '4',
        op_orde_rapport: '3',
        snelheid: '',
        waardering: '4',
      };
      await refused(
        kim,
        'evaluation',
        lang,
        '/feedback/evaluatie',
        answers,
        '/feedback/evaluatie',
        'snelheid',
      );
      await refusedAll(
        kim,
        'evaluation, three wrong answers',
        lang,
        '/feedback/evaluatie',
        { ...answers, technisch_rapport: '0', waardering: '' },
        '/feedback/evaluatie',
        [
          ['technisch_rapport', 'error.feedback.bad_rating.technisch_rapport'],
          ['snelheid', 'error.feedback.bad_rating.snelheid'],
          ['waardering', 'error.feedback.bad_rating.overall'],
        ],
      );
    }
  } finally {
    now = amsterdamInstant('2018-02-20', '10:00');
  }
});
