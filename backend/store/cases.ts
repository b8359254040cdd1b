import type Database from 'better-sqlite3';
import type { CaseDetail, CaseFlag, LetterValues, ReviewStatus } from '../../shared/domain/case';
import { upgradeParsedLetter } from '../../shared/domain/fields';
import type { ParsedLetter } from '../../shared/domain/letter';
import { parsedToValues } from './letter-values';
import { parseFacts, recordParse } from './provenance';
import { currentIndexedValues, indexCase, indexHasDates, unindexCase, type IndexedValues } from './search';
import { statement } from './statements';
import {
  ANALYTICS_SCHEMA,
  CASE_DAYS_COPY_SQL,
  CASE_VALUES_DAYS_SCHEMA,
  MODIFIED_SPLIT_SCHEMA,
  columnsAt,
  PROJECTION_TABLES,
  projectionRows,
  SUMMARY,
  TABLE_SPEC,
} from './projection';

/**
 * Cases: one per imported document, with every parse kept (case_parses) and a
 * projection of the effective values (cases summary columns, items, case_flags,
 * case_search) that the list, filters and search read. All writes here are
 * meant to run inside the caller's transaction.
 */

const DUPLICATE_FLAG: CaseFlag = 'duplicate-case-number';
/** Flags the store derives itself; anything else comes from the corrections module. */
const STORE_FLAGS: readonly CaseFlag[] = [
  DUPLICATE_FLAG,
  'parser-warnings',
  'contradiction',
  'unknown-format',
  'read-by-ocr',
];

export interface NewCase {
  documentId: number;
  importedAt: string;
  parsed: ParsedLetter;
  /** JSON.stringify(parsed) when already made (off the main thread). */
  parsedJson?: string | null;
  /** The document's letter text, when the caller has it (saves reading it back for the index). */
  text?: string;
}

/**
 * Inserts a case with its first parse and builds its projection, WITHOUT its
 * import event: letters are stored through `storeLetter` (letters.ts), which
 * records it. Only schema tests writing an old schema use this directly.
 */
export function insertCase(db: Database.Database, input: NewCase): number {
  const { caseId, index } = insertCaseUnindexed(db, input);
  indexCase(db, caseId, index);
  return caseId;
}

/**
 * insertCase without the search-index entry: the caller must pass `index` to
 * `indexCase` in the same transaction. For the importer's group commit: FTS5
 * flushes its pending index data to a new segment at every SAVEPOINT once it
 * has been written in a transaction, so indexing each file inside its own
 * savepoint cost a segment write per file; indexing a batch's cases together
 * after the last savepoint costs one.
 */
export function insertCaseUnindexed(
  db: Database.Database,
  input: NewCase,
): { caseId: number; parseId: number; index: IndexedValues } {
  const info = statement(
    db,
    "INSERT INTO cases (document_id, imported_at, format, treatments) VALUES (?, ?, 'unknown', '')",
  ).run(input.documentId, input.importedAt);
  const caseId = Number(info.lastInsertRowid);
  const parseId = insertParse(
    db,
    caseId,
    input.parsed.parserVersion,
    input.importedAt,
    input.parsedJson ?? JSON.stringify(input.parsed),
  );
  let index: IndexedValues | null = null;
  writeProjection(db, caseId, input.parsed, parsedToValues(input.parsed), 'new', [], {
    indexed: false,
    text: input.text,
    index: (values) => (index = values),
  });
  return { caseId, parseId, index: index! };
}

/** Stores a parse and makes it the case's current one. The caller records the event. */
function insertParse(db: Database.Database, caseId: number, parserVersion: string, at: string, json: string): number {
  const info = statement(
    db,
    'INSERT INTO case_parses (case_id, parser_version, parsed_at, parsed_json) VALUES (?, ?, ?, ?)',
  ).run(caseId, parserVersion, at, json);
  const parseId = Number(info.lastInsertRowid);
  statement(db, 'UPDATE cases SET parse_id = ? WHERE id = ?').run(parseId, caseId);
  return parseId;
}

/**
 * Records a new parse of a case (reparse) and switches the case to it, with
 * its `parse` audit event (provenance.ts). Earlier parses stay in case_parses.
 * Call inside a transaction.
 */
