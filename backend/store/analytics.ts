/**
 * The letters in aggregate (issue 17), in SQL over the projection of effective
 * values (items, item_regions, item_guidelines, case_specialties, case_values,
 * the case columns): nothing but the figures leaves the database. Definitions of the
 * dimensions and figures: shared/domain/analytics.ts.
 */
import type Database from 'better-sqlite3';
import type { CaseFilter } from '../../shared/api/contract';
import {
  DIMENSIONS,
  TURNAROUND_BINS,
  turnaroundDays,
  wilsonInterval,
  type AnalyticsResult,
  type StatsBreakdown,
  type StatsDimension,
  type StatsGroup,
  type TurnaroundStats,
} from '../../shared/domain/analytics';
import {
  caseWhere,
  dayFactsWhere,
  factsWhere,
  filterSql,
  hasItemConditions,
  selectCases,
  clearSelectedCases,
  type FilterSql,
  type SplitConditions,
} from './case-filter';
import { contentsVersion } from './damaged-reads';
import { CASE_VALUES_DAYS_SCHEMA, MODIFIED_SPLIT_SCHEMA } from './projection';

/**
 * The oldest schema version whose projection the figures can be counted from (migrations 006, 008, 009 and 011),
 * defined once in projection.ts. Migration 012's counts split by decision and modified only make a decision or
 * modified filter cheaper (FilterSql.split): a workspace left at 011 on read-only media — one the previous version
 * wrote — is counted without them, with the same figures, rather than refused.
 */
const ANALYTICS_SCHEMA = CASE_VALUES_DAYS_SCHEMA;

/**
 * Whether the workspace holds the projection the figures read: a workspace
 * from an earlier version that could not be upgraded where it is (read-only
 * media) does not, and `analytics()` would fail on it.
 */
export function analyticsAvailable(db: Database.Database): boolean {
  return (db.pragma('user_version', { simple: true }) as number) >= ANALYTICS_SCHEMA;
}

export interface AnalyticsQuery {
  filter: CaseFilter;
  by: readonly StatsDimension[];
  /** Groups per breakdown; the smallest beyond it are counted as omitted. */
  limit: number;
}

/**
 * How a dimension groups: its key and what a reader sees, over the table
 * (alias g) whose rows it groups — `items`, a list with a row per value of an
 * item (migration 006; '' = none) that carries the item's values (migration
 * 008), a list of the case's values that carries the case's counts, or the
 * cases themselves.
 */
interface Grouping {
  key: string;
  label: string;
  table: 'items' | 'item_regions' | 'item_guidelines' | 'case_specialties' | 'cases';
  /** Item rows: the covering indexes (migration 008) ordered (value, decision, modified) and (value, case id). */
  indexes?: { counts: string; cases: string };
}

const GROUPING: Record<StatsDimension, Grouping> = {
  category: {
    key: 'g.category',
    label: 'g.category',
    table: 'items',
    indexes: { counts: 'items_stats', cases: 'items_category' },
  },
  // Grouped regardless of capitals (as the filter matches), shown as one of the spellings.
  medication: {
    key: 'g.medication_name COLLATE NOCASE',
    label: 'MAX(g.medication_name)',
    table: 'items',
    indexes: { counts: 'items_medication', cases: 'items_medication_cases' },
  },
  bodyRegion: {
    key: 'g.region',
    label: 'g.region',
    table: 'item_regions',
    indexes: { counts: 'item_regions_region', cases: 'item_regions_cases' },
  },
  guideline: {
    key: 'g.source',
    label: 'g.source',
    table: 'item_guidelines',
    indexes: { counts: 'item_guidelines_source', cases: 'item_guidelines_cases' },
  },
  specialty: { key: 'g.specialty', label: 'MAX(g.specialty)', table: 'case_specialties' },
  priority: { key: 'c.priority COLLATE NOCASE', label: 'MAX(c.priority)', table: 'cases' },
  // Grouped by day first (the order of the index it reads), then the few days of each month: no sort of every case.
  month: { key: 'substr(c.decision_date, 1, 7)', label: 'substr(c.decision_date, 1, 7)', table: 'cases' },
};

/** The figures over item rows `a` (items, or a list's rows, which carry the item's values) in one pass. */
const itemFigures = (a: string) => `COUNT(*) AS items, COUNT(DISTINCT ${a}.case_id) AS cases,
  COALESCE(SUM(${a}.decision = 'Upheld'), 0) AS upheld, COALESCE(SUM(${a}.decision = 'Overturned'), 0) AS overturned,
  COALESCE(SUM(${a}.decision IS NULL), 0) AS undecided, COALESCE(SUM(${a}.modified), 0) AS modified`;

/** A row's counts of items as SQL expressions: the items, and of them the upheld, the overturned, the modified. */
interface Counts {
  items: string;
  upheld: string;
  overturned: string;
  modified: string;
}

/** The counts row `a` holds in its own columns (`cases`, `case_values`, `case_specialties`, temp.matched_cases). */
const ownColumns = (a: string): Counts => ({
  items: `${a}.item_count`,
  upheld: `${a}.upheld`,
  overturned: `${a}.overturned`,
  modified: `${a}.modified_items`,
});

