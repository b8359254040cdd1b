/**
 * The XLSX export's optional Summary and Turnaround sheets: the Analytics
 * figures for the export's filter, in the columns of the view's table and
 * `imr stats --csv`; refused where they cannot mean anything.
 */
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATS_COLUMNS, STATS_DIMENSIONS, type AnalyticsResult } from '../../../shared/domain/analytics';
import type { CaseFilter } from '../../../shared/api/contract';
import { ok, openImportedWorkspace, readWorkbook, runExport, sheetTable, type ExportWorkspace } from './workspace';

let ws: ExportWorkspace;
beforeAll(async () => {
  ws = await openImportedWorkspace();
}, 120_000);
afterAll(() => ws?.close());

async function figures(filter: CaseFilter): Promise<AnalyticsResult> {
  return ok(await ws.service.send('stats.analytics', { filter, by: [...STATS_DIMENSIONS], limit: 1000 }));
}

const cellValue = (cell: ExcelJS.Cell) => (cell.value === undefined ? null : cell.value);

describe('Summary sheet', () => {
  it.each([[{}], [{ decision: 'Upheld' } satisfies CaseFilter]])(
    'holds every breakdown of the export filter %j, first in the workbook',
    async (filter: CaseFilter) => {
      const file = path.join(ws.dir, `summary-${Object.keys(filter).length}.xlsx`);
      await runExport(ws, { format: 'xlsx', outPath: file, filter, summary: true });
      const workbook = await readWorkbook(file);
      expect(workbook.worksheets.map((s) => s.name)).toEqual([
        'Summary',
        'Turnaround',
        'Cases',
        'Items',
        'Corrections',
        'About',
      ]);
      const expected = await figures(filter);
      const summary = sheetTable(workbook, 'Summary');
      expect([...summary.headers.keys()]).toEqual(['Breakdown', ...STATS_COLUMNS.map((c) => c.header)]);
      const groups = [
        ['All', expected.totals] as const,
        ...expected.breakdowns.flatMap((b) => b.groups.map((g) => [b.label, g] as const)),
      ];
      expect(summary.rows).toHaveLength(groups.length);
      groups.forEach(([breakdown, group], i) => {
        const row = summary.rows[i]!;
        expect(summary.cell(row, 'Breakdown').value).toBe(breakdown);
        for (const column of STATS_COLUMNS) {
          expect([breakdown, column.header, cellValue(summary.cell(row, column.header))]).toEqual([
            breakdown,
            column.header,
            column.value(group),
          ]);
        }
      });
      // Rates are numbers shown as percentages.
      expect(summary.cell(summary.rows[0]!, 'Upheld rate').numFmt).toBe('0.0%');

      const turnaround = sheetTable(workbook, 'Turnaround');
      const entry = (key: string) => turnaround.rows.find((r) => r.getCell(1).value === key)?.getCell(2).value;
      expect(entry('Median')).toBe(expected.turnaround.median);
      expect(entry('Cases with both dates')).toBe(expected.turnaround.cases);
      const about = sheetTable(workbook, 'About');
      expect(about.rows.some((r) => String(r.getCell(2).value).includes('Wilson score intervals'))).toBe(true);
    },
  );

  it('is left out unless asked for', async () => {
    const file = path.join(ws.dir, 'plain.xlsx');
    await runExport(ws, { format: 'xlsx', outPath: file });
    expect((await readWorkbook(file)).worksheets.map((s) => s.name)).toEqual([
      'Cases',
      'Items',
      'Corrections',
      'About',
    ]);
  });

  it('is refused for CSV and for a hand-picked selection, with the reason', async () => {
    const csv = await ws.service.send('export.start', { format: 'csv', summary: true });
    expect(csv.ok || csv.error.message).toMatch(/part of an Excel export; for CSV use imr stats --csv/);
    const selection = await ws.service.send('export.start', { format: 'xlsx', summary: true, caseIds: [1, 2] });
    expect(selection.ok || selection.error.message).toMatch(/summarises a filter, not a selection/);
  });
});
