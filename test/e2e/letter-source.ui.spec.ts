/**
 * A field's source on the PDF page: clicking a field draws a box over exactly
 * the value's characters (from the boxes the extractor kept), text selected on
 * the page maps back to the letter's own text, and a scanned letter read by
 * OCR shows its values marked OCR.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, dropFile, loadSamples, openCase, screenshot, PROJECT_ROOT } from './fixtures';

const CASE = 'CM16-0247802'; // sample letter; date of injury 11/02/2016 in the header block

async function openSampleCase(page: Page): Promise<void> {
  await loadSamples(page);
  await openCase(page, CASE);
  const letter = page.getByRole('region', { name: 'Letter' });
  await expect(letter.locator('.textLayer').first()).toContainText('Case Number');
  await pagesDrawn(letter);
}

/**
 * Waits until the pages are drawn at the zoom the letter pane shows (PdfView's aria-busy and data-drawn-scale):
 * the pane first draws at 100%, then again at the zoom that fits its width, replacing every page, so an element
 * found on the first drawing can be gone (a selection with it) by the time it is used.
 */
async function pagesDrawn(letter: Locator): Promise<void> {
  const fitWidth = letter.getByRole('button', { name: /^Fit width/ });
  const pages = letter.locator('.pdf-pages');
  await expect
    .poll(
      async () => {
        const shown = Number((await fitWidth.textContent())?.replace('%', ''));
        const [busy, drawn] = await Promise.all([
          pages.getAttribute('aria-busy'),
          pages.getAttribute('data-drawn-scale'),
        ]);
        return busy === 'false' && Math.round(Number(drawn) * 100) === shown;
      },
      { message: 'the pages drawn at the zoom shown' },
    )
    .toBe(true);
}

async function rect(locator: Locator) {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  return box!;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The source boxes, their pages and the text run of `value` on the box's page, measured in one frame once the
 * pages are drawn at the zoom the letter pane shows: not while a zoom or a fit redraws them (a box measured
 * before a redraw and its run after it belong to two drawings), and not before the box is drawn. Waits on
 * that state (PdfView's aria-busy and data-drawn-scale), never on time.
 */
async function settledBoxes(
  letter: Locator,
  value: RegExp | null,
): Promise<{ boxes: Rect[]; page: Rect; run: Rect | null }> {
  const fitWidth = letter.getByRole('button', { name: /^Fit width/ });
  let measured: { boxes: Rect[]; page: Rect; run: Rect | null } | null = null;
  await expect
    .poll(
      async () => {
        const percent = Number((await fitWidth.textContent())?.replace('%', ''));
        measured = await letter.locator('.pdf-pages').evaluate(
          (pages, { percent, source, flags }) => {
            const drawn = Number(pages.dataset.drawnScale);
            if (pages.getAttribute('aria-busy') !== 'false' || Math.round(drawn * 100) !== percent) return null;
            const boxes = [...pages.querySelectorAll<HTMLElement>('[data-testid="source-box"]')];
            const page = boxes[0]?.closest<HTMLElement>('.pdf-page');
            if (!page) return null;
            const rect = (el: Element) => {
              const r = el.getBoundingClientRect();
              return { x: r.x, y: r.y, width: r.width, height: r.height };
            };
            const pattern = source === null ? null : new RegExp(source, flags);
            const run = pattern
              ? [...page.querySelectorAll('.textLayer span')].find((span) => pattern.test(span.textContent ?? ''))
              : undefined;
            if (pattern && !run) return null;
            return { boxes: boxes.map(rect), page: rect(page), run: run ? rect(run) : null };
          },
          { percent, source: value?.source ?? null, flags: value?.flags ?? '' },
        );
        return measured !== null;
      },
      { message: 'the pages drawn at the shown zoom, with a source box' },
    )
    .toBe(true);
  return measured!;
}

test('clicking a field draws a box over exactly its value on the page', async ({ app: page }) => {
  await openSampleCase(page);
  const letter = page.getByRole('region', { name: 'Letter' });
  const fields = page.getByRole('region', { name: 'Extracted fields' });
  const date = /^\s*11\/02\/2016\s*$/;

  await fields.getByLabel('Date of injury', { exact: true }).click();
  const boxes = letter.getByTestId('source-box');
  await expect(boxes).toHaveCount(1);
  await expect(boxes.first()).toBeInViewport();
  // pdf.js draws the same PDF's text run for the value in its text layer: the box must sit on it,
  // as wide as the value (not the whole line or table cell), and no wider.
  const drawn = await settledBoxes(letter, date);
  expect(drawn.boxes).toHaveLength(1);
  const [box] = drawn.boxes as [Rect];
  const text = drawn.run!;
  expect(Math.abs(box.x - text.x)).toBeLessThan(3);
  expect(Math.abs(box.width - text.width)).toBeLessThan(4);
  expect(box.y).toBeLessThan(text.y + text.height / 2);
  expect(box.y + box.height).toBeGreaterThan(text.y + text.height / 2);
  expect(box.height).toBeLessThan(text.height * 2);
  await screenshot(page, 'source-box-date');

  // Zoomed in, the pages are drawn again and the box follows, still on the value. The fitted zoom
  // depends on the letter pane's width, so the check is that the zoom grew, not a fixed percentage.
  const fitWidth = letter.getByRole('button', { name: /^Fit width/ });
  const percent = async () => Number((await fitWidth.textContent())?.replace('%', ''));
  const fitted = await percent();
  await letter.getByRole('button', { name: 'Zoom in' }).click();
  await letter.getByRole('button', { name: 'Zoom in' }).click();
  await letter.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(percent).toBeGreaterThan(fitted * 1.2);
  await expect(boxes).toHaveCount(1);
  await expect(boxes.first()).toBeInViewport();
  const zoomed = await settledBoxes(letter, date);
  expect(zoomed.boxes).toHaveLength(1);
  const [zoomedBox] = zoomed.boxes as [Rect];
  const zoomedText = zoomed.run!;
  expect(zoomedBox.width).toBeGreaterThan(box.width * 1.2);
  expect(Math.abs(zoomedBox.x - zoomedText.x)).toBeLessThan(4);
  expect(Math.abs(zoomedBox.width - zoomedText.width)).toBeLessThan(6);
  await page.screenshot({
    path: 'test-results/screenshots/web-source-box-date-zoomed.png',
    clip: { x: zoomedBox.x - 260, y: zoomedBox.y - 60, width: 420, height: 140 },
  });
  await fitWidth.click();

  // A value on several lines gets a box per line, each within the page.
  await fields.getByLabel('Treatment', { exact: true }).first().click();
  await expect(boxes.first()).toBeVisible();
  const treatment = await settledBoxes(letter, null);
  for (const r of treatment.boxes) {
    expect(r.width).toBeGreaterThan(4);
    expect(r.x).toBeGreaterThanOrEqual(treatment.page.x);
    expect(r.x + r.width).toBeLessThanOrEqual(treatment.page.x + treatment.page.width);
  }
  await screenshot(page, 'source-box-treatment');

  // Another field replaces the boxes.
  await fields.getByLabel('Case number', { exact: true }).click();
  await expect(boxes).toHaveCount(1);
});

test('text selected on the page is offered for assignment as the letter reads it', async ({ app: page }) => {
  await openSampleCase(page);
  const letter = page.getByRole('region', { name: 'Letter' });
  const run = letter.locator('.textLayer span', { hasText: /^\s*11\/02\/2016\s*$/ }).first();
  await run.scrollIntoViewIfNeeded();
  // Select the run's text the way a drag would, then release the mouse over it.
  await run.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  });
  const r = await rect(run);
  await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
  await page.mouse.up();
  const popover = page.getByRole('dialog', { name: 'Assign selected text to a field' });
  await expect(popover).toBeVisible();
  await expect(popover).toContainText('“11/02/2016”');
});

