/**
 * Files that appear under their final name only when complete.
 *
 * Every export is written to a hidden temporary file in the target's own
 * folder (same file system, so the final rename is atomic) and renamed into
 * place once fully written and flushed. A crash, a cancel or a failure leaves
 * either the previous file or nothing under the chosen name — never half a
 * workbook an analyst might open without noticing.
 *
 * When the user did not ask to replace a file (`imr export` without --force),
 * the final step does not replace one either: a file created under the chosen
 * name while the export ran is kept and the export fails (commitFiles).
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

/** A file appeared under a final name during the export, and the user had not asked to replace one: it is kept. */
export class FileAppearedError extends Error {
  constructor(readonly file: string) {
    super(
      `Cannot export to ${file}: a file of that name was created while the export ran; it is kept, and nothing was written`,
    );
    this.name = 'FileAppearedError';
  }
}

/** Errors of `link` that mean the file system has no hard links (FAT, exFAT, some network shares). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * Puts the temporary file under its final name without replacing a file there: a hard link, which the file system
 * refuses with EEXIST if the name is taken (atomically, unlike a check before a rename), then the temporary name is
 * removed. Where the file system has no hard links, the name is checked and the file renamed: that leaves the
 * instant between the two for a file to appear, where copying with COPYFILE_EXCL would leave none but could
 * leave half a file under the final name after a crash — which this module exists to prevent.
 */
function placeWithoutReplacing(file: PendingFile): void {
  try {
    fs.linkSync(file.tempPath, file.finalPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new FileAppearedError(file.finalPath);
    if (!code || !NO_HARD_LINKS.has(code)) throw err;
    if (fs.lstatSync(file.finalPath, { throwIfNoEntry: false })) throw new FileAppearedError(file.finalPath);
    fs.renameSync(file.tempPath, file.finalPath);
    return;
  }
  fs.rmSync(file.tempPath, { force: true });
}

/**
 * Puts every temporary file under its final name, flushed first. `replace`: whether a file already under a final
 * name may be replaced (the user asked for it, or chose the name in a save dialog that asked). Without it, a file
 * that appeared there is kept (FileAppearedError) and the files this commit already placed are taken back, so
 * either all or none are written.
 */
export function commitFiles(files: readonly PendingFile[], replace = true): void {
  for (const file of files) fsyncFile(file.tempPath);
  if (replace) {
    for (const file of files) fs.renameSync(file.tempPath, file.finalPath);
    return;
  }
  const placed: PendingFile[] = [];
  try {
    for (const file of files) {
      placeWithoutReplacing(file);
      placed.push(file);
    }
  } catch (err) {
    for (const file of placed) fs.rmSync(file.finalPath, { force: true });
    throw err;
  }
}

export function discardFiles(files: readonly PendingFile[]): void {
  for (const file of files) fs.rmSync(file.tempPath, { force: true });
}

/**
 * Runs `write` against temporary files (created empty, owner-only) and renames
 * them all into place only if it succeeds; otherwise deletes them and
 * rethrows. The journal, when given, knows the temporary files while they exist.
 * `replace` (default true) is commitFiles': false keeps a file that appeared
 * under a final name meanwhile and fails with FileAppearedError.
 */
export async function writeAtomically<T>(
  finalPaths: readonly string[],
  write: (tempPaths: string[]) => Promise<T>,
  options: { journal?: PartialJournal; replace?: boolean } = {},
): Promise<T> {
  const { journal, replace = true } = options;
  const files = finalPaths.map(pendingFile);
  const temps = files.map((f) => f.tempPath);
  journal?.add(temps);
  try {
    // Created here with their mode; the writers then open them for writing and keep it.
    for (const file of files) fs.writeFileSync(file.tempPath, '', { flag: 'wx', mode: EXPORT_FILE_MODE });
    const result = await write(temps);
    commitFiles(files, replace);
    return result;
  } catch (err) {
    discardFiles(files);
    throw err;
  } finally {
    journal?.remove(temps);
  }
}
