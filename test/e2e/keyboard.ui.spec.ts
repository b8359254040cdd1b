/**
 * Review by keyboard only, at 1280×720 (issue 15): no mouse event from the
 * first key to the last. The reviewer searches (Ctrl+F), opens the first New
 * case of the filtered list (Alt+N), goes to the fields (Alt+3), confirms one
 * (Alt+V), moves through them (Alt+↓, Alt+Shift+↓ to the first item), types a
 * date in words, changes a decision — the select takes ArrowDown as a draft
 * and saves on Enter, after the reason asked for — and marks each case
 * Reviewed → next (Ctrl+Enter). Every case opened belongs to the filtered
 * queue, and the cases left New are the rest of it. Then, with anything but
 * the keyboard: the values are saved (the CLI reads the workspace; a reload
 * shows them) and the history names the item as the form does ("Item 1").
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { CaseDetail } from '../../shared/domain/case';
import AxeBuilder from '@axe-core/playwright';
import {
  test,
  expect,
  expectNoSeriousA11yViolations,
  hostOf,
  loadSamples,
  openCase,
  PROJECT_ROOT,
  reloadApp,
  screenshot,
} from './fixtures';

const openCaseId = (page: Page) =>
  page.evaluate(
    () => document.querySelector('[aria-selected="true"][data-case-id]')?.getAttribute('data-case-id') ?? null,
  );
const focusedPath = (page: Page) =>
  page.evaluate(
    () => (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-field]')?.dataset.field,
  );

/** The case as stored, read by the CLI beside the running host (another reader of the same workspace). */
function storedCase(dbPath: string, caseId: string): CaseDetail {
  const cli = path.join(PROJECT_ROOT, 'backend/hosts/cli/bin.mjs');
  return JSON.parse(
    execFileSync(process.execPath, [cli, 'show', '--db', dbPath, '--case', caseId, '--json'], { encoding: 'utf8' }),
  ) as CaseDetail;
}

