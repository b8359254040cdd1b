/**
 * The heavy half of `imr verify`: reading every stored letter and parse and
 * hashing it, and recomputing every case's values to compare with the case
 * list. A 100,000-letter workspace holds gigabytes of letters, so this runs in
 * worker threads (verify-worker.ts), one range of cases each, each on its own
 * read-only connection and read transaction; it also runs on the calling thread
 * (in-memory workspaces, tests, or if workers cannot start).
 *
 * What it reads is immutable in normal use (letters and parses are only ever
 * added), so a worker's snapshot and the main thread's agree on every row the
 * main thread knows of; rows added since (cases above `toCaseId`, parses
 * above `maxParseId`) are left out. The case-list comparison is made within the
 * worker's own snapshot (parse, corrections and list copy all from it), so a
 * correction made meanwhile cannot make it disagree.
 */
import { hash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { upgradeParsedLetter } from '../../shared/domain/fields';
import type { ParsedLetter } from '../../shared/domain/letter';
import { auditRowColumns, IS_CORRECTION_EVENT, type AuditRow } from '../store/audit-chain';
import {
  CASE_DAY_COPIES,
  CASE_VALUES_DAYS_SCHEMA,
  CASE_VALUES_SCHEMA,
  caseStringsSql,
  columnsAt,
  encodeRow,
  encodeRows,
  hasAllColumns,
  PROJECTION_TABLES,
  projectionRows,
  runRowsSql,
  storedRowsSql,
  TABLE_SPEC,
  type ColumnKind,
  type ProjectedRow,
  type ProjectedTable,
  type ProjectionRows,
  type TableSpec,
} from '../store/projection';
import { isUnreadable } from '../store/errors';
import { threadCpuMs } from '../runtime/thread-cpu';
import { effectiveState, effectiveValues, uncorrectedValues } from './apply';
import { correctionFlags } from './effective';
import { rowToCaseEvent } from './log';
import type { CaseEvent } from './model';
import { errorText } from '../../shared/api/error-text';
import { escapeInvisible } from '../../shared/domain/control-characters';
import { searchDates } from '../store/search';
import { schemaVersionOf } from '../store/migrations';
import { migration004Search } from '../store/migrations/004-search';

/** documents.text_dates: migration 004. */
const DATES_SCHEMA = schemaVersionOf(migration004Search);

export interface ContentRange {
  /** Cases fromCaseId…toCaseId (inclusive). */
  fromCaseId: number;
  toCaseId: number;
  /** Parses above this id were stored after the main thread's snapshot: left out. */
  maxParseId: number;
  /**
   * Recompute each letter's dates from its text (`searchDates`) and compare with documents.text_dates: decodes
   * and scans every letter's text, ~0.1 ms of CPU per letter (DEVELOPERS.md), so only with `imr verify --full`.
   */
  textDates?: boolean;
}

/** A stored letter as read, with its checksums (null: no content row). */
export interface LetterReading {
  caseId: number;
  documentId: number;
  /** documents.sha256 as stored. */
  recordedSha256: string | null;
  sha256: string | null;
  textSha256: string | null;
  linesSha256: string | null;
  fileName: string | null;
  size: number | null;
  kind: string | null;
  pageCount: number | null;
  encoding: string | null;
  /** cases.imported_at and documents.imported_at as stored. */
  caseImportedAt: string | null;
  documentImportedAt: string | null;
  /**
   * Whether documents.text_dates (the letter's dates as the search index holds them) is what `searchDates` — the
   * importer's own function — gives for the stored text; undefined when not checked (without `textDates`, before
   * schema 4, or no text).
   */
  textDatesMatch?: boolean;
}

export interface ParseReading {
  id: number;
  caseId: number;
  parserVersion: string;
  sha256: string;
}

/** A case whose list copy disagrees with its parse and corrections: what the list shows, what they give. */
export interface ListDifference {
  caseId: number;
  stored: string;
  expected: string;
}

/**
 * A case whose `case_values` rows' copies of its turnaround and decision day (migration 011, projection.ts
 * CASE_DAY_COPIES) differ from its case row: the first such row by key, how many, and the case row's values.
 */
export interface DayCopyDifference {
  caseId: number;
  /** "dimension value" of the first differing row, in key order. */
  firstRow: string;
  differing: number;
  caseDays: number | null;
  caseDay: string | null;
}

export interface ContentResult {
  letters: LetterReading[];
  parses: ParseReading[];
  list: ListDifference[];
  days: DayCopyDifference[];
  /** Parts SQLite could not read (damaged pages), as "what: message". */
  unreadable: { what: string; message: string }[];
  /** How long each part took, in ms. */
  ms: { letters: number; 'parses and case list': number };
  /** The reading thread's own CPU time in each part, in ms (`threadCpuMs`); absent where it cannot be read. */
  cpuMs: Partial<ContentResult['ms']>;
}

const PAGE = 200;
/** One-shot hashing: no Hash object per value (400,000 values at 100,000 cases). */
const sha256 = (data: Buffer) => hash('sha256', data, 'hex');

type Transferable = ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
const canTransfer = typeof (ArrayBuffer.prototype as Transferable).transfer === 'function';

/**
 * Frees a value's bytes now that they are hashed, where the runtime can
 * (ArrayBuffer.prototype.transfer detaches the buffer and frees its memory).
 * Otherwise they wait for the garbage collector, which runs on V8's external
 * memory heuristics: tens of MB of dead buffers pile up between collections,
 * so each new one lands on fresh memory (page faults) and each collection has
 * more to free. Only a buffer that owns all of its memory is freed (better-sqlite3
 * gives each value its own); nothing reads it afterwards.
 */
function release(data: Buffer | null): void {
  if (!canTransfer || data === null) return;
  const memory = data.buffer as Transferable;
  if (data.byteOffset !== 0 || memory.byteLength !== data.byteLength) return;
  try {
    memory.transfer!(0);
  } catch {
    // A buffer the runtime will not detach: the collector frees it, as before. Freeing early only saves time.
  }
}

/** What a reader has found so far: letters and parses read, case-list copies that disagree. */
export type ContentReadings = Pick<ContentResult, 'letters' | 'parses' | 'list' | 'days'>;

/**
 * Cases between two hand-overs to a `sink`. A worker that kept every reading
 * until the end would carry a heap growing to tens of MB, which each of the
 * ~100 full garbage collections the letters' buffers set off (V8 collects when
 * external memory grows by ~64 MB) marks again; handing them over keeps it small.
 */
export const HAND_OVER_EVERY = 1000;

/**
 * Reads and checks one range of cases. Throws only for errors other than an
 * unreadable (damaged) file. With a `sink`, readings are handed to it as they
 * accumulate, after each page once `handOverEvery` letters and parses are
 * waiting (the arrays in the result then hold only the last of them).
 */
export function checkContent(
  db: Database.Database,
  range: ContentRange,
  sink?: (readings: ContentReadings) => void,
  handOverEvery = HAND_OVER_EVERY,
): ContentResult {
  const result: ContentResult = {
    letters: [],
    parses: [],
    list: [],
    days: [],
    unreadable: [],
    ms: { letters: 0, 'parses and case list': 0 },
    cpuMs: {},
  };
  const handOver = () => {
    if (!sink || result.letters.length + result.parses.length < handOverEvery) return;
    sink({ letters: result.letters, parses: result.parses, list: result.list, days: result.days });
    result.letters = [];
    result.parses = [];
    result.list = [];
    result.days = [];
  };
  const part = (what: string, work: () => void) => {
    try {
      work();
    } catch (err) {
      if (!isUnreadable(err)) throw err;
      result.unreadable.push({ what, message: errorText(err) });
    }
  };
  const timed = (name: keyof ContentResult['ms'], work: () => void) => {
    const started = performance.now();
    const cpu = threadCpuMs();
    work();
    result.ms[name] = performance.now() - started;
    const cpuAfter = cpu === null ? null : threadCpuMs();
    if (cpu !== null && cpuAfter !== null) result.cpuMs[name] = cpuAfter - cpu;
  };
  timed('letters', () => part('the letters', () => readLetters(db, range, result, handOver)));
  timed('parses and case list', () => part('the parses', () => readParses(db, range, result, handOver)));
  return result;
}

function readLetters(db: Database.Database, range: ContentRange, result: ContentResult, handOver: () => void): void {
  // Text columns read as their UTF-8 bytes: hashed as stored, without decoding them into strings. Rows as
  // arrays (.raw()): no object with eleven named members per letter only to take it apart again.
  // The content columns in the order the row stores them (text, lines_json, original): SQLite reads a value that
  // starts on a later overflow page by first walking the chain through the pages before it (each read through its
  // page cache only for its next-page pointer), so `original` first read the text's and line map's pages twice
  // (~5 % of reading the letters, measured at 20,000 letters).
  // documents.text_dates exists from migration 004 (search.ts `indexHasDates`).
  const textDates = range.textDates === true && (db.pragma('user_version', { simple: true }) as number) >= DATES_SCHEMA;
  const page = db
    .prepare(
      `SELECT c.id, c.document_id, d.sha256, d.file_name, d.size, d.kind, d.page_count, d.encoding,
         CAST(dc.text AS BLOB), CAST(dc.lines_json AS BLOB), dc.original, c.imported_at, d.imported_at,
         ${textDates ? 'd.text_dates' : 'NULL'}
       FROM cases c LEFT JOIN documents d ON d.id = c.document_id LEFT JOIN document_content dc ON dc.document_id = d.id
       WHERE c.id > ? AND c.id <= ? ORDER BY c.id LIMIT ${PAGE}`,
    )
    .raw();
  type Row = [
    caseId: number,
    documentId: number,
    recordedSha256: string | null,
    fileName: string | null,
    size: number | null,
    kind: string | null,
    pageCount: number | null,
    encoding: string | null,
    text: Buffer | null,
    lines: Buffer | null,
    original: Buffer | null,
    caseImportedAt: string | null,
    documentImportedAt: string | null,
    storedDates: string | null,
  ];
  for (let after = range.fromCaseId - 1; ;) {
    const rows = page.all(after, range.toCaseId) as Row[];
    if (rows.length === 0) return;
    for (const row of rows) {
      const [
        caseId,
        documentId,
        recordedSha256,
        fileName,
        size,
        kind,
        pageCount,
        encoding,
        text,
        lines,
        original,
        caseImportedAt,
        documentImportedAt,
        storedDates,
      ] = row;
      result.letters.push({
        caseId,
        documentId,
        recordedSha256,
        fileName,
        size,
        kind,
        pageCount,
        encoding,
        sha256: original ? sha256(original) : null,
        textSha256: text ? sha256(text) : null,
        linesSha256: lines ? sha256(lines) : null,
        caseImportedAt,
        documentImportedAt,
        // The text as stored, read as the importer's workers and migration 004 read it (a string).
        ...(textDates && text ? { textDatesMatch: searchDates(text.toString('utf8')) === storedDates } : {}),
      });
      release(original);
      release(text);
      release(lines);
    }
    after = rows.at(-1)![0];
    handOver();
  }
}

function readParses(db: Database.Database, range: ContentRange, result: ContentResult, handOver: () => void): void {
  const page = db
    .prepare(
      `SELECT p.id, p.case_id, p.parser_version, CAST(p.parsed_json AS BLOB), (c.parse_id = p.id)
       FROM case_parses p LEFT JOIN cases c ON c.id = p.case_id
       WHERE (p.case_id, p.id) > (?, ?) AND p.case_id <= ? AND p.id <= ?
       ORDER BY p.case_id, p.id LIMIT ${PAGE}`,
    )
    .raw();
  type Row = [id: number, caseId: number, parserVersion: string, json: Buffer, current: number | null];
  const list = new ListCheck(db, db.pragma('user_version', { simple: true }) as number);
  let listReadable = true;
  const unreadableList = (err: unknown) => {
    if (!isUnreadable(err)) throw err;
    result.unreadable.push({ what: 'the case list', message: errorText(err) });
    listReadable = false;
  };
  // The day copies of every case up to here are checked (a case whose parses span two pages is read twice).
  let daysThrough = range.fromCaseId - 1;
  for (let afterCase = range.fromCaseId - 1, afterId = Infinity; ;) {
    const rows = page.all(afterCase, afterId, range.toCaseId, range.maxParseId) as Row[];
    if (rows.length === 0) return;
    const last = rows.at(-1)!;
    let copies: ListCopies | null = null;
    if (listReadable) {
      try {
        // From the case after the last one checked: a case without a parse (only ever a forged one) between two
        // pages still has its day copies checked; its rows, not expected, send the run to the exact comparison.
        copies = list.read(Math.min(rows[0]![1], daysThrough + 1), last[1]);
        for (const difference of list.dayCopies(copies, daysThrough)) result.days.push(difference);
        daysThrough = last[1];
      } catch (err) {
        unreadableList(err);
      }
    }
    const expected = new Map<number, ProjectionRows>();
    for (const [id, caseId, parserVersion, json, current] of rows) {
      result.parses.push({ id, caseId, parserVersion, sha256: sha256(json) });
      if (current === 1 && copies && listReadable) {
        const outcome = list.expected(caseId, copies, json.toString('utf8'));
        if ('stored' in outcome) result.list.push({ caseId, ...outcome });
        else expected.set(caseId, outcome);
      }
      release(json);
    }
    if (copies && listReadable) {
      try {
        for (const difference of list.compare(copies, expected)) result.list.push(difference);
      } catch (err) {
        unreadableList(err);
      }
    }
    afterCase = last[1];
    afterId = last[0];
    handOver();
  }
}

/** The case list's copies of a run of cases, read at once (a query per case would be most of the check's time). */
interface ListCopies {
  fromCaseId: number;
  toCaseId: number;
  /** Per projected table, the run's stored rows as read (`[case_id, …columns]`, projection.ts `runRowsSql`). */
  stored: Map<ProjectedTable, unknown[][] | null>;
  /** The corrections of the cases that have any, oldest first: only these cases need them applied. */
  corrections: Map<number, CaseEvent[]>;
}

/** A difference in a case's projection: what the stored rows show, what its parse and corrections give. */
type Difference = { stored: string; expected: string };

interface TableCheck {
  spec: TableSpec;
  /** The run's rows as read; null where the schema lacks some of the table's columns. */
  run: Database.Statement | null;
  /** Each case's rows as one exact string (`caseStringsSql`). */
  strings: Database.Statement;
  /** One case's rows, each column encoded (`storedRowsSql`). */
  rows: Database.Statement;
}

/**
 * The case list's copy of a case's values — every projected row and column
 * (projection.ts: the `cases` summary columns, items, the analytics lists,
 * specialties, value counts, flags), which the list, filters, search, export
 * and analytics read — against the rows its parse and corrections give
 * (`projectionRows`, the writer's own definition).
 *
 * Cost (issue 12: at most a few % of verify): per run of cases (a page of 200
 * parses) and table, one scan of the table's primary key reads the stored rows
 * as arrays, compared value for value with the expected rows, in order (no
 * string is built on either side). Only a run where anything differs is
 * compared case by case, with an exact encoding (SQLite's quote()), and only a
 * case whose strings differ is read row by row to say what differs.
 */
class ListCheck {
  private readonly tables: TableCheck[];
  private readonly corrections: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly schema: number,
  ) {
    this.tables = PROJECTION_TABLES.filter(
      // case_values is read by case only in its layout of migration 010 (by case).
      (spec) => spec.since <= schema && (spec.table !== 'case_values' || schema > CASE_VALUES_SCHEMA),
    ).map((spec) => ({
      spec,
      run: hasAllColumns(spec, schema) ? db.prepare(runRowsSql(spec, schema)).raw() : null,
      strings: db.prepare(caseStringsSql(spec, schema)).raw(),
      rows: db.prepare(storedRowsSql(spec, schema)).raw(),
    }));
    // The same rows readCaseEvents reads, for a run of cases at once (audit_events_case index).
    this.corrections = db.prepare(
      `SELECT ${auditRowColumns()} FROM audit_events WHERE case_id BETWEEN ? AND ? AND ${IS_CORRECTION_EVENT}
       ORDER BY case_id, id`,
    );
  }

  read(fromCaseId: number, toCaseId: number): ListCopies {
    const stored = new Map<ProjectedTable, unknown[][] | null>();
    for (const table of this.tables) {
      stored.set(table.spec.table, table.run ? (table.run.all(fromCaseId, toCaseId) as unknown[][]) : null);
    }
    const corrections = new Map<number, CaseEvent[]>();
    for (const row of this.corrections.all(fromCaseId, toCaseId) as AuditRow[]) {
      const caseId = row.case_id!;
      const events = corrections.get(caseId);
      if (events) events.push(rowToCaseEvent(row));
      else corrections.set(caseId, [rowToCaseEvent(row)]);
    }
    return { fromCaseId, toCaseId, stored, corrections };
  }

  /**
   * Migration 011's copies of each case's turnaround and decision day on its `case_values` rows
   * (projection.ts CASE_DAY_COPIES, read after the projected columns) against the case row read in the same run,
   * for the cases after `after`. The figures per day and the turnaround filters read the copies, so one that
   * differs from its case row (itself compared with its letter and corrections) is reported like any projected
   * value: once per case, with the count and first row (a forged case row makes every copy differ; its own line
   * names it). Rows of a case with no case row are foreign_key_check's to report.
   */
  dayCopies(copies: ListCopies, after: number): DayCopyDifference[] {
    if (this.schema < CASE_VALUES_DAYS_SCHEMA) return [];
    const cases = copies.stored.get('cases');
    const values = copies.stored.get('case_values');
    if (!cases || !values) return [];
    // Positions: [id, …projected columns, …copies], the copies in CASE_DAY_COPIES' order on both tables.
    const caseAt = 1 + TABLE_COLUMNS.cases;
    const valueAt = 1 + TABLE_COLUMNS.case_values;
    const caseRows = new Map<number, unknown[]>();
    for (const row of cases) caseRows.set(row[0] as number, row);
    const differences: DayCopyDifference[] = [];
    let open = null as DayCopyDifference | null;
    for (const row of values) {
      const caseId = row[0] as number;
      if (caseId <= after) continue;
      const own = caseRows.get(caseId);
      if (!own) continue;
      let same = true;
      for (let c = 0; c < CASE_DAY_COPIES.case_values.length; c++) {
        if (row[valueAt + c] !== own[caseAt + c]) same = false;
      }
      if (same) continue;
      if (open?.caseId === caseId) {
        open.differing++;
        continue;
      }
      open = {
        caseId,
        firstRow: `${String(row[1])} ${row[2] === '' || row[2] === null ? '(none)' : String(row[2])}`,
        differing: 1,
        caseDays: own[caseAt] as number | null,
        caseDay: own[caseAt + 1] as string | null,
      };
      differences.push(open);
    }
    return differences;
  }

  /** A case's expected rows from its parse and corrections; a difference when the parse cannot be read. */
  expected(caseId: number, copies: ListCopies, parsedJson: string): ProjectionRows | Difference {
    let parsed: ParsedLetter;
    try {
      // Parses stored by earlier versions are read as the app reads them when a case opens.
      parsed = upgradeParsedLetter(JSON.parse(parsedJson) as ParsedLetter);
    } catch {
      return { stored: 'values', expected: 'none (its parse is not readable JSON)' };
    }
    const events = copies.corrections.get(caseId);
    if (events) {
      const state = effectiveState(parsed, events);
      return projectionRows({
        parsed,
        effective: effectiveValues(state),
        status: state.status,
        correctionFlags: correctionFlags(state),
      });
    }
    const { values, status } = uncorrectedValues(parsed);
    return projectionRows({ parsed, effective: values, status, correctionFlags: [] });
  }

  /** The run's stored rows against the expected rows of its cases (ascending ids). */
  compare(copies: ListCopies, expected: ReadonlyMap<number, ProjectionRows>): (Difference & { caseId: number })[] {
    const differences: (Difference & { caseId: number })[] = [];
    for (const table of this.tables) {
      const stored = copies.stored.get(table.spec.table);
      if (stored && sameRows(stored, expected, table.spec.table)) continue;
      // Something differs in this run (or it could not be compared so): case by case, exactly.
      const strings = new Map(table.strings.all(copies.fromCaseId, copies.toCaseId) as [number, string][]);
      for (const [caseId, rows] of expected) {
        const want = rows[table.spec.table];
        if ((strings.get(caseId) ?? '') === encodeRows(table.spec, this.schema, want)) continue;
        const storedRows = table.rows.all(caseId) as string[][];
        for (const difference of rowDifferences(table.spec, this.schema, storedRows, want)) {
          differences.push({ caseId, ...difference });
        }
      }
    }
    // By case, each case's in table order (the sort is stable).
    return differences.sort((a, b) => a.caseId - b.caseId);
  }
}

