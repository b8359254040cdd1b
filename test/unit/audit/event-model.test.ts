import { describe, expect, it } from 'vitest';
import type { Change } from '../../../shared/api/contract';
import type { ParsedLetter } from '../../../shared/domain/letter';
import { correctedFields, effectiveState, effectiveValues } from '../../../backend/audit/apply';
import { correctionStateOf } from '../../../backend/audit/effective';
import { redoDraft, undoDraft, validateChange } from '../../../backend/audit/validate';
import { parsedToValues } from '../../../backend/store/letter-values';
import { EventLog, corpusLetter } from './letter-fixture';

/** A case in memory: parse + event log, with the same validate → append → fold cycle the store runs. */
class MemoryCase {
  readonly log = new EventLog();
  constructor(public parsed: ParsedLetter) {}
  get state() {
    return effectiveState(this.parsed, this.log.events);
  }
  get values() {
    return effectiveValues(this.state);
  }
  apply(change: Change, reason?: string) {
    return this.log.push(validateChange(this.state, change, reason));
  }
  undo() {
    return this.log.push(undoDraft(this.state));
  }
  redo() {
    return this.log.push(redoDraft(this.state));
  }
}

/** The first corpus letter cut to its first seven items, to keep expectations readable. */
function sevenItems(): ParsedLetter {
  const parsed = corpusLetter();
  parsed.items = parsed.items.slice(0, 7);
  return parsed;
}

const treatments = (c: MemoryCase) => c.values.items.map((i) => i.treatment);

describe('effective values', () => {
  it('applies a correction on top of the parse and leaves the parse untouched', () => {
    const parsed = sevenItems();
    const before = structuredClone(parsed);
    const c = new MemoryCase(parsed);
    c.apply({ type: 'set-field', path: 'patientAge', value: '52' });
    c.apply({ type: 'set-field', path: 'items[0].decision', value: 'Overturned' }, 'letter says overturned on page 3');
    expect(c.values.patientAge).toBe(52);
    expect(c.values.items[0]?.decision).toBe('Overturned');
    expect(parsed).toEqual(before);
    expect(correctedFields(parsed, c.state)).toEqual([
      { path: 'patientAge', parsedValue: 36, effectiveValue: 52, eventId: 1 },
      { path: 'items[0].decision', parsedValue: 'Upheld', effectiveValue: 'Overturned', eventId: 2 },
    ]);
    const event = c.log.events[1];
    expect(event).toMatchObject({
      oldValue: 'Upheld',
      newValue: 'Overturned',
      reason: 'letter says overturned on page 3',
    });
  });

  it('adds, deletes, splits, merges and reorders items, and follows an item across those moves', () => {
    const c = new MemoryCase(sevenItems());
    const [t0, t1, t2, t3, t4, t5, t6] = treatments(c);
    c.apply({ type: 'set-field', path: 'items[2].category', value: 'acupuncture' });
    c.apply({ type: 'delete-item', index: 0 }, 'listed twice in the letter');
    expect(c.values.items[1]?.category).toBe('acupuncture'); // the corrected item moved up with its correction
    c.apply({ type: 'split-item', index: 1, treatments: ['Electro acupuncture', 'Acupuncture to the low back'] });
    expect(treatments(c)).toEqual([t1, 'Electro acupuncture', 'Acupuncture to the low back', t3, t4, t5, t6]);
    expect(c.values.items[2]).toMatchObject({ category: 'acupuncture', decision: 'Upheld' });
    c.apply({ type: 'merge-items', indices: [3, 4], treatment: 'Infrared heat and myofascial release' });
    expect(treatments(c)).toEqual([
      t1,
      'Electro acupuncture',
      'Acupuncture to the low back',
      'Infrared heat and myofascial release',
      t5,
      t6,
    ]);
    c.apply({ type: 'add-item', index: 1, treatment: 'Urine drug screen' });
    c.apply({ type: 'set-field', path: 'items[1].decision', value: 'Overturned' }, 'added by hand');
    c.apply({ type: 'reorder-items', order: [6, 5, 4, 3, 2, 1, 0] });
    expect(treatments(c)).toEqual([
      t6,
      t5,
      'Infrared heat and myofascial release',
      'Acupuncture to the low back',
      'Electro acupuncture',
      'Urine drug screen',
      t1,
    ]);
    expect(c.values.items[5]).toMatchObject({
      treatment: 'Urine drug screen',
      decision: 'Overturned',
      category: 'other',
    });
    const corrections = correctedFields(c.parsed, c.state);
    expect(corrections.find((f) => f.path === 'items')).toMatchObject({
      parsedValue: [t0, t1, t2, t3, t4, t5, t6],
      eventId: 7,
    });
    expect(corrections.find((f) => f.path === 'items[5].decision')).toMatchObject({
      parsedValue: null,
      effectiveValue: 'Overturned',
    });
  });

  it('merges items that disagree on the decision into one whose decision the reviewer must settle', () => {
    const parsed = sevenItems();
    parsed.items[1]!.decision = 'Overturned';
    const c = new MemoryCase(parsed);
    c.apply({ type: 'merge-items', indices: [0, 1] });
    expect(c.values.items[0]).toMatchObject({
      treatment: 'EMG/NCV of the lower extremities; EMG/NCV of the upper extremities',
      decision: null,
    });
    expect(c.values.items).toHaveLength(6);
  });

  it('keeps status changes and notes as events', () => {
    const c = new MemoryCase(sevenItems());
    c.apply({ type: 'set-status', status: 'in review' });
    c.log.push(validateChange(c.state, { type: 'note', text: 'Check page 2 header' }, null), 'bob');
    const state = correctionStateOf(c.parsed, c.state);
    expect(state.status).toBe('in review');
    expect(state.notes).toEqual([
      { eventId: 2, reviewer: 'bob', at: c.log.events[1]!.at, text: 'Check page 2 header' },
    ]);
  });
});

