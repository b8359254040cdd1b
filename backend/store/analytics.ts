/**
 * The letters in aggregate (issue 17), in SQL over the projection of effective
 * values (items, item_regions, item_guidelines, case_specialties, the case
 * columns): nothing but the figures leaves the database. Definitions of the
 * dimensions and figures: shared/domain/analytics.ts.
 */
import type Database from 'better-sqlite3';
import type { CaseFilter } from '../../shared/api/contract';
import {
  DIMENSIONS,
  TURNAROUND_BINS,
  wilsonInterval,
  type AnalyticsResult,
  type StatsBreakdown,
  type StatsDimension,
  type StatsGroup,
  type TurnaroundStats,
} from '../../shared/domain/analytics';
import { caseWhere, filterSql, hasItemConditions, itemWhere, withCasesSelected, type FilterSql } from './case-filter';

export interface AnalyticsQuery {
  filter: CaseFilter;
  by: readonly StatsDimension[];
  /** Groups per breakdown; the smallest beyond it are counted as omitted. */
  limit: number;
}

/**
 * How a dimension groups: its key, what a reader sees, and (lists) the table
 * with a row per value ('' = none, migration 006), whose rows carry the item's
 * decision and modified flag so a breakdown reads that table alone.
 */
interface Grouping {
  key: string;
  label: string;
  /** Lists: the table (alias g) with a row per value of an item ('item') or a case ('case'). */
  list?: string;
}

const GROUPING: Record<StatsDimension, Grouping> = {
  category: { key: 'i.category', label: 'i.category' },
  // Grouped regardless of capitals (as the filter matches), shown as one of the spellings.
  medication: { key: 'i.medication_name COLLATE NOCASE', label: 'MAX(i.medication_name)' },
  priority: { key: 'c.priority COLLATE NOCASE', label: 'MAX(c.priority)' },
  month: { key: 'substr(c.decision_date, 1, 7)', label: 'substr(c.decision_date, 1, 7)' },
  bodyRegion: { key: 'g.region', label: 'g.region', list: 'item_regions' },
  guideline: { key: 'g.source', label: 'g.source', list: 'item_guidelines' },
  specialty: { key: 'g.specialty', label: 'MAX(g.specialty)', list: 'case_specialties' },
};

/** The figures over item rows `a` (items, or a list's rows, which carry decision and modified). */
const itemFigures = (a: string) => `COUNT(*) AS items, COUNT(DISTINCT ${a}.case_id) AS cases,
  COALESCE(SUM(${a}.decision = 'Upheld'), 0) AS upheld, COALESCE(SUM(${a}.decision = 'Overturned'), 0) AS overturned,
  COALESCE(SUM(${a}.decision IS NULL), 0) AS undecided, COALESCE(SUM(${a}.modified), 0) AS modified`;

/**
 * The same figures from the cases' own counts, when no item condition
 * applies: no item row is read. `cases` counts every case, letters without
 * items too (what the case list shows).
 */
const caseFigures = (a: string) => `COALESCE(SUM(${a}.item_count), 0) AS items, COUNT(*) AS cases,
  COALESCE(SUM(${a}.upheld), 0) AS upheld, COALESCE(SUM(${a}.overturned), 0) AS overturned,
  COALESCE(SUM(${a}.item_count - ${a}.upheld - ${a}.overturned), 0) AS undecided,
  COALESCE(SUM(${a}.modified_items), 0) AS modified`;
const CASE_FIGURES = caseFigures('c');

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
 * Totals, turnaround and the requested breakdowns for a filter. Each figure is
 * one SQL query shaped to read as little as it can: the cases' counts when no
 * item condition applies, a list's own rows for a list, the covering indexes
 * of migration 006 otherwise.
 */
export function analytics(db: Database.Database, query: AnalyticsQuery): AnalyticsResult {
  const sql = filterSql(query.filter);
  if (sql === 'no-match') {
    return {
      cases: 0,
      totals: toGroup(emptyRow(), 'All items'),
      turnaround: turnaroundOf([]),
      breakdowns: query.by.map((dimension) => breakdownOf(dimension, [], query.limit)),
      pendingCases: pendingCases(db),
    };
  }
  return withCasesSelected(db, sql, (selected) => figures(db, selected, query));
}

