/**
 * The turnaround figures read the same wherever a reviewer reads them: `imr stats`'s text, its JSON (what the
 * Analytics view is given and prints: test/e2e/analytics.ui.spec.ts) and the export's Turnaround sheet — days to
 * one decimal (turnaroundDays in shared/domain/analytics.ts). The samples' quartiles were 30.5 and 39.75 days.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { turnaroundDays, type AnalyticsResult } from '../../../shared/domain/analytics';
import { readWorkbook, sheetTable } from '../export/workspace';
import { PROJECT_ROOT, runImr } from './cli-helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-turnaround-'));
const db = path.join(tmp, 'ws.imr.sqlite');

beforeAll(() => {
  expect(runImr(['import', '--db', db, path.join(PROJECT_ROOT, 'samples')]).status).toBe(0);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

it('imr stats, its JSON and the Turnaround sheet give the same days, to one decimal', async () => {
  const t = runImr(['stats', '--db', db, '--by', 'category', '--json']).json<AnalyticsResult>().turnaround;
  expect(t).toMatchObject({ p25: 30.5, median: 34, p75: 39.8, p90: 41.5 });
  for (const figure of [t.p25, t.median, t.p75, t.p90, t.mean]) expect(turnaroundDays(figure!)).toBe(figure);

  const text = runImr(['stats', '--db', db, '--by', 'category']).stdout;
  expect(text).toContain(`median ${t.median} days, middle half ${t.p25}–${t.p75}, 90% within ${t.p90},`);

  const out = path.join(tmp, 'figures.xlsx');
  expect(runImr(['export', '--db', db, '--out', out, '--summary']).status).toBe(0);
  const sheet = sheetTable(await readWorkbook(out), 'Turnaround');
  const value = (property: string) =>
    sheet.cell(
      sheet.rows.find((row) => sheet.cell(row, 'Property').value === property)!,
      'Value',
    ).value;
  expect(
    ['25th percentile', 'Median', '75th percentile', '90th percentile', 'Mean'].map((property) => value(property)),
  ).toEqual([t.p25, t.median, t.p75, t.p90, t.mean]);
});
