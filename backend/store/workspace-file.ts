/**
 * Is this path a workspace file at all? Asked before SQLite touches it, so a
 * folder or a letter given where the workspace belongs (`imr list --db
 * letter.pdf`, a wrong pick in the app's Open dialog) is named for what it is
 * — instead of SQLite's "disk I/O error" or "file is not a database", which
 * read as a damaged workspace — and nothing is written or created.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { WORKSPACE_FILE_NAME } from '../runtime/user-dirs';
import { WorkspaceOpenError } from './errors';

/** The first 16 bytes of every SQLite 3 database file (https://sqlite.org/fileformat.html#the_database_header). */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** What a workspace is, for the messages below. */
const WORKSPACE_FILE = 'the .sqlite file IMR Workbench created';

/**
 * An empty (0-byte) file named as the workspace is a workspace not yet created, as an absent file is — the one
 * rule for every host (`imr`, the browser host's --db, the desktop app's Open workspace): `touch`, `mktemp` and
 * save dialogs make such a file for a program to fill, and it holds nothing to lose or to misread. So an open for
 * writing (imr import, the browser host, the app) creates the workspace in it; an open for reading (imr list,
 * verify, export…) refuses it naming the file and leaves it empty (refuseUncreated). A file that holds only zero
 * bytes is not empty: it is refused as no workspace (refuseNonWorkspacePath).
 */
export function isUncreatedWorkspace(target: string): boolean {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  return !stat || (stat.isFile() && stat.size === 0);
}

/** For a reading open: throws WorkspaceOpenError (kind 'missing') for an absent or empty file (isUncreatedWorkspace). */
export function refuseUncreated(file: string, target: string): void {
  if (!fs.existsSync(target)) throw new WorkspaceOpenError(`There is no workspace at ${file}.`, 'missing');
  if (isUncreatedWorkspace(target)) {
    throw new WorkspaceOpenError(`${file} is empty: no workspace has been created in it yet.`, 'missing');
  }
}

/**
 * Throws WorkspaceOpenError (kind 'not-a-workspace') when `file` ends in a path separator ("ws.sqlite/") or in "/."
 * ("ws.sqlite/.", same for the OS) and does not
 * name a folder. A trailing slash names a folder, to the OS and so to SQLite: POSIX resolves "ws.sqlite/" only to a
 * directory (open(2) fails with ENOTDIR on a file, EISDIR when asked to create one), Windows likewise. Node's
 * path.resolve drops the slash, so `imr import --db ws.sqlite/` created or filled ws.sqlite while `imr list` said
 * there was no workspace at ws.sqlite/. Refused as a mistake in what was given, in every host and for every open,
 * rather than read as ws.sqlite: the user may have meant a folder, and a workspace is never created where a folder
 * was asked for. An existing folder is left to refuseNonWorkspacePath ("is a folder; give the workspace file in it").
 * `file` is the path as given; `target` the resolved one.
 */
export function refuseFolderPath(file: string, target: string): void {
  // The last name: '' after a trailing slash, '.' in `ws.sqlite/.` — both name a folder to the OS (ENOTDIR on a
  // file), though path.resolve drops them and would name the file.
  const separators = path.sep === '\\' ? /[\\/]/ : /\//;
  const names = file.split(separators);
  const last = names[names.length - 1];
  if (names.length < 2 || (last !== '' && last !== '.')) return;
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (stat?.isDirectory()) return;
  const bare = file.replace(path.sep === '\\' ? /(?:[\\/]+\.?)+$/ : /(?:\/+\.?)+$/, '');
  const what = stat ? `but ${bare} is a file` : `and there is no folder ${bare}`;
  const [ending, it] = last === '' ? ['a slash', 'the slash'] : ['/.', 'the /.'];
  throw new WorkspaceOpenError(
    `${file} ends in ${ending}, which names a folder, ${what}; give the workspace file without ${it} (${bare}).`,
    'not-a-workspace',
  );
}

/**
 * Throws WorkspaceOpenError (kind 'not-a-workspace') when `target` is a folder
 * or a file that is not a SQLite database (a letter, text, only zero bytes). An absent or empty file passes: a
 * new workspace (isUncreatedWorkspace). Reads 16 bytes, more only of a file that starts with zeros; writes
 * nothing. `file` is the path as the user gave it (for the message).
 */
export function refuseNonWorkspacePath(file: string, target: string): void {
  refuseFolderPath(file, target);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return; // absent (created by a write open; refused as missing by a read open), or SQLite says why
  }
  if (stat.isDirectory()) {
    const inside = workspaceFilesIn(target).map((name) => path.join(file, name));
    const example = inside.length > 0 ? inside.join(' or ') : path.join(file, WORKSPACE_FILE_NAME);
    throw new WorkspaceOpenError(
      `${file} is a folder; give the workspace file in it (a .sqlite file, e.g. ${example}).`,
      'not-a-workspace',
    );
  }
  if (!stat.isFile()) {
    // /dev/null, a pipe: SQLite would open it as an empty database and every read would fail.
    throw new WorkspaceOpenError(
      `${file} is not a file (a device, pipe or socket); give the workspace file (${WORKSPACE_FILE}).`,
      'not-a-workspace',
    );
  }
  if (stat.size === 0) return;
  const header = headerOf(target);
  if (header === 'other') {
    throw new WorkspaceOpenError(
      `${file} is not an IMR Workbench workspace (it is not a SQLite database; a workspace is ${WORKSPACE_FILE}).`,
      'not-a-workspace',
    );
  }
  if (header === 'zeros' && onlyZeros(target)) {
    // `truncate -s`, fallocate, a copy that never got its data: SQLite would call it a damaged database.
    throw new WorkspaceOpenError(
      `${file} is not an IMR Workbench workspace (it holds only zero bytes, no data; a workspace is ${WORKSPACE_FILE}).`,
      'not-a-workspace',
    );
  }
}

