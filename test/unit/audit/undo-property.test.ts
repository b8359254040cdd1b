import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../shared/api/contract';
import { REVIEW_STATUSES } from '../../../shared/domain/case';
import { ITEM_CATEGORIES } from '../../../shared/domain/letter';
import { effectiveState, effectiveValues } from '../../../backend/audit/apply';
import { CorrectionError } from '../../../backend/audit/errors';
import { redoDraft, undoDraft, validateChange } from '../../../backend/audit/validate';
import { parsedToValues } from '../../../backend/store/letter-values';
import { EventLog, corpusLetter } from './letter-fixture';

/**
 * Abstract operations with random numbers; each is turned into a concrete
 * change against the current item count, so most of them are valid.
 */
const operation = fc.oneof(
  fc.record({ op: fc.constant('age' as const), age: fc.integer({ min: 0, max: 120 }) }),
  fc.record({ op: fc.constant('decision' as const), at: fc.nat(), overturned: fc.boolean() }),
  fc.record({ op: fc.constant('category' as const), at: fc.nat(), category: fc.constantFrom(...ITEM_CATEGORIES) }),
  fc.record({ op: fc.constant('treatment' as const), at: fc.nat(), text: fc.string({ minLength: 1, maxLength: 20 }) }),
  fc.record({
    op: fc.constant('licensure' as const),
    states: fc.array(fc.constantFrom('California', 'Nevada', 'Oregon'), { maxLength: 3 }),
  }),
  fc.record({ op: fc.constant('add' as const), at: fc.nat(), text: fc.string({ minLength: 1, maxLength: 20 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('split' as const), at: fc.nat(), parts: fc.integer({ min: 2, max: 3 }) }),
  fc.record({ op: fc.constant('merge' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('reorder' as const), seed: fc.nat() }),
  fc.record({ op: fc.constant('status' as const), status: fc.constantFrom(...REVIEW_STATUSES) }),
  fc.record({ op: fc.constant('note' as const), text: fc.string({ minLength: 1, maxLength: 30 }) }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

function toChange(op: Operation, itemCount: number): Change | null {
  const pick = (n: number) => (itemCount === 0 ? null : n % itemCount);
  switch (op.op) {
    case 'age':
      return { type: 'set-field', path: 'patientAge', value: String(op.age) };
    case 'decision': {
      const at = pick(op.at);
      return at === null
        ? null
        : { type: 'set-field', path: `items[${at}].decision`, value: op.overturned ? 'Overturned' : 'Upheld' };
    }
    case 'category': {
      const at = pick(op.at);
      return at === null ? null : { type: 'set-field', path: `items[${at}].category`, value: op.category };
    }
    case 'treatment': {
      const at = pick(op.at);
      return at === null || !op.text.trim()
        ? null
        : { type: 'set-field', path: `items[${at}].treatment`, value: op.text };
    }
    case 'licensure':
      return { type: 'set-field', path: 'licensure', value: op.states };
    case 'add':
      return { type: 'add-item', index: op.at % (itemCount + 1), treatment: op.text };
    case 'delete': {
      const at = pick(op.at);
      return at === null ? null : { type: 'delete-item', index: at };
    }
    case 'split': {
      const at = pick(op.at);
      return at === null
        ? null
        : { type: 'split-item', index: at, treatments: Array.from({ length: op.parts }, (_, k) => `part ${k + 1}`) };
    }
    case 'merge': {
      const a = pick(op.a);
      const b = pick(op.b);
      return a === null || b === null || a === b ? null : { type: 'merge-items', indices: [a, b] };
    }
    case 'reorder': {
      if (itemCount < 2) return null;
      const order = Array.from({ length: itemCount }, (_, k) => k);
      const shift = (op.seed % (itemCount - 1)) + 1;
      return { type: 'reorder-items', order: order.map((k) => (k + shift) % itemCount) };
    }
    case 'status':
      return { type: 'set-status', status: op.status };
    case 'note':
      return op.text.trim() ? { type: 'note', text: op.text } : null;
  }
}

describe('undo / redo (property)', () => {
  it('undoing every change gives back the parsed values, each undo restoring the state before its change; redo replays them', () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 25 }), (operations) => {
        const parsed = corpusLetter();
        const log = new EventLog();
        const state = () => effectiveState(parsed, log.events);
        const snapshots: unknown[] = [];
        for (const op of operations) {
          const current = state();
          const change = toChange(op, current.items.length);
          if (!change) continue;
          const before = { values: effectiveValues(current), status: current.status, notes: current.notes.length };
          try {
            log.push(validateChange(current, change, 'property test'));
            snapshots.push(before);
          } catch (err) {
            if (!(err instanceof CorrectionError)) throw err; // only validation refusals are expected
          }
        }
        const fullyCorrected = effectiveValues(state());
        while (snapshots.length > 0) {
          log.push(undoDraft(state()));
          const now = state();
          expect({ values: effectiveValues(now), status: now.status, notes: now.notes.length }).toEqual(
            snapshots.pop(),
          );
        }
        expect(effectiveValues(state())).toEqual(parsedToValues(parsed));
        expect(state().status).toBe('new');
        expect(state().orphaned).toEqual([]);
        expect(() => undoDraft(state())).toThrow(CorrectionError);
        while (state().stacks.redo.length > 0) log.push(redoDraft(state()));
        expect(effectiveValues(state())).toEqual(fullyCorrected);
      }),
      { numRuns: 200 },
    );
  });
});
