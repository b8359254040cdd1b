/**
 * The case list and the quicker review tools: search with highlighted hits,
 * filters, keyboard navigation, next-unreviewed, status and undo/redo, and
 * the import report. (Assigning selected letter text: assign.ui.spec.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, dropFile, loadSamples, screenshot, PROJECT_ROOT } from './fixtures';

const rows = (page: Page) => page.getByRole('grid', { name: 'Cases' }).locator('[data-case-id]');

test('search highlights hits, filters narrow the list, the keyboard opens cases', async ({ app: page }) => {
  await loadSamples(page);

  await page.getByRole('searchbox', { name: 'Search letters' }).fill('orphenadrine');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('CM16-0247802');
  await expect(rows(page).first().locator('mark').first()).toHaveText(/orphenadrine/i);
  await screenshot(page, 'search');

  await page.getByRole('searchbox', { name: 'Search letters' }).fill('');
  await expect(rows(page)).toHaveCount(8);
  await page.getByLabel('Decision filter').selectOption('Overturned');
  await expect(rows(page).first()).toBeVisible();
  const count = await rows(page).count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(8);
  for (let i = 0; i < count; i++) await expect(rows(page).nth(i)).toContainText('overturned');
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(rows(page)).toHaveCount(8);

  // Sorting by case number, ascending, then keyboard: Home, ArrowDown, Enter.
  await page.getByRole('columnheader', { name: 'Case number' }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: 'Case number' })).toHaveAttribute('aria-sort', 'ascending');
  const grid = page.getByRole('grid', { name: 'Cases' });
  await grid.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const second = (await rows(page).nth(1).locator('.case-number, em').first().textContent())!.trim();
  await expect(page.getByRole('region', { name: 'Extracted fields' }).getByRole('heading', { level: 1 })).toHaveText(
    new RegExp(second.startsWith('CM') ? second : '.'),
  );

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
    [],
  );
});

test('status, undo/redo, next unreviewed and assigning selected text', async ({ app: page }) => {
  await loadSamples(page);
  const fields = page.getByRole('region', { name: 'Extracted fields' });
  await rows(page).filter({ hasText: 'CM16-0247802' }).click();
  await expect(fields.getByLabel('Case number', { exact: true })).toHaveValue('CM16-0247802');

  // Review status buttons, reflected in the list; undo and redo from the keyboard.
  const row = rows(page).filter({ hasText: 'CM16-0247802' });
  await fields.getByRole('button', { name: 'In review', exact: true }).click();
  await expect(fields.getByRole('button', { name: 'In review', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(row).toContainText('In review');
  await page.locator('body').click({ position: { x: 5, y: 880 } });
  await page.keyboard.press('Control+z');
  await expect(fields.getByRole('button', { name: 'New', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(row).toContainText('New');
  await page.keyboard.press('Control+Shift+z');
  await expect(fields.getByRole('button', { name: 'In review', exact: true })).toHaveAttribute('aria-pressed', 'true');

  // Invalid input is refused with a readable message and nothing is saved.
  const age = fields.getByLabel('Patient age', { exact: true });
  await age.fill('forty');
  await age.press('Enter');
  await expect(fields.getByText('Patient age must be a whole number')).toBeVisible();
  await age.press('Escape');

  // "N" opens the next case still marked New.
  await page.locator('body').click({ position: { x: 5, y: 880 } });
  await page.keyboard.press('n');
  await expect(fields.getByLabel('Case number', { exact: true })).not.toHaveValue('CM16-0247802');
  await expect(fields.getByRole('button', { name: 'New', exact: true })).toHaveAttribute('aria-pressed', 'true');
});

test('a rejected file is explained in the import report', async ({ app: page }) => {
  await page.locator('#import-file-input').setInputFiles([
    { name: 'not-a-letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from('this is not a PDF at all') },
    { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.from('') },
  ]);
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(report).toContainText('not-a-letter.pdf');
  await expect(report.getByRole('row').filter({ hasText: 'not-a-letter.pdf' })).toContainText(/rejected|skipped/);
  await screenshot(page, 'import-report');
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
    [],
  );
  await report.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(report).toBeHidden();
});

test('dropping a letter anywhere on the window imports it', async ({ app: page }) => {
  const sample = fs.readFileSync(path.join(PROJECT_ROOT, 'samples/001_f7c04554d3ec6a02.txt')).toString('base64');
  const dataTransfer = await page.evaluateHandle((base64) => {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'dropped-letter.txt', { type: 'text/plain' }));
    return transfer;
  }, sample);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await expect(page.getByText('Drop letters or folders to import')).toBeVisible();
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(page.getByText('Drop letters or folders to import')).toBeHidden();
  await expect(rows(page)).toHaveCount(1, { timeout: 30_000 });
  await expect(rows(page).first()).toContainText('1 upheld · 1 overturned');
});

test('letters sharing a case number show the whole number, their version and their file in the list', async ({
  app: page,
}) => {
  test.setTimeout(120_000);
  // Three files of one letter (a resent copy differs in its bytes): versions 1, 2 and 3 of CM16-0230651.
  const pdf = fs.readFileSync(path.join(PROJECT_ROOT, 'samples/CM16-0230651.pdf'));
  const files = ['CM16-0230651.pdf', 'resent-by-fax.pdf', 'copy-from-the-claims-administrator-2017.pdf'];
  for (const [i, name] of files.entries()) {
    await dropFile(page, name, Buffer.concat([pdf, Buffer.from('\n'.repeat(i))]), 'application/pdf');
    await expect(rows(page)).toHaveCount(i + 1, { timeout: 60_000 });
  }
  await rows(page).filter({ hasText: 'v1' }).click();
  await expect(page.getByRole('region', { name: 'Extracted fields' })).toBeVisible();

  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const [i, name] of files.entries()) {
      const row = rows(page).filter({ hasText: name });
      // Nothing cut: the number, the version badge, and the file name's start, each drawn in full where shown.
      const number = row.locator('.case-number');
      await expect(number).toHaveText('CM16-0230651');
      expect(await number.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      const cell = row.locator('.col-case');
      expect(
        await cell.evaluate(
          (el) => el.querySelector('.case-number')!.getBoundingClientRect().right <= el.getBoundingClientRect().right,
        ),
      ).toBe(true);
      const badge = row.getByText(`v${i + 1}`, { exact: true });
      await expect(badge).toBeVisible();
      expect(
        await badge.evaluate(
          (el) => el.getBoundingClientRect().right <= el.closest('.col-case')!.getBoundingClientRect().right,
        ),
      ).toBe(true);
      await expect(row.locator('.col-case')).toHaveAttribute('title', `CM16-0230651 · ${name}`);
    }
    await screenshot(page, `list-same-case-number-${width}`);
  }
});
