/**
 * Playwright fixtures: every test gets its own workspace folder and database
 * and a page showing the real renderer, served by the browser host (default)
 * or the Electron app (IMR_E2E_HOST=electron).
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { isolatedEnv, startWebHostProcess, type WebHostProcess } from '../support/web-host';

export { isolatedEnv, startWebHostProcess, WEB_HOST_BIN, type WebHostProcess } from '../support/web-host';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOT_DIR = path.join(PROJECT_ROOT, 'test-results/screenshots');
export const HOST_KIND = process.env.IMR_E2E_HOST === 'electron' ? 'electron' : 'web';

export interface Workspace {
  dir: string;
  dbPath: string;
}

/** The browser host each `app` page was opened from (its access code is needed again after a reload). */
const hostOfPage = new WeakMap<Page, WebHostProcess>();

/** Signs in with the access code, as a reviewer does. */
export async function signIn(page: Page, accessCode: string): Promise<void> {
  await page.getByLabel('Access code').fill(accessCode);
  await page.getByRole('button', { name: 'Open the workbench' }).click();
  await expect(page.getByRole('button', { name: 'Open the workbench' })).toBeHidden();
  // The workspace is open (or could not be): the app's window-wide handlers (drop, shortcuts) are in place.
  await expect(page.locator('.app, .startup-error')).toBeVisible();
}

/** Opens the browser host in `page` and signs in. */
export async function openAndSignIn(page: Page, host: Pick<WebHostProcess, 'url' | 'accessCode'>): Promise<void> {
  await page.goto(host.url);
  await signIn(page, host.accessCode);
}

/** The browser host an `app` page was opened from (for a test that also talks to it over HTTP). */
export function hostOf(page: Page): WebHostProcess | undefined {
  return hostOfPage.get(page);
}

/** Reloads the app; in a browser the tab asks for the access code again (nothing is stored), so it is given. */
export async function reloadApp(page: Page): Promise<void> {
  await page.reload();
  const host = hostOfPage.get(page);
  if (host) await signIn(page, host.accessCode);
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Electron 45 downloads its binary on first use, not on install: check for it without requiring the package. */
export function electronBinaryAvailable(): boolean {
  const pkg = path.join(PROJECT_ROOT, 'node_modules/electron');
  try {
    return fs.existsSync(path.join(pkg, 'dist', fs.readFileSync(path.join(pkg, 'path.txt'), 'utf8').trim()));
  } catch {
    return false;
  }
}

/** Drops a file on the window, as a reviewer dragging it from the desktop would. */
export async function dropFile(page: Page, name: string, bytes: Buffer, type: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ base64, name, type }) => {
      const binary = atob(base64);
      const data = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name, { type }));
      return transfer;
    },
    { base64: bytes.toString('base64'), name, type },
  );
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
}

/** Loads the eight bundled sample letters from the empty workspace and waits until the list shows them all. */
export async function loadSamples(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Load the sample letters' }).click();
  await expect(page.getByRole('grid', { name: 'Cases' }).locator('[data-case-id]')).toHaveCount(8, { timeout: 45_000 });
}

/**
 * Sets the reviewer's name in Settings, as a reviewer does, and waits for the dialog to close. With `checkChip` (the
 * default) it also waits for the top bar's chip to name them — by its accessible name, matched exactly, so the chip of
 * the name before does not pass for it; a spec that checks the chip itself (its tooltip, an ellipsized name) passes
 * `{ checkChip: false }`.
 */
export async function setReviewer(page: Page, name: string, { checkChip = true } = {}): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Reviewer name').fill(name);
  await dialog.getByRole('button', { name: 'Save settings' }).click();
  await expect(dialog).toBeHidden();
  if (checkChip) await expect(page.getByRole('button', { name: `Reviewer: ${name}`, exact: true })).toBeVisible();
}

/**
 * Opens the case with this IMR case number from the list and waits for its fields. Where the list is folded to its
 * rail (by the reviewer, or by the history on a narrow window, as a reload that resumes a case with the history open
 * can show it) it is shown first, as a reviewer would.
 */
export async function openCase(page: Page, caseNumber: string): Promise<void> {
  const row = page.getByRole('grid', { name: 'Cases' }).getByRole('row').filter({ hasText: caseNumber });
  const rail = page.getByRole('button', { name: /^Show the case list/ });
  // The resumed case may open (and fold the list) after the list is drawn: until the row is clicked.
  await expect(async () => {
    if (await rail.isVisible()) await rail.click();
    await row.click({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  const fields = page.getByRole('region', { name: 'Extracted fields' });
  await expect(fields.getByLabel('Case number', { exact: true })).toHaveValue(caseNumber);
}

/**
 * Selects `needle` in the extracted-text view — its first occurrence inside the first occurrence of `context` (the
 * needle itself by default) — and releases the mouse there, as a reviewer selecting text to assign does.
 */
export async function selectInLetter(page: Page, needle: string, context: string = needle): Promise<void> {
  await page
    .getByRole('region', { name: 'Letter' })
    .locator('.text-letter')
    .evaluate(
      (el, { wanted, around }) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          const block = node.data.indexOf(around);
          if (block < 0) continue;
          const at = node.data.indexOf(wanted, block);
          if (at < 0 || at + wanted.length > block + around.length) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + wanted.length);
          const selection = window.getSelection()!;
          selection.removeAllRanges();
          selection.addRange(range);
          const rect = range.getBoundingClientRect();
          el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, clientX: rect.left, clientY: rect.bottom }));
          return;
        }
        throw new Error(`"${wanted}" in "${around}" is not in the letter`);
      },
      { wanted: needle, around: context },
    );
}

/** axe-core on the page (or the part `include` selects): no serious or critical violation, each named if there is. */
export async function expectNoSeriousA11yViolations(page: Page, screen: string, include?: string): Promise<void> {
  const builder = new AxeBuilder({ page });
  const results = await (include ? builder.include(include) : builder).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
  expect(serious, `accessibility violations on ${screen}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${HOST_KIND}-${name}.png`) });
}

export const test = base.extend<{ workspace: Workspace; app: Page }>({
  // Playwright requires an object pattern for the fixtures argument, even when unused.
  // eslint-disable-next-line no-empty-pattern
  workspace: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-e2e-'));
    await use({ dir, dbPath: path.join(dir, 'workspace.imr.sqlite') });
    fs.rmSync(dir, { recursive: true, force: true });
  },
  app: async ({ workspace, page, browser: _browser }, use, testInfo) => {
    if (HOST_KIND === 'electron') {
      testInfo.skip(
        !electronBinaryAvailable(),
        'Electron binary not installed on this machine (offline install); run these specs in Chromium with `npm run test:e2e`',
      );
      const { _electron } = await import('@playwright/test');
      const electronApp = await _electron.launch({
        args: [path.join(PROJECT_ROOT, 'dist-electron/main.cjs')],
        env: { ...isolatedEnv(workspace.dir), IMR_DB: workspace.dbPath } as Record<string, string>,
      });
      const window = await electronApp.firstWindow();
      await use(window);
      await electronApp.close();
      return;
    }
    const host = await startWebHostProcess(['--db', workspace.dbPath, '--port', '0'], workspace.dir);
    hostOfPage.set(page, host);
    await openAndSignIn(page, host);
    await use(page);
    await stopProcess(host.child);
  },
});

export { expect };
