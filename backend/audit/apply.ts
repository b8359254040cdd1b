/**
 * The pure event model: a case's effective values are its parsed values with
 * its events applied in order. No database here, so the rules can be tested
 * (and property-tested) on their own.
 *
 * Undo and redo are events too. Which change events are "in force" is decided
 * first (a linear undo/redo stack per case, replayed from the log); then the
 * change events in force are applied to the parse in their original order.
 * With a linear stack that is exactly "restore the earlier value": an undone
 * event is always later than every event still in force.
 */
import type { CorrectedField, ItemValues, LetterValues, ReviewStatus } from '../../shared/domain/case';
import {
  ITEM_FIELD_DEFS,
  LETTER_FIELD_DEFS,
  itemField,
  letterField,
  upgradeStoredValue,
} from '../../shared/domain/fields';
import type { ItemField, LetterField, ParsedLetter } from '../../shared/domain/letter';
import { parsedToValues } from '../store/letter-values';
import { sameValue } from '../store/canonical';
import type { CaseEvent, ItemRef, NoteEntry, OrphanedCorrection, WorkingItem } from './model';
import { itemPosition, parseFieldPath } from './paths';
import { CorrectionError } from './errors';
import { errorText } from '../../shared/api/error-text';

/**
 * A deep copy of a JSON-shaped value — what parses and events hold: plain objects, arrays, strings, numbers,
 * booleans, null (undefined members kept) — equal to what `structuredClone` gives for these, at a fraction of its
 * cost: structuredClone serialises the value and reads it back, which was ~90 % of `effectiveState`'s CPU for a
 * case's items (`imr verify` builds the state of every corrected case; DEVELOPERS.md "imr verify"). Anything else
 * (a Date, a Map, a class instance) is left to structuredClone.
 */
export function cloneValue<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = cloneValue(value[i] as unknown);
    return copy as T;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = cloneValue((value as Record<string, unknown>)[key]);
    // A member named __proto__ (JSON.parse makes it an own member) stays a member, as structuredClone keeps it.
    if (key === '__proto__') {
      Object.defineProperty(copy, key, { value: member, enumerable: true, writable: true, configurable: true });
    } else copy[key] = member;
  }
  return copy as T;
}

export interface UndoStacks {
  /** Change events in force, oldest first; the last one is what undo reverts. */
  undo: CaseEvent[];
  /** Undone change events, the last one is what redo re-applies. */
  redo: CaseEvent[];
}

export interface EffectiveState {
  letter: Omit<LetterValues, 'items'>;
  items: WorkingItem[];
  status: ReviewStatus;
  notes: NoteEntry[];
  orphaned: OrphanedCorrection[];
  /** Last event that set each letter field. */
  letterFieldEvents: Partial<Record<LetterField, number>>;
  /** Letter fields a reviewer confirmed, with the value they confirmed. */
  letterVerified: Partial<Record<LetterField, unknown>>;
  /** Whether a status was set by a reviewer (a set-status in force). */
  statusSet: boolean;
  /** Last add/delete/split/merge/reorder in force, if any. */
  structureEventId: number | null;
  stacks: UndoStacks;
}

/** Replays the undo/redo bookkeeping of a case's log (events in id order). */
export function undoStacks(events: readonly CaseEvent[]): UndoStacks {
  const undo: CaseEvent[] = [];
  const redo: CaseEvent[] = [];
  const removeById = (stack: CaseEvent[], id: number | null): CaseEvent | null => {
    const at = stack.findIndex((e) => e.id === id);
    return at < 0 ? null : (stack.splice(at, 1)[0] ?? null);
  };
  for (const event of events) {
    if (event.type === 'undo') {
      // Written only for the top of the stack; searching the whole stack keeps a
      // hand-edited log from derailing the replay (verify reports the edit itself).
      const reverted = removeById(undo, event.targetEventId);
      if (reverted) redo.push(reverted);
    } else if (event.type === 'redo') {
      const reapplied = removeById(redo, event.targetEventId);
      if (reapplied) undo.push(reapplied);
    } else {
      undo.push(event);
      redo.length = 0; // a new change forks history: what was undone can no longer be redone
    }
  }
  return { undo, redo };
}

