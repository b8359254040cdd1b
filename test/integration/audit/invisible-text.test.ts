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
