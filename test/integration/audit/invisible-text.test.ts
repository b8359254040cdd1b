/**
 * What a reviewer types into the record is text a reader can see. A name made
 * of a zero-width space (or a Hangul filler, a blank Braille pattern…) was
 * accepted and the history then showed a change by nobody; typed values with
 * NUL, ESC or a bidi override went raw into the XLSX and CSV (U+202E turns
 * the rest of a cell around in Excel). Both are refused at the API boundary,
 * naming the character as U+XXXX, and nothing is written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { corpusLetter } from '../../unit/audit/letter-fixture';
import { failure, ok, openWorkspace, type TestWorkspace } from './workspace';

let ws: TestWorkspace;
let caseId: number;

beforeEach(() => {
  ws = openWorkspace();
  caseId = ws.addCase(corpusLetter());
});
afterEach(() => ws.close());

const eventCount = () => ws.service.ctx.db.prepare('SELECT COUNT(*) FROM audit_events').pluck().get();

/** Names that look blank: format characters, fillers, a blank Braille pattern. */
const BLANK_NAMES = ['\u200b', '\u3164', '\u2800', '\u2060', '\u00ad', '\u115f\u1160', '\uffa0', ' \u200b ', '\u0301'];

describe('a reviewer name must be visible', () => {
  it.each(BLANK_NAMES)('refuses the name %j and writes nothing', async (name) => {
    const before = eventCount();
    const error = failure(
      await ws.service.dispatch('corrections.apply', {
        caseId,
        reviewer: name,
        change: { type: 'set-status', status: 'reviewed' },
      }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/reviewer name (cannot contain U\+[0-9A-F]{4}|needs at least one visible)/);
    expect(eventCount()).toBe(before);
  });

  it('names the invisible character in the refusal', async () => {
    const error = failure(
      await ws.service.dispatch('corrections.apply', {
        caseId,
        reviewer: 'Dana\u200bReviewer',
        change: { type: 'set-status', status: 'reviewed' },
      }),
    );
    expect(error.message).toContain('a reviewer name cannot contain U+200B (an invisible formatting character)');
  });

  it('the settings refuse a blank name too', async () => {
    const error = failure(await ws.service.dispatch('settings.set', { reviewerName: '\u3164' }));
    expect(error.message).toContain('U+3164 (a blank filler character)');
  });

  it('keeps names in any script, with accents and spaces', async () => {
    for (const reviewer of ['José Núñez', '김민준', 'Zoë O’Brien-Smith', 'محمد']) {
      ok(
        await ws.service.dispatch('corrections.apply', {
          caseId,
          reviewer,
          change: { type: 'note', text: `checked by ${reviewer}` },
        }),
      );
    }
    const history = ok(await ws.service.send('corrections.history', { caseId }));
    expect(history.map((e) => e.reviewer)).toEqual(
      expect.arrayContaining(['José Núñez', '김민준', 'Zoë O’Brien-Smith', 'محمد']),
    );
  });
});

describe('typed correction text holds no invisible or control characters', () => {
  const reviewer = 'Dana Reviewer';
  const apply = (change: unknown) => ws.service.dispatch('corrections.apply', { caseId, reviewer, change });

  it.each([
    [
      { type: 'set-field', path: 'priority', value: 'Std\u0000\u001b[31m' },
      'priority cannot contain U+0000 (a control character)',
    ],
    [
      { type: 'set-field', path: 'specialty', value: '\u202eevil' },
      'specialty cannot contain U+202E (a text-direction control)',
    ],
    [{ type: 'set-field', path: 'specialty', value: ['Orthopedics', 'Pain\u2066'] }, 'specialty cannot contain U+2066'],
    [
      { type: 'set-field', path: 'items[0].medication', value: { name: 'Norco\u200b', strength: null, count: null } },
      'items[0].medication cannot contain U+200B',
    ],
    [{ type: 'add-item', treatment: '=HYPERLINK("x")\u0000\u0007\uffff' }, 'a treatment cannot contain U+0000'],
    [{ type: 'add-item', treatment: 'Physical therapy\uffff' }, 'a treatment cannot contain U+FFFF (not a character)'],
    [
      { type: 'split-item', index: 0, treatments: ['PT', 'OT\u001b[2J'] },
      'a treatment cannot contain U+001B (a control character)',
    ],
    [{ type: 'note', text: 'see page 2\u202e' }, 'a note cannot contain U+202E'],
  ])('refuses %j, naming the character and the field, and writes nothing', async (change, message) => {
    const before = eventCount();
    const error = failure(await apply(change));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain(message);
    expect(eventCount()).toBe(before);
  });

  it('refuses a control character in the reason too', async () => {
    const error = failure(
      await ws.service.dispatch('corrections.apply', {
        caseId,
        reviewer,
        reason: 'typo\u001b[8m',
        change: { type: 'set-status', status: 'reviewed' },
      }),
    );
    expect(error.message).toContain('a reason cannot contain U+001B');
  });

  it('keeps the lines and tabs of free text, and accented or non-Latin text', async () => {
    const rationale = 'First paragraph.\n\n\tSecond paragraph, indented.\r\nThird — café, 腰椎.';
    ok(await apply({ type: 'set-field', path: 'items[0].rationale', value: rationale }));
    ok(await apply({ type: 'note', text: 'Checked:\n- dates\n- decision' }));
    ok(await apply({ type: 'set-field', path: 'priority', value: 'Expedited\n' }));
    const detail = ok(await ws.service.send('cases.get', { caseId }));
    expect(detail.effective.items[0]!.rationale).toBe(rationale.trim());
    expect(detail.effective.priority).toBe('Expedited');
  });
});
