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
 * Runs `write` against temporary files and renames them all into place only if
 * it succeeds; otherwise deletes them and rethrows.
 */
export async function writeAtomically<T>(
  finalPaths: readonly string[],
  write: (tempPaths: string[]) => Promise<T>,
): Promise<T> {
  const files = finalPaths.map(pendingFile);
  try {
    const result = await write(files.map((f) => f.tempPath));
    commitFiles(files);
    return result;
  } catch (err) {
    discardFiles(files);
    throw err;
  }
}
