/**
 * Reading and appending correction events. Appends must run inside the
 * caller's write transaction, together with the projection refresh, so an event
 * is either fully recorded or not at all. The chain itself (ids, hashes, head)
 * is backend/store/audit-chain.ts, shared with the app's provenance events.
 */
import type Database from 'better-sqlite3';
import { CHANGE_LIMITS } from '../../shared/api/contract';
import type { AuditEvent, AuditEventType } from '../../shared/domain/case';
import {
  appendAuditRow,
  auditRowColumns,
  IS_CORRECTION_EVENT,
  type AuditRow,
  type NewAuditRow,
} from '../store/audit-chain';
import { canonicalJson } from '../store/canonical';
import { statement } from '../store/statements';
import { CorrectionError } from './errors';
import type { CaseEvent, EventDraft, EventTarget } from './model';

export interface AppendMeta {
  caseId: number;
  reviewer: string;
  /** ISO timestamp; defaults to now (never before the previous event's: see appendAuditRow). */
  at?: string;
}

/** Appends one correction event after the chain head and advances the head. Call inside a transaction. */
export function appendEvent(db: Database.Database, draft: EventDraft, meta: AppendMeta): CaseEvent {
  const reviewer = meta.reviewer.trim();
  if (!reviewer) throw new Error('an audit event needs a reviewer name');
  const event: NewAuditRow = {
    case_id: meta.caseId,
    type: draft.type,
    path: draft.path,
    old_value: canonicalJson(draft.oldValue),
    new_value: canonicalJson(draft.newValue),
    target: draft.target ? canonicalJson(draft.target) : null,
    reviewer,
    ...(meta.at ? { at: meta.at } : {}),
    reason: draft.reason,
    target_event_id: draft.targetEventId,
  };
  refuseOversizedEvent(event);
  return rowToCaseEvent(appendAuditRow(db, event));
}

/**
 * The most one event may store (its values, target, reason and path). An event
 * is permanent and read whenever its case opens, so a change that would store
 * more is refused before anything is written; the API's change limits
 * (shared/api/contract.ts CHANGE_LIMITS) keep requests small, this bounds what
 * a small request can expand to (a split copies the item into every part).
 */
export const MAX_EVENT_BYTES = CHANGE_LIMITS.maxEventBytes;

function refuseOversizedEvent(event: NewAuditRow): void {
  const bytes = [event.old_value, event.new_value, event.target, event.reason, event.path].reduce(
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

/** A case's corrections, oldest first: what apply.ts folds over its parse. */
export function readCaseEvents(db: Database.Database, caseId: number): CaseEvent[] {
  const rows = statement(
    db,
    `SELECT ${auditRowColumns()} FROM audit_events WHERE case_id = ? AND ${IS_CORRECTION_EVENT} ORDER BY id`,
  ).all(caseId);
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
    // Histories and the export read case events only (workspace events have no case).
    caseId: row.case_id as number,
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

/**
 * The history of one case (oldest first), as `imr history` and the UI show it:
 * its import and parses as well as its corrections.
 */
export function listCaseHistory(db: Database.Database, caseId: number): AuditEvent[] {
  const rows = db.prepare(`${SELECT_WITH_CASE} WHERE e.case_id = ? ORDER BY e.id`).all(caseId);
  return (rows as RowWithCase[]).map(rowToAuditEvent);
}

/**
 * Every correction, or only those of some cases, oldest first: the
 * spreadsheet export's Corrections sheet reads this. Pages through the table
 * instead of holding a cursor open, so the caller may run other queries on the
 * same connection between events; the case ids go in as one JSON parameter
 * (SQLite caps the number of placeholders).
 */
export function* iterateAuditEvents(db: Database.Database, caseIds?: readonly number[]): Generator<AuditEvent> {
  const inCases = caseIds ? 'AND e.case_id IN (SELECT value FROM json_each(@caseIds))' : '';
  const page = db.prepare(
    `${SELECT_WITH_CASE} WHERE e.id > @after AND e.${IS_CORRECTION_EVENT} ${inCases} ORDER BY e.id LIMIT 2000`,
  );
  const params = caseIds ? { caseIds: JSON.stringify(caseIds) } : {};
  for (let after = 0; ;) {
    const rows = page.all({ ...params, after }) as RowWithCase[];
    const last = rows.at(-1);
    if (!last) return;
    for (const row of rows) yield rowToAuditEvent(row);
    after = last.id;
  }
}
