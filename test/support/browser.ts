// Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core, with an axe check helper.
// Screenshots go to test-artifacts/ so a person can look at what the tests saw.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import axe from 'axe-core';

export const ARTIFACTS_DIR = path.resolve('test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe with the WCAG 2.0/2.1 A and AA rules, run in the page itself. @axe-core/playwright's
 * AxeBuilder evaluated axe's 560 kB source again on every run and finished each run in a new blank
 * tab (to merge iframes' results, injecting the source there too), and gathered the passing nodes'
 * details: about half of an accessibility check's time. Our pages have no iframes; a page that does
 * is still checked by AxeBuilder, which walks its frames.
 */
async function axeViolations(page: Page): Promise<string[]> {
  const result =
    page.frames().length > 1
      ? await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze()
      : await runAxeInPage(page);
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`,
  );
}

async function runAxeInPage(page: Page): Promise<axe.AxeResults> {
  // Once per document: the 320 px run of the same page finds axe already there.
  if (!(await page.evaluate('typeof window.axe?.run === "function"'))) await page.evaluate(axe.source);
  // Source text, as in reflowProblems; `resultTypes` leaves out the details of what passed.
  return page.evaluate<axe.AxeResults>(
    `window.axe.run(document, ${JSON.stringify({
      runOnly: { type: 'tag', values: WCAG_21_AA },
      resultTypes: ['violations'],
    })})`,
  );
}

/**
 * What makes the page wider than its viewport (WCAG 1.4.10 reflow): the outermost elements that
 * stick out, ignoring what sits inside a region that scrolls on its own (a data table's wrapper).
 */
async function reflowProblems(page: Page): Promise<string[]> {
  // Passed as source text: tsx names inner functions with a helper (__name) the page does not have.
  return page.evaluate<string[]>(`(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const out = [];
    const scrolls = (style) => /auto|scroll/.test(style.overflowX);
    const visit = (el) => {
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      // A box past the edge, or text running out of its box (a long word that does not break).
      const textOverflows = el.children.length === 0 && rect.left + el.scrollWidth > width + 1;
      if ((rect.right > width + 1 || textOverflows) && rect.width > 0 && style.position !== 'absolute') {
        const wide = Array.from(el.children).filter((c) => c.getBoundingClientRect().right > width + 1);
        if (wide.length === 0 || scrolls(style)) {
          const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
            (el.classList.length ? '.' + Array.from(el.classList).join('.') : '');
          out.push(name + ' reaches ' + Math.round(Math.max(rect.right, rect.left + el.scrollWidth)) + ' px: "' + (el.textContent || '').trim().slice(0, 60) + '"');
          return;
        }
      }
      if (scrolls(style) && el !== document.body) return;
      for (const child of Array.from(el.children)) visit(child);
    };
    visit(document.body);
    return ['the page is ' + document.documentElement.scrollWidth + ' px wide in a ' + width + ' px viewport', ...out.slice(0, 5)];
  })()`);
}

/**
 * Data tables sit directly in a region with a name and tabindex 0 (issue 20, screen readers): a
 * keyboard user can scroll a table that is wider than the window (2.1.1), and a screen reader names
 * the region. axe only asks for the focus when the table happens to overflow at the size tested.
 */
async function tableRegionProblems(page: Page): Promise<string[]> {
  return page.evaluate(`(() => [...document.querySelectorAll('table')]
    .filter((table) => {
      const region = table.parentElement;
      return !(
        region &&
        region.getAttribute('role') === 'region' &&
        region.getAttribute('tabindex') === '0' &&
        (region.getAttribute('aria-label') || '').trim() !== ''
      );
    })
    .map((table) => 'table without a named, focusable region around it: "' +
      ((table.querySelector('caption') && table.querySelector('caption').textContent) || '').trim().slice(0, 60) + '"'))()`);
}

/**
 * Runs axe with the WCAG 2.0/2.1 A and AA rules at the page's own size and again at 320 CSS px wide
 * (the width of 1280 px zoomed to 400 %), where the page must also not scroll sideways (1.4.10);
 * every data table must sit in a named, focusable region (tableRegionProblems).
 * Returns the problems, readable in an assertion message; the viewport is put back afterwards.
 */
export async function checkAccessibility(page: Page): Promise<{ count: number; report: string }> {
  const problems = [...(await axeViolations(page)), ...(await tableRegionProblems(page))];
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  try {
    problems.push(
      ...(await reflowProblems(page)).map((p, i) => (i === 0 ? `reflow at 320 px: ${p}` : `  ${p}`)),
    );
    problems.push(...(await axeViolations(page)).map((v) => `at 320 px: ${v}`));
  } finally {
    if (size) await page.setViewportSize(size);
  }
  return { count: problems.filter((p) => !p.startsWith('  ')).length, report: problems.join('\n') };
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
