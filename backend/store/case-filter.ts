import type Database from 'better-sqlite3';
import type { CaseFilter } from '../../shared/api/contract';
import { guidelineBit } from './item-facts';
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
  /** The same item conditions as tests of the item's values on any analytics row (`factsWhere`, migration 008). */
  facts: ItemFact[];
  /**
   * The item conditions when they are exactly one value of a breakdown (a category, a medication, a body region, a
   * guideline, or "none" of one: '' as the lists hold it), which the cases' counts per value answer (case_values,
   * migration 009); null when there are none, several, or others (a decision, modified).
   */
  itemValue: ItemValue | null;
  /**
   * The item conditions when they are a decision and/or modified condition with at most one value of a breakdown
   * (`value`, as itemValue holds it): each case's counts of the matching items are then arithmetic on its own
   * counts split by decision and modified (`cases`, `case_values`, migration 012; analytics.ts `splitCounts`).
   * Null otherwise (no such condition, or others beside it).
   */
  split: SplitConditions | null;
  /**
   * The case conditions on the case's turnaround and decision day (a turnaround range, a month) as tests of those
   * columns on any row that carries them (`cases`, `case_values` since migration 011), one per condition.
   */
  dayFacts: ItemFact[];
  /** Whether dayFacts are all the case conditions (so a `case_values` row can be tested without the case's row). */
  onlyDayFacts: boolean;
  /** The day column whose range the conditions name: the decision day (a month, the narrower) or the turnaround. */
  dayRange: 'decision_date' | 'turnaround_days' | null;
  /** The item condition's category, where it has one (items_category then holds its items as one range). */
  category: string | null;
  /**
   * The item breakdowns whose "none" the item conditions require (no body region named, no guideline cited, no
   * medication named): every matching item is in that one group of them.
   */
  noneOf: ('bodyRegion' | 'guideline' | 'medication')[];
  /**
   * Whether the case conditions are values a whole workspace may share (status, priority, format), which
   * selectCases counts from their index before writing the cases. False with a search or a list condition
   * (flag, specialty: a subquery that counting would run a second time, +9 ms a call under a specialty) or a range
   * of days (rarely every case; counting a turnaround range of 30 % cost 4 ms a call).
   */
  countFirst: boolean;
  /** What the search looked for when it matches words (the list builds snippets for its page); null otherwise. */
  search: SearchTerm[] | null;
  /** A table holding the ids of the cases the case conditions select, in their place (selectCases). */
  caseIds: string | null;
  /**
   * `+` when the selected cases are many (selectCases, MANY_CASES): a query then reads its covering index
   * through and tests each row against the table, rather than looking up each selected case and sorting what it
   * finds, which SQLite (no statistics here) prefers whatever their number. '' otherwise.
   */
  caseIdsScan: '' | '+';
  /** The share of all cases the case conditions select (selectCases); 1 when none were worked out. */
  caseIdsShare: number;
}

/** One value of a breakdown ('' = a list's "none", as case_values holds it). */
export interface ItemValue {
  dimension: 'category' | 'medication' | 'bodyRegion' | 'guideline';
  value: string;
}