export function appendParse(
  db: Database.Database,
  caseId: number,
  parsed: ParsedLetter,
  at: string,
  parsedJson?: string | null,
): number {
  const replaced = statement(
    db,
    `SELECT p.id, p.parser_version AS parserVersion FROM cases c JOIN case_parses p ON p.id = c.parse_id
       WHERE c.id = ?`,
  ).get(caseId) as { id: number; parserVersion: string } | undefined;
  const json = parsedJson ?? JSON.stringify(parsed);
  const parseId = insertParse(db, caseId, parsed.parserVersion, at, json);
  recordParse(db, caseId, parseFacts(parseId, parsed.parserVersion, json), replaced ?? null, { at });
  return parseId;
}

export function getCurrentParse(db: Database.Database, caseId: number): ParsedLetter | undefined {
  const json = statement(
    db,
    'SELECT p.parsed_json FROM cases c JOIN case_parses p ON p.id = c.parse_id WHERE c.id = ?',
    { pluck: true },
  ).get(caseId) as string | undefined;
  return json === undefined ? undefined : upgradeParsedLetter(JSON.parse(json) as ParsedLetter);
}

export interface ParseHistoryEntry {
  parseId: number;
  parserVersion: string;
  parsedAt: string;
  current: boolean;
}

export function listParses(db: Database.Database, caseId: number): ParseHistoryEntry[] {
  const rows = statement(
    db,
    `SELECT p.id AS parseId, p.parser_version AS parserVersion, p.parsed_at AS parsedAt, (p.id = c.parse_id) AS current
       FROM case_parses p JOIN cases c ON c.id = p.case_id WHERE p.case_id = ? ORDER BY p.id`,
  ).all(caseId) as (Omit<ParseHistoryEntry, 'current'> & { current: number })[];
  return rows.map((r) => ({ ...r, current: r.current === 1 }));
}

/**
 * Rebuilds a case's projection from its effective values. The corrections
 * module calls this after every event (inside the event's transaction), with
 * the case's current parse (which the caller has already read to compute the
 * effective values: passing it saves a second read and upgrade of the parse
 * JSON per correction), the effective values, review status and its own flags
 * (e.g. 'orphaned-correction').
 */
export function refreshCaseProjection(
  db: Database.Database,
  caseId: number,
  parsed: ParsedLetter,
  effective: LetterValues,
  status: ReviewStatus,
  correctionFlags: readonly CaseFlag[] = [],
): void {
  writeProjection(db, caseId, parsed, effective, status, correctionFlags, { indexed: true });
}

function writeProjection(
  db: Database.Database,
  caseId: number,
  parsed: ParsedLetter,
  effective: LetterValues,
  status: ReviewStatus,
  correctionFlags: readonly CaseFlag[],
  options: {
    indexed: boolean;
    text?: string | undefined;
    /** Receives the values to index instead of indexing them here (new cases only). */
    index?: (values: IndexedValues) => void;
  },
): void {
  // A new case is not in the index yet; its letter text may come from the caller.
  const old =
    !options.indexed && options.text !== undefined
      ? { caseNumber: null, treatments: '', text: options.text, ...documentIndexedValues(db, caseId) }
      : currentIndexedValues(db, caseId);
  if (!old) throw new Error(`case ${caseId} has no document content`);
  const oldCaseNumber = options.indexed ? old.caseNumber : null;

  // The one definition of what is stored (projection.ts), which `imr verify` compares the rows with.
  const rows = projectionRows({ parsed, effective, status, correctionFlags });
  const schema = schemaVersion(db);
  const summary = rows.cases[0]!;
  const caseNumber = summary[SUMMARY.caseNumber] as string | null;
  const treatments = summary[SUMMARY.treatments] as string;

  if (options.indexed) unindexCase(db, caseId, old);
  const summaryColumns = columnsAt(TABLE_SPEC.cases, schema);
  statement(db, `UPDATE cases SET ${summaryColumns.map((c) => `${c.name} = ?`).join(', ')} WHERE id = ?`).run(
    ...summary.slice(0, summaryColumns.length),
    caseId,
  );
  const indexed = { ...old, caseNumber, treatments };
  if (options.index) options.index(indexed);
  else indexCase(db, caseId, indexed);

  for (const spec of PROJECTION_TABLES) {
    if (spec.table === 'cases' || spec.since > schema) continue;
    // A new case has no rows yet: skip the deletes. The duplicate flag is the versions' (below).
    if (options.indexed) {
      statement(db, `DELETE FROM ${spec.table} WHERE case_id = ?${spec.only ? ` AND ${spec.only}` : ''}`).run(caseId);
    }
    const columns = spec.columns.map((c, i) => [c, i] as const).filter(([c]) => c.since <= schema);
    const insert = statement(
      db,
      `INSERT INTO ${spec.table} (case_id, ${columns.map(([c]) => c.name).join(', ')})
       VALUES (?${', ?'.repeat(columns.length)})`,
    );
    for (const row of rows[spec.table]) insert.run(caseId, ...columns.map(([, i]) => row[i]));
  }
  // After the case row: its turnaround (generated from its dates) and decision day, copied (migration 011).
  if (schema >= CASE_VALUES_DAYS_SCHEMA) statement(db, CASE_DAYS_COPY_SQL).run({ caseId });
  if (options.indexed && schema >= ANALYTICS_SCHEMA) {
    statement(db, 'DELETE FROM projection_pending WHERE case_id = ?').run(caseId);
  }

  if (oldCaseNumber !== caseNumber) renumberVersions(db, oldCaseNumber);
  if (!options.indexed && caseNumber !== null) {
    appendVersion(db, caseId, caseNumber);
  } else if (caseNumber === null) {
    // A case without a number is version 1 of nothing.
    statement(db, 'UPDATE cases SET version = 1 WHERE id = ?').run(caseId);
    statement(db, "DELETE FROM case_flags WHERE case_id = ? AND flag = 'duplicate-case-number'").run(caseId);
  } else {
    renumberVersions(db, caseNumber);
  }
}

