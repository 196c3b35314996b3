// The session's time limit (WCAG 2.2.1) in Chromium. Both clocks are driven, no waiting: the page's
// (Playwright's clock) runs the warning's timers, the server's (the test app's now) decides whether
// the session is still alive. A few minutes before the idle limit a warning appears, announced in a
// polite live region, and its button extends the session without leaving the page (what was typed
// stays); after the limit the page offers a new login that comes back to the same page, with what
// was typed put back. Without
// JavaScript, the long form states the limit. axe 0 on the page with the warning.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { amsterdamInstant } from '../../src/platform/time/amsterdam-time.ts';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { checkAccessibility, launchBrowser, saveScreenshot } from '../support/browser.ts';
import { DEMO } from '../support/factories.ts';

const T0 = amsterdamInstant('2018-02-20', '10:00');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
let clock = T0;
let t: TestApp;
let browser: Browser;
before(async () => {
  t = await startTestApp({ now: () => clock });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

test('before the idle limit a warning offers to stay logged in; after it, a new login returns to the page, accessibly', async () => {
  assert.equal(t.config.session.idleMinutes, 30);
  const page = await (await browser.newContext()).newPage();
  await page.clock.install({ time: T0 });
  const identity = `form:has(input[name="identity"][value="${demoSubjectOf(DEMO.bram)}"]) button`;
  await page.goto(`${t.url}/inloggen/start?terug=${encodeURIComponent('/feedback')}`);
  await page.waitForURL(/\/interaction\//);
  await page.locator(identity).click();
  await page.waitForURL(`${t.url}/feedback`);

  // Without JavaScript too: the long form says how long one may be idle.
  assert.match(await page.getByTestId('session-limit').innerText(), /na 30 minuten zonder activiteit/);
  const comment = page.getByLabel('Toelichting (niet verplicht)');
  await comment.fill('Het uploaden ging vlot.');
  const warning = page.locator('[data-session-warning]');
  assert.equal(await warning.isVisible(), false);

  // 25 minutes idle: the warning, five minutes before the limit, said politely.
  await page.clock.fastForward('25:00');
  await warning.waitFor({ state: 'visible' });
  assert.match(await warning.innerText(), /Over 5 minuten wordt u uitgelogd/);
  assert.equal(await page.locator('[data-session-status]').getAttribute('aria-live'), 'polite');
  assert.match((await page.locator('[data-session-status]').textContent()) ?? '', /Over 5 minuten/);
  await saveScreenshot(page, 'session-warning');
  const axe = await checkAccessibility(page);
  assert.equal(axe.count, 0, axe.report);

  // Staying logged in, at 26 minutes: the page stays, with what was typed.
  clock = at(26);
  await page.getByRole('button', { name: 'Ingelogd blijven' }).click();
  await page.locator('[data-session-status]', { hasText: 'U blijft ingelogd.' }).waitFor();
  assert.equal(await warning.isVisible(), false);
  assert.equal(await comment.inputValue(), 'Het uploaden ging vlot.');
  assert.equal(page.url(), `${t.url}/feedback`);
  // 50 minutes after login, 24 after extending: the session is still alive on the server.
  clock = at(50);
  const alive = await page.request.get(`${t.url}/account`, { maxRedirects: 0 });
  assert.equal(alive.status(), 200, 'the extended session still works');

  // Idle past the limit: the page says so and offers a login that returns here.
  await page.clock.fastForward('30:00');
  const expired = page.locator('[data-session-expired]');
  await expired.waitFor({ state: 'visible' });
  assert.match((await page.locator('[data-session-status]').textContent()) ?? '', /U bent uitgelogd/);
  clock = at(120);
  await page.getByRole('link', { name: 'Opnieuw inloggen en terug naar deze pagina' }).click();
  await page.waitForURL(/\/inloggen\?terug=%2Ffeedback/);
  await page.getByRole('link', { name: 'Inloggen met eHerkenning' }).click();
  await page.waitForURL(/\/interaction\//);
  await page.locator(identity).click();
  await page.waitForURL(`${t.url}/feedback`);
  // Back on the page, with what was typed before the session ended.
  assert.equal(await comment.inputValue(), 'Het uploaden ging vlot.');
  await page.close();
});
