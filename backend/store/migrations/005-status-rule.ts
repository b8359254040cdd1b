import type Database from 'better-sqlite3';
import type { Migration } from './index';
import { CORRECTION_EVENT_TYPES } from '../../../shared/domain/case';

/**
 * The review-status rule of issue 15: a case with corrections in force and no
 * status set by a reviewer is "in review" (earlier versions left it "new").
 * The status in the case list is a projection of the letter and its
 * corrections, and `verify` checks the list against them, so a workspace
 * written before the rule would report every corrected case as changed
 * outside IMR Workbench. Nothing a reviewer did changes: no event is written
 * or rewritten; only the derived list is rebuilt.
 *
 * Working out a case's effective values needs the corrections module, which
 * the store does not call: the migration lists the cases that have any
 * correction event in `projection_pending`, and the opener's `reproject`
 * (backend/audit/reproject.ts) rebuilds them right after the migrations,
 * with the writing connection, on every writable open until the list is
 * empty (so an interrupted run is finished the next time).
 */
export const migration005StatusRule: Migration = {
  name: 'case list: status of corrected cases by the current rule',
  up(db: Database.Database) {
    db.exec(
      'CREATE TABLE IF NOT EXISTS projection_pending (case_id INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE)',
    );
    db.prepare(
      `INSERT OR IGNORE INTO projection_pending (case_id)
         SELECT DISTINCT case_id FROM audit_events
         WHERE case_id IS NOT NULL AND type IN (SELECT value FROM json_each(?))`,
    ).run(JSON.stringify(CORRECTION_EVENT_TYPES));
  },
};
