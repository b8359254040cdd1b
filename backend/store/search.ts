import type Database from 'better-sqlite3';
import { statement } from './statements';

/**
 * Maintenance of the external-content FTS5 index `case_search` (see migration
 * 001 for why external content). FTS5 cannot see changes to its content view,
 * so every write that changes an indexed value (case number, effective
 * treatments, letter text) must remove the OLD values from the index and add
 * the new ones, in the same transaction. These are the only two entry points.
 */
export interface IndexedValues {
  caseNumber: string | null;
  treatments: string;
  text: string;
}

export function indexCase(db: Database.Database, caseId: number, values: IndexedValues): void {
  statement(db, 'INSERT INTO case_search(rowid, case_number, treatments, text) VALUES (?, ?, ?, ?)').run(
    caseId,
    values.caseNumber,
    values.treatments,
    values.text,
  );
}

/** `old` must be exactly what was indexed, or the index silently keeps stale terms. */
export function unindexCase(db: Database.Database, caseId: number, old: IndexedValues): void {
  statement(
    db,
    "INSERT INTO case_search(case_search, rowid, case_number, treatments, text) VALUES ('delete', ?, ?, ?, ?)",
  ).run(caseId, old.caseNumber, old.treatments, old.text);
}

/** The indexed values as the content view holds them right now. */
export function currentIndexedValues(db: Database.Database, caseId: number): IndexedValues | undefined {
  return statement(
    db,
    'SELECT case_number AS caseNumber, treatments, text FROM case_search_source WHERE case_id = ?',
  ).get(caseId) as IndexedValues | undefined;
}

/**
 * Turns what a reviewer types into a safe FTS5 query: every whitespace-separated
 * word becomes a quoted phrase (so `CM16-0230651`, `L4-5` or `don't` never hit
 * FTS5 syntax errors), all words must match, and the last word also matches as
 * a prefix so results appear while typing. Returns null when nothing searchable
 * remains.
 */
export function toFtsQuery(search: string): string | null {
  const words = search
    .split(/\s+/)
    .map((w) => w.replace(/"/g, '').trim())
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return null;
  return words
    .map((w, i) => {
      const phrase = `"${w}"`;
      return i === words.length - 1 ? `${phrase}*` : phrase;
    })
    .join(' ');
}

/** Rebuilds the whole index from the content view (repair tool; tests use it to cross-check). */
export function rebuildSearchIndex(db: Database.Database): void {
  statement(db, "INSERT INTO case_search(case_search) VALUES ('rebuild')").run();
}
