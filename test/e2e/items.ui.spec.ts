/** Item-level corrections from the fields pane: add, split, merge, delete, and undo. */
import AxeBuilder from '@axe-core/playwright';
import { test, expect, loadSamples, openCase, screenshot } from './fixtures';

test('items can be added, split, merged and deleted, each as an undoable correction', async ({ app: page }) => {
  test.setTimeout(180_000); // eight letters imported and axe scans of a full case: over 60 s on a busy machine
  await loadSamples(page);
  await openCase(page, 'CM16-0247802');
  const fields = page.getByRole('region', { name: 'Extracted fields' });
  const itemsHeading = fields.getByRole('heading', { name: /^Items/ });
  await expect(itemsHeading).toHaveText('Items (5)');

  await fields.getByRole('button', { name: 'Add item' }).click();
  let prompt = page.getByRole('dialog', { name: 'Add an item' });
  await prompt.getByLabel('Treatment').fill('Home health aide and transportation');
  await prompt.getByRole('button', { name: 'Add item' }).click();
  await expect(itemsHeading).toHaveText('Items (6)');
  const item6 = fields.getByRole('article', { name: 'Item 6' });
  await expect(item6.getByLabel('Treatment', { exact: true })).toHaveValue('Home health aide and transportation');

  await item6.getByRole('button', { name: 'Split' }).click();
  prompt = page.getByRole('dialog', { name: 'Split item 6' });
  await expect(prompt.getByLabel('Treatments, one per line')).toHaveValue('Home health aide\ntransportation');
  await prompt.getByRole('button', { name: 'Split' }).click();
  await expect(itemsHeading).toHaveText('Items (7)');
  await expect(fields.getByRole('article', { name: 'Item 7' }).getByLabel('Treatment', { exact: true })).toHaveValue(
    'transportation',
  );
  await screenshot(page, 'item-cards');

  await fields.getByRole('checkbox', { name: 'Select item 6 for merging' }).check();
  await fields.getByRole('checkbox', { name: 'Select item 7 for merging' }).check();
  await fields.getByRole('button', { name: 'Merge 2 items' }).click();
  prompt = page.getByRole('dialog', { name: 'Merge 2 items' });
  await prompt.getByLabel('Treatment of the merged item').fill('Home health aide with transportation');
  await prompt.getByRole('button', { name: 'Merge' }).click();
  await expect(itemsHeading).toHaveText('Items (6)');
  await expect(fields.getByRole('article', { name: 'Item 6' }).getByLabel('Treatment', { exact: true })).toHaveValue(
    'Home health aide with transportation',
  );

  await fields.getByRole('article', { name: 'Item 6' }).getByRole('button', { name: 'Delete' }).click();
  prompt = page.getByRole('dialog', { name: 'Delete item 6?' });
  await prompt.getByRole('button', { name: 'Delete item' }).click();
  await expect(prompt.getByText('Deleting an item needs a reason')).toBeVisible();
  await prompt.getByLabel('Reason for deleting').fill('Not a disputed item in this letter');
  await prompt.getByRole('button', { name: 'Delete item' }).click();
  await expect(itemsHeading).toHaveText('Items (5)');

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(itemsHeading).toHaveText('Items (6)');
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(itemsHeading).toHaveText('Items (5)');

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
    [],
  );
});
