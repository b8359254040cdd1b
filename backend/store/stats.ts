import type Database from 'better-sqlite3';
import type { Stats } from '../../shared/domain/case';
import { IS_CORRECTION_EVENT } from './audit-chain';

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
 * imported no longer counts. `corrections` counts reviewers' audit events
 * (every change, including notes and status changes; not the app's own import
 * and parse events), 0 before migration 002.
 */
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
    corrections: tableExists(db, AUDIT_EVENTS_TABLE)
      ? count(`SELECT COUNT(*) FROM ${AUDIT_EVENTS_TABLE} WHERE ${IS_CORRECTION_EVENT}`)
      : 0,
    upheld: count("SELECT COUNT(*) FROM items WHERE decision = 'Upheld'"),
    overturned: count("SELECT COUNT(*) FROM items WHERE decision = 'Overturned'"),
  };
}