test('a scanned letter is read by OCR: its values are marked OCR and boxed on the scan', async ({ app: page }) => {
  test.setTimeout(300_000); // two pages of OCR on a shared 2-core machine
  const scan = fs.readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/realworld/05-scanned-image-only.pdf'));
  await dropFile(page, 'faxed-letter.pdf', scan, 'application/pdf');
  const grid = page.getByRole('grid', { name: 'Cases' });
  const row = grid.getByRole('row').filter({ hasText: 'CM16-0232543' });
  await expect(row).toBeVisible({ timeout: 240_000 });
  await expect(row).toContainText('3 upheld');
  await row.click();

  const fields = page.getByRole('region', { name: 'Extracted fields' });
  await expect(fields.getByLabel('Case number', { exact: true })).toHaveValue('CM16-0232543');
  await expect(fields.getByText('Read by OCR')).toBeVisible();
  const caseNumber = fields.locator('[data-field="caseNumber"]');
  await expect(caseNumber.locator('[data-ocr]')).toHaveText('OCR');
  await expect(caseNumber.locator('[data-ocr]')).toHaveAttribute('title', /Read by OCR from a scanned page/);
  await expect(fields.locator('[data-field="items[0].decision"] [data-ocr]')).toBeVisible();

  // The scan has no text layer of its own: the box comes from the OCR'd words.
  await fields.getByLabel('Case number', { exact: true }).click();
  const letter = page.getByRole('region', { name: 'Letter' });
  await expect(letter.getByTestId('source-box')).toHaveCount(1);
  await expect(letter.getByTestId('source-box')).toBeInViewport();
  await screenshot(page, 'ocr-scanned-letter');
  const box = await rect(letter.getByTestId('source-box'));
  await page.screenshot({
    path: 'test-results/screenshots/web-ocr-source-box.png',
    clip: { x: box.x - 200, y: box.y - 40, width: 420, height: 110 },
  });
});
