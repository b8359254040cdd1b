import type { Migration } from './index';

/**
 * The audit trail: corrections as an append-only, hash-chained event log.
 *
 * - `audit_events` rows are never changed or removed: triggers abort UPDATE and
 *   DELETE inside the database itself, whoever the client is.
 * - Each event's `hash` is sha256 over its content and `prev_hash` (the hash of
 *   the event before it, across all cases), see backend/audit/chain.ts. Triggers
 *   can be dropped by anyone with raw SQLite access, so the chain is what makes
 *   a rewritten or deleted event DETECTABLE (`imr verify`), not the triggers.
 * - `audit_chain_head` (one row) holds the event count and the last hash apart
 *   from the events, updated in the same transaction as each append, so that
 *   removing the newest events (which leaves a valid-looking shorter chain) is
 *   caught too. Triggers refuse inserts that do not extend the head and head
 *   updates that do not follow an insert.
 * - Event ids are assigned by the writer as head.event_count + 1, so a gap in
 *   the ids means a deleted event.
 */
export const migration002Audit: Migration = {
  name: 'audit trail: append-only hash-chained correction events',
  up(db) {
    db.exec(`
      CREATE TABLE audit_events (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        type TEXT NOT NULL CHECK (type IN ('set-field', 'add-item', 'delete-item', 'split-item', 'merge-items',
                                           'reorder-items', 'set-status', 'note', 'undo', 'redo')),
        -- "patientAge", "items[0].decision", "items[2]", "status"; null for notes.
        path TEXT,
        -- Canonical JSON (sorted keys) of the value before and after.
        old_value TEXT NOT NULL,
        new_value TEXT NOT NULL,
        -- Canonical JSON of the item identities acted on (backend/audit/model.ts EventTarget), or null.
        target TEXT,
        reviewer TEXT NOT NULL CHECK (length(reviewer) > 0),
        at TEXT NOT NULL,
        reason TEXT,
        target_event_id INTEGER REFERENCES audit_events(id),
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      );
      CREATE INDEX audit_events_case ON audit_events(case_id, id);

      CREATE TABLE audit_chain_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        event_count INTEGER NOT NULL,
        last_event_id INTEGER,
        last_hash TEXT NOT NULL
      );
      INSERT INTO audit_chain_head (id, event_count, last_event_id, last_hash)
        VALUES (1, 0, NULL, '0000000000000000000000000000000000000000000000000000000000000000');

      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      BEGIN
        SELECT RAISE(ABORT, 'the audit trail is append-only: audit events cannot be changed');
      END;
      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      BEGIN
        SELECT RAISE(ABORT, 'the audit trail is append-only: audit events cannot be deleted');
      END;
      CREATE TRIGGER audit_events_extend_chain BEFORE INSERT ON audit_events
      WHEN NEW.id IS NOT (SELECT event_count + 1 FROM audit_chain_head WHERE id = 1)
        OR NEW.prev_hash IS NOT (SELECT last_hash FROM audit_chain_head WHERE id = 1)
      BEGIN
        SELECT RAISE(ABORT, 'an audit event must extend the chain head (next id, previous hash)');
      END;
      CREATE TRIGGER audit_chain_head_follows_events BEFORE UPDATE ON audit_chain_head
      WHEN NEW.id IS NOT OLD.id
        OR NEW.event_count IS NOT OLD.event_count + 1
        OR NEW.last_event_id IS NOT NEW.event_count
        OR NEW.last_hash IS NOT (SELECT hash FROM audit_events WHERE id = NEW.last_event_id)
      BEGIN
        SELECT RAISE(ABORT, 'the audit chain head can only advance to the newest audit event');
      END;
      CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head
      BEGIN
        SELECT RAISE(ABORT, 'the audit chain head cannot be deleted');
      END;
      CREATE TRIGGER audit_chain_head_single_row BEFORE INSERT ON audit_chain_head
      BEGIN
        SELECT RAISE(ABORT, 'the audit chain head already exists');
      END;
    `);
  },
};
