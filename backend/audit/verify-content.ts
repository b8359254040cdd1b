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
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { upgradeParsedLetter } from '../../shared/domain/fields';
import type { LetterValues, ReviewStatus } from '../../shared/domain/case';
import type { ParsedLetter } from '../../shared/domain/letter';
import { IS_CORRECTION_EVENT } from '../store/audit-chain';
import { caseProjection, type CaseProjection } from '../store/cases';
import { isUnreadable } from '../store/errors';
import { effectiveState, effectiveValues, uncorrectedValues } from './apply';
import { readCaseEvents } from './log';
import { errorText } from '../../shared/api/error-text';

export interface ContentRange {
  /** Cases fromCaseId…toCaseId (inclusive). */
  fromCaseId: number;
  toCaseId: number;
  /** Parses above this id were stored after the main thread's snapshot: left out. */
  maxParseId: number;
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

export interface ContentResult {
  letters: LetterReading[];
  parses: ParseReading[];
  list: ListDifference[];
  /** Parts SQLite could not read (damaged pages), as "what: message". */
  unreadable: { what: string; message: string }[];
  /** How long each part took, in ms. */
  ms: { letters: number; 'parses and case list': number };
}

const PAGE = 200;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Reads and checks one range of cases. Throws only for errors other than an unreadable (damaged) file. */
export function checkContent(db: Database.Database, range: ContentRange): ContentResult {
  const result: ContentResult = {
    letters: [],
    parses: [],
    list: [],
    unreadable: [],
    ms: { letters: 0, 'parses and case list': 0 },
  };
  const part = (what: string, work: () => void) => {
    try {
      work();
    } catch (err) {
      if (!isUnreadable(err)) throw err;
      result.unreadable.push({ what, message: errorText(err) });
    }
  };
  let started = performance.now();
  part('the letters', () => readLetters(db, range, result.letters));
  result.ms.letters = performance.now() - started;
  started = performance.now();
  part('the parses', () => readParses(db, range, result));
  result.ms['parses and case list'] = performance.now() - started;
  return result;
}

function readLetters(db: Database.Database, range: ContentRange, out: LetterReading[]): void {
  // Text columns read as their UTF-8 bytes: hashed as stored, without decoding them into strings.
  const page = db.prepare(
    `SELECT c.id AS caseId, c.document_id AS documentId, d.sha256 AS recordedSha256, d.file_name AS fileName,
       d.size, d.kind, d.page_count AS pageCount, d.encoding,
       dc.original, CAST(dc.text AS BLOB) AS text, CAST(dc.lines_json AS BLOB) AS lines
     FROM cases c LEFT JOIN documents d ON d.id = c.document_id LEFT JOIN document_content dc ON dc.document_id = d.id
     WHERE c.id > ? AND c.id <= ? ORDER BY c.id LIMIT ${PAGE}`,
  );
  for (let after = range.fromCaseId - 1; ;) {
    const rows = page.all(after, range.toCaseId) as (Omit<LetterReading, 'sha256' | 'textSha256' | 'linesSha256'> & {
      original: Buffer | null;
      text: Buffer | null;
      lines: Buffer | null;
    })[];
    if (rows.length === 0) return;
    for (const { original, text, lines, ...row } of rows) {
      out.push({
        ...row,
        sha256: original ? sha256(original) : null,
        textSha256: text ? sha256(text) : null,
        linesSha256: lines ? sha256(lines) : null,
      });
    }
    after = rows.at(-1)!.caseId;
  }
}

function readParses(db: Database.Database, range: ContentRange, result: ContentResult): void {
  const page = db.prepare(
    `SELECT p.id, p.case_id AS caseId, p.parser_version AS parserVersion, CAST(p.parsed_json AS BLOB) AS json,
       (c.parse_id = p.id) AS current
     FROM case_parses p LEFT JOIN cases c ON c.id = p.case_id
     WHERE (p.case_id, p.id) > (?, ?) AND p.case_id <= ? AND p.id <= ?
     ORDER BY p.case_id, p.id LIMIT ${PAGE}`,
  );
  const list = new ListCheck(db);
  let listReadable = true;
  const unreadableList = (err: unknown) => {
    if (!isUnreadable(err)) throw err;
    result.unreadable.push({ what: 'the case list', message: errorText(err) });
    listReadable = false;
  };
  for (let afterCase = range.fromCaseId - 1, afterId = Infinity; ;) {
    const rows = page.all(afterCase, afterId, range.toCaseId, range.maxParseId) as {
      id: number;
      caseId: number;
      parserVersion: string;
      json: Buffer;
      current: number | null;
    }[];
    if (rows.length === 0) return;
    const first = rows[0]!;
    const last = rows.at(-1)!;
    let copies: ListCopies | null = null;
    if (listReadable) {
      try {
        copies = list.read(first.caseId, last.caseId);
      } catch (err) {
        unreadableList(err);
      }
    }
    for (const row of rows) {
      const reading = { id: row.id, caseId: row.caseId, parserVersion: row.parserVersion, sha256: sha256(row.json) };
      result.parses.push(reading);
      if (row.current !== 1 || !copies || !listReadable) continue;
      try {
        const difference = list.check(copies, row.caseId, row.json.toString('utf8'));
        if (difference) result.list.push({ caseId: row.caseId, ...difference });
      } catch (err) {
        unreadableList(err);
      }
    }
    afterCase = last.caseId;
    afterId = last.id;
  }
}

type StoredCase = Pick<CaseProjection, 'caseNumber' | 'status' | 'itemCount' | 'upheld' | 'overturned'>;
type StoredItem = { treatment: string | null; decision: string | null };

/** The case list's copies of a run of cases, read at once (a query per case would be most of the check's time). */
interface ListCopies {
  cases: Map<number, StoredCase>;
  items: Map<number, StoredItem[]>;
  /** Cases with corrections: only these need their events read and applied. */
  corrected: Set<number>;
}

/**
 * The case list's copy of a case's values (the `cases` summary columns and
 * `items`, which the list, filters and statistics read) against the values
 * its parse and corrections give. Compares what a reviewer counts on: case
 * number, status, items, and each item's treatment and decision.
 */
class ListCheck {
  private readonly storedCases: Database.Statement;
  private readonly storedItems: Database.Statement;
  private readonly correctedCases: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.storedCases = db.prepare(
      `SELECT id, case_number AS caseNumber, status, item_count AS itemCount, upheld, overturned
       FROM cases WHERE id BETWEEN ? AND ?`,
    );
    this.storedItems = db.prepare(
      'SELECT case_id AS caseId, treatment, decision FROM items WHERE case_id BETWEEN ? AND ? ORDER BY case_id, idx',
    );
    this.correctedCases = db
      .prepare(`SELECT DISTINCT case_id FROM audit_events WHERE case_id BETWEEN ? AND ? AND ${IS_CORRECTION_EVENT}`)
      .pluck();
  }

