/**
 * Turns a reviewer's requested change into an event draft, checked against
 * the case's current effective state BEFORE anything is written. Every refusal
 * is a CorrectionError with a message the reviewer can act on.
 */
import type { Change } from '../../shared/api/contract';
import type { ItemValues, ReviewStatus } from '../../shared/domain/case';
import {
  REVIEW_STATUS_FIELD,
  itemField,
  letterField,
  parseFieldValue,
  type FieldDef,
} from '../../shared/domain/fields';
import { sameValue } from '../store/canonical';
import { caseSubject } from './case-subject';
import { CorrectionError } from './errors';
import { CONFIRMED_FIELDS_TEXT, isItemFieldVerified, isLetterFieldVerified, type EffectiveState } from './apply';
import type { EventDraft, WorkingItem } from './model';
import { formatFieldPath, itemPath, parseFieldPath } from './paths';

/**
 * The value to store for field `def`, read by the field model's one rule
 * (shared/domain/fields.ts), or a CorrectionError naming the field as `name`.
 */
function readFieldValue(def: FieldDef, name: string, value: unknown): unknown {
  if (!def.correctable) {
    throw new CorrectionError(`${name} (${def.label}) records what the parser recognised; it cannot be corrected.`);
  }
  const parsed = parseFieldValue(def, value, name);
  if (!parsed.ok) throw new CorrectionError(parsed.message);
  return parsed.value;
}

