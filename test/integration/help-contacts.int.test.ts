// Help at hand (issue 20): the current round's contact details are on every page's footer, on every
// error page (404, 403, a refusal) and under every mail, in Dutch and English; the operator changes
// them on /beheer/contactgegevens, anyone else is refused (403), and a wrong phone or address is
// refused at its field.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_CONTACTS, demoSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';
import { DEMO } from '../support/factories.ts';

let t: TestApp;
before(async () => {
  // With the demo's round open today, so the upload page shows its form.
  t = await startTestApp({ openRound: true });
});
after(async () => {
  await t.close();
});

const contactsOf = (html: string) => /data-testid="contacts"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
const noteOf = (html: string) => /data-testid="contact-note">[\s\S]*?<\/p>/.exec(html)?.[0] ?? '';

test('every page and every error page names the servicedesk, in the visitor’s language', async () => {
  const visitor = new WebClient(t.url);
  const home = await (await visitor.get('/')).text();
  const footer = contactsOf(home);
  assert.match(footer, /href="tel:0301234567">030 123 45 67<\/a>/);
  assert.match(footer, /href="mailto:servicedesk@ggk.example">servicedesk@ggk.example<\/a>/);
  assert.match(footer, new RegExp(DEMO_CONTACTS.servicedeskHoursNl));
  assert.match(
    footer,
    /CBS, <a [^>]*href="tel:0885707070">088 570 70 70<\/a> of <a [^>]*>monitorsociaaldomein@cbs.nl/,
  );
  assert.match(home, /<footer[\s\S]*href="\/help">Hulp<\/a>/);

  const missing = await visitor.get('/bestaat-niet');
  assert.equal(missing.status, 404);
  const missingPage = await missing.text();
  assert.match(
    noteOf(missingPage),
    /bel <a [^>]*>030 123 45 67<\/a> of mail <a [^>]*>servicedesk@ggk.example/,
  );
  assert.match(contactsOf(missingPage), /030 123 45 67/);

  const bram = new WebClient(t.url);
  assert.equal((await bram.loginAs(demoSubjectOf(DEMO.bram))).status, 303);
  const refused = await bram.get('/beheer/contactgegevens');
  assert.equal(refused.status, 403);
  assert.match(noteOf(await refused.text()), /030 123 45 67/);

  assert.equal((await visitor.get('/taal/en?terug=/bestaat-niet')).status, 303);
  const english = await (await visitor.get('/bestaat-niet')).text();
  assert.match(noteOf(english), /Still stuck\? Contact the ggk service desk: call <a [^>]*>030 123 45 67/);
  assert.match(contactsOf(english), new RegExp(DEMO_CONTACTS.servicedeskHoursEn));
  assert.doesNotMatch(contactsOf(english), new RegExp(DEMO_CONTACTS.servicedeskHoursNl));
});

test('only the operator sees and changes the contact details: 403 for every other role', async () => {
  for (const email of [DEMO.anne, DEMO.bram, DEMO.julia]) {
    const user = new WebClient(t.url);
    assert.equal((await user.loginAs(demoSubjectOf(email))).status, 303);
    assert.equal((await user.get('/beheer/contactgegevens')).status, 403, email);
    const post = await user.post('/beheer/contactgegevens', { 'servicedesk-telefoon': '020 111 22 33' });
    assert.equal(post.status, 403, email);
  }
  const anonymous = new WebClient(t.url);
  assert.equal((await anonymous.get('/beheer/contactgegevens')).status, 303, 'to the login');
  const home = await (await anonymous.get('/')).text();
  assert.match(contactsOf(home), /030 123 45 67/, 'nothing was changed');
});

