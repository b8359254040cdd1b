/**
 * Types of the correction event model. An event is what the audit table
 * stores; the pure fold in apply.ts turns a parse plus a case's events into
 * its effective values.
 */
import type { AuditEventType, ItemValues, ReviewStatus } from '../../shared/domain/case';

/**
 * A stable identity for an item across split / merge / reorder and across
 * reparse. Positions move, so events never target "the item at index 2":
 * they target the item that was parsed at position 2 with that treatment
 * text, or the n-th item created by event 17.
 */
export type ItemRef =
  { kind: 'parsed'; index: number; treatment: string | null } | { kind: 'event'; eventId: number; n: number };

/** Item identities an event acts on (stored in audit_events.target as JSON). */
export interface EventTarget {
  /** The items acted on: set-field / delete / split: one; merge: several; reorder: all, in the new order. */
  items?: ItemRef[];
  /** add-item: the item the new one goes after (null: first). Falls back to the path's position. */
  after?: ItemRef | null;
}

/** A validated change, ready to be written (id, reviewer and time are added on append). */
export interface EventDraft {
  type: AuditEventType;
  /** Human-readable target at the time of the event: "patientAge", "items[0].decision", "items[2]", "status". */
  path: string | null;
  oldValue: unknown;
  newValue: unknown;
  target: EventTarget | null;
  /** undo / redo: the change event reverted or re-applied. */
  targetEventId: number | null;
  reason: string | null;
}

/** One stored audit event, as the fold needs it. */
export interface CaseEvent extends EventDraft {
  id: number;
  reviewer: string;
  at: string;
}

/** An item of the effective letter together with where it came from. */
export interface WorkingItem {
  ref: ItemRef;
  values: ItemValues;
  /** The values the item started with (parse, or the event that created it): the baseline for "corrected". */
  baseline: ItemValues;
  /** Whether `baseline` is a parsed value (true) or an event's (false: nothing was parsed for this item). */
  parsedOrigin: boolean;
  /**
   * The parsed item (index into the current parse's items) this item comes
   * from: itself for a parsed item, the split item for each part of a split,
   * the first merged item that has one for a merge; null for an item a
   * reviewer added. Where its sources in the letter are looked up.
   */
  parsedIndex: number | null;
  /** Last event that set each field. */
  fieldEvents: Partial<Record<keyof ItemValues, number>>;
  /** Fields a reviewer confirmed, with the value they confirmed (the tick holds while the value does). */
  verified: Partial<Record<keyof ItemValues, unknown>>;
}

export interface NoteEntry {
  eventId: number;
  reviewer: string;
  at: string;
  text: string;
}

export interface OrphanedCorrection {
  eventId: number;
  path: string;
  reason: string;
}

export { type ReviewStatus };
