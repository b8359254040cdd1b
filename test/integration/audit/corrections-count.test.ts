/**
 * The workspace's "corrections" count (toolbar, `imr stats`): the reviewers'
 * changes to values and items that are in force. A change and its undo is
 * nothing changed; a redo brings it back; status, notes and confirmations are
 * not corrections. The SQL count must agree with the replay the app uses to
 * decide what is in force (undoStacks).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCaseEvents } from '../../../backend/audit/log';
import { undoStacks } from '../../../backend/audit/apply';
import { VALUE_CHANGE_EVENT_TYPES } from '../../../shared/domain/case';
import type { ApiInput } from '../../../shared/api/contract';
import { corpusLetter } from '../../unit/audit/letter-fixture';
import { ok, openWorkspace, type TestWorkspace } from './workspace';

let ws: TestWorkspace;
let a: number;
let b: number;
const reviewer = 'Dana Reviewer';

beforeEach(() => {
  ws = openWorkspace();
  a = ws.addCase(corpusLetter(0));
  b = ws.addCase(corpusLetter(1));
});
afterEach(() => ws.close());

type Change = ApiInput<'corrections.apply'>['change'];
const apply = async (caseId: number, change: Change) =>
  ok(await ws.service.send('corrections.apply', { caseId, reviewer, change }));
const undo = async (caseId: number) => ok(await ws.service.send('corrections.undo', { caseId, reviewer }));
const redo = async (caseId: number) => ok(await ws.service.send('corrections.redo', { caseId, reviewer }));
const counted = async () => ok(await ws.service.send('stats.get', {})).corrections;

/** What the replay says is in force, summed over the cases. */
function inForceByReplay(): number {
  return [a, b].reduce((n, caseId) => {
    const { undo: inForce } = undoStacks(readCaseEvents(ws.service.ctx.db, caseId));
    return n + inForce.filter((e) => (VALUE_CHANGE_EVENT_TYPES as readonly string[]).includes(e.type)).length;
  }, 0);
}

describe('the workspace corrections count', () => {
  it('counts value changes in force: not undone ones, not undo/redo, status, notes or confirmations', async () => {
    expect(await counted()).toBe(0);
    await apply(a, { type: 'set-field', path: 'patientAge', value: '52' });
    await apply(a, { type: 'set-field', path: 'patientAge', value: '53' });
    await apply(b, { type: 'set-field', path: 'patientAge', value: '40' });
    expect(await counted()).toBe(3);

    await undo(a);
    expect(await counted()).toBe(2);
    await undo(a);
    expect(await counted()).toBe(1);
    await redo(a);
    expect(await counted()).toBe(2);

    await apply(a, { type: 'set-status', status: 'reviewed' });
    await apply(a, { type: 'note', text: 'Checked against the file.' });
    await apply(b, { type: 'verify-field', path: 'caseNumber', verified: true });
    expect(await counted()).toBe(2);

    // Undoing the note leaves the count alone; a new change after an undo forks history.
    await undo(a);
    await undo(b);
    await undo(b);
    await apply(b, { type: 'set-field', path: 'patientAge', value: '41' });
    expect(await counted()).toBe(inForceByReplay());
    expect(await counted()).toBe(2);
  });
});
