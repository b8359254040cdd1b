/**
 * The files an export writes, named from the file the user chose. Part of the
 * contract: an export grant (Electron's save dialog) must list exactly these,
 * and the backend writes exactly these. Plain string work (no Node `path`), so
 * the desktop shell and the backend share one rule.
 */

/** Sibling CSV files for `allTables`: report.csv → report-cases.csv, report-corrections.csv. */
export function csvSiblingPaths(itemsPath: string): { cases: string; corrections: string } {
  const stem = itemsPath.toLowerCase().endsWith('.csv') ? itemsPath.slice(0, -'.csv'.length) : itemsPath;
  return { cases: `${stem}-cases.csv`, corrections: `${stem}-corrections.csv` };
}

/** Every file an export to `outPath` writes, the main one first. */
export function exportFilePaths(outPath: string, options: { format: 'xlsx' | 'csv'; allTables?: boolean }): string[] {
  if (options.format !== 'csv' || !options.allTables) return [outPath];
  const siblings = csvSiblingPaths(outPath);
  return [outPath, siblings.cases, siblings.corrections];
}
