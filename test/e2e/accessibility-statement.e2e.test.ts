// The accessibility statement on the Dutch model (issue 20), in real Chromium with axe at 1280 and
// 320 px (no sideways scroll): in Dutch and, after the header's language switch, in English, it has the
// model's sections — status with date and responsible body (the configured operator), the evaluation
// and its evidence, known problems with planned fixes, a contact route that mails the configured
// address, and the complaints route to the Nationale ombudsman. Screenshots in test-artifacts/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { checkAccessibility, launchBrowser, saveScreenshot } from '../support/browser.ts';

const OPERATOR = 'Stichting Portaalbeheer Voorbeeld';
const EMAIL = 'toegankelijkheid@portaalbeheer.example.nl';

let t: TestApp;
let browser: Browser;

before(async () => {
  t = await startTestApp({ env: { GGK_OPERATOR_NAME: OPERATOR, GGK_ACCESSIBILITY_EMAIL: EMAIL } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

const SECTIONS = {
  nl: {
    title: 'Toegankelijkheidsverklaring',
    headings: [
      'Ons doel: WCAG 2.1 niveau AA',
      'Nalevingsstatus',
      'Onderzoek en onderbouwing',
      'Bekende problemen en geplande oplossingen',
      'Toegankelijkheidsprobleem melden',
      'Klacht indienen',
    ],
    status: 'B – voldoet gedeeltelijk',
    date: '7 december 2026',
    evidence: /axe-core .* op 1280 en op 320 pixels breed/,
    planned: /vóór 1 april 2027/,
  },
  en: {
    title: 'Accessibility statement',
    headings: [
      'Our target: WCAG 2.1 level AA',
      'Compliance status',
      'Evaluation and evidence',
      'Known problems and planned fixes',
      'Report an accessibility problem',
      'Make a complaint',
    ],
    status: 'B – partially compliant',
    date: '7 December 2026',
    evidence: /axe-core .* at 1280 and at 320 pixels wide/,
    planned: /before 1 April 2027/,
  },
} as const;

async function expectStatement(page: Page, locale: 'nl' | 'en') {
  const s = SECTIONS[locale];
  assert.equal(await page.getAttribute('html', 'lang'), locale);
  await page.getByRole('heading', { level: 1, name: s.title }).waitFor();
  const headings = await page.locator('main h2').allInnerTexts();
  assert.deepEqual(
    headings.map((h) => h.trim()),
    s.headings,
  );
  // Status, its date and the responsible body (the operator from the configuration).
  const status = page.getByTestId('statement-status');
  assert.equal((await page.getByTestId('statement-status-value').innerText()).trim(), s.status);
  assert.match(await status.innerText(), new RegExp(s.date));
  assert.equal((await page.getByTestId('statement-responsible').innerText()).trim(), OPERATOR);
  assert.match(await page.locator('main').innerText(), new RegExp(OPERATOR));
  // The evaluation and its evidence; the known problems each with a measure and a date.
  assert.ok((await page.getByTestId('statement-audit').locator('li').count()) >= 4);
  assert.match(await page.getByTestId('statement-tests').innerText(), s.evidence);
  const problems = page.getByTestId('statement-problems').locator('li');
  assert.ok((await problems.count()) >= 3);
  for (const text of await problems.allInnerTexts())
    assert.match(text, /(vóór|before) \d{1,2} \p{L}+ 20\d\d|CBS/u, `a measure with a date: ${text}`);
  assert.match(await page.getByTestId('statement-problems').innerText(), s.planned);
  // A contact route that works: a mail link to the configured address.
  const mail = page.getByTestId('statement-contact').getByRole('link', { name: EMAIL });
  assert.equal(await mail.getAttribute('href'), `mailto:${EMAIL}`);
  // The complaints route: the Nationale ombudsman, named in Dutch (marked so on the English page).
  const ombudsman = page
    .getByTestId('statement-complaint')
    .getByRole('link', { name: 'Nationale ombudsman' });
  assert.equal(await ombudsman.getAttribute('href'), 'https://www.nationaleombudsman.nl/klacht-indienen');
  if (locale === 'en') assert.equal(await ombudsman.locator('[lang="nl"]').count(), 1);

  const axe = await checkAccessibility(page);
  await saveScreenshot(page, `accessibility-statement-${locale}`);
  assert.equal(axe.count, 0, axe.report);
  await page.setViewportSize({ width: 320, height: 640 });
  await saveScreenshot(page, `accessibility-statement-${locale}-320`);
  assert.deepEqual(await wordsBrokenInHeadings(page), [], 'at 320 px no heading breaks inside a word');
}

/**
 * The words of the page's headings that break across lines other than at a soft hyphen (where the
 * browser shows a hyphen): "Toegankelijkhei/dsverklaring" was one, cut by overflow-wrap at 40 px.
 */
async function wordsBrokenInHeadings(page: Page): Promise<string[]> {
  // Passed as source text: tsx names inner functions with a helper (__name) the page does not have.
  return page.evaluate<string[]>(`(() => {
    const broken = [];
    for (const heading of document.querySelectorAll('h1, h2, h3, h4')) {
      const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // A word's parts between soft hyphens: the first and the last letter of each on one line.
        const lineOf = (at) => {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 1);
          // The last box: the letter after a line break also gets one at the end of the line before.
          const boxes = range.getClientRects();
          return Math.round(boxes[boxes.length - 1].top);
        };
        for (const part of node.data.matchAll(/[^\\s\\u00ad]+/g)) {
          if (lineOf(part.index) !== lineOf(part.index + part[0].length - 1)) {
            broken.push(heading.tagName + ': ' + part[0]);
          }
        }
      }
    }
    return broken;
  })()`);
}

test('the accessibility statement follows the Dutch model, in Dutch and in English, at 1280 and 320 px', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${t.url}/toegankelijkheid`);
  await expectStatement(page, 'nl');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId('language-switch').click();
  await page.waitForURL(`${t.url}/toegankelijkheid`);
  await expectStatement(page, 'en');
  await context.close();
});
