import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { describeStoreFailure, storeFailureKind, WorkspaceOpenError } from './errors';
import { MIGRATIONS } from './migrations';
import { refuseForeignDatabase, refuseMissingFolder, refuseNonWorkspacePath, refuseUncreated } from './workspace-file';

// Lets a read-only open fall back to `immutable=1` (see openForReading). better-sqlite3 reads this once,
// when its native addon loads at the first `new Database`. Workspace paths are always made absolute
// below, so no path is ever mistaken for a `file:` URI.
process.env.SQLITE_USE_URI ??= '1';

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

export interface OpenOptions {
  /**
   * Read only: never creates, migrates (unless that is possible and needed, see
   * openForReading) or writes anything, so a workspace on read-only media, in a
   * read-only folder, on a full disk or damaged can still be listed, verified
   * and exported.
   */
  readonly?: boolean;
  /**
   * Rebuilds the projections a migration could not (the cases it listed in
   * `projection_pending`: corrected cases need the corrections module, which
   * the store does not call). Run with the writing connection after every
   * writable open, so it also finishes what an interrupted run left; the
   * service passes backend/audit's `reprojectPendingCases`.
   */
  reproject?: (db: Database.Database) => void;
}

/**
 * Opens a workspace database. For writing (the default) it is created if
 * absent and brought up to date: each migration runs in its own transaction
 * together with the `user_version` bump, so a crash leaves the file at a clean
 * version. Throws NewerDatabaseError for a file written by a newer app (left
 * untouched) and WorkspaceOpenError with a reviewer-facing message when SQLite
 * cannot open the file as asked.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  return options.readonly ? openForReading(file, options) : openForWriting(file, options);
}

const nativeBinding = () => process.env.IMR_SQLITE_BINDING || undefined;
const resolve = (file: string) => (file === ':memory:' ? file : path.resolve(file));

function openForWriting(file: string, options: OpenOptions): Database.Database {
  const target = resolve(file);
  if (target !== ':memory:') {
    refuseNonWorkspacePath(file, target);
    refuseMissingFolder(file, target);
    refuseUnwritable(file, target);
    createOwnerOnly(target);
  }
  let db: Database.Database;
  try {
    // Electron's utility process loads a binary built for Electron's ABI (scripts/start.mjs).
    db = new Database(target, { nativeBinding: nativeBinding() });
  } catch (err) {
    throw openError(file, err);
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Checked before any pragma that writes (journal_mode), so a newer file is left byte-for-byte untouched.
    const found = db.pragma('user_version', { simple: true }) as number;
    if (found > SCHEMA_VERSION) throw new NewerDatabaseError(file, found);
    refuseForeignDatabase(db, file, found);
    db.pragma('foreign_keys = ON');
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; a power cut may
    // lose the last transactions but never corrupts or half-applies one.
    db.pragma('synchronous = NORMAL');
    useLargeCache(db);
    migrate(db, found);
    options.reproject?.(db);
    return db;
  } catch (err) {
    db.close();
    throw openError(file, err);
  }
}

/**
 * Read-only open. Three things stand in the way of simply passing `readonly`:
 *
 * - A WAL database needs its `-shm` index file. SQLite creates it if absent,
 *   which fails in a read-only folder or on a full disk ("unable to open
 *   database file", SQLITE_IOERR_SHMSIZE). Then, if there is no WAL content to
 *   read (no `-wal` file, or an empty one: the last connection closed
 *   cleanly), the file is opened with `immutable=1`, which reads the database
 *   file alone with no locks and no `-shm` (https://sqlite.org/uri.html). If the
 *   `-wal` file holds changes, immutable would silently miss them, so the open
 *   is refused with what to do instead.
 * - A workspace from an older app is migrated first when it can be written
 *   (as a writing open would); otherwise it is read at its own schema.
 * - A damaged file is opened as far as SQLite can read its schema, so `verify`
 *   can report what is wrong.
 */
function openForReading(file: string, options: OpenOptions): Database.Database {
  const target = resolve(file);
  if (target === ':memory:') throw new WorkspaceOpenError(`There is no workspace at ${file}.`, 'missing');
  refuseMissingFolder(file, target);
  refuseNonWorkspacePath(file, target);
  // Absent or empty: a workspace not yet created, and reading must not turn it into one (isUncreatedWorkspace).
  refuseUncreated(file, target);
  let db = tryReadOnly(target, target);
  if (db instanceof Error) {
    const kind = storeFailureKind(db);
    if (kind !== 'cannot-open' && kind !== 'full' && kind !== 'read-only') throw openError(file, db);
    if (walSize(target) > 0) {
      throw new WorkspaceOpenError(
        `The workspace ${file} has recent changes in its write-ahead log (${path.basename(target)}-wal) that SQLite ` +
          'cannot read here (read-only folder or full disk). Copy the workspace file together with its -wal file ' +
          'to a folder you can write to, and open the copy.',
        'unreadable-wal',
      );
    }
    db = tryReadOnly(target, `${pathToFileURL(target).href}?immutable=1`);
    if (db instanceof Error) throw openError(file, db);
    return db;
  }
  const found = db.pragma('user_version', { simple: true }) as number;
  try {
    refuseForeignDatabase(db, file, found);
  } catch (err) {
    db.close();
    throw err;
  }
  if (found < SCHEMA_VERSION) {
    try {
      openForWriting(target, options).close();
    } catch (err) {
      // Cannot be upgraded here (read-only, full, damaged, busy): read it as it is, and keep why for what needs
      // the upgrade (the analytics) to say so.
      NOT_UPGRADED.set(db, openError(file, err));
      return db;
    }
    db.close();
    const upgraded = tryReadOnly(target, target);
    if (upgraded instanceof Error) throw openError(file, upgraded);
    return upgraded;
  }
  return db;
}

