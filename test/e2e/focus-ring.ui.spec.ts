/**
 * The segmented controls of the review screen (the letter's PDF/Text switch, its zoom and pages, the case's review
 * status) clip their buttons to their rounded border. Reached with Tab, each button shows its whole focus ring — drawn
 * inside the button, where the clip cannot cut it to a sliver beside the next button — and the pressed one a ring in
 * a colour that shows on its fill. Under the pointer, the pressed button keeps its fill, so its label stays readable.
 * The splitter between the list and the letter, reached with Tab, is a wide band, not a recoloured hairline.
 */
import type { Page } from '@playwright/test';
import { test, expect, expectNoSeriousA11yViolations, loadSamples, openCase, screenshot } from './fixtures';

interface Ring {
  label: string;
  segmented: boolean;
  /** A ring at least 2 px wide is drawn. */
  drawn: boolean;
  /** The ring lies inside the button's own box (outline offset + width ≤ 0). */
  inside: boolean;
  /** The ring's colour is not the button's fill. */
  showsOnFill: boolean;
}

function focusRing(page: Page): Promise<Ring> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const cs = getComputedStyle(el);
    const width = parseFloat(cs.outlineWidth);
    return {
      label: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim(),
      segmented: el.closest('.segmented') !== null,
      drawn: cs.outlineStyle !== 'none' && width >= 2,
      inside: parseFloat(cs.outlineOffset) + width <= 0,
      showsOnFill: cs.outlineColor !== cs.backgroundColor,
    };
  });
}

test('segmented buttons: a whole focus ring from the keyboard, a readable pressed button under the pointer', async ({
  app: page,
}) => {
  // Eight letters imported, then a PDF drawn: over 60 s at load 15. Every step waits on state; this bounds a hang.
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await loadSamples(page);
  await openCase(page, 'CM16-0247802');
  const letter = page.getByRole('region', { name: 'Letter' });
  await expect(letter.locator('.pdf-page canvas').first()).toBeVisible();

  // The splitter before the letter, reached with Tab from the list: a band of the accent colour at least 3 px wide
  // (it is a 1 px line otherwise).
  const splitter = page.getByRole('separator', { name: 'Case list width' });
  const band = () =>
    splitter.evaluate((el) => {
      const cs = getComputedStyle(el);
      return {
        width: el.getBoundingClientRect().width - parseFloat(cs.borderLeftWidth) - parseFloat(cs.borderRightWidth),
        colour: cs.backgroundColor,
      };
    });
  const idle = await band();
  await page.getByRole('grid', { name: 'Cases' }).focus();
  await page.keyboard.press('Tab');
  await expect(splitter).toBeFocused();
  const focused = await band();
  expect(focused.width).toBeGreaterThanOrEqual(3);
  expect(focused.colour).not.toBe(idle.colour);
  await screenshot(page, 'focus-ring-splitter');

  // From there, Tab through the letter's tools: the PDF/Text switch, the zoom, the pages.
  const rings: Ring[] = [];
  for (;;) {
    await page.keyboard.press('Tab');
    const ring = await focusRing(page);
    if (!ring.segmented) break;
    rings.push(ring);
  }
  expect(rings.map((r) => r.label)).toEqual(['PDF', expect.stringMatching(/^Fit width/), 'Next page']);
  for (const ring of rings) expect(ring, ring.label).toMatchObject({ drawn: true, inside: true, showsOnFill: true });

  // The review status, one Shift+Tab before "Reviewed → next", which is before the first field.
  await page.keyboard.press('Alt+3');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  const status = await focusRing(page);
  expect(status).toMatchObject({ label: 'New', segmented: true, drawn: true, inside: true, showsOnFill: true });
  await screenshot(page, 'focus-ring-status');

  // The pressed PDF button under the pointer keeps its fill: its label (in the fill's text colour) stays readable.
  const pdf = letter.getByRole('button', { name: 'PDF', exact: true });
  const fill = () => pdf.evaluate((el) => getComputedStyle(el).backgroundColor);
  const pressedFill = await fill();
  await pdf.hover();
  expect(await fill()).toBe(pressedFill);
  await screenshot(page, 'focus-ring-pressed-hover');
  await expectNoSeriousA11yViolations(
    page,
    'the letter pane with the pointer on the pressed PDF button',
    '.letter-pane',
  );
});
