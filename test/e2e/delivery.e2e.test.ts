// Delivering in real Chromium, axe on every page visited:
// 1. the aanleveraar delivers a ZIP (checked in the browser, sent resumably), reads the approved
//    technical report and the op-orde report;
// 2. without JavaScript the plain multipart form still delivers;
// 3. in English, with the keyboard only: log in, choose the organisation, choose files, see the
//    in-browser findings, deliver, receipt, report, download the report;
// 4. a resumable upload whose connection drops halfway continues where it was, also after a reload,
//    and ends in a receipt; the temporary tus files are gone afterwards; an upload is paused, resumed
//    and cancelled with the keyboard (axe in the paused and the cancelled state);
// 5. in the withdrawal window the intrekker first withdraws one part (one file type of one half year:
//    chosen, listed exactly, confirmed; the rest stays), then everything; the operator sees it in the
//    audit trail.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, FileChooser, Page } from 'playwright-core';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { createApiToken } from '../../src/modules/auth/index.ts';
import { planDelivery, readGeneratorSpec } from '../../src/modules/validation/generate/index.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { checkAccessibility, launchBrowser, saveScreenshot } from '../support/browser.ts';
import { DEMO, organisationByCode } from '../support/factories.ts';

let t: TestApp;
let browser: Browser;
let now = new Date('2018-02-20T09:00:00Z');
let dir: string;
before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
  browser = await launchBrowser();
  dir = mkdtempSync(path.join(tmpdir(), 'ggk-e2e-'));
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

/** axe needs JavaScript in the page: the no-JavaScript journey's pages are checked in a twin context. */
async function expectAccessibleWithoutJs(page: Page, name: string) {
  const twin = await browser.newContext({ storageState: await page.context().storageState() });
  try {
    const copy = await twin.newPage();
    await copy.goto(page.url());
    await expectAccessible(copy, name);
  } finally {
    await twin.close();
  }
}

