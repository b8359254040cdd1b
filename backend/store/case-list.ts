import type Database from 'better-sqlite3';
import type { CaseFilter } from '../../shared/api/contract';
import type { CaseFlag, CaseRow, ReviewStatus } from '../../shared/domain/case';
import { caseWhere, filterSql } from './case-filter';
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

/** One page of the case list, filtered and sorted in SQL; `total` counts every match. */
export function listCases(db: Database.Database, query: CaseListQuery = {}): CaseListPage {
  const sql = filterSql(query.filter ?? {});
  if (sql === 'no-match') return { total: 0, rows: [] };
  const where = caseWhere(sql);
  const direction = query.direction === 'asc' ? 'ASC' : 'DESC';
  const orderBy = SORT_SQL[query.sort ?? 'importedAt'](direction);
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
      `SELECT c.id, c.case_number AS caseNumber, d.file_name AS file, c.status, c.item_count AS itemCount,
         c.upheld, c.overturned, c.format, c.decision_date AS decisionDate, c.imported_at AS importedAt, c.version,
         (SELECT group_concat(f.flag, ' ') FROM case_flags f WHERE f.case_id = c.id) AS flags
       FROM (SELECT c.id FROM cases c ${sql.joins} ${where.where} ORDER BY ${orderBy} LIMIT ? OFFSET ?) page
       CROSS JOIN cases c ON c.id = page.id JOIN documents d ON d.id = c.document_id
       ORDER BY ${orderBy}`,
    )
    .all(...where.params, limit, offset) as RawRow[];
  if (sql.search !== null && rows.length > 0) addSnippets(db, rows, snippetTerms(sql.search));
  return { total, rows: rows.map(toCaseRow) };
}

function addSnippets(db: Database.Database, rows: RawRow[], terms: SnippetTerms): void {
  const source = db.prepare(
    'SELECT case_number, treatments, text, file_name FROM case_search_source WHERE case_id = ?',
  );
  for (const row of rows) {
    const fields = source.get(row.id) as
      { case_number: string | null; treatments: string; text: string; file_name: string } | undefined;
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
  const orderBy = SORT_SQL[query.sort ?? 'importedAt'](query.direction === 'asc' ? 'ASC' : 'DESC');
  const from = query.from ?? null;
  const next = query.step === 'next';
  const run = (fromId: number | null): Neighbor | null => {
    const row = db
      .prepare(
        `WITH matching AS MATERIALIZED (
           SELECT c.id FROM cases c ${sql.joins} ${where.where}
         ),
         ordered AS MATERIALIZED (
           SELECT c.id, c.status, c.id IN (SELECT id FROM matching) AS listed,
             ROW_NUMBER() OVER (ORDER BY ${orderBy}) AS pos
           FROM cases c WHERE c.id IN (SELECT id FROM matching) OR c.id = :from
         ),
         origin AS (SELECT pos FROM ordered WHERE id = :from)
         SELECT id AS caseId,
           (SELECT COUNT(*) FROM ordered o2 WHERE o2.listed AND o2.pos < o.pos) AS "index"
         FROM ordered o
         WHERE listed AND id IS NOT :from AND (:status IS NULL OR status = :status)
           AND (NOT EXISTS (SELECT 1 FROM origin)
                OR ${next ? 'pos > (SELECT pos FROM origin)' : 'pos < (SELECT pos FROM origin)'})
         ORDER BY pos ${next ? 'ASC' : 'DESC'} LIMIT 1`,
      )
      .get(...where.params, { from: fromId, status: query.status ?? null }) as Neighbor | undefined;
    return row ?? null;
  };
  const found = run(from);
  if (found || !query.wrap || from === null) return found;
  const around = run(null);
  return around && around.caseId !== from ? around : null;
}

/** Ids of every case matching a filter, in list order (exports use this). */
export function listCaseIds(db: Database.Database, filter: CaseFilter = {}): number[] {
  const sql = filterSql(filter);
  if (sql === 'no-match') return [];
  const where = caseWhere(sql);
  return db
    .prepare(`SELECT c.id FROM cases c ${sql.joins} ${where.where} ORDER BY c.id`)
    .pluck()
    .all(...where.params) as number[];
}
