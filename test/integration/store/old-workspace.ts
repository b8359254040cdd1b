/**
 * A workspace as an earlier version of the app wrote it, at a given schema
 * version, for migration tests (test/fixtures/workspaces/README.md). Versions
 * after 2 are the schema-2 file migrated forward by the migrations of the time.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../../../backend/store/database';

const SCHEMA_2 = path.resolve(import.meta.dirname, '../../fixtures/workspaces/schema-2.sqlite');

/** Copies the fixture to `file` at schema `version` (1 = before the audit trail: its tables removed). */
export function oldWorkspace(file: string, version: number): string {
  if (version < 1) throw new Error('version 0 is an empty file');
  fs.copyFileSync(SCHEMA_2, file);
  const db = new Database(file);
  try {
    db.pragma('foreign_keys = ON');
    db.pragma('journal_mode = WAL');
    if (version === 1) {
      db.exec(`
        DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;
        DROP TRIGGER audit_events_extend_chain; DROP TRIGGER audit_chain_head_follows_events;
        DROP TRIGGER audit_chain_head_no_delete; DROP TRIGGER audit_chain_head_single_row;
        DROP TABLE audit_events; DROP TABLE audit_chain_head;
      `);
      db.pragma('user_version = 1');
    } else if (version > 2) {
      migrate(db, 2, version);
    }
  } finally {
    db.close();
  }
  return file;
}

/** Cases in the fixture, and how many of them carry corrections. */
export const OLD_WORKSPACE = { cases: 7, correctedCases: 6 } as const;
