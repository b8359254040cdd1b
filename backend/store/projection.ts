import type { CaseFlag, LetterValues, ReviewStatus } from '../../shared/domain/case';
import type { ParsedLetter } from '../../shared/domain/letter';
import { guidelineMask } from './item-facts';
import { schemaVersionOf } from './migrations';
import { migration006Analytics } from './migrations/006-analytics';
import { migration008AnalyticsFacts } from './migrations/008-analytics-facts';
import { migration009CaseValues } from './migrations/009-case-values';
import { migration011CaseValuesDays } from './migrations/011-case-values-days';
import { migration012ModifiedByDecision } from './migrations/012-modified-by-decision';

/**
 * The projection of a case: every row and column the store derives from its
 * effective values (parse + corrections in force) for the case list, filters,
 * search, export and analytics to read. ONE definition: `projectionRows` is
 * what the writer (`refreshCaseProjection`, cases.ts) stores and what `imr
 * verify` (backend/audit/verify-content.ts) compares the stored rows with, so
 * the two cannot disagree.
 *
 * Not here, because they are not a function of one case: `cases.version` and
 * the `duplicate-case-number` flag (from the other cases with the same case
 * number: `expectedVersions`), and the full-text index (its content is the
 * `case_search_source` view over these columns and the letter).
 */

export type ProjectedValue = string | number | null;
/** One stored row: its values in the order of its table's `columns` (without case_id). */
export type ProjectedRow = ProjectedValue[];

/** How a column's values are compared (its SQLite affinity, as the writer stores JS values). */
export type ColumnKind = 'text' | 'integer' | 'real';
type Kind = ColumnKind;

interface ColumnSpec {
  name: string;
  kind: Kind;
  /** The schema version (migration) that added the column. */
  since: number;
}

export interface TableSpec {
  table: ProjectedTable;
  /** The schema version that added the table. */
  since: number;
  /** The row's columns after case_id, in the order of `ProjectedRow`. */
  columns: readonly ColumnSpec[];
  /** The columns (after case_id) that tell one row of a case from another: its primary key. */
  key: readonly string[];
  /** The stored order of a case's rows (its primary key), as SQL. */
  orderBy: string;
  /** SQL condition on the rows of the table that are projected here (case_flags: all but the duplicate flag). */
  only?: string;
}

export type ProjectedTable =
  'cases' | 'items' | 'item_regions' | 'item_guidelines' | 'case_specialties' | 'case_values' | 'case_flags';

/** Positions in the `cases` row. */
export const SUMMARY = { caseNumber: 0, status: 3, treatments: 7 } as const;

/**
 * Schema versions, each the position of its migration (migrations/index.ts `schemaVersionOf`): the analytics
 * projection (006), the item facts (008), the per-case value counts (009/010).
 */
export const ANALYTICS_SCHEMA = schemaVersionOf(migration006Analytics);
export const FACTS_SCHEMA = schemaVersionOf(migration008AnalyticsFacts);
export const CASE_VALUES_SCHEMA = schemaVersionOf(migration009CaseValues);
/**
 * Migration 011: `case_values` also carries its case's turnaround and decision day (issue 17's per-day figures);
 * the analytics read nothing older (analytics.ts `analyticsAvailable`).
 */
export const CASE_VALUES_DAYS_SCHEMA = schemaVersionOf(migration011CaseValuesDays);
/**
 * Migration 012: `cases` and `case_values` also hold the upheld and the overturned among their modified items, so a
 * decision or modified condition is counted from them (analytics.ts `splitCounts`); the analytics read nothing older.
 */
export const MODIFIED_SPLIT_SCHEMA = schemaVersionOf(migration012ModifiedByDecision);

