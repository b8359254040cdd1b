/**
 * The hash chain over audit events. One global chain across all cases: each
 * event's hash covers its stored content and the previous event's hash, so
 * changing, removing or reordering any event breaks every link after it.
 */
import { canonicalJson, sha256Hex } from './canonical';

export const GENESIS_HASH = '0'.repeat(64);
/** Bumped if the hashed layout ever changes; part of every hash so versions cannot be confused. */
const CHAIN_FORMAT = 'imr-audit-v1';

/** An audit_events row exactly as stored (JSON columns as their stored text). */
export interface AuditRow {
  id: number;
  case_id: number;
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
