import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../../shared/domain/case';
import { runImr } from '../hosts/cli-helpers';
import {
  CORPUS,
  ok,
  openWorkspaceIn,
  readWorkbook,
  REVIEWER,
  runExport,
  sheetTable,
  type ExportWorkspace,
} from './workspace';

/**
 * A letter with no disputed item read (a cover page, a letter cut off before
 * its items, or one whose items a reviewer deleted) has a row in the Cases
 * table and none in Items. A CSV of the items alone therefore holds fewer
 * cases than it says it exported: the result and its wording say how many.
 */
const SEED = path.join(CORPUS, 'seeds/000_241916b9f9685ced.txt');
const OTHER = path.join(CORPUS, 'seeds/001_f7c04554d3ec6a02.txt');

let ws: ExportWorkspace;
let noItems: number;
let twoItems: number;

const readCsv = (file: string) =>
  parse(fs.readFileSync(file), { bom: true, columns: true }) as Record<string, string>[];

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-no-items-'));
  // The seed letter up to its "IMR ISSUES, DECISIONS AND RATIONALES" heading: a letter with no item.
  const text = fs.readFileSync(SEED, 'utf8');
  const cut = path.join(dir, 'cut-before-items.txt');
  fs.writeFileSync(cut, text.slice(0, text.indexOf('IMR ISSUES, DECISIONS AND RATIONALES')));
  ws = openWorkspaceIn(dir);
  const { service } = ws;
  const { jobId } = ok(await service.privileged.send('import.paths', { paths: [cut, OTHER] }));
  expect(((await service.waitForJob(jobId)) as ImportSummary).imported).toBe(2);
  const rows = service.ctx.db.prepare('SELECT c.id, c.item_count AS items FROM cases c ORDER BY c.id').all() as {
    id: number;
    items: number;
  }[];
  expect(rows.map((r) => r.items)).toEqual([0, 2]);
  [noItems, twoItems] = rows.map((r) => r.id) as [number, number];
}, 120_000);

afterAll(() => ws?.close());

describe('cases without items in an export', () => {
  it('a CSV of the items alone counts the case it has no row for, and says so', async () => {
    const file = path.join(ws.dir, 'items.csv');
    const result = await runExport(ws, { format: 'csv', outPath: file });
    expect(result).toMatchObject({ cases: 2, items: 2, casesWithoutItems: 1, corrections: null });
    const caseIds = new Set(readCsv(file).map((r) => r['Case ID']));
    expect(caseIds).toEqual(new Set([String(twoItems)]));

    // Over the file just written: --force (imr export keeps an existing file without it).
    const cli = runImr(['export', '--db', ws.dbPath, '--out', file, '--force']);
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain(
      'Exported 2 items of 2 cases (the items table only: no corrections, and no row for the 1 case with no items)',
    );
    expect(cli.stdout).toContain('With --all-tables, the cases (one row each, with or without items)');
  });

  it('with --all-tables the Cases file has a row for it, Items 0', async () => {
    const file = path.join(ws.dir, 'all.csv');
    const result = await runExport(ws, { format: 'csv', outPath: file, allTables: true });
    expect(result.casesWithoutItems).toBe(1);
    const cases = readCsv(path.join(ws.dir, 'all-cases.csv'));
    expect(cases.map((r) => [r['Case ID'], r.Items])).toEqual([
      [String(noItems), '0'],
      [String(twoItems), '2'],
    ]);
  });

  it('counts effective items: a case whose items a reviewer deleted has no row either; XLSX About says how many', async () => {
    for (let i = 0; i < 2; i++) {
      ok(
        await ws.service.send('corrections.apply', {
          caseId: twoItems,
          reviewer: REVIEWER,
          reason: 'not items of this letter',
          change: { type: 'delete-item', index: 0 },
        }),
      );
    }
    const csv = await runExport(ws, { format: 'csv', outPath: path.join(ws.dir, 'none.csv') });
    expect(csv).toMatchObject({ cases: 2, items: 0, casesWithoutItems: 2 });
    expect(readCsv(path.join(ws.dir, 'none.csv'))).toEqual([]);

    const xlsx = path.join(ws.dir, 'book.xlsx');
    expect(await runExport(ws, { format: 'xlsx', outPath: xlsx })).toMatchObject({ cases: 2, casesWithoutItems: 2 });
    const about = sheetTable(await readWorkbook(xlsx), 'About');
    const row = about.rows.find((r) => r.getCell(1).value === 'Cases without items (a row in Cases, none in Items)');
    expect(row?.getCell(2).value).toBe(2);
  });
});
