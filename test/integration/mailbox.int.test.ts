// The built-in mailbox page (/beheer/mail) inside the portal follows the visitor's language cookie:
// the operator who switched to English gets the caught mail listed in English, dates included.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { createMailer } from '../../src/platform/mail/mailer.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';
import { DEMO } from '../support/factories.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({});
});
after(async () => {
  await t.close();
});

test('the mailbox page is Dutch by default and English after the language switch', async () => {
  const mailer = createMailer({ smtpUrl: t.mail.smtpUrl, from: 'ggk <noreply@ggk.localhost>' });
  await mailer.send({ to: 'anne@gemeente.example', subject: 'Proefbericht', text: 'Bekijk het rapport.' });
  mailer.close();
  await t.mail.waitFor((m) => m.subject === 'Proefbericht', 10_000);

  const ivo = new WebClient(t.url);
  assert.equal((await ivo.loginAs(demoSubjectOf(DEMO.ivo))).status, 303);
  const dutch = await (await ivo.get('/beheer/mail')).text();
  assert.match(dutch, /<html lang="nl">/);
  assert.match(dutch, /id="mailbox-titel">Ontvangen e-mail</);
  assert.match(dutch, /\d+ ontvangen e-mails?, nieuwste eerst/);
  assert.match(dutch, /scope="col">Onderwerp</);
  assert.match(dutch, />Proefbericht</);

  assert.equal((await ivo.get('/taal/en?terug=/beheer/mail')).status, 303);
  const english = await (await ivo.get('/beheer/mail')).text();
  assert.match(english, /<html lang="en">/);
  assert.match(english, /id="mailbox-titel">Received e-mail</);
  assert.match(english, /\d+ received e-mails?, newest first/);
  assert.match(english, /scope="col">Received<[\s\S]*scope="col">To<[\s\S]*scope="col">Subject</);
  assert.match(english, /<dt>From<\/dt>/);
  assert.doesNotMatch(english, /nieuwste eerst|<dt>Van<\/dt>|scope="col">Onderwerp</);
});
