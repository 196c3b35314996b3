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
  t = await startTestApp({ now: () => amsterdamInstant('2018-02-20', '10:00'), demoDeliveries: true });
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
  // The NL Design System styles are applied: the heading has the size the theme's token gives it.
  const heading = await page.getByRole('heading', { level: 1 }).evaluate((el) => {
    const token = getComputedStyle(el).getPropertyValue('--utrecht-heading-1-font-size').trim();
    const probe = document.createElement('span');
    probe.style.fontSize = token;
    el.parentElement!.append(probe);
    const expected = getComputedStyle(probe).fontSize;
    probe.remove();
    return { token, expected, actual: getComputedStyle(el).fontSize };
  });
  assert.notEqual(heading.token, '', 'the theme defines the heading size');
  assert.equal(heading.actual, heading.expected);

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

async function loginAs(page: Page, email: string) {
  await page.goto(`${t.url}/inloggen/start`);
  await page.waitForURL(/\/interaction\//);
  await page.locator(`form:has(input[name="identity"][value="${demoSubjectOf(email)}"]) button`).click();
  await page.waitForURL(`${t.url}/account`);
}

test('the operator follows the seeded demo round in the monitor, drills down to a cell and looks someone up, accessibly', async () => {
  const page = await (await browser.newContext()).newPage();
  await loginAs(page, DEMO.ivo);
  await page.getByRole('link', { name: 'Rondemonitor', exact: true }).click();
  await page.waitForURL(`${t.url}/monitor`);
  assert.match(await page.getByTestId('monitor-round').innerText(), /De aanleverperiode is open/);
  assert.equal(
    await page.locator('[data-testid="state-counts"] td[data-state="approved"]').innerText(),
    '13',
  );
  // The matrix comes in pages of 50 gemeenten; the page links are a named navigation.
  assert.equal(
    await page.locator('[data-testid="monitor-matrix"] tbody tr:not([data-predecessor])').count(),
    50,
  );
  await page.getByRole('navigation', { name: 'Pagina’s van de tabel per gemeente' }).waitFor();
  await page.getByRole('link', { name: 'Volgende pagina' }).click();
  await page.waitForURL(/pagina=2/);
  assert.equal(await page.getByRole('link', { name: 'Pagina 2' }).getAttribute('aria-current'), 'page');
  // The chart is drawn (no script, no inline style) and has its text alternative and table.
  assert.equal(await page.getByRole('img', { name: /Aanleveringen per dag/ }).count(), 1);
  assert.ok((await page.locator('[data-testid="deliveries-chart"] rect').count()) >= 6);
  // The matrix's second page with the chart (checked once: nothing changes between the two).
  const second = await checkAccessibility(page);
  assert.equal(second.count, 0, second.report);

  await page.getByLabel('Pilotdeelnemer', { exact: true }).selectOption('ja');
  await page.getByRole('button', { name: 'Filteren' }).click();
  await page.waitForURL(/pilot=ja/);
  // One row per pilot gemeente; the rows of predecessors under a successor (decision 0028) are not theirs.
  assert.equal(
    await page.locator('[data-testid="monitor-matrix"] tbody tr:not([data-predecessor])').count(),
    12,
  );
  const pilots = await checkAccessibility(page);
  await saveScreenshot(page, 'monitor');
  assert.equal(pilots.count, 0, pilots.report);

  await page.getByRole('link', { name: /Goedgekeurd: tijdlijn van Wmo, 2e halfjaar 2017, Utrecht/ }).click();
  await page.waitForURL(/\/monitor\/tijdlijn\?/);
  assert.match(
    await page.getByTestId('cell-state').innerText(),
    /Goedgekeurd \(in werking: DEMO-2018-000003\)/,
  );
  const timeline = await checkAccessibility(page);
  await saveScreenshot(page, 'monitor-timeline');
  assert.equal(timeline.count, 0, timeline.report);

  await page.getByRole('link', { name: 'Servicedesk', exact: true }).click();
  await page.getByLabel('Naam, e-mailadres, gemeentecode of ontvangstbewijs').fill('Utrecht');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await page.getByRole('link', { name: 'Utrecht', exact: true }).click();
  await page.getByTestId('sd-deliveries').waitFor();
  const servicedesk = await checkAccessibility(page);
  await saveScreenshot(page, 'servicedesk-organisation');
  assert.equal(servicedesk.count, 0, servicedesk.report);
  await page.close();
});

test('a pilot participant gives feedback from the footer of any page, accessibly', async () => {
  const page = await (await browser.newContext()).newPage();
  await loginAs(page, DEMO.kim);
  await page.getByRole('link', { name: 'Feedback over ggk geven' }).click();
  await page.waitForURL(/\/feedback\?pagina=%2Faccount/);
  const form = await checkAccessibility(page);
  assert.equal(form.count, 0, form.report);
  await page.getByRole('button', { name: 'Feedback versturen' }).click();
  assert.match(await page.getByRole('alert').innerText(), /waardering van 1 tot en met 5/);
  const error = await checkAccessibility(page);
  assert.equal(error.count, 0, error.report);
  await page.getByLabel('4 (goed)').check();
  await page.getByLabel('Toelichting (niet verplicht)').fill('Het aanleveren ging snel.');
  await page.getByRole('button', { name: 'Feedback versturen' }).click();
  await page.getByText('Dank u wel voor uw feedback.').waitFor();
  await saveScreenshot(page, 'feedback');
  await page.close();
});
