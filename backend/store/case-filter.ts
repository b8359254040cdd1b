import type Database from 'better-sqlite3';
import type { CaseFilter } from '../../shared/api/contract';
import { parseSearch, type SearchTerm } from './search';

/**
 * The case filter (shared/api/contract.ts `caseFilterSchema`) as SQL, once,
 * for the case list, the analytics and exports: a number in the Analytics view
 * and the list it links to are the same query.
 *
 * Conditions come in two sets: about the case (`c`, a row of `cases`) and
 * about one item (`i`, a row of `items` of that case). Every item condition
 * holds for the SAME item: the list asks for cases with such an item
 * (`caseWhere`), analytics count the items themselves (`itemWhere`).
 *
 * Query shape (100,000 cases, 250,000 items; npm run bench -- analytics): the
 * cases with a matching item are one uncorrelated `c.id IN (SELECT i.case_id
 * …)`, computed once, never an `EXISTS` per case — SQLite answered that from
 * an index that does not start with the case (items_stats), scanning every
 * matching item once per case (minutes). A list condition (body region,
 * guideline) is a JOIN on the list's key, so at most one row per item, and
 * SQLite may start from the list's value index when it is the narrower.
 */
export interface FilterSql {
  /** JOINs on `cases c` the conditions need (the full-text index when searching). */
  joins: string;
  caseClauses: string[];
  caseParams: unknown[];
  /** JOINs on `items i` (lists keyed by the item and the value: never more than one row per item). */
  itemJoins: string;
  itemJoinParams: unknown[];
  /** Conditions on `items i` (i.case_id = c.id). */
  itemClauses: string[];
  itemParams: unknown[];
  /** What the search looked for when it matches words (the list builds snippets for its page); null otherwise. */
  search: SearchTerm[] | null;
  /** A table holding the ids of the cases the case conditions select, in their place (withCasesSelected). */
  caseIds: string | null;
}

/** The filter as SQL, or 'no-match' when it can match nothing (a search of only punctuation). */
export function filterSql(filter: CaseFilter): FilterSql | 'no-match' {
  const sql: FilterSql = {
    joins: '',
    caseClauses: [],
    caseParams: [],
    itemJoins: '',
    itemJoinParams: [],
    itemClauses: [],
    itemParams: [],
    search: null,
    caseIds: null,
  };
  const onCase = (clause: string, ...params: unknown[]) => {
    sql.caseClauses.push(clause);
    sql.caseParams.push(...params);
  };
  const onItem = (clause: string, ...params: unknown[]) => {
    sql.itemClauses.push(clause);
    sql.itemParams.push(...params);
  };

  if (filter.status) onCase('c.status = ?', filter.status);
  if (filter.format) onCase('c.format = ?', filter.format);
  // Lists of the case: uncorrelated, from the list's value index (case_flags_flag, case_specialties_specialty).
  if (filter.flag) onCase('c.id IN (SELECT f.case_id FROM case_flags f WHERE f.flag = ?)', filter.flag);
  // The analytics lists hold '' for "none" (migration 006).
  if (filter.specialty !== undefined) {
    onCase('c.id IN (SELECT s.case_id FROM case_specialties s WHERE s.specialty = ?)', filter.specialty ?? '');
  }
  if (filter.priority !== undefined) {
    if (filter.priority === null) onCase('c.priority IS NULL');
    else onCase('c.priority = ? COLLATE NOCASE', filter.priority);
  }
  if (filter.month !== undefined) {
    // A range on the indexed ISO date rather than substr(), which no index serves.
    if (filter.month === null) onCase('c.decision_date IS NULL');
    else onCase('c.decision_date >= ? AND c.decision_date < ?', filter.month, nextMonth(filter.month));
  }
  if (filter.turnaround !== undefined) {
    if (filter.turnaround === null) onCase('c.turnaround_days IS NULL');
    else {
      const { min, max } = filter.turnaround;
      onCase('c.turnaround_days IS NOT NULL');
      if (min !== undefined) onCase('c.turnaround_days >= ?', min);
      if (max !== undefined) onCase('c.turnaround_days <= ?', max);
    }
  }
  if (filter.search !== undefined && filter.search.trim() !== '') {
    const query = parseSearch(filter.search);
    if (query === null) return 'no-match';
    if (query.match !== null) {
      sql.joins = 'JOIN case_search ON case_search.rowid = c.id';
      onCase('case_search MATCH ?', query.match);
      sql.search = query.terms;
    } else {
      // Only words to leave out ("-Norco"): every case but those.
      onCase('c.id NOT IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)', query.exclude);
    }
  }

  if (filter.decision !== undefined) {
    if (filter.decision === null) onItem('i.decision IS NULL');
    else onItem('i.decision = ?', filter.decision);
  }
  if (filter.category) onItem('i.category = ?', filter.category);
  if (filter.medication !== undefined) {
    if (filter.medication === null) onItem('i.medication_name IS NULL');
    else onItem('i.medication_name = ? COLLATE NOCASE', filter.medication);
  }
  if (filter.modified !== undefined) onItem('i.modified = ?', filter.modified ? 1 : 0);
  for (const [value, table, column, alias] of [
    [filter.bodyRegion, 'item_regions', 'region', 'xr'],
    [filter.guideline, 'item_guidelines', 'source', 'xg'],
  ] as const) {
    if (value === undefined) continue;
    // The list's key is (case_id, idx, value): one row per matching item, as EXISTS would.
    sql.itemJoins += ` JOIN ${table} ${alias} ON ${alias}.case_id = i.case_id AND ${alias}.idx = i.idx AND ${alias}.${column} = ?`;
    // The lists hold '' for "none" (migration 006).
    sql.itemJoinParams.push(value ?? '');
  }
  return sql;
}