/**
 * The counts of the items a decision and/or modified condition selects among those a row `a` of `cases` or
 * `case_values` counts, from its counts split by decision and modified (migration 012): e.g. under "Upheld" its
 * upheld items, of them `upheld_modified` modified; under "modified" its modified items, of them `upheld_modified`
 * upheld. Items without a decision are what the decided ones leave. A row whose count of items is 0 has no
 * matching item (its case, or its value in that case, is not selected).
 */
export function splitCounts(split: SplitConditions, a: string): Counts {
  const of = (decision: SplitConditions['decision']) =>
    decision === undefined
      ? { all: `${a}.item_count`, modified: `${a}.modified_items` }
      : decision === 'Upheld'
        ? { all: `${a}.upheld`, modified: `${a}.upheld_modified` }
        : decision === 'Overturned'
          ? { all: `${a}.overturned`, modified: `${a}.overturned_modified` }
          : {
              all: `(${a}.item_count - ${a}.upheld - ${a}.overturned)`,
              modified: `(${a}.modified_items - ${a}.upheld_modified - ${a}.overturned_modified)`,
            };
  const count = (decision: SplitConditions['decision']) => {
    const c = of(decision);
    return split.modified === undefined ? c.all : split.modified ? c.modified : `(${c.all} - ${c.modified})`;
  };
  const either = (decision: 'Upheld' | 'Overturned') =>
    split.decision === undefined || split.decision === decision ? count(decision) : '0';
  return {
    items: count(split.decision),
    upheld: either('Upheld'),
    overturned: either('Overturned'),
    modified: split.modified === false ? '0' : of(split.decision).modified,
  };
}

/**
 * The same figures from per-case counts `c` (a case's own, or of its matching
 * items): no item row is read. `cases` counts every case, letters without
 * items too (what the case list shows). Undecided items are worked out from
 * the sums, not per row (~3 ms a scan of 150,000 rows).
 */
const caseFigures = (c: Counts) => `COALESCE(SUM(${c.items}), 0) AS items, COUNT(*) AS cases,
  COALESCE(SUM(${c.upheld}), 0) AS upheld, COALESCE(SUM(${c.overturned}), 0) AS overturned,
  COALESCE(SUM(${c.items}) - SUM(${c.upheld}) - SUM(${c.overturned}), 0) AS undecided,
  COALESCE(SUM(${c.modified}), 0) AS modified`;

/** How many of the rows summed have items (counts `c`). */
const withItems = (c: Counts) => `COALESCE(SUM(${c.items} > 0), 0) AS withItems`;

/** Figures of groups added up by `key` (groups that do not overlap: cases are counted once). */
const summedFigures = `SUM(items) AS items, SUM(cases) AS cases, SUM(upheld) AS upheld,
  SUM(overturned) AS overturned, SUM(undecided) AS undecided, SUM(modified) AS modified`;

interface FigureRow {
  value: string | null;
  label: string | null;
  items: number;
  cases: number;
  upheld: number;
  overturned: number;
  undecided: number;
  modified: number;
}

/**
 * Where a call reads the per-case counts: the cases' own (no item condition),
 * worked out from them (a decision or modified condition: splitCounts), or
 * those of their matching items, counted once per call into
 * temp.matched_cases (same columns). `from` joins `cases c`; `counts` are
 * the counts as expressions; `where` keeps the selected cases.
 */
interface CaseCounts {
  from: string;
  counts: Counts;
  where: string;
  params: unknown[];
}

/**
 * Totals, turnaround and the requested breakdowns for a filter, in SQL. Per
 * call (npm run bench -- analytics): the case conditions worked out once
 * (selectCases), the item conditions once per case (matched_cases),
 * then one query per figure, each one scan of one covering index that holds
 * its groups' key, counts and the columns the conditions test (migrations
 * 006, 008) — no join per item — or, without item conditions, of the cases'
 * counts per value (case_values, migration 009).
 *
 * The last filter's figures and selected cases are kept per connection (KeptFigures) while the workspace is
 * unchanged, so a call on the same filter (the view's breakdown changed, `imr stats`'s next dimension) computes
 * only the breakdowns not yet counted.
 */