test('a filtered queue reviewed by keyboard only: a case edited, Reviewed → next stays inside the search', async ({
  app: page,
  workspace,
}) => {
  test.setTimeout(120_000); // eight letters imported, then three cases reviewed: over 60 s on a busy machine
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('button', { name: 'Load the sample letters' }).focus();
  await page.keyboard.press('Enter');
  const grid = page.getByRole('grid', { name: 'Cases' });
  const rows = grid.locator('[data-case-id]');
  await expect(rows).toHaveCount(8, { timeout: 45_000 });

  await page.keyboard.press('Control+f');
  await page.keyboard.type('acupuncture');
  await expect(rows).toHaveCount(5);
  const queue = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-case-id')!));

  await page.keyboard.press('Alt+n');
  const fields = page.getByRole('region', { name: 'Extracted fields' });
  await expect(fields.getByRole('heading', { level: 1 })).toBeVisible();
  const edited = (await openCaseId(page))!;
  expect(queue).toContain(edited);
  await expect(page.locator(`.fields-pane[data-case-id="${edited}"]`)).toBeVisible();
  const confirmed = fields.getByTestId('confirmed-count');
  const confirmedBefore = Number((await confirmed.textContent())!.split(' ')[0]);

  // The first field, confirmed as read.
  await page.keyboard.press('Alt+3');
  await expect.poll(() => focusedPath(page)).toBe('caseNumber');
  await page.keyboard.press('Alt+v');
  await expect(fields.getByRole('button', { name: 'Confirm Case number' })).toHaveAttribute('aria-pressed', 'true');
  await expect(confirmed).toHaveText(new RegExp(`^${confirmedBefore + 1} of `));

  // A date typed in words, saved on Enter and shown as the app writes dates.
  await page.keyboard.press('Alt+ArrowDown');
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => focusedPath(page)).toBe('decisionDate');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('March 5, 2017');
  await page.keyboard.press('Enter');
  const decisionDate = fields.getByLabel('Decision date', { exact: true });
  await expect(decisionDate).toHaveValue('2017-03-05');
  await expect(fields.locator('[data-field="decisionDate"] [data-corrected]')).toBeVisible();

  // Item 1's decision: ArrowDown only changes the draft (no reason asked, nothing saved); Enter saves it.
  await page.keyboard.press('Alt+Shift+ArrowDown');
  await expect.poll(() => focusedPath(page)).toBe('items[0].treatment');
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => focusedPath(page)).toBe('items[0].decision');
  const decision = fields.getByLabel('Decision', { exact: true }).first();
  const badge = fields.locator('.item-card').first().locator('.decision-badge');
  const before = await decision.inputValue();
  const badgeBefore = await badge.textContent();
  // The arrow that leads to another choice (the last one has nothing below it).
  const atLast = await decision.evaluate((el: HTMLSelectElement) => el.selectedIndex === el.options.length - 1);
  await page.keyboard.press(atLast ? 'ArrowUp' : 'ArrowDown');
  const drafted = await decision.inputValue();
  expect(drafted).not.toBe(before);
  await expect(fields.locator('[data-field="items[0].decision"]')).toHaveAttribute('data-dirty', 'true');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(badge).toHaveText(badgeBefore!);
  await page.keyboard.press('Enter');
  const why = page.getByRole('dialog', { name: 'Why is the decision changing?' });
  await expect(why).toBeVisible();
  await page.keyboard.type('The letter says otherwise on page 3');
  await page.keyboard.press('Control+Enter');
  await expect(why).toBeHidden();
  await expect(badge).not.toHaveText(badgeBefore!);
  // Focus is back where it was, so the next key goes on from there.
  await expect.poll(() => focusedPath(page)).toBe('items[0].decision');
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => focusedPath(page)).toBe('items[0].category');
  await page.keyboard.press('Alt+v');
  await expect(fields.getByRole('button', { name: 'Confirm Category' }).first()).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await screenshot(page, 'keyboard-edit-1280');

  // Reviewed → next, three times, never leaving the search.
  const reviewed: string[] = [edited];
  await page.keyboard.press('Control+Enter');
  for (let i = 0; i < 2; i++) {
    await expect.poll(() => openCaseId(page)).not.toBe(reviewed.at(-1));
    const open = (await openCaseId(page))!;
    // The next case's fields are in (a case still opening is not marked: Ctrl+Enter then only says so).
    await expect(page.locator(`.fields-pane[data-case-id="${open}"]`)).toBeVisible();
    // Focus is on the new case's heading (named to a screen reader), not left on the page's body.
    await expect(fields.locator(`h1[data-case-heading="${open}"]`)).toBeFocused();
    expect(queue).toContain(open);
    reviewed.push(open);
    await page.keyboard.press('Alt+ArrowDown');
    await page.keyboard.press('Control+Enter');
  }
  await expect.poll(() => openCaseId(page)).not.toBe(reviewed.at(-1));
  expect(new Set(reviewed).size).toBe(3);
  // The list still holds the search; the three are Reviewed there.
  await expect(rows).toHaveCount(5);
  for (const id of reviewed) await expect(grid.locator(`[data-case-id="${id}"]`)).toContainText('Reviewed');
  await screenshot(page, 'keyboard-queue-1280');

  // Stored: what the backend holds, read by another program.
  const stored = storedCase(workspace.dbPath, edited);
  expect(stored.status).toBe('reviewed');
  expect(stored.effective.decisionDate).toBe('2017-03-05');
  expect(stored.effective.items[0]!.decision).toBe(drafted);
  expect(stored.verified).toEqual(expect.arrayContaining(['caseNumber', 'items[0].category']));

  // And after a reload, the case and its history as the reviewer sees them: items named as the form names them.
  await reloadApp(page);
  await grid.locator(`[data-case-id="${edited}"]`).click();
  await expect(fields.getByLabel('Decision date', { exact: true })).toHaveValue('2017-03-05');
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const history = page.getByRole('complementary', { name: 'History' });
  await expect(history).toContainText('Item 1 · Decision');
  await expect(history).toContainText('The letter says otherwise on page 3');
  await expect(history).not.toContainText('items[0]');
});

