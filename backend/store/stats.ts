import type Database from 'better-sqlite3';
import { VALUE_CHANGE_EVENT_TYPES, type Stats } from '../../shared/domain/case';
import { eventTypeIn } from './audit-chain';

/** Table the corrections module (migration 002) appends its events to. */
export const AUDIT_EVENTS_TABLE = 'audit_events';

export function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/**
 * Workspace totals for `imr stats` and the status bar.
 *
 * `rejected` counts FILES whose most recent import attempt was rejected: the
 * same bad file offered twice counts once, and a file that was fixed and then
 * imported no longer counts. `corrections` counts the reviewers' changes to
 * values and items that are in force: an undone change no longer counts (and
 * counts again when redone), and undo/redo, status changes, notes and
 * confirmations are never counted themselves (VALUE_CHANGE_EVENT_TYPES); 0
 * before migration 002. An event is in force when the latest undo or redo
 * naming it (target_event_id) is a redo, or there is none — the rule of
 * backend/audit/apply.ts undoStacks, which a test keeps equal to this.
 */
/** Value changes whose latest undo/redo (if any) is a redo; one pass over the log, no per-event lookup. */
const CHANGES_IN_FORCE = `
  WITH latest AS (
    SELECT target_event_id AS event_id, MAX(id) AS last_id FROM audit_events
     WHERE type IN ('undo', 'redo') GROUP BY target_event_id
  )
  SELECT COUNT(*) FROM audit_events e
    LEFT JOIN latest l ON l.event_id = e.id
    LEFT JOIN audit_events t ON t.id = l.last_id
   WHERE e.${eventTypeIn(VALUE_CHANGE_EVENT_TYPES)} AND (t.type IS NULL OR t.type = 'redo')`;

export function getStats(db: Database.Database): Stats {
  const count = (sql: string) => (db.prepare(sql).pluck().get() as number | null) ?? 0;
  return {
    documents: count('SELECT COUNT(*) FROM documents'),
    cases: count('SELECT COUNT(*) FROM cases'),
    items: count('SELECT COUNT(*) FROM items'),
    rejected: count(
      `SELECT COUNT(*) FROM import_outcomes o
       WHERE o.id = (SELECT MAX(id) FROM import_outcomes WHERE path = o.path) AND o.outcome = 'rejected'`,
    ),
    corrections: tableExists(db, AUDIT_EVENTS_TABLE) ? count(CHANGES_IN_FORCE) : 0,
    upheld: count("SELECT COUNT(*) FROM items WHERE decision = 'Upheld'"),
    overturned: count("SELECT COUNT(*) FROM items WHERE decision = 'Overturned'"),
  };
}
