/**
 * A workspace with a damaged page (issue 12): the app's case list reads
 * around the damage instead of failing, and says which cases it could not read
 * and what to do; the Analytics view refuses figures and says why.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CORPUS_SEED_DIR, textLetterVariant } from '../integration/import/fixtures';
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

const LETTERS = 60;

/** Zeroes the second leaf page of the case table (what a failing disk or a bad copy leaves). */
function damageCaseTable(dbPath: string): void {
  const db = new Database(dbPath, { readonly: true });
  let page: number;
  try {
    page = db
      .prepare("SELECT pageno FROM dbstat WHERE name = 'cases' AND pagetype = 'leaf' ORDER BY path")
      .pluck()
      .all()[1] as number;
  } finally {
    db.close();
  }
  expect(page).toBeGreaterThan(1);
  const fd = fs.openSync(dbPath, 'r+');
  fs.writeSync(fd, Buffer.alloc(4096), 0, 4096, (page - 1) * 4096);
  fs.closeSync(fd);
}

test('a damaged workspace lists the cases that read and names the others', async ({ page, workspace }) => {
  const letters = path.join(workspace.dir, 'letters');
  fs.mkdirSync(letters);
  const seed = fs.readFileSync(path.join(CORPUS_SEED_DIR, fs.readdirSync(CORPUS_SEED_DIR).sort()[0]!), 'utf8');
  for (let n = 0; n < LETTERS; n++) fs.writeFileSync(path.join(letters, `letter-${n}.txt`), textLetterVariant(seed, n));
  const imported = spawnSync(
    process.execPath,
    [path.join(PROJECT_ROOT, 'backend/hosts/cli/bin.mjs'), 'import', '--db', workspace.dbPath, letters],
    { encoding: 'utf8' },
  );
  expect(imported.status).toBe(0);
  damageCaseTable(workspace.dbPath);

  const host = await startWebHostProcess(['--db', workspace.dbPath, '--port', '0'], workspace.dir);
  try {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openAndSignIn(page, host);
    const notice = page.getByTestId('unreadable-cases');
    await expect(notice).toHaveAttribute('role', 'status');
    await expect(notice).toContainText('The workspace file is damaged: the list shows the cases that could be read.');
    const grid = page.getByRole('grid', { name: 'Cases' });
    await expect(grid.locator('[data-case-id]').first()).toBeVisible();
    await notice.getByText('Not listed').click();
    const named = notice.getByRole('listitem');
    await expect(named.first()).toHaveText(/^Case .* could not be read and is not in this list \(SQLite: /);
    // Every letter is either a row of the list or named as not listed.
    const listed = Number(await grid.getAttribute('aria-rowcount')) - 1;
    expect(listed).toBeGreaterThan(0);
    expect(listed + (await named.count())).toBe(LETTERS);
    await screenshot(page, 'damaged-workspace');
    await expectNoSeriousA11yViolations(page, 'the damaged workspace');

    // The Analytics view gives no figures, and says why and what to do.
    await page.getByRole('button', { name: 'Analytics', exact: true }).click();
    const refusal = page.locator('.analytics').getByRole('alert');
    await expect(refusal).toContainText(
      'The figures could not be computed: No figures for a damaged workspace: some cases cannot be read',
    );
    await expect(refusal).toContainText('Export what can still be read');
    await expect(page.getByText('Computing the figures…')).toHaveCount(0);
    await screenshot(page, 'damaged-workspace-analytics');
  } finally {
    await stopProcess(host.child);
  }
});
