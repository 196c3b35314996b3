// CBS's op-orde rapport in real Chromium, axe on every page visited (issue 16): a CBS user finds the
// delivery on the CBS pages, is refused a file that is no PDF, places its PDF and chooses that the
// round shows only CBS's report; the gemeente's rapportontvanger then sees CBS's report (not ggk's)
// and downloads exactly the PDF CBS placed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { createApiToken } from '../../src/modules/auth/index.ts';
import { findContentReport } from '../../src/modules/reports/index.ts';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { checkAccessibility, launchBrowser, saveScreenshot } from '../support/browser.ts';
import { generatedFile, uploadFiles, waitUntilChecked } from '../support/handover.ts';
import { DEMO, organisationByCode } from '../support/factories.ts';

const now = new Date('2018-02-20T09:00:00Z');
const PDF = Buffer.from('%PDF-1.4\n% op-orde rapport van CBS\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
let t: TestApp;
let browser: Browser;
let deliveryId: string;
let receipt: string;

before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
  browser = await launchBrowser();
  const amsterdam = await organisationByCode(t.database.db, '0363');
  const token = (
    await createApiToken(t.database.db, {
      organisationId: amsterdam.id,
      name: 'pakket',
      roles: ['aanleveraar'],
      days: 30,
      createdBy: null,
      now,
    })
  ).token;
  deliveryId = await uploadFiles(t.url, token, [generatedFile('wmo', '0363', 11)]);
  await waitUntilChecked(t.database.db, [deliveryId]);
  for (let i = 0; i < 300 && !(await findContentReport(t.database.db, deliveryId)); i++)
    await new Promise((r) => setTimeout(r, 100));
  receipt = (
    await t.database.db
      .selectFrom('deliveries')
      .select('receipt_number')
      .where('id', '=', deliveryId)
      .executeTakeFirstOrThrow()
  ).receipt_number;
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

async function login(email: string): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await page.goto(`${t.url}/inloggen/start`);
  await page.waitForURL(/\/interaction\//);
  await page.locator(`form:has(input[name="identity"][value="${demoSubjectOf(email)}"]) button`).click();
  await page.waitForURL((u) => u.href.startsWith(t.url) && !u.pathname.startsWith('/inloggen'));
  return page;
}

test('a CBS user places an op-orde rapport PDF; the gemeente’s rapportontvanger sees and downloads it', async () => {
  const cbs = await login(DEMO.julia);
  await cbs.getByRole('link', { name: 'Aanleveringen voor CBS' }).click();
  await cbs.waitForURL(/\/cbs\/aanleveringen$/);
  const row = cbs.getByTestId('cbs-deliveries').locator('tr', { hasText: receipt });
  assert.match(await row.innerText(), /nog niet geplaatst/);
  await expectAccessible(cbs, 'cbs-report-list');

  await row.getByRole('link', { name: receipt }).click();
  await cbs.waitForURL(new RegExp(`/cbs/aanleveringen/${deliveryId}$`));
  await expectAccessible(cbs, 'cbs-report-delivery');

  // Not a PDF: refused with the reason, on the same page.
  await cbs.getByLabel('PDF-bestand').setInputFiles({
    name: 'rapport.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('dit is geen pdf'),
  });
  await cbs.getByRole('button', { name: 'Rapport plaatsen' }).click();
  await cbs.getByTestId('error-summary').waitFor();
  assert.match(await cbs.getByTestId('error-summary').innerText(), /moet een PDF-bestand zijn/);
  await expectAccessible(cbs, 'cbs-report-refused');

  await cbs.getByLabel('PDF-bestand').setInputFiles({
    name: 'op-orde-cbs.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await cbs.getByRole('button', { name: 'Rapport plaatsen' }).click();
  await cbs.waitForURL(/opgeslagen=geplaatst$/);
  assert.match(await cbs.locator('main').innerText(), /Het op-orde rapport van CBS is geplaatst/);
  assert.equal(await cbs.getByTestId('cbs-report-state').innerText(), 'geplaatst');
  await expectAccessible(cbs, 'cbs-report-placed');

  // This round the gemeente sees only CBS's report.
  await cbs.getByRole('link', { name: 'Aanleveringen voor CBS' }).first().click();
  await cbs.getByLabel('Alleen het rapport van CBS').check();
  await cbs.getByRole('button', { name: 'Instelling opslaan' }).click();
  await cbs.waitForURL(/opgeslagen=1$/);
  assert.ok(await cbs.getByLabel('Alleen het rapport van CBS').isChecked());
  await expectAccessible(cbs, 'cbs-report-setting-saved');

  const gemeente = await login(DEMO.carla);
  await gemeente.goto(`${t.url}/aanleveringen/${deliveryId}`);
  await gemeente.getByRole('link', { name: 'Op-orde rapport bekijken' }).click();
  await gemeente.waitForURL(/\/op-orde$/);
  const main = await gemeente.locator('main').innerText();
  assert.match(main, /Op-orde rapport van CBS/);
  assert.doesNotMatch(main, /Kerncijfers/, 'ggk’s report is not shown in this round');
  await expectAccessible(gemeente, 'cbs-report-gemeente');

  const [download] = await Promise.all([
    gemeente.waitForEvent('download'),
    gemeente.getByRole('link', { name: 'Op-orde rapport van CBS (PDF)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `op-orde-rapport-cbs-${receipt}.pdf`);
  const bytes = await readFile((await download.path())!);
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  assert.equal(sha(bytes), sha(PDF));
  const recorded = await t.database.db
    .selectFrom('downloads')
    .select(['outcome', 'user_id'])
    .where('delivery_id', '=', deliveryId)
    .where('kind', '=', 'cbs_content_report_pdf')
    .execute();
  assert.deepEqual(
    recorded.map((r) => r.outcome),
    ['success'],
  );
});