/** How many projected columns each table's run rows have before the CASE_DAY_COPIES columns. */
const TABLE_COLUMNS = { cases: TABLE_SPEC.cases.columns.length, case_values: TABLE_SPEC.case_values.columns.length };

/**
 * Whether a run's stored rows of a table (`[case_id, …columns]`, in key order) are exactly the expected rows
 * of its cases, value for value (===: type and value; a REAL exactly). Anything else — a changed, added or
 * missing row, a row of a case not expected here, or a value read back other than written (a lone surrogate
 * the driver stores as bytes) — answers false, and the exact comparison says which, if any, differ.
 */
function sameRows(stored: unknown[][], expected: ReadonlyMap<number, ProjectionRows>, table: ProjectedTable): boolean {
  let at = 0;
  for (const [caseId, rows] of expected) {
    for (const row of rows[table]) {
      const read = stored[at++];
      if (read === undefined || read[0] !== caseId) return false;
      for (let c = 0; c < row.length; c++) if (read[c + 1] !== (row[c] ?? null)) return false;
    }
  }
  return at === stored.length;
}

/** What differs between a case's stored rows of a table (encoded) and the expected ones, one entry per column. */
function rowDifferences(
  spec: TableSpec,
  schema: number,
  stored: readonly string[][],
  expectedRows: readonly ProjectedRow[],
): Difference[] {
  const columns = columnsAt(spec, schema);
  const keyAt = spec.key.map((name) => columns.findIndex((c) => c.name === name));
  const keyOf = (row: readonly string[]) => keyAt.map((i) => row[i]).join('\x1f');
  const describeKey = (row: readonly string[]) =>
    keyAt.length === 0
      ? ''
      : ` (${keyAt.map((i) => (columns[i]!.name === 'idx' ? `item ${Number(row[i]) + 1}` : `${columns[i]!.name} ${shown(row[i]!, columns[i]!.kind)}`)).join(', ')})`;
  const expected = new Map(expectedRows.map((row) => encodeRow(spec, schema, row)).map((row) => [keyOf(row), row]));
  const differences: Difference[] = [];
  const seen = new Set<string>();
  for (const row of stored) {
    const key = keyOf(row);
    seen.add(key);
    const wanted = expected.get(key);
    if (!wanted) {
      differences.push({ stored: `a row of ${spec.table}${describeKey(row)}`, expected: 'none' });
      continue;
    }
    columns.forEach((column, i) => {
      if (row[i] !== wanted[i]) {
        const pair = shownPair(row[i]!, wanted[i]!, column.kind);
        differences.push({
          stored: `${spec.table}.${column.name} ${pair.stored}${describeKey(row)}`,
          expected: pair.expected,
        });
      }
    });
  }
  for (const [key, row] of expected) {
    if (!seen.has(key)) differences.push({ stored: `no row of ${spec.table}${describeKey(row)}`, expected: 'one' });
  }
  return differences;
}

