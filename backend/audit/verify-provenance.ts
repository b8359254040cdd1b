/**
 * The part of `imr verify` that checks what each case's values are made of
 * against the audit trail (issue 12): the letter (bytes, extracted text, line
 * map and the facts shown about it), every stored parse, the parse each case
 * uses, and the case list's copy of its values. See backend/store/provenance.ts
 * for the events this reads. The reading and hashing is verify-content.ts (in
 * worker threads); this gathers what the trail says and compares.
 */
import type Database from 'better-sqlite3';
import { shownCaseNumber } from './case-subject';
import { CORRECTION_EVENT_TYPES } from '../../shared/domain/case';
import type { AuditRow } from '../store/audit-chain';
import type { DocumentFacts, ImportRecord, ParseFacts, ParseRecord } from '../store/provenance';
import type { ContentRange, ContentResult, LetterReading, ParseReading } from './verify-content';
import type { CaseProblems, ProblemList } from './verify-report';
import { expectedVersions } from '../store/projection';

const DUPLICATE_FLAG = 'duplicate-case-number';

interface CaseTrail {
  importEventId: number;
  /** The import event's time, and how the stored import times must relate to it (`importTimeProblem`). */
  importedAt: string;
  importTime: ImportTime;
  document: DocumentFacts;
  /** The parse the trail last switched the case to, and the event that did. */
  parseId: number;
  parseEventId: number;
}

interface ParseTrail {
  caseId: number;
  eventId: number;
  facts: ParseFacts;
}

const CORRECTIONS = new Set<string>(CORRECTION_EVENT_TYPES);

/**
 * How an import event's time relates to the letter's stored import time (cases.imported_at,
 * documents.imported_at), which `storeLetter` (store/letters.ts) writes from the same value as the event:
 * - 'exact': they are equal;
 * - 'clamped': the event is dated as the one before it, because the clock had stepped back
 *   (`appendAuditRow` never dates an event before the previous one), so the stored time is earlier;
 * - 'backfilled': the event was written by the upgrade to schema 3 for a letter stored before (its reason
 *   says so), so the letter was imported no later than the event.
 */
type ImportTime = 'exact' | 'clamped' | 'backfilled';

/** What the trail says about letters and parses, gathered while the chain is walked. */
export class Provenance {
  readonly cases = new Map<number, CaseTrail>();
  readonly parses = new Map<number, ParseTrail>();
  /** Cases with at least one correction: their values need the fold, the others are their parse. */
  readonly corrected = new Set<number>();
  /** The time of the event before the one being added. */
  private previousAt: string | null = null;

  /** Every event in id order (the chain walk). */
  add(row: AuditRow, describe: (row: AuditRow) => string, problems: ProblemList): void {
    const previousAt = this.previousAt;
    this.previousAt = row.at;
    if (row.case_id === null) return;
    if (CORRECTIONS.has(row.type)) {
      this.corrected.add(row.case_id);
      return;
    }
    if (row.type !== 'import-letter' && row.type !== 'parse') return;
    const record = readRecord(row);
    if (!record) {
      problems.add(
        `${describe(row)} does not hold a readable record of the ${row.type === 'parse' ? 'parse' : 'letter'}.`,
      );
      return;
    }
    const parse = record.parse;
    const known = this.parses.get(parse.id);
    if (known && (known.caseId !== row.case_id || known.facts.sha256 !== parse.sha256)) {
      problems.add(`${describe(row)} records parse #${parse.id} differently from event ${known.eventId}.`);
    }
    if (!known) this.parses.set(parse.id, { caseId: row.case_id, eventId: row.id, facts: parse });
    const trail = this.cases.get(row.case_id);
    if ('document' in record) {
      if (trail) {
        problems.add(`${describe(row)} imports the case a second time (first: event ${trail.importEventId}).`);
        return;
      }
      this.cases.set(row.case_id, {
        importEventId: row.id,
        importedAt: row.at,
        importTime: row.reason !== null ? 'backfilled' : row.at === previousAt ? 'clamped' : 'exact',
        document: record.document,
        parseId: parse.id,
        parseEventId: row.id,
      });
    } else if (!trail) {
      problems.add(`${describe(row)} records a parse of a case the trail has no import of.`);
    } else {
      trail.parseId = parse.id;
      trail.parseEventId = row.id;
    }
  }
}