test('the shortcuts overlay and the status change of several cases pass axe, at 1280×720', async ({ app: page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('button', { name: 'Load the sample letters' }).focus();
  await page.keyboard.press('Enter');
  const grid = page.getByRole('grid', { name: 'Cases' });
  await expect(grid.locator('[data-case-id]')).toHaveCount(8, { timeout: 45_000 });

  // `?` from outside a text box: the overlay, every shortcut in it, focus back where it was on Escape.
  await page.keyboard.press('Alt+1');
  await expect(grid).toBeFocused();
  await page.keyboard.press('?');
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(overlay).toBeVisible();
  await expect(overlay).toContainText('Mark reviewed and open the next unreviewed case in the list');
  // It says where Ctrl+Z is the box's own (the test of that behaviour: "Ctrl+Z in a field" below).
  await expect(overlay).toContainText("which there are the field's own, for your typing");
  // Selecting letter text by keyboard needs the browser's caret browsing: listed with the letter's keys.
  await expect(overlay.getByRole('region', { name: 'Letter' })).toContainText('F7');
  await expect(overlay.getByRole('region', { name: 'Letter' })).toContainText('Caret browsing on or off');
  await screenshot(page, 'shortcuts-1280');
  await expectNoSeriousA11yViolations(page, 'the shortcuts overlay', '[role="dialog"]');
  await page.keyboard.press('Escape');
  await expect(overlay).toBeHidden();
  await expect(grid).toBeFocused();

  // Every case listed selected (Ctrl+A in the list): the status change of several.
  await page.keyboard.press('Control+a');
  const bulk = page.getByRole('group', { name: 'Status of the selected cases' });
  await expect(bulk).toBeVisible();
  await expect(bulk.getByRole('button', { name: 'Apply to 8' })).toBeDisabled();
  await screenshot(page, 'bulk-status-1280');
  await expectNoSeriousA11yViolations(page, 'the status change of several cases');
  await bulk.getByRole('combobox').selectOption('needs second look');
  await bulk.getByRole('button', { name: 'Apply to 8' }).click();
  await expect(grid.locator('[data-case-id]').filter({ hasText: 'Needs second look' })).toHaveCount(8);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, 'bulk-status-1920');
});

/** axe's page-has-heading-one on the page as it is: whether the view has an h1 a screen reader can jump to. */
async function hasHeadingOne(page: Page): Promise<boolean> {
  const results = await new AxeBuilder({ page }).withRules(['page-has-heading-one']).analyze();
  return results.violations.length === 0 && results.passes.some((r) => r.id === 'page-has-heading-one');
}