const col = (name: string, kind: Kind, since = 1): ColumnSpec => ({ name, kind, since });
/** The item's values every analytics list row repeats (migrations 006, 008). */
const ITEM_FACTS = [
  col('decision', 'text', ANALYTICS_SCHEMA),
  col('modified', 'integer', ANALYTICS_SCHEMA),
  col('category', 'text', FACTS_SCHEMA),
  col('medication_name', 'text', FACTS_SCHEMA),
  col('guideline_mask', 'integer', FACTS_SCHEMA),
  col('region_none', 'integer', FACTS_SCHEMA),
];

/**
 * Migration 011's copied columns: each `case_values` row carries its case's `cases.turnaround_days` (a generated
 * column of the decision and application dates) and `cases.decision_date`, so the figures per day read one index.
 * They are copies of the case row, not values of the letter: the writer copies them after writing the case
 * (`CASE_DAYS_COPY_SQL`, one case) and `imr verify` checks every row still equals its case row (`CASE_DAY_COPIES`,
 * read beside the projected columns in the verify workers' one scan of each table) once the case row itself has
 * been compared with `projectionRows`. Migration 011 fills them with the same join.
 */
export const CASE_DAYS_COPY_SQL = `UPDATE case_values SET (turnaround_days, decision_date) =
  (SELECT turnaround_days, decision_date FROM cases WHERE id = @caseId) WHERE case_id = @caseId`;
/**
 * The copies (above) and the case columns they copy, by table: read after a table's projected columns by
 * `runRowsSql(spec, schema)` from CASE_VALUES_DAYS_SCHEMA on, in the same order on both sides.
 */
export const CASE_DAY_COPIES = {
  cases: ['turnaround_days', 'decision_date'],
  case_values: ['turnaround_days', 'decision_date'],
} as const satisfies Partial<Record<ProjectedTable, readonly string[]>>;

/** The projected tables, in the order `ProjectionRows` lists them. */
export const PROJECTION_TABLES: readonly TableSpec[] = [
  {
    table: 'cases',
    since: 1,
    columns: [
      col('case_number', 'text'),
      col('format', 'text'),
      col('decision_date', 'text'),
      col('status', 'text'),
      col('item_count', 'integer'),
      col('upheld', 'integer'),
      col('overturned', 'integer'),
      col('treatments', 'text'),
      col('priority', 'text', ANALYTICS_SCHEMA),
      col('application_received', 'text', ANALYTICS_SCHEMA),
      col('modified_items', 'integer', ANALYTICS_SCHEMA),
      col('upheld_modified', 'integer', MODIFIED_SPLIT_SCHEMA),
      col('overturned_modified', 'integer', MODIFIED_SPLIT_SCHEMA),
    ],
    key: [],
    orderBy: 'id',
  },
  {
    table: 'items',
    since: 1,
    columns: [
      col('idx', 'integer'),
      col('treatment', 'text'),
      col('decision', 'text'),
      col('category', 'text'),
      col('quantity', 'real'),
      col('frequency', 'text'),
      col('duration', 'text'),
      col('body_region', 'text'),
      col('conclusion', 'text'),
      col('medication_name', 'text'),
      col('modified', 'integer', ANALYTICS_SCHEMA),
      col('guideline_mask', 'integer', FACTS_SCHEMA),
      col('region_none', 'integer', FACTS_SCHEMA),
    ],
    key: ['idx'],
    orderBy: 'idx',
  },
  {
    table: 'item_regions',
    since: ANALYTICS_SCHEMA,
    columns: [col('idx', 'integer', ANALYTICS_SCHEMA), col('region', 'text', ANALYTICS_SCHEMA), ...ITEM_FACTS],
    key: ['idx', 'region'],
    orderBy: 'idx, region',
  },
  {
    table: 'item_guidelines',
    since: ANALYTICS_SCHEMA,
    columns: [col('idx', 'integer', ANALYTICS_SCHEMA), col('source', 'text', ANALYTICS_SCHEMA), ...ITEM_FACTS],
    key: ['idx', 'source'],
    orderBy: 'idx, source',
  },
  {
    table: 'case_specialties',
    since: ANALYTICS_SCHEMA,
    columns: [
      col('specialty', 'text', ANALYTICS_SCHEMA),
      col('item_count', 'integer', ANALYTICS_SCHEMA),
      col('upheld', 'integer', ANALYTICS_SCHEMA),
      col('overturned', 'integer', ANALYTICS_SCHEMA),
      col('modified_items', 'integer', ANALYTICS_SCHEMA),
    ],
    key: ['specialty'],
    orderBy: 'specialty', // COLLATE NOCASE, the column's own
  },
  {
    table: 'case_values',
    since: CASE_VALUES_SCHEMA,
    columns: [
      col('dimension', 'text', CASE_VALUES_SCHEMA),
      col('value', 'text', CASE_VALUES_SCHEMA),
      col('label', 'text', CASE_VALUES_SCHEMA),
      col('item_count', 'integer', CASE_VALUES_SCHEMA),
      col('upheld', 'integer', CASE_VALUES_SCHEMA),
      col('overturned', 'integer', CASE_VALUES_SCHEMA),
      col('modified_items', 'integer', CASE_VALUES_SCHEMA),
      col('upheld_modified', 'integer', MODIFIED_SPLIT_SCHEMA),
      col('overturned_modified', 'integer', MODIFIED_SPLIT_SCHEMA),
    ],
    key: ['dimension', 'value'],
    orderBy: 'dimension, value',
  },
  {
    table: 'case_flags',
    since: 1,
    columns: [col('flag', 'text')],
    key: ['flag'],
    orderBy: 'flag',
    only: "flag <> 'duplicate-case-number'",
  },
];

