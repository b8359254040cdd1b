import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';

export const SCHEMA_VERSION = MIGRATIONS.length;

export class NewerDatabaseError extends Error {
  constructor(file: string, found: number) {
    super(
      `The workspace ${file} was written by a newer IMR Workbench (schema ${found}, this app knows ${SCHEMA_VERSION}). ` +
        'Update the app to open it; nothing was changed.',
    );
    this.name = 'NewerDatabaseError';
  }
}

/**
 * Opens (creating if absent) a workspace database and brings its schema up to
 * date. Each migration runs in its own transaction together with the
 * `user_version` bump, so a crash leaves the file at a clean version.
 */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): Database.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    // Electron's utility process loads a binary built for Electron's ABI (scripts/start.mjs).
    nativeBinding: process.env.IMR_SQLITE_BINDING || undefined,
  });
  try {
    db.pragma('busy_timeout = 5000');
    // Checked before any pragma that writes (journal_mode), so a newer file is left byte-for-byte untouched.
    const found = db.pragma('user_version', { simple: true }) as number;
    if (found > SCHEMA_VERSION) throw new NewerDatabaseError(file, found);
    db.pragma('foreign_keys = ON');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // NORMAL is durable across application crashes in WAL mode; a power cut may
      // lose the last transactions but never corrupts or half-applies one.
      db.pragma('synchronous = NORMAL');
    }
    // 32 MiB page cache (SQLite's default is 2 MiB): a workspace of 100,000 letters is gigabytes,
    // and the list/filter indexes plus FTS segments touched by an import stay hot.
    db.pragma('cache_size = -32768');
    if (!options.readonly) migrate(db, found);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Applies migrations `from`+1 … latest. Exported for the per-migration tests. */
export function migrate(db: Database.Database, from: number, to: number = SCHEMA_VERSION): void {
  for (let version = from + 1; version <= to; version++) {
    const migration = MIGRATIONS[version - 1];
    if (!migration) throw new Error(`missing migration ${version}`);
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${version}`);
    })();
  }
}
