import type Database from 'better-sqlite3';
import { caseValuesRows } from './011-case-values-days';
import type { Migration } from './index';

/**
 * Each case's modified items split by decision (issue 17: every Analytics call under 300 ms after a filter change at
 * 100,000 cases): `upheld_modified` and `overturned_modified` beside `modified_items` on `cases` and on each
 * `case_values` row. With them a case's counts of the items a decision or modified condition selects (decision
 * Overturned, modified, Upheld and modified, no decision…) are arithmetic on its own row (analytics.ts
 * `splitCounts`), so such a filter — alone or with one item value (pharmacy + Upheld) and any case conditions — is
 * counted like a filter of case conditions: one pass over the cases' turnaround index and one range of `case_values`
 * per breakdown, instead of every item read to count each case's matching ones (`temp.matched_cases`) and two scans
 * of the item indexes per item breakdown ("Standard + modified": 220 ms of CPU at 100,000 cases, npm run bench --
 * analytics). The undecided items' share is what remains (`modified_items` minus both).
 *
 * Projection only, like the columns it splits: `cases` gets the two columns filled from its item rows, `case_values`
 * is rebuilt from the item rows with them (`caseValuesRows`, the one SQL definition; every write of a case stores
 * the same values from `projectionRows`, which `imr verify` compares them with), and the covering indexes the
 * figures read carry them.
 */
export const migration012ModifiedByDecision: Migration = {
  name: "modified items split by decision on each case's counts",
  up(db) {
    addCaseColumns(db);
    rebuildCaseValues(db);
  },
};

function addCaseColumns(db: Database.Database): void {
  db.exec(`
    ALTER TABLE cases ADD COLUMN upheld_modified INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE cases ADD COLUMN overturned_modified INTEGER NOT NULL DEFAULT 0;
    UPDATE cases SET (upheld_modified, overturned_modified) =
      (SELECT COALESCE(SUM(i.decision IS 'Upheld' AND i.modified), 0),
              COALESCE(SUM(i.decision IS 'Overturned' AND i.modified), 0)
       FROM items i WHERE i.case_id = cases.id)
    WHERE modified_items > 0;
    -- The cases' pass (totals, turnaround, month, priority) reads the split from its index alone.
    DROP INDEX cases_turnaround;
    CREATE INDEX cases_turnaround ON cases(turnaround_days, item_count, upheld, overturned, modified_items,
      upheld_modified, overturned_modified, decision_date, priority COLLATE NOCASE);
  `);
}

function rebuildCaseValues(db: Database.Database): void {
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
      -- The case's (cases.turnaround_days, cases.decision_date), copied (migration 011).
      turnaround_days INTEGER,
      decision_date TEXT,
      -- Of modified_items, the upheld and the overturned ones (this migration).
      upheld_modified INTEGER NOT NULL,
      overturned_modified INTEGER NOT NULL,
      PRIMARY KEY (case_id, dimension, value)
    ) WITHOUT ROWID;
    INSERT INTO case_values (dimension, value, label, case_id, item_count, upheld, overturned, modified_items,
      turnaround_days, decision_date, upheld_modified, overturned_modified) ${caseValuesRows('', true, true)};
    -- Built after the rows are in (one sort each rather than a B-tree insert per row).
    CREATE INDEX case_values_value ON case_values(dimension, value, case_id, item_count, upheld, overturned,
      modified_items, upheld_modified, overturned_modified, label, turnaround_days, decision_date);
    CREATE INDEX case_values_turnaround ON case_values(dimension, value, turnaround_days, item_count, upheld,
      overturned, modified_items, upheld_modified, overturned_modified, decision_date);
    CREATE INDEX case_values_day ON case_values(dimension, value, decision_date, item_count, upheld, overturned,
      modified_items, upheld_modified, overturned_modified, turnaround_days);
  `);
}
