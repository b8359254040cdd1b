import type { Migration } from './index';
import { PROTECTED_TRIGGERS } from './003-provenance';

/**
 * Per-field confirmation (issue 15) is an audit event, `verify-field`, that
 * the CHECK on `audit_events.type` (migration 003) did not list: every
 * "confirm this field" was refused by the database ("CHECK constraint
 * failed"). SQLite cannot alter a CHECK, so the table is rebuilt as 003 did,
 * with the one type added; rows are copied as they are (hashes cover the
 * stored text, which does not change), then its index and the protective
 * triggers (PROTECTED_TRIGGERS, which `imr verify` compares) are created again.
 */
export const migration007VerifyField: Migration = {
  name: 'verify-field: per-field confirmation accepted in the audit trail',
  up(db) {
    for (const name of Object.keys(PROTECTED_TRIGGERS)) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
    db.exec(`
      CREATE TABLE audit_events_v7 (
        id INTEGER PRIMARY KEY,
        -- Null only for a workspace event (migration).
        case_id INTEGER REFERENCES cases(id),
        type TEXT NOT NULL CHECK (type IN ('set-field', 'add-item', 'delete-item', 'split-item', 'merge-items',
                                           'reorder-items', 'set-status', 'note', 'verify-field', 'undo', 'redo',
                                           'import-letter', 'parse', 'migration')),
        path TEXT,
        old_value TEXT NOT NULL,
        new_value TEXT NOT NULL,
        target TEXT,
        reviewer TEXT NOT NULL CHECK (length(reviewer) > 0),
        at TEXT NOT NULL,
        reason TEXT,
        target_event_id INTEGER REFERENCES audit_events(id),
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        CHECK ((case_id IS NULL) = (type = 'migration'))
      );
      INSERT INTO audit_events_v7 (id, case_id, type, path, old_value, new_value, target, reviewer, at, reason,
          target_event_id, prev_hash, hash)
        SELECT id, case_id, type, path, old_value, new_value, target, reviewer, at, reason, target_event_id,
          prev_hash, hash
        FROM audit_events ORDER BY id;
      DROP TABLE audit_events;
      ALTER TABLE audit_events_v7 RENAME TO audit_events;
      CREATE INDEX audit_events_case ON audit_events(case_id, id);
    `);
    for (const sql of Object.values(PROTECTED_TRIGGERS)) db.exec(sql);
  },
};