export function validateChange(state: EffectiveState, change: Change, reason: string | null | undefined): EventDraft {
  const why = reason?.trim() ? reason.trim() : null;
  const draft = (fields: Omit<EventDraft, 'targetEventId' | 'reason'>): EventDraft => ({
    ...fields,
    targetEventId: null,
    reason: why,
  });

  switch (change.type) {
    case 'set-field': {
      if (change.value === undefined) {
        throw new CorrectionError(`A value is required for ${change.path.trim()} (use null to clear it).`);
      }
      if (change.path.trim() === 'status') {
        // `imr correct CASE status reviewed` reads naturally; it is a status change.
        const status = readFieldValue(REVIEW_STATUS_FIELD, 'status', change.value) as ReviewStatus;
        return validateChange(state, { type: 'set-status', status }, reason);
      }
      const path = parseFieldPath(change.path);
      const name = formatFieldPath(path);
      if (path.scope === 'letter') {
        const value = readFieldValue(letterField(path.field), name, change.value);
        const current = state.letter[path.field];
        refuseNoOp(current, value, name);
        return draft({ type: 'set-field', path: name, oldValue: current, newValue: value, target: null });
      }
      const item = itemAt(state, path.index);
      const value = readFieldValue(itemField(path.field), name, change.value);
      const current = item.values[path.field];
      refuseNoOp(current, value, name);
      if (path.field === 'decision' && !why) {
        throw new CorrectionError(
          `A reason is required to change a decision (${name}: ${String(current)} → ${String(value)}).`,
        );
      }
      return draft({
        type: 'set-field',
        path: name,
        oldValue: current,
        newValue: value,
        target: { items: [item.ref] },
      });
    }
    case 'add-item': {
      const index = change.index ?? state.items.length;
      if (index > state.items.length) {
        throw new CorrectionError(
          `Cannot add an item at position ${index}: this case has ${countItems(state)}, so positions 0 to ${state.items.length} are possible.`,
        );
      }
      const treatment = change.treatment?.trim() ? change.treatment.trim() : null;
      const after = index === 0 ? null : (state.items[index - 1]?.ref ?? null);
      return draft({
        type: 'add-item',
        path: itemPath(index),
        oldValue: null,
        newValue: blankItem(treatment),
        target: { after },
      });
    }
    case 'delete-item': {
      const item = itemAt(state, change.index);
      // Deleting a decided item takes its decision out of the case (and its counts): a decision change.
      if (item.values.decision !== null && !why) {
        throw new CorrectionError(
          `A reason is required to delete item ${change.index}: it carries a decision (${item.values.decision}).`,
        );
      }
      return draft({
        type: 'delete-item',
        path: itemPath(change.index),
        oldValue: item.values,
        newValue: null,
        target: { items: [item.ref] },
      });
    }
    case 'split-item': {
      const item = itemAt(state, change.index);
      const parts = change.treatments.map((treatment) => ({
        ...structuredClone(item.values),
        treatment: treatment.trim(),
      }));
      return draft({
        type: 'split-item',
        path: itemPath(change.index),
        oldValue: item.values,
        newValue: parts,
        target: { items: [item.ref] },
      });
    }
    case 'merge-items': {
      if (new Set(change.indices).size !== change.indices.length) {
        throw new CorrectionError('Each item can be merged only once: an item is listed twice.');
      }
      const items = change.indices.map((index) => itemAt(state, index));
      const merged = mergeItems(
        items.map((i) => i.values),
        change.treatment,
      );
      return draft({
        type: 'merge-items',
        path: `items[${change.indices.join(',')}]`,
        oldValue: items.map((i) => i.values),
        newValue: merged,
        target: { items: items.map((i) => i.ref) },
      });
    }
    case 'reorder-items': {
      const n = state.items.length;
      const sorted = [...change.order].sort((a, b) => a - b);
      if (sorted.length !== n || sorted.some((v, k) => v !== k)) {
        throw new CorrectionError(
          `The new order must list each of the ${countItems(state)} exactly once (numbers 0 to ${n - 1}).`,
        );
      }
      if (change.order.every((v, k) => v === k))
        throw new CorrectionError('The items are already in that order; nothing was changed.');
      const reordered = change.order.map((index) => state.items[index] as WorkingItem);
      return draft({
        type: 'reorder-items',
        path: 'items',
        oldValue: state.items.map((i) => i.values.treatment),
        newValue: reordered.map((i) => i.values.treatment),
        target: { items: reordered.map((i) => i.ref) },
      });
    }
    case 'set-status':
      refuseNoOp(state.status, change.status, 'status');
      return draft({
        type: 'set-status',
        path: 'status',
        oldValue: state.status,
        newValue: change.status,
        target: null,
      });
    case 'verify-field': {
      const path = parseFieldPath(change.path);
      const name = formatFieldPath(path);
      const def = path.scope === 'letter' ? letterField(path.field) : itemField(path.field);
      if (!def.confirm) {
        throw new CorrectionError(
          `${name} (${def.label}) is not one of the fields a reviewer confirms; ${CONFIRMED_FIELDS_TEXT}.`,
        );
      }
      const item = path.scope === 'item' ? itemAt(state, path.index) : null;
      const value = path.scope === 'letter' ? state.letter[path.field] : item!.values[path.field];
      const confirmed =
        path.scope === 'letter' ? isLetterFieldVerified(state, path.field) : isItemFieldVerified(item!, path.field);
      if (confirmed === change.verified) {
        throw new CorrectionError(
          `${name} is ${change.verified ? 'already confirmed' : 'not confirmed'}; nothing was changed.`,
        );
      }
      // The value confirmed (or no longer confirmed) is kept with the tick: a later change of it undoes the tick.
      return draft({
        type: 'verify-field',
        path: name,
        oldValue: value,
        newValue: change.verified,
        target: item ? { items: [item.ref] } : null,
      });
    }
    case 'note': {
      const text = change.text.trim();
      if (!text) throw new CorrectionError('A note cannot be empty.');
      return draft({ type: 'note', path: null, oldValue: null, newValue: text, target: null });
    }
  }
}

/**
 * The case as its reviewer sees it in a refusal: its case number (corrections applied), or its internal id
 * when it has none. "Nothing to undo on this case." named none, which from `imr undo --case …` in a script
 * over many cases left the reader to work out which.
 */
function caseName(state: EffectiveState, caseId: number | undefined): string {
  const number = state.letter.caseNumber?.trim();
  if (!number && caseId === undefined) return 'this case';
  return caseSubject(caseId ?? 0, number); // with a number, the id is not shown
}

