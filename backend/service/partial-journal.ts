import fs from 'node:fs';
import path from 'node:path';
import { PARTIAL_NAME, type PartialJournal } from '../export/atomic-file';
import { PRIVATE_FILE_MODE } from '../runtime/file-modes';

/** The journal's file name inside a service's private folder. */
export const JOURNAL_FILE = 'partial-exports.json';

/**
 * The temporary `.partial` files of exports in progress, written to the
 * service's private folder. A process killed mid-export cannot delete its
 * temporary file (hidden, beside the target, full of patient data); the next
 * service to open the workspace reads the dead process's journal and removes
 * them (PrivateDir.sweepStale → removeJournalled).
 */
export class FileJournal implements PartialJournal {
  private readonly open = new Set<string>();

  constructor(private readonly file: () => string) {}

  add(tempPaths: readonly string[]): void {
    for (const p of tempPaths) this.open.add(p);
    this.save();
  }

  remove(tempPaths: readonly string[]): void {
    for (const p of tempPaths) this.open.delete(p);
    this.save();
  }

  /**
   * Best effort: the journal is a safety net for a crash, so a disk that cannot
   * take it (full, read-only) costs the clean-up after a crash, never the export.
   */
  private save(): void {
    try {
      const file = this.file();
      const tmp = `${file}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify([...this.open]), { mode: PRIVATE_FILE_MODE });
      fs.renameSync(tmp, file);
    } catch {
      // See above.
    }
  }
}

/**
 * Removes the temporary files a journal lists. Only files named like an
 * export's temporary file are touched, whatever the journal says.
 */
export function removeJournalled(journalFile: string): string[] {
  let listed: unknown;
  try {
    listed = JSON.parse(fs.readFileSync(journalFile, 'utf8'));
  } catch {
    return [];
  }
  if (!Array.isArray(listed)) return [];
  const removed: string[] = [];
  for (const p of listed) {
    if (typeof p !== 'string' || !path.isAbsolute(p) || !PARTIAL_NAME.test(path.basename(p))) continue;
    try {
      fs.rmSync(p);
      removed.push(p);
    } catch {
      // Already gone (or not ours to remove).
    }
  }
  return removed;
}