describe('undo and redo', () => {
  it('are new events that restore the earlier value and re-apply it', () => {
    const c = new MemoryCase(sevenItems());
    c.apply({ type: 'set-field', path: 'patientAge', value: 40 });
    c.apply({ type: 'set-field', path: 'patientAge', value: 41 });
    const undo = c.undo();
    expect(undo).toMatchObject({ type: 'undo', targetEventId: 2, path: 'patientAge', oldValue: 41, newValue: 40 });
    expect(c.values.patientAge).toBe(40);
    c.undo();
    expect(c.values.patientAge).toBe(36);
    expect(c.state.stacks.undo).toHaveLength(0);
    expect(() => c.undo()).toThrow('Nothing to undo on case CM16-0230651.');
    expect(c.redo()).toMatchObject({ type: 'redo', targetEventId: 1 });
    expect(c.values.patientAge).toBe(40);
    c.redo();
    expect(c.values.patientAge).toBe(41);
    expect(() => c.redo()).toThrow('Nothing to redo on case CM16-0230651.');
    expect(c.log.events.map((e) => e.type)).toEqual(['set-field', 'set-field', 'undo', 'undo', 'redo', 'redo']);
  });

  it('a new change clears what could be redone', () => {
    const c = new MemoryCase(sevenItems());
    c.apply({ type: 'set-field', path: 'patientAge', value: 40 });
    c.undo();
    c.apply({ type: 'set-field', path: 'patientSex', value: 'male' });
    expect(c.state.stacks.redo).toHaveLength(0);
    expect(() => c.redo()).toThrow('Nothing to redo');
    expect(c.values).toMatchObject({ patientAge: 36, patientSex: 'male' });
  });

  it('undoes structural changes too', () => {
    const c = new MemoryCase(sevenItems());
    const original = treatments(c);
    c.apply({ type: 'split-item', index: 6, treatments: ['Chiropractic care', 'Low back manipulation'] });
    c.apply({ type: 'delete-item', index: 0 }, 'listed twice in the letter');
    c.undo();
    c.undo();
    expect(treatments(c)).toEqual(original);
  });
});

describe('validation against the current state', () => {
  const c = new MemoryCase(sevenItems());

  it('refuses unknown paths and items that do not exist, naming how many there are', () => {
    expect(() => c.apply({ type: 'set-field', path: 'patientAge', value: undefined })).toThrow(
      'A value is required for patientAge (use null to clear it).',
    );
    expect(() => c.apply({ type: 'set-field', path: 'patientName', value: 'x' })).toThrow(
      /Unknown field "patientName"/,
    );
    expect(() => c.apply({ type: 'set-field', path: 'items[0].colour', value: 'x' })).toThrow(
      /Unknown item field "colour"/,
    );
    expect(() => c.apply({ type: 'set-field', path: 'decision', value: 'Upheld' })).toThrow(/items\[0\]\.decision/);
    expect(() => c.apply({ type: 'set-field', path: 'items[7].decision', value: 'Upheld' }, 'why')).toThrow(
      'There is no items[7] (Item 8): this case has 7 items (items[0] to items[6]).',
    );
    expect(() => c.apply({ type: 'delete-item', index: 9 })).toThrow('this case has 7 items');
    expect(() => c.apply({ type: 'add-item', index: 8 })).toThrow('positions 0 to 7');
    expect(() => c.apply({ type: 'merge-items', indices: [1, 1] })).toThrow('Each item can be merged only once');
    expect(() => c.apply({ type: 'reorder-items', order: [0, 1, 2] })).toThrow('each of the 7 items exactly once');
    expect(() => c.apply({ type: 'reorder-items', order: [0, 1, 2, 3, 4, 5, 6] })).toThrow('already in that order');
    expect(c.log.events).toHaveLength(0);
  });

  it('asks for a reason when a decision changes', () => {
    expect(() => c.apply({ type: 'set-field', path: 'items[0].decision', value: 'Overturned' })).toThrow(
      'A reason is required to change a decision (items[0].decision: Upheld → Overturned).',
    );
    expect(() => c.apply({ type: 'set-field', path: 'items[0].decision', value: 'Overturned' }, '   ')).toThrow(
      'A reason is required',
    );
    expect(c.log.events).toHaveLength(0);
  });

  it('treats a set of the "status" path as a status change', () => {
    const own = new MemoryCase(sevenItems());
    expect(own.apply({ type: 'set-field', path: 'status', value: 'Needs second look' })).toMatchObject({
      type: 'set-status',
      path: 'status',
      oldValue: 'new',
      newValue: 'needs second look',
    });
    expect(() => own.apply({ type: 'set-field', path: 'status', value: 'done' })).toThrow(
      'status must be one of new, in review, reviewed, needs second look (got "done").',
    );
  });

  it('refuses a change that changes nothing', () => {
    expect(() => c.apply({ type: 'set-field', path: 'patientAge', value: '36' })).toThrow('patientAge is already 36');
    expect(() => c.apply({ type: 'set-status', status: 'new' })).toThrow('status is already "new"');
  });
});

