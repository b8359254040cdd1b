/**
 * Reading a damaged workspace around its damage (issue 12): a page SQLite
 * cannot read stops any query that meets it, so the list, a filter and an
 * export would otherwise fail outright on one bad page. Here the cases are
 * found from every place that names them and read one at a time; each case
 * that cannot be read is passed to an `unreadable` callback (to be named to
 * the reviewer) and left out. Only used after a whole-workspace query failed
 * with isUnreadable: one query per case is slow on a large workspace, but the
 * alternative is nothing at all.
 */
import type Database from 'better-sqlite3';
import type { CaseFilter } from '../../shared/api/contract';
import { errorText } from '../../shared/api/error-text';
import { filterSql, hasItemConditions } from './case-filter';
import { isUnreadable } from './errors';

/** A case that could not be read (a damaged page), for the reviewer. */
export interface UnreadableCase {
  id: number;
  caseNumber: string | null;
  message: string;
}

export type OnUnreadable = (skipped: UnreadableCase) => void;

/**
 * One reviewer-facing line for a case left out of `what` ("this export",
 * "this list"), the same wherever a damaged workspace is read around.
 */
export function unreadableCaseLine(c: UnreadableCase, what: string): string {
  return `${c.caseNumber ? `Case ${c.caseNumber} (#${c.id})` : `Case #${c.id}`} could not be read and is not in ${what} (SQLite: ${c.message}).`;
}

/** Past this many, unreadable cases are counted rather than named. */
export const MAX_NAMED_CASES = 50;

/** The lines naming `cases` (at most MAX_NAMED_CASES, then a count), in id order. */
export function unreadableCaseLines(cases: Iterable<UnreadableCase>, what: string): string[] {
  const sorted = [...cases].sort((a, b) => a.id - b.id);
  const named = sorted.slice(0, MAX_NAMED_CASES).map((c) => unreadableCaseLine(c, what));
  if (sorted.length > MAX_NAMED_CASES) {
    named.push(`… and ${sorted.length - MAX_NAMED_CASES} more cases that could not be read.`);
  }
  return named;
}

/** Reports case `id` as unreadable because of `err`, with its number where that can still be read. */
export function reportUnreadableCase(db: Database.Database, id: number, err: unknown, unreadable: OnUnreadable): void {
  unreadable({ id, caseNumber: caseNumberOf(db, id), message: errorText(err) });
}

/** A case's number for the report, where it can still be read: from the case list, else from its newest parse. */
export function caseNumberOf(db: Database.Database, id: number): string | null {
  for (const sql of [
    'SELECT case_number FROM cases WHERE id = ?',
    "SELECT json_extract(parsed_json, '$.caseNumber') FROM case_parses WHERE case_id = ? ORDER BY id DESC LIMIT 1",
  ]) {
    try {
      const caseNumber = db.prepare(sql).pluck().get(id);
      if (typeof caseNumber === 'string' && caseNumber.trim() !== '') return caseNumber.trim();
    } catch {
      // Unreadable there too: try the next place.
    }
  }
  return null;
}

/**
 * The ids of every case any readable part of a damaged workspace names, in
 * order: the case table as far as its pages read, then each of its indexes
 * (which hold the ids on pages of their own), the parses and the import
 * events. Each source is read until SQLite stops on a damaged page.
 */
export function readableCaseIds(db: Database.Database): number[] {
  const ids = new Set<number>();
  const collect = (sql: string) => {
    try {
      for (const id of db.prepare(sql).pluck().iterate() as IterableIterator<number | null>) {
        if (typeof id === 'number') ids.add(id);
      }
    } catch (err) {
      if (!isUnreadable(err) && !/no such (table|column|index)|no query solution/i.test(errorText(err))) throw err;
    }
  };
  collect('SELECT id FROM cases');
  let indexes: string[] = [];
  try {
    indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases'")
      .pluck()
      .all() as string[];
  } catch (err) {
    if (!isUnreadable(err)) throw err;
  }
  for (const index of indexes) collect(`SELECT id FROM cases INDEXED BY "${index.replace(/"/g, '""')}"`);
  collect('SELECT case_id FROM case_parses');
  collect("SELECT case_id FROM audit_events WHERE type = 'import-letter'");
  return [...ids].sort((a, b) => a - b);
}

/**
 * The ids of the cases matching `filter` (in id order), the filter tested
 * case by case so damage only costs the cases it touches: the filter's own
 * conditions (backend/store/case-filter.ts), its item conditions asked of the
 * case's own items (`EXISTS … i.case_id = c.id`) instead of the list's
 * uncorrelated form, which reads every item. A case whose row, items or
 * index entries cannot be read goes to `unreadable`.
 */
export function matchingCaseIdsAround(db: Database.Database, filter: CaseFilter, unreadable: OnUnreadable): number[] {
  const candidates = readableCaseIds(db);
  const sql = filterSql(filter);
  if (sql === 'no-match') return [];
  const clauses = ['c.id = ?', ...sql.caseClauses];
  const params: unknown[] = [...sql.caseParams];
  if (hasItemConditions(sql)) {
    const items = ['i.case_id = c.id', ...sql.itemClauses].join(' AND ');
    clauses.push(`EXISTS (SELECT 1 FROM items i${sql.itemJoins} WHERE ${items})`);
    params.push(...sql.itemJoinParams, ...sql.itemParams);
  }
  if (clauses.length === 1) return candidates;
  const matches = db.prepare(`SELECT 1 FROM cases c ${sql.joins} WHERE ${clauses.join(' AND ')}`).pluck();
  const ids: number[] = [];
  for (const id of candidates) {
    try {
      if (matches.get(id, ...params) !== undefined) ids.push(id);
    } catch (err) {
      if (!isUnreadable(err)) throw err;
      reportUnreadableCase(db, id, err, unreadable);
    }
  }
  return ids;
}

/**
 * SQLite's message for the first of `tables` whose rows cannot all be read, or
 * null when they can (tables the workspace does not have are skipped). Each
 * table is counted from its own pages (NOT INDEXED): figures answered from
 * indexes alone never read them, so on a damaged workspace they would come out
 * whole-looking while the list leaves cases out.
 */
export function damageIn(db: Database.Database, tables: readonly string[]): string | null {
  for (const table of tables) {
    try {
      const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
      if (exists !== undefined) db.prepare(`SELECT COUNT(*) FROM "${table.replace(/"/g, '""')}" NOT INDEXED`).get();
    } catch (err) {
      if (!isUnreadable(err)) throw err;
      return errorText(err);
    }
  }
  return null;
}

/**
 * What identifies the workspace's contents as this connection sees them, for keeping what was read of a damaged
 * workspace (or that it is whole) until they change: `data_version` changes when another connection commits,
 * `total_changes()` when this one writes (SQLite "PRAGMA data_version"). Writes to temporary tables count in
 * `total_changes()` too, so a caller that writes one takes the key again afterwards. `others`: the `data_version`
 * to use, by default read now; a caller reading one snapshot passes the one it read inside it (analytics()).
 */
export function contentsVersion(
  db: Database.Database,
  others = db.pragma('data_version', { simple: true }) as number,
): string {
  const own = db.prepare('SELECT total_changes()').pluck().get() as number;
  return `${others}:${own}`;
}