export function analytics(db: Database.Database, query: AnalyticsQuery): AnalyticsResult {
  const sql = filterSql(query.filter);
  // Below 012 the split counts are not there: the items are read as before the migration.
  if (
    sql !== 'no-match' &&
    sql.split &&
    (db.pragma('user_version', { simple: true }) as number) < MODIFIED_SPLIT_SCHEMA
  ) {
    sql.split = null;
  }
  if (sql === 'no-match') {
    return {
      cases: 0,
      totals: toGroup(emptyRow(), 'All items'),
      turnaround: turnaroundOf([]),
      breakdowns: query.by.map((dimension) => breakdownOf(dimension, [], query.limit)),
      pendingCases: pendingCases(db),
    };
  }
  const filter = filterKey(query.filter);
  // Inside a transaction, what it wrote may yet be rolled back without moving contentsVersion back: nothing is
  // reused nor kept there.
  const transaction = db.inTransaction;
  // Outside one, the call's queries read one snapshot (a read transaction of its own, committed at the end; it
  // writes only temporary tables): a commit by another process in the middle of a call would otherwise give figures
  // counted partly before and partly after it, kept as current (found by a fresh review: 3 rounds in 8 stale).
  if (!transaction) db.exec('BEGIN');
  try {
    // The snapshot's data_version: read after the snapshot is taken (the first read of the main database), so a
    // commit by another connection after it moves data_version and the next call counts everything again.
    if (!transaction) db.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get();
    const others = db.pragma('data_version', { simple: true }) as number;
    let figuresOf = keptFigures.get(db);
    if (
      transaction ||
      figuresOf?.filter !== filter ||
      figuresOf.contents !== contentsVersion(db, others) ||
      !tempTablesHeld(db, figuresOf)
    ) {
      dropKept(db);
      figuresOf = { filter, contents: '', sql: selectCases(db, sql), matched: false, byDays: null, rows: {} };
    }
    const k = figuresOf;
    try {
      const matched = () => matchedCounts(db, k);
      const split = k.sql.split;
      const counts =
        split && !split.value
          ? () => splitCaseCounts(k.sql, split)
          : hasItemConditions(k.sql)
            ? matched
            : () => ownCounts(k.sql);
      const result = figures(db, k, counts, matched, query);
      if (transaction) clearTemp(db, k);
      else {
        // Taken after this call's own writes to its temporary tables, which move total_changes(), with the
        // snapshot's data_version.
        k.contents = contentsVersion(db, others);
        keptFigures.set(db, k);
      }
      return result;
    } catch (err) {
      clearTemp(db, k);
      throw err;
    }
  } finally {
    if (!transaction && db.inTransaction) db.exec('COMMIT');
  }
}

/**
 * What analytics() keeps of the last filter it counted, per connection: the figures counted so far, and the
 * temporary tables holding its selected cases (temp.selected_cases, selectCases) and the counts of their matching
 * items (temp.matched_cases). Valid only while `contents` (damaged-reads.ts contentsVersion: a commit by another
 * connection moves data_version, any write by this one total_changes()) is what the workspace's contents are: any
 * write — an import, a correction, its undo or redo, a reparse, a write by another process — makes the next call
 * count everything again. Never reused inside a transaction.
 */
interface KeptFigures {
  /** The filter (filterKey). */
  filter: string;
  /** contentsVersion after this filter's last call, its own writes to the temporary tables included. */
  contents: string;
  /** The filter as selectCases left it (temp.selected_cases holds its cases when `caseIds` is set). */
  sql: FilterSql;
  /** Whether temp.matched_cases holds the counts of the selected cases' matching items. */
  matched: boolean;
  /** The selected cases' counts per turnaround day (the totals and the turnaround), once counted. */
  byDays: DayRow[] | null;
  /** Each breakdown's groups counted so far, before ordering and the limit (breakdownOf copies what it orders). */
  rows: Partial<Record<StatsDimension, FigureRow[]>>;
}

const keptFigures = new WeakMap<Database.Database, KeptFigures>();

/** A filter as a string that is the same for the same conditions, whatever the order of its keys. */
function filterKey(filter: CaseFilter): string {
  const sorted = (value: unknown): unknown =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([key, v]) => [key, sorted(v)]),
        )
      : value;
  return JSON.stringify(sorted(filter));
}

/** Forgets the connection's kept figures and empties their temporary tables. */
function dropKept(db: Database.Database): void {
  const k = keptFigures.get(db);
  keptFigures.delete(db);
  if (k) clearTemp(db, k);
}

function clearTemp(db: Database.Database, k: KeptFigures): void {
  if (keptFigures.get(db) === k) keptFigures.delete(db);
  if (k.matched) db.exec(`${MATCHED_CASES}; DELETE FROM temp.matched_cases;`);
  k.matched = false;
  if (k.sql.caseIds !== null) clearSelectedCases(db);
}

/**
 * Whether the temporary tables `k` counts on are still there: changing `temp_store` (the importer does, for its
 * run) drops every temporary table of the connection.
 */
function tempTablesHeld(db: Database.Database, k: KeptFigures): boolean {
  const exists = db.prepare("SELECT 1 FROM temp.sqlite_master WHERE type = 'table' AND name = ?").pluck();
  return (
    (!k.matched || exists.get('matched_cases') === 1) && (k.sql.caseIds === null || exists.get('selected_cases') === 1)
  );
}

/** The per-case counts of the selected cases' matching items (matchedCounts). */
const MATCHED_CASES = `CREATE TEMP TABLE IF NOT EXISTS matched_cases (id INTEGER PRIMARY KEY, item_count INTEGER NOT NULL,
  upheld INTEGER NOT NULL, overturned INTEGER NOT NULL, modified_items INTEGER NOT NULL)`;

/**
 * The cases' own counts, for a filter without item conditions: conditions
 * on the case's days as they are (its turnaround or decision-day index
 * reads them as one range), others as the selected cases.
 */
function ownCounts(sql: FilterSql): CaseCounts {
  const counts = ownColumns('c');
  const days = dayFactsWhere(sql, 'c');
  if (days) return { from: 'cases c', counts, where: `WHERE ${days.clauses.join(' AND ')}`, params: days.params };
  const cases = caseWhere(sql);
  return { from: `cases c ${sql.joins}`, counts, where: cases.where, params: cases.params };
}