/** The undo event for the case's latest change in force, or a clear refusal. */
export function undoDraft(state: EffectiveState, caseId?: number): EventDraft {
  const target = state.stacks.undo.at(-1);
  if (!target) throw new CorrectionError(`Nothing to undo on ${caseName(state, caseId)}.`);
  return {
    type: 'undo',
    path: target.path,
    // Shown in history as "what it was → what it became" for the undo itself.
    oldValue: target.newValue,
    newValue: target.oldValue,
    target: null,
    targetEventId: target.id,
    reason: null,
  };
}

/** The redo event for the case's latest undone change, or a clear refusal. */
export function redoDraft(state: EffectiveState, caseId?: number): EventDraft {
  const target = state.stacks.redo.at(-1);
  if (!target) throw new CorrectionError(`Nothing to redo on ${caseName(state, caseId)}.`);
  return {
    type: 'redo',
    path: target.path,
    oldValue: target.oldValue,
    newValue: target.newValue,
    target: null,
    targetEventId: target.id,
    reason: null,
  };
}

function countItems(state: EffectiveState): string {
  return state.items.length === 1 ? '1 item' : `${state.items.length} items`;
}

function itemAt(state: EffectiveState, index: number): WorkingItem {
  const item = state.items[index];
  if (item) return item;
  // Paths count from 0 (items[0]) while the app and its history say "Item 1": name both, so neither reader is misled.
  const last = state.items.length - 1;
  const range = last < 0 ? 'there are none' : last === 0 ? 'only items[0]' : `items[0] to items[${last}]`;
  throw new CorrectionError(
    `There is no items[${index}] (Item ${index + 1}): this case has ${countItems(state)} (${range}).`,
  );
}

function refuseNoOp(current: unknown, next: unknown, name: string): void {
  if (sameValue(current, next)) {
    throw new CorrectionError(`${name} is already ${JSON.stringify(next)}; nothing was changed.`);
  }
}

export function blankItem(treatment: string | null): ItemValues {
  return {
    treatment,
    decision: null,
    originalRequest: null,
    authorizedByClaimsAdministrator: null,
    claimsAdministratorGuideline: null,
    maximusGuideline: null,
    rationale: null,
    category: 'other',
    quantity: null,
    frequency: null,
    duration: null,
    bodyRegion: [],
    medication: null,
    citations: [],
    conclusion: null,
  };
}

/**
 * One item from several (the parser split one treatment in two). Values the
 * items agree on are kept; otherwise the first item's non-empty value, except
 * the decision: when they disagree it is left empty for the reviewer to settle
 * rather than silently picking one. Rationales are kept side by side, citations
 * combined.
 */
export function mergeItems(items: ItemValues[], treatment: string | undefined): ItemValues {
  const first = items[0];
  if (!first) throw new CorrectionError('A merge needs at least two items.');
  const merged: ItemValues = structuredClone(first);
  const fields = Object.keys(first) as (keyof ItemValues)[];
  for (const field of fields) {
    const firstSet = items.map((i) => i[field]).find((v) => v !== null && v !== undefined);
    (merged as Record<string, unknown>)[field] = structuredClone(firstSet ?? first[field]);
  }
  const decisions = new Set(items.map((i) => i.decision).filter((d) => d !== null));
  merged.decision = decisions.size === 1 ? (first.decision ?? [...decisions][0] ?? null) : null;
  const joinDistinct = (values: (string | null)[], separator: string) => {
    const distinct = [...new Set(values.filter((v): v is string => !!v))];
    return distinct.length ? distinct.join(separator) : null;
  };
  merged.treatment =
    treatment?.trim() ||
    joinDistinct(
      items.map((i) => i.treatment),
      '; ',
    );
  merged.rationale = joinDistinct(
    items.map((i) => i.rationale),
    '\n\n',
  );
  const citations = new Map(items.flatMap((i) => i.citations).map((c) => [JSON.stringify(c), c]));
  merged.citations = [...citations.values()];
  return merged;
}
