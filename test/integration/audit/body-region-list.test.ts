/**
 * The body region is a list of regions from one vocabulary (parser 2.0.0):
 * corrections are read into it ("left knee; low back" → knee, lumbar spine),
 * a text that names no region is refused, the export and the items table
 * write the list, and values stored by earlier versions (a parse whose body
 * region was text or null, a correction event that saved text) read as lists.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { effectiveState, effectiveValues } from '../../../backend/audit/apply';
import type { CaseEvent } from '../../../backend/audit/model';
import { fieldText, itemField, parseFieldValue, upgradeStoredValue } from '../../../shared/domain/fields';
import type { ParsedLetter } from '../../../shared/domain/letter';
import { corpusLetter } from '../../unit/audit/letter-fixture';
import { failure, ok, openWorkspace, type TestWorkspace } from './workspace';

const reviewer = 'Dana Reviewer';
const bodyRegion = itemField('bodyRegion');

/** A letter as parser 1.x stored it: the body region as text (or null). */
function legacyLetter(): ParsedLetter {
  const letter = corpusLetter();
  const items = letter.items as unknown as Record<string, unknown>[];
  items[0]!.bodyRegion = 'bilateral lower extremities';
  items[1]!.bodyRegion = null;
  items[2]!.bodyRegion = 'left hip, knee';
  return letter;
}

describe('body region field', () => {
  it('reads typed regions into the vocabulary and refuses text that names none', () => {
    expect(parseFieldValue(bodyRegion, 'left knee; low back')).toEqual({ ok: true, value: ['knee', 'lumbar spine'] });
    expect(parseFieldValue(bodyRegion, ['L4-5', 'lumbar spine', 'carpal tunnel'])).toEqual({
      ok: true,
      value: ['lumbar spine', 'wrist'],
    });
    expect(parseFieldValue(bodyRegion, 'hip, knee')).toEqual({ ok: true, value: ['hip', 'knee'] });
    expect(parseFieldValue(bodyRegion, '')).toEqual({ ok: true, value: [] });
    const refused = parseFieldValue(bodyRegion, 'knee; whole person');
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toMatch(/"whole person" names no body region; use "knee"/);
    expect(fieldText(bodyRegion, ['hip', 'knee'])).toBe('hip; knee');
  });

  it('upgrades values stored by earlier versions', () => {
    expect(upgradeStoredValue(bodyRegion, null)).toEqual([]);
    expect(upgradeStoredValue(bodyRegion, 'left shoulder')).toEqual(['shoulder']);
    expect(upgradeStoredValue(bodyRegion, 'lumbar')).toEqual(['lumbar spine']);
    expect(upgradeStoredValue(bodyRegion, 'hip, knee')).toEqual(['hip', 'knee']);
    // Text that names no region is kept, as the one entry it is, rather than lost.
    expect(upgradeStoredValue(bodyRegion, 'whole body')).toEqual(['whole body']);
    expect(upgradeStoredValue(bodyRegion, ['knee'])).toEqual(['knee']);
  });

  it('an earlier correction event that saved text applies as a list', () => {
    const parsed = corpusLetter();
    const event: CaseEvent = {
      id: 1,
      type: 'set-field',
      path: 'items[0].bodyRegion',
      oldValue: null,
      newValue: 'right shoulder and elbow',
      target: { items: [{ kind: 'parsed', index: 0, treatment: parsed.items[0]!.treatment }] },
      targetEventId: null,
      reason: null,
      reviewer,
      at: '2026-01-01T00:00:00.000Z',
    };
    const values = effectiveValues(effectiveState(parsed, [event]));
    expect(values.items[0]?.bodyRegion).toEqual(['shoulder', 'elbow']);
  });
});

describe('body region in a workspace', () => {
  let ws: TestWorkspace;
  beforeEach(() => (ws = openWorkspace()));
  afterEach(() => ws.close());

  const column = (caseId: number) =>
    ws.service.ctx.db.prepare('SELECT body_region FROM items WHERE case_id = ? ORDER BY idx').pluck().all(caseId) as (
      string | null
    )[];

  it('a parse stored with text body regions reads as lists, in the case and the items table', async () => {
    const caseId = ws.addCase(legacyLetter());
    const detail = ok(await ws.service.send('cases.get', { caseId }));
    expect(detail.parsed.items.slice(0, 3).map((i) => i.bodyRegion)).toEqual([
      ['lower extremity'],
      [],
      ['hip', 'knee'],
    ]);
    expect(detail.effective.items.slice(0, 3).map((i) => i.bodyRegion)).toEqual([
      ['lower extremity'],
      [],
      ['hip', 'knee'],
    ]);
    expect(detail.corrections).toEqual([]);
    // The items table keeps what the old version wrote until the case is projected again (any change does it).
    ok(
      await ws.service.send('corrections.apply', {
        caseId,
        reviewer,
        change: { type: 'set-field', path: 'patientAge', value: '52' },
      }),
    );
    expect(column(caseId).slice(0, 3)).toEqual(['lower extremity', null, 'hip; knee']);
  });

  it('a correction saves the regions it names; one naming none is refused and changes nothing', async () => {
    const caseId = ws.addCase(corpusLetter());
    const detail = ok(
      await ws.service.send('corrections.apply', {
        caseId,
        reviewer,
        change: { type: 'set-field', path: 'items[0].bodyRegion', value: 'Left knee, low back' },
      }),
    );
    expect(detail.effective.items[0]?.bodyRegion).toEqual(['knee', 'lumbar spine']);
    expect(column(caseId)[0]).toBe('knee; lumbar spine');

    const refused = failure(
      await ws.service.send('corrections.apply', {
        caseId,
        reviewer,
        change: { type: 'set-field', path: 'items[0].bodyRegion', value: 'everywhere' },
      }),
    );
    expect(refused.message).toMatch(/names no body region/);
    const after = ok(await ws.service.send('cases.get', { caseId }));
    expect(after.effective.items[0]?.bodyRegion).toEqual(['knee', 'lumbar spine']);
  });
});