export function parsedItemRef(parsed: ParsedLetter, index: number): ItemRef {
  return { kind: 'parsed', index, treatment: parsed.items[index]?.treatment ?? null };
}

/** The effective state of a case: parse + the change events in force. */
/** The status of a case no change has touched. */
const UNTOUCHED_STATUS: ReviewStatus = 'new';

/**
 * What a case with no corrections shows: its parse's own values, status New.
 * The same as effectiveValues(effectiveState(parsed, [])) and its status,
 * without building the working state (verify compares 100,000 cases' list
 * copies; test/unit/audit/uncorrected.test.ts keeps the two equal).
 */
export function uncorrectedValues(parsed: ParsedLetter): { values: LetterValues; status: ReviewStatus } {
  return { values: parsedToValues(parsed), status: UNTOUCHED_STATUS };
}

export function effectiveState(parsed: ParsedLetter, events: readonly CaseEvent[]): EffectiveState {
  const values = parsedToValues(parsed);
  const { items: parsedItems, ...letter } = values;
  const state: EffectiveState = {
    letter,
    items: parsedItems.map((item, index) => ({
      ref: parsedItemRef(parsed, index),
      values: cloneValue(item),
      baseline: item,
      parsedOrigin: true,
      parsedIndex: index,
      fieldEvents: {},
      verified: {},
    })),
    status: UNTOUCHED_STATUS,
    notes: [],
    orphaned: [],
    letterFieldEvents: {},
    letterVerified: {},
    statusSet: false,
    structureEventId: null,
    stacks: undoStacks(events),
  };
  const inForce = [...state.stacks.undo].sort((a, b) => a.id - b.id);
  for (const event of inForce) {
    try {
      applyChange(state, event);
    } catch (err) {
      // Only a hand-edited log gets here (the writer validated every event). The
      // case must still open, with the bad event surfaced rather than hidden.
      const message = errorText(err);
      state.orphaned.push({
        eventId: event.id,
        path: event.path ?? event.type,
        reason: `this event cannot be applied (${message}); run imr verify`,
      });
    }
  }
  // A case being worked on is In review until a reviewer says otherwise: the first change (a
  // correction or a tick; not a note) moves a New case there, and undoing every change moves it back.
  if (!state.statusSet && inForce.some((e) => e.type !== 'note')) state.status = 'in review';
  return state;
}

/** What the reply says about which fields can be confirmed (from the field model). */
export const CONFIRMED_FIELDS_TEXT = `the letter's ${LETTER_FIELD_DEFS.filter((d) => d.confirm)
  .map((d) => d.key)
  .join(', ')} and each item's ${ITEM_FIELD_DEFS.filter((d) => d.confirm)
  .map((d) => d.key)
  .join(', ')} are`;

/** Whether a reviewer's tick on a letter field holds: it was confirmed with the value it has now. */
export function isLetterFieldVerified(state: EffectiveState, field: LetterField): boolean {
  return field in state.letterVerified && sameValue(state.letterVerified[field], state.letter[field]);
}

export function isItemFieldVerified(item: WorkingItem, field: ItemField): boolean {
  return field in item.verified && sameValue(item.verified[field], item.values[field]);
}

/** The paths of the fields whose tick holds, in form order ("caseNumber", "items[0].decision"). */
export function verifiedPaths(state: EffectiveState): string[] {
  const paths: string[] = LETTER_FIELD_DEFS.filter((d) => isLetterFieldVerified(state, d.key)).map((d) => d.key);
  state.items.forEach((item, index) => {
    for (const def of ITEM_FIELD_DEFS) if (isItemFieldVerified(item, def.key)) paths.push(`items[${index}].${def.key}`);
  });
  return paths;
}

export function effectiveValues(state: EffectiveState): LetterValues {
  return { ...state.letter, items: state.items.map((item) => item.values) };
}

const normalizeTreatment = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Where the item with this identity is now, or -1. A parsed item is matched by
 * its parse position and treatment text; when a reparse moved it, by a unique
 * treatment text; otherwise it no longer exists.
 */