  read(fromCaseId: number, toCaseId: number): ListCopies {
    const cases = new Map<number, StoredCase>();
    for (const row of this.storedCases.all(fromCaseId, toCaseId) as (StoredCase & { id: number })[]) {
      const { id, ...stored } = row;
      cases.set(id, stored);
    }
    const items = new Map<number, StoredItem[]>();
    for (const { caseId, ...item } of this.storedItems.all(fromCaseId, toCaseId) as (StoredItem & {
      caseId: number;
    })[]) {
      const list = items.get(caseId);
      if (list) list.push(item);
      else items.set(caseId, [item]);
    }
    return { cases, items, corrected: new Set(this.correctedCases.all(fromCaseId, toCaseId) as number[]) };
  }

  check(copies: ListCopies, caseId: number, parsedJson: string): { stored: string; expected: string } | null {
    let parsed: ParsedLetter;
    try {
      // Parses stored by earlier versions are read as the app reads them when a case opens.
      parsed = upgradeParsedLetter(JSON.parse(parsedJson) as ParsedLetter);
    } catch {
      return { stored: 'values', expected: 'none (its parse is not readable JSON)' };
    }
    let values: LetterValues;
    let status: ReviewStatus;
    if (copies.corrected.has(caseId)) {
      const state = effectiveState(parsed, readCaseEvents(this.db, caseId));
      values = effectiveValues(state);
      status = state.status;
    } else {
      ({ values, status } = uncorrectedValues(parsed));
    }
    const expected = caseProjection(values, status);
    const stored = copies.cases.get(caseId);
    if (!stored) return null;
    for (const key of ['caseNumber', 'status', 'itemCount', 'upheld', 'overturned'] as const) {
      if (stored[key] !== expected[key]) {
        return { stored: describe(key, stored[key]), expected: describe(key, expected[key]) };
      }
    }
    const storedItems = copies.items.get(caseId) ?? [];
    for (let i = 0; i < values.items.length; i++) {
      const item = values.items[i]!;
      const copy = storedItems[i];
      if (!copy || copy.treatment !== item.treatment || copy.decision !== item.decision) {
        return { stored: `item ${i + 1} as ${copy ? itemText(copy) : 'missing'}`, expected: itemText(item) };
      }
    }
    return null;
  }
}

const LABELS = {
  caseNumber: 'case number',
  status: 'status',
  itemCount: 'items',
  upheld: 'upheld items',
  overturned: 'overturned items',
} as const;

function describe(key: keyof typeof LABELS, value: unknown): string {
  const shown = typeof value === 'string' ? `"${value.length > 40 ? `${value.slice(0, 39)}…` : value}"` : String(value);
  return `${LABELS[key]} ${shown}`;
}

function itemText(item: { treatment: string | null; decision: string | null }): string {
  const treatment = item.treatment ?? '';
  return `"${treatment.length > 40 ? `${treatment.slice(0, 39)}…` : treatment}" ${item.decision ?? 'undecided'}`;
}