/** Text up to this many characters is shown whole; longer text around its first difference. */
const SHOWN_WHOLE = 40;
/** Characters shown on each side of the first difference. */
const CONTEXT = 20;

/** An encoded value's text (projection.ts `encodeValue`: quoted, quotes doubled), or null when it is not text. */
function textOf(encoded: string): string | null {
  return encoded.startsWith("'") ? encoded.slice(1, -1).replaceAll("''", "'") : null;
}

/**
 * An encoded value (projection.ts `encodeValue`) as a person reads it: none, a number, or text in double quotes
 * with every invisible character (controls, zero-width and bidi characters: shared/domain/control-characters.ts
 * `escapeInvisible`) written as `\u{XXXX}`, cut at SHOWN_WHOLE characters.
 */
function shown(encoded: string, kind: ColumnKind): string {
  if (encoded === 'NULL') return 'none';
  // A real is encoded in millionths.
  if (kind === 'real' && /^-?\d+$/.test(encoded)) return String(Number(encoded) / 1000000);
  const text = textOf(encoded);
  if (text === null) return encoded;
  const characters = Array.from(text);
  return characters.length > SHOWN_WHOLE
    ? `"${escapeInvisible(characters.slice(0, SHOWN_WHOLE - 1).join(''))}…"`
    : `"${escapeInvisible(text)}"`;
}

