import type Database from 'better-sqlite3';
import { caseValuesRows } from './migrations/011-case-values-days';
import { statement } from './statements';

/**
 * `case_values` (migrations 009, 011): each case's items counted per breakdown value, with the case's turnaround
 * and decision day, so a breakdown under case conditions only (or none) reads one row per (value, case) instead of
 * every item row twice. Derived from the case's item rows (items, item_regions, item_guidelines) and its `cases`
 * row, which must be written first; the rows are migration 011's definition (caseValuesRows) for one case.
 */
const ofCase = (days: boolean) => `INSERT INTO case_values ${caseValuesRows('WHERE case_id = @caseId', days)}`;

/**
 * Rewrites a case's `case_values` rows from its item rows (inside the caller's transaction). `days`: the workspace
 * has migration 011's columns (false only for a workspace built as versions 9–10 stored it, in tests).
 */
export function writeCaseValues(db: Database.Database, caseId: number, existing: boolean, days = true): void {
  if (existing) statement(db, 'DELETE FROM case_values WHERE case_id = ?').run(caseId);
  statement(db, ofCase(days)).run({ caseId });
}
