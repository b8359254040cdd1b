/**
 * Files that appear under their final name only when complete.
 *
 * Every export is written to a hidden temporary file in the target's own
 * folder (same file system, so the final rename is atomic) and renamed into
 * place once fully written and flushed. A crash, a cancel or a failure leaves
 * either the previous file or nothing under the chosen name — never half a
 * workbook an analyst might open without noticing.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface PendingFile {
  /** Where the content is being written now. */
  readonly tempPath: string;
  /** Where it will be once committed. */
  readonly finalPath: string;
}

/**
 * Where temporary files are noted while they exist, so a process killed in
 * the middle of an export has its `.partial` files removed at the next
 * start-up (backend/service/partial-journal.ts).
 */
export interface PartialJournal {
  add(tempPaths: readonly string[]): void;
  remove(tempPaths: readonly string[]): void;
}

/** Exports hold patient data: only the user may read them, whatever the umask. */
const EXPORT_FILE_MODE = 0o600;

/** The temporary files' names: `.<name>.<12 hex>.partial`, beside the target. */
export const PARTIAL_NAME = /^\..+\.[0-9a-f]{12}\.partial$/;

export function pendingFile(finalPath: string): PendingFile {
  const dir = path.dirname(finalPath);
  const tempPath = path.join(dir, `.${path.basename(finalPath)}.${randomBytes(6).toString('hex')}.partial`);
  return { tempPath, finalPath };
}

/** Flushes the written bytes to disk so the rename never exposes an empty file after a power cut. */
function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function commitFiles(files: readonly PendingFile[]): void {
  for (const file of files) fsyncFile(file.tempPath);
  for (const file of files) fs.renameSync(file.tempPath, file.finalPath);
}

export function discardFiles(files: readonly PendingFile[]): void {
  for (const file of files) fs.rmSync(file.tempPath, { force: true });
}

/**
 * Runs `write` against temporary files (created empty, owner-only) and renames
 * them all into place only if it succeeds; otherwise deletes them and
 * rethrows. The journal, when given, knows the temporary files while they exist.
 */
export async function writeAtomically<T>(
  finalPaths: readonly string[],
  write: (tempPaths: string[]) => Promise<T>,
  journal?: PartialJournal,
): Promise<T> {
  const files = finalPaths.map(pendingFile);
  const temps = files.map((f) => f.tempPath);
  journal?.add(temps);
  try {
    // Created here with their mode; the writers then open them for writing and keep it.
    for (const file of files) fs.writeFileSync(file.tempPath, '', { flag: 'wx', mode: EXPORT_FILE_MODE });
    const result = await write(temps);
    commitFiles(files);
    return result;
  } catch (err) {
    discardFiles(files);
    throw err;
  } finally {
    journal?.remove(temps);
  }
}
