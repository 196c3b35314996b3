// The page header with the longest demo organisation name (a samenwerkingsverband, for a user who
// acts for more than one organisation so the switch is shown too): it wraps cleanly at 1280 px and
// at 320 px (WCAG 1.4.10), the organisation name is not broken inside a word, and axe finds nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { amsterdamInstant } from '../../src/platform/time/amsterdam-time.ts';
import { DEMO_COLLABORATIONS, demoSubjectOf } from '../../src/main/demo-data.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { checkAccessibility, launchBrowser, saveScreenshot } from '../support/browser.ts';
import { DEMO } from '../support/factories.ts';

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

const LONGEST = DEMO_COLLABORATIONS.map((c) => c.name).sort((a, b) => b.length - a.length)[0]!;

test('the header with the longest organisation name wraps cleanly at 1280 and 320 px, accessibly', async () => {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(`${t.url}/inloggen/start`);
  await page.waitForURL(/\/interaction\//);
  await page.locator(`form:has(input[name="identity"][value="${demoSubjectOf(DEMO.hanna)}"]) button`).click();
  await page.waitForURL(/\/(account|organisatie)/);
  await page.getByLabel('Werken namens').selectOption({ label: LONGEST });
  await page.getByRole('button', { name: 'Wissel', exact: true }).click();
  await page.getByTestId('acting-organisation').filter({ hasText: LONGEST }).waitFor();

  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 800 });
    const header = await page.evaluate(`(() => {
      const root = document.documentElement;
      const org = document.querySelector('[data-testid="acting-organisation"]');
      const header = document.querySelector('header');
      // An element of the header that sticks out of the header's box.
      const outside = Array.from(header.querySelectorAll('*')).filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > header.getBoundingClientRect().right + 1;
      }).map((el) => el.tagName + '.' + el.className);
      // The organisation name broken inside a word: some word of it wider than one line box.
      const range = document.createRange();
      range.selectNodeContents(org);
      const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
      const words = org.textContent.split(' ').length;
      // The organisation switch (label, select, button) on one row, as a sentence is.
      const parts = Array.from(document.querySelectorAll('form[action="/organisatie-kiezen"] > :not([type=hidden])'))
        .map((el) => el.getBoundingClientRect());
      const oneRow = parts.every((r) => r.top < parts[0].bottom && r.bottom > parts[0].top);
      return { pageWidth: root.scrollWidth, viewport: root.clientWidth, outside, lines: lines.size, words, oneRow };
    })()`);
    const h = header as {
      pageWidth: number;
      viewport: number;
      outside: string[];
      lines: number;
      words: number;
      oneRow: boolean;
    };
    assert.ok(h.pageWidth <= h.viewport, `at ${width} px the page is ${h.pageWidth} px wide`);
    assert.deepEqual(h.outside, [], `at ${width} px header parts stick out`);
    assert.ok(
      h.lines <= h.words,
      `at ${width} px the organisation name breaks inside a word (${h.lines} lines)`,
    );
    if (width === 1280) {
      assert.equal(h.lines, 1, 'at 1280 px the organisation name stays on one line');
      assert.ok(h.oneRow, 'at 1280 px the organisation switch (label, select, button) is one row');
    }
    await saveScreenshot(page, `header-longest-organisation-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  const axe = await checkAccessibility(page);
  assert.equal(axe.count, 0, axe.report);
  await page.close();
});
