/**
 * Bounded changes (issue 12): a change becomes a permanent audit event, so an
 * oversized request is refused at the API boundary with a short message that
 * never repeats the input, and nothing is written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANGE_LIMITS } from '../../../shared/api/contract';
import { corpusLetter } from '../../unit/audit/letter-fixture';
import { failure, ok, openWorkspace, type TestWorkspace } from './workspace';

let ws: TestWorkspace;
let caseId: number;
const reviewer = 'Dana Reviewer';

beforeEach(() => {
  ws = openWorkspace();
  caseId = ws.addCase(corpusLetter());
});
afterEach(() => ws.close());

/** Everything a refused change must leave alone. */
function snapshot() {
  const db = ws.service.ctx.db;
  return {
    events: db.prepare('SELECT COUNT(*) FROM audit_events').pluck().get(),
    head: db.prepare('SELECT * FROM audit_chain_head').get(),
    items: db.prepare('SELECT * FROM items ORDER BY case_id, idx').all(),
    cases: db.prepare('SELECT * FROM cases').all(),
  };
}

async function refused(change: unknown): Promise<string> {
  const before = snapshot();
  const error = failure(await ws.service.dispatch('corrections.apply', { caseId, reviewer, reason: 'x', change }));
  expect(error.code).toBe('invalid_input');
  expect(snapshot()).toEqual(before);
  return error.message;
}

describe('change limits at the API boundary', () => {
  it('refuses a 2.5 MB split with a short message and writes nothing', async () => {
    const treatment = 'Physical therapy twice a week for six weeks, lumbar spine. '.repeat(40).trim();
    const treatments = Array.from({ length: Math.ceil(2.5e6 / treatment.length) }, () => treatment);
    expect(JSON.stringify(treatments).length).toBeGreaterThan(2.5e6);
    const message = await refused({ type: 'split-item', index: 0, treatments });
    expect(message).toBe(
      `corrections.apply: change.treatments: a split makes at most ${CHANGE_LIMITS.maxSplitParts} items`,
    );
  });

  it('refuses a 300,000-element reorder without echoing the order back', async () => {
    const order = Array.from({ length: 300_000 }, (_, i) => i);
    const message = await refused({ type: 'reorder-items', order });
    expect(message.length).toBeLessThan(200);
    expect(message).not.toMatch(/\d+, \d+/);
    expect(message).toContain(`a new order lists at most ${CHANGE_LIMITS.maxItems} items`);
  });

  it('refuses positions past the item limit, and oversized or deeply nested values', async () => {
    expect(await refused({ type: 'delete-item', index: 10_000_000 })).toContain('an item position is at most 499');
    expect(await refused({ type: 'merge-items', indices: [0, 1, 1e9] })).toContain('at most 499');
    expect(await refused({ type: 'set-field', path: 'licensure', value: 'x'.repeat(1_000_000) })).toContain(
      'the value is too large',
    );
    let nested: unknown = 'MD';
    for (let i = 0; i < 100_000; i++) nested = [nested];
    // Refused by the general structural check, before any schema walks it.
    expect(await refused({ type: 'set-field', path: 'licensure', value: nested })).toContain(
      'the input is nested deeper than 16 levels',
    );
    const longNote = await refused({ type: 'note', text: 'n'.repeat(CHANGE_LIMITS.maxNoteChars + 1) });
    expect(longNote.length).toBeLessThan(200);
  });

  it('lists a few problems, clipped, however many there are', async () => {
    const keys = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`${'k'.repeat(5000)}${i}`, i]));
    const message = await refused({ type: 'note', text: 'hello', ...keys });
    expect(message.length).toBeLessThan(400);
    const many = failure(await ws.service.dispatch('cases.list', { limit: -1, offset: -1, sort: 'x', direction: 'y' }));
    expect(many.message).toMatch(/\(and \d+ more problems?\)$/);
    const unknownCall = failure(await ws.service.dispatch('x'.repeat(100_000), {}));
    expect(unknownCall.message.length).toBeLessThan(100);
  });

  it('caps the stored event: a split within the request limits that would expand past 256 KB is refused', async () => {
    const treatments = Array.from({ length: CHANGE_LIMITS.maxSplitParts }, (_, i) => `${i} ${'t'.repeat(4990)}`);
    const message = await refused({ type: 'split-item', index: 0, treatments });
    expect(message).toMatch(
      /^This change is too large to record: its audit entry would be \d+ KB, over the 256 KB limit/,
    );
    // A normal split still goes through.
    ok(
      await ws.service.send('corrections.apply', {
        caseId,
        reviewer,
        change: { type: 'split-item', index: 0, treatments: ['MRI lumbar spine', 'MRI cervical spine'] },
      }),
    );
  });
});
