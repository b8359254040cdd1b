/**
 * Assigning selected letter text to a field: nothing is chosen for the
 * reviewer, only fields the text can fill are offered, the keyboard drives it,
 * and a value that is not empty is replaced only after saying so.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  expectNoSeriousA11yViolations,
  loadSamples,
  openCase,
  screenshot,
  selectInLetter,
} from './fixtures';

const CASE = 'CM16-0247802'; // Priority: Standard; Decision date 2017-02-01; "12/05/2016" appears in the letter

async function openCaseAsText(page: Page): Promise<void> {
  await loadSamples(page);
  await openCase(page, CASE);
  const letter = page.getByRole('region', { name: 'Letter' });
  await letter.getByRole('button', { name: 'Text', exact: true }).click();
  await expect(letter.locator('.text-letter')).toContainText('12/05/2016');
}

test('assigning cannot change a field the reviewer did not pick', async ({ app: page }) => {
  test.setTimeout(180_000);
  await openCaseAsText(page);
  const fields = page.getByRole('region', { name: 'Extracted fields' });
  const assign = page.getByRole('dialog', { name: 'Assign selected text to a field' });
  const search = assign.getByRole('combobox', { name: 'Field to assign' });
  const options = assign.getByRole('option');

  // "Standard" is a priority, not a case number: the case number is not even offered, nothing is preselected.
  await selectInLetter(page, 'Standard');
  await expect(search).toBeFocused();
  await expect(options.first()).toBeVisible();
  await expect(options.filter({ hasText: /^Case number/ })).toHaveCount(0);
  await expect(options.filter({ hasText: /date/i })).toHaveCount(0);
  await expect(assign.getByRole('option', { selected: true })).toHaveCount(0);
  await screenshot(page, 'assign-free-text');
  // Enter with nothing chosen does nothing; Escape closes without saving.
  await search.press('Enter');
  await expect(assign).toBeVisible();
  await search.press('Escape');
  await expect(assign).toBeHidden();
  await expect(fields.getByLabel('Case number', { exact: true })).toHaveValue(CASE);
  await expect(fields.locator('[data-corrected]')).toHaveCount(0);

  // A date offers the date fields only; typing narrows them, Enter picks, a filled field asks first.
  await selectInLetter(page, '12/05/2016');
  await expect(options.first()).toBeVisible();
  const offered = await options.locator('.assign-option-label').allTextContents();
  expect(offered).toEqual([
    'Date assigned',
    'Decision date',
    'Date of injury',
    'UR denial date',
    'Application received',
  ]);
  await search.pressSequentially('decis');
  await expect(assign.getByRole('option', { selected: true })).toContainText('Decision date');
  await search.press('Enter');
  await expect(assign.getByText('Replace Decision date?')).toBeVisible();
  await expect(assign).toContainText('2017-02-01');
  await expect(assign).toContainText('2016-12-05');
  await screenshot(page, 'assign-confirm-replace');
  const results = await new AxeBuilder({ page }).include('.assign-popover').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
    [],
  );
  // Not saved before the reviewer confirms.
  await expect(fields.getByLabel('Decision date', { exact: true })).toHaveValue('2017-02-01');
  await assign.getByRole('button', { name: 'Back' }).click();
  await expect(search).toBeVisible();
  await search.press('ArrowDown');
  await expect(assign.getByRole('option', { selected: true })).toBeVisible();
  await search.fill('decision date');
  await search.press('Enter');
  await expect(assign.getByRole('button', { name: 'Replace' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(assign).toBeHidden();

  await expect(fields.getByLabel('Decision date', { exact: true })).toHaveValue('2016-12-05');
  await expect(fields.locator('[data-field="decisionDate"] [data-corrected]')).toHaveAttribute(
    'title',
    /Parsed value: 2017-02-01/,
  );
  // Exactly one field changed: the one picked.
  await expect(fields.locator('[data-corrected]')).toHaveCount(1);
  await expect(fields.getByLabel('Case number', { exact: true })).toHaveValue(CASE);
});

test.describe('at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('a typed date is saved as that date or refused with the reason, never rolled over', async ({ app: page }) => {
    test.setTimeout(180_000);
    await loadSamples(page);
    await openCase(page, CASE);
    const fields = page.getByRole('region', { name: 'Extracted fields' });
    const decisionDate = fields.getByLabel('Decision date', { exact: true });

    await decisionDate.fill('Feb 30 2016');
    await decisionDate.press('Enter');
    await expect(fields.getByRole('alert')).toContainText(
      '"Feb 30 2016" is not a real date: February 2016 has 29 days',
    );
    await screenshot(page, 'date-refused-1280');
    await decisionDate.fill('Item 12');
    await decisionDate.press('Enter');
    await expect(fields.getByRole('alert')).toContainText('"Item 12" is not a date');
    await expect(fields.locator('[data-corrected]')).toHaveCount(0);

    await decisionDate.fill('February 29, 2016');
    await decisionDate.press('Enter');
    await expect(decisionDate).toHaveValue('2016-02-29');
    await expect(fields.locator('[data-field="decisionDate"] [data-corrected]')).toBeVisible();
    await expect(fields.getByRole('alert')).toHaveCount(0);

    // The assign popover fits the smaller window too.
    await page.getByRole('region', { name: 'Letter' }).getByRole('button', { name: 'Text', exact: true }).click();
    await selectInLetter(page, '12/05/2016');
    await expect(page.getByRole('dialog', { name: 'Assign selected text to a field' })).toBeVisible();
    // Leaving the field after the save saves nothing twice and shows the saved value, not an older one.
    await expect(decisionDate).toHaveValue('2016-02-29');
    await expect(page.getByText(/^Not saved/)).toHaveCount(0);
    await screenshot(page, 'assign-1280');
  });

  test('with the history open the popover stays inside the narrow letter, and Escape gives focus back to the letter', async ({
    app: page,
  }) => {
    test.setTimeout(180_000);
    await openCaseAsText(page);
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await expect(page.getByRole('complementary', { name: 'History' })).toBeVisible();
    const body = page.getByRole('region', { name: 'Letter content' });
    const assign = page.getByRole('dialog', { name: 'Assign selected text to a field' });
    for (const needle of ['12/05/2016', 'Standard']) {
      await selectInLetter(page, needle);
      await expect(assign).toBeVisible();
      // Wholly inside the letter's visible part: its values and its Close button are not cut off.
      const inside = await assign.evaluate((popover) => {
        const letter = popover.closest<HTMLElement>('.letter-body')!.getBoundingClientRect();
        const box = popover.getBoundingClientRect();
        return box.left >= letter.left && box.right <= letter.right;
      });
      expect(inside, `the popover for "${needle}" is inside the letter`).toBe(true);
      await expect(assign.getByRole('button', { name: 'Close' })).toBeInViewport({ ratio: 1 });
      await screenshot(page, `assign-history-1280-${needle.replace(/\W/g, '')}`);
      await expect(assign.getByRole('combobox', { name: 'Field to assign' })).toBeFocused();
      await expectNoSeriousA11yViolations(page, 'the assign popover in the narrow letter', '.assign-popover');
      await page.keyboard.press('Escape');
      await expect(assign).toBeHidden();
      await expect(body).toBeFocused();
    }
  });
});
