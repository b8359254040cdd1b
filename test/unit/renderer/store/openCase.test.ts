import { describe, expect, it } from 'vitest';
import type { CaseDetail, DocumentContent } from '../../../../shared/domain/case';
import { deferred, detail, harness } from './harness';

const content = (documentId: number) => ({ documentId, kind: 'pdf' }) as unknown as DocumentContent;

describe('open case slice', () => {
  it('opens a case with its letter', async () => {
    const h = harness({ 'cases.get': () => detail(1), 'documents.content': (a) => content(a.documentId) });
    await h.state().openCase(1);
    expect(h.state().current).toMatchObject({ id: 1, loading: false, error: null });
    expect(h.state().current.content?.documentId).toBe(10);
  });

  it('never shows a case the reviewer has already left', async () => {
    const first = deferred<CaseDetail>();
    const h = harness({
      'cases.get': (a) => (a.caseId === 1 ? first.promise : detail(2)),
      'documents.content': (a) => content(a.documentId),
    });
    const opening1 = h.state().openCase(1);
    await h.state().openCase(2);
    first.resolve(detail(1));
    await opening1;
    expect(h.state().current.id).toBe(2);
    expect(h.state().current.detail?.id).toBe(2);
    expect(h.state().current.content?.documentId).toBe(20);
  });

  it('keeps the letter when the same case is opened again', async () => {
    const h = harness({ 'cases.get': () => detail(1), 'documents.content': (a) => content(a.documentId) });
    await h.state().openCase(1);
    await h.state().openCase(1);
    expect(h.callsTo('documents.content')).toHaveLength(1);
  });

  it('says why a case could not be opened, and closing clears the highlight', async () => {
    const h = harness({
      'cases.get': () => {
        throw new Error('No case with id 9 in this workspace');
      },
    });
    await h.state().openCase(9);
    expect(h.state().current).toMatchObject({ id: 9, loading: false, error: 'No case with id 9 in this workspace' });
    h.state().setHighlight({ path: 'decisionDate', start: 1, end: 5 });
    await h.state().openCase(null);
    expect(h.state().current.id).toBeNull();
    expect(h.state().highlight).toBeNull();
  });

  it('numbers every highlight, so clicking the same field twice scrolls twice', () => {
    const h = harness();
    h.state().setHighlight({ path: 'decisionDate', start: 1, end: 5 });
    const first = h.state().highlight!.seq;
    h.state().setHighlight({ path: 'decisionDate', start: 1, end: 5 });
    expect(h.state().highlight!.seq).toBeGreaterThan(first);
  });
});
