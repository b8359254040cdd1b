import type Database from 'better-sqlite3';
import { statement } from './statements';

/**
 * `case_values` (migration 009): each case's items counted per breakdown value, so a breakdown under case
 * conditions only (or none) reads one row per (value, case) instead of every item row twice. Derived from the
 * case's item rows (items, item_regions, item_guidelines), which must be written first; the same SQL as the
 * migration's, for one case. Medication groups regardless of capitals (`lower()`, ASCII only, as COLLATE NOCASE).
 */
const CASE_VALUES_OF_CASE = `INSERT INTO case_values
  SELECT 'category', category, NULL, case_id, COUNT(*), SUM(decision IS 'Upheld'), SUM(decision IS 'Overturned'),
    SUM(modified)
  FROM items WHERE case_id = @caseId GROUP BY category
  UNION ALL
  SELECT 'medication', COALESCE(lower(medication_name), ''), COALESCE(MAX(medication_name), ''), case_id, COUNT(*),
    SUM(decision IS 'Upheld'), SUM(decision IS 'Overturned'), SUM(modified)
  FROM items WHERE case_id = @caseId GROUP BY lower(medication_name)
  UNION ALL
  SELECT 'bodyRegion', region, NULL, case_id, COUNT(*), SUM(decision IS 'Upheld'), SUM(decision IS 'Overturned'),
    SUM(modified)
  FROM item_regions WHERE case_id = @caseId GROUP BY region
  UNION ALL
  SELECT 'guideline', source, NULL, case_id, COUNT(*), SUM(decision IS 'Upheld'), SUM(decision IS 'Overturned'),
    SUM(modified)
  FROM item_guidelines WHERE case_id = @caseId GROUP BY source`;

/** Rewrites a case's `case_values` rows from its item rows (inside the caller's transaction). */
export function writeCaseValues(db: Database.Database, caseId: number, existing: boolean): void {
  if (existing) statement(db, 'DELETE FROM case_values WHERE case_id = ?').run(caseId);
  statement(db, CASE_VALUES_OF_CASE).run({ caseId });
}
