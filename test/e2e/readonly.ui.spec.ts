/**
 * A workspace the app can read but not change (issue 12): on a read-only
 * folder it opens, lists and shows the letters, says why in a banner, and a
 * change is refused with that reason, leaving the file as it was. Nothing in
 * the review screen invites an edit that would be refused: fields are
 * read-only, ticks, item actions and statuses disabled, each saying why.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CORPUS_SEED_DIR } from '../integration/import/fixtures';
import { place, unavailable } from '../integration/store/media';
import {
  expect,
  expectNoSeriousA11yViolations,
  openAndSignIn,
  PROJECT_ROOT,
  screenshot,
  startWebHostProcess,
  stopProcess,
  test,
} from './fixtures';

const why = unavailable('read-only folder');

test('a read-only workspace opens for reading and says why it cannot be changed', async ({ page, workspace }) => {
  test.skip(why !== null, why ?? '');
  const imported = spawnSync(
    process.execPath,
    [path.join(PROJECT_ROOT, 'backend/hosts/cli/bin.mjs'), 'import', '--db', workspace.dbPath, CORPUS_SEED_DIR],
    { encoding: 'utf8' },
  );
  expect(imported.stderr).toBe('');
  const placed = place('read-only folder', workspace.dbPath);
  const sha = () => createHash('sha256').update(fs.readFileSync(placed.dbPath)).digest('hex');
  const before = sha();
  const host = await startWebHostProcess(['--db', placed.dbPath, '--port', '0'], workspace.dir);
  try {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openAndSignIn(page, host);
    const banner = page.locator('.readonly-banner');
    await expect(banner).toHaveText(/the workspace can be read and exported, not changed\.$/);
    await expect(banner).toHaveAttribute('role', 'status');
    const rows = page.getByRole('grid', { name: 'Cases' }).locator('[data-case-id]');
    await expect(rows).toHaveCount(fs.readdirSync(CORPUS_SEED_DIR).length);

    await rows.first().click();
    const fields = page.getByRole('region', { name: 'Extracted fields' });
    // What cannot be done says why before it is tried: the status buttons and Import carry the banner's reason.
    const inReview = fields.getByRole('button', { name: 'In review', exact: true });
    await expect(inReview).toBeDisabled();
    await expect(inReview).toHaveAttribute('title', /not changed\.$/);
    await expect(fields.getByRole('button', { name: 'Reviewed → next' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Import…' })).toBeDisabled();
    // The fields are shown, not editable: text boxes read-only, selects, ticks and item actions disabled, each with
    // the reason on hover and a "Read-only" mark beside the case number — nothing to type that a save would refuse.
    await expect(fields.getByTestId('fields-read-only')).toHaveAttribute('title', /not changed\.$/);
    const caseNumber = fields.getByLabel('Case number', { exact: true });
    await expect(caseNumber).not.toBeEditable();
    await expect(caseNumber).toHaveAttribute('title', /not changed\.$/);
    await expect(fields.getByLabel('Decision date', { exact: true })).not.toBeEditable();
    const firstItem = fields.locator('.item-card').first();
    await expect(firstItem.getByLabel('Treatment', { exact: true })).not.toBeEditable();
    await expect(firstItem.getByLabel('Decision', { exact: true })).toBeDisabled();
    await expect(firstItem.getByRole('button', { name: 'Confirm Decision' })).toBeDisabled();
    await expect(firstItem.getByRole('button', { name: 'Split item 1' })).toBeDisabled();
    await expect(firstItem.getByRole('button', { name: 'Delete item 1' })).toBeDisabled();
    await expect(firstItem.getByRole('checkbox', { name: 'Select item 1 for merging' })).toBeDisabled();
    await expect(fields.getByRole('button', { name: 'Add item' })).toBeDisabled();
    // Typing into a field changes nothing and asks nothing.
    await caseNumber.focus();
    await page.keyboard.type('X');
    await page.keyboard.press('Enter');
    await expect(caseNumber).not.toHaveValue(/X/);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, 'the read-only workspace');
    // The keyboard still reaches the backend (Alt+Shift+2 = In review), which refuses with its reason;
    // the status stays as stored.
    await page.keyboard.press('Alt+Shift+Digit2');
    await expect(page.getByText(/^Not saved: The workspace .* not changed\.$/)).toBeVisible();
    await expect(fields.getByRole('button', { name: 'New', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await screenshot(page, 'readonly-1280');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'readonly-1920');
  } finally {
    await stopProcess(host.child);
    expect(sha()).toBe(before);
    placed.cleanup();
  }
});