export const TABLE_SPEC = Object.fromEntries(PROJECTION_TABLES.map((t) => [t.table, t])) as Record<
  ProjectedTable,
  TableSpec
>;

/** What a case's projection is made of. */
export interface ProjectionInput {
  /** The parse in force (its warnings and OCR mark raise flags the effective values do not carry). */
  parsed: ParsedLetter;
  /** Its values with the corrections in force applied. */
  effective: LetterValues;
  status: ReviewStatus;
  /** Flags the corrections raise ('orphaned-correction'; backend/audit/effective.ts `correctionFlags`). */
  correctionFlags: readonly CaseFlag[];
}

/**
 * A case's projected rows per table, each row's values in its table's column
 * order (PROJECTION_TABLES) and the rows in their stored (primary key) order,
 * exactly as stored: one row in `cases` (its summary columns), none or more in
 * the others. `case_flags` leaves out 'duplicate-case-number' (`expectedVersions`).
 */
export type ProjectionRows = Record<ProjectedTable, ProjectedRow[]>;

const DUPLICATE_FLAG: CaseFlag = 'duplicate-case-number';

/**
 * Pure: the rows the store writes for a case (see ProjectionRows). Written as
 * plain loops: `imr verify` runs it for every case (100,000s), beside the reading.
 */