export function findItem(items: readonly WorkingItem[], ref: ItemRef): number {
  if (ref.kind === 'event') {
    return items.findIndex((i) => i.ref.kind === 'event' && i.ref.eventId === ref.eventId && i.ref.n === ref.n);
  }
  const wanted = normalizeTreatment(ref.treatment);
  const exact = items.findIndex(
    (i) => i.ref.kind === 'parsed' && i.ref.index === ref.index && normalizeTreatment(i.ref.treatment) === wanted,
  );
  if (exact >= 0 || wanted === '') return exact;
  const sameText = items
    .map((item, position) => ({ item, position }))
    .filter(({ item }) => item.ref.kind === 'parsed' && normalizeTreatment(item.ref.treatment) === wanted);
  return sameText.length === 1 ? (sameText[0]?.position ?? -1) : -1;
}

export function describeRef(ref: ItemRef): string {
  return ref.kind === 'parsed'
    ? `the parsed item ${ref.index}${ref.treatment ? ` ("${ref.treatment}")` : ''}`
    : `an item created by event ${ref.eventId}`;
}

function missing(ref: ItemRef): string {
  return ref.kind === 'parsed'
    ? `${describeRef(ref)} no longer exists in the current parse`
    : `${describeRef(ref)} no longer exists (that event could not be applied)`;
}

/** Item values carried by an event, in the current shapes (an older event may hold an older shape). */
function asItemValues(value: unknown): ItemValues {
  const values = cloneValue(value) as Record<string, unknown>;
  for (const def of ITEM_FIELD_DEFS) if (def.key in values) values[def.key] = upgradeStoredValue(def, values[def.key]);
  return values as unknown as ItemValues;
}

function applyChange(state: EffectiveState, event: CaseEvent): void {
  const orphan = (reason: string): void => {
    state.orphaned.push({ eventId: event.id, path: event.path ?? event.type, reason });
  };
  const refs = event.target?.items ?? [];
  /** Where the one item a set-field / delete / split acts on is now; -1 (with the reason recorded) when it is gone. */
  const targetPosition = (): number => {
    const ref = refs[0];
    const at = ref ? findItem(state.items, ref) : -1;
    if (at < 0) orphan(ref ? missing(ref) : 'the event names no item');
    return at;
  };

  switch (event.type) {
    case 'set-field': {
      const path = parseFieldPath(event.path ?? '');
      if (path.scope === 'letter') {
        (state.letter as Record<string, unknown>)[path.field] = upgradeStoredValue(
          letterField(path.field),
          cloneValue(event.newValue),
        );
        state.letterFieldEvents[path.field] = event.id;
        return;
      }
      const item = state.items[targetPosition()];
      if (!item) return;
      (item.values as Record<ItemField, unknown>)[path.field] = upgradeStoredValue(
        itemField(path.field),
        cloneValue(event.newValue),
      );
      item.fieldEvents[path.field] = event.id;
      return;
    }
    case 'add-item': {
      const created: WorkingItem = newItem(event, 0, asItemValues(event.newValue), null);
      const after = event.target?.after;
      // The neighbour vanished in a reparse: keep the item, at the position it was added at.
      let position = Math.min(itemPosition(event.path) ?? state.items.length, state.items.length);
      if (after === null) position = 0;
      else if (after) {
        const found = findItem(state.items, after);
        if (found >= 0) position = found + 1;
      }
      state.items.splice(position, 0, created);
      state.structureEventId = event.id;
      return;
    }
    case 'delete-item': {
      const at = targetPosition();
      if (at < 0) return;
      state.items.splice(at, 1);
      state.structureEventId = event.id;
      return;
    }
    case 'split-item': {
      const at = targetPosition();
      if (at < 0) return;
      const source = state.items[at]!.parsedIndex;
      const parts = (event.newValue as unknown[]).map((v, n) => newItem(event, n, asItemValues(v), source));
      state.items.splice(at, 1, ...parts);
      state.structureEventId = event.id;
      return;
    }
    case 'merge-items': {
      const positions = refs.map((ref) => findItem(state.items, ref));
      const lost = refs.filter((_, k) => (positions[k] ?? -1) < 0);
      if (refs.length < 2 || lost.length > 0) {
        return orphan(lost.map(missing).join('; ') || 'the event names fewer than two items');
      }
      const first = Math.min(...positions);
      // The merge's first item (its values lead the merged item's, see mergeItems) that came from the parse.
      const source = positions.map((p) => state.items[p]!.parsedIndex).find((index) => index !== null) ?? null;
      const merged = newItem(event, 0, asItemValues(event.newValue), source);
      const doomed = new Set(positions.map((p) => state.items[p]));
      const kept = state.items.filter((item) => !doomed.has(item));
      const insertAt = state.items.slice(0, first).filter((item) => !doomed.has(item)).length;
      kept.splice(insertAt, 0, merged);
      state.items = kept;
      state.structureEventId = event.id;
      return;
    }
    case 'reorder-items': {
      const listed: WorkingItem[] = [];
      const lost: ItemRef[] = [];
      for (const ref of refs) {
        const item = state.items[findItem(state.items, ref)];
        if (item && !listed.includes(item)) listed.push(item);
        else if (!item) lost.push(ref);
      }
      // Items the reorder did not know about (added by a reparse) keep their relative order after the listed ones.
      const rest = state.items.filter((item) => !listed.includes(item));
      state.items = [...listed, ...rest];
      state.structureEventId = event.id;
      if (lost.length > 0) {
        orphan(`${lost.map(missing).join('; ')}; the other items keep the chosen order`);
      }
      return;
    }
    case 'set-status':
      state.status = event.newValue as ReviewStatus;
      state.statusSet = true;
      return;
    case 'verify-field': {
      const path = parseFieldPath(event.path ?? '');
      const on = event.newValue === true;
      if (path.scope === 'letter') {
        if (on) state.letterVerified[path.field] = upgradeStoredValue(letterField(path.field), event.oldValue);
        else delete state.letterVerified[path.field];
        return;
      }
      const item = state.items[targetPosition()];
      if (!item) return;
      if (on) item.verified[path.field] = upgradeStoredValue(itemField(path.field), event.oldValue);
      else delete item.verified[path.field];
      return;
    }
    case 'note':
      state.notes.push({ eventId: event.id, reviewer: event.reviewer, at: event.at, text: String(event.newValue) });
      return;
    case 'undo':
    case 'redo':
      throw new CorrectionError(`event ${event.id} (${event.type}) is bookkeeping, not a change`);
  }
}

