import type Database from 'better-sqlite3';
import type { Migration } from './index';

/**
 * Each case's items counted per value (issue 17: any Analytics view under
 * 300 ms at 100,000 cases). A filter of case conditions only — a search, a
 * status, a month, a specialty — or none at all counted each breakdown from
 * its item rows, twice (the counts in (value, decision) order, the distinct
 * cases in (value, case) order: 500,000–735,000 index rows per breakdown at
 * 100,000 cases / 252,500 items, each tested against the selected cases).
 * `case_values` holds one row per (case, breakdown, value) with the case's
 * items of that value counted, so such a breakdown is one range of 150,000–
 * 180,000 rows of its covering index and a group's cases are its rows.
 *
 * - `dimension`: the breakdown (shared/domain/analytics.ts `StatsDimension`):
 *   'category' (items), 'medication' (items), 'bodyRegion' (item_regions),
 *   'guideline' (item_guidelines). '' in `value` is "none", as in the lists.
 * - Medication groups regardless of capitals (as the filter and the item-level
 *   breakdown do, `COLLATE NOCASE`, which folds ASCII letters only): `value`
 *   is `lower()` of the name (also ASCII only in SQLite's built-in), `label`
 *   one of its spellings (the greatest, as the item-level breakdown shows).
 *   Elsewhere `label` is NULL (the value is its own label; narrower rows).
 * - Counts as the case columns have them: items, upheld, overturned, modified.
 *
 * Projection only, rebuilt by `refreshCaseProjection` with the rest
 * (backend/store/projection.ts, the same counts for one case); filled here from
 * the item rows the earlier migrations keep (effective values). Shared with
 * migration 010, which rebuilds the table where a workspace took this
 * migration's first layout (stored by value; changed in place on 2026-12-01).
 */
export function createCaseValues(db: Database.Database): void {
  db.exec(`
      CREATE TABLE case_values (
        dimension TEXT NOT NULL CHECK (dimension IN ('category', 'medication', 'bodyRegion', 'guideline')),
        value TEXT NOT NULL,
        label TEXT,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        item_count INTEGER NOT NULL,
        upheld INTEGER NOT NULL,
        overturned INTEGER NOT NULL,
        modified_items INTEGER NOT NULL,
        PRIMARY KEY (case_id, dimension, value)
      ) WITHOUT ROWID;
      -- Stored by case (rewritten per case; a few selected cases are looked up one by one), read in value order
      -- through this covering index (a breakdown is one range of it).
      CREATE INDEX case_values_value ON case_values(dimension, value, case_id, item_count, upheld, overturned,
        modified_items, label);

      INSERT INTO case_values
        SELECT 'category', category, NULL, case_id, COUNT(*), SUM(decision IS 'Upheld'),
          SUM(decision IS 'Overturned'), SUM(modified)
        FROM items GROUP BY category, case_id;
      INSERT INTO case_values
        SELECT 'medication', COALESCE(lower(medication_name), ''), COALESCE(MAX(medication_name), ''), case_id,
          COUNT(*), SUM(decision IS 'Upheld'), SUM(decision IS 'Overturned'), SUM(modified)
        FROM items GROUP BY lower(medication_name), case_id;
      INSERT INTO case_values
        SELECT 'bodyRegion', region, NULL, case_id, COUNT(*), SUM(decision IS 'Upheld'),
          SUM(decision IS 'Overturned'), SUM(modified)
        FROM item_regions GROUP BY region, case_id;
      INSERT INTO case_values
        SELECT 'guideline', source, NULL, case_id, COUNT(*), SUM(decision IS 'Upheld'),
          SUM(decision IS 'Overturned'), SUM(modified)
        FROM item_guidelines GROUP BY source, case_id;
    `);
}

export const migration009CaseValues: Migration = {
  name: "case values: each case's items counted per breakdown value",
  up(db) {
    createCaseValues(db);
  },
};
