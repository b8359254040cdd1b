import { describe, expect, it } from 'vitest';
import type { AnalyticsResult } from '../../../../shared/domain/analytics';
import { breakdownsFor } from '../../../../renderer/src/store/analytics';
import { cleanFilter } from '../../../../renderer/src/store/list';
import type { DocumentContent } from '../../../../shared/domain/case';
import { deferred, detail, harness, settle } from './harness';

const figures = (cases: number): AnalyticsResult =>
  ({ cases, totals: {}, turnaround: {}, breakdowns: [], pendingCases: 0 }) as unknown as AnalyticsResult;

describe('analytics slice', () => {
  it('asks for the chosen breakdown first, then the heat map and trend breakdowns, once each', () => {
    expect(breakdownsFor('bodyRegion')).toEqual(['bodyRegion', 'category', 'month']);
    expect(breakdownsFor('month')).toEqual(['month', 'category']);
  });

  it("loads the figures for the list's own filter and keeps the filter they are for", async () => {
    const h = harness({ 'stats.analytics': () => figures(3), 'cases.list': () => ({ total: 0, rows: [] }) });
    h.state().setFilter({ category: 'physical therapy' });
    await h.state().loadAnalytics();
    expect(h.callsTo('stats.analytics')).toEqual([
      { filter: { category: 'physical therapy' }, by: ['category', 'month'] },
    ]);
    expect(h.state().analytics).toMatchObject({
      result: { cases: 3 },
      resultFilter: { category: 'physical therapy' },
      loading: false,
      error: null,
    });
  });

  it('drops an answer that arrives after a newer load', async () => {
    const slow = deferred<AnalyticsResult>();
    let calls = 0;
    const h = harness({ 'stats.analytics': () => (++calls === 1 ? slow.promise : figures(2)) });
    const first = h.state().loadAnalytics();
    await h.state().loadAnalytics();
    slow.resolve(figures(1));
    await first;
    await settle();
    expect(h.state().analytics.result?.cases).toBe(2);
  });

  it('says why when the backend refuses', async () => {
    const h = harness({
      'stats.analytics': () => {
        throw new Error('filter: a month is written YYYY-MM');
      },
    });
    await h.state().loadAnalytics();
    expect(h.state().analytics).toMatchObject({ loading: false, error: 'filter: a month is written YYYY-MM' });
  });

  it('a clicked figure adds its conditions to the list filter and shows the list', async () => {
    const h = harness({ 'cases.list': () => ({ total: 0, rows: [] }) });
    h.state().setFilter({ priority: 'Expedited' });
    h.state().showView('analytics');
    h.state().openCasesFor({ category: 'physical therapy', decision: 'Upheld' });
    await settle();
    expect(h.state().view).toBe('cases');
    expect(h.state().list.filter).toEqual({ priority: 'Expedited', category: 'physical therapy', decision: 'Upheld' });
    expect(h.callsTo('cases.list').at(-1)).toMatchObject({
      filter: { priority: 'Expedited', category: 'physical therapy', decision: 'Upheld' },
    });
  });
});

describe('leaving Analytics', () => {
  it('a case opened from Analytics (Next unreviewed, N) is shown, not opened behind the figures', async () => {
    const h = harness({
      'cases.get': () => detail(4),
      'documents.content': (a) => ({ documentId: a.documentId, kind: 'pdf' }) as unknown as DocumentContent,
    });
    h.state().showView('analytics');
    await h.state().openCase(4);
    expect(h.state().view).toBe('cases');
    expect(h.state().current).toMatchObject({ id: 4, loading: false });
  });

  it('the case list (its button, Ctrl+L) goes back to the cases with the list shown; elsewhere it shows or hides it', () => {
    const h = harness({ 'cases.list': () => ({ total: 0, rows: [] }) });
    h.state().toggleList(true);
    h.state().showView('analytics');
    h.state().toggleList();
    expect(h.state().view).toBe('cases');
    expect(h.state().layout.listCollapsed).toBe(false);
    h.state().toggleList();
    expect(h.state().layout.listCollapsed).toBe(true);
  });
});

describe('the shared filter keeps every kind of condition', () => {
  it('keeps none (null), yes/no and ranges; drops unset and blank values', () => {
    expect(
      cleanFilter({
        bodyRegion: null,
        modified: false,
        turnaround: { min: 8, max: 14 },
        month: '2016-03',
        decision: undefined,
        search: ' ',
      }),
    ).toEqual({ bodyRegion: null, modified: false, turnaround: { min: 8, max: 14 }, month: '2016-03' });
  });
});