function newItem(event: CaseEvent, n: number, values: ItemValues, parsedIndex: number | null): WorkingItem {
  return {
    ref: { kind: 'event', eventId: event.id, n },
    values,
    baseline: cloneValue(values),
    parsedOrigin: false,
    parsedIndex,
    fieldEvents: {},
    verified: {},
  };
}

/**
 * The fields whose effective value differs from what was parsed, each with
 * the event that set it; plus one `items` entry when items were added,
 * deleted, split, merged or reordered.
 */
export function correctedFields(parsed: ParsedLetter, state: EffectiveState): CorrectedField[] {
  const out: CorrectedField[] = [];
  const parsedValues = parsedToValues(parsed);
  for (const [field, eventId] of Object.entries(state.letterFieldEvents) as [LetterField, number][]) {
    const parsedValue = parsedValues[field];
    const effectiveValue = state.letter[field];
    if (!sameValue(parsedValue, effectiveValue)) out.push({ path: field, parsedValue, effectiveValue, eventId });
  }
  state.items.forEach((item, index) => {
    for (const [field, eventId] of Object.entries(item.fieldEvents) as [ItemField, number][]) {
      const effectiveValue = item.values[field];
      if (sameValue(item.baseline[field], effectiveValue)) continue;
      out.push({
        path: `items[${index}].${field}`,
        parsedValue: item.parsedOrigin ? item.baseline[field] : null,
        effectiveValue,
        eventId,
      });
    }
  });
  if (state.structureEventId !== null) {
    const parsedTreatments = parsedValues.items.map((i) => i.treatment);
    const sameItems =
      state.items.length === parsed.items.length &&
      state.items.every((item, index) => item.ref.kind === 'parsed' && item.ref.index === index);
    if (!sameItems) {
      out.push({
        path: 'items',
        parsedValue: parsedTreatments,
        effectiveValue: state.items.map((i) => i.values.treatment),
        eventId: state.structureEventId,
      });
    }
  }
  return out.sort((a, b) => a.eventId - b.eventId);
}
