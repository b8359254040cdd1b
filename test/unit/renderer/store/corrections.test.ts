import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../../shared/domain/case';
import { detail, harness } from './harness';

function openWithReviewer(name: string | null, apply?: () => CaseDetail) {
  const h = harness({
    'cases.get': () => detail(1),
    'documents.content': () => ({ documentId: 10 }) as never,
    'cases.list': () => ({ total: 0, rows: [] }),
    'stats.get': () => ({}) as never,
    'corrections.apply':
      apply ??
      (() => ({
        ...detail(1),
        corrections: [{ path: 'decisionDate', parsedValue: null, effectiveValue: null, eventId: 1 }],
      })),
    'corrections.undo': () => detail(1),
  });
  h.store.setState({ settings: { reviewerName: name ?? '', theme: 'system' } });
  return h;
}

describe('corrections slice', () => {
  it('saves nothing without a reviewer name, and opens Settings to ask for one', async () => {
    const h = openWithReviewer(null);
    await h.state().openCase(1);
    expect(await h.state().applyChange({ type: 'set-status', status: 'reviewed' })).toBe(false);
    expect(h.callsTo('corrections.apply')).toEqual([]);
    expect(h.state().dialog).toBe('settings');
    expect(h.state().notices.at(-1)?.kind).toBe('error');
  });

  it('records the change under the reviewer with its reason and shows the case the backend returns', async () => {
    const h = openWithReviewer('  Dana Reviewer ');
    await h.state().openCase(1);
    const before = h.state().historyVersion;
    const change = { type: 'set-field', path: 'items[0].decision', value: 'Upheld' } as const;
    expect(await h.state().applyChange(change, 'rationale says so')).toBe(true);
    expect(h.callsTo('corrections.apply')).toEqual([
      { caseId: 1, reviewer: 'Dana Reviewer', change, reason: 'rationale says so' },
    ]);
    expect(h.state().current.detail?.corrections).toHaveLength(1);
    expect(h.state().historyVersion).toBe(before + 1);
    expect(h.state().busy).toBe(false);
    expect(h.callsTo('cases.list').length).toBeGreaterThan(0); // the list's counts follow
  });

  it('a refused change says "Not saved" with the reason and changes nothing', async () => {
    const h = openWithReviewer('Dana', () => {
      throw new Error('decisionDate: "Feb 30 2016" is not a real date: February 2016 has 29 days.');
    });
    await h.state().openCase(1);
    const shown = h.state().current.detail;
    expect(await h.state().applyChange({ type: 'set-field', path: 'decisionDate', value: 'Feb 30 2016' })).toBe(false);
    expect(h.state().current.detail).toBe(shown);
    expect(h.state().notices.at(-1)).toMatchObject({
      kind: 'error',
      text: 'Not saved: decisionDate: "Feb 30 2016" is not a real date: February 2016 has 29 days.',
    });
    expect(h.state().busy).toBe(false);
  });

  it('undo is recorded under the reviewer', async () => {
    const h = openWithReviewer('Dana');
    await h.state().openCase(1);
    await h.state().undo();
    expect(h.callsTo('corrections.undo')).toEqual([{ caseId: 1, reviewer: 'Dana' }]);
  });
});
