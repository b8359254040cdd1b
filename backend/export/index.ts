/**
 * Spreadsheet export (issue 7): XLSX (Cases, Items, Corrections, About) and
 * CSV, effective values with the audit trail, written atomically.
 */
export {
  exportWorkbook,
  ExportCancelledError,
  csvSiblingPaths,
  timestampedExportPath,
  APP_VERSION,
  type ExportWorkbookOptions,
  type ExportProgressSink,
} from './export-workbook';
export { openExportConnection } from './connection';
export { CASES_SHEET, ITEMS_SHEET, CORRECTIONS_SHEET, sheetColumns, type Column, type SheetSpec } from './columns';
export { neutralizeFormula } from './cells';