/**
 * The counts of the matching items of the cases, for a filter whose item conditions are a decision and/or
 * modified condition alone (no value): worked out from each case's own counts split by decision and modified
 * (migration 012), the cases without a matching item left out — no item read. The case conditions as ownCounts
 * takes them.
 */
function splitCaseCounts(sql: FilterSql, split: SplitConditions): CaseCounts {
  const counts = splitCounts(split, 'c');
  const matching = `${counts.items} > 0`;
  const days = dayFactsWhere(sql, 'c');
  if (days) {
    return {
      from: 'cases c',
      counts,
      where: `WHERE ${[...days.clauses, matching].join(' AND ')}`,
      params: days.params,
    };
  }
  const cases = caseWhere({ ...sql, itemClauses: [], itemJoins: '' });
  const where = cases.where ? `${cases.where} AND ${matching}` : `WHERE ${matching}`;
  return { from: `cases c ${sql.joins}`, counts, where, params: cases.params };
}

/**
 * Where a filter of one item value (ODG, a category, "no region") and at most
 * conditions on the case's days finds each matching case's counts of its
 * matching items with the case's days: its case_values rows of that value
 * (migration 011), a range of an index that holds them by turnaround or by
 * decision day. Null for other filters.
 */
function valueDays(sql: FilterSql): { where: string; params: unknown[]; index: string; counts: Counts } | null {
  // One value with a decision and/or modified condition: the rows' counts split by them (migration 012).
  const one = sql.itemValue ?? sql.split?.value;
  if (!one || (sql.caseClauses.length > 0 && !sql.onlyDayFacts)) return null;
  const { dimension, value } = one;
  const counts = sql.itemValue || !sql.split ? ownColumns('g') : splitCounts(sql.split, 'g');
  const matching = sql.itemValue ? [] : [`${counts.items} > 0`];
  const days = dayFactsWhere(sql, 'g') ?? { clauses: [], params: [] };
  const same = dimension === 'medication' ? 'lower(?)' : '?';
  return {
    counts,
    where: ['WHERE g.dimension = ?', `g.value = ${same}`, ...days.clauses, ...matching].join(' AND '),
    params: [dimension, value, ...days.params],
    // The range the conditions name (the other day is tested on the index's rows), else the grouping's order.
    index: sql.dayRange === 'decision_date' ? 'case_values_day' : 'case_values_turnaround',
  };
}

/**
 * The per-case counts of the selected cases' matching items, counted into temp.matched_cases when a figure first
 * asks for them (a call whose figures all read case_values by day never does): for each selected case with a
 * matching item, the counts of its matching items (one pass over them, in case order). Connection-private; kept
 * with the filter's figures (KeptFigures).
 */
function matchedCounts(db: Database.Database, k: KeptFigures): CaseCounts {
  if (!k.matched) {
    countMatchedCases(db, k.sql);
    k.matched = true;
  }
  return { from: 'temp.matched_cases m JOIN cases c ON c.id = m.id', counts: ownColumns('m'), where: '', params: [] };
}

function countMatchedCases(db: Database.Database, sql: FilterSql): void {
  db.exec(`${MATCHED_CASES}; DELETE FROM temp.matched_cases;`);
  if (sql.split) {
    // A decision and/or modified condition (and at most one value): each case's counts of its matching items
    // worked out from its counts split by them (migration 012) — of the value's case_values row, else of the case
    // row — no item read; in case order.
    const one = sql.split.value;
    const a = one ? 'g' : 'c';
    const counts = splitCounts(sql.split, a);
    const select = `SELECT ${a}.${one ? 'case_id' : 'id'}, ${counts.items}, ${counts.upheld}, ${counts.overturned},
      ${counts.modified}`;
    if (one) {
      const cases = factsWhere({ ...sql, facts: [] }, 'g');
      const where = [...(cases.where ? [cases.where.replace(/^WHERE /, '')] : []), 'g.dimension = ?'];
      const same = one.dimension === 'medication' ? 'lower(?)' : '?';
      const index = fewCases(sql) ? '' : 'INDEXED BY case_values_value';
      db.prepare(
        `INSERT INTO temp.matched_cases ${select} FROM case_values g ${index}
         WHERE ${[...where, `g.value = ${same}`, `${counts.items} > 0`].join(' AND ')} ORDER BY g.case_id`,
      ).run(...cases.params, one.dimension, one.value);
    } else {
      const cases = caseWhere({ ...sql, itemClauses: [], itemJoins: '' });
      const where = cases.where ? `${cases.where} AND ${counts.items} > 0` : `WHERE ${counts.items} > 0`;
      db.prepare(`INSERT INTO temp.matched_cases ${select} FROM cases c ${sql.joins} ${where} ORDER BY c.id`).run(
        ...cases.params,
      );
    }
  } else if (sql.itemValue) {
    // One value's items: each case's counts of them are its case_values row (migration 009), no item read; in
    // case order (case_values_value), so each insert appends (in the order of case_values_day, which SQLite
    // otherwise picks: 86 ms instead of ~20 at ODG).
    const { dimension, value } = sql.itemValue;
    const cases = factsWhere({ ...sql, facts: [] }, 'g');
    const same = dimension === 'medication' ? 'lower(?)' : '?';
    const where = cases.where ? `${cases.where} AND` : 'WHERE';
    const index = fewCases(sql) ? '' : 'INDEXED BY case_values_value';
    db.prepare(
      `INSERT INTO temp.matched_cases SELECT g.case_id, g.item_count, g.upheld, g.overturned, g.modified_items
       FROM case_values g ${index} ${where} g.dimension = ? AND g.value = ${same}`,
    ).run(...cases.params, dimension, value);
  } else {
    // With a category among the conditions, its items are one range of items_category, in case order (a
    // physical therapy click-through: 1 item in 5 read instead of every item).
    const items = factsWhere(sql, 'i');
    const index = sql.category !== null ? 'items_category' : 'items_cases';
    db.prepare(
      `INSERT INTO temp.matched_cases SELECT i.case_id, COUNT(*), COALESCE(SUM(i.decision = 'Upheld'), 0),
         COALESCE(SUM(i.decision = 'Overturned'), 0), SUM(i.modified)
       FROM items i ${indexedBy(sql, items, index)} ${items.joins} ${items.where} GROUP BY i.case_id`,
    ).run(...items.params);
  }
}