/** The indexed values a case takes from its document row (file name, dates) without reading the letter text. */
function documentIndexedValues(db: Database.Database, caseId: number): Pick<IndexedValues, 'fileName' | 'dates'> {
  const dates = indexHasDates(db) ? 'd.text_dates' : "''";
  return statement(
    db,
    `SELECT d.file_name AS fileName, ${dates} AS dates FROM cases c JOIN documents d ON d.id = c.document_id
     WHERE c.id = ?`,
  ).get(caseId) as Pick<IndexedValues, 'fileName' | 'dates'>;
}

const schemaVersions = new WeakMap<Database.Database, number>();

/**
 * The connection's schema version. The app migrates every workspace it opens,
 * so there it is always the newest; tests that build a workspace as an earlier
 * version stored it, with today's write functions (test/integration/migrations.test.ts),
 * write the tables and columns that schema has, and the migrations project the rest.
 */
function schemaVersion(db: Database.Database): number {
  let known = schemaVersions.get(db);
  if (known === undefined || known < MODIFIED_SPLIT_SCHEMA) {
    known = db.pragma('user_version', { simple: true }) as number;
    // Only the latest is final: an older workspace may be migrated on this connection later.
    if (known >= MODIFIED_SPLIT_SCHEMA) schemaVersions.set(db, known);
  }
  return known;
}

/**
 * A new case's version: renumberVersions, without revisiting every earlier
 * version (importing many versions of one case number was quadratic). The
 * earlier versions are numbered 1…n-1 already; when the new case is the newest
 * (highest id), it is version n and only the flags change, on the second one.
 */
function appendVersion(db: Database.Database, caseId: number, caseNumber: string): void {
  const { count, newest } = statement(
    db,
    'SELECT COUNT(*) AS count, MAX(id) AS newest FROM cases WHERE case_number = ?',
  ).get(caseNumber) as { count: number; newest: number };
  if (newest !== caseId) {
    renumberVersions(db, caseNumber);
    return;
  }
  statement(db, 'UPDATE cases SET version = ? WHERE id = ? AND version <> ?').run(count, caseId, count);
  if (count === 1) return;
  statement(
    db,
    `INSERT OR IGNORE INTO case_flags (case_id, flag)
       SELECT id, 'duplicate-case-number' FROM cases WHERE case_number = ? AND (? = 2 OR id = ?)`,
  ).run(caseNumber, count, caseId);
}

/**
 * Versions among cases sharing a case number, by arrival (case id). Every
 * version of a repeated case number is flagged: the reviewer must look at all
 * of them, never only the newest. Cases are never merged.
 */