export function projectionRows(input: ProjectionInput): ProjectionRows {
  const { effective, status } = input;
  const items = effective.items;
  const itemRows: ProjectedRow[] = [];
  const regionRows: ProjectedRow[] = [];
  const guidelineRows: ProjectedRow[] = [];
  let upheld = 0;
  let overturned = 0;
  let modifiedItems = 0;
  let upheldModified = 0;
  let overturnedModified = 0;
  let treatments = '';
  for (let idx = 0; idx < items.length; idx++) {
    const item = items[idx]!;
    const decision = item.decision;
    if (decision === 'Upheld') upheld++;
    else if (decision === 'Overturned') overturned++;
    if (item.treatment) treatments = treatments ? `${treatments}\n${item.treatment}` : item.treatment;
    const modified = isModified(item) ? 1 : 0;
    modifiedItems += modified;
    if (modified === 1 && decision === 'Upheld') upheldModified++;
    else if (modified === 1 && decision === 'Overturned') overturnedModified++;
    const medication = medicationName(item);
    const regions = uniqueSorted(listEntries(item.bodyRegion));
    const sources: string[] = [];
    for (const citation of item.citations ?? []) sources.push(citation.source);
    const mask = guidelineMask(sources);
    const regionNone = regions.length === 0 ? 1 : 0;
    itemRows.push([
      idx,
      item.treatment,
      decision,
      item.category,
      item.quantity,
      item.frequency,
      item.duration,
      bodyRegionColumn(item.bodyRegion),
      item.conclusion,
      medication,
      modified,
      mask,
      regionNone,
    ]);
    if (regions.length === 0) regions.push('');
    for (const region of regions) {
      regionRows.push([idx, region, decision, modified, item.category, medication, mask, regionNone]);
    }
    // Sources outside the column's CHECK were never stored (the writer's INSERT OR IGNORE skipped them).
    for (const source of uniqueSorted(sources.length ? sources : [''])) {
      if (GUIDELINE_SOURCES.has(source)) {
        guidelineRows.push([idx, source, decision, modified, item.category, medication, mask, regionNone]);
      }
    }
  }
  const cases: ProjectedRow = [
    effective.caseNumber?.trim() || null,
    effective.format,
    effective.decisionDate,
    status,
    items.length,
    upheld,
    overturned,
    treatments,
    effective.priority?.trim() || null,
    effective.applicationReceived,
    modifiedItems,
    upheldModified,
    overturnedModified,
  ];
  // The column is COLLATE NOCASE: of two spellings the first one given is kept; stored in that order.
  const specialtyRows: ProjectedRow[] = [];
  const specialtyKeys: string[] = [];
  const specialties = listEntries(effective.specialty);
  if (specialties.length === 0) specialties.push('');
  for (const specialty of specialties) {
    const key = asciiLower(specialty);
    if (specialtyKeys.includes(key)) continue;
    specialtyKeys.push(key);
    specialtyRows.push([specialty, items.length, upheld, overturned, modifiedItems]);
  }
  if (specialtyRows.length > 1) {
    specialtyRows.sort((a, b) => compareBinary(asciiLower(a[0] as string), asciiLower(b[0] as string)));
  }
  const flags = derivedFlags(input.parsed, effective);
  for (const flag of input.correctionFlags) if (!flags.includes(flag)) flags.push(flag);
  const flagRows: ProjectedRow[] = [];
  for (const flag of flags.sort(compareBinary)) if (flag !== DUPLICATE_FLAG) flagRows.push([flag]);
  return {
    cases: [cases],
    items: itemRows,
    item_regions: regionRows,
    item_guidelines: guidelineRows,
    case_specialties: specialtyRows,
    case_values: caseValueRows(itemRows, regionRows, guidelineRows),
    case_flags: flagRows,
  };
}

/** Column positions in the rows above. */
const ITEM = { decision: 2, category: 3, medication: 9, modified: 10 } as const;
const LIST = { value: 1, decision: 2, modified: 3 } as const;

/** One group of `case_values`: a value's items counted. */
interface ValueCount {
  value: string;
  label: string | null;
  rows: number;
  upheld: number;
  overturned: number;
  modified: number;
  upheldModified: number;
  overturnedModified: number;
}

/**
 * `case_values` (migration 009): the case's items counted per breakdown value, from its item rows:
 * category, medication regardless of capitals (SQLite's `lower()`, ASCII only; the label is the greatest
 * spelling, '' for none), body region and guideline (from the list rows). Rows by (dimension, value).
 */
function caseValueRows(items: ProjectedRow[], regions: ProjectedRow[], guidelines: ProjectedRow[]): ProjectedRow[] {
  const rows: ProjectedRow[] = [];
  // In the stored order: dimensions by name (bodyRegion, category, guideline, medication), values by BINARY.
  countValues(rows, 'bodyRegion', regions, LIST.value, LIST, false);
  countValues(rows, 'category', items, ITEM.category, ITEM, false);
  countValues(rows, 'guideline', guidelines, LIST.value, LIST, false);
  countValues(rows, 'medication', items, ITEM.medication, ITEM, true);
  return rows;
}