/**
 * analytics() for a filter that can match something, its conditions worked out once: what `k` does not hold yet is
 * counted into it.
 */
function figures(
  db: Database.Database,
  k: KeptFigures,
  counts: () => CaseCounts,
  matched: () => CaseCounts,
  query: AnalyticsQuery,
): AnalyticsResult {
  const sql = k.sql;
  const byDays = (k.byDays ??= daysOf(db, sql, counts, query, k.rows));
  const caseTotals = sumRows(byDays);
  // As everywhere, the cases of a group of items are the cases that have one (with item conditions, all of them).
  const totals = { ...caseTotals, cases: hasItemConditions(sql) ? caseTotals.cases : caseTotals.withItems };
  const breakdowns = query.by.map((dimension) =>
    breakdownOf(
      dimension,
      (k.rows[dimension] ??= groupRows(db, sql, counts, matched, dimension, { ...totals, value: null, label: null })),
      query.limit,
    ),
  );
  return {
    cases: caseTotals.cases,
    totals: toGroup({ ...totals, value: null, label: null }, 'All items'),
    turnaround: turnaroundOf(byDays.map((r) => ({ days: r.days, cases: r.cases }))),
    breakdowns,
    pendingCases: pendingCases(db),
  };
}

/**
 * The selected cases' counts per turnaround day, in day order (summed for the totals); the month trend and the
 * priorities counted in the same pass go into `done` when the query asks for them.
 */
function daysOf(
  db: Database.Database,
  sql: FilterSql,
  counts: () => CaseCounts,
  query: AnalyticsQuery,
  done: Partial<Record<StatsDimension, FigureRow[]>>,
): DayRow[] {
  const all = <R>(text: string, params: unknown[]) => db.prepare(text).all(...params) as R[];
  const byValue = valueDays(sql);
  // One pass over the selected cases: their counts per turnaround day, summed for the totals.
  if (byValue) {
    return all(
      `SELECT g.turnaround_days AS days, ${caseFigures(byValue.counts)}, ${withItems(byValue.counts)}
       FROM case_values g INDEXED BY ${byValue.index} ${byValue.where}
       GROUP BY g.turnaround_days ORDER BY g.turnaround_days`,
      byValue.params,
    );
  }
  if ((query.by.includes('month') || query.by.includes('priority')) && caseGroupsWithDays(sql)) {
    // The month trend and the priorities in the same pass, grouped by day, month and priority: each case tested
    // once against the selected or matching cases instead of once per figure (a search matching 42 % of the
    // cases, or "modified" under item conditions: 94 ms instead of 123, 79 instead of 110 for the month), the sets
    // of groups summed here.
    const month = query.by.includes('month');
    const priority = query.by.includes('priority');
    const c = counts();
    const rows = all<DayRow & { month: string | null; priority: string | null; priorityLabel: string | null }>(
      `SELECT c.turnaround_days AS days, ${month ? 'substr(c.decision_date, 1, 7)' : 'NULL'} AS month,
         ${priority ? `${GROUPING.priority.key} AS priority, ${GROUPING.priority.label}` : 'NULL AS priority, NULL'}
           AS priorityLabel,
         ${caseFigures(c.counts)}, ${withItems(c.counts)}
       FROM ${c.from} ${c.where}
       GROUP BY c.turnaround_days${month ? ', substr(c.decision_date, 1, 7)' : ''}${priority ? `, ${GROUPING.priority.key}` : ''}`,
      c.params,
    );
    const byDays = [...sumBy(rows, (r) => r.days)]
      .map(([days, sum]) => ({ ...sum, days }))
      .sort((a, b) => (a.days ?? -Infinity) - (b.days ?? -Infinity));
    if (month) done.month = [...sumBy(rows, (r) => r.month)].map(([m, sum]) => ({ ...sum, value: m, label: m }));
    if (priority) {
      // Grouped as SQLite groups `priority COLLATE NOCASE` (ASCII letters folded), shown as the greatest spelling,
      // as MAX(c.priority) (bytes of UTF-8) picks it over the whole group.
      const labels = new Map<string | null, string | null>();
      for (const r of rows) {
        const key = r.priority === null ? null : nocase(r.priority);
        const seen = labels.get(key);
        if (seen === undefined || (seen !== null && r.priorityLabel !== null && utf8After(r.priorityLabel, seen))) {
          labels.set(key, r.priorityLabel);
        }
      }
      done.priority = [...sumBy(rows, (r) => (r.priority === null ? null : nocase(r.priority)))].map(([key, sum]) => {
        const label = labels.get(key) ?? null;
        return { ...sum, value: label, label };
      });
    }
    return byDays;
  }
  const c = counts();
  return all(
    `SELECT c.turnaround_days AS days, ${caseFigures(c.counts)}, ${withItems(c.counts)}
     FROM ${c.from} ${c.where} GROUP BY c.turnaround_days ORDER BY c.turnaround_days`,
    c.params,
  );
}