/** Why a workspace opened for reading was left at its older schema (openForReading). */
const NOT_UPGRADED = new WeakMap<Database.Database, Error>();

/**
 * Why this connection's workspace is at an older schema than this app's: the error that stopped its upgrade when it
 * was opened for reading (a `WorkspaceOpenError` for a damaged, read-only, full or busy file), or null when it was
 * not left behind (or nothing is known).
 */
export function whyNotUpgraded(db: Database.Database): Error | null {
  return NOT_UPGRADED.get(db) ?? null;
}

/** A read-only connection that has read the schema, or the error that stopped it. */
function tryReadOnly(target: string, name: string): Database.Database | Error {
  let db: Database.Database;
  try {
    db = new Database(name, { readonly: true, fileMustExist: true, nativeBinding: nativeBinding() });
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Reading the schema opens the WAL index: this is where a read-only folder or a full disk fails.
    db.prepare('SELECT COUNT(*) FROM sqlite_master').pluck().get();
    const found = db.pragma('user_version', { simple: true }) as number;
    if (found > SCHEMA_VERSION) throw new NewerDatabaseError(target, found);
    db.pragma('foreign_keys = ON');
    useLargeCache(db);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof NewerDatabaseError) throw err;
    return err instanceof Error ? err : new Error(String(err));
  }
}

/**
 * 64 MiB page cache (SQLite's default is 2 MiB): a workspace of 100,000
 * letters is gigabytes. The list/filter indexes plus FTS segments touched by
 * an import stay hot, and so do the ~50 MB of covering indexes one Analytics
 * view reads (migration 008): with 32 MiB each view call read them from the
 * file again, 8–10 % more CPU (npm run bench -- analytics). The cache grows
 * only as pages are read. `mmap_size` was measured too: no better than this.
 * Larger (2026-12-01, the bench's 13 filters × 8 calls, sizes alternated call
 * by call, load 8–14): 32 / 64 / 192 MiB 114.9 / 109.7 / 103.3 ms CPU per call,
 * 64 / 128 / 192 MiB 95.1 / 92.0 / 89.6; the view's median call and the
 * slowest call unchanged. −6 % for up to +128 MiB resident per connection
 * (every size filled over the sequence) was not taken.
 */
function useLargeCache(db: Database.Database): void {
  db.pragma('cache_size = -65536');
}

/**
 * A new workspace is created owner-only whatever the umask: it holds medical
 * records. SQLite gives its -wal and -shm files the mode of the database file,
 * so they are owner-only too. An existing file keeps the mode its owner gave it.
 */
function createOwnerOnly(target: string): void {
  try {
    fs.writeFileSync(target, '', { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/**
 * SQLite opens a file it may not write read-only without saying so, and the
 * first write then fails; a workspace that cannot be written here (read-only
 * file, folder or disk) is refused up front instead, so the service can open
 * it for reading and say why it cannot be changed. A writable file needs a
 * writable folder too: SQLite creates its -wal and -shm files there.
 */
function refuseUnwritable(file: string, target: string): void {
  const folder = path.dirname(target);
  for (const [what, p] of [
    ['file', target],
    ['folder', folder],
  ] as const) {
    try {
      fs.accessSync(p, fs.constants.W_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue; // a new workspace: created below
      const why = code === 'EROFS' ? 'is on a read-only disk' : 'cannot be written';
      throw new WorkspaceOpenError(
        `The workspace ${what} ${what === 'file' ? file : folder} ${why}: the workspace can be read and exported, not changed.`,
        'read-only',
      );
    }
  }
}

function walSize(target: string): number {
  try {
    return fs.statSync(`${target}-wal`).size;
  } catch {
    return 0;
  }
}

function openError(file: string, err: unknown): Error {
  if (err instanceof NewerDatabaseError || err instanceof WorkspaceOpenError) return err;
  const kind = storeFailureKind(err);
  const message = describeStoreFailure(err);
  if (!kind || !message) return err instanceof Error ? err : new Error(String(err));
  return new WorkspaceOpenError(`Cannot open ${file}: ${message}`, kind);
}

/**
 * Applies migrations `from`+1 … latest. Exported for the per-migration tests.
 *
 * Foreign keys are off while a migration runs and checked before it commits,
 * as SQLite documents for changing a table (create the new one, copy, drop the
 * old, rename): with them on, dropping the old table checks the copy's
 * references to it (migration 003 failed on a workspace holding an undo). The
 * pragma does nothing inside a transaction, hence here.
 */
export function migrate(db: Database.Database, from: number, to: number = SCHEMA_VERSION): void {
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (let version = from + 1; version <= to; version++) {
      const migration = MIGRATIONS[version - 1];
      if (!migration) throw new Error(`missing migration ${version}`);
      db.transaction(() => {
        migration.up(db);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) {
          throw new Error(
            `migration ${version} (${migration.name}) would leave ${broken.length} broken references, ` +
              `e.g. ${JSON.stringify(broken[0])}`,
          );
        }
        db.pragma(`user_version = ${version}`);
      })();
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}