async function logIn(page: Page, email: string, landing = '/account') {
  await page.goto(`${t.url}/inloggen/start`);
  await page.waitForURL(/\/interaction\//);
  await page.locator(`form:has(input[name="identity"][value="${demoSubjectOf(email)}"]) button`).click();
  await page.waitForURL(`${t.url}${landing}`);
}

/** A generated, valid GMSD file of about `rows` records, written to the test's folder. */
function generatedFile(type: string, gemeente: string, rows: number): string {
  const spec = readGeneratorSpec(JSON.parse(readFileSync('specs/gmsd/2017.json', 'utf8')));
  const plan = planDelivery({ spec, type, gemeente, period: '2017H2', rows });
  const file = path.join(dir, plan.fileName);
  writeFileSync(file, Buffer.concat([...plan.chunks()]));
  return file;
}

async function waitForJudgement(page: Page) {
  for (
    let i = 0;
    i < 100 &&
    !/goedgekeurd|afgekeurd|approved|rejected/i.test(await page.getByTestId('delivery-state').innerText());
    i++
  ) {
    await page.waitForTimeout(200);
    await page.reload();
  }
}

/** Presses Tab until the element matching `selector` has the focus (keyboard only, no clicks). */
/**
 * Space on the focused file field opens the file chooser. Chromium now and then lets the first press
 * go without a chooser (CI6: no 'filechooser' in 30 s, once in six runs): press again, up to 3 times.
 */
async function chooseByKeyboard(page: Page): Promise<FileChooser> {
  for (let attempt = 1; ; attempt++) {
    const chooser = page.waitForEvent('filechooser', { timeout: 8_000 });
    await page.keyboard.press('Space');
    try {
      return await chooser;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

async function tabTo(page: Page, selector: string, reverse = false) {
  for (let i = 0; i < 60; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(reverse ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`could not reach ${selector} with the Tab key`);
}

test('an aanleveraar uploads the four files as a ZIP and reads the approved technical report', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${t.url}/inloggen/start`);
  await page.waitForURL(/\/interaction\//);
  await page.locator(`form:has(input[name="identity"][value="${demoSubjectOf(DEMO.bram)}"]) button`).click();
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

  await page
    .getByRole('navigation', { name: 'Hoofdmenu' })
    .getByRole('link', { name: 'Aanleveringen' })
    .click();
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

test('without JavaScript, the plain form delivers and gives the receipt', async () => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await logIn(page, DEMO.bram);
  await page.getByRole('link', { name: 'Aanleveren', exact: true }).click();
  assert.match(await page.title(), /^Aanleveren - Amsterdam - ggk/);
  await page.getByLabel('Bestanden').setInputFiles(generatedFile('sbw', '0363', 50));
  await page.getByRole('button', { name: 'Aanleveren' }).click();
  await page.waitForURL(/\/aanleveringen\/[0-9a-f-]{36}$/);
  assert.match(await page.getByTestId('receipt').innerText(), /GGK-2018-\d{6}/);
  await expectAccessibleWithoutJs(page, 'receipt-without-js');
});

test('in English and with the keyboard only: choose the organisation, check files in the browser, deliver, download the report', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await logIn(page, DEMO.hanna);
  await page.getByTestId('language-switch').click();
  await page.waitForURL(`${t.url}/account`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');

  // Choose the organisation in the header: the collaboration delivers for its member gemeenten.
  await page.getByLabel('Working for').selectOption({ label: 'Westelijke Mijnstreek Jeugddomein' });
  await page.getByRole('button', { name: 'Switch' }).click();
  await page.waitForURL(`${t.url}/account`);
  assert.equal(
    await page.getByTestId('acting-organisation').innerText(),
    'Westelijke Mijnstreek Jeugddomein',
  );
  await expectAccessible(page, 'account-en');

  await page.getByRole('link', { name: 'Deliver', exact: true }).click();
  await page.waitForURL(`${t.url}/aanleveren`);
  assert.match(await page.title(), /^Deliver - Westelijke Mijnstreek Jeugddomein - ggk/);
  assert.match(
    await page.getByTestId('nothing-leaves').innerText(),
    /Nothing is sent to ggk until you press/,
  );
  await expectAccessible(page, 'upload-en');

  // Keyboard only from here: the skip link, the gemeente, the files, the button.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
  await tabTo(page, '#gemeentecode');
  while ((await page.inputValue('#gemeentecode')) !== '1883') await page.keyboard.press('ArrowDown');
  const bad = path.resolve('test/fixtures/validation/field-bsn-elfproef/WMO_0363_2017H2.csv');
  await tabTo(page, '#bestanden');
  await (await chooseByKeyboard(page)).setFiles(bad);
  const report = page.getByTestId('browser-report');
  await report.waitFor();
  assert.match(await page.getByTestId('browser-check-status').innerText(), /found errors/);
  // The finding's own English text (its template, issue 20), not only the code's general one.
  assert.match(
    await report.innerText(),
    /bsn\s+error\s+The BSN fails the eleven test \(elfproef\)\. Check the citizen service number\./,
  );
  assert.match(await report.innerText(), /Outcome: rejected/);
  // A screen reader hears the short status line (the live region), not the whole report, and the
  // focus moves to the findings' heading.
  assert.equal(await page.getByTestId('browser-check-status').getAttribute('role'), 'status');
  assert.equal(await page.locator('#browser-check').getAttribute('aria-live'), null);
  assert.equal(await report.getAttribute('aria-live'), null);
  assert.equal(
    await page.evaluate(() => document.activeElement?.textContent),
    'Findings of the check in your browser',
  );
  await expectAccessible(page, 'upload-browser-findings-en');

  const good = generatedFile('jeugd', '1883', 300);
  // Back to the file field by keyboard: where focus is after the check is the page's choice (the
  // findings may take it), not something this journey may assume.
  await tabTo(page, '#bestanden', true);
  await (await chooseByKeyboard(page)).setFiles(good);
  await page.getByText('Done: your browser found no errors').waitFor();
  assert.match(await report.innerText(), /Outcome: approved/);
  await tabTo(page, '#upload-form button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/aanleveringen\/[0-9a-f-]{36}$/);
  assert.match(await page.getByTestId('receipt').innerText(), /GGK-2018-\d{6}/);
  assert.match(await page.getByTestId('receipt').innerText(), /Sittard-Geleen \(1883\)/);
  await waitForJudgement(page);
  assert.equal(await page.getByTestId('delivery-state').innerText(), 'Technically approved');
  assert.match(await page.getByTestId('report-status').innerText(), /Outcome: approved/);
  await expectAccessible(page, 'delivery-approved-en');

  await tabTo(page, 'a[href$="/rapport.json"]');
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const saved = path.join(dir, 'rapport.json');
  await (await download).saveAs(saved);
  const json = JSON.parse(readFileSync(saved, 'utf8')) as { status: string; files: Array<{ name: string }> };
  assert.equal(json.status, 'approved');
  assert.equal(json.files[0]!.name, path.basename(good));
  await context.close();
});

test('a resumable upload survives a dropped connection and a reload, and ends in a receipt', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, DEMO.bram);
  const big = generatedFile('wmo', '0363', 60_000);
  const size = readFileSync(big).length;
  assert.ok(size > 3 * 1024 * 1024, `the file is large enough to need several chunks (${size} bytes)`);

  // Offsets of the PATCH requests that reached the server; once `budget` chunks have gone through,
  // the connection is dropped (the request is reset) until the test gives more budget.
  const offsets: number[] = [];
  let budget = 2;
  let drops = 0;
  await page.route('**/aanleveren/hervatbaar/*', async (route) => {
    const request = route.request();
    if (request.method() === 'PATCH') {
      if (budget <= 0) {
        drops += 1;
        return route.abort('connectionreset');
      }
      budget -= 1;
      offsets.push(Number(request.headers()['upload-offset']));
    }
    return route.continue();
  });
  const waitForChunks = async (n: number) => {
    for (let i = 0; i < 300 && offsets.length < n; i++) await page.waitForTimeout(100);
    assert.ok(offsets.length >= n, `${offsets.length} chunks arrived, expected ${n}`);
  };

  await page.goto(`${t.url}/aanleveren`);
  await page.getByLabel('Bestanden').setInputFiles(big);
  await page.getByText('uw browser vond geen fouten').waitFor({ timeout: 60_000 });
  await expectAccessible(page, 'upload-browser-check');
  await page.getByRole('button', { name: 'Aanleveren' }).click();
  await page.getByTestId('upload-progress-text').filter({ hasText: 'De verbinding is verbroken' }).waitFor();
  await expectAccessible(page, 'upload-connection-lost');

  // The connection comes back: the upload continues from where the server got to, not from zero.
  budget = 1;
  await waitForChunks(3);
  assert.deepEqual(offsets, [0, 1024 * 1024, 2 * 1024 * 1024]);

  // It drops again (the next chunk is refused: the one at 2 MiB has been answered, so the reload
  // does not cut it off half way; the message on the page may still be the earlier one); the page is
  // reloaded and the same file chosen: the same upload continues.
  const dropsSoFar = drops;
  for (let i = 0; i < 300 && drops === dropsSoFar; i++) await page.waitForTimeout(50);
  assert.ok(drops > dropsSoFar, 'the connection dropped again');
  await page.getByTestId('upload-progress-text').filter({ hasText: 'De verbinding is verbroken' }).waitFor();
  budget = Infinity;
  await page.reload();
  await page.getByLabel('Bestanden').setInputFiles(big);
  await page.getByText('uw browser vond geen fouten').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Aanleveren' }).click();
  await page.waitForURL(/\/aanleveringen\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  assert.equal(offsets[3], 3 * 1024 * 1024, 'after the reload the upload continued at 3 MiB, not at 0');
  assert.equal(offsets.length, Math.ceil(size / (1024 * 1024)), 'every chunk was sent exactly once');
  assert.match(await page.getByTestId('receipt').innerText(), /GGK-2018-\d{6}/);
  await waitForJudgement(page);
  assert.equal(await page.getByTestId('delivery-state').innerText(), 'Technisch goedgekeurd');
  await saveScreenshot(page, 'delivery-resumed');

  // Nothing unencrypted stays behind: the temporary tus files were removed after storing.
  const leftovers = readdirSync(path.join(t.config.dataDir, 'hervatbaar')).filter(
    (f) => !f.endsWith('.json'),
  );
  assert.deepEqual(leftovers, []);
  await context.close();
});

test('a resumable upload can be paused, resumed and cancelled with the keyboard, with the time left in words', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, DEMO.bram);
  const big = generatedFile('wmo', '0363', 60_000);
  const size = readFileSync(big).length;

  // Each chunk is held for a while, so there is time to press the buttons while one is in flight.
  const patches: number[] = [];
  const deletes: number[] = [];
  page.on('request', (request) => {
    if (!request.url().includes('/aanleveren/hervatbaar/')) return;
    if (request.method() === 'PATCH') patches.push(Number(request.headers()['upload-offset']));
  });
  page.on('response', (response) => {
    if (response.request().method() === 'DELETE') deletes.push(response.status());
  });
  await page.route('**/aanleveren/hervatbaar/*', async (route) => {
    if (route.request().method() === 'PATCH') await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue().catch(() => undefined); // a paused or cancelled chunk was aborted meanwhile
  });
  const tusFiles = () =>
    readdirSync(path.join(t.config.dataDir, 'hervatbaar')).filter((f) => !f.endsWith('.json'));

  await page.goto(`${t.url}/aanleveren`);
  await page.getByLabel('Bestanden').setInputFiles(big);
  await page.getByText('uw browser vond geen fouten').waitFor({ timeout: 60_000 });
  // What the live region says (the progress, at most every 10 % or 10 s; the visible text every second).
  await page.evaluate(() => {
    const spoken: Array<{ text: string; at: number }> = [];
    (window as unknown as { spoken: typeof spoken }).spoken = spoken;
    const region = document.getElementById('upload-announcement')!;
    new MutationObserver(() => spoken.push({ text: region.textContent ?? '', at: Date.now() })).observe(
      region,
      {
        childList: true,
        characterData: true,
        subtree: true,
      },
    );
  });
  assert.equal(await page.getByTestId('upload-progress-text').getAttribute('role'), null);
  assert.equal(await page.getByTestId('upload-announcement').getAttribute('role'), 'status');
  await page.getByRole('button', { name: 'Aanleveren' }).press('Enter');
  const progressText = page.getByTestId('upload-progress-text');
  // (The visible text; the live region says the same, less often.)
  await progressText.filter({ hasText: /MB verstuurd/ }).waitFor();
  // The time left is in words, in seconds only under a minute.
  assert.match(
    await progressText.innerText(),
    /MB verstuurd \(\d+%\), (nog ongeveer (1 seconde|\d+ seconden|1 minuut|\d+ minuten)|de resterende tijd wordt nog berekend)\./,
  );

  // Pause (keyboard): no chunk is sent while paused; the button now resumes and keeps the focus.
  const pause = page.getByRole('button', { name: 'Versturen pauzeren' });
  await pause.press('Enter');
  const state = page.getByTestId('upload-state');
  await page.getByText(/Het versturen is gepauzeerd bij \d+%/).waitFor();
  assert.equal(await state.getAttribute('aria-live'), 'polite');
  assert.match(await progressText.innerText(), /MB verstuurd \(\d+%\), gepauzeerd\./);
  const resume = page.getByRole('button', { name: 'Versturen hervatten' });
  assert.ok(await resume.evaluate((el) => el === document.activeElement), 'the focus stays on the button');
  const sentWhenPaused = patches.length;
  await page.waitForTimeout(1500);
  assert.equal(patches.length, sentWhenPaused, 'nothing is sent while paused');
  await expectAccessible(page, 'upload-paused');

  // Resume: it continues where the server got to (a HEAD first), not from zero.
  await page.keyboard.press('Enter');
  await page.getByText('Het versturen gaat verder.').waitFor();
  for (let i = 0; i < 100 && patches.length === sentWhenPaused; i++) await page.waitForTimeout(50);
  assert.ok(patches.length > sentWhenPaused, 'sending resumed');
  assert.ok(patches.at(-1)! > 0, `resumed at ${patches.at(-1)}, not at 0`);
  assert.ok(patches.at(-1)! < size);

  // The live region says the progress (how often is not checked here: with 1-MiB chunks of a 4-MB
  // file every step is over 10 %, so such a check could not fail). Waited for, not read at once: the
  // first 10 % may only be reached by a chunk sent after the resume (each is held 800 ms above), when
  // the pause came before the first one was through (seen on a loaded machine).
  await page.waitForFunction(
    () =>
      (window as unknown as { spoken: Array<{ text: string; at: number }> }).spoken.some((s) =>
        /MB verstuurd/.test(s.text),
      ),
    undefined,
    { timeout: 15_000 },
  );

  // Cancel (keyboard): the tus upload is deleted on the server and the page is as before sending.
  await page.getByRole('button', { name: 'Versturen annuleren' }).press('Enter');
  await page.getByText('Het versturen is geannuleerd. Er is niets aangeleverd').waitFor();
  assert.deepEqual(deletes, [204]);
  assert.equal(await page.locator('#upload-progress').isHidden(), true);
  assert.ok(
    await page.evaluate(() => document.activeElement?.matches('#upload-form button[type="submit"]')),
    'the focus goes to the send button',
  );
  assert.deepEqual(tusFiles(), [], 'the temporary file is removed on the server');
  assert.equal(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ggk-upload:')).length),
    0,
    'the upload is forgotten: sending again starts a new one',
  );
  assert.equal(page.url(), `${t.url}/aanleveren`, 'nothing was delivered');
  await expectAccessible(page, 'upload-cancelled');

  // In English the time left is in English words; sending again after a cancel starts a new upload.
  await page.goto(`${t.url}/taal/en?terug=/aanleveren`);
  await page.waitForURL(`${t.url}/aanleveren`);
  await page.getByLabel('Files').setInputFiles(big);
  await page.getByText('your browser found no errors').waitFor({ timeout: 60_000 });
  const firstAgain = patches.length;
  await page.getByRole('button', { name: 'Deliver', exact: true }).press('Enter');
  await progressText.filter({ hasText: /MB sent/ }).waitFor();
  assert.match(
    await progressText.innerText(),
    /MB sent \(\d+%\), (about (1 second|\d+ seconds|1 minute|\d+ minutes) left|the time left is still being calculated)\./,
  );
  assert.equal(patches[firstAgain], 0, 'a new upload, from the start');
  await page.getByRole('button', { name: 'Cancel sending' }).press('Enter');
  await page.getByText('Sending was cancelled. Nothing has been delivered').waitFor();
  assert.deepEqual(deletes, [204, 204]);
  assert.deepEqual(tusFiles(), []);
  await context.close();
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
  // A part to choose: Amsterdam also delivered an SBW file for the first half year of 2017.
  const amsterdam = (await organisationByCode(t.database.db, '0363')).id;
  const { token } = await createApiToken(t.database.db, {
    organisationId: amsterdam,
    name: 'e2e',
    roles: ['aanleveraar'],
    days: 60,
    createdBy: null,
    now,
  });
  const spec = readGeneratorSpec(JSON.parse(readFileSync('specs/gmsd/2017.json', 'utf8')));
  const plan = planDelivery({ spec, type: 'sbw', gemeente: '0363', period: '2017H1', rows: 20, seed: 77 });
  const body = new FormData();
  body.append('halfjaar', '2017H1');
  body.append('bestanden', new Blob([Buffer.concat([...plan.chunks()])]), plan.fileName);
  const sent = await fetch(`${t.url}/api/v1/deliveries`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body,
  });
  assert.equal(sent.status, 201, await sent.clone().text());
  const { id } = (await sent.json()) as { id: string };
  for (let i = 0; i < 150; i++) {
    const row = await t.database.db
      .selectFrom('deliveries')
      .select('state')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (row.state === 'approved') break;
    await new Promise((r) => setTimeout(r, 200));
  }

  now = new Date('2018-03-15T10:00:00Z');
  const page = await loginAs(DEMO.daan);
  await page.getByRole('link', { name: 'Intrekken', exact: true }).click();
  assert.match(await page.locator('main').innerText(), /Wordt verwijderd/);
  await expectAccessible(page, 'withdraw-confirm');
  // First one part: SBW of the first half year, chosen by keyboard, then exactly its file listed.
  await page.getByRole('radio', { name: 'SBW van 1e halfjaar 2017' }).check();
  await page.getByRole('button', { name: 'Toon wat wordt verwijderd' }).press('Enter');
  await page.waitForURL(/deel=2017H1%3Asbw/);
  const confirm = page.getByRole('table', { name: /Wordt verwijderd/ });
  assert.match(await page.locator('main').innerText(), /Intrekken: SBW van 1e halfjaar 2017/);
  assert.deepEqual(
    (await confirm.locator('tbody tr').allInnerTexts()).map((r) => r.includes(plan.fileName)),
    [true],
  );
  await expectAccessible(page, 'withdraw-part-confirm');
  await page.getByLabel(/Typ ter bevestiging de naam van uw gemeente/).fill('Amsterdam');
  await page.getByRole('button', { name: 'Definitief intrekken' }).click();
  await page.waitForURL(`${t.url}/intrekken?melding=ingetrokken`);
  const partly = await page.locator('main').innerText();
  assert.match(partly, /Een deel is al ingetrokken/);
  assert.match(partly, /Al ingetrokken/);
  assert.doesNotMatch(partly, /Deze aanlevering is ingetrokken/);
  assert.equal(await page.getByRole('radio', { name: 'SBW van 1e halfjaar 2017' }).count(), 0);
  await expectAccessible(page, 'withdraw-part-done');
  // Then everything that is left (the default choice).
  assert.match(partly, /Intrekken: Alles van deze ronde/);
  await page.getByLabel(/Typ ter bevestiging de naam van uw gemeente/).fill('Amsterdam');
  await page.getByRole('button', { name: 'Definitief intrekken' }).click();
  await page.waitForURL(`${t.url}/intrekken?melding=ingetrokken`);
  assert.match(await page.locator('main').innerText(), /Deze aanlevering is ingetrokken/);
  await expectAccessible(page, 'withdraw-done');

  const operator = await loginAs(DEMO.ivo);
  await operator.goto(`${t.url}/intrekkingen`);
  await expectAccessible(operator, 'withdrawals');
  await operator.goto(`${t.url}/beheer/audit`);
  await operator.getByLabel('Handeling').selectOption('withdrawal.registered');
  await operator.getByRole('button', { name: 'Filteren' }).click();
  assert.match(await operator.getByTestId('audit').innerText(), /Intrekking geregistreerd/);
  await expectAccessible(operator, 'audit');
});