function countValues(
  out: ProjectedRow[],
  dimension: string,
  source: ProjectedRow[],
  valueAt: number,
  at: { decision: number; modified: number },
  medication: boolean,
): void {
  const groups: ValueCount[] = [];
  for (const row of source) {
    const name = row[valueAt] as string | null;
    const value = medication ? (name === null ? '' : asciiLower(name)) : (name as string);
    let group = groups.find((g) => g.value === value);
    if (!group) {
      group = {
        value,
        label: null,
        rows: 0,
        upheld: 0,
        overturned: 0,
        modified: 0,
        upheldModified: 0,
        overturnedModified: 0,
      };
      groups.push(group);
    }
    group.rows++;
    const modified = row[at.modified] as number;
    if (row[at.decision] === 'Upheld') {
      group.upheld++;
      group.upheldModified += modified;
    } else if (row[at.decision] === 'Overturned') {
      group.overturned++;
      group.overturnedModified += modified;
    }
    group.modified += modified;
    if (medication && name !== null && (group.label === null || compareBinary(name, group.label) > 0)) {
      group.label = name;
    }
  }
  if (groups.length > 1) groups.sort((a, b) => compareBinary(a.value, b.value));
  for (const g of groups) {
    out.push([
      dimension,
      g.value,
      medication ? (g.label ?? '') : null,
      g.rows,
      g.upheld,
      g.overturned,
      g.modified,
      g.upheldModified,
      g.overturnedModified,
    ]);
  }
}

/**
 * Versions among cases sharing a case number, by arrival (case id), and which are flagged
 * 'duplicate-case-number' (every version of a repeated number). `cases` by id; returns the expected version
 * and flag per case id. A case without a number is version 1 of nothing. (The writer keeps them incrementally:
 * cases.ts `appendVersion`/`renumberVersions`.)
 */
export function expectedVersions(
  cases: Iterable<[id: number, caseNumber: string | null]>,
): Map<number, { version: number; duplicate: boolean }> {
  const byNumber = new Map<string, number[]>();
  const result = new Map<number, { version: number; duplicate: boolean }>();
  for (const [id, caseNumber] of cases) {
    if (caseNumber === null) {
      result.set(id, { version: 1, duplicate: false });
      continue;
    }
    const ids = byNumber.get(caseNumber);
    if (ids) ids.push(id);
    else byNumber.set(caseNumber, [id]);
  }
  for (const ids of byNumber.values()) {
    ids.sort((a, b) => a - b);
    ids.forEach((id, i) => result.set(id, { version: i + 1, duplicate: ids.length > 1 }));
  }
  return result;
}

// ---------------------------------------------------------------------------
// Comparing with the stored rows: one string per case and table, built the same way by SQLite and here.

/** Between the values of a row, and between the rows of a case (ASCII unit and record separators). */
const UNIT = '\x1f';
const RECORD = '\x1e';

/** The columns of a table this schema version has. */
export function columnsAt(spec: TableSpec, schema: number): readonly ColumnSpec[] {
  return spec.columns.filter((c) => c.since <= schema);
}

/**
 * A stored value as SQL text that `encodeValue` reproduces: SQLite's `quote()` (type and value: 'text' with
 * quotes doubled, digits, NULL), and for a REAL (items.quantity) its millionths as an integer (SQLite renders a
 * real with its own digit algorithm; a difference below a millionth of a quantity, which the app never shows,
 * goes unseen; past 1e9, beyond any quantity the app accepts, where millionths are no longer exact in
 * JavaScript, every value reads 'big'). Any value of another type shows as different.
 */
export function encodedColumnSql(column: ColumnSpec): string {
  const name = column.name;
  if (column.kind !== 'real') return `quote(${name})`;
  return (
    `CASE typeof(${name}) WHEN 'null' THEN 'NULL' WHEN 'real' THEN ` +
    `iif(abs(${name}) < 1e9, CAST(CAST(${name} * 1000000 AS INTEGER) AS TEXT), 'big') ELSE 't' || quote(${name}) END`
  );
}

