/**
 * The top bar lays out without clipping at the widths reviewers use (1280×720, 1440×900, 1920×1080): with the
 * samples loaded, a case open, the import report button shown and a long reviewer name, every control and every
 * workspace total is wholly inside the window, none overlaps another, and none shows less than its text — except the
 * reviewer's name, which is ellipsized and given whole in the chip's tooltip. From 1440 px the totals are on the bar;
 * at 1280 they may be behind one button, whose panel shows them whole. The screenshots are written to be looked at.
 */
import type { Page } from '@playwright/test';
import { expect, loadSamples, openCase, screenshot, setReviewer, test } from './fixtures';

const LONG_NAME = 'Dana Reviewer-Montgomery de la Cruz Hernández';

interface Box {
  name: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** Its text is wider than the room it has (and it is not the reviewer's name, which may be ellipsized). */
  clipped: boolean;
}

/** What the top bar shows, each with its box: the controls, the brand and each workspace total. */
function toolbarBoxes(page: Page): Promise<Box[]> {
  return page.evaluate(() => {
    const bar = document.querySelector('header.toolbar')!;
    const parts = bar.querySelectorAll<HTMLElement>(
      '.brand, button:not([role="menuitem"]), .toolbar-stats > *, .reviewer-name, .totals-panel li',
    );
    return [...parts]
      .filter((el) => el.getClientRects().length > 0 && !el.closest('[role="menu"]'))
      .map((el) => {
        const r = el.getBoundingClientRect();
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
        return {
          name: el.classList.contains('reviewer-name') ? `reviewer name "${name}"` : name,
          left: r.left,
          right: r.right,
          top: r.top,
          bottom: r.bottom,
          clipped: !el.classList.contains('reviewer-name') && el.scrollWidth > el.clientWidth + 1,
        };
      });
  });
}

function problems(boxes: Box[], width: number, height: number): string[] {
  const out: string[] = [];
  // The reviewer's name sits inside its chip; the chip itself is checked against the others.
  const separate = boxes.filter((b) => !b.name.startsWith('reviewer name'));
  for (const b of boxes) {
    if (b.left < 0 || b.right > width + 0.5 || b.top < 0 || b.bottom > height)
      out.push(`${b.name}: outside the window`);
    if (b.right - b.left < 4) out.push(`${b.name}: squeezed to nothing`);
    if (b.clipped) out.push(`${b.name}: text cut off`);
  }
  for (let i = 0; i < separate.length; i++) {
    for (let j = i + 1; j < separate.length; j++) {
      const a = separate[i]!;
      const b = separate[j]!;
      const overlap =
        Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
      if (overlap) out.push(`${a.name} overlaps ${b.name}`);
    }
  }
  return out;
}

/**
 * The bar's checks with `name` as the reviewer: the totals whole (on the bar where `inline`, else on the bar or one
 * click away), the name's chip with the whole name as tooltip, nothing outside the window, overlapping or cut off.
 */
async function checkBar(page: Page, name: string, width: number, height: number, inline: boolean): Promise<void> {
  const bar = page.locator('header.toolbar');
  const chip = bar.getByRole('button', { name: `Reviewer: ${name}`, exact: true });
  await expect(chip).toBeVisible();
  await expect(chip).toHaveAttribute('title', `Reviewer: ${name} (change in Settings)`);
  const totals = ['8 cases', /^\d+ items$/, '0 corrections'];
  const behindButton = bar.getByRole('button', { name: /^Workspace totals: 8 cases, \d+ items, 0 corrections$/ });
  if (inline) await expect(behindButton).toHaveCount(0);
  await expect.poll(async () => problems(await toolbarBoxes(page), width, height)).toEqual([]);
  if (await behindButton.count()) {
    await behindButton.click();
    const panel = page.getByRole('list', { name: 'Workspace totals' });
    for (const total of totals) await expect(panel.getByText(total)).toBeVisible();
    await expect.poll(async () => problems(await toolbarBoxes(page), width, height)).toEqual([]);
    await screenshot(page, `toolbar-totals-${width}`);
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
  } else {
    const onBar = bar.getByLabel('Workspace totals', { exact: true });
    for (const total of totals) await expect(onBar.getByText(total)).toBeVisible();
  }
}

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
  [1920, 1080],
] as const) {
  test(`the top bar shows everything, unclipped and apart, at ${width}×${height}`, async ({ app: page }) => {
    await page.setViewportSize({ width, height });
    // checkBar checks the chip: its exact name and its tooltip.
    await setReviewer(page, LONG_NAME, { checkChip: false });
    await loadSamples(page);
    await openCase(page, 'CM16-0247802');
    // A long name is ellipsized, whole in the tooltip; from 1920 px the totals stay on the bar beside it.
    await checkBar(page, LONG_NAME, width, height, width >= 1920);
    await screenshot(page, `toolbar-long-name-${width}`);
    // The name of the screenshot that showed the defect: from 1440 px, name and totals both on the bar, whole.
    await setReviewer(page, 'Dana Reviewer', { checkChip: false });
    await checkBar(page, 'Dana Reviewer', width, height, width >= 1440);
    await screenshot(page, `toolbar-${width}`);
    // The analytics view has the same bar.
    await page.locator('header.toolbar').getByRole('button', { name: 'Analytics' }).click();
    await checkBar(page, 'Dana Reviewer', width, height, width >= 1440);
  });
}
