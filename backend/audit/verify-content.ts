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
import type { LetterValues, ReviewStatus } from '../../shared/domain/case';
import type { ParsedLetter } from '../../shared/domain/letter';
import { auditRowColumns, IS_CORRECTION_EVENT, type AuditRow } from '../store/audit-chain';
import { caseProjection, type CaseProjection } from '../store/cases';
import { isUnreadable } from '../store/errors';
import { effectiveState, effectiveValues, uncorrectedValues } from './apply';
import { rowToCaseEvent } from './log';
import type { CaseEvent } from './model';
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
export type ContentReadings = Pick<ContentResult, 'letters' | 'parses' | 'list'>;

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
    unreadable: [],
    ms: { letters: 0, 'parses and case list': 0 },
  };
  const handOver = () => {
    if (!sink || result.letters.length + result.parses.length < handOverEvery) return;
    sink({ letters: result.letters, parses: result.parses, list: result.list });
    result.letters = [];
    result.parses = [];
    result.list = [];
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
  part('the letters', () => readLetters(db, range, result, handOver));
  result.ms.letters = performance.now() - started;
  started = performance.now();
  part('the parses', () => readParses(db, range, result, handOver));
  result.ms['parses and case list'] = performance.now() - started;
  return result;
}

function readLetters(db: Database.Database, range: ContentRange, result: ContentResult, handOver: () => void): void {
  // Text columns read as their UTF-8 bytes: hashed as stored, without decoding them into strings. Rows as
  // arrays (.raw()): no object with eleven named members per letter only to take it apart again.
  const page = db
    .prepare(
      `SELECT c.id, c.document_id, d.sha256, d.file_name, d.size, d.kind, d.page_count, d.encoding,
         dc.original, CAST(dc.text AS BLOB), CAST(dc.lines_json AS BLOB)
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
    original: Buffer | null,
    text: Buffer | null,
    lines: Buffer | null,
  ];
  for (let after = range.fromCaseId - 1; ;) {
    const rows = page.all(after, range.toCaseId) as Row[];
    if (rows.length === 0) return;
    for (const row of rows) {
      const [caseId, documentId, recordedSha256, fileName, size, kind, pageCount, encoding, original, text, lines] =
        row;
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
  const list = new ListCheck(db);
  let listReadable = true;
  const unreadableList = (err: unknown) => {
    if (!isUnreadable(err)) throw err;
    result.unreadable.push({ what: 'the case list', message: errorText(err) });
    listReadable = false;
  };
  for (let afterCase = range.fromCaseId - 1, afterId = Infinity; ;) {
    const rows = page.all(afterCase, afterId, range.toCaseId, range.maxParseId) as Row[];
    if (rows.length === 0) return;
    const last = rows.at(-1)!;
    let copies: ListCopies | null = null;
    if (listReadable) {
      try {
        copies = list.read(rows[0]![1], last[1]);
      } catch (err) {
        unreadableList(err);
      }
    }
    for (const [id, caseId, parserVersion, json, current] of rows) {
      result.parses.push({ id, caseId, parserVersion, sha256: sha256(json) });
      if (current === 1 && copies && listReadable) {
        try {
          const difference = list.check(copies, caseId, json.toString('utf8'));
          if (difference) result.list.push({ caseId, ...difference });
        } catch (err) {
          unreadableList(err);
        }
      }
      release(json);
    }
    afterCase = last[1];
    afterId = last[0];
    handOver();
  }
}

type StoredCase = Pick<CaseProjection, 'caseNumber' | 'status' | 'itemCount' | 'upheld' | 'overturned'>;
type StoredItem = { treatment: string | null; decision: string | null };

/** The case list's copies of a run of cases, read at once (a query per case would be most of the check's time). */
interface ListCopies {
  cases: Map<number, StoredCase>;
  items: Map<number, StoredItem[]>;
  /** The corrections of the cases that have any, oldest first: only these cases need them applied. */
  corrections: Map<number, CaseEvent[]>;
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
  private readonly corrections: Database.Statement;

  constructor(db: Database.Database) {
    this.storedCases = db
      .prepare('SELECT id, case_number, status, item_count, upheld, overturned FROM cases WHERE id BETWEEN ? AND ?')
      .raw();
    this.storedItems = db
      .prepare('SELECT case_id, treatment, decision FROM items WHERE case_id BETWEEN ? AND ? ORDER BY case_id, idx')
      .raw();
    // The same rows readCaseEvents reads, for a run of cases at once (audit_events_case index).
    this.corrections = db.prepare(
      `SELECT ${auditRowColumns()} FROM audit_events WHERE case_id BETWEEN ? AND ? AND ${IS_CORRECTION_EVENT}
       ORDER BY case_id, id`,
    );
  }

  read(fromCaseId: number, toCaseId: number): ListCopies {
    const cases = new Map<number, StoredCase>();
    for (const [id, caseNumber, status, itemCount, upheld, overturned] of this.storedCases.all(
      fromCaseId,
      toCaseId,
    ) as [number, ...Parameters<typeof storedCase>][]) {
      cases.set(id, storedCase(caseNumber, status, itemCount, upheld, overturned));
    }
    const items = new Map<number, StoredItem[]>();
    for (const [caseId, treatment, decision] of this.storedItems.all(fromCaseId, toCaseId) as [
      number,
      string | null,
      string | null,
    ][]) {
      const list = items.get(caseId);
      if (list) list.push({ treatment, decision });
      else items.set(caseId, [{ treatment, decision }]);
    }
    const corrections = new Map<number, CaseEvent[]>();
    for (const row of this.corrections.all(fromCaseId, toCaseId) as AuditRow[]) {
      const caseId = row.case_id!;
      const events = corrections.get(caseId);
      if (events) events.push(rowToCaseEvent(row));
      else corrections.set(caseId, [rowToCaseEvent(row)]);
    }
    return { cases, items, corrections };
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
    const events = copies.corrections.get(caseId);
    if (events) {
      const state = effectiveState(parsed, events);
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

const storedCase = (
  caseNumber: string | null,
  status: ReviewStatus,
  itemCount: number,
  upheld: number,
  overturned: number,
): StoredCase => ({ caseNumber, status, itemCount, upheld, overturned });

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
