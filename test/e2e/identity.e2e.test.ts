// The identity journey in real Chromium through the development identity provider: a
// gebruikersbeheerder logs in, invites a colleague, the colleague logs in through the link in the
// caught mail, gets another role, and logs out. axe checks every page on the way.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { checkAccessibility, launchBrowser, saveScreenshot } from '../support/browser.ts';
import { DEMO } from '../support/factories.ts';

let t: TestApp;
let browser: Browser;
before(async () => {
  t = await startTestApp({ now: () => new Date('2018-02-20T09:00:00Z') });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

const visited: string[] = [];
async function expectAccessible(page: Page, name: string) {
  const axe = await checkAccessibility(page);
  await saveScreenshot(page, name);
  visited.push(name);
  assert.equal(axe.count, 0, `${name}: ${axe.report}`);
}

/** The dev IdP's picker is the same page for every identity (identical screenshots): axe checks it once. */
async function pickIdentity(page: Page, identityId: string) {
  await page.waitForURL(/127\.0\.0\.1:\d+\/interaction\//);
  if (!visited.includes('dev-idp')) await expectAccessible(page, 'dev-idp');
  await page.locator(`form:has(input[name="identity"][value="${identityId}"]) button`).click();
}

test('log in, invite a colleague, the colleague binds their identity through the mail, gets a role, logs out', async () => {
  const anne = await (await browser.newContext()).newPage();
  await anne.goto(t.url);
  await anne.getByRole('link', { name: 'Inloggen', exact: true }).click();
  await expectAccessible(anne, 'login');
  await anne.getByRole('link', { name: 'Inloggen met eHerkenning' }).click();
  await pickIdentity(anne, demoSubjectOf(DEMO.anne));
  await anne.waitForURL(`${t.url}/account`);
  assert.equal(await anne.getByTestId('acting-organisation').textContent(), 'Amsterdam');
  await expectAccessible(anne, 'account');

  await anne.getByRole('link', { name: 'Gebruikers' }).click();
  await expectAccessible(anne, 'users');
  // A functional address is refused with an error summary that links to the field.
  await anne.getByLabel('Naam', { exact: true }).fill('Kees de Wit');
  await anne.getByLabel('Persoonlijk e-mailadres').fill('servicedesk@amsterdam.example');
  await anne.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  const summary = await anne.getByRole('alert').innerText();
  assert.match(summary, /persoonlijk e-mailadres/);
  // The address must also be confirmed as this person's own (issue 18): required, checked by the server.
  assert.match(summary, /Bevestig dat het e-mailadres van deze persoon zelf is/);
  await expectAccessible(anne, 'users-error');
  await anne.getByLabel('Persoonlijk e-mailadres').fill('kees.dewit@amsterdam.example');
  await anne.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  assert.match(await anne.getByRole('alert').innerText(), /Bevestig dat het e-mailadres/);
  assert.equal(await anne.locator('#persoonlijk-ja').isChecked(), false);
  await anne.getByLabel('Ik bevestig dat dit e-mailadres van deze persoon zelf is').check();
  // No role is ticked in advance (issue 20): Anne chooses one.
  assert.equal(await anne.getByRole('checkbox', { name: 'Aanleveraar', exact: true }).isChecked(), false);
  await anne.getByRole('checkbox', { name: 'Aanleveraar', exact: true }).check();
  await anne.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  await anne.getByText('De uitnodiging is verstuurd.').waitFor();

  const mail = await t.mail.waitFor((m) => m.to.includes('kees.dewit@amsterdam.example'), 10_000);
  const link = /(http:\/\/\S+\/uitnodiging\/\S+)/.exec(mail.text)![1]!;

  const kees = await (await browser.newContext()).newPage();
  await kees.goto(link);
  await expectAccessible(kees, 'invitation');
  await kees.getByRole('button', { name: 'Uitnodiging aannemen en inloggen' }).click();
  await pickIdentity(kees, 'demo-nieuw-amsterdam');
  await kees.waitForURL(`${t.url}/account`);
  assert.match(await kees.getByTestId('my-roles').innerText(), /Aanleveraar bij Amsterdam/);

  // Anne grants Kees another role; Kees sees it.
  await anne.goto(`${t.url}/organisatie/gebruikers`);
  await anne.getByLabel('Rol voor Kees de Wit').selectOption('rapportontvanger');
  await anne
    .getByRole('form', { name: 'Rol toekennen aan Kees de Wit' })
    .getByRole('button', { name: 'Toekennen' })
    .click();
  await anne.getByText('De rol is toegekend.').waitFor();
  await kees.reload();
  assert.match(await kees.getByTestId('my-roles').innerText(), /Rapportontvanger bij Amsterdam/);

  await kees.getByRole('button', { name: 'Uitloggen' }).click();
  // The dev IdP asks whether to end its session too.
  await kees.getByRole('button', { name: 'Ja, uitloggen' }).waitFor();
  await expectAccessible(kees, 'dev-idp-logout');
  await kees.getByRole('button', { name: 'Ja, uitloggen' }).click();
  await kees.waitForURL(`${t.url}/uitgelogd`);
  await expectAccessible(kees, 'logged-out');
  await kees.goto(`${t.url}/account`);
  assert.match(kees.url(), /\/inloggen\?terug=%2Faccount$/);
});

test('a login with too low a level shows why, accessibly', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${t.url}/inloggen`);
  await page.getByRole('link', { name: 'Inloggen met eHerkenning' }).click();
  await pickIdentity(page, `${demoSubjectOf(DEMO.bram)}-eh2`);
  await page.getByTestId('login-failure').waitFor();
  assert.match(await page.getByTestId('login-failure').innerText(), /EH3/);
  await expectAccessible(page, 'login-refused');
});
