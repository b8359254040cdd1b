import type Database from 'better-sqlite3';
import { createCaseValues } from './009-case-values';
import type { Migration } from './index';

/** The covering index of `case_values` in the layout by case (migration 009 as it stands). */
const BY_CASE_INDEX = 'case_values_value';

/**
 * Migration 009 was first landed with `case_values` stored by value
 * (PRIMARY KEY (dimension, value, case_id) and an index `case_values_case`)
 * and changed in place about 35 minutes later to the layout by case, which
 * filters selecting few cases need (commit 59b7dd9, 2026-12-01). A workspace
 * opened by a build of that window is at version 9 with the first layout, and
 * the analytics read `case_values_value`, which it lacks ("no such index").
 * This rebuilds the table there from the item rows, as 009 fills it; in every
 * other workspace it changes nothing. `case_values` is a projection (nothing
 * in the audit chain covers it), so dropping and refilling it loses nothing.
 */
export const migration010CaseValuesByCase: Migration = {
  name: 'case values: the layout by case where the first layout of 009 was taken',
  up(db) {
    if (hasIndex(db, BY_CASE_INDEX)) return;
    db.exec('DROP TABLE IF EXISTS case_values');
    createCaseValues(db);
  },
};

function hasIndex(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(name) !== undefined;
}
