import fs from 'node:fs/promises';
import path from 'node:path';
import type { ImportOutcome } from '../../shared/domain/case';
import { isLetterFileName, LETTER_EXTENSIONS } from '../../shared/domain/letter-files';

export { isLetterFileName, LETTER_EXTENSIONS };

/** Why a file is skipped unread. */
export function notALetter(name: string): string {
  const ext = path.extname(name);
  return `not a letter file${ext ? ` (${ext})` : ''}: only .pdf, .txt and .text files are imported`;
}

/** A file the importer will read. */
export interface Candidate {
  path: string;
  size: number;
}

export interface Collected {
  candidates: Candidate[];
  /** Paths settled without reading them: skipped (not a letter file) or rejected (cannot be read). */
  settled: ImportOutcome[];
}

const settle = (p: string, outcome: 'skipped' | 'rejected', reason: string): ImportOutcome => ({
  path: p,
  outcome,
  reason,
  caseId: null,
  documentId: null,
});

/**
 * Expands files and folders (recursively, following symlinks, each real folder
 * once) into the files to import, in a stable order (sorted by name). Nothing
 * is silently dropped: every path that will not be read is settled with a
 * one-line reason.
 */
export async function collectFiles(inputs: readonly string[], signal?: AbortSignal): Promise<Collected> {
  const result: Collected = { candidates: [], settled: [] };
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();

  async function visit(p: string, explicit: boolean): Promise<void> {
    if (signal?.aborted) return;
    let stat;
    try {
      stat = await fs.stat(p);
    } catch (err) {
      result.settled.push(settle(p, 'rejected', await statFailure(p, err)));
      return;
    }
    if (stat.isDirectory()) {
      const real = await fs.realpath(p).catch(() => p);
      if (seenDirs.has(real)) return; // a symlink loop or the same folder given twice
      seenDirs.add(real);
      let entries: string[];
      try {
        entries = (await fs.readdir(p)).sort();
      } catch (err) {
        result.settled.push(settle(p, 'rejected', `folder cannot be read: ${describeFsError(err)}`));
        return;
      }
      for (const entry of entries) await visit(path.join(p, entry), false);
      return;
    }
    if (!isLetterFileName(p)) {
      result.settled.push(settle(p, 'skipped', notALetter(p)));
      return;
    }
    if (!stat.isFile()) {
      result.settled.push(settle(p, 'rejected', 'not a regular file (device, pipe or socket), so it was not read'));
      return;
    }
    const real = await fs.realpath(p).catch(() => p);
    if (seenFiles.has(real) && !explicit) return; // same file reached twice through links: read once
    seenFiles.add(real);
    result.candidates.push({ path: p, size: stat.size });
  }

  for (const input of inputs) await visit(path.resolve(input), true);
  return result;
}

async function statFailure(p: string, err: unknown): Promise<string> {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    const link = await fs.lstat(p).catch(() => null);
    if (link?.isSymbolicLink()) {
      const target = await fs.readlink(p).catch(() => '?');
      return `broken link: it points to ${target}, which does not exist`;
    }
    return 'not found: no file or folder at this path';
  }
  return `cannot be read: ${describeFsError(err)}`;
}

/** File-system errors in words a reviewer understands. */
export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'the file disappeared before it could be read';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EIO':
      return 'input/output error (damaged disk or disconnected drive?)';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return e.code ? `${e.code}: ${e.message.split('\n')[0]}` : String(e.message ?? err);
  }
}