/** Whether the filter has a condition on items (the analytics then count matching items, not the cases' counts). */
export function hasItemConditions(sql: FilterSql): boolean {
  return sql.itemClauses.length > 0 || sql.itemJoins !== '';
}

/** WHERE text (with the keyword, or '') and parameters selecting CASES `c`: one of their items matches. */
export function caseWhere(sql: FilterSql): { where: string; params: unknown[] } {
  const clauses = [...sql.caseClauses];
  const params = [...sql.caseParams];
  if (hasItemConditions(sql)) {
    const items = sql.itemClauses.length ? `WHERE ${sql.itemClauses.join(' AND ')}` : '';
    clauses.push(`c.id IN (SELECT i.case_id FROM items i${sql.itemJoins} ${items})`);
    params.push(...sql.itemJoinParams, ...sql.itemParams);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * The matching ITEMS `i`: the JOINs to place right after `items i` (`from`),
 * the WHERE text, and the parameters of both in that order.
 *
 * `cases` says how the case conditions reach the items: `'joined'` when the
 * query joins `cases c` itself (it groups by a case column), otherwise the
 * column holding the item's case id (`'i.case_id'`, or a list's `'g.case_id'`)
 * is kept to an uncorrelated `IN (SELECT c.id …)`, worked out once from the
 * cases' indexes rather than by looking up the case of every item.
 */
export function itemWhere(
  sql: FilterSql,
  cases: 'joined' | `${string}.case_id` = 'joined',
): { from: string; where: string; params: unknown[] } {
  const clauses = [...sql.itemClauses];
  const params = [...sql.itemJoinParams];
  if (sql.caseClauses.length > 0) {
    if (cases === 'joined') clauses.unshift(...sql.caseClauses);
    else {
      clauses.unshift(
        sql.caseIds
          ? `${cases} IN ${sql.caseIds}`
          : `${cases} IN (SELECT c.id FROM cases c ${sql.joins} WHERE ${sql.caseClauses.join(' AND ')})`,
      );
    }
    params.push(...sql.caseParams);
  }
  params.push(...sql.itemParams);
  return { from: sql.itemJoins, where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * Runs `body` with the case conditions worked out once: the ids of the cases
 * they select go into a temporary table (connection-private, also on a
 * read-only workspace) that stands in for them in every query `body` builds
 * from the filter it is given. For callers running several queries on one
 * filter (analytics: totals, turnaround, each breakdown), where a condition
 * that selects most cases ("status New") or a full-text search would
 * otherwise be evaluated again by each query. Without case conditions,
 * `body` gets `sql` as it is.
 */
export function withCasesSelected<T>(db: Database.Database, sql: FilterSql, body: (sql: FilterSql) => T): T {
  if (sql.caseClauses.length === 0) return body(sql);
  const table = 'temp.selected_cases';
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS selected_cases (id INTEGER PRIMARY KEY); DELETE FROM ${table};`);
  try {
    db.prepare(`INSERT INTO ${table} SELECT c.id FROM cases c ${sql.joins} WHERE ${sql.caseClauses.join(' AND ')}`).run(
      ...sql.caseParams,
    );
    return body({ ...sql, joins: '', caseClauses: [`c.id IN ${table}`], caseParams: [], caseIds: table });
  } finally {
    db.exec(`DELETE FROM ${table}`);
  }
}

/** "2016-12" → "2017-01". */
function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}
