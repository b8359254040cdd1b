import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { XlsxWorkbookFile } from '../../../backend/export/xlsx';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-xlsx-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('XlsxWorkbookFile', () => {
  it('streams many rows with typed cells, mixed kinds in one column keeping their own formats', async () => {
    const file = path.join(dir, 'out.xlsx');
    const book = new XlsxWorkbookFile(file, { creator: 'test', created: new Date() });
    const table = book.addTable('Data', [
      { header: 'Name', kind: 'text', width: 10 },
      { header: 'When', kind: 'date', width: 12 },
      { header: 'Count', kind: 'integer', width: 8 },
      { header: 'Notes', kind: 'longText', width: 30 },
    ]);
    const rows = 5_000;
    for (let i = 0; i < rows; i++) {
      table.add([
        `row ${i}`,
        i % 2 ? new Date(Date.UTC(2016, 0, 1 + (i % 28))) : 'unknown',
        -i,
        i === 0 ? null : 'word '.repeat(40),
      ]);
      await table.breathe();
    }
    await table.close();
    await book.addKeyValueSheet('About', [
      ['When', new Date(Date.UTC(2026, 0, 2, 3, 4, 5))],
      ['How many', rows],
    ]);
    await book.finish();

    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(file);
    const data = read.getWorksheet('Data')!;
    expect(data.rowCount).toBe(rows + 1);
    expect(data.getCell('B3').value).toEqual(new Date(Date.UTC(2016, 0, 2)));
    expect(data.getCell('B3').numFmt).toBe('yyyy-mm-dd');
    expect(data.getCell('B2').value).toBe('unknown');
    expect(data.getCell('C3').value).toBe(-1);
    expect(data.getCell('C3').type).toBe(ExcelJS.ValueType.Number);
    expect(data.getCell('D2').value).toBeNull();
    expect(data.getCell('D3').alignment?.wrapText).toBe(true);
    expect(data.getRow(3).height).toBeGreaterThan(15); // wrapped text gets a few lines
    expect(data.getRow(3).height).toBeLessThanOrEqual(60);

    const about = read.getWorksheet('About')!;
    expect(about.getCell('B2').value).toEqual(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)));
    expect(about.getCell('B3').value).toBe(rows);
    expect(about.getCell('B3').type).toBe(ExcelJS.ValueType.Number);
    expect(about.getCell('B3').numFmt ?? 'General').not.toMatch(/y/); // not the date format of the cell above
  });

  it('continues a table past the sheet row limit on "<name> (2)" with the same header', async () => {
    const file = path.join(dir, 'long.xlsx');
    const book = new XlsxWorkbookFile(file, { creator: 'test', created: new Date(), maxRowsPerSheet: 3 });
    const table = book.addTable('Items', [{ header: 'N', kind: 'integer', width: 6 }]);
    for (let i = 1; i <= 7; i++) table.add([i]);
    await table.close();
    expect(book.sheetNames).toEqual(['Items', 'Items (2)', 'Items (3)']);
    await book.finish();

    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(file);
    const values = read.worksheets.map((s) =>
      s
        .getSheetValues()
        .slice(1)
        .map((r) => (r as unknown[])[1]),
    );
    expect(values).toEqual([
      ['N', 1, 2, 3],
      ['N', 4, 5, 6],
      ['N', 7],
    ]);
    expect(read.worksheets.map((s) => s.views[0])).toEqual(
      Array(3).fill(expect.objectContaining({ state: 'frozen', ySplit: 1 })),
    );
  });

  it('abort closes the file so the caller can delete it', async () => {
    const file = path.join(dir, 'aborted.xlsx');
    const book = new XlsxWorkbookFile(file, { creator: 'test', created: new Date() });
    const table = book.addTable('Data', [{ header: 'A', kind: 'text', width: 10 }]);
    table.add(['x']);
    await book.abort();
    fs.rmSync(file, { force: true });
    expect(fs.existsSync(file)).toBe(false);
  });
});