/** analytics() for a filter that can match something, its case conditions worked out once. */
function figures(db: Database.Database, sql: FilterSql, query: AnalyticsQuery): AnalyticsResult {
  const plan = new QueryPlan(sql);
  const all = <R>(text: string, params: unknown[]) => db.prepare(text).all(...params) as R[];

  // One pass over the selected cases: their counts per turnaround day, summed below for the totals.
  const cases = caseWhere(sql);
  const byDays = all<FigureRow & { days: number | null; withItems: number }>(
    `SELECT c.turnaround_days AS days, ${CASE_FIGURES}, COALESCE(SUM(c.item_count > 0), 0) AS withItems
     FROM cases c ${sql.joins} ${cases.where} GROUP BY c.turnaround_days ORDER BY c.turnaround_days`,
    cases.params,
  );
  const caseTotals = sumRows(byDays);
  const rowsBy = new Map(query.by.map((dimension) => [dimension, groupRows(db, sql, plan, dimension)] as const));
  let totals: FigureRow;
  if (!plan.itemConditions) {
    // As everywhere, the cases of a group of items are the cases that have one.
    totals = { ...caseTotals, cases: caseTotals.withItems };
  } else {
    // Every selected case has a matching item, so the cases are the selected cases; the items are those of the
    // category groups when they were asked for (each item has exactly one category), else one more query.
    const categories = rowsBy.get('category');
    const items = itemWhere(sql, 'i.case_id');
    totals = categories
      ? sumRows(categories)
      : all<FigureRow>(`SELECT ${itemFigures('i')} FROM items i ${items.from} ${items.where}`, items.params)[0]!;
    totals = { ...totals, cases: caseTotals.cases };
  }
  const breakdowns = query.by.map((dimension) => breakdownOf(dimension, rowsBy.get(dimension)!, query.limit));
  return {
    cases: caseTotals.cases,
    totals: toGroup({ ...totals, value: null, label: null }, 'All items'),
    turnaround: turnaroundOf(byDays.map((r) => ({ days: r.days, cases: r.cases }))),
    breakdowns,
    pendingCases: pendingCases(db),
  };
}

/** Which conditions the filter has. */
class QueryPlan {
  readonly itemConditions: boolean;
  readonly caseConditions: boolean;
  constructor(sql: FilterSql) {
    this.itemConditions = hasItemConditions(sql);
    this.caseConditions = sql.caseClauses.length > 0;
  }
}

/** The groups of one dimension, before ordering and the limit. */
function groupRows(db: Database.Database, sql: FilterSql, plan: QueryPlan, dimension: StatsDimension): FigureRow[] {
  const g = GROUPING[dimension];
  const all = (text: string, params: unknown[]) => db.prepare(text).all(...params) as FigureRow[];
  const select = `SELECT ${g.key} AS value, ${g.label} AS label`;
  const groupBy = `GROUP BY ${g.key}`;
  let rows: FigureRow[];
  if (DIMENSIONS[dimension].level === 'case') {
    const listJoin = g.list ? `JOIN ${g.list} g ON g.case_id = c.id` : '';
    if (plan.itemConditions) {
      // The matching items by their case's value. Every selected case has one, so counting their distinct cases
      // counts the group's selected cases.
      const items = itemWhere(sql);
      rows = all(
        `${select}, ${itemFigures('i')} FROM items i ${items.from} JOIN cases c ON c.id = i.case_id ${sql.joins} ${listJoin} ${items.where} ${groupBy}`,
        items.params,
      );
    } else if (g.list && !plan.caseConditions) {
      // A case list's rows carry the case's counts: without conditions, that table alone.
      rows = all(`${select}, ${caseFigures('g')} FROM ${g.list} g ${groupBy}`, []);
    } else {
      // The cases' own counts: letters without items count in their group's cases too.
      const cases = caseWhere(sql);
      rows = all(
        `${select}, ${CASE_FIGURES} FROM cases c ${sql.joins} ${listJoin} ${cases.where} ${groupBy}`,
        cases.params,
      );
    }
  } else if (g.list) {
    const items = itemWhere(sql, 'g.case_id');
    const itemJoin = plan.itemConditions ? `JOIN items i ON i.case_id = g.case_id AND i.idx = g.idx ${items.from}` : '';
    rows = all(`${select}, ${itemFigures('g')} FROM ${g.list} g ${itemJoin} ${items.where} ${groupBy}`, items.params);
  } else {
    const items = itemWhere(sql, 'i.case_id');
    rows = all(`${select}, ${itemFigures('i')} FROM items i ${items.from} ${items.where} ${groupBy}`, items.params);
  }
  // '' is a list's "none" row.
  return rows.map((r) => (r.value === '' ? { ...r, value: null, label: null } : r));
}

function emptyRow(): FigureRow {
  return { value: null, label: null, items: 0, cases: 0, upheld: 0, overturned: 0, undecided: 0, modified: 0 };
}

/** Figures of groups that do not overlap, added up (`withItems` too, where the rows have it). */
function sumRows<R extends FigureRow & { withItems?: number }>(rows: R[]): FigureRow & { withItems: number } {
  const sum = { ...emptyRow(), withItems: 0 };
  for (const r of rows) {
    sum.items += r.items;
    sum.cases += r.cases;
    sum.upheld += r.upheld;
    sum.overturned += r.overturned;
    sum.undecided += r.undecided;
    sum.modified += r.modified;
    sum.withItems += r.withItems ?? 0;
  }
  return sum;
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
    return a + (h - lo) * (nth(Math.min(n - 1, lo + 1)) - a);
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
    mean: n ? sum / n : null,
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