test('sign-in takes the code at once; each view has an h1; the next case takes focus on its heading', async ({
  app: page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  // Sign-in: the code field has focus on load, so the code is typed and Enter opens the workbench.
  await page.reload();
  await expect(page.getByLabel('Access code')).toBeFocused();
  await page.keyboard.type(hostOf(page)!.accessCode);
  await page.keyboard.press('Enter');
  await expect(page.locator('.app')).toBeVisible();

  await loadSamples(page);
  const fields = page.getByRole('region', { name: 'Extracted fields' });
  const heading = fields.getByRole('heading', { level: 1 });
  expect(await hasHeadingOne(page)).toBe(true);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('8 cases');

  // N from nowhere, then Alt+→ from a field: each new case's heading has focus, and it is the view's h1.
  // Nowhere: the list has focus after the import (the start page hands it over), so it is taken away.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('n');
  await expect(heading).toBeFocused();
  const first = await heading.textContent();
  expect(await hasHeadingOne(page)).toBe(true);
  await page.keyboard.press('Alt+3');
  await expect.poll(() => focusedPath(page)).toBe('caseNumber');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(heading).not.toHaveText(first!);
  await expect(heading).toBeFocused();
  await screenshot(page, 'keyboard-next-case-heading-1280');

  await page.getByRole('button', { name: 'Analytics' }).click();
  await expect(page.getByRole('heading', { name: 'Analytics', level: 1 })).toBeVisible();
  expect(await hasHeadingOne(page)).toBe(true);
});

/**
 * Ctrl+Z in a field is the box's own undo, never the case's: the case's last change may be another field's (a
 * reviewer's review found Ctrl+Z in "Date of injury" silently undoing a saved "Decision date" correction scrolled
 * out of sight). The case's undo is the top bar's Undo, or Ctrl+Z outside the form; the top bar's Undo keeps focus
 * when it has nothing left to undo.
 */
test('Ctrl+Z in a field never undoes another field; the top bar Undo keeps focus', async ({ app: page }) => {
  await loadSamples(page);
  await openCase(page, 'CM16-0247802');
  const fields = page.getByRole('region', { name: 'Extracted fields' });
  const doiField = fields.locator('[data-field="dateOfInjury"]');
  const doi = fields.getByLabel('Date of injury', { exact: true });
  await expect(doi).toHaveValue('2016-11-02');
  await doi.focus();
  await doi.press('Control+a');
  await page.keyboard.type('2016-11-03');
  await page.keyboard.press('Enter');
  await expect(doiField.locator('[data-corrected]')).toBeVisible();

  const decisionDateField = fields.locator('[data-field="decisionDate"]');
  const decisionDate = fields.getByLabel('Decision date', { exact: true });
  const decidedOn = await decisionDate.inputValue();
  await decisionDate.focus();
  await decisionDate.press('Control+a');
  await page.keyboard.type('2017-02-02');
  await page.keyboard.press('Enter');
  await expect(decisionDateField.locator('[data-corrected]')).toBeVisible();
  expect(decidedOn).not.toBe('2017-02-02');

  // Back in the first field, Ctrl+Z: the other field's saved correction stays, and nothing was undone.
  await doi.focus();
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Escape');
  await expect(decisionDate).toHaveValue('2017-02-02');
  await expect(decisionDateField.locator('[data-corrected]')).toBeVisible();
  await expect(doiField.locator('[data-corrected]')).toBeVisible();
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const history = page.getByRole('complementary', { name: 'History' });
  await expect(history).toContainText('Changed Decision date');
  await expect(history).not.toContainText(/Undid/i);

  // The top bar's Undo, pressed with Enter until nothing is left to undo, keeps focus (a disabled button lost it).
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  await undo.focus();
  // Two corrections and the status change the first one made: each press waits for its "Undid" entry.
  for (let undone = 1; (await undo.getAttribute('aria-disabled')) !== 'true'; undone++) {
    expect(undone).toBeLessThanOrEqual(3);
    await page.keyboard.press('Enter');
    await expect(history.getByText(/^Undid/)).toHaveCount(undone);
    await expect(undo).toBeFocused();
  }
  await expect(undo).toHaveAttribute('aria-disabled', 'true');
  await expect(doiField.locator('[data-corrected]')).toHaveCount(0);
  await expect(decisionDateField.locator('[data-corrected]')).toHaveCount(0);
  await expect(undo).toBeFocused();
  await expect(page.getByRole('button', { name: 'Redo', exact: true })).toHaveAttribute('aria-disabled', 'false');
  await expectNoSeriousA11yViolations(page, 'the top bar with nothing to undo', 'header.toolbar');
});

test('the Import menu: arrow keys move among its items, Escape gives focus back, Tab past it closes it', async ({
  app: page,
}) => {
  const button = page.getByRole('button', { name: 'Import…' });
  const menu = page.getByRole('menu', { name: 'Import' });
  await button.focus();
  await page.keyboard.press('Enter');
  const items = menu.getByRole('menuitem');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('End');
  await expect(items.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(items.first()).toBeFocused();
  await expectNoSeriousA11yViolations(page, 'the open Import menu', '.menu-panel');
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('End');
  await expect(items.last()).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(menu).toBeHidden();
  await expect(button).not.toBeFocused();

  // Shift+Tab from an item goes back to the button and closes the menu too.
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
});

/**
 * A button that removes itself — the history's ×, the filters' Clear (and the empty list's Clear filters), a filter
 * chip's ×, an item's Delete — hands focus to what takes its place instead of dropping it to the page, where the
 * next Tab starts over from the top bar.
 */
test('closing, clearing and deleting with the keyboard keep focus nearby', async ({ app: page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await loadSamples(page);
  await openCase(page, 'CM16-0247802');

  const historyButton = page.getByRole('button', { name: 'History', exact: true });
  await historyButton.click();
  await page.getByRole('button', { name: 'Close history' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: 'History' })).toBeHidden();
  await expect(historyButton).toBeFocused();

  const search = page.getByRole('searchbox', { name: 'Search letters' });
  const status = page.getByRole('combobox', { name: 'Status filter' });
  const decision = page.getByRole('combobox', { name: 'Decision filter' });
  await status.selectOption('new');
  await page.getByRole('button', { name: 'Clear', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(status).toHaveValue('');
  await expect(search).toBeFocused();

  // Two chips: removing the first focuses the one now in its place, removing that one the search box.
  await status.selectOption('new');
  await decision.selectOption('Upheld');
  const chips = page.getByRole('list', { name: 'Filter in force' });
  await chips.getByRole('button', { name: /^Remove filter Review status/ }).focus();
  await page.keyboard.press('Enter');
  await expect(status).toHaveValue('');
  await expect(chips.getByRole('button', { name: /^Remove filter Decision/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(decision).toHaveValue('');
  await expect(search).toBeFocused();

  // No case matches: the list's own "Clear filters" hands focus to the list, which shows every case again.
  await status.selectOption('reviewed');
  const grid = page.getByRole('grid', { name: 'Cases' });
  await grid.getByRole('button', { name: 'Clear filters' }).focus();
  await page.keyboard.press('Enter');
  await expect(status).toHaveValue('');
  await expect(grid).toBeFocused();

  // Deleting the last item: focus goes to the first field of the item before it.
  const fields = page.getByRole('region', { name: 'Extracted fields' });
  await fields.getByRole('button', { name: 'Delete item 5' }).focus();
  await page.keyboard.press('Enter');
  const prompt = page.getByRole('dialog', { name: 'Delete item 5?' });
  await prompt.getByLabel('Reason for deleting').fill('Not a disputed item in this letter');
  await prompt.getByRole('button', { name: 'Delete item' }).press('Enter');
  await expect(fields.getByRole('article', { name: 'Item 5' })).toHaveCount(0);
  await expect(fields.getByRole('article', { name: 'Item 4' }).getByLabel('Treatment', { exact: true })).toBeFocused();
});

/** The focused element, named for a failure message; "body" when focus fell to the page. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement) return 'body';
    const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '';
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${name}"`;
  });
}

/**
 * Presses Tab (Shift+Tab with `back`) until `target` has focus, at most `max` times; fails, with the way focus went,
 * if it falls to the page on the way or never gets there (trapped, or the target is not in the tab order).
 */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, back = false, max = 60): Promise<void> {
  const trail: string[] = [];
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const name = await focusedName(page);
    trail.push(name);
    expect(name, `focus fell to the page after: ${trail.join(' → ')}`).not.toBe('body');
  }
  throw new Error(`never reached ${String(target)}: ${trail.join(' → ')}`);
}

/** Focus is on an element, not fallen to the page. */
async function expectFocusKept(page: Page, where: string): Promise<void> {
  expect(await focusedName(page), `focus after ${where}`).not.toBe('body');
}

test('the main flow with Tab, Shift+Tab, Enter and Escape only: focus never falls to the page nor gets trapped', async ({
  app: page,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const bar = page.locator('header.toolbar');
  const importButton = bar.getByRole('button', { name: 'Import…' });

  // The Import menu: opened with Enter, closed with Escape, focus back on its button.
  await page.locator('body').focus();
  await tabTo(page, importButton);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu', { name: 'Import' }).getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(importButton).toBeFocused();

  // The samples, loaded from the start page: focus stays while they import and then goes to the list.
  await tabTo(page, page.getByRole('button', { name: 'Load the sample letters' }));
  await page.keyboard.press('Enter');
  await expectFocusKept(page, 'starting the import');
  const grid = page.getByRole('grid', { name: 'Cases' });
  await expect(grid.locator('[data-case-id]')).toHaveCount(8, { timeout: 45_000 });
  await expect(grid).toBeFocused();

  // A case opened from the list with Enter; its fields reached with Tab.
  await page.keyboard.press('Enter');
  const fields = page.getByRole('region', { name: 'Extracted fields' });
  await expect(fields.getByRole('heading', { level: 1 })).toBeVisible();
  await expectFocusKept(page, 'opening a case');
  const decisionDate = fields.getByLabel('Decision date', { exact: true });
  await tabTo(page, decisionDate);
  // One corrected: typed, saved with Enter.
  await page.keyboard.press('Control+a');
  await page.keyboard.type('2017-03-05');
  await page.keyboard.press('Enter');
  await expect(fields.locator('[data-field="decisionDate"] [data-corrected]')).toBeVisible();
  await expectFocusKept(page, 'saving a field');
  // Undone from the top bar, reached with Shift+Tab: focus stays on Undo.
  const undo = bar.getByRole('button', { name: 'Undo', exact: true });
  await tabTo(page, undo, true, 120);
  await page.keyboard.press('Enter');
  await expect(fields.locator('[data-field="decisionDate"] [data-corrected]')).toHaveCount(0);
  await expect(undo).toBeFocused();

  // The history, opened and closed from its button.
  const historyButton = bar.getByRole('button', { name: 'History', exact: true });
  await tabTo(page, historyButton);
  await page.keyboard.press('Enter');
  const history = page.getByRole('complementary', { name: 'History' });
  await expect(history).toBeVisible();
  await expect(historyButton).toBeFocused();
  await tabTo(page, history.getByLabel('Add a note'), false, 150);
  // Its close button is before the note box (in its head): Shift+Tab.
  await tabTo(page, history.getByRole('button', { name: 'Close history' }), true);
  await page.keyboard.press('Enter');
  await expect(history).toBeHidden();
  await expect(historyButton).toBeFocused();

  // The export dialog: focus inside it, kept there by Tab, back on its button after Escape.
  const exportButton = bar.getByRole('button', { name: 'Export…' });
  await tabTo(page, exportButton, true);
  await page.keyboard.press('Enter');
  const exportDialog = page.getByRole('dialog', { name: 'Export cases' });
  await expect(exportDialog).toBeVisible();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
    expect(await exportDialog.evaluate((el) => el.contains(document.activeElement)), `Tab ${i + 1}`).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(exportDialog).toBeHidden();
  await expect(exportButton).toBeFocused();

  // Analytics and back, from its button; the view's own controls reached with Tab.
  const analytics = bar.getByRole('button', { name: 'Analytics' });
  await tabTo(page, analytics);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Analytics', level: 1 })).toBeVisible();
  await expect(analytics).toBeFocused();
  await tabTo(page, page.getByRole('combobox', { name: /Break down by/ }));
  await tabTo(page, analytics, true);
  await page.keyboard.press('Enter');
  await expect(grid).toBeVisible();
  await expect(analytics).toBeFocused();

  // Settings, and from it the integrity dialog; Escape from each leaves focus on the page's controls.
  const settings = bar.getByRole('button', { name: 'Settings', exact: true });
  await tabTo(page, settings);
  await page.keyboard.press('Enter');
  const settingsDialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(settingsDialog).toBeVisible();
  await tabTo(page, settingsDialog.getByRole('button', { name: 'Check workspace integrity…' }));
  await page.keyboard.press('Enter');
  const integrity = page.getByRole('dialog', { name: 'Workspace integrity' });
  await expect(integrity).toBeVisible();
  expect(await integrity.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(integrity).toBeHidden();
  await expect(settings).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(settingsDialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(settingsDialog).toBeHidden();
  await expect(settings).toBeFocused();
  await screenshot(page, 'keyboard-walk-1280');
});