const isHash = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The import or parse record of an event, or null when it is not one (checked by hand: 100,000s of them). */
function readRecord(row: AuditRow): ImportRecord | ParseRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(row.new_value);
  } catch {
    return null;
  }
  if (!isObject(value) || !isObject(value.parse)) return null;
  const parse = value.parse;
  if (!Number.isInteger(parse.id) || typeof parse.parserVersion !== 'string' || !isHash(parse.sha256)) return null;
  if (row.type === 'parse') return value as unknown as ParseRecord;
  const d = value.document;
  if (
    !isObject(d) ||
    !Number.isInteger(d.id) ||
    !isHash(d.sha256) ||
    !isHash(d.textSha256) ||
    !isHash(d.linesSha256) ||
    typeof d.fileName !== 'string'
  ) {
    return null;
  }
  return value as unknown as ImportRecord;
}

/** The cases as the main thread's snapshot has them: names, parse pointers, and the ranges to read. */
export interface CaseIndex {
  names: Map<number, string | null>;
  parseIds: Map<number, number | null>;
  /** cases.version as stored. */
  versions: Map<number, number>;
  /** The cases flagged 'duplicate-case-number'. */
  duplicates: Set<number>;
  maxCaseId: number;
  maxParseId: number;
  /**
   * Corrected cases whose list rows an upgrade left for the corrections module to rebuild on the next writable
   * open (projection_pending, backend/store/database.ts `reproject`): they hold the parsed values, by design.
   */
  pending: Set<number>;
}

export function readCaseIndex(db: Database.Database): CaseIndex {
  const names = new Map<number, string | null>();
  const parseIds = new Map<number, number | null>();
  const versions = new Map<number, number>();
  let maxCaseId = 0;
  const rows = db
    .prepare('SELECT id, case_number AS caseNumber, parse_id AS parseId, version FROM cases ORDER BY id')
    .raw()
    .iterate() as IterableIterator<[number, string | null, number | null, number]>;
  for (const [id, caseNumber, parseId, version] of rows) {
    names.set(id, caseNumber);
    parseIds.set(id, parseId);
    versions.set(id, version);
    maxCaseId = id;
  }
  const maxParseId = (db.prepare('SELECT MAX(id) FROM case_parses').pluck().get() as number | null) ?? 0;
  const duplicates = new Set(
    db.prepare("SELECT case_id FROM case_flags WHERE flag = 'duplicate-case-number'").pluck().all() as number[],
  );
  const hasPending = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'projection_pending'")
    .get();
  const pending = new Set(
    hasPending ? (db.prepare('SELECT case_id FROM projection_pending').pluck().all() as number[]) : [],
  );
  return { names, parseIds, versions, duplicates, maxCaseId, maxParseId, pending };
}

/** `parts` ranges of about as many cases each, covering every case (and parses of cases since removed). */
export function contentRanges(index: CaseIndex, parts: number): ContentRange[] {
  const ids = [...index.names.keys()];
  const size = Math.max(1, Math.ceil(ids.length / Math.max(1, parts)));
  const ranges: ContentRange[] = [];
  for (let i = 0; i < ids.length; i += size) {
    const last = i + size >= ids.length;
    ranges.push({
      fromCaseId: i === 0 ? 1 : ids[i]!,
      // The last range runs on, for parses whose case is gone (they are reported).
      toCaseId: last ? Number.MAX_SAFE_INTEGER : ids[i + size - 1]!,
      maxParseId: index.maxParseId,
    });
  }
  return ranges.length > 0
    ? ranges
    : [{ fromCaseId: 1, toCaseId: Number.MAX_SAFE_INTEGER, maxParseId: index.maxParseId }];
}

/**
 * How a report line names a case: 'Case CM16-0230651 (#1)', or 'Case #1' without a number — always at the start
 * of the line, the number made safe to show (shownCaseNumber: it cannot contain the " (#" that ends the name).
 * The report also carries the case's id beside the line (VerifyReport.problemCases), which is what a reader links.
 */
export const caseName = (caseId: number, caseNumber: string | null | undefined) =>
  caseNumber ? `Case ${shownCaseNumber(caseNumber)} (#${caseId})` : `Case #${caseId}`;

/** Reports the parts the readers could not read (a damaged file); returns what they were. */
export function reportUnreadable(problems: ProblemList, results: readonly ContentResult[]): Set<string> {
  const unreadable = new Set<string>();
  for (const result of results) {
    for (const { what, message } of result.unreadable) {
      unreadable.add(what);
      problems.unreadable(what, new Error(message));
    }
  }
  return unreadable;
}

