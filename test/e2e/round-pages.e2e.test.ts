// In Chromium, the pages issue 18 changed, with axe 0 on each: the CBS withdrawal form page (CBS),
// the deliveries page of an aanleveraar, and the round monitor with a merged gemeente's predecessors
// under it and the pilot target date column.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { amsterdamInstant } from '../../src/platform/time/amsterdam-time.ts';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { checkAccessibility, launchBrowser, saveScreenshot } from '../support/browser.ts';
import { DEMO } from '../support/factories.ts';

let t: TestApp;
let browser: Browser;
before(async () => {
  // Within the CBS form window (from 1 March) and after the pilot target date (23 February).
  t = await startTestApp({ now: () => amsterdamInstant('2018-03-05', '10:00'), demoDeliveries: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

async function loggedIn(email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${t.url}/inloggen/start`);
  await page.waitForURL(/\/interaction\//);
  await page.locator(`form:has(input[name="identity"][value="${demoSubjectOf(email)}"]) button`).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/interaction') && url.origin === t.url);
  return page;
}

async function axeOk(page: Page, name: string) {
  const axe = await checkAccessibility(page);
  await saveScreenshot(page, name);
  assert.equal(axe.count, 0, `${name}: ${axe.report}`);
}

test('the CBS withdrawal form page, also with its error summary, has no axe violations', async () => {
  const page = await loggedIn(DEMO.julia);
  const res = await page.goto(`${t.url}/intrekkingen`);
  assert.equal(res?.status(), 200);
  assert.match(await page.locator('main').innerText(), /formulier/i);
  await axeOk(page, 'round18-cbs-form');
  // Registering an empty form: the page again, with its error summary.
  await page.getByRole('button', { name: 'Intrekking registreren' }).click();
  await page.waitForLoadState();
  assert.equal(await page.getByTestId('error-summary').count(), 1);
  await axeOk(page, 'round18-cbs-form-submitted');
  await page.close();
});

test('the deliveries page of an aanleveraar has no axe violations', async () => {
  const page = await loggedIn(DEMO.kim);
  const res = await page.goto(`${t.url}/aanleveringen`);
  assert.equal(res?.status(), 200);
  assert.match(await page.locator('main').innerText(), /DEMO-2018-\d{6}/);
  await axeOk(page, 'round18-deliveries');
  await page.close();
});

test('the round monitor with predecessors and the pilot target column has no axe violations', async () => {
  const page = await loggedIn(DEMO.ivo);
  await page.goto(`${t.url}/monitor?provincie=Groningen`);
  assert.equal(await page.locator('tr[data-predecessor="0007"]').count(), 1);
  assert.equal(await page.locator('th#kol-streefdatum').count(), 1);
  assert.match(
    await page.locator('tr:has(th#g-1950) td[data-pilot-target]').innerText(),
    /niet aangeleverd|op tijd|te laat/,
  );
  await axeOk(page, 'round18-monitor');
  await page.close();
});