/** A decision and/or modified condition (undefined: none; decision null: items without one), with at most one value. */
export interface SplitConditions {
  decision: 'Upheld' | 'Overturned' | null | undefined;
  modified: boolean | undefined;
  value: ItemValue | null;
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
    facts: [],
    itemValue: null,
    split: null,
    dayFacts: [],
    onlyDayFacts: false,
    dayRange: filter.month !== undefined ? 'decision_date' : filter.turnaround !== undefined ? 'turnaround_days' : null,
    category: filter.category || null,
    noneOf: [
      ...(filter.bodyRegion === null ? (['bodyRegion'] as const) : []),
      ...(filter.guideline === null ? (['guideline'] as const) : []),
      ...(filter.medication === null ? (['medication'] as const) : []),
    ],
    countFirst: true,
    search: null,
    caseIds: null,
    caseIdsScan: '',
    caseIdsShare: 1,
  };
  const onCase = (clause: string, ...params: unknown[]) => {
    sql.caseClauses.push(clause);
    sql.caseParams.push(...params);
  };
  // An item condition is written once, for an alias: `items i` in the list's query, any analytics row in factsWhere.
  const onItem = (test: (a: string) => string, ...params: unknown[]) => {
    sql.itemClauses.push(test('i'));
    sql.itemParams.push(...params);
    sql.facts.push({ test, params });
  };
  // A decision or modified flag, on an analytics row, is tested as a value (`+`), never as a constraint on an index:
  // SQLite, given an equality on a column inside the (value, decision, modified) order a breakdown groups in, sorts
  // the rows it reads again (a temporary B-tree: decision Upheld by body region 200 ms instead of ~40).
  const onItemValue = (column: string, test: (c: string) => string, ...params: unknown[]) => {
    sql.itemClauses.push(test(`i.${column}`));
    sql.itemParams.push(...params);
    sql.facts.push({ test: (a) => test(`+${a}.${column}`), params });
  };

  if (filter.status) onCase('c.status = ?', filter.status);
  if (filter.format) onCase('c.format = ?', filter.format);
  // Lists of the case: uncorrelated, from the list's value index (case_flags_flag, case_specialties_specialty).
  if (filter.flag) onCase('c.id IN (SELECT f.case_id FROM case_flags f WHERE f.flag = ?)', filter.flag);
  if (filter.flag || filter.specialty !== undefined || filter.month !== undefined || filter.turnaround !== undefined) {
    sql.countFirst = false;
  }
  // The analytics lists hold '' for "none" (migration 006).
  if (filter.specialty !== undefined) {
    onCase('c.id IN (SELECT s.case_id FROM case_specialties s WHERE s.specialty = ?)', filter.specialty ?? '');
  }
  if (filter.priority !== undefined) {
    if (filter.priority === null) onCase('c.priority IS NULL');
    else onCase('c.priority = ? COLLATE NOCASE', filter.priority);
  }
  // A condition on the case's days is written once, for an alias: `cases c`, or a `case_values` row (migration 011).
  const onDays = (test: (a: string) => string, ...params: unknown[]) => {
    onCase(test('c'), ...params);
    sql.dayFacts.push({ test, params });
  };
  if (filter.month !== undefined) {
    // A range on the indexed ISO date rather than substr(), which no index serves.
    if (filter.month === null) onDays((a) => `${a}.decision_date IS NULL`);
    else {
      onDays((a) => `${a}.decision_date >= ? AND ${a}.decision_date < ?`, filter.month, nextMonth(filter.month));
    }
  }
  if (filter.turnaround !== undefined) {
    if (filter.turnaround === null) onDays((a) => `${a}.turnaround_days IS NULL`);
    else {
      const { min, max } = filter.turnaround;
      const range = [...(min !== undefined ? ['>= ?'] : []), ...(max !== undefined ? ['<= ?'] : [])];
      const params = [...(min !== undefined ? [min] : []), ...(max !== undefined ? [max] : [])];
      onDays(
        (a) => [`${a}.turnaround_days IS NOT NULL`, ...range.map((r) => `${a}.turnaround_days ${r}`)].join(' AND '),
        ...params,
      );
    }
  }
  if (filter.search !== undefined && filter.search.trim() !== '') {
    const query = parseSearch(filter.search);
    if (query === null) return 'no-match';
    sql.countFirst = false;
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
    if (filter.decision === null) onItemValue('decision', (c) => `${c} IS NULL`);
    else onItemValue('decision', (c) => `${c} = ?`, filter.decision);
  }
  if (filter.category) onItem((a) => `${a}.category = ?`, filter.category);
  if (filter.medication !== undefined) {
    if (filter.medication === null) onItem((a) => `${a}.medication_name IS NULL`);
    else onItem((a) => `${a}.medication_name = ? COLLATE NOCASE`, filter.medication);
  }
  if (filter.modified !== undefined) onItemValue('modified', (c) => `${c} = ?`, filter.modified ? 1 : 0);
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
  // The lists as facts of the item (migration 008): a column test, except one named region (a join, selective).
  if (filter.bodyRegion === null) sql.facts.push({ test: (a) => `${a}.region_none = 1`, params: [] });
  else if (filter.bodyRegion !== undefined) {
    sql.facts.push({
      join: (a) => `JOIN item_regions xr ON xr.case_id = ${a}.case_id AND xr.idx = ${a}.idx AND xr.region = ?`,
      params: [filter.bodyRegion],
    });
  }
  if (filter.guideline === null) sql.facts.push({ test: (a) => `${a}.guideline_mask = 0`, params: [] });
  else if (filter.guideline !== undefined) {
    sql.facts.push({ test: (a) => `(${a}.guideline_mask & ?) <> 0`, params: [guidelineBit(filter.guideline)] });
  }
  // ('' is a list's "none" in case_values; an empty medication name, which the contract refuses, matches nothing.)
  const values = [
    { dimension: 'category', value: filter.category || undefined },
    { dimension: 'medication', value: filter.medication === '' ? undefined : filter.medication },
    { dimension: 'bodyRegion', value: filter.bodyRegion },
    { dimension: 'guideline', value: filter.guideline },
  ] as const;
  sql.onlyDayFacts = sql.dayFacts.length > 0 && sql.dayFacts.length === sql.caseClauses.length;
  const set = values.filter((v) => v.value !== undefined);
  const one = set.length === 1 ? { dimension: set[0]!.dimension, value: set[0]!.value ?? '' } : null;
  if (one && sql.facts.length === 1) sql.itemValue = one;
  const splitFacts = (filter.decision !== undefined ? 1 : 0) + (filter.modified !== undefined ? 1 : 0);
  if (splitFacts > 0 && set.length <= 1 && sql.facts.length === splitFacts + set.length) {
    sql.split = { decision: filter.decision, modified: filter.modified, value: one };
  }
  return sql;
}

/**
 * One item condition on an analytics row `a` that carries the item's values
 * (`items`, `item_regions`, `item_guidelines` since migration 008): a test of
 * its columns, or a join keyed by the item.
 */
