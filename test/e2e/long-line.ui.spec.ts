/**
 * A text letter with a 10,000,000-character line (well under the import's size
 * limit) once froze the page for 12–17 s when opened: the line was laid out
 * whole in the letter pane and again in the item's rationale box. The letter
 * now shows such a line in part, naming what is hidden, and the field a
 * bounded preview with the value's length and a way to copy or replace it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, dropFile, screenshot, PROJECT_ROOT } from './fixtures';

const LINE = 10_000_000;

test('a letter with a 10 MB line opens with that line shown in part, in the letter and in its field', async ({
  app: page,
  workspace,
}) => {
  test.setTimeout(180_000);
  const sample = fs.readFileSync(path.join(PROJECT_ROOT, 'samples/001_f7c04554d3ec6a02.txt'), 'utf8');
  const file = path.join(workspace.dir, 'long-line-letter.txt');
  fs.writeFileSync(file, `${sample}\n${'x'.repeat(LINE)}\n`);
  await dropFile(page, 'long-line-letter.txt', fs.readFileSync(file), 'text/plain');

  const row = page.getByRole('grid', { name: 'Cases' }).getByRole('row').filter({ hasText: 'long-line-letter.txt' });
  await expect(row).toBeVisible({ timeout: 120_000 });
  await row.click();

  // The letter: the start of the line, then what is not laid out, named, with a way to show more.
  const letter = page.getByRole('region', { name: 'Letter' });
  const gap = letter.locator('[data-text-gap]');
  await expect(gap).toHaveCount(1, { timeout: 60_000 });
  await expect(gap).toContainText('9,996,000 more characters (line of 10,000,000, shown in part)');
  const longestTextNode = () =>
    letter.locator('.text-letter').evaluate((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let longest = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) longest = Math.max(longest, (n as Text).length);
      return longest;
    });
  expect(await longestTextNode()).toBeLessThanOrEqual(50_000);
  await gap.getByRole('button', { name: 'Show 50,000 more' }).click();
  await expect(gap).toContainText('9,946,000 more characters');

  // The item's rationale (the long line): a preview, its length, copy and replace.
  const fields = page.getByRole('region', { name: 'Extracted fields' });
  const item2 = fields.getByRole('article', { name: 'Item 2' });
  await item2.getByRole('button', { name: 'Show all fields of item 2' }).click();
  const rationale = item2.locator('[data-field$=".rationale"]');
  // The rationale is the decision's text up to and with the long line: a little over 10,000,000 characters.
  await expect(rationale).toContainText(/10,00\d,\d{3} characters, shown in part \(the first 2,000\)/);
  const box = rationale.getByLabel('Rationale', { exact: true });
  expect((await box.inputValue()).length).toBeLessThanOrEqual(2_001);
  await expect(rationale.getByRole('button', { name: /^Copy all 10,00\d,\d{3}$/ })).toBeVisible();
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await rationale.scrollIntoViewIfNeeded();
    await gap.scrollIntoViewIfNeeded();
    await screenshot(page, `long-line-letter-${width}`);
  }

  // Its source in the letter is marked, in part too.
  await box.focus();
  const mark = letter.locator('mark[data-highlight]');
  await expect(mark.first()).toBeVisible();
  // The marked run: the decision's text, the line's first 4,000 characters and the 50,000 shown on request.
  expect(await longestTextNode()).toBeLessThan(60_000);

  // Replacing it: leaving the new box empty takes the replacement back; typing a value saves it.
  await rationale.getByRole('button', { name: 'Replace…' }).click();
  const replacement = rationale.getByLabel('Rationale', { exact: true });
  await expect(replacement).toBeFocused();
  await expect(replacement).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(rationale).toContainText(/10,00\d,\d{3} characters, shown in part/);
});
