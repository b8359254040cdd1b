/**
 * Review by keyboard only, at 1280×720 (issue 15): no mouse event from the
 * first key to the last. The reviewer searches (Ctrl+F), opens the first New
 * case of the filtered list (Alt+N), moves through the fields (Alt+↓) and
 * marks each case Reviewed → next (Ctrl+Enter); every case opened belongs to
 * the filtered queue, and the cases left New are the rest of it.
 */
import type { Page } from '@playwright/test';
import { test, expect, screenshot } from './fixtures';

const openCaseId = (page: Page) =>
  page.evaluate(
    () => document.querySelector('[aria-selected="true"][data-case-id]')?.getAttribute('data-case-id') ?? null,
  );

test('a filtered queue reviewed by keyboard only: Reviewed → next stays inside the search', async ({ app: page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('button', { name: 'Load the sample letters' }).focus();
  await page.keyboard.press('Enter');
  const grid = page.getByRole('grid', { name: 'Cases' });
  const rows = grid.locator('[data-case-id]');
  await expect(rows).toHaveCount(8, { timeout: 45_000 });

  await page.keyboard.press('Control+f');
  await page.keyboard.type('acupuncture');
  await expect(rows).toHaveCount(5);
  const queue = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-case-id')!));

  await page.keyboard.press('Alt+n');
  await expect(page.getByRole('region', { name: 'Extracted fields' }).getByRole('heading', { level: 2 })).toBeVisible();
  const reviewed: string[] = [];
  for (let i = 0; i < 3; i++) {
    const open = await openCaseId(page);
    expect(queue).toContain(open);
    reviewed.push(open!);
    await page.keyboard.press('Alt+ArrowDown');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => openCaseId(page)).not.toBe(open);
  }
  expect(new Set(reviewed).size).toBe(3);
  // The list still holds the search; the three are Reviewed there.
  await expect(rows).toHaveCount(5);
  for (const id of reviewed) await expect(grid.locator(`[data-case-id="${id}"]`)).toContainText('Reviewed');
  await screenshot(page, 'keyboard-queue-1280');
});
