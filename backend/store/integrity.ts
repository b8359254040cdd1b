import type Database from 'better-sqlite3';
import { errorText } from '../../shared/api/error-text';

/**
 * SQLite's own consistency check, as reviewer-facing lines (empty = the file
 * is sound). `quick` is PRAGMA quick_check: every page and record is read and
 * checked, but indexes are not compared with their tables (O(N) instead of
 * O(N log N)); `full` is PRAGMA integrity_check, which also does that. SQLite
 * returns several findings in one row separated by newlines ("*** in database
 * main ***\nTree 30 page 30: …"); each becomes its own line. A check that
 * stops on damage it cannot step over is one finding.
 */
export function sqliteCheck(
  db: Database.Database,
  depth: 'quick' | 'full',
  maxFindings = 100,
  /** Only this table and its indexes (SQLite 3.33+); the whole file when omitted. */
  table?: string,
): string[] {
  const pragma = depth === 'quick' ? 'quick_check' : 'integrity_check';
  const argument = table === undefined ? String(maxFindings) : `"${table.replace(/"/g, '""')}"`;
  try {
    const rows = db.prepare(`PRAGMA ${pragma}(${argument})`).all() as Record<string, string>[];
    return rows
      .flatMap((row) => String(Object.values(row)[0] ?? '').split('\n'))
      .map((line) => line.trim())
      .filter((line) => line !== '' && line !== 'ok' && line !== '*** in database main ***');
  } catch (err) {
    // Damage SQLite cannot step over (a zeroed b-tree root) ends the check itself.
    return [`the check stopped: ${errorText(err)}`];
  }
}