/**
 * A stored value and the expected one, shown so that the difference can be seen: text of up to SHOWN_WHOLE
 * characters whole, longer text as CONTEXT characters either side of the first character that differs, marked
 * ⟨here⟩, on both sides, with its position (characters counted from 1, as code points), e.g. stored
 * `"…for the lumbar spine⟨here⟩ and knee…"`, expected `"…for the lumbar spine⟨here⟩ and hip…" (the first
 * difference is character 61)`. Invisible characters are escaped (`shown`), so a U+200B or U+202E shows.
 */
function shownPair(stored: string, expected: string, kind: ColumnKind): { stored: string; expected: string } {
  const a = textOf(stored);
  const b = textOf(expected);
  if (a === null || b === null) return { stored: shown(stored, kind), expected: shown(expected, kind) };
  const as = Array.from(a);
  const bs = Array.from(b);
  if (as.length <= SHOWN_WHOLE && bs.length <= SHOWN_WHOLE) {
    return { stored: shown(stored, kind), expected: shown(expected, kind) };
  }
  let at = 0;
  while (at < as.length && at < bs.length && as[at] === bs[at]) at++;
  const around = (characters: string[]) => {
    const from = Math.max(0, at - CONTEXT);
    const to = Math.min(characters.length, at + CONTEXT);
    const before = escapeInvisible(characters.slice(from, at).join(''));
    const after = escapeInvisible(characters.slice(at, to).join(''));
    return `"${from > 0 ? '…' : ''}${before}⟨here⟩${after}${to < characters.length ? '…' : ''}"`;
  };
  return { stored: around(as), expected: `${around(bs)} (the first difference is character ${at + 1})` };
}
