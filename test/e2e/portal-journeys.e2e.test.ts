// Issue 20's journeys in real Chromium, axe on every page, screenshots in test-artifacts/:
// 1. the demo's round that is open today (real clock, no GGK_FAKE_NOW): the home page says the window
//    is open and an aanleveraar delivers without JavaScript and gets a receipt (README's try-it);
// 2. the operator's and CBS's "Aanleveringen" is the round's deliveries, searchable and filtered;
//    the servicedesk finds a delivery by its receipt number.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { findCurrentRound } from '../../src/modules/periods/index.ts';
import { planDelivery, readGeneratorSpec } from '../../src/modules/validation/generate/index.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { checkAccessibility, launchBrowser, saveScreenshot } from '../support/browser.ts';

let t: TestApp;
let browser: Browser;
let dir: string;
before(async () => {
  // The real clock: the open round is what `npm start` seeds today.
  t = await startTestApp({ deliveries: true, demoDeliveries: true, openRound: true });
  browser = await launchBrowser();
  dir = mkdtempSync(path.join(tmpdir(), 'ggk-e2e-portal-'));
});
after(async () => {
  await browser?.close();
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function expectAccessible(page: Page, name: string) {
  const axe = await checkAccessibility(page);
  await saveScreenshot(page, name);
  assert.equal(axe.count, 0, `${name}: ${axe.report}`);
}

async function logIn(page: Page, email: string) {
  await page.goto(`${t.url}/inloggen/start`);
  await page.waitForURL(/\/interaction\//);
  await page.locator(`form:has(input[name="identity"][value="${demoSubjectOf(email)}"]) button`).click();
  await page.waitForURL(`${t.url}/account`);
}

test("the demo's open round takes a delivery today, without a fake clock", async () => {
  const round = await findCurrentRound(t.database.db, new Date());
  assert.ok(round && round.deliveryOpensAt < new Date() && new Date() < round.deliveryClosesAt);
  const home = await (await browser.newContext()).newPage();
  await home.goto(t.url);
  assert.match(await home.getByTestId('round-phase').innerText(), /De aanleverperiode is open/);
  await expectAccessible(home, 'home-open-round');

  const spec = readGeneratorSpec(JSON.parse(readFileSync('specs/gmsd/2017.json', 'utf8')));
  const plan = planDelivery({ spec, type: 'sbw', gemeente: '0363', period: round.halfYear, rows: 40 });
  const file = path.join(dir, plan.fileName);
  writeFileSync(file, Buffer.concat([...plan.chunks()]));
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await logIn(page, 'bram.jansen@amsterdam.example');
  await page.getByRole('link', { name: 'Aanleveren', exact: true }).click();
  await page.getByLabel('Bestanden').setInputFiles(file);
  await page.getByRole('button', { name: 'Aanleveren' }).click();
  await page.waitForURL(/\/aanleveringen\/[0-9a-f-]{36}$/);
  assert.match(
    await page.getByTestId('receipt').innerText(),
    new RegExp(`GGK-${new Date().getFullYear()}-\\d{6}`),
  );
});

test('staff search the round deliveries under "Aanleveringen"; the servicedesk finds a receipt number', async () => {
  const page = await (await browser.newContext()).newPage();
  await logIn(page, 'julia.vandijk@cbs.example');
  await page.getByRole('link', { name: 'Aanleveringen', exact: true }).click();
  await page.waitForURL(`${t.url}/aanleveringen`);
  assert.match(await page.getByTestId('staff-count').innerText(), /aanleveringen gevonden/);
  await expectAccessible(page, 'staff-deliveries');
  await page.getByLabel('Ontvangstbewijs, gemeente of organisatie').fill('Eindhoven');
  await page.getByLabel('Stand').selectOption('rejected');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await page.waitForURL(/zoek=Eindhoven/);
  assert.match(await page.getByTestId('staff-count').innerText(), /1 aanlevering gevonden/);
  assert.match(
    await page.getByTestId('deliveries').innerText(),
    /Eindhoven \(0772\)[\s\S]*Technisch afgekeurd/,
  );
  await expectAccessible(page, 'staff-deliveries-filtered');

  const receipt = (await page.getByTestId('deliveries').getByRole('link').first().innerText()).trim();
  const operator = await (await browser.newContext()).newPage();
  await logIn(operator, 'ivo.kramer@operator.example');
  await operator.getByRole('link', { name: 'Servicedesk', exact: true }).click();
  await operator.getByLabel('Naam, e-mailadres, gemeentecode of ontvangstbewijs').fill(receipt);
  await operator.getByRole('button', { name: 'Zoeken' }).click();
  await operator.getByTestId('sd-found-deliveries').waitFor();
  await expectAccessible(operator, 'servicedesk-receipt');
  await operator.getByRole('link', { name: receipt }).click();
  await operator.waitForURL(/\/aanleveringen\/[0-9a-f-]{36}$/);
  assert.match(await operator.getByTestId('receipt').innerText(), new RegExp(receipt));
});