function renumberVersions(db: Database.Database, caseNumber: string | null): void {
  if (caseNumber === null) return;
  const ids = statement(db, 'SELECT id FROM cases WHERE case_number = ? ORDER BY id', { pluck: true }).all(
    caseNumber,
  ) as number[];
  const setVersion = statement(db, 'UPDATE cases SET version = ? WHERE id = ? AND version <> ?');
  const flag = statement(db, "INSERT OR IGNORE INTO case_flags (case_id, flag) VALUES (?, 'duplicate-case-number')");
  const unflag = statement(db, "DELETE FROM case_flags WHERE case_id = ? AND flag = 'duplicate-case-number'");
  ids.forEach((id, i) => {
    setVersion.run(i + 1, id, i + 1);
    if (ids.length > 1) flag.run(id);
    else unflag.run(id);
  });
}

/**
 * Resolves what a user typed (internal id or IMR case number) to a case id.
 * A case number with several versions resolves to its first version; the
 * detail lists the others.
 */
/**
 * The internal ids of every letter carrying this IMR case number, oldest
 * version first (a case number repeats when MAXIMUS re-issued a letter or the
 * same letter was imported from different files). Case-insensitive.
 */
export function caseIdsForNumber(db: Database.Database, caseNumber: string): number[] {
  return statement(db, 'SELECT id FROM cases WHERE case_number = ? COLLATE NOCASE ORDER BY version', {
    pluck: true,
  }).all(caseNumber.trim()) as number[];
}

export function resolveCaseRef(db: Database.Database, ref: number | string): number | undefined {
  if (typeof ref === 'number') {
    return statement(db, 'SELECT id FROM cases WHERE id = ?', { pluck: true }).get(ref) as number | undefined;
  }
  const text = ref.trim();
  const byNumber = statement(db, 'SELECT id FROM cases WHERE case_number = ? COLLATE NOCASE ORDER BY version LIMIT 1', {
    pluck: true,
  }).get(text) as number | undefined;
  if (byNumber !== undefined) return byNumber;
  if (/^\d+$/.test(text)) return resolveCaseRef(db, Number(text));
  return undefined;
}

interface CaseRowRaw {
  id: number;
  documentId: number;
  file: string;
  status: ReviewStatus;
  version: number;
  caseNumber: string | null;
  parsedJson: string;
}

/** What the store knows of one case; the audit module adds the corrections (backend/audit/case-detail.ts). */
export type CaseRecord = Pick<
  CaseDetail,
  'id' | 'documentId' | 'file' | 'status' | 'flags' | 'version' | 'otherVersions' | 'parsed'
>;

export function getCaseRecord(db: Database.Database, caseId: number): CaseRecord | undefined {
  const row = statement(
    db,
    `SELECT c.id, c.document_id AS documentId, d.file_name AS file, c.status, c.version,
         c.case_number AS caseNumber, p.parsed_json AS parsedJson
       FROM cases c JOIN documents d ON d.id = c.document_id JOIN case_parses p ON p.id = c.parse_id
       WHERE c.id = ?`,
  ).get(caseId) as CaseRowRaw | undefined;
  if (!row) return undefined;
  const otherVersions =
    row.caseNumber === null
      ? []
      : (statement(
          db,
          `SELECT c.id, d.file_name AS file, c.imported_at AS importedAt FROM cases c
             JOIN documents d ON d.id = c.document_id WHERE c.case_number = ? AND c.id <> ? ORDER BY c.id`,
        ).all(row.caseNumber, caseId) as CaseDetail['otherVersions']);
  return {
    id: row.id,
    documentId: row.documentId,
    file: row.file,
    status: row.status,
    flags: getCaseFlags(db, caseId),
    version: row.version,
    otherVersions,
    parsed: upgradeParsedLetter(JSON.parse(row.parsedJson) as ParsedLetter),
  };
}

export function getCaseFlags(db: Database.Database, caseId: number): CaseFlag[] {
  return statement(db, 'SELECT flag FROM case_flags WHERE case_id = ? ORDER BY flag', { pluck: true }).all(
    caseId,
  ) as CaseFlag[];
}

/** Case id and document id of every case, oldest first (reparse walks these). */
export function listCaseDocuments(db: Database.Database): { caseId: number; documentId: number }[] {
  return statement(db, 'SELECT id AS caseId, document_id AS documentId FROM cases ORDER BY id').all() as {
    caseId: number;
    documentId: number;
  }[];
}

export const STORE_DERIVED_FLAGS = STORE_FLAGS;
