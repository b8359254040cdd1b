/**
 * "Check workspace integrity" (issue 12's audit in the app): on the test corpus, imported with the app's own CLI
 * before the host opens it, the check opened by keyboard says OK with the head `imr verify` prints; the
 * checkpoint it saves is one a later compare accepts; a letter's text changed with raw SQL (as
 * test/integration/audit/tamper.test.ts forges it) is then reported naming the case, and the case's link opens it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test as base, expect, expectNoSeriousA11yViolations, isolatedEnv, PROJECT_ROOT, screenshot } from './fixtures';

const CLI = path.join(PROJECT_ROOT, 'dist/node/cli.mjs');
const CORPUS = path.join(PROJECT_ROOT, 'test/fixtures/corpus');

/** The workspace holds the corpus before the app opens it. */
const test = base.extend({
  workspace: async ({ workspace }, use) => {
    execFileSync(
      process.execPath,
      [CLI, 'import', '--db', workspace.dbPath, path.join(CORPUS, 'letters'), path.join(CORPUS, 'seeds')],
      { env: isolatedEnv(workspace.dir), stdio: 'pipe', timeout: 170_000 },
    );
    await use(workspace);
  },
});
test.setTimeout(300_000);

/** What `imr verify --json` says of the workspace the host has open (exit 1 when it finds problems). */
function cliVerify(dbPath: string): { ok: boolean; chainHead: string; events: number; cases: number } {
  try {
    return JSON.parse(execFileSync(process.execPath, [CLI, 'verify', '--db', dbPath, '--json'], { encoding: 'utf8' }));
  } catch (err) {
    return JSON.parse((err as { stdout: string }).stdout);
  }
}

test('the integrity check says OK with the head, saves and compares a checkpoint, and names a forged case', async ({
  app: page,
  workspace,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const expected = cliVerify(workspace.dbPath);
  expect(expected.ok).toBe(true);

  // Reachable from Settings (the top bar has no room for it at 1440 px with a case open)…
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Settings' })
    .getByRole('button', { name: 'Check workspace integrity…' })
    .click();
  await expect(page.getByRole('dialog', { name: 'Workspace integrity' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Settings' })).toHaveCount(0);
  await page
    .getByRole('dialog', { name: 'Workspace integrity' })
    .locator('.dialog-actions')
    .getByRole('button', { name: 'Close' })
    .click();
  // …and by keyboard, from anywhere.
  await page.locator('body').press('Alt+Shift+I');
  const dialog = page.getByRole('dialog', { name: 'Workspace integrity' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Check now' }).click();

  const result = dialog.getByTestId('integrity-result');
  await expect(result.getByRole('status')).toHaveText(
    `OK: database intact, audit chain of ${expected.events} event(s) verified, ${expected.cases} letter(s) and their parses match it.`,
  );
  await expect(dialog.getByTestId('integrity-head')).toHaveText(expected.chainHead);
  await expect(dialog.getByTestId('integrity-not-checked')).toContainText('Not checked (the full check covers them):');
  await screenshot(page, 'integrity-ok-1280');
  await expectNoSeriousA11yViolations(page, 'the integrity check (OK)');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, 'integrity-ok-1920');

  // Save checkpoint…: in the browser, a download of the checkpoint `imr checkpoint` would write.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Save checkpoint…' }).click(),
  ]);
  const saved = path.join(workspace.dir, download.suggestedFilename());
  await download.saveAs(saved);
  expect(download.suggestedFilename()).toMatch(/^imr-checkpoint-.*\.json$/);
  expect(JSON.parse(fs.readFileSync(saved, 'utf8'))).toMatchObject({
    format: 'imr-audit-checkpoint-v1',
    events: expected.events,
    head: expected.chainHead,
  });

  // Compare with checkpoint…: the trail extends it.
  await dialog.getByTestId('checkpoint-input').setInputFiles(saved);
  await expect(result).toContainText(`Compared with the checkpoint ${path.basename(saved)}.`);
  await expect(result).toContainText(`The chain extends the checkpoint of `);
  await expect(result.getByRole('status')).toContainText('OK: database intact');

  // A file that is no checkpoint is refused, saying why.
  const notOne = path.join(workspace.dir, 'notes.json');
  fs.writeFileSync(notOne, '{"hello": "world"}');
  await dialog.getByTestId('checkpoint-input').setInputFiles(notOne);
  await expect(dialog.getByTestId('integrity-error')).toHaveText(
    'The file chosen was not compared: it is not an IMR Workbench audit checkpoint.',
  );

  // A forger changes one letter's text with raw SQL while the app is open.
  const raw = new Database(workspace.dbPath);
  let forged: { id: number; caseNumber: string };
  try {
    forged = raw
      .prepare(
        `SELECT c.id AS id, c.case_number AS caseNumber FROM cases c
         WHERE c.case_number IS NOT NULL ORDER BY c.id LIMIT 1 OFFSET 3`,
      )
      .get() as { id: number; caseNumber: string };
    raw
      .prepare(
        `UPDATE document_content SET text = text || ' The request is overturned.'
         WHERE document_id = (SELECT document_id FROM cases WHERE id = ?)`,
      )
      .run(forged.id);
  } finally {
    raw.close();
  }

  await page.setViewportSize({ width: 1280, height: 720 });
  await dialog.getByRole('button', { name: 'Check again' }).click();
  await expect(dialog.getByRole('alert')).toContainText('NOT verified');
  const problems = dialog.getByTestId('integrity-problems').getByRole('listitem');
  await expect(problems).toHaveCount(1);
  await expect(problems.first()).toHaveText(
    new RegExp(
      `^Case ${forged.caseNumber} \\(#${forged.id}\\): the letter's extracted text was changed after import ` +
        `\\(imported by event \\d+\\)\\.$`,
    ),
  );
  await screenshot(page, 'integrity-problem-1280');
  await expectNoSeriousA11yViolations(page, 'the integrity check (a problem)');

  // Dark theme: the same report, readable.
  await dialog.locator('.dialog-actions').getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('dialog', { name: 'Settings' }).getByLabel('Dark').check();
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Save settings' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.locator('body').press('Alt+Shift+I');
  // The report of the last check is still there.
  await expect(problems).toHaveCount(1);
  await screenshot(page, 'integrity-problem-dark');
  await expectNoSeriousA11yViolations(page, 'the integrity check (dark)');

  // The case link opens the case.
  await problems
    .first()
    .getByRole('button', { name: `Case ${forged.caseNumber} (#${forged.id})` })
    .click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole('region', { name: 'Extracted fields' }).getByLabel('Case number', { exact: true }),
  ).toHaveValue(forged.caseNumber);
});
