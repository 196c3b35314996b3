// Help at hand (issue 20) in a real browser: a visitor follows the footer's link to the help page,
// reads the FAQ, logs in for the example files (not public: their BSNs pass the elfproef) and comes
// back to download one, opens the quick reference (printed: only its content is shown) and the PDF; the operator opens the contact details form. Every page axe 0 at 1280
// and 320 px, and no page wider than the viewport.
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
  t = await startTestApp({});
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

/** axe 0 and no horizontal scroll at both widths, with a screenshot of each. */
async function checkWidths(page: Page, name: string) {
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      viewport: document.documentElement.clientWidth,
    }));
    assert.ok(widths.page <= widths.viewport, `${name} at ${width} px is ${widths.page} px wide`);
    const axe = await checkAccessibility(page);
    await saveScreenshot(page, `${name}-${width}`);
    assert.equal(axe.count, 0, `${name} at ${width} px: ${axe.report}`);
  }
}

test('a visitor finds help from the footer: FAQ, quick reference, example file and PDF, accessibly', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(t.url);
  assert.match(await page.getByTestId('contacts').innerText(), /030 123 45 67/);
  await page.getByRole('contentinfo').getByRole('link', { name: 'Hulp', exact: true }).click();
  await page.waitForURL(`${t.url}/help`);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Hulp');
  assert.ok(await page.getByRole('heading', { name: 'Waarom is mijn bestand afgekeurd?' }).isVisible());
  assert.match(await page.getByTestId('eherkenning-steps').innerText(), /EH3/);
  await checkWidths(page, 'help');

  await page.setViewportSize({ width: 1280, height: 900 });
  // The example files need a login (their BSNs pass the elfproef): the visitor is asked to log in,
  // and comes back to the help page with the downloads.
  assert.equal(await page.getByRole('link', { name: /Voorbeeld Jeugd downloaden/ }).count(), 0);
  await page.getByRole('link', { name: 'Log in om de voorbeeldbestanden te downloaden' }).click();
  await page.waitForURL(`${t.url}/inloggen?terug=%2Fhelp`);
  await page.getByRole('link', { name: 'Inloggen met eHerkenning' }).click();
  await page.waitForURL(/\/interaction\//);
  await page.locator(`form:has(input[name="identity"][value="${demoSubjectOf(DEMO.bram)}"]) button`).click();
  await page.waitForURL(`${t.url}/help`);
  await checkWidths(page, 'help-logged-in');
  await page.setViewportSize({ width: 1280, height: 900 });
  const [example] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Voorbeeld Jeugd downloaden/ }).click(),
  ]);
  assert.match(example.suggestedFilename(), /_0363_2017H2\.csv$/);

  await page.getByRole('link', { name: 'Snelstart bekijken en printen' }).click();
  await page.waitForURL(`${t.url}/help/snelstart`);
  assert.ok(await page.getByRole('heading', { name: 'Zo levert u aan' }).isVisible());
  await checkWidths(page, 'help-snelstart');
  // Printed, only the quick reference itself is shown: no header, menu, footer or print hint.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header').isVisible(), false);
  assert.equal(await page.locator('footer').isVisible(), false);
  assert.ok(await page.getByTestId('quick-reference').isVisible());
  await page.emulateMedia({ media: 'screen' });

  await page.setViewportSize({ width: 1280, height: 900 });
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Snelstart als PDF downloaden' }).click(),
  ]);
  assert.equal(pdf.suggestedFilename(), 'ggk-snelstart.pdf');
  await context.close();
});

test('the operator’s contact details form, accessibly', async () => {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${t.url}/inloggen/start`);
  await page.waitForURL(/\/interaction\//);
  await page.locator(`form:has(input[name="identity"][value="${demoSubjectOf(DEMO.ivo)}"]) button`).click();
  await page.waitForURL(/\/account/);
  await page.getByRole('link', { name: 'Contactgegevens', exact: true }).click();
  await page.waitForURL(/\/beheer\/contactgegevens/);
  await checkWidths(page, 'contact-details');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByLabel('Telefoonnummer', { exact: true }).fill('bel ons');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByTestId('error-summary').waitFor();
  await checkWidths(page, 'contact-details-error');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByLabel('Telefoonnummer', { exact: true }).fill('020 765 43 21');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByText('De contactgegevens zijn opgeslagen.').waitFor();
  assert.match(await page.getByTestId('contacts').innerText(), /020 765 43 21/);
  await page.close();
});
