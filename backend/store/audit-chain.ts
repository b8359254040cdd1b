/**
 * The hash chain over `audit_events` (migrations 002 and 003). One chain
 * across all cases: each event's hash covers its stored content and the
 * previous event's hash, so changing, removing or reordering any event breaks
 * every link after it. This is the one place events are appended; the
 * corrections module (backend/audit) appends reviewers' changes through it and
 * the store (provenance.ts) the app's own events: letters imported, parses
 * stored.
 */
import type Database from 'better-sqlite3';
import { CORRECTION_EVENT_TYPES, type AuditEventType } from '../../shared/domain/case';
import { canonicalJson, sha256Hex } from './canonical';
import { statement } from './statements';

export const GENESIS_HASH = '0'.repeat(64);
/** Bumped if the hashed layout ever changes; part of every hash so versions cannot be confused. */
const CHAIN_FORMAT = 'imr-audit-v1';

/** An audit_events row exactly as stored (JSON columns as their stored text). */
export interface AuditRow {
  id: number;
  /** Null only for a workspace event (type 'migration'). */
  case_id: number | null;
  type: string;
  path: string | null;
  old_value: string;
  new_value: string;
  target: string | null;
  reviewer: string;
  at: string;
  reason: string | null;
  target_event_id: number | null;
  prev_hash: string;
  hash: string;
}

/**
 * sha256 over a canonical serialization of every stored column but the hash
 * itself: a JSON array in a fixed order, so field boundaries are unambiguous.
 */
export function computeEventHash(row: Omit<AuditRow, 'hash'>): string {
  return sha256Hex(
    canonicalJson([
      CHAIN_FORMAT,
      row.id,
      row.case_id,
      row.type,
      row.path,
      row.old_value,
      row.new_value,
      row.target,
      row.reviewer,
      row.at,
      row.reason,
      row.target_event_id,
      row.prev_hash,
    ]),
  );
}

/** SQL condition on audit_events: the event is one of these types (the app's own constants, never input). */
export function eventTypeIn(types: readonly AuditEventType[]): string {
  return `type IN (${types.map((t) => `'${t}'`).join(', ')})`;
}

/** SQL condition on audit_events: the event is a reviewer's correction (not the app's import/parse record). */
export const IS_CORRECTION_EVENT = eventTypeIn(CORRECTION_EVENT_TYPES);

export interface ChainHead {
  eventCount: number;
  lastEventId: number | null;
  lastHash: string;
}

export function readChainHead(db: Database.Database): ChainHead | undefined {
  return statement(
    db,
    'SELECT event_count AS eventCount, last_event_id AS lastEventId, last_hash AS lastHash FROM audit_chain_head WHERE id = 1',
  ).get() as ChainHead | undefined;
}

/** An event to append: everything but what the chain assigns (id, previous hash, hash). */
export type NewAuditRow = Omit<AuditRow, 'id' | 'prev_hash' | 'hash' | 'at'> & {
  /** ISO timestamp; defaults to now. Never before the previous event's (see appendAuditRow). */
  at?: string;
};

/**
 * Appends one event after the chain head and advances the head, in the
 * caller's transaction (so the event is recorded with the change it describes,
 * or not at all). Ids are head.count + 1, so a gap is a deletion.
 *
 * Event times never go backwards, and `imr verify` checks that they do not: an
 * event is dated no earlier than the one before it, so if the clock steps back
 * (time zone or NTP fix, a wrong clock corrected) the event takes the previous
 * event's time.
 */
export function appendAuditRow(db: Database.Database, event: NewAuditRow): AuditRow {
  if (!db.inTransaction) throw new Error('audit events must be appended inside a transaction');
  const head = readChainHead(db);
  if (!head) throw new Error('the audit chain head is missing: run `imr verify`');
  const requested = event.at ?? new Date().toISOString();
  const previousAt =
    head.lastEventId === null
      ? null
      : (statement(db, 'SELECT at FROM audit_events WHERE id = ?', { pluck: true }).get(head.lastEventId) as
          string | undefined);
  const at = previousAt && Date.parse(previousAt) > Date.parse(requested) ? previousAt : requested;
  const content: Omit<AuditRow, 'hash'> = {
    id: head.eventCount + 1,
    case_id: event.case_id,
    type: event.type,
    path: event.path,
    old_value: event.old_value,
    new_value: event.new_value,
    target: event.target,
    reviewer: event.reviewer,
    at,
    reason: event.reason,
    target_event_id: event.target_event_id,
    prev_hash: head.lastHash,
  };
  const row: AuditRow = { ...content, hash: computeEventHash(content) };
  statement(
    db,
    `INSERT INTO audit_events (id, case_id, type, path, old_value, new_value, target, reviewer, at, reason,
       target_event_id, prev_hash, hash)
     VALUES (@id, @case_id, @type, @path, @old_value, @new_value, @target, @reviewer, @at, @reason,
       @target_event_id, @prev_hash, @hash)`,
  ).run(row);
  statement(db, 'UPDATE audit_chain_head SET event_count = ?, last_event_id = ?, last_hash = ? WHERE id = 1').run(
    row.id,
    row.id,
    row.hash,
  );
  return row;
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
