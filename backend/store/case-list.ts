import type Database from 'better-sqlite3';
import type { CaseFilter } from '../../shared/api/contract';
import type { CaseFlag, CaseRow, ReviewStatus } from '../../shared/domain/case';
import { caseWhere, filterSql } from './case-filter';
import {
  contentsVersion,
  matchingCaseIdsAround,
  reportUnreadableCase,
  unreadableCaseLines,
  type OnUnreadable,
  type UnreadableCase,
} from './damaged-reads';
import { isUnreadable } from './errors';
import { buildSnippet, snippetTerms, type SnippetTerms } from './snippet';

export type CaseSortKey = 'caseNumber' | 'itemCount' | 'status' | 'importedAt' | 'decisionDate' | 'decisions';

export interface CaseListQuery {
  filter?: CaseFilter;
  sort?: CaseSortKey;
  direction?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

export interface CaseListPage {
  total: number;
  rows: CaseRow[];
  /**
   * Only for a damaged workspace (the list was read around its damage): one
   * line per case that could not be read and is not listed (see
   * damaged-reads.ts). Absent normally.
   */
  unreadable?: string[];
}

/** Every key sorts on indexed/summary columns and ends on the id so pages are stable. */
const SORT_SQL: Record<CaseSortKey, (dir: string) => string> = {
  caseNumber: (d) => `c.case_number COLLATE NOCASE ${d}, c.version ${d}, c.id ${d}`,
  itemCount: (d) => `c.item_count ${d}, c.id ${d}`,
  status: (d) => `c.status ${d}, c.id ${d}`,
  importedAt: (d) => `c.imported_at ${d}, c.id ${d}`,
  decisionDate: (d) => `c.decision_date ${d}, c.id ${d}`,
  // Cases with the most overturned items first (desc), then most upheld.
  decisions: (d) => `c.overturned ${d}, c.upheld ${d}, c.id ${d}`,
};

/** A case-list row as SQLite returns it: flags still the stored JSON text. */
type RawRow = Omit<CaseRow, 'flags'> & { flags: string | null };

/**
 * The columns of a list row: [expression on `cases c` / `documents d`, column of the damaged-workspace copy
 * (named as in `cases`, so SORT_SQL sorts it too), key in RawRow].
 */
const ROW_COLUMNS: readonly (readonly [string, string, keyof RawRow])[] = [
  ['c.id', 'id', 'id'],
  ['c.case_number', 'case_number', 'caseNumber'],
  ['d.file_name', 'file_name', 'file'],
  ['c.status', 'status', 'status'],
  ['c.item_count', 'item_count', 'itemCount'],
  ['c.upheld', 'upheld', 'upheld'],
  ['c.overturned', 'overturned', 'overturned'],
  ['c.format', 'format', 'format'],
  ['c.decision_date', 'decision_date', 'decisionDate'],
  ['c.imported_at', 'imported_at', 'importedAt'],
  ['c.version', 'version', 'version'],
  ["(SELECT group_concat(f.flag, ' ') FROM case_flags f WHERE f.case_id = c.id)", 'flags', 'flags'],
];
const rowSelect = (from: 'cases' | 'copy') =>
  ROW_COLUMNS.map(([expression, column, key]) => `${from === 'cases' ? expression : `c.${column}`} AS "${key}"`).join(
    ', ',
  );

/**
 * One page of the case list, filtered and sorted in SQL; `total` counts every
 * match. In a damaged workspace, where a query meets a page SQLite cannot
 * read, the list is read around the damage (listAroundDamage) and names what
 * it left out.
 */
export function listCases(db: Database.Database, query: CaseListQuery = {}): CaseListPage {
  try {
    return listWhole(db, query);
  } catch (err) {
    if (!isUnreadable(err)) throw err;
    return listAroundDamage(db, query);
  }
}

function listWhole(db: Database.Database, query: CaseListQuery): CaseListPage {
  const sql = filterSql(query.filter ?? {});
  if (sql === 'no-match') return { total: 0, rows: [] };
  const where = caseWhere(sql);
  const orderBy = orderOf(query);
  const limit = query.limit ?? 200;
  const offset = query.offset ?? 0;

  const total = db
    .prepare(`SELECT COUNT(*) FROM cases c ${sql.joins} ${where.where}`)
    .pluck()
    .get(...where.params) as number;
  // The page's ids first, then their columns: sorting only ids and sort keys keeps the file name and flags
  // from being read for every match (tens of thousands) when only one page is shown. CROSS JOIN keeps the page
  // the outer loop: otherwise SQLite walks every case in the sort's index order to find the page's 200.
  const rows = db
    .prepare(
      `SELECT ${rowSelect('cases')}
       FROM (SELECT c.id FROM cases c ${sql.joins} ${where.where} ORDER BY ${orderBy} LIMIT ? OFFSET ?) page
       CROSS JOIN cases c ON c.id = page.id JOIN documents d ON d.id = c.document_id
       ORDER BY ${orderBy}`,
    )
    .all(...where.params, limit, offset) as RawRow[];
  if (sql.search !== null && rows.length > 0) addSnippets(db, rows, snippetTerms(sql.search));
  return { total, rows: rows.map(toCaseRow) };
}

const orderOf = (query: { sort?: CaseSortKey; direction?: 'asc' | 'desc' }) =>
  SORT_SQL[query.sort ?? 'importedAt'](query.direction === 'asc' ? 'ASC' : 'DESC');

/** The damaged workspace's readable matches of one filter, copied once per connection (the pages reuse them). */
const copies = new WeakMap<Database.Database, { key: string; unreadable: string[] }>();
const COPY = 'temp.readable_cases';

/**
 * The list of a damaged workspace: the cases matching the filter, found and
 * read one by one (damaged-reads.ts), copied into a temporary table and
 * sorted and paged there with the list's own ORDER BY. The copy is made once
 * per filter and kept while the workspace is unchanged (a damaged workspace
 * takes no writes), so paging through it does not read the file again.
 */
function listAroundDamage(db: Database.Database, query: CaseListQuery): CaseListPage {
  const filter = query.filter ?? {};
  const unreadable = readableCopy(db, filter);
  const total = db.prepare(`SELECT COUNT(*) FROM ${COPY}`).pluck().get() as number;
  const rows = db
    .prepare(`SELECT ${rowSelect('copy')} FROM ${COPY} c ORDER BY ${orderOf(query)} LIMIT ? OFFSET ?`)
    .all(query.limit ?? 200, query.offset ?? 0) as RawRow[];
  const sql = filterSql(filter);
  if (sql !== 'no-match' && sql.search !== null && rows.length > 0) addSnippets(db, rows, snippetTerms(sql.search));
  return { total, rows: rows.map(toCaseRow), unreadable };
}

/**
 * Makes sure COPY holds the readable matches of `filter` (copied once, kept while the workspace is unchanged);
 * returns the lines naming the cases left out.
 */
function readableCopy(db: Database.Database, filter: CaseFilter): string[] {
  // Unchanged: the same filter, no commit by another connection (data_version) nor by this one since the copy.
  const state = () => JSON.stringify([filter, contentsVersion(db)]);
  let copy = copies.get(db);
  if (copy?.key !== state()) {
    const unreadable = copyReadableMatches(db, filter);
    copy = { key: state(), unreadable };
    copies.set(db, copy);
  }
  return copy.unreadable;
}

/** Fills the temporary copy with the readable matches of `filter`; returns the lines naming the cases left out. */
function copyReadableMatches(db: Database.Database, filter: CaseFilter): string[] {
  const skipped = new Map<number, UnreadableCase>();
  const unreadable: OnUnreadable = (c) => void skipped.set(c.id, c);
  db.exec(
    `CREATE TEMP TABLE IF NOT EXISTS readable_cases (${ROW_COLUMNS.map(([, column]) => column).join(', ')});
     DELETE FROM ${COPY};`,
  );
  const insert = db.prepare(
    `INSERT INTO ${COPY} SELECT ${ROW_COLUMNS.map(([expression]) => expression).join(', ')}
     FROM cases c JOIN documents d ON d.id = c.document_id WHERE c.id = ?`,
  );
  for (const id of matchingCaseIdsAround(db, filter, unreadable)) {
    try {
      insert.run(id);
    } catch (err) {
      if (!isUnreadable(err)) throw err;
      reportUnreadableCase(db, id, err, unreadable);
    }
  }
  return unreadableCaseLines(skipped.values(), 'this list');
}

function addSnippets(db: Database.Database, rows: RawRow[], terms: SnippetTerms): void {
  const source = db.prepare(
    'SELECT case_number, treatments, text, file_name FROM case_search_source WHERE case_id = ?',
  );
  for (const row of rows) {
    let fields: { case_number: string | null; treatments: string; text: string; file_name: string } | undefined;
    try {
      fields = source.get(row.id) as typeof fields;
    } catch (err) {
      // A damaged page under this letter's text: the row is listed without its snippet.
      if (!isUnreadable(err)) throw err;
    }
    row.snippet =
      (fields && buildSnippet([fields.case_number, fields.treatments, fields.text, fields.file_name], terms)) ?? '';
  }
}

function toCaseRow(raw: RawRow): CaseRow {
  const row: CaseRow = {
    id: raw.id,
    caseNumber: raw.caseNumber,
    file: raw.file,
    status: raw.status,
    itemCount: raw.itemCount,
    upheld: raw.upheld,
    overturned: raw.overturned,
    flags: raw.flags ? (raw.flags.split(' ').sort() as CaseFlag[]) : [],
    format: raw.format,
    decisionDate: raw.decisionDate,
    importedAt: raw.importedAt,
    version: raw.version,
  };
  if (raw.snippet !== undefined) row.snippet = raw.snippet;
  return row;
}

export interface NeighborQuery {
  filter?: CaseFilter;
  sort?: CaseSortKey;
  direction?: 'asc' | 'desc';
  /** The case to move from; omitted: from before the first case (next) or after the last (previous). */
  from?: number;
  step: 'next' | 'previous';
  /** Only cases with this status (next unreviewed: 'new'). */
  status?: ReviewStatus;
  /** When nothing follows `from`, go round from the other end of the list (`from` itself excluded). */
  wrap?: boolean;
}

export interface Neighbor {
  caseId: number;
  /** Its row in the list as filtered and sorted (0-based), so the list can scroll to it. */
  index: number;
}

/**
 * The case before or after `from` in the case list as the reviewer sees it
 * (the same filter, search and sort as listCases): the queue every "next"
 * action walks. `from` need not match the filter any more (a case marked
 * Reviewed leaves a "New" filter): it is placed where the sort puts it, and
 * the answer is the case that follows that place.
 *
 * One query over the matching rows numbered by the list's ORDER BY; with
 * 100,000 cases and no filter it sorts them all (see test/bench/ui.bench.ts).
 */
export function neighborCase(db: Database.Database, query: NeighborQuery): Neighbor | null {
  const sql = filterSql(query.filter ?? {});
  if (sql === 'no-match') return null;
  const where = caseWhere(sql);
  const matching = `SELECT c.id FROM cases c ${sql.joins} ${where.where}`;
  try {
    return neighborIn(db, query, { matching, params: where.params, rows: 'cases' });
  } catch (err) {
    if (!isUnreadable(err)) throw err;
    // A damaged workspace: the queue is the list as read around the damage (the same copy the list pages through),
    // so a case that cannot be read is skipped as the list leaves it out.
    readableCopy(db, query.filter ?? {});
    const rows = `(SELECT ${SORT_COLUMNS} FROM ${COPY} UNION ALL
      SELECT ${SORT_COLUMNS} FROM cases WHERE id = :from AND id NOT IN (SELECT id FROM ${COPY}))`;
    try {
      return neighborIn(db, query, { matching: `SELECT id FROM ${COPY}`, params: [], rows });
    } catch (fromErr) {
      // `from` itself cannot be read (it is not in the copy, so not listed): walk the list from its start.
      if (!isUnreadable(fromErr)) throw fromErr;
      return neighborIn(db, query, { matching: `SELECT id FROM ${COPY}`, params: [], rows: COPY }, false);
    }
  }
}

/** The columns the neighbour query reads: the id, the status and every column SORT_SQL sorts on. */
const SORT_COLUMNS = 'id, status, case_number, version, item_count, imported_at, decision_date, overturned, upheld';

/**
 * The neighbour among `matching` (ids), ordered by the list's ORDER BY over `rows` (named `c`; the case table or
 * the damaged workspace's copy). `withOrigin` false: `from` is not placed, only excluded.
 */
function neighborIn(
  db: Database.Database,
  query: NeighborQuery,
  source: { matching: string; params: unknown[]; rows: string },
  withOrigin = true,
): Neighbor | null {
  const orderBy = orderOf(query);
  const next = query.step === 'next';
  const from = query.from ?? null;
  const run = (fromId: number | null): Neighbor | null => {
    const row = db
      .prepare(
        `WITH matching AS MATERIALIZED (${source.matching}),
         ordered AS MATERIALIZED (
           SELECT c.id, c.status, c.id IN (SELECT id FROM matching) AS listed,
             ROW_NUMBER() OVER (ORDER BY ${orderBy}) AS pos
           FROM ${source.rows} c WHERE c.id IN (SELECT id FROM matching) OR c.id = :from
         ),
         origin AS (SELECT pos FROM ordered WHERE id = :from)
         SELECT id AS caseId,
           (SELECT COUNT(*) FROM ordered o2 WHERE o2.listed AND o2.pos < o.pos) AS "index"
         FROM ordered o
         WHERE listed AND id IS NOT :exclude AND (:status IS NULL OR status = :status)
           AND (NOT EXISTS (SELECT 1 FROM origin)
                OR ${next ? 'pos > (SELECT pos FROM origin)' : 'pos < (SELECT pos FROM origin)'})
         ORDER BY pos ${next ? 'ASC' : 'DESC'} LIMIT 1`,
      )
      .get(...source.params, {
        from: withOrigin ? fromId : null,
        exclude: fromId,
        status: query.status ?? null,
      }) as Neighbor | undefined;
    return row ?? null;
  };
  const found = run(from);
  if (found || !query.wrap || from === null) return found;
  const around = run(null);
  return around && around.caseId !== from ? around : null;
}

/**
 * Ids of every case matching a filter, in id order (exports use this). In a
 * damaged workspace the filter is asked case by case around the damage, and
 * each case it could not be asked of goes to `unreadable`.
 */
export function listCaseIds(
  db: Database.Database,
  filter: CaseFilter = {},
  unreadable: OnUnreadable = () => undefined,
): number[] {
  const sql = filterSql(filter);
  if (sql === 'no-match') return [];
  const where = caseWhere(sql);
  try {
    return db
      .prepare(`SELECT c.id FROM cases c ${sql.joins} ${where.where} ORDER BY c.id`)
      .pluck()
      .all(...where.params) as number[];
  } catch (err) {
    if (!isUnreadable(err)) throw err;
    return matchingCaseIdsAround(db, filter, unreadable);
  }
}
