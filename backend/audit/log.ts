/**
 * Reading and appending audit events. Appends must run inside the caller's
 * write transaction, together with the chain-head update and the projection
 * refresh, so an event is either fully recorded or not at all.
 */
import type Database from 'better-sqlite3';
import type { AuditEvent, AuditEventType } from '../../shared/domain/case';
import { canonicalJson } from './canonical';
import { computeEventHash, type AuditRow } from './chain';
import { CorrectionError } from './errors';
import type { CaseEvent, EventDraft, EventTarget } from './model';

export interface ChainHead {
  eventCount: number;
  lastEventId: number | null;
  lastHash: string;
}

export function readChainHead(db: Database.Database): ChainHead | undefined {
  return db
    .prepare(
      'SELECT event_count AS eventCount, last_event_id AS lastEventId, last_hash AS lastHash FROM audit_chain_head WHERE id = 1',
    )
    .get() as ChainHead | undefined;
}

export interface AppendMeta {
  caseId: number;
  reviewer: string;
  /** ISO timestamp; defaults to now. */
  at?: string;
}

/** Appends one event after the chain head and advances the head. Call inside a transaction. */
export function appendEvent(db: Database.Database, draft: EventDraft, meta: AppendMeta): CaseEvent {
  if (!db.inTransaction) throw new Error('audit events must be appended inside a transaction');
  const head = readChainHead(db);
  if (!head) throw new Error('the audit chain head is missing: run `imr verify`');
  const reviewer = meta.reviewer.trim();
  if (!reviewer) throw new Error('an audit event needs a reviewer name');
  const content: Omit<AuditRow, 'hash'> = {
    id: head.eventCount + 1,
    case_id: meta.caseId,
    type: draft.type,
    path: draft.path,
    old_value: canonicalJson(draft.oldValue),
    new_value: canonicalJson(draft.newValue),
    target: draft.target ? canonicalJson(draft.target) : null,
    reviewer,
    at: meta.at ?? new Date().toISOString(),
    reason: draft.reason,
    target_event_id: draft.targetEventId,
    prev_hash: head.lastHash,
  };
  refuseOversizedEvent(content);
  const row: AuditRow = { ...content, hash: computeEventHash(content) };
  db.prepare(
    `INSERT INTO audit_events (id, case_id, type, path, old_value, new_value, target, reviewer, at, reason,
       target_event_id, prev_hash, hash)
     VALUES (@id, @case_id, @type, @path, @old_value, @new_value, @target, @reviewer, @at, @reason,
       @target_event_id, @prev_hash, @hash)`,
  ).run(row);
  db.prepare('UPDATE audit_chain_head SET event_count = ?, last_event_id = ?, last_hash = ? WHERE id = 1').run(
    row.id,
    row.id,
    row.hash,
  );
  return rowToCaseEvent(row);
}

/**
 * The most one event may store (its values, target, reason and path). An event
 * is permanent and read whenever its case opens, so a change that would store
 * more is refused before anything is written; the API's change limits
 * (shared/api/contract.ts CHANGE_LIMITS) keep requests small, this bounds what
 * a small request can expand to (a split copies the item into every part).
 */
export const MAX_EVENT_BYTES = 256 * 1024;

function refuseOversizedEvent(content: Omit<AuditRow, 'hash'>): void {
  const bytes = [content.old_value, content.new_value, content.target, content.reason, content.path].reduce(
    (sum, text) => sum + (text === null ? 0 : Buffer.byteLength(text, 'utf8')),
    0,
  );
  if (bytes > MAX_EVENT_BYTES) {
    throw new CorrectionError(
      `This change is too large to record: its audit entry would be ${Math.ceil(bytes / 1024)} KB, over the ` +
        `${MAX_EVENT_BYTES / 1024} KB limit for one change. Make it in smaller steps. Nothing was changed.`,
    );
  }
}

const AUDIT_COLUMN_NAMES = [
  'id',
  'case_id',
  'type',
  'path',
  'old_value',
  'new_value',
  'target',
  'reviewer',
  'at',
  'reason',
  'target_event_id',
  'prev_hash',
  'hash',
] as const satisfies readonly (keyof AuditRow)[];

/** The column list of an AuditRow, named explicitly so a column added later never slips into a hashed row. */
export function auditRowColumns(tableAlias?: string): string {
  return AUDIT_COLUMN_NAMES.map((column) => (tableAlias ? `${tableAlias}.${column}` : column)).join(', ');
}

/** A case's events, oldest first. */
export function readCaseEvents(db: Database.Database, caseId: number): CaseEvent[] {
  const rows = db.prepare(`SELECT ${auditRowColumns()} FROM audit_events WHERE case_id = ? ORDER BY id`).all(caseId);
  return (rows as AuditRow[]).map(rowToCaseEvent);
}

export function rowToCaseEvent(row: AuditRow): CaseEvent {
  return {
    id: row.id,
    type: row.type as AuditEventType,
    path: row.path,
    oldValue: parseStoredJson(row.old_value),
    newValue: parseStoredJson(row.new_value),
    target: row.target === null ? null : (parseStoredJson(row.target) as EventTarget),
    targetEventId: row.target_event_id,
    reviewer: row.reviewer,
    at: row.at,
    reason: row.reason,
  };
}

function parseStoredJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Only a hand-edited database gets here; verify names the event. Keep the text visible.
    return text;
  }
}

type RowWithCase = AuditRow & { case_number: string | null };

function rowToAuditEvent(row: RowWithCase): AuditEvent {
  return {
    id: row.id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    type: row.type as AuditEventType,
    path: row.path,
    oldValue: parseStoredJson(row.old_value),
    newValue: parseStoredJson(row.new_value),
    reviewer: row.reviewer,
    at: row.at,
    reason: row.reason,
    targetEventId: row.target_event_id,
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}

const SELECT_WITH_CASE = `SELECT ${auditRowColumns('e')}, c.case_number
  FROM audit_events e LEFT JOIN cases c ON c.id = e.case_id`;

/** The history of one case (oldest first), as `imr history` and the UI show it. */
export function listCaseHistory(db: Database.Database, caseId: number): AuditEvent[] {
  const rows = db.prepare(`${SELECT_WITH_CASE} WHERE e.case_id = ? ORDER BY e.id`).all(caseId);
  return (rows as RowWithCase[]).map(rowToAuditEvent);
}

/**
 * Every audit event, or only those of some cases, oldest first: the
 * spreadsheet export's Corrections sheet reads this. Pages through the table
 * instead of holding a cursor open, so the caller may run other queries on the
 * same connection between events; the case ids go in as one JSON parameter
 * (SQLite caps the number of placeholders).
 */
export function* iterateAuditEvents(db: Database.Database, caseIds?: readonly number[]): Generator<AuditEvent> {
  const inCases = caseIds ? 'AND e.case_id IN (SELECT value FROM json_each(@caseIds))' : '';
  const page = db.prepare(`${SELECT_WITH_CASE} WHERE e.id > @after ${inCases} ORDER BY e.id LIMIT 2000`);
  const params = caseIds ? { caseIds: JSON.stringify(caseIds) } : {};
  for (let after = 0; ;) {
    const rows = page.all({ ...params, after }) as RowWithCase[];
    const last = rows.at(-1);
    if (!last) return;
    for (const row of rows) yield rowToAuditEvent(row);
    after = last.id;
  }
}