type DayRow = FigureRow & { days: number | null; withItems: number };

/**
 * Whether the month trend and the priorities are counted in the turnaround's pass (figures): when the cases are a
 * part of all of them tested one by one — matching items counted per case, or cases selected into a table — and
 * not a range of the cases' own day indexes. Without conditions, sorting every case by day and month costs more
 * than a second pass in the order of each index (98 ms against 64).
 */
function caseGroupsWithDays(sql: FilterSql): boolean {
  return hasItemConditions(sql) || (sql.caseIds !== null && dayFactsWhere(sql, 'c') === null);
}

/** SQLite's NOCASE: ASCII capitals folded, nothing else. */
function nocase(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** Whether `a` sorts after `b` as SQLite's BINARY collation (bytes of UTF-8) sorts them. */
function utf8After(a: string, b: string): boolean {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')) > 0;
}

/** Rows' figures (and cases with items, where the rows have them) added up per key, in no particular order. */
function sumBy<R extends FigureRow & { withItems?: number }, K>(rows: R[], key: (row: R) => K): Map<K, DayRow> {
  const sums = new Map<K, DayRow>();
  for (const r of rows) {
    const k = key(r);
    let sum = sums.get(k);
    if (!sum) sums.set(k, (sum = { ...emptyRow(), days: null, withItems: 0 }));
    sum.items += r.items;
    sum.cases += r.cases;
    sum.upheld += r.upheld;
    sum.overturned += r.overturned;
    sum.undecided += r.undecided;
    sum.modified += r.modified;
    sum.withItems += r.withItems ?? 0;
  }
  return sums;
}

/**
 * The one group of a breakdown whose value the item conditions fix: a category breakdown under a category
 * condition, or the "none" group of body region, guideline or medication under a condition asking for none (an
 * item without a region has the one list row '', migration 006). Every matching item is in it, so its figures are
 * the totals (no scan: "no region" by body region was a scan of every region row, 50–60 ms). Null for other
 * breakdowns.
 */
function oneGroup(sql: FilterSql, dimension: StatsDimension, totals: FigureRow): FigureRow[] | null {
  let value: string | null;
  if (dimension === 'category' && sql.category !== null) value = sql.category;
  else if ((sql.noneOf as readonly StatsDimension[]).includes(dimension)) value = null;
  else return null;
  return totals.items > 0 ? [{ ...totals, value, label: value }] : [];
}

/** The groups of one dimension, before ordering and the limit. */
function groupRows(
  db: Database.Database,
  sql: FilterSql,
  caseCounts: () => CaseCounts,
  matched: () => CaseCounts,
  dimension: StatsDimension,
  totals: FigureRow,
): FigureRow[] {
  const g = GROUPING[dimension];
  const all = (text: string, params: unknown[]) => db.prepare(text).all(...params) as FigureRow[];
  const select = `SELECT ${g.key} AS value, ${g.label} AS label`;
  const one = oneGroup(sql, dimension, totals);
  if (one) return one;
  let rows: FigureRow[];
  const byValue = valueDays(sql);
  if (dimension === 'month' && byValue) {
    // The matching cases per decision day from their value's rows (migration 011), then the few days of each month.
    rows = all(
      `SELECT substr(day, 1, 7) AS value, substr(day, 1, 7) AS label, ${summedFigures}
       FROM (SELECT g.decision_date AS day, ${caseFigures(byValue.counts)} FROM case_values g INDEXED BY case_values_day
             ${byValue.where} GROUP BY g.decision_date)
       GROUP BY substr(day, 1, 7)`,
      byValue.params,
    );
  } else if (g.table === 'cases') {
    const counts = caseCounts();
    const c = counts.counts;
    rows =
      dimension === 'month'
        ? all(
            `SELECT substr(day, 1, 7) AS value, substr(day, 1, 7) AS label, ${summedFigures}
             FROM (SELECT c.decision_date AS day, ${caseFigures(c)} FROM ${counts.from} ${counts.where}
                   GROUP BY c.decision_date)
             GROUP BY substr(day, 1, 7)`,
            counts.params,
          )
        : all(`${select}, ${caseFigures(c)} FROM ${counts.from} ${counts.where} GROUP BY ${g.key}`, counts.params);
  } else if (g.table === 'case_specialties') {
    // The list's rows carry the case's own counts; with item conditions, those of its matching items.
    if (hasItemConditions(sql)) {
      matched();
      rows = all(
        `${select}, ${caseFigures(ownColumns('m'))} FROM case_specialties g JOIN temp.matched_cases m ON m.id = g.case_id
         GROUP BY ${g.key}`,
        [],
      );
    } else {
      const cases = factsWhere(sql, 'g');
      rows = all(
        `${select}, ${caseFigures(ownColumns('g'))} FROM case_specialties g ${cases.where} GROUP BY ${g.key}`,
        cases.params,
      );
    }
  } else if (!hasItemConditions(sql) || (sql.split && !sql.split.value && dimension !== 'medication')) {
    // Case conditions only (or none): the cases' own counts per value (migration 009), one row per (case, value),
    // read in value order from its covering index; the rows of a value are its cases. A few selected cases are
    // looked up one by one instead (SQLite, without statistics, would read the dimension's every row and test it).
    // A decision or modified condition alone: the same rows' counts split by them (migration 012), the rows
    // without a matching item left out. (Not for medication: its label is the greatest spelling among the matching
    // items, and a row's is among all of the case's.)
    const counts = sql.split ? splitCounts(sql.split, 'g') : ownColumns('g');
    const matching = sql.split ? [`${counts.items} > 0`] : [];
    const label = dimension === 'medication' ? 'MAX(g.label)' : 'g.value';
    const counted = `SELECT g.value AS value, ${label} AS label, ${caseFigures(counts)}`;
    const days = dayFactsWhere(sql, 'g');
    if (fewCases(sql) && !(days && sql.caseIdsShare * DAYS_TESTED > 1)) {
      rows = all(
        `${counted} FROM ${sql.caseIds} s CROSS JOIN case_values g ON g.case_id = s.id AND g.dimension = ?
         ${matching.length ? `WHERE ${matching.join(' AND ')}` : ''} GROUP BY g.value`,
        [dimension],
      );
    } else if (days) {
      // Conditions on the case's days only: a test of each row's own columns (migration 011), no search per row
      // (past DAYS_TESTED).
      rows = all(
        `${counted} FROM case_values g INDEXED BY case_values_value
         WHERE ${['g.dimension = ?', ...days.clauses, ...matching].join(' AND ')} GROUP BY g.value`,
        [dimension, ...days.params],
      );
    } else {
      const cases = factsWhere({ ...sql, facts: [] }, 'g');
      const where = [...(cases.where ? [cases.where.replace(/^WHERE /, '')] : []), 'g.dimension = ?', ...matching];
      rows = all(
        `${counted} FROM case_values g INDEXED BY case_values_value WHERE ${where.join(' AND ')} GROUP BY g.value`,
        [...cases.params, dimension],
      );
    }
  } else {
    // Two scans, each in the order of its own covering index (migration 008), so neither sorts: the items per
    // value, decision and modified flag (added up per value), and the distinct cases per value, which SQLite
    // counts without a temporary B-tree only when that is the query's one aggregate over (value, case_id).
    const items = factsWhere(sql, 'g');
    if (fewCases(sql)) {
      // A few cases, looked up one by one: their rows come in case order, so any grouping sorts; one pass.
      rows = all(
        `${select}, ${itemFigures('g')} FROM ${g.table} g ${items.joins} ${items.where} GROUP BY ${g.key}`,
        items.params,
      );
      return noneAsNull(rows);
    }
    const from = (index: string) => `FROM ${g.table} g ${indexedBy(sql, items, index)} ${items.joins} ${items.where}`;
    const same = g.key.endsWith('COLLATE NOCASE') ? 'COLLATE NOCASE' : '';
    rows = all(
      `WITH f AS (SELECT ${g.key} AS value, ${g.label} AS label, g.decision AS decision, g.modified AS modified,
                    COUNT(*) AS n ${from(g.indexes!.counts)} GROUP BY ${g.key}, g.decision, g.modified),
            d AS (SELECT ${g.key} AS value, COUNT(DISTINCT g.case_id) AS cases ${from(g.indexes!.cases)}
                  GROUP BY ${g.key})
       SELECT f.value AS value, MAX(f.label) AS label, SUM(f.n) AS items, d.cases AS cases,
         TOTAL(CASE WHEN f.decision = 'Upheld' THEN f.n END) AS upheld,
         TOTAL(CASE WHEN f.decision = 'Overturned' THEN f.n END) AS overturned,
         TOTAL(CASE WHEN f.decision IS NULL THEN f.n END) AS undecided, TOTAL(f.n * f.modified) AS modified
       FROM f JOIN d ON d.value IS f.value ${same} GROUP BY f.value ${same}`,
      [...items.params, ...items.params],
    );
  }
  return noneAsNull(rows);
}

/** '' is a list's "none" row. */
function noneAsNull(rows: FigureRow[]): FigureRow[] {
  return rows.map((r) => (r.value === '' ? { ...r, value: null, label: null } : r));
}

/**
 * Past 1 in DAYS_TESTED of all cases, conditions on the case's days alone are tested on each case_values row of a
 * breakdown rather than each selected case's rows looked up (100,000 cases, npm run bench -- analytics: a turnaround
 * range of 30 % of the cases 104 ms looked up, 52 read through; a month of 4 % 13 ms looked up, ~25 read through).
 */
const DAYS_TESTED = 10;

/** Whether the case conditions selected few enough cases to look each up (selectCases). */
function fewCases(sql: FilterSql): boolean {
  return sql.caseIds !== null && sql.caseIdsScan === '';
}

/**
 * `INDEXED BY index` when a query should read that covering index through:
 * SQLite has no statistics here (no ANALYZE) and, for a condition on a column
 * some narrower index starts with (decision, medication), looks each match up
 * in the table instead — or reads the other of a breakdown's two indexes and
 * sorts. Not when a few selected cases are looked up one by one
 * (selectCases), nor when a named region is joined (SQLite starts from
 * that region's rows).
 */
function indexedBy(sql: FilterSql, facts: { joins: string }, index: string): string {
  return fewCases(sql) || facts.joins !== '' ? '' : `INDEXED BY ${index}`;
}

function emptyRow(): FigureRow {
  return { value: null, label: null, items: 0, cases: 0, upheld: 0, overturned: 0, undecided: 0, modified: 0 };
}

/** Figures of groups that do not overlap, added up (`withItems` too, where the rows have it). */
function sumRows<R extends FigureRow & { withItems?: number }>(rows: R[]): FigureRow & { withItems: number } {
  return sumBy(rows, () => null).get(null) ?? { ...emptyRow(), withItems: 0 };
}

function toGroup(row: FigureRow, label: string): StatsGroup {
  const decided = row.upheld + row.overturned;
  return {
    value: row.value,
    label,
    items: row.items,
    cases: row.cases,
    upheld: row.upheld,
    overturned: row.overturned,
    undecided: row.undecided,
    upheldRate: wilsonInterval(row.upheld, decided),
    overturnedRate: wilsonInterval(row.overturned, decided),
    modified: wilsonInterval(row.modified, row.items),
  };
}

/**
 * Groups in reading order: months by the calendar, others largest first (ties
 * by label); the group without a value always last, whatever its size. Past
 * `limit`, the smallest groups are left out and counted.
 */
function breakdownOf(dimension: StatsDimension, rows: FigureRow[], limit: number): StatsBreakdown {
  const def = DIMENSIONS[dimension];
  const none = rows.find((r) => r.value === null);
  const valued = rows.filter((r) => r.value !== null);
  valued.sort((a, b) => b.items - a.items || String(a.label).localeCompare(String(b.label)));
  const kept = valued.slice(0, Math.max(0, limit - (none ? 1 : 0)));
  const left = valued.slice(kept.length);
  if (dimension === 'month') kept.sort((a, b) => String(a.value).localeCompare(String(b.value)));
  const groups = kept.map((r) => toGroup({ ...r, value: r.label ?? r.value }, r.label ?? String(r.value)));
  if (none) groups.push(toGroup(none, def.noneLabel));
  return {
    dimension,
    label: def.label,
    note: def.note,
    groups,
    omitted: { groups: left.length, items: left.reduce((sum, r) => sum + r.items, 0) },
  };
}

/**
 * Quantiles interpolate between neighbouring cases (R type 7, Excel
 * PERCENTILE.INC, numpy's default), computed from the per-day counts.
 */
export function turnaroundOf(counts: { days: number | null; cases: number }[]): TurnaroundStats {
  const known = counts.filter((c): c is { days: number; cases: number } => c.days !== null);
  const missing = counts.filter((c) => c.days === null).reduce((sum, c) => sum + c.cases, 0);
  const n = known.reduce((sum, c) => sum + c.cases, 0);
  // The k-th smallest (0-based) from the run-length counts.
  const nth = (k: number): number => {
    let seen = 0;
    for (const c of known) {
      seen += c.cases;
      if (k < seen) return c.days;
    }
    return known[known.length - 1]!.days;
  };
  const quantile = (q: number): number | null => {
    if (n === 0) return null;
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    const a = nth(lo);
    return turnaroundDays(a + (h - lo) * (nth(Math.min(n - 1, lo + 1)) - a));
  };
  const sum = known.reduce((total, c) => total + c.days * c.cases, 0);
  return {
    cases: n,
    missing,
    min: n ? known[0]!.days : null,
    p25: quantile(0.25),
    median: quantile(0.5),
    p75: quantile(0.75),
    p90: quantile(0.9),
    max: n ? known[known.length - 1]!.days : null,
    mean: n ? turnaroundDays(sum / n) : null,
    bins: TURNAROUND_BINS.map((bin) => ({
      ...bin,
      cases: known
        .filter((c) => (bin.min === null || c.days >= bin.min) && (bin.max === null || c.days <= bin.max))
        .reduce((total, c) => total + c.cases, 0),
    })),
  };
}

function pendingCases(db: Database.Database): number {
  return db.prepare('SELECT COUNT(*) FROM projection_pending').pluck().get() as number;
}
