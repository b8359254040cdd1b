/**
 * The part of `imr verify` that checks what each case's values are made of
 * against the audit trail (issue 12): the letter (bytes, extracted text, line
 * map and the facts shown about it), every stored parse, the parse each case
 * uses, and the case list's copy of its values. See backend/store/provenance.ts
 * for the events this reads.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { CORRECTION_EVENT_TYPES } from '../../shared/domain/case';
import { upgradeParsedLetter } from '../../shared/domain/fields';
import type { ParsedLetter } from '../../shared/domain/letter';
import type { AuditRow } from '../store/audit-chain';
import { caseProjection, type CaseProjection } from '../store/cases';
import type { DocumentFacts, ImportRecord, ParseFacts, ParseRecord } from '../store/provenance';
import { effectiveState, effectiveValues } from './apply';
import { readCaseEvents } from './log';
import { guard, type ProblemList } from './verify-report';

interface CaseTrail {
  importEventId: number;
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

/** What the trail says about letters and parses, gathered while the chain is walked. */
export class Provenance {
  readonly cases = new Map<number, CaseTrail>();
  readonly parses = new Map<number, ParseTrail>();
  /** Cases with at least one correction: their values need the fold, the others are their parse. */
  readonly corrected = new Set<number>();

  add(row: AuditRow, describe: (row: AuditRow) => string, problems: ProblemList): void {
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

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

interface StoredLetterRow {
  caseId: number;
  caseNumber: string | null;
  documentId: number;
  parseId: number | null;
  sha256: string | null;
  fileName: string | null;
  size: number | null;
  kind: string | null;
  pageCount: number | null;
  encoding: string | null;
  original: Buffer | null;
  text: string | null;
  linesJson: string | null;
}

const caseName = (caseId: number, caseNumber: string | null | undefined) =>
  caseNumber ? `Case ${caseNumber} (#${caseId})` : `Case #${caseId}`;

/** Checks letters, parses and the case list against `provenance`. Returns the number of cases checked. */
export function verifyProvenance(db: Database.Database, problems: ProblemList, provenance: Provenance): number {
  const seenCases = new Set<number>();
  const names = new Map<number, string | null>();
  // What the trail has but the tables lack is only known once the tables were read to the end.
  const lettersRead = guard(problems, 'the letters', () => checkLetters(db, problems, provenance, seenCases, names));
  for (const [caseId, trail] of lettersRead ? provenance.cases : []) {
    if (!seenCases.has(caseId)) {
      problems.add(`Case #${caseId}, imported by event ${trail.importEventId}, is no longer in the workspace.`);
    }
  }
  const seenParses = new Set<number>();
  const parsesRead = guard(problems, 'the parses', () => checkParses(db, problems, provenance, seenParses, names));
  for (const [parseId, trail] of parsesRead ? provenance.parses : []) {
    if (!seenParses.has(parseId)) {
      problems.add(
        `${caseName(trail.caseId, names.get(trail.caseId))}: parse #${parseId}, stored by event ${trail.eventId}, is missing.`,
      );
    }
  }
  return seenCases.size;
}

/** Every case's letter against its import event, and its parse pointer against its last import/parse event. */
function checkLetters(
  db: Database.Database,
  problems: ProblemList,
  provenance: Provenance,
  seen: Set<number>,
  names: Map<number, string | null>,
): true {
  const page = db.prepare(
    `SELECT c.id AS caseId, c.case_number AS caseNumber, c.document_id AS documentId, c.parse_id AS parseId,
       d.sha256, d.file_name AS fileName, d.size, d.kind, d.page_count AS pageCount, d.encoding,
       dc.original, dc.text, dc.lines_json AS linesJson
     FROM cases c LEFT JOIN documents d ON d.id = c.document_id LEFT JOIN document_content dc ON dc.document_id = d.id
     WHERE c.id > ? ORDER BY c.id LIMIT 200`,
  );
  for (let after = 0; ;) {
    const rows = page.all(after) as StoredLetterRow[];
    if (rows.length === 0) return true;
    for (const row of rows) {
      seen.add(row.caseId);
      names.set(row.caseId, row.caseNumber);
      checkLetter(row, provenance.cases.get(row.caseId), problems);
    }
    after = rows.at(-1)!.caseId;
  }
}

function checkLetter(row: StoredLetterRow, trail: CaseTrail | undefined, problems: ProblemList): void {
  const name = caseName(row.caseId, row.caseNumber);
  if (!trail) {
    problems.add(
      `${name}: its letter is not in the audit trail (no import event): it was added outside IMR Workbench.`,
    );
    return;
  }
  const imported = trail.document;
  const by = `(imported by event ${trail.importEventId})`;
  if (row.documentId !== imported.id) {
    problems.add(`${name} now shows document #${row.documentId}, not the letter it was imported with ${by}.`);
    return;
  }
  if (row.original === null || row.text === null || row.linesJson === null) {
    problems.add(`${name}: its letter's stored content is missing ${by}.`);
    return;
  }
  if (sha256(row.original) !== imported.sha256) {
    problems.add(`${name}: the letter's stored bytes are not the ones imported ${by}: they were changed.`);
  }
  if (row.sha256 !== imported.sha256) {
    problems.add(`${name}: the letter's recorded checksum was changed after import ${by}.`);
  }
  if (sha256(row.text) !== imported.textSha256) {
    problems.add(`${name}: the letter's extracted text was changed after import ${by}.`);
  }
  if (sha256(row.linesJson) !== imported.linesSha256) {
    problems.add(`${name}: the letter's line map (where each value sits on the page) was changed after import ${by}.`);
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
  if (row.parseId !== trail.parseId) {
    problems.add(
      `${name} uses parse #${row.parseId ?? 'none'}, but the audit trail last switched it to parse #${trail.parseId} ` +
        `(event ${trail.parseEventId}): it was pointed at another parse outside IMR Workbench.`,
    );
  }
}

interface StoredParseRow {
  id: number;
  caseId: number;
  parserVersion: string;
  json: string;
  current: number | null;
}

/** Every stored parse against the event that stored it; the case in force also against the case list. */
function checkParses(
  db: Database.Database,
  problems: ProblemList,
  provenance: Provenance,
  seen: Set<number>,
  names: Map<number, string | null>,
): true {
  const page = db.prepare(
    `SELECT p.id, p.case_id AS caseId, p.parser_version AS parserVersion, p.parsed_json AS json,
       (c.parse_id = p.id) AS current
     FROM case_parses p LEFT JOIN cases c ON c.id = p.case_id WHERE p.id > ? ORDER BY p.id LIMIT 500`,
  );
  const projection = new ProjectionCheck(db, provenance);
  let listReadable = true;
  for (let after = 0; ;) {
    const rows = page.all(after) as StoredParseRow[];
    if (rows.length === 0) return true;
    for (const row of rows) {
      seen.add(row.id);
      const name = caseName(row.caseId, names.get(row.caseId));
      const trail = provenance.parses.get(row.id);
      if (!trail) {
        problems.add(
          `${name}: parse #${row.id} (parser ${row.parserVersion}) is not in the audit trail: it was added outside IMR Workbench.`,
        );
      } else if (trail.caseId !== row.caseId) {
        problems.add(`${name}: parse #${row.id} was stored for case #${trail.caseId} (event ${trail.eventId}).`);
      } else if (sha256(row.json) !== trail.facts.sha256) {
        problems.add(`${name}: parse #${row.id} was changed after it was stored (event ${trail.eventId}).`);
      } else if (row.parserVersion !== trail.facts.parserVersion) {
        problems.add(
          `${name}: parse #${row.id}'s parser version was changed after it was stored (event ${trail.eventId}).`,
        );
      } else if (row.current === 1 && listReadable) {
        // Only a parse that is what the trail says it is can vouch for the case list.
        const difference = guard(problems, 'the case list', () => projection.check(row.caseId, row.json));
        if (difference === undefined) listReadable = false;
        else if (difference) {
          problems.add(
            `${name}: the case list shows ${difference.stored}, but its letter and corrections give ${difference.expected}: ` +
              'the list was changed outside IMR Workbench (imr reparse rebuilds it).',
          );
        }
      }
    }
    after = rows.at(-1)!.id;
  }
}

/**
 * The case list's copy of a case's values (the `cases` summary columns and
 * `items`, which the list, filters and statistics read) against the values
 * its parse and corrections give. Compares what a reviewer counts on: case
 * number, status, items, and each item's treatment and decision.
 */
class ProjectionCheck {
  private readonly storedCase: Database.Statement;
  private readonly storedItems: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly provenance: Provenance,
  ) {
    this.storedCase = db.prepare(
      `SELECT case_number AS caseNumber, status, item_count AS itemCount, upheld, overturned
       FROM cases WHERE id = ?`,
    );
    this.storedItems = db.prepare('SELECT treatment, decision FROM items WHERE case_id = ? ORDER BY idx');
  }

  check(caseId: number, parsedJson: string): { stored: string; expected: string } | null {
    let parsed: ParsedLetter;
    try {
      // Parses stored by earlier versions are read as the app reads them when a case opens.
      parsed = upgradeParsedLetter(JSON.parse(parsedJson) as ParsedLetter);
    } catch {
      return { stored: 'values', expected: 'none (its parse is not readable JSON)' };
    }
    const events = this.provenance.corrected.has(caseId) ? readCaseEvents(this.db, caseId) : [];
    const state = effectiveState(parsed, events);
    const values = effectiveValues(state);
    const expected = caseProjection(values, state.status);
    const stored = this.storedCase.get(caseId) as Pick<
      CaseProjection,
      'caseNumber' | 'status' | 'itemCount' | 'upheld' | 'overturned'
    >;
    const storedItems = this.storedItems.all(caseId) as { treatment: string | null; decision: string | null }[];
    for (const key of ['caseNumber', 'status', 'itemCount', 'upheld', 'overturned'] as const) {
      if (stored[key] !== expected[key]) {
        return { stored: describe(key, stored[key]), expected: describe(key, expected[key]) };
      }
    }
    for (let i = 0; i < values.items.length; i++) {
      const item = values.items[i]!;
      const copy = storedItems[i];
      if (!copy || copy.treatment !== item.treatment || copy.decision !== item.decision) {
        return {
          stored: `item ${i + 1} as ${copy ? itemText(copy) : 'missing'}`,
          expected: itemText(item),
        };
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