/** Compares what was read with what the trail says. Returns the number of cases checked. */
export function compareContent(
  problems: ProblemList,
  provenance: Provenance,
  index: CaseIndex,
  results: readonly ContentResult[],
): number {
  const name = (caseId: number) => caseName(caseId, index.names.get(caseId));
  const unreadable = reportUnreadable(problems, results);
  const letters = new Map<number, LetterReading>();
  for (const result of results) for (const letter of result.letters) letters.set(letter.caseId, letter);

  for (const [caseId, parseId] of index.parseIds) {
    const trail = provenance.cases.get(caseId);
    if (!trail) {
      problems
        .forCase(caseId)
        .add(
          `${name(caseId)}: its letter is not in the audit trail (no import event): it was added outside IMR Workbench.`,
        );
      continue;
    }
    const letter = letters.get(caseId);
    if (letter) checkLetter(name(caseId), letter, trail, problems.forCase(caseId));
    if (parseId !== trail.parseId) {
      problems
        .forCase(caseId)
        .add(
          `${name(caseId)} uses parse #${parseId ?? 'none'}, but the audit trail last switched it to parse #${trail.parseId} ` +
            `(event ${trail.parseEventId}): it was pointed at another parse outside IMR Workbench.`,
        );
    }
  }
  for (const [caseId, trail] of provenance.cases) {
    if (!index.names.has(caseId) && caseId <= index.maxCaseId) {
      problems
        .forCase(caseId)
        .add(`Case #${caseId}, imported by event ${trail.importEventId}, is no longer in the workspace.`);
    }
  }

  const readParses = new Map<number, ParseReading>();
  for (const result of results) {
    for (const parse of result.parses) {
      readParses.set(parse.id, parse);
      const trail = provenance.parses.get(parse.id);
      if (!trail) {
        problems
          .forCase(parse.caseId)
          .add(
            `${name(parse.caseId)}: parse #${parse.id} (parser ${parse.parserVersion}) is not in the audit trail: it was added outside IMR Workbench.`,
          );
      } else if (trail.caseId !== parse.caseId) {
        problems
          .forCase(parse.caseId)
          .add(
            `${name(parse.caseId)}: parse #${parse.id} was stored for case #${trail.caseId} (event ${trail.eventId}).`,
          );
      } else if (parse.sha256 !== trail.facts.sha256) {
        problems
          .forCase(parse.caseId)
          .add(`${name(parse.caseId)}: parse #${parse.id} was changed after it was stored (event ${trail.eventId}).`);
      } else if (parse.parserVersion !== trail.facts.parserVersion) {
        problems
          .forCase(parse.caseId)
          .add(
            `${name(parse.caseId)}: parse #${parse.id}'s parser version was changed after it was stored (event ${trail.eventId}).`,
          );
      }
    }
  }
  if (!unreadable.has('the parses')) {
    for (const [parseId, trail] of provenance.parses) {
      if (!readParses.has(parseId) && parseId <= index.maxParseId) {
        problems
          .forCase(trail.caseId)
          .add(`${name(trail.caseId)}: parse #${parseId}, stored by event ${trail.eventId}, is missing.`);
      }
    }
  }

  // Only a parse that is what the trail says it is can vouch for the case list.
  // A case awaiting its rebuild (CaseIndex.pending) holds parsed values in its list by design: not compared, and
  // the report names it (VerifyReport.awaitingRebuild) instead of calling its list changed.
  const trusted = (caseId: number) => {
    if (index.pending.has(caseId)) return false;
    const parseId = index.parseIds.get(caseId);
    const trail = parseId == null ? undefined : provenance.parses.get(parseId);
    const read = parseId == null ? undefined : readParses.get(parseId);
    return trail !== undefined && read !== undefined && read.sha256 === trail.facts.sha256;
  };
  const changed = 'the list was changed outside IMR Workbench (imr reparse rebuilds it).';
  for (const result of results) {
    for (const difference of result.list) {
      if (!trusted(difference.caseId)) continue;
      problems
        .forCase(difference.caseId)
        .add(
          `${name(difference.caseId)}: the case list shows ${difference.stored}, but its letter and corrections give ` +
            `${difference.expected}: ${changed}`,
        );
    }
  }
  // Migration 011's day copies against their case row (read in the workers' scan of case_values: verify-content.ts).
  for (const result of results) {
    for (const { caseId, firstRow, differing, caseDays, caseDay } of result.days) {
      const which = differing === 1 ? `its ${firstRow} row` : `${differing} of its rows (first: ${firstRow})`;
      problems
        .forCase(caseId)
        .add(
          `${name(caseId)}: the analytics' copies of the case's turnaround and decision day differ in ${which} from ` +
            `the case row (${caseDays === null ? 'no turnaround' : `turnaround ${caseDays} days`}, ` +
            `${caseDay === null ? 'no decision date' : `decision ${JSON.stringify(caseDay)}`}): ${changed}`,
        );
    }
  }
  // Versions and the duplicate flag follow from the case numbers stored (each checked above against its case).
  for (const [caseId, expected] of expectedVersions(index.names)) {
    const version = index.versions.get(caseId);
    const because = 'but the cases with its case number give';
    if (version !== expected.version) {
      problems
        .forCase(caseId)
        .add(
          `${name(caseId)}: the case list shows cases.version ${version}, ${because} ${expected.version}: ${changed}`,
        );
    }
    const flagged = index.duplicates.has(caseId);
    if (flagged !== expected.duplicate) {
      problems
        .forCase(caseId)
        .add(
          `${name(caseId)}: the case list shows ${flagged ? 'a' : 'no'} row of case_flags (flag "${DUPLICATE_FLAG}"), ` +
            `${because} ${flagged ? 'none' : 'one'}: ${changed}`,
        );
    }
  }
  return index.names.size;
}

