// Per-file verdicts in real Chromium, axe on every page visited (issue 18): an upload with one bad
// and three good files gives three approved files with an op-orde rapport and one rejected file; the
// bad one corrected and sent alone is approved; the earlier good ones sent again unchanged are
// refused as already in force.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { checkAccessibility, launchBrowser, saveScreenshot } from '../support/browser.ts';
import { DEMO } from '../support/factories.ts';

const FIXTURES = path.resolve('test/fixtures/validation');
const BAD_WMO = path.join(FIXTURES, 'field-bsn-elfproef/WMO_0363_2017H2.csv');
const GOOD = [
  path.join(FIXTURES, 'valid-sbw/SBW_0363_2017H2.csv'),
  path.join(FIXTURES, 'valid-jeugd/JEUGD_0363_2017H2.csv'),
  path.join(FIXTURES, 'valid-wmo-kosten/WMOKOSTEN_0363_2017H2.csv'),
];
const now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;
let browser: Browser;
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

async function deliver(page: Page, files: string[]) {
  await page.goto(`${t.url}/aanleveren`);
  await page.getByLabel('Halfjaar').selectOption('2017H2');
  await page.getByLabel('Bestanden').setInputFiles(files);
  await page.getByRole('button', { name: 'Aanleveren' }).click();
}

async function judged(page: Page): Promise<string> {
  await page.waitForURL(/\/aanleveringen\/[0-9a-f-]{36}$/);
  for (let i = 0; i < 100; i++) {
    const state = await page.getByTestId('delivery-state').innerText();
    if (/goedgekeurd|afgekeurd/i.test(state)) return state;
    await page.waitForTimeout(200);
    await page.reload();
  }
  throw new Error('the delivery was not judged');
}

test('one bad file of four, corrected alone, and the good ones again: per-file verdicts in the portal', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${t.url}/inloggen/start`);
  await page.waitForURL(/\/interaction\//);
  await page.locator(`form:has(input[name="identity"][value="${demoSubjectOf(DEMO.bram)}"]) button`).click();
  await page.waitForURL(`${t.url}/account`);

  await deliver(page, [BAD_WMO, ...GOOD]);
  assert.equal(await judged(page), 'Gedeeltelijk goedgekeurd');
  assert.match(await page.getByTestId('report-status').innerText(), /gedeeltelijk goedgekeurd/);
  assert.match(await page.getByTestId('report-partial').innerText(), /eigen uitkomst/);
  const verdicts = await page.getByTestId('file-outcome').allInnerTexts();
  assert.equal(verdicts.filter((v) => v.startsWith('Goedgekeurd')).length, 3, verdicts.join(' | '));
  assert.equal(verdicts.filter((v) => v.startsWith('Afgekeurd')).length, 1, verdicts.join(' | '));
  for (let i = 0; i < 50 && (await page.getByTestId('content-report-link').count()) === 0; i++) {
    await page.waitForTimeout(200);
    await page.reload();
  }
  await expectAccessible(page, 'per-file-partly-approved');
  await page.getByRole('link', { name: 'Op-orde rapport bekijken' }).click();
  await page.waitForURL(/\/op-orde$/);
  const report = await page.locator('main').innerText();
  for (const name of ['SBW_0363_2017H2.csv', 'JEUGD_0363_2017H2.csv', 'WMOKOSTEN_0363_2017H2.csv'])
    assert.ok(report.includes(name), `the op-orde rapport covers ${name}`);
  assert.ok(!report.includes('WMO_0363_2017H2.csv'), 'not the rejected file');
  await expectAccessible(page, 'per-file-op-orde');

  await deliver(page, [path.join(FIXTURES, 'valid-wmo/WMO_0363_2017H2.csv')]);
  assert.equal(await judged(page), 'Technisch goedgekeurd');
  await expectAccessible(page, 'per-file-corrected');

  await deliver(page, GOOD);
  await page
    .getByText(/al goedgekeurd en van kracht/)
    .first()
    .waitFor();
  assert.match(
    await page.locator('main').innerText(),
    /(SBW|JEUGD|WMOKOSTEN)_0363_2017H2\.csv” is al goedgekeurd en van kracht voor Amsterdam, 2017H2/,
  );
  await expectAccessible(page, 'per-file-refused-in-force');
});
