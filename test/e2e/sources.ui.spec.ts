/**
 * "Show in the letter" after item edits: the highlight is where the value was
 * read, whatever was deleted or added before it, and an item a reviewer added
 * offers no source at all; text assigned from the letter goes to the item picked.
 */
import { test, expect, loadSamples, openCase, screenshot, selectInLetter } from './fixtures';

const CASE = 'CM16-0230651'; // items 1 and 2: EMG/NCV of the lower / upper extremities

test('after deleting item 1 and adding an item, item 1 highlights its own source', async ({ app: page }) => {
  test.setTimeout(180_000);
  await loadSamples(page);
  await openCase(page, CASE);
  const fields = page.getByRole('region', { name: 'Extracted fields' });
  const letter = page.getByRole('region', { name: 'Letter' });
  const itemsHeading = fields.getByRole('heading', { name: /^Items/ });
  await expect(itemsHeading).toHaveText('Items (10)');

  const item1 = fields.getByRole('article', { name: 'Item 1', exact: true });
  await expect(item1.getByLabel('Treatment', { exact: true })).toHaveValue('EMG/NCV of the lower extremities');
  await item1.getByRole('button', { name: 'Delete' }).click();
  const deleting = page.getByRole('dialog', { name: 'Delete item 1?' });
  await deleting.getByLabel('Reason for deleting').fill('Requested twice');
  await deleting.getByRole('button', { name: 'Delete item' }).click();
  await expect(itemsHeading).toHaveText('Items (9)');

  await fields.getByRole('button', { name: 'Add item' }).click();
  const adding = page.getByRole('dialog', { name: 'Add an item' });
  await adding.getByLabel('Treatment').fill('Home health aide');
  await adding.getByRole('button', { name: 'Add item' }).click();
  await expect(itemsHeading).toHaveText('Items (10)');

  // Same number of items as the letter has: nothing may be paired by position.
  await expect(item1.getByLabel('Treatment', { exact: true })).toHaveValue('EMG/NCV of the upper extremities');
  await letter.getByRole('button', { name: 'Text', exact: true }).click();
  await item1.getByRole('button', { name: 'Show Treatment in the letter' }).click();
  await expect(letter.locator('mark[data-highlight]')).toHaveText('EMG/NCV of the upper extremities');
  await item1.getByRole('button', { name: 'Show Decision in the letter' }).click();
  await expect(letter.locator('mark[data-highlight]')).toHaveText('Upheld');
  await screenshot(page, 'sources-after-item-edits-text');

  await letter.getByRole('button', { name: 'PDF', exact: true }).click();
  await item1.getByRole('button', { name: 'Show Treatment in the letter' }).click();
  // The box over the source: the words pdf.js draws under its middle are the upper extremities' line.
  const sourceBox = letter.getByTestId('source-box').first();
  await expect(sourceBox).toBeInViewport();
  const under = await sourceBox.evaluate((box) => {
    const r = box.getBoundingClientRect();
    return document
      .elementsFromPoint(r.left + r.width / 2, r.top + r.height / 2)
      .filter((el) => el.closest('.textLayer') && el.childElementCount === 0)
      .map((el) => el.textContent ?? '')
      .join(' ');
  });
  expect(under).toContain('upper');
  expect(under).not.toContain('lower');
  await screenshot(page, 'sources-after-item-edits-pdf');

  // The added item was read from nowhere: no source, no locate button, no "inferred" badge.
  const added = fields.getByRole('article', { name: 'Item 10', exact: true });
  await expect(added.getByLabel('Treatment', { exact: true })).toHaveValue('Home health aide');
  await expect(added.getByRole('button', { name: /in the letter$/ })).toHaveCount(0);
  await expect(added.locator('.inferred-mark')).toHaveCount(0);

  // Assigning selected text after the edits goes to the item the reviewer picks, by its place now: Item 1 is the
  // upper extremities request (parsed item 2); one field changes, that one.
  await letter.getByRole('button', { name: 'Text', exact: true }).click();
  const corrected = fields.locator('[data-corrected]');
  const correctedBefore = await corrected.count();
  await selectInLetter(page, '36', 'now 36-year-old');
  const assign = page.getByRole('dialog', { name: 'Assign selected text to a field' });
  await expect(assign.getByRole('option', { selected: true })).toHaveCount(0);
  await assign
    .getByRole('option')
    .filter({ has: page.locator('.assign-option-label', { hasText: /^Item 1 · Quantity$/ }) })
    .click();
  await expect(assign).toBeHidden();
  await expect(item1.getByLabel('Quantity', { exact: true })).toHaveValue('36');
  await expect(item1.getByLabel('Treatment', { exact: true })).toHaveValue('EMG/NCV of the upper extremities');
  await expect(item1.locator('[data-field="items[0].quantity"] [data-corrected]')).toHaveCount(1);
  await expect(corrected).toHaveCount(correctedBefore + 1);
  await screenshot(page, 'sources-after-item-edits-assigned');
});
