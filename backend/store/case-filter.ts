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
 */
export interface FilterSql {
  /** JOINs on `cases c` the conditions need (the full-text index when searching). */
  joins: string;
  caseClauses: string[];
  caseParams: unknown[];
  /** Conditions on `items i` (i.case_id = c.id). */
  itemClauses: string[];
  itemParams: unknown[];
  /** What the search looked for when it matches words (the list builds snippets for its page); null otherwise. */
  search: SearchTerm[] | null;
}

/** The filter as SQL, or 'no-match' when it can match nothing (a search of only punctuation). */
export function filterSql(filter: CaseFilter): FilterSql | 'no-match' {
  const sql: FilterSql = { joins: '', caseClauses: [], caseParams: [], itemClauses: [], itemParams: [], search: null };
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
  if (filter.flag) onCase('EXISTS (SELECT 1 FROM case_flags f WHERE f.case_id = c.id AND f.flag = ?)', filter.flag);
  // The analytics lists hold '' for "none" (migration 006).
  if (filter.specialty !== undefined) {
    onCase(
      'EXISTS (SELECT 1 FROM case_specialties s WHERE s.case_id = c.id AND s.specialty = ?)',
      filter.specialty ?? '',
    );
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
  for (const [value, table, column] of [
    [filter.bodyRegion, 'item_regions', 'region'],
    [filter.guideline, 'item_guidelines', 'source'],
  ] as const) {
    if (value === undefined) continue;
    onItem(
      `EXISTS (SELECT 1 FROM ${table} x WHERE x.case_id = i.case_id AND x.idx = i.idx AND x.${column} = ?)`,
      value ?? '',
    );
  }
  return sql;
}

/** WHERE text (with the keyword, or '') and parameters selecting CASES `c`: one of their items matches. */
export function caseWhere(sql: FilterSql): { where: string; params: unknown[] } {
  const clauses = [...sql.caseClauses];
  const params = [...sql.caseParams];
  if (sql.itemClauses.length > 0) {
    clauses.push(`EXISTS (SELECT 1 FROM items i WHERE i.case_id = c.id AND ${sql.itemClauses.join(' AND ')})`);
    params.push(...sql.itemParams);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** WHERE text and parameters selecting ITEMS `i` joined to their case `c`. */
export function itemWhere(sql: FilterSql): { where: string; params: unknown[] } {
  const clauses = [...sql.caseClauses, ...sql.itemClauses];
  return {
    where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '',
    params: [...sql.caseParams, ...sql.itemParams],
  };
}

/** "2016-12" → "2017-01". */
function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}