/** A row's columns as one SQL string expression (encodedColumnSql joined by the unit separator). */
export function encodedRowSql(spec: TableSpec, schema: number): string {
  return columnsAt(spec, schema)
    .map(encodedColumnSql)
    .join(` || char(${UNIT.charCodeAt(0)}) || `);
}

/**
 * The SQL that reads a run of cases' stored rows of one table as one string per case (`encodeRows`'s form):
 * `SELECT case_id, string … WHERE case_id BETWEEN ? AND ? GROUP BY case_id`, in one ordered scan of the
 * table's primary key. The rows are joined in the order the scan meets them (its key order); a case whose
 * string differs is compared again row by row (`storedRowsSql`), so the order can only cost time, never
 * report a difference that is not there.
 */
export function caseStringsSql(spec: TableSpec, schema: number): string {
  if (spec.table === 'cases') {
    return `SELECT id, ${encodedRowSql(spec, schema)} FROM cases WHERE id BETWEEN ? AND ?`;
  }
  return (
    `SELECT case_id, group_concat(${encodedRowSql(spec, schema)}, char(${RECORD.charCodeAt(0)})) FROM ${spec.table} ` +
    `WHERE case_id BETWEEN ? AND ?${spec.only ? ` AND ${spec.only}` : ''} GROUP BY case_id`
  );
}

/**
 * The fast comparison: a run of cases' stored rows of one table as `[case_id, …columns]` arrays, in primary
 * key order (the scan's own order: no sort), followed by the table's CASE_DAY_COPIES columns where the schema
 * has them (`cases` and `case_values` from migration 011). For a table with all its columns at this schema
 * (`hasAllColumns`); older ones take the exact path (`caseStringsSql`).
 */
export function runRowsSql(spec: TableSpec, schema: number): string {
  const id = spec.table === 'cases' ? 'id' : 'case_id';
  const copies =
    schema >= CASE_VALUES_DAYS_SCHEMA
      ? (CASE_DAY_COPIES as Partial<Record<ProjectedTable, readonly string[]>>)[spec.table]
      : undefined;
  const columns = [...spec.columns.map((c) => c.name), ...(copies ?? [])].join(', ');
  const order = spec.table === 'cases' ? 'id' : `case_id, ${spec.orderBy}`;
  return (
    `SELECT ${id}, ${columns} FROM ${spec.table} WHERE ${id} BETWEEN ? AND ?` +
    `${spec.only ? ` AND ${spec.only}` : ''} ORDER BY ${order}`
  );
}

/** Whether the table has every column of its spec at this schema. */
export function hasAllColumns(spec: TableSpec, schema: number): boolean {
  return spec.columns.every((c) => c.since <= schema);
}

/** One case's stored rows of a table, each column encoded (encodedColumnSql), in key order. */
export function storedRowsSql(spec: TableSpec, schema: number): string {
  const columns = columnsAt(spec, schema).map(encodedColumnSql).join(', ');
  const id = spec.table === 'cases' ? 'id' : 'case_id';
  return `SELECT ${columns} FROM ${spec.table} WHERE ${id} = ?${spec.only ? ` AND ${spec.only}` : ''} ORDER BY ${spec.orderBy}`;
}

/** What `quote()`/encodedColumnSql gives for a value the writer stores in a column of this kind. */
export function encodeValue(value: ProjectedValue, kind: Kind): string {
  if (value === null || value === undefined) return 'NULL';
  if (kind === 'real') {
    if (typeof value !== 'number') return `t${quoteText(String(value))}`;
    return Math.abs(value) < 1e9 ? String(Math.trunc(value * 1000000)) : 'big';
  }
  if (typeof value === 'number')
    return kind === 'integer' && Number.isInteger(value) ? String(value) : quoteText(String(value));
  return quoteText(value);
}

