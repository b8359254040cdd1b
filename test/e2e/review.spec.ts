/**
 * The reviewer's day in one flow, in Chromium through the browser host:
 * load the samples, open a case, see the letter beside its fields, find a
 * field's source, correct a decision (with a reason), see the correction
 * marked and in the history, reload, export. Screenshots of each main screen
 * go to test-results/screenshots/ and axe-core checks every screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { test, expect, expectNoSeriousA11yViolations, openCase, reloadApp, screenshot, setReviewer } from './fixtures';

const CASE = 'CM16-0247802'; // sample: item 1 Overturned, items 2–5 Upheld

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f));
}

async function loadSamples(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Load the sample letters' }).click();
  const grid = page.getByRole('grid', { name: 'Cases' });
  await expect(grid.getByRole('row').filter({ hasText: CASE })).toBeVisible({ timeout: 45_000 });
  // All eight sample letters are listed once the import job has finished.
  await expect(grid.locator('[data-case-id]')).toHaveCount(8, { timeout: 45_000 });
}

test('review flow: samples → letter and fields → highlight → correct a decision → history → reload → export', async ({
  app: page,
  workspace,
}, testInfo) => {
  // The whole working day in one test: ~60 s alone, far more on a machine shared with other builds. Every step
  // waits on state; this only bounds a hang.
  test.setTimeout(240_000);
  // Empty workspace offers the samples.
  await expect(page.getByRole('button', { name: 'Load the sample letters' })).toBeVisible();
  await screenshot(page, 'empty-state');
  await expectNoSeriousA11yViolations(page, 'empty state');

  await setReviewer(page, 'Dana Reviewer');
  await loadSamples(page);
  await expect(page.getByRole('grid', { name: 'Cases' }).getByRole('row').filter({ hasText: CASE })).toContainText(
    '4 upheld · 1 overturned',
  );
  await screenshot(page, 'case-list');
  await expectNoSeriousA11yViolations(page, 'case list');

  // Open a case: the PDF is drawn with a selectable text layer beside the fields.
  await openCase(page, CASE);
  const letter = page.getByRole('region', { name: 'Letter' });
  const fields = page.getByRole('region', { name: 'Extracted fields' });
  await expect(letter.locator('.pdf-page canvas').first()).toBeVisible();
  await expect(letter.locator('.textLayer').first()).toContainText('Case Number');
  await expect(fields.getByLabel('Date of injury', { exact: true })).toHaveValue('2016-11-02');
  await expect(fields.getByLabel('Treatment', { exact: true }).first()).toHaveValue(/Spine surgery evaluation/);

  // Clicking a field draws a box over its source on the PDF page (geometry: letter-source.ui.spec.ts).
  await fields.getByLabel('Date of injury', { exact: true }).click();
  await expect(letter.getByTestId('source-box')).toHaveCount(1);
  await expect(letter.getByTestId('source-box')).toBeInViewport();
  await screenshot(page, 'split-view-light');
  await expectNoSeriousA11yViolations(page, 'split view');

  // The same source as a <mark> in the extracted-text view.
  await letter.getByRole('button', { name: 'Text', exact: true }).click();
  await fields.getByLabel('Date of injury', { exact: true }).click();
  await expect(letter.locator('mark[data-highlight]')).toHaveText('11/02/2016');
  await letter.getByRole('button', { name: 'PDF', exact: true }).click();

  // Correct item 1's decision; a decision change asks for a reason.
  const firstDecision = fields.getByLabel('Decision', { exact: true }).first();
  await expect(firstDecision).toHaveValue('Overturned');
  await firstDecision.selectOption('Upheld');
  const reasonDialog = page.getByRole('dialog', { name: 'Why is the decision changing?' });
  await reasonDialog
    .getByLabel('Reason for the change')
    .fill('Rationale concludes the request is not medically necessary');
  await reasonDialog.getByRole('button', { name: 'Save change' }).click();
  await expect(reasonDialog).toBeHidden();
  await expect(firstDecision).toHaveValue('Upheld');
  const decisionField = fields.locator('[data-field="items[0].decision"]');
  await expect(decisionField.locator('[data-corrected]')).toBeVisible();
  await expect(decisionField.locator('[data-corrected]')).toHaveAttribute('title', /Parsed value: Overturned/);
  await expect(page.getByRole('grid', { name: 'Cases' }).getByRole('row').filter({ hasText: CASE })).toContainText(
    '5 upheld',
  );

  // The history panel lists the correction with reviewer and reason.
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const history = page.getByRole('complementary', { name: 'History' });
  await expect(history).toContainText('Item 1 · Decision');
  await expect(history).toContainText('Overturned → Upheld');
  await expect(history).toContainText('Rationale concludes the request is not medically necessary');
  await expect(history).toContainText('Dana Reviewer');
  await screenshot(page, 'history');
  await expectNoSeriousA11yViolations(page, 'history panel');

  // Persisted: after a reload the corrected value is still there, still marked.
  await reloadApp(page);
  await openCase(page, CASE);
  await expect(fields.getByLabel('Decision', { exact: true }).first()).toHaveValue('Upheld');
  await expect(fields.locator('[data-field="items[0].decision"] [data-corrected]')).toBeVisible();

  // Dark theme.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('dialog', { name: 'Settings' }).getByLabel('Dark').check();
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Save settings' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await fields.getByLabel('Date of injury', { exact: true }).click();
  await expect(letter.getByTestId('source-box')).toBeVisible();
  await screenshot(page, 'split-view-dark');
  await expectNoSeriousA11yViolations(page, 'split view (dark)');

  // Export everything to Excel: in a browser the workbook arrives as a download.
  await page.getByRole('button', { name: 'Export…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export cases' });
  await exportDialog.getByLabel('Include parsed values next to corrected ones').check();
  const downloading = page.waitForEvent('download', { timeout: 30_000 });
  await exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^imr-export-[\d_-]+\.xlsx$/);
  const saved = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(saved);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(saved);
  expect(workbook.getWorksheet('Cases')!.rowCount).toBe(9);
  await expect(exportDialog).toContainText(/Exported 8 cases, \d+ items and 1 correction to your browser's downloads/);
  await expect(exportDialog.locator('.export-path')).toHaveText(download.suggestedFilename());
  // The host kept no copy once the browser had the file.
  const privateDir = `${workspace.dbPath}.private`;
  await expect.poll(() => listFiles(privateDir).filter((f) => f.endsWith('.xlsx'))).toEqual([]);
  await screenshot(page, 'export-dialog');
  await expectNoSeriousA11yViolations(page, 'export dialog');
});
