/**
 * A real workspace for the export tests: letters imported through the real
 * importer (text seeds, a letter whose first item is a formula, two PDFs with
 * full header blocks) and corrected through the real corrections API.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { ApiInput, ApiResult, ExportResult } from '../../../shared/api/contract';
import type { ImportSummary } from '../../../shared/domain/case';
import { createService, type Service } from '../../../backend/service/service';

export const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
export const CORPUS = path.resolve(import.meta.dirname, '../../fixtures/corpus');
export const INJECTION_LETTER = path.join(FIXTURES, 'formula-injection-letter.txt');
export const REVIEWER = 'Dana Reviewer';

export interface ExportWorkspace {
  dir: string;
  dbPath: string;
  service: Service;
  close(): void;
}

export function ok<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A new, empty workspace in `dir` (removed with it on close). */
export function openWorkspaceIn(dir: string): ExportWorkspace {
  const dbPath = path.join(dir, 'workspace.sqlite');
  const service = createService({ dbPath, host: 'test', samplesDir: null, settingsPath: null });
  return {
    dir,
    dbPath,
    service,
    close() {
      service.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function openImportedWorkspace(): Promise<ExportWorkspace> {
  const ws = openWorkspaceIn(fs.mkdtempSync(path.join(os.tmpdir(), 'imr-export-')));
  const { service } = ws;
  const { jobId } = ok(
    await service.privileged.send('import.paths', {
      paths: [
        INJECTION_LETTER,
        path.join(CORPUS, 'seeds'),
        path.join(CORPUS, 'letters/CM16-0230651.pdf'),
        path.join(CORPUS, 'letters/CM16-0232182.pdf'),
      ],
    }),
  );
  const summary = (await service.waitForJob(jobId)) as ImportSummary;
  if (summary.imported !== 8) throw new Error(`fixture import: expected 8 letters, got ${JSON.stringify(summary)}`);
  return ws;
}

/** Id of the case imported from a file. */
export function caseIdOf(ws: ExportWorkspace, fileName: string): number {
  const id = ws.service.ctx.db
    .prepare('SELECT c.id FROM cases c JOIN documents d ON d.id = c.document_id WHERE d.file_name = ?')
    .pluck()
    .get(fileName) as number | undefined;
  if (id === undefined) throw new Error(`no case from ${fileName}`);
  return id;
}

/**
 * Starts an export and waits for its job: to `outPath` through the CLI's
 * privileged call, or without one through the renderer-facing API (a download).
 */
export async function runExport(
  ws: ExportWorkspace,
  options: ApiInput<'export.start'> & { outPath?: string; replace?: boolean },
): Promise<ExportResult> {
  const { outPath, replace, ...rest } = options;
  const started = outPath
    ? await ws.service.privileged.send('export.toFile', { ...rest, outPath, ...(replace ? { replace } : {}) })
    : await ws.service.send('export.start', rest);
  return (await ws.service.waitForJob(ok(started).jobId)) as ExportResult;
}

/** The paths an export wrote. */
export const writtenPaths = (result: ExportResult): (string | null)[] => result.files.map((f) => f.path);

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** A sheet as header → column number, and its data rows (row 2 on). */
export function sheetTable(workbook: ExcelJS.Workbook, name: string) {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const headers = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => headers.set(String(cell.value), col));
  const rows: ExcelJS.Row[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) rows.push(sheet.getRow(r));
  const cell = (row: ExcelJS.Row, header: string) => {
    const col = headers.get(header);
    if (col === undefined) throw new Error(`no column "${header}" in ${name}; have ${[...headers.keys()].join(', ')}`);
    return row.getCell(col);
  };
  return { sheet, headers, rows, cell };
}

/** Files in a folder other than the workspace database and its WAL/SHM companions. */
export function exportFilesIn(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => !f.startsWith('workspace.sqlite'))
    .sort();
}
