// In Chromium: a CBS user opens the round monitor, records a samenwerkingsverband as "geleverd via de
// reguliere route" (after a refused first try), sees its members' Jeugd cells counted as delivered
// with their label, drills down to one, and undoes the mark. axe 0 on every page visited.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { amsterdamInstant } from '../../src/platform/time/amsterdam-time.ts';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { checkAccessibility, launchBrowser, saveScreenshot } from '../support/browser.ts';
import { DEMO } from '../support/factories.ts';

let t: TestApp;
let browser: Browser;
before(async () => {
  t = await startTestApp({ now: () => amsterdamInstant('2018-02-20', '10:00'), demoDeliveries: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('CBS records a participant as delivered via the regular route; the monitor counts it, accessibly', async () => {
  const page = await (await browser.newContext()).newPage();
  const axeOk = async (name: string) => {
    const axe = await checkAccessibility(page);
    await saveScreenshot(page, name);
    assert.equal(axe.count, 0, `${name}: ${axe.report}`);
  };
  await page.goto(`${t.url}/inloggen/start`);
  await page.waitForURL(/\/interaction\//);
  await page.locator(`form:has(input[name="identity"][value="${demoSubjectOf(DEMO.julia)}"]) button`).click();
  await page.waitForURL(`${t.url}/account`);

  await page.getByRole('link', { name: 'Rondemonitor', exact: true }).click();
  await page.waitForURL(`${t.url}/monitor`);
  const regularCount = page.locator('[data-testid="state-counts"] td[data-state="regular_route"]');
  assert.equal(await regularCount.innerText(), '0');
  await page.getByRole('link', { name: 'Deelnemers die via de reguliere route aan CBS leverden' }).click();
  await page.waitForURL(`${t.url}/monitor/reguliere-route`);
  await axeOk('regular-route-empty');

  // Without a participant: the error summary names the field and takes focus.
  await page.getByRole('button', { name: 'Vastleggen' }).click();
  await page.waitForLoadState();
  const summary = page.getByTestId('error-summary');
  assert.match(await summary.innerText(), /Kies een deelnemer van/);
  await axeOk('regular-route-error');

  await page
    .getByLabel('Deelnemer', { exact: true })
    .selectOption({ label: 'Westelijke Mijnstreek Jeugddomein' });
  await page.getByLabel('Datum van levering aan CBS').fill('2018-02-19');
  await page.getByLabel(/^Toelichting/).fill('Levert dit halfjaar nog via het reguliere proces.');
  await page.getByRole('button', { name: 'Vastleggen' }).click();
  await page.waitForLoadState();
  assert.match(
    await page.locator('main').getByRole('status').first().innerText(),
    /Westelijke Mijnstreek Jeugddomein is vastgelegd als geleverd via de reguliere route\./,
  );
  const marks = page.getByTestId('regular-routes');
  assert.match(
    await marks.innerText(),
    /Westelijke Mijnstreek Jeugddomein[\s\S]*19 februari 2018[\s\S]*Julia van Dijk/,
  );
  await axeOk('regular-route-marked');

  await page.getByRole('link', { name: 'Terug naar de rondemonitor' }).click();
  await page.waitForURL(`${t.url}/monitor`);
  assert.ok(Number(await regularCount.innerText()) >= 3, 'the members without a Jeugd file in force');
  // The Limburg gemeenten (the whole matrix is large for axe): Schinnen's Jeugd carries the label.
  await page.getByLabel('Provincie').selectOption('Limburg');
  await page.getByRole('button', { name: 'Filteren' }).click();
  await page.waitForURL(/\/monitor\?provincie=Limburg/);
  const schinnen = page.locator('tr:has(th#g-0962) td[data-state="regular_route"]');
  assert.equal(await schinnen.count(), 1);
  assert.equal(await schinnen.innerText(), 'Via reguliere route');
  await schinnen.scrollIntoViewIfNeeded();
  await axeOk('monitor-regular-route');

  // Its timeline says why (no delivery of its own to link to, so by address).
  await page.goto(`${t.url}/monitor/tijdlijn?gemeente=0962&type=jeugd&halfjaar=2017H2`);
  assert.match(await page.getByTestId('cell-state').innerText(), /Via reguliere route/);
  assert.match(
    await page.getByTestId('cell-regular-route').innerText(),
    /Geleverd via de reguliere route door Westelijke Mijnstreek Jeugddomein op 19 februari 2018\./,
  );
  await axeOk('monitor-timeline-regular-route');

  // Undo: the mark goes and the cells count as not delivered again.
  await page.goto(`${t.url}/monitor/reguliere-route`);
  await page.getByRole('button', { name: 'Ongedaan maken' }).click();
  await page.waitForLoadState();
  assert.match(
    await page.locator('main').getByRole('status').first().innerText(),
    /De reguliere route van Westelijke Mijnstreek Jeugddomein is ongedaan gemaakt\./,
  );
  await axeOk('regular-route-undone');
  await page.goto(`${t.url}/monitor`);
  assert.equal(await regularCount.innerText(), '0');
  await page.close();
});
