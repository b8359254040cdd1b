/**
 * An empty workspace (no letters) does not offer an export of 0 cases or charts of nothing: the start page says to
 * import letters, Export and Analytics say why they do nothing (their tooltip and accessible description) and keep
 * focus (aria-disabled: a keyboard reviewer reaches the reason, and Tab goes on past them), Ctrl+E explains there is
 * nothing to export in a dialog whose focus stays inside it, and Analytics over a filter no case matches says so
 * instead of drawing empty charts. Checked with axe in the light and the dark theme, at 1280×720 and 1920×1080.
 */
import { test, expect, expectNoSeriousA11yViolations, loadSamples, screenshot } from './fixtures';

const REASON = /No letters in this workspace yet: import letters first/;

test('an empty workspace: Export and Analytics say there is nothing yet, and point to importing', async ({
  app: page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const bar = page.locator('header.toolbar');
  const exportButton = bar.getByRole('button', { name: 'Export…' });
  const analytics = bar.getByRole('button', { name: 'Analytics' });
  const nextUnreviewed = bar.getByRole('button', { name: 'Next unreviewed' });
  await expect(page.getByRole('heading', { name: 'No letters in this workspace yet', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load the sample letters' })).toBeVisible();

  for (const button of [exportButton, analytics, nextUnreviewed]) {
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await expect(button).toHaveAccessibleDescription(REASON);
    await expect(button).toHaveAttribute('title', REASON);
  }
  // Pressed, they do nothing, and keep focus; Tab goes on to the next control.
  await exportButton.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(exportButton).toBeFocused();
  // Forced: Playwright waits for an aria-disabled button to be enabled; a reviewer's click is not held back.
  await analytics.click({ force: true });
  await expect(analytics).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('heading', { name: 'Analytics' })).toHaveCount(0);
  await analytics.focus();
  await page.keyboard.press('Enter');
  await expect(analytics).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(analytics).not.toBeFocused();
  await expect(page.locator('body')).not.toBeFocused();
  await screenshot(page, 'empty-1280');
  await expectNoSeriousA11yViolations(page, 'the empty workspace');

  // Ctrl+E (as the desktop menu's Export…): a dialog that says there is nothing to export, focus kept inside it.
  await page.locator('body').focus();
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name: 'Export cases' });
  await expect(dialog).toContainText('Nothing to export yet');
  await expect(dialog.getByRole('button', { name: 'Export', exact: true })).toHaveCount(0);
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  await screenshot(page, 'empty-export-1280');
  await expectNoSeriousA11yViolations(page, 'the export of an empty workspace', '[role="dialog"]');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The same in the dark theme, and at 1920×1080.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, 'empty-dark-1920');
  await expectNoSeriousA11yViolations(page, 'the empty workspace (dark)');
  await page.keyboard.press('Control+e');
  await expect(dialog).toContainText('Nothing to export yet');
  await expectNoSeriousA11yViolations(page, 'the export of an empty workspace (dark)', '[role="dialog"]');
  await page.keyboard.press('Escape');

  // Letters imported: both work again.
  await loadSamples(page);
  await expect(exportButton).toHaveAttribute('aria-disabled', 'false');
  await expect(exportButton).not.toHaveAttribute('aria-describedby');
  await expect(analytics).toHaveAttribute('aria-disabled', 'false');
  await expect(nextUnreviewed).toHaveAttribute('aria-disabled', 'false');
  await expect(nextUnreviewed).toHaveAttribute('title', /^Open the next case in the list with status New/);
});

test('Analytics over a filter no case matches says so instead of drawing empty charts', async ({ app: page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await loadSamples(page);
  await page.getByRole('searchbox', { name: 'Search letters' }).fill('zzzqqqnothing');
  await expect(page.getByRole('grid', { name: 'Cases' }).locator('[data-case-id]')).toHaveCount(0);
  await page.locator('header.toolbar').getByRole('button', { name: 'Analytics' }).click();
  const view = page.locator('.analytics');
  await expect(view.getByRole('status')).toContainText('No case matches this filter');
  await expect(view.locator('figure')).toHaveCount(0);
  await expect(view.getByRole('list', { name: 'Colours' })).toHaveCount(0);
  await screenshot(page, 'analytics-no-match-1280');
  await expectNoSeriousA11yViolations(page, 'Analytics with no case matching');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectNoSeriousA11yViolations(page, 'Analytics with no case matching (dark)');
});
