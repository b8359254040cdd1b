/**
 * Reading ahead what the Analytics view reads first, into the connection's
 * page cache (issue 17: the view's first paint under 1 s, any call under
 * 300 ms). A connection starts with an empty cache, and its first view call
 * read ~40 MB of index pages from the file: at 100,000 cases 0.4–1.4 s in a
 * host just started against ~0.15 s once they were read. The pages are read
 * in slices of one index range each (a few ms), so whoever runs the slices
 * can let a user's call in between them (backend/service/warm-up.ts).
 *
 * In the order a reviewer meets them: the cases' counts per value of the
 * breakdowns the view opens on (case_values, migration 009), the turnaround
 * and month indexes the view's totals and trend read (~19 MiB at 100,000
 * cases), then what a click on a bar (decision and category) reads: the
 * items' indexes by category and by case (~29 MiB). Other breakdowns and the
 * lists' item-level indexes are left to the calls: with these they would
 * exceed the 64 MiB cache (database.ts `useLargeCache`) and push the first
 * ones out.
 */
import type Database from 'better-sqlite3';

/** The breakdowns whose case_values are read ahead (the renderer's Analytics view opens on these). */
const FIRST_DIMENSIONS = ['category', 'bodyRegion'] as const;

/** Case ids per slice of an index that starts with the case (~12,500 rows of items_cases at 2.5 items a case). */
const CASES_PER_SLICE = 5_000;

/**
 * One slice per value of an index's leading column (after `prefix`, fixed
 * equalities on the columns before it): that value's range of the index,
 * counted, which reads its pages; then the NULLs. Values are found by seeking
 * past the last one, so no slice reads more than its own range and the next
 * key. `index` pins the index (SQLite would read another that has the column);
 * none for a table's own key.
 */
function* rangesOf(
  db: Database.Database,
  table: string,
  index: string | null,
  column: string,
  prefix: { sql: string; params: unknown[] } = { sql: '', params: [] },
): Generator<void> {
  const from = `${table}${index ? ` INDEXED BY ${index}` : ''} WHERE ${prefix.sql ? `${prefix.sql} AND` : ''}`;
  const first = db.prepare(`SELECT ${column} FROM ${from} ${column} IS NOT NULL ORDER BY ${column} LIMIT 1`).pluck();
  const next = db.prepare(`SELECT ${column} FROM ${from} ${column} > ? ORDER BY ${column} LIMIT 1`).pluck();
  const count = db.prepare(`SELECT COUNT(*) FROM ${from} ${column} = ?`).pluck();
  let value: unknown = first.get(...prefix.params);
  while (value !== undefined) {
    count.get(...prefix.params, value);
    yield;
    value = next.get(...prefix.params, value);
  }
  db.prepare(`SELECT COUNT(*) FROM ${from} ${column} IS NULL`)
    .pluck()
    .get(...prefix.params);
  yield;
}

/** Slices of an index whose leading column is a case id: CASES_PER_SLICE ids each. */
function* caseRangesOf(db: Database.Database, table: string, index: string): Generator<void> {
  const last = db.prepare(`SELECT MAX(case_id) FROM ${table} INDEXED BY ${index}`).pluck().get() as number | null;
  const count = db
    .prepare(`SELECT COUNT(*) FROM ${table} INDEXED BY ${index} WHERE case_id >= ? AND case_id < ?`)
    .pluck();
  for (let from = 0; last !== null && from <= last; from += CASES_PER_SLICE) {
    count.get(from, from + CASES_PER_SLICE);
    yield;
  }
}

/**
 * The slices, in order; each `next()` reads one. Stops early (returns) on a
 * workspace without the analytics projection. Reads only; SQLite errors
 * (a damaged page) are the caller's to catch.
 */
export function* analyticsWarmUp(db: Database.Database): Generator<void> {
  const hasCaseValues = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'case_values'")
    .pluck()
    .get();
  if (hasCaseValues === undefined) return;
  const dimension = (d: string) => ({ sql: 'dimension = ?', params: [d] });
  for (const d of FIRST_DIMENSIONS) yield* rangesOf(db, 'case_values', 'case_values_value', 'value', dimension(d));
  yield* rangesOf(db, 'cases', 'cases_turnaround', 'turnaround_days');
  yield* rangesOf(db, 'cases', 'cases_stats', 'decision_date');
  yield* caseRangesOf(db, 'items', 'items_cases');
  yield* rangesOf(db, 'items', 'items_stats', 'category');
  yield* rangesOf(db, 'items', 'items_category', 'category');
}
