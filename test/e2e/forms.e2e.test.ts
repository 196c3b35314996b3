// Refused forms in real Chromium (issue 9): the error summary takes focus when the page loads, is
// read out as an alert, its links move to the field, and axe finds no violations on the refused page,
// in Dutch and in English.
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
  t = await startTestApp({ now: () => new Date('2018-02-20T09:00:00Z') });
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

async function expectSummaryFocused(page: Page, name: string) {
  await page.waitForFunction(() => document.activeElement?.id === 'foutmeldingen');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'alert', name);
}

async function newPage(lang: 'nl' | 'en') {
  const context = await browser.newContext();
  if (lang === 'en') await context.addCookies([{ name: 'ggk_taal', value: 'en', url: t.url }]);
  return context.newPage();
}

for (const lang of ['nl', 'en'] as const) {
  test(`registration without a choice: focused summary, links to the fields, no axe violations (${lang})`, async () => {
    const page = await newPage(lang);
    await page.goto(`${t.url}/aanmelden`);
    await page.locator('#naam').fill('Piet');
    await page.locator('#email').fill('piet@gemeente.example');
    await page.locator('form#aanmeldformulier button[type="submit"]').click();
    await page.waitForSelector('#foutmeldingen');
    await expectSummaryFocused(page, `registration ${lang}`);
    await expectAccessible(page, `forms-registration-error-${lang}`);
    // The link goes to the select; the select says it is invalid and why.
    await page.locator('#foutmeldingen a[href="#organisatie"]').click();
    assert.match(page.url(), /#organisatie$/);
    // With JavaScript the cursor is in the field itself.
    await page.waitForFunction(() => document.activeElement?.id === 'organisatie');
    assert.equal(await page.locator('#organisatie').getAttribute('aria-invalid'), 'true');
    assert.ok(await page.locator('#organisatie-fout').isVisible());
    await page.context().close();
  });

  test(`feedback without a rating: focused summary, fieldset marked, no axe violations (${lang})`, async () => {
    const page = await newPage(lang);
    await page.goto(`${t.url}/inloggen`);
    await page.locator('a[href^="/inloggen/start"]').first().click();
    await page.waitForURL(/127\.0\.0\.1:\d+\/interaction\//);
    await page.locator(`form:has(input[name="identity"][value="${demoSubjectOf(DEMO.kim)}"]) button`).click();
    await page.waitForURL(`${t.url}/account`);
    await page.goto(`${t.url}/feedback`);
    await page.locator('#toelichting').fill('Snel!');
    await page.locator('form#feedback-formulier button[type="submit"]').click();
    await page.waitForSelector('#foutmeldingen');
    await expectSummaryFocused(page, `feedback ${lang}`);
    await expectAccessible(page, `forms-feedback-error-${lang}`);
    assert.match(
      (await page.locator('#waardering').getAttribute('class')) ?? '',
      /utrecht-form-fieldset--invalid/,
    );
    assert.equal(await page.locator('#waardering').getAttribute('aria-describedby'), 'waardering-fout');
    // The summary's link puts the cursor on the group's first option.
    await page.locator('#foutmeldingen a[href="#waardering"]').click();
    assert.match(page.url(), /#waardering$/);
    await page.waitForFunction(() => document.activeElement?.closest('#waardering') !== null);
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement).type), 'radio');
    // What was typed stays.
    assert.equal(await page.locator('#toelichting').inputValue(), 'Snel!');
    await page.context().close();
  });
}

test('text fields, selects, buttons and links show the theme’s focus style (issue 20, WCAG 2.4.7)', async () => {
  const page = await newPage('nl');
  await page.goto(`${t.url}/aanmelden`);
  /** The outline of what has the focus after pressing Tab until `selector` has it (keyboard only). */
  const focusStyle = async (selector: string) => {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const style = await page.evaluate((s) => {
        const el = document.activeElement;
        if (!el?.matches(s)) return undefined;
        const css = getComputedStyle(el);
        return { style: css.outlineStyle, width: css.outlineWidth, color: css.outlineColor };
      }, selector);
      if (style) return style;
    }
    throw new Error(`${selector} never had the focus`);
  };
  // In the order of the page: Tab goes on from where the focus is.
  const styles = {
    select: await focusStyle('select#organisatie'),
    'text field': await focusStyle('input#naam'),
    button: await focusStyle('form#aanmeldformulier button[type="submit"]'),
    link: await focusStyle('footer a[href="/help"]'),
  };
  // The theme's focus outline (voorbeeld theme: 2 px dashed, near-black), not the browser's own ring.
  for (const [name, style] of Object.entries(styles))
    assert.deepEqual(style, { style: 'dashed', width: '2px', color: 'rgb(11, 12, 12)' }, name);
  await page.context().close();
});