function checkLetter(name: string, row: LetterReading, trail: CaseTrail, problems: CaseProblems): void {
  const imported = trail.document;
  const by = `(imported by event ${trail.importEventId})`;
  if (row.documentId !== imported.id) {
    problems.add(`${name} now shows document #${row.documentId}, not the letter it was imported with ${by}.`);
    return;
  }
  if (row.sha256 === null || row.textSha256 === null || row.linesSha256 === null) {
    problems.add(`${name}: its letter's stored content is missing ${by}.`);
    return;
  }
  if (row.sha256 !== imported.sha256) {
    problems.add(`${name}: the letter's stored bytes are not the ones imported ${by}: they were changed.`);
  }
  if (row.recordedSha256 !== imported.sha256) {
    problems.add(`${name}: the letter's recorded checksum was changed after import ${by}.`);
  }
  if (row.textSha256 !== imported.textSha256) {
    problems.add(`${name}: the letter's extracted text was changed after import ${by}.`);
  }
  if (row.linesSha256 !== imported.linesSha256) {
    problems.add(`${name}: the letter's line map (where each value sits on the page) was changed after import ${by}.`);
  }
  for (const [column, stored] of [
    ['cases.imported_at', row.caseImportedAt],
    ['documents.imported_at', row.documentImportedAt],
  ] as const) {
    if (!importTimeFits(stored, trail)) {
      problems.add(
        `${name}: ${column} ${JSON.stringify(stored)} is not the time of its import (${trail.importedAt}, event ` +
          `${trail.importEventId}): it was changed after import (the case list sorts and shows it).`,
      );
    }
  }
  if (row.textDatesMatch === false) {
    problems.add(
      `${name}: the letter's dates as the search index holds them (documents.text_dates) are not the ones its text ` +
        `gives: they were changed after import ${by} (a search by date finds or misses it wrongly).`,
    );
  }
  const facts: [string, unknown, unknown][] = [
    ['file name', row.fileName, imported.fileName],
    ['size', row.size, imported.size],
    ['kind', row.kind, imported.kind],
    ['page count', row.pageCount, imported.pageCount],
    ['text encoding', row.encoding, imported.encoding],
  ];
  for (const [what, now, then] of facts) {
    if (now !== then) problems.add(`${name}: the letter's ${what} was changed after import ${by}.`);
  }
}

/** Whether a stored import time is what the letter's import event allows (ImportTime). */
function importTimeFits(stored: string | null, trail: CaseTrail): boolean {
  if (stored === trail.importedAt) return true;
  if (stored === null || trail.importTime === 'exact') return false;
  const time = Date.parse(stored);
  const event = Date.parse(trail.importedAt);
  if (Number.isNaN(time)) return false;
  return trail.importTime === 'clamped' ? time < event : time <= event;
}