/** What a file's chunks are compared against, 1 MiB at a time. */
const ZERO_CHUNK = Buffer.alloc(1024 * 1024);

/**
 * Whether the whole file is zero bytes. A workspace whose first page was wiped still has data after it (the next
 * page: SQLite's pages are 4 KiB here), so the scan of such a file stops within its first pages; only a file that
 * is zeros throughout is read to its end (sparse or not, sequentially, in 1 MiB reads).
 */
function onlyZeros(target: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(target, 'r');
    // Compared a chunk at a time with a zero buffer (memcmp): testing byte by byte took 35 s per GB, so a
    // `truncate -s 4G` file was refused only after minutes. A wiped workspace stops at its first non-zero page.
    const chunk = Buffer.alloc(ZERO_CHUNK.length);
    for (let position = 0; ; position += chunk.length) {
      const read = fs.readSync(fd, chunk, 0, chunk.length, position);
      if (read === 0) return true;
      if (!chunk.subarray(0, read).equals(ZERO_CHUNK.subarray(0, read))) return false;
    }
  } catch {
    return false; // unreadable here: SQLite opens it and says why
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Throws WorkspaceOpenError (kind 'missing') when the folder `target` would be in does not exist or is not a
 * folder: a new workspace FILE is created where it is asked for, never its folder, so a mistyped folder
 * (`imr import --db typo-dir/ws.sqlite`) is refused naming it instead of creating it. The one exception is the
 * app's own default workspace folder, which its hosts create (ensureDefaultWorkspaceFolder in runtime/user-dirs.ts).
 * `file` is the path as the user gave it (the folder is named in the same terms).
 */
export function refuseMissingFolder(file: string, target: string): void {
  refuseFolderPath(file, target);
  refuseBrokenLink(file, target);
  const stat = fs.statSync(path.dirname(target), { throwIfNoEntry: false });
  if (stat?.isDirectory()) return;
  const folder = path.dirname(file);
  throw new WorkspaceOpenError(
    stat
      ? `${folder} is not a folder, so there is no workspace ${file}.`
      : `There is no folder ${folder} for the workspace ${file}; create the folder first or give a workspace in an ` +
          'existing one (a new workspace file is created, its folder is not).',
    'missing',
  );
}

/**
 * Throws WorkspaceOpenError (kind 'missing') when `target` is a symbolic link to nothing: SQLite would create a
 * workspace wherever the link points — or fail with "unable to open database file" when that folder is gone (a
 * drive not mounted) — so a broken link is named as such, like a missing folder: a mistake in what was given.
 */
function refuseBrokenLink(file: string, target: string): void {
  let link: fs.Stats | undefined;
  try {
    link = fs.lstatSync(target);
  } catch {
    return; // nothing there (or its folder is a file): refuseMissingFolder says which
  }
  if (!link.isSymbolicLink()) return;
  let resolvedError: NodeJS.ErrnoException | undefined;
  try {
    fs.statSync(target);
    return;
  } catch (error) {
    resolvedError = error as NodeJS.ErrnoException;
  }
  let to: string;
  try {
    to = fs.readlinkSync(target);
  } catch {
    to = 'something that is not there';
  }
  // ELOOP: the links lead back to themselves (a → b → a); every link in it exists, so "does not exist" would
  // send the user looking for a file that is there.
  const why =
    resolvedError.code === 'ELOOP'
      ? 'which leads round a loop of symbolic links back to itself'
      : 'which does not exist';
  throw new WorkspaceOpenError(
    `${file} is a symbolic link to ${to}, ${why}; give the workspace file itself, or restore what ` +
      'the link points to (a workspace is never created through a broken link).',
    'missing',
  );
}

/**
 * Throws WorkspaceOpenError (kind 'not-a-workspace') for a SQLite database of
 * another program: no schema version of ours (user_version 0) and tables
 * already in it. A workspace at version 0 is always empty (each migration sets
 * the version in the transaction that creates its tables), so migrating such
 * a file would write IMR tables into someone else's database.
 */
export function refuseForeignDatabase(db: Database.Database, file: string, userVersion: number): void {
  if (userVersion !== 0) return;
  const objects = db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").pluck().get();
  if ((objects as number) === 0) return;
  throw new WorkspaceOpenError(
    `${file} is not an IMR Workbench workspace (it is a SQLite database of another program; a workspace is ` +
      `${WORKSPACE_FILE}).`,
    'not-a-workspace',
  );
}

/**
 * What the file starts with: SQLite's header; zeros (a workspace whose first
 * page was wiped is damaged, and SQLite's open says so); or something else (a
 * PDF, text, a spreadsheet). A file that cannot be read here counts as SQLite,
 * for SQLite to open and say why.
 */
function headerOf(target: string): 'sqlite' | 'zeros' | 'other' {
  let fd: number | undefined;
  try {
    fd = fs.openSync(target, 'r');
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    if (read === head.length && head.equals(SQLITE_HEADER)) return 'sqlite';
    return head.subarray(0, read).every((byte) => byte === 0) ? 'zeros' : 'other';
  } catch {
    return 'sqlite';
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Up to two workspace-looking files directly in `folder`, to suggest. */
function workspaceFilesIn(folder: string): string[] {
  try {
    return fs
      .readdirSync(folder)
      .filter((name) => /\.(sqlite|sqlite3|db)$/i.test(name))
      .sort()
      .slice(0, 2);
  } catch {
    return [];
  }
}
