/**
 * An import's progress as the host streams it (issue 15): events from the
 * start (0 of N) and the first letter in, counts that only go up and end at
 * the cases the list shows, a time left that settles (none before the pace is
 * known, 0 with the last letter in), and the report — where the samples
 * folder's README is left out quietly (no skip count, named in the details).
 * Asserted on the events and the page's state, never on how long anything took.
 */
import type { JobEvent } from '../../shared/domain/case';
import { EventStreamParser } from '../../shared/api/event-stream';
import { signInOverHttp } from '../support/web-host';
import { expect, expectNoSeriousA11yViolations, hostOf, screenshot, test } from './fixtures';

/** Reads the host's event stream over HTTP, as the page does, collecting job events until stopped. */
async function collectJobEvents(origin: string, accessCode: string) {
  const headers = await signInOverHttp(origin, accessCode);
  const controller = new AbortController();
  const response = await fetch(`${origin}/api/events`, { headers, signal: controller.signal });
  expect(response.status).toBe(200);
  const events: JobEvent[] = [];
  const reading = (async () => {
    const parser = new EventStreamParser();
    for await (const chunk of response.body!.pipeThrough(new TextDecoderStream())) {
      for (const event of parser.push(chunk)) if (event.type === 'job') events.push(event);
    }
  })().catch(() => undefined);
  return {
    events,
    stop: async () => {
      controller.abort();
      await reading;
    },
  };
}

test('an import reports progress from the first letter to counts that match the list, then its report', async ({
  app: page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const host = hostOf(page);
  test.skip(!host, 'the event stream is read from the browser host');
  const stream = await collectJobEvents(host!.origin, host!.accessCode);
  try {
    await page.getByRole('button', { name: 'Load the sample letters' }).click();
    const rows = page.getByRole('grid', { name: 'Cases' }).locator('[data-case-id]');
    await expect(rows).toHaveCount(8, { timeout: 45_000 });
    await expect.poll(() => stream.events.some((e) => e.phase !== 'running'), { timeout: 45_000 }).toBe(true);

    const events = stream.events;
    expect(new Set(events.map((e) => e.jobId)).size).toBe(1);
    expect(events.every((e) => e.kind === 'import')).toBe(true);
    const running = events.filter((e) => e.phase === 'running');
    // From the start (the job first, before its files are counted), then 0 of the 8 letters (the README is no
    // step of it), then the first letter in, told at once.
    expect(running[0]).toMatchObject({ done: 0, etaSeconds: null });
    expect(running.find((e) => e.total > 0)).toMatchObject({ done: 0, total: 8, etaSeconds: null });
    expect(running.map((e) => e.done)).toContain(1);
    // One letter is no pace yet: no time left is guessed from it.
    expect(running.find((e) => e.done === 1)?.etaSeconds).toBeNull();
    // Counts only go up, against a total that stays 8.
    for (let i = 1; i < running.length; i++) expect(running[i]!.done).toBeGreaterThanOrEqual(running[i - 1]!.done);
    expect(running.every((e) => (e.total === 8 && e.done <= 8) || (e.total === 0 && e.done === 0))).toBe(true);
    // Settled: with the last letter in, a rate and nothing left.
    expect(running.at(-1)).toMatchObject({ done: 8, total: 8, etaSeconds: 0 });
    expect(running.at(-1)!.rate).toBeGreaterThan(0);
    const end = events.at(-1)!;
    expect(end).toMatchObject({ phase: 'done', done: 8, total: 8, etaSeconds: null });
    expect(end.kind === 'import' && end.result).toMatchObject({ imported: 8, skipped: 1, rejected: 0 });

    // What the reviewer is told matches the list: 8 in, the README not counted as anything to think about.
    await expect(page.getByText('Import finished: 8 imported.', { exact: true })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('8 cases');

    await page.getByRole('button', { name: 'Import report' }).click();
    const report = page.getByRole('dialog', { name: 'Import report' });
    await expect(report.locator('.report-summary')).toHaveText('8 imported, of 8 letters.');
    await expect(report.getByText('Every letter was read.')).toBeVisible();
    await expect(report).not.toContainText('skipped');
    await report.getByText('1 other file was not a letter and left out').click();
    await expect(report.getByTitle(/README\.md$/)).toHaveText('README.md');
    await screenshot(page, 'import-report-samples-1280');
    await expectNoSeriousA11yViolations(page, 'the import report', '[role="dialog"]');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'import-report-samples-1920');
  } finally {
    await stream.stop();
  }
});