export type ItemFact =
  | { test: (a: string) => string; join?: undefined; params: unknown[] }
  | { join: (a: string) => string; test?: undefined; params: unknown[] };

/**
 * The matching rows of an analytics table `a` (items, item_regions or
 * item_guidelines, migration 008): JOINs to place after it, the WHERE text
 * (with the keyword, or ''), and the parameters of both in that order. The
 * case conditions are the selected cases (`selectCases`) or, when none
 * were worked out, an uncorrelated `IN` on the cases.
 */
export function factsWhere(sql: FilterSql, a: string): { joins: string; where: string; params: unknown[] } {
  const joins: string[] = [];
  const clauses: string[] = [];
  const joinParams: unknown[] = [];
  const params: unknown[] = [];
  if (sql.caseClauses.length > 0) {
    clauses.push(
      sql.caseIds
        ? `${sql.caseIdsScan}${a}.case_id IN ${sql.caseIds}`
        : `${a}.case_id IN (SELECT c.id FROM cases c ${sql.joins} WHERE ${sql.caseClauses.join(' AND ')})`,
    );
    params.push(...sql.caseParams);
  }
  for (const fact of sql.facts) {
    if (fact.join) {
      joins.push(fact.join(a));
      joinParams.push(...fact.params);
    } else {
      clauses.push(fact.test(a));
      params.push(...fact.params);
    }
  }
  return {
    joins: joins.join(' '),
    where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '',
    params: [...joinParams, ...params],
  };
}

/**
 * The case conditions as tests of a row `a` carrying the case's days (`cases`, `case_values`): WHERE clauses and
 * their parameters, or null when some case condition is not on the days (or there are none).
 */
export function dayFactsWhere(sql: FilterSql, a: string): { clauses: string[]; params: unknown[] } | null {
  if (!sql.onlyDayFacts) return null;
  return { clauses: sql.dayFacts.map((f) => f.test!(a)), params: sql.dayFacts.flatMap((f) => f.params) };
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
 * The case conditions worked out once: the ids of the cases they select go
 * into a temporary table (connection-private, also on a read-only workspace)
 * that stands in for them in every query built from the filter returned. For
 * callers running several queries on one filter (analytics: totals,
 * turnaround, each breakdown), where a condition that selects most cases
 * ("status New") or a full-text search would otherwise be evaluated again by
 * each query. Without case conditions, `sql` as it is. With `caseIds` set,
 * temp.selected_cases holds the selected cases until `clearSelectedCases` or
 * the next selection (one per connection; analytics.ts keeps the last
 * filter's across calls).
 */
export function selectCases(db: Database.Database, sql: FilterSql): FilterSql {
  if (sql.caseClauses.length === 0) return sql;
  const table = 'temp.selected_cases';
  const where = `FROM cases c ${sql.joins} WHERE ${sql.caseClauses.join(' AND ')}`;
  const all = db.prepare('SELECT COUNT(*) FROM cases').pluck().get() as number;
  // Conditions that hold for every case ("status New" before anyone reviews) select nothing out: each query
  // would otherwise test every row it reads against the table for nothing. Counted first from the conditions'
  // index (a few ms; writing 100,000 ids to find that out took 40–60), unless counting would run a search or a
  // list's subquery a second time (countFirst).
  const none = { dayFacts: [], onlyDayFacts: false, dayRange: null };
  const everyCase = { ...sql, joins: '', caseClauses: [], caseParams: [], countFirst: true, ...none };
  if (
    sql.countFirst &&
    (db
      .prepare(`SELECT COUNT(*) ${where}`)
      .pluck()
      .get(...sql.caseParams) as number) === all
  ) {
    return everyCase;
  }
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS selected_cases (id INTEGER PRIMARY KEY); DELETE FROM ${table};`);
  let selected: number;
  try {
    selected = db.prepare(`INSERT INTO ${table} SELECT c.id ${where}`).run(...sql.caseParams).changes;
  } catch (err) {
    clearSelectedCases(db);
    throw err;
  }
  if (selected === all) {
    clearSelectedCases(db);
    return everyCase;
  }
  const scan = selected * MANY_CASES > all ? '+' : '';
  return {
    ...sql,
    joins: '',
    caseClauses: [`${scan}c.id IN ${table}`],
    caseParams: [],
    countFirst: true,
    caseIds: table,
    caseIdsScan: scan,
    caseIdsShare: all === 0 ? 0 : selected / all,
  };
}

/** Empties what selectCases wrote (connection-private). */
export function clearSelectedCases(db: Database.Database): void {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS selected_cases (id INTEGER PRIMARY KEY); DELETE FROM temp.selected_cases;');
}

/**
 * Past 1 in MANY_CASES of all cases, reading an index through beats looking
 * up each selected case (a lookup costs several rows of a scan, and the rows
 * it finds then need sorting for the GROUP BY). Measured at 100,000 cases
 * (npm run bench -- analytics): a turnaround range holding 30 % of the cases
 * answers in 145 ms of CPU looked up, 235 ms read through; a search matching
 * 42 % the same either way; a specialty holding a few percent 50 vs 190 ms.
 */
const MANY_CASES = 3;

/** "2016-12" → "2017-01". */
function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}
