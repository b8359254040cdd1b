import type Database from 'better-sqlite3';
import type { Migration } from './index';

/**
 * The rows of `case_values` for the cases `where` selects (a WHERE on the item
 * rows' `case_id`, '' for every case): each case's items counted per
 * breakdown value (migration 009), and, with `days`, the case's turnaround
 * and decision day beside them (this migration). This migration fills the
 * table from it; every write of a case stores the same rows from
 * `projectionRows` (projection.ts, which `imr verify` compares them with), and
 * test/integration/analytics/case-values.test.ts checks after each kind of write
 * that the table still equals this definition. `days` is false only for
 * workspaces at versions 9–10 (tests that build one as those versions stored it).
 * With `split` (migration 012, which rebuilds the table from it; only with
 * `days`), each row also holds the upheld and the overturned among its
 * modified items, after the days.
 *
 * Medication groups regardless of capitals (`lower()`, ASCII only, as COLLATE
 * NOCASE); '' is a list's "none".
 */
export function caseValuesRows(where: string, days: boolean, split = false): string {
  const splitCounts = split
    ? `, SUM(decision IS 'Upheld' AND modified) AS upheld_modified,
    SUM(decision IS 'Overturned' AND modified) AS overturned_modified`
    : '';
  const counts = `COUNT(*) AS item_count, SUM(decision IS 'Upheld') AS upheld,
    SUM(decision IS 'Overturned') AS overturned, SUM(modified) AS modified_items${splitCounts}`;
  const rows = `
    SELECT 'category' AS dimension, category AS value, NULL AS label, case_id, ${counts}
    FROM items ${where} GROUP BY category, case_id
    UNION ALL
    SELECT 'medication', COALESCE(lower(medication_name), ''), COALESCE(MAX(medication_name), ''), case_id, ${counts}
    FROM items ${where} GROUP BY lower(medication_name), case_id
    UNION ALL
    SELECT 'bodyRegion', region, NULL, case_id, ${counts} FROM item_regions ${where} GROUP BY region, case_id
    UNION ALL
    SELECT 'guideline', source, NULL, case_id, ${counts} FROM item_guidelines ${where} GROUP BY source, case_id`;
  if (!days) return rows;
  return `SELECT v.dimension, v.value, v.label, v.case_id, v.item_count, v.upheld, v.overturned, v.modified_items,
      c.turnaround_days, c.decision_date${split ? ', v.upheld_modified, v.overturned_modified' : ''}
    FROM (${rows}) v JOIN cases c ON c.id = v.case_id`;
}

/**
 * The case's turnaround and decision day on its `case_values` rows (issue 17:
 * every Analytics call under 300 ms at 100,000 cases). Under a filter of one
 * item value (guideline ODG, no body region, a category) the totals,
 * turnaround and month trend joined each matching case to `cases` (one
 * B-tree search per case, 30–50 ms each at 100,000 cases), and a turnaround
 * or month range tested every `case_values` row a breakdown read against the
 * selected cases (one search per row). With the two columns:
 *
 * - `case_values_turnaround` (dimension, value, turnaround_days, counts) and
 *   `case_values_day` (dimension, value, decision_date, counts): a value's
 *   cases per turnaround day, or per decision day, are one range of an index,
 *   in the order the grouping needs (no sort, no join).
 * - `case_values_value` also carries both, so a turnaround or month range is
 *   a test of each row's own columns; each of the two indexes above carries
 *   the other day, so a month is tested on the turnaround's and the reverse.
 * - `cases_turnaround` also covers the decision day and priority: a
 *   turnaround range's month trend and priorities are its index range (they
 *   looked each case's row up).
 *
 * Projection only, like the rest of the table: rebuilt here from the item
 * rows and `cases` (the effective values), rewritten with each case.
 */
export const migration011CaseValuesDays: Migration = {
  name: "case values: each case's turnaround and decision day beside its counts",
  up(db) {
    createCaseValuesWithDays(db);
  },
};

function createCaseValuesWithDays(db: Database.Database): void {
  db.exec(`
    DROP TABLE IF EXISTS case_values;
    CREATE TABLE case_values (
      dimension TEXT NOT NULL CHECK (dimension IN ('category', 'medication', 'bodyRegion', 'guideline')),
      value TEXT NOT NULL,
      label TEXT,
      case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      item_count INTEGER NOT NULL,
      upheld INTEGER NOT NULL,
      overturned INTEGER NOT NULL,
      modified_items INTEGER NOT NULL,
      -- The case's (cases.turnaround_days, cases.decision_date), copied: the figures per day read them here.
      turnaround_days INTEGER,
      decision_date TEXT,
      PRIMARY KEY (case_id, dimension, value)
    ) WITHOUT ROWID;
    INSERT INTO case_values ${caseValuesRows('', true)};
    -- Built after the rows are in (one sort each rather than a B-tree insert per row).
    CREATE INDEX case_values_value ON case_values(dimension, value, case_id, item_count, upheld, overturned,
      modified_items, label, turnaround_days, decision_date);
    CREATE INDEX case_values_turnaround ON case_values(dimension, value, turnaround_days, item_count, upheld,
      overturned, modified_items, decision_date);
    CREATE INDEX case_values_day ON case_values(dimension, value, decision_date, item_count, upheld, overturned,
      modified_items, turnaround_days);
    -- A turnaround range's cases per decision day or priority from its index range alone (no row of the table).
    DROP INDEX cases_turnaround;
    CREATE INDEX cases_turnaround ON cases(turnaround_days, item_count, upheld, overturned, modified_items,
      decision_date, priority COLLATE NOCASE);
  `);
}
