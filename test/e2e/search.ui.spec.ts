/**
 * The search box does what reviewers type (issue 15): phrases in quotes, OR,
 * -word / NOT, prefixes only with *, a date in the form the app shows finds
 * the letters that write it another way, a letter without a case number by
 * its file name, and the syntax help under the box. Counts are those of the
 * eight sample letters (samples/).
 */
import type { Page } from '@playwright/test';
import { test, expect, screenshot } from './fixtures';

const grid = (page: Page) => page.getByRole('grid', { name: 'Cases' });
const rows = (page: Page) => grid(page).locator('[data-case-id]');

/** Searches and waits for the list to show `count` rows; returns their case ids. */
async function search(page: Page, query: string, count: number): Promise<Set<string>> {
  await page.getByRole('searchbox', { name: 'Search letters' }).fill(query);
  await expect(page.getByText(`${count} ${count === 1 ? 'case' : 'cases'}`, { exact: true })).toBeVisible();
  // The rows are read until they are this search's (a re-render may briefly leave none).
  let ids: string[] = [];
  await expect
    .poll(async () => (ids = await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-case-id')!))))
    .toHaveLength(count);
  return new Set(ids);
}

test('search: phrases, OR, NOT, prefixes, dates in any form, file names, and its help', async ({ app: page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('button', { name: 'Load the sample letters' }).click();
  await expect(rows(page)).toHaveCount(8, { timeout: 45_000 });

  // A quoted phrase is the phrase: every hit marked is "low back", never "background" or a lone "back".
  await search(page, '"low back"', 5);
  for (const row of await rows(page).all()) {
    for (const mark of await row.locator('mark').all()) await expect(mark).toHaveText(/^low\s+back$/i);
  }
  await screenshot(page, 'search-phrase-1280');
  // Unquoted, the words may be apart: more letters.
  await search(page, 'low back', 7);

  // OR finds the letters with either word: exactly the union.
  const acupuncture = await search(page, 'acupuncture', 5);
  const chiropractic = await search(page, 'chiropractic', 3);
  const either = await search(page, 'acupuncture OR chiropractic', 6);
  expect([...either].sort()).toEqual([...new Set([...acupuncture, ...chiropractic])].sort());

  // -word and NOT word leave out the letters that have it.
  const norco = await search(page, 'Norco', 2);
  const without = await search(page, 'acupuncture -Norco', 3);
  expect([...without].sort()).toEqual([...acupuncture].filter((id) => !norco.has(id)).sort());
  expect([...(await search(page, 'acupuncture NOT Norco', 3))].sort()).toEqual([...without].sort());

  // A prefix only when asked for.
  await search(page, 'acupunct', 0);
  await search(page, 'acupunct*', 5);

  // The date as the app shows it finds the letter that writes 10/13/2016, and marks it there.
  const byIso = await search(page, '2016-10-13', 1);
  await expect(rows(page).first().locator('mark')).toHaveText('10/13/2016');
  expect(await search(page, '10/13/2016', 1)).toEqual(byIso);
  expect(await search(page, 'October 13, 2016', 1)).toEqual(byIso);

  // A letter without a case number, by the file name the list shows.
  await search(page, '003_d3d3d7d6fe2d34a7', 1);
  await expect(rows(page).first()).toContainText('003_d3d3d7d6');

  // The syntax is explained under the box.
  await page.getByRole('button', { name: 'Search help' }).click();
  await expect(page.locator('#search-help')).toBeVisible();
  await expect(page.locator('#search-help')).toContainText('"low back"');
  await expect(page.locator('#search-help')).toContainText('acupuncture -Norco');
  await screenshot(page, 'search-help-1280');
  // Escape on its button closes it again, focus staying on the button.
  const help = page.getByRole('button', { name: 'Search help' });
  await help.press('Escape');
  await expect(page.locator('#search-help')).toHaveClass(/sr-only/);
  await expect(help).toHaveAttribute('aria-expanded', 'false');
  await expect(help).toBeFocused();
});
