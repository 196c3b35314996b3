// Delivering in real Chromium without JavaScript of our own: the aanleveraar chooses a ZIP in the
// plain upload form, gets the receipt page, and sees the approved technical report; axe on each page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { checkAccessibility, launchBrowser, saveScreenshot } from '../support/browser.ts';

let t: TestApp;
let browser: Browser;
let now = new Date('2018-02-20T09:00:00Z');
before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

async function expectAccessible(page: Page, name: string) {
  const axe = await checkAccessibility(page);
  await saveScreenshot(page, name);
  assert.equal(axe.count, 0, `${name}: ${axe.report}`);
}

test('an aanleveraar uploads the four files as a ZIP and reads the approved technical report', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${t.url}/inloggen/start`);
  await page.waitForURL(/\/interaction\//);
  await page
    .locator(
      `form:has(input[name="identity"][value="${demoSubjectOf('bram.jansen@amsterdam.example')}"]) button`,
    )
    .click();
  await page.waitForURL(`${t.url}/account`);

  await page.getByRole('link', { name: 'Aanleveren', exact: true }).click();
  await expectAccessible(page, 'upload');
  await page.getByLabel('Halfjaar').selectOption('2017H2');
  await page
    .getByLabel('Bestanden')
    .setInputFiles(path.resolve('test/fixtures/validation/valid-zip/MSD.zip'));
  await page.getByRole('button', { name: 'Aanleveren' }).click();
  await page.waitForURL(/\/aanleveringen\/[0-9a-f-]{36}$/);
  assert.match(await page.getByTestId('receipt').innerText(), /GGK-2018-\d{6}/);

  for (
    let i = 0;
    i < 50 && !/goedgekeurd|afgekeurd/.test(await page.getByTestId('delivery-state').innerText());
    i++
  ) {
    await page.waitForTimeout(200);
    await page.reload();
  }
  assert.equal(await page.getByTestId('delivery-state').innerText(), 'Technisch goedgekeurd');
  assert.match(await page.getByTestId('report-status').innerText(), /goedgekeurd/);
  await expectAccessible(page, 'delivery-approved');

  await page.getByRole('link', { name: 'Aanleveringen', exact: true }).click();
  assert.match(await page.getByTestId('in-force').innerText(), /GGK-2018-\d{6}/);
  await expectAccessible(page, 'deliveries');
  await page.goBack();

  // The op-orde report follows within seconds: the link appears, the page passes axe, and its SVG
  // charts draw under the CSP (default-src 'self', no unsafe-inline) without a single violation.
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  for (let i = 0; i < 50 && (await page.getByTestId('content-report-link').count()) === 0; i++) {
    await page.waitForTimeout(200);
    await page.reload();
  }
  await page.getByRole('link', { name: 'Op-orde rapport bekijken' }).click();
  await page.waitForURL(/\/op-orde$/);
  await page
    .getByRole('heading', { level: 1, name: /Op-orde rapport van aanlevering GGK-2018-\d{6}/ })
    .waitFor();
  const chart = page.getByRole('img', { name: /Records per productcategorie, Wmo 2017H2/ });
  const box = await chart.boundingBox();
  assert.ok(box && box.width > 200 && box.height > 100, 'the chart is drawn');
  assert.ok(
    await page.evaluate(() => document.querySelectorAll('svg rect, svg path').length > 20),
    'the SVG has its bars',
  );
  await expectAccessible(page, 'content-report');
  assert.deepEqual(cspViolations, []);
});

async function loginAs(email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${t.url}/inloggen/start`);
  await page.waitForURL(/\/interaction\//);
  await page.locator(`form:has(input[name="identity"][value="${demoSubjectOf(email)}"]) button`).click();
  await page.waitForURL(`${t.url}/account`);
  return page;
}

test('in the withdrawal window the intrekker confirms by typing the name; the operator sees it in the audit trail', async () => {
  now = new Date('2018-03-15T10:00:00Z');
  const page = await loginAs('daan.visser@amsterdam.example');
  await page.getByRole('link', { name: 'Intrekken', exact: true }).click();
  assert.match(await page.locator('main').innerText(), /Wordt verwijderd/);
  await expectAccessible(page, 'withdraw-confirm');
  await page.getByLabel(/Typ ter bevestiging de naam van uw gemeente/).fill('Amsterdam');
  await page.getByRole('button', { name: 'Definitief intrekken' }).click();
  await page.waitForURL(`${t.url}/intrekken?melding=ingetrokken`);
  assert.match(await page.locator('main').innerText(), /Deze aanlevering is ingetrokken/);
  await expectAccessible(page, 'withdraw-done');

  const operator = await loginAs('ivo.kramer@operator.example');
  await operator.goto(`${t.url}/intrekkingen`);
  await expectAccessible(operator, 'withdrawals');
  await operator.goto(`${t.url}/beheer/audit`);
  await operator.getByLabel('Handeling').selectOption('withdrawal.registered');
  await operator.getByRole('button', { name: 'Filteren' }).click();
  assert.match(await operator.getByTestId('audit').innerText(), /Intrekking geregistreerd/);
  await expectAccessible(operator, 'audit');
});
