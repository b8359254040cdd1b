/**
 * Spreadsheet export (issue 7): XLSX (Cases, Items, Corrections, About) and
 * CSV, effective values with the audit trail, written atomically.
 */
export {
  exportWorkbook,
  ExportCancelledError,
  APP_VERSION,
  type ExportWorkbookOptions,
  type WrittenExport,
  type ExportProgressSink,
} from './export-workbook';
export { csvSiblingPaths, exportFilePaths, timestampedExportPath } from './file-names';
export { openExportConnection } from './connection';
export { CASES_SHEET, ITEMS_SHEET, CORRECTIONS_SHEET, sheetColumns, type Column, type SheetSpec } from './columns';
export { neutralizeFormula } from './cells';