describe('reparse', () => {
  it('keeps corrections whose item is still there, even when the parser moved it', () => {
    const c = new MemoryCase(sevenItems());
    c.apply({ type: 'set-field', path: 'items[5].category', value: 'imaging' });
    c.apply({ type: 'set-field', path: 'patientAge', value: 37 });
    // The new parser finds an extra item first: "MRI of the lumbar spine" is now item 6.
    const reparsed = sevenItems();
    reparsed.items.unshift({ ...reparsed.items[0]!, treatment: 'Functional capacity evaluation' });
    c.parsed = reparsed;
    const state = correctionStateOf(reparsed, c.state);
    expect(state.orphanedCorrections).toEqual([]);
    expect(state.effective.items[6]).toMatchObject({ treatment: 'MRI of the lumbar spine', category: 'imaging' });
    expect(state.effective.patientAge).toBe(37);
    expect(state.corrections.map((f) => f.path)).toEqual(['items[6].category', 'patientAge']);
  });

  it('surfaces a correction whose item no longer exists instead of dropping it', () => {
    const c = new MemoryCase(sevenItems());
    c.apply({ type: 'set-field', path: 'items[3].decision', value: 'Overturned' }, 'misread');
    c.apply({ type: 'split-item', index: 3, treatments: ['Infrared heat', 'Low back heat'] });
    c.apply({ type: 'set-field', path: 'items[4].duration', value: 'six weeks' });
    const reparsed = sevenItems();
    reparsed.items.splice(3, 1); // the new parser no longer sees "Infrared heat…"
    c.parsed = reparsed;
    const state = correctionStateOf(reparsed, c.state);
    expect(state.effective.items).toHaveLength(6);
    expect(state.flags).toEqual(['orphaned-correction']);
    expect(state.orphanedCorrections).toEqual([
      {
        eventId: 1,
        path: 'items[3].decision',
        reason:
          'the parsed item 3 ("Infrared heat to the low back two times a week times six weeks") no longer exists in the current parse',
      },
      { eventId: 2, path: 'items[3]', reason: expect.stringContaining('no longer exists in the current parse') },
      {
        eventId: 3,
        path: 'items[4].duration',
        reason: 'an item created by event 2 no longer exists (that event could not be applied)',
      },
    ]);
    // The events are still in the log and undo still walks them.
    expect(state.canUndo).toBe(true);
  });

  it('a value-level correction of the parsed values survives a reparse that changes nothing', () => {
    const c = new MemoryCase(sevenItems());
    c.apply({ type: 'set-field', path: 'licensure', value: 'California' });
    c.parsed = sevenItems();
    expect(c.values.licensure).toEqual(['California']);
    expect(parsedToValues(c.parsed).licensure).toEqual(['California', 'Washington']);
  });

  it('surfaces an event a hand-edited log made unreadable instead of failing to open the case', () => {
    const c = new MemoryCase(sevenItems());
    c.apply({ type: 'set-field', path: 'patientAge', value: 50 });
    c.apply({ type: 'split-item', index: 0, treatments: ['a', 'b'] });
    c.log.events[0]!.path = 'patientShoeSize';
    c.log.events[1]!.newValue = 'not a list of items';
    const state = correctionStateOf(c.parsed, c.state);
    expect(state.effective.patientAge).toBe(36);
    expect(state.effective.items).toHaveLength(7);
    expect(state.orphanedCorrections.map((o) => [o.eventId, o.reason])).toEqual([
      [
        1,
        expect.stringMatching(/^this event cannot be applied \(Unknown field "patientShoeSize".*\); run imr verify$/),
      ],
      [2, expect.stringMatching(/^this event cannot be applied/)],
    ]);
  });
});
