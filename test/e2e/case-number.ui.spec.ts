/**
 * A case number never breaks at its hyphen ("CM16-" / "0230651"): in the letter's extracted text, narrowed step by
 * step, every case number stays on one line. Kept by CSS (CaseNumbers.tsx), not by changing the text: what is
 * selected and copied is the letter's own characters.
 */
import type { Page } from '@playwright/test';
import { test, expect, expectNoSeriousA11yViolations, loadSamples, openCase, screenshot } from './fixtures';

const CASE = 'CM16-0230651';

/** The widths (px) of the text view at which a case number in it is drawn on more than one line. */
function widthsThatBreakACaseNumber(page: Page): Promise<number[]> {
  return page.locator('.text-letter').evaluate((el: HTMLElement) => {
    const broken: number[] = [];
    for (let width = 220; width <= 640; width += 6) {
      el.style.width = `${width}px`;
      el.style.maxWidth = `${width}px`;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        for (const match of node.data.matchAll(/\b[A-Z]{2}\d{2}-\d{7}\b/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (tops.size > 1 && !broken.includes(width)) broken.push(width);
        }
      }
    }
    el.style.width = '';
    el.style.maxWidth = '';
    return broken;
  });
}

test('a case number in the letter text stays whole on its line, however narrow the view', async ({ app: page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await loadSamples(page);
  await openCase(page, CASE);
  const letter = page.getByRole('region', { name: 'Letter' });
  await letter.getByRole('button', { name: 'Text', exact: true }).click();
  await expect(letter.locator('.text-letter')).toContainText(CASE);
  expect(await widthsThatBreakACaseNumber(page)).toEqual([]);
  // The text is the letter's: the number is one run of its characters, hyphen and all.
  await expect(letter.locator('.case-number-text').first()).toHaveText(CASE);
  await letter.locator('.text-letter').evaluate((el: HTMLElement) => (el.style.maxWidth = '260px'));
  await screenshot(page, 'case-number-narrow-text-1280');
  await expectNoSeriousA11yViolations(page, 'the narrow text view', '.letter-pane');
});
