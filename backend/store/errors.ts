/**
 * What a SQLite failure means for a reviewer. better-sqlite3 throws SqliteError
 * with SQLite's extended result code (`SQLITE_BUSY`, `SQLITE_CORRUPT_INDEX`…);
 * the service turns these into one readable line instead of "Internal error:
 * database disk image is malformed" (issue 12).
 */
import { errorText } from '../../shared/api/error-text';

export type StoreFailureKind = 'busy' | 'damaged' | 'full' | 'read-only' | 'cannot-open';

/** Recovery advice for a damaged workspace: what still works, and what to do. */
export const DAMAGED_ADVICE =
  'Export what can still be read (imr export, or Export in the app) and import the letters again into a new workspace.';

/** The kind of store failure an error is, or null for anything else (a bug, bad input). */
export function storeFailureKind(err: unknown): StoreFailureKind | null {
  const code = sqliteCode(err);
  if (!code) return null;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'damaged';
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_SHMSIZE') return 'full';
  if (code.startsWith('SQLITE_READONLY')) return 'read-only';
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_PERM') {
    return 'cannot-open';
  }
  return null;
}

/**
 * Whether SQLite could not read the file at that point (a damaged page, an I/O
 * error): verify reports it and export goes on without that part, where any
 * other error (in use, a bug) is thrown as usual.
 */
export function isUnreadable(err: unknown): boolean {
  const kind = storeFailureKind(err);
  return kind === 'damaged' || kind === 'cannot-open';
}

/** One line for a reviewer, or null when `err` is not a store failure. */
export function describeStoreFailure(err: unknown): string | null {
  const kind = storeFailureKind(err);
  const detail = errorText(err);
  switch (kind) {
    case 'busy':
      return 'The workspace is in use by another process; try again.';
    case 'damaged':
      return `The workspace file is damaged (SQLite: ${detail}). ${DAMAGED_ADVICE}`;
    case 'full':
      return 'The disk holding the workspace is full: free some space and try again. Nothing was changed.';
    case 'read-only':
      return 'The workspace is read-only here (read-only file, folder or disk): it can be read and exported, not changed.';
    case 'cannot-open':
      return `SQLite cannot use the workspace file (${detail}).`;
    default:
      return null;
  }
}

function sqliteCode(err: unknown): string | null {
  if (!(err instanceof Error)) return null;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

/** Thrown by openDatabase when a workspace cannot be opened as asked; the message is for the reviewer. */
export class WorkspaceOpenError extends Error {
  constructor(
    message: string,
    readonly kind: StoreFailureKind | 'missing' | 'unreadable-wal' | 'not-a-workspace',
  ) {
    super(message);
    this.name = 'WorkspaceOpenError';
  }
}