test('the operator changes them: refused at the field when wrong, shown on the next page and under the next mail', async () => {
  const ivo = new WebClient(t.url);
  assert.equal((await ivo.loginAs(demoSubjectOf(DEMO.ivo))).status, 303);
  const page = await (await ivo.get('/beheer/contactgegevens')).text();
  assert.match(page, /id="servicedesk-telefoon"[^>]*value="030 123 45 67"/);
  const round = /name="ronde" value="([^"]+)"/.exec(page)?.[1];
  assert.ok(round);

  const form = {
    ronde: round!,
    'servicedesk-telefoon': '020 765 43 21',
    'servicedesk-email': 'helpdesk@ggk.example',
    'servicedesk-tijden-nl': 'maandag tot en met vrijdag, 9.00 tot 16.00 uur',
    'servicedesk-tijden-en': 'Monday to Friday, 9:00 to 16:00',
    'cbs-telefoon': '',
    'cbs-email': 'gmsd@cbs.example',
  };
  const wrong = await ivo.post(
    '/beheer/contactgegevens',
    { ...form, 'servicedesk-telefoon': 'bel ons', 'cbs-email': 'geen adres' },
    '/beheer/contactgegevens',
  );
  assert.equal(wrong.status, 400);
  const wrongPage = await wrong.text();
  assert.match(
    wrongPage,
    /href="#servicedesk-telefoon">Het telefoonnummer van de servicedesk is geen geldig/,
  );
  assert.match(wrongPage, /href="#cbs-email">Het e-mailadres van CBS is geen geldig e-mailadres/);
  assert.match(wrongPage, /id="servicedesk-telefoon"[^>]*value="bel ons"/, 'what was typed is kept');
  const bsnLike = await ivo.post(
    '/beheer/contactgegevens',
    { ...form, 'servicedesk-telefoon': '111222333' },
    '/beheer/contactgegevens',
  );
  assert.equal(bsnLike.status, 400);
  assert.match(await bsnLike.text(), /lijkt op een burgerservicenummer/);
  assert.match(contactsOf(await (await ivo.get('/')).text()), /030 123 45 67/, 'a refusal changes nothing');

  const saved = await ivo.post('/beheer/contactgegevens', form, '/beheer/contactgegevens');
  assert.equal(saved.status, 303);
  assert.match(await (await ivo.get(saved.headers.get('location')!)).text(), /zijn opgeslagen/);

  const footer = contactsOf(await (await new WebClient(t.url).get('/')).text());
  assert.match(footer, /020 765 43 21/);
  assert.match(footer, /helpdesk@ggk.example/);
  assert.match(footer, /maandag tot en met vrijdag/);
  assert.match(footer, /CBS, <a [^>]*>gmsd@cbs.example<\/a>\./, 'CBS by mail only');
  assert.doesNotMatch(footer, /030 123 45 67|088 570 70 70/);

  // A real mail, through the outbox and the mail catcher: the new details under both languages.
  const anne = new WebClient(t.url);
  await anne.loginAs(demoSubjectOf(DEMO.anne));
  const invited = await anne.post(
    '/organisatie/gebruikers/uitnodigen',
    {
      naam: 'Pim Contact',
      email: 'pim.contact@amsterdam.example',
      rollen: ['aanleveraar'],
      persoonlijk: 'ja',
    },
    '/organisatie/gebruikers',
  );
  assert.equal(invited.status, 303);
  const mail = await t.mail.waitFor((m) => m.to.includes('pim.contact@amsterdam.example'), 10_000);
  assert.match(
    mail.text,
    /Vragen\? Servicedesk ggk: 020 765 43 21, helpdesk@ggk.example \(maandag tot en met vrijdag, 9.00 tot 16.00 uur\)\./,
  );
  assert.match(
    mail.text,
    /Questions\? ggk service desk: 020 765 43 21, helpdesk@ggk.example \(Monday to Friday/,
  );
  assert.match(mail.text, /Vragen over de monitor: CBS, gmsd@cbs.example\./);
  assert.match(mail.text, /Hulp en veelgestelde vragen: http:\/\/\S+\/help/);
});

test('the upload page states the consent that delivering gives, before the button', async () => {
  const bram = new WebClient(t.url);
  assert.equal((await bram.loginAs(demoSubjectOf(DEMO.bram))).status, 303);
  const page = await (await bram.get('/aanleveren')).text();
  const consent = page.indexOf('data-testid="consent"');
  const button = page.lastIndexOf('type="submit"');
  assert.ok(consent > 0, 'the consent is on the page');
  assert.ok(consent < button, 'before the upload button');
  assert.match(
    page,
    /Door aan te leveren geeft <span lang="nl">Amsterdam<\/span> toestemming dat CBS deze gegevens gebruikt voor onderzoek en publicatie/,
  );
  assert.equal((await bram.get('/taal/en?terug=/aanleveren')).status, 303);
  assert.match(
    await (await bram.get('/aanleveren')).text(),
    /By delivering, <span lang="nl">Amsterdam<\/span> consents to CBS using these data for research and publication/,
  );
});
