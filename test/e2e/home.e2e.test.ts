import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { amsterdamInstant } from '../../src/platform/time/amsterdam-time.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { checkAccessibility, launchBrowser, saveScreenshot } from '../support/browser.ts';

let t: TestApp;
let browser: Browser;
before(async () => {
  t = await startTestApp({ now: () => amsterdamInstant('2018-02-20', '10:00') });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('a visitor opens the home page and sees the current round, accessibly', async () => {
  const page = await (await browser.newContext()).newPage();
  const response = await page.goto(t.url);
  assert.equal(response?.status(), 200);
  assert.match(await page.title(), /Aanleveren Monitor Sociaal Domein/);
  assert.equal(
    await page.getByRole('heading', { level: 1 }).textContent(),
    'Aanleveren voor de Gemeentelijke Monitor Sociaal Domein',
  );
  assert.match(
    await page.getByTestId('delivery-window').innerText(),
    /12 februari 2018 tot en met 9 maart 2018/,
  );
  assert.match(
    await page.getByTestId('withdrawal-window').innerText(),
    /12 maart 2018 tot en met 23 maart 2018/,
  );
  assert.match(await page.getByTestId('pilot-target').innerText(), /23 februari 2018/);
  assert.match(await page.getByTestId('round-phase').innerText(), /De aanleverperiode is open/);
  // The NL Design System styles are applied (the theme sets the heading font size).
  const fontSize = await page
    .getByRole('heading', { level: 1 })
    .evaluate((el) => getComputedStyle(el).fontSize);
  assert.notEqual(fontSize, '');

  // The skip link is the first stop for keyboard users and leads to the content.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Direct naar de inhoud');

  const axe = await checkAccessibility(page);
  await saveScreenshot(page, 'home');
  assert.equal(axe.count, 0, axe.report);
  await page.close();
});

test('a mistyped address shows the Dutch 404 page, accessibly', async () => {
  const page = await (await browser.newContext()).newPage();
  const response = await page.goto(`${t.url}/aanleveren-oud`);
  assert.equal(response?.status(), 404);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Pagina niet gevonden');
  const axe = await checkAccessibility(page);
  await saveScreenshot(page, 'not-found');
  assert.equal(axe.count, 0, axe.report);
  await page.close();
});