/** SQLite's quote() of text: single quotes doubled, up to a NUL (its %Q); text is stored as UTF-8. */
function quoteText(text: string): string {
  const nul = text.indexOf('\0');
  let stored = nul < 0 ? text : text.slice(0, nul);
  // A lone surrogate is written as its 3 bytes, invalid UTF-8, which read back as 3 U+FFFD. (isWellFormed: ES2024,
  // in Node 20 and Electron.)
  if (!(stored as string & { isWellFormed(): boolean }).isWellFormed()) {
    stored = stored.replace(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '\ufffd\ufffd\ufffd',
    );
  }
  return `'${stored.replaceAll("'", "''")}'`;
}

/** A row's values encoded, one per column this schema has. */
export function encodeRow(spec: TableSpec, schema: number, row: ProjectedRow): string[] {
  const encoded: string[] = [];
  spec.columns.forEach((column, i) => {
    if (column.since <= schema) encoded.push(encodeValue(row[i] ?? null, column.kind));
  });
  return encoded;
}

/** A case's rows of a table as `caseStringsSql` builds them ('' for none, as no row of it is read). */
export function encodeRows(spec: TableSpec, schema: number, rows: readonly ProjectedRow[]): string {
  let text = '';
  for (let r = 0; r < rows.length; r++) {
    if (r > 0) text += RECORD;
    text += encodeRow(spec, schema, rows[r]!).join(UNIT);
  }
  return text;
}

// ---------------------------------------------------------------------------
// The rules

/** Flags the store derives from the parse and the effective values. */
function derivedFlags(parsed: ParsedLetter, effective: LetterValues): CaseFlag[] {
  const flags: CaseFlag[] = [];
  if (parsed.warnings.length > 0) flags.push('parser-warnings');
  const itemWarnings = parsed.items.flatMap((i) => i.warnings);
  if ([...parsed.warnings, ...itemWarnings].some((w) => /contradict/i.test(w))) flags.push('contradiction');
  if (effective.format === 'unknown') flags.push('unknown-format');
  if (parsed.ocr) flags.push('read-by-ocr');
  return flags;
}

/** item_guidelines.source's CHECK (migration 006): the citation sources, or '' for none. */
const GUIDELINE_SOURCES = new Set(['MTUS', 'ACOEM', 'ODG', 'other', '']);

/** UR partially authorized the request: the letter names what the claims administrator authorized. */
function isModified(item: LetterValues['items'][number]): boolean {
  return Boolean(item.authorizedByClaimsAdministrator?.trim());
}

/** The items table's medication_name: the drug's name, trimmed, or null. */
function medicationName(item: LetterValues['items'][number]): string | null {
  return item.medication?.name?.trim() || null;
}

/** A list field's entries, trimmed, without empty ones; text kept from an early parse is one entry. */
function listEntries(value: unknown): string[] {
  const entries = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  return entries.map((entry) => String(entry).trim()).filter((entry) => entry.length > 0);
}

/** Without repeats (a list table's primary key holds each value once per item), in BINARY order. */
function uniqueSorted(values: string[]): string[] {
  if (values.length < 2) return values;
  return [...new Set(values)].sort(compareBinary);
}

/**
 * The items table's body_region: the regions joined with "; " (filter with
 * instr or LIKE), NULL for none; text from a parse of parser 1.x as it was.
 */
function bodyRegionColumn(regions: unknown): string | null {
  if (typeof regions === 'string') return regions || null;
  return Array.isArray(regions) && regions.length ? regions.join('; ') : null;
}

/** SQLite's built-in lower() and NOCASE: ASCII letters only. */
function asciiLower(text: string): string {
  // All-ASCII text (nearly every specialty and drug name): toLowerCase changes only A-Z there, without a callback
  // per run of capitals (`imr verify` lowers each case's names).
  if (ALL_ASCII.test(text)) return text.toLowerCase();
  return text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}
const ALL_ASCII = /^[\x00-\x7f]*$/;

/** SQLite's BINARY collation: UTF-8 byte order, which is code point order (not JS's UTF-16 unit order). */
export function compareBinary(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}
