// The English pages the other journeys visit only in Dutch, in real Chromium with axe: the
// accessibility statement (the language switched with the header link), then the home, login and
// not-found pages (the language remembered), the op-orde report of an
// approved delivery, the organisation's users, API tokens and audit trail, and in the withdrawal
// window the withdrawal page, its confirmation and CBS's list of withdrawals. Each page has zero axe
// violations and a screenshot in test-artifacts/ (*-en.png).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO, deliveryToken } from '../support/factories.ts';
import { findContentReport } from '../../src/modules/reports/index.ts';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { checkAccessibility, launchBrowser, saveScreenshot } from '../support/browser.ts';

let t: TestApp;
let browser: Browser;
let now = new Date('2018-02-20T09:00:00Z');
let deliveryId = '';

before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
  browser = await launchBrowser();
  const token = await deliveryToken(t.database.db, now, '0363', 60);
  const body = new FormData();
  body.append('halfjaar', '2017H2');
  body.append(
    'bestanden',
    new Blob([new Uint8Array(readFileSync('test/fixtures/validation/valid-wmo/WMO_0363_2017H2.csv'))]),
    'WMO_0363_2017H2.csv',
  );
  const res = await fetch(`${t.url}/api/v1/deliveries`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body,
  });
  assert.equal(res.status, 201, await res.clone().text());
  deliveryId = ((await res.json()) as { id: string }).id;
  for (let i = 0; i < 300 && !(await findContentReport(t.database.db, deliveryId)); i++)
    await new Promise((r) => setTimeout(r, 100));
  assert.ok(await findContentReport(t.database.db, deliveryId), 'the op-orde report is there');
});
after(async () => {
  await browser?.close();
  await t?.close();
});

async function expectAccessible(page: Page, name: string) {
  assert.equal(await page.getAttribute('html', 'lang'), 'en', `${name} is in English`);
  const axe = await checkAccessibility(page);
  await saveScreenshot(page, name);
  assert.equal(axe.count, 0, `${name}: ${axe.report}`);
}

/** A browser context whose language cookie says English (as after the switch in the header). */
async function englishContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addCookies([{ name: 'ggk_taal', value: 'en', url: t.url }]);
  return context;
}

async function logIn(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${t.url}/inloggen/start`);
  await page.waitForURL(/\/interaction\//);
  await page.locator(`form:has(input[name="identity"][value="${demoSubjectOf(email)}"]) button`).click();
  await page.waitForURL(`${t.url}/account`);
  return page;
}

test('the accessibility statement in English, after switching the language in the header', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${t.url}/toegankelijkheid`);
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  await page.getByTestId('language-switch').click();
  await page.waitForURL(`${t.url}/toegankelijkheid`);
  await page.getByRole('heading', { level: 1, name: 'Accessibility statement' }).waitFor();
  assert.match(await page.locator('main').innerText(), /WCAG 2\.1 level AA/);
  await expectAccessible(page, 'accessibility-en');
  // The language is remembered: the home page, the login page and a missing page stay English.
  await page.getByRole('link', { name: 'Home', exact: true }).first().click();
  await page.waitForURL(`${t.url}/`);
  await expectAccessible(page, 'home-en');
  await page.goto(`${t.url}/inloggen`);
  await expectAccessible(page, 'login-en');
  await page.goto(`${t.url}/bestaat-niet`);
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  await expectAccessible(page, 'not-found-en');
  await context.close();
});

test('the op-orde report of an approved delivery in English', async () => {
  const context = await englishContext();
  const page = await logIn(context, DEMO.carla);
  await page.goto(`${t.url}/aanleveringen/${deliveryId}/op-orde`);
  await page
    .getByRole('heading', { level: 1, name: /^Content report of delivery GGK-2018-\d{6}$/ })
    .waitFor();
  assert.ok(
    await page.evaluate(() => document.querySelectorAll('svg rect, svg path').length > 5),
    'the charts are drawn',
  );
  await expectAccessible(page, 'content-report-en');
  await context.close();
});

test("the organisation's users, API tokens and audit trail in English", async () => {
  const context = await englishContext();
  const page = await logIn(context, DEMO.anne);
  await page.goto(`${t.url}/organisatie/gebruikers`);
  await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
  await expectAccessible(page, 'organisation-users-en');
  await page.goto(`${t.url}/organisatie/api-tokens`);
  await expectAccessible(page, 'organisation-api-tokens-en');
  await page.goto(`${t.url}/organisatie/audit`);
  await expectAccessible(page, 'organisation-audit-en');
  await context.close();
});

test('in the withdrawal window: withdrawing in English, and the list of withdrawals', async () => {
  now = new Date('2018-03-15T10:00:00Z');
  const context = await englishContext();
  const page = await logIn(context, DEMO.daan);
  await page.goto(`${t.url}/intrekken`);
  await page.getByRole('heading', { level: 1, name: 'Withdraw a delivery' }).waitFor();
  await expectAccessible(page, 'withdraw-confirm-en');
  await page.getByLabel(/To confirm, type the name of your municipality/).fill('Amsterdam');
  await page.getByRole('button', { name: 'Withdraw permanently' }).click();
  await page.waitForURL(`${t.url}/intrekken?melding=ingetrokken`);
  assert.match(await page.locator('main').innerText(), /This delivery has been withdrawn/);
  await expectAccessible(page, 'withdraw-done-en');

  const cbs = await logIn(await englishContext(), DEMO.julia);
  await cbs.goto(`${t.url}/intrekkingen`);
  await expectAccessible(cbs, 'withdrawals-en');
  await context.close();
});
