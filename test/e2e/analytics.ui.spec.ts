/**
 * The Analytics view on the test corpus (40 real PDF letters and the text
 * seeds, imported with the app's own CLI before the host opens them): the
 * figures are the backend's, a bar opens exactly the cases behind it, the
 * filter it set is visible and removable, and the table view and the PNG
 * export work.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test as base, expect, screenshot, PROJECT_ROOT, isolatedEnv } from './fixtures';

const CLI = path.join(PROJECT_ROOT, 'dist/node/cli.mjs');
const CORPUS = path.join(PROJECT_ROOT, 'test/fixtures/corpus');

interface Group {
  value: string | null;
  label: string;
  cases: number;
  upheld: number;
  upheldRate: { n: number };
}

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
test.setTimeout(240_000);

/** What `imr stats` says for a filter (the CLI reads the workspace the host has open). */
function cli(dbPath: string, args: string[]): unknown {
  return JSON.parse(
    execFileSync(process.execPath, [CLI, 'stats', '--db', dbPath, ...args, '--json'], { encoding: 'utf8' }),
  );
}

const rows = (page: Page) => page.getByRole('grid', { name: 'Cases' }).locator('[data-case-id]');

test('a bar opens exactly its cases; the filter shows and comes off; table and PNG work', async ({
  app: page,
  workspace,
}) => {
  await page.getByRole('button', { name: 'Analytics', exact: true }).click();
  const view = page.locator('.analytics');
  await expect(view.getByRole('heading', { name: 'Analytics', level: 1 })).toBeVisible();

  // The figures on screen are imr stats's for the same (empty) filter.
  const byCategory = cli(workspace.dbPath, ['--by', 'category']) as {
    cases: number;
    totals: { items: number };
    turnaround: { median: number; p25: number; p75: number; p90: number };
    breakdowns: { groups: Group[] }[];
  };
  const totals = view.getByRole('group', { name: 'Totals' }).or(view.locator('.analytics-totals'));
  await expect(totals).toContainText(byCategory.cases.toLocaleString('en-US'));
  await expect(totals).toContainText(byCategory.totals.items.toLocaleString('en-US'));
  // Turnaround in imr stats's days (one decimal: turnaroundDays), not quarter days of its own.
  const t = byCategory.turnaround;
  await expect(totals).toContainText(`${t.median} days`);
  await expect(totals).toContainText(`middle half ${t.p25}–${t.p75} days, 90% within ${t.p90};`);
  expect(`${t.p25} ${t.p75} ${t.p90}`).toMatch(/^-?\d+(\.\d)? -?\d+(\.\d)? -?\d+(\.\d)?$/);
  const pt = byCategory.breakdowns[0]!.groups.find((g) => g.value === 'physical therapy')!;
  expect(pt.upheld).toBeGreaterThan(0);

  const rates = page.locator('[data-chart="chart-rates"]');
  const bar = rates.getByRole('button', { name: /^physical therapy · Upheld: / });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('aria-label', new RegExp(`n = ${pt.upheldRate.n}\\)$`));
  await page.setViewportSize({ width: 1280, height: 720 });
  await screenshot(page, 'analytics-1280');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, 'analytics-1920');

  await bar.click();

  // The list: exactly the cases with an upheld physical-therapy item, as imr stats counts them.
  const filtered = cli(workspace.dbPath, [
    '--by',
    'category',
    '--filter',
    'category=physical therapy',
    '--filter',
    'decision=Upheld',
  ]) as { cases: number };
  expect(filtered.cases).toBeGreaterThan(0);
  expect(filtered.cases).toBeLessThanOrEqual(pt.cases);
  await expect(rows(page)).toHaveCount(filtered.cases);
  const chips = page.getByRole('list', { name: 'Filter in force' }).first();
  await expect(chips).toContainText('Item category: physical therapy');
  await expect(chips).toContainText('Decision: Upheld');
  for (let i = 0; i < filtered.cases; i++) await expect(rows(page).nth(i)).toContainText(/upheld/);
  await screenshot(page, 'analytics-click-through');

  // Each condition comes off on its own; then the list is whole again.
  await chips.getByRole('button', { name: 'Remove filter Decision: Upheld' }).click();
  await expect(chips).not.toContainText('Decision: Upheld');
  const ptCases = (
    cli(workspace.dbPath, ['--by', 'category', '--filter', 'category=physical therapy']) as {
      cases: number;
    }
  ).cases;
  await expect(rows(page)).toHaveCount(ptCases);
  await chips.getByRole('button', { name: 'Remove filter Item category: physical therapy' }).click();
  // The whole list again (virtualized: its row count, not the rows drawn).
  await expect(page.getByRole('grid', { name: 'Cases' })).toHaveAttribute(
    'aria-rowcount',
    String(byCategory.cases + 1),
  );
  await expect(page.getByRole('list', { name: 'Filter in force' })).toHaveCount(0);

  // Table view: the same figures as text, a row per category, every column in sight at 1280×720.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('button', { name: 'Analytics', exact: true }).click();
  await rates.getByRole('button', { name: 'Table' }).click();
  const table = rates.getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(byCategory.breakdowns[0]!.groups.length + 2);
  await expect(table.getByRole('row', { name: /^physical therapy / })).toContainText(String(pt.upheld));
  const sideways = () => rates.locator('.chart-table').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(await sideways(), 'pixels of the table hidden to the right at 1280×720').toBeLessThanOrEqual(0);
  await screenshot(page, 'analytics-table-1280');
  await page.setViewportSize({ width: 1920, height: 1080 });
  expect(await sideways(), 'pixels of the table hidden to the right at 1920×1080').toBeLessThanOrEqual(0);
  await screenshot(page, 'analytics-table');
  await rates.getByRole('button', { name: 'Chart' }).click();

  // PNG export: a real PNG of the chart.
  const download = page.waitForEvent('download');
  await rates.getByRole('button', { name: 'PNG' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('imr-by-category.png');
  const saved = path.join(workspace.dir, file.suggestedFilename());
  await file.saveAs(saved);
  const png = fs.readFileSync(saved);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.readUInt32BE(16)).toBeGreaterThan(400); // width in pixels (2× the chart)

  const results = await new AxeBuilder({ page }).include('.analytics').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
    [],
  );

  // Leaving Analytics: Next unreviewed shows the case it opens (it used to open it behind the figures), and
  // Case list goes back to the list.
  const analyticsHeading = page.getByRole('heading', { name: 'Analytics', level: 1 });
  await page.getByRole('button', { name: 'Next unreviewed' }).click();
  await expect(analyticsHeading).toBeHidden();
  await expect(page.locator('.fields-pane').getByLabel('Case number', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Analytics', exact: true }).click();
  await expect(analyticsHeading).toBeVisible();
  await page.getByRole('button', { name: 'Case list', exact: true }).click();
  await expect(analyticsHeading).toBeHidden();
  await expect(page.getByRole('grid', { name: 'Cases' })).toBeVisible();

  // "Clear all" takes every chip and itself away: focus goes to the view's "Break down by", not to the page.
  await page.getByRole('combobox', { name: 'Status filter' }).selectOption('new');
  await page.getByRole('combobox', { name: 'Decision filter' }).selectOption('Upheld');
  await page.getByRole('button', { name: 'Analytics', exact: true }).click();
  const analytics = page.locator('.analytics');
  await analytics.getByRole('button', { name: 'Clear all' }).focus();
  await page.keyboard.press('Enter');
  await expect(analytics.getByRole('list', { name: 'Filter in force' })).toHaveCount(0);
  await expect(analytics.getByLabel('Break down by')).toBeFocused();
});
