/**
 * The names an export writes, apart from the writers so the Electron main
 * process can grant exactly these paths without loading the spreadsheet code.
 */
import path from 'node:path';

/** Sibling CSV files for `allTables`: report.csv → report-cases.csv, report-corrections.csv. */
export function csvSiblingPaths(itemsPath: string): { cases: string; corrections: string } {
  const ext = path.extname(itemsPath);
  const stem = ext.toLowerCase() === '.csv' ? itemsPath.slice(0, -ext.length) : itemsPath;
  return { cases: `${stem}-cases.csv`, corrections: `${stem}-corrections.csv` };
}

/** Every file an export to `outPath` writes, the main one first. */
export function exportFilePaths(outPath: string, options: { format: 'xlsx' | 'csv'; allTables?: boolean }): string[] {
  if (options.format !== 'csv' || !options.allTables) return [outPath];
  const siblings = csvSiblingPaths(outPath);
  return [outPath, siblings.cases, siblings.corrections];
}

/** "imr-export-2026-11-23_15-40-05.xlsx" in `dir`: sortable, no characters any file system refuses. */
export function timestampedExportPath(dir: string, format: 'xlsx' | 'csv', now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace('T', '_').replaceAll(':', '-');
  return path.join(dir, `imr-export-${stamp}.${format}`);
}
