import type Database from 'better-sqlite3';
import { openDatabase } from '../store/database';

/**
 * The connection an export reads through. A file workspace gets its own
 * read-only connection: the export's cursors then never block the app's writes
 * (better-sqlite3 refuses other statements on a connection with an open cursor),
 * and the export sees one consistent snapshot while reviewers keep working.
 * An in-memory workspace cannot be opened twice, so it shares `shared`.
 */
export function openExportConnection(
  shared: Database.Database,
  dbPath: string,
): { db: Database.Database; release(): void } {
  if (dbPath === ':memory:' || shared.memory) return { db: shared, release: () => undefined };
  const db = openDatabase(dbPath, { readonly: true });
  return { db, release: () => db.close() };
}
