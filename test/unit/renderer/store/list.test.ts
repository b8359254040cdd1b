import { describe, expect, it } from 'vitest';
import {
  PAGE_SIZE,
  cleanFilter,
  initialList,
  nextSelection,
  pageArrived,
  sortedBy,
  withQuery,
} from '../../../../renderer/src/store/list';
import { deferred, harness, row, settle } from './harness';

describe('list rules', () => {
  it('drops empty filter values and blank search text', () => {
    expect(cleanFilter({ status: 'new', search: '  emg  ', decision: undefined, format: undefined })).toEqual({
      status: 'new',
      search: 'emg',
    });
    expect(cleanFilter({ search: '   ' })).toEqual({});
  });

  it('sorts a new column ascending by name, descending otherwise, and flips the same column', () => {
    const list = initialList();
    expect(sortedBy(list, 'caseNumber')).toEqual({ sort: 'caseNumber', direction: 'asc' });
    expect(sortedBy(list, 'itemCount')).toEqual({ sort: 'itemCount', direction: 'desc' });
    expect(sortedBy({ ...list, sort: 'itemCount', direction: 'desc' }, 'itemCount')).toEqual({
      sort: 'itemCount',
      direction: 'asc',
    });
  });

  it('ignores a page that arrives for an older query', () => {
    const old = initialList();
    const current = withQuery(old, { filter: { status: 'reviewed' } });
    expect(pageArrived(current, 0, old.generation, { total: 1, rows: [row(1)] }, 5)).toBe(current);
    const arrived = pageArrived(current, 0, current.generation, { total: 1, rows: [row(1)] }, 5);
    expect(arrived).toMatchObject({ total: 1, fresh: { 0: true }, lastQueryMs: 5, loading: false });
  });

  it('selects by click, Ctrl+click and Shift+click over the loaded rows', () => {
    const ids = [5, 4, 3, 2, 1];
    expect(nextSelection([4], 2, 'replace', ids)).toEqual([2]);
    expect(nextSelection([4], 2, 'toggle', ids)).toEqual([4, 2]);
    expect(nextSelection([4, 2], 2, 'toggle', ids)).toEqual([4]);
    expect(nextSelection([4], 2, 'range', ids)).toEqual([4, 3, 2]);
    expect(nextSelection([], 2, 'range', ids)).toEqual([2]);
  });
});

describe('list slice', () => {
  it('queries the backend with the cleaned filter and the page window', async () => {
    const h = harness({ 'cases.list': () => ({ total: 1, rows: [row(1)] }) });
    h.state().setFilter({ search: ' emg ' });
    await settle();
    expect(h.callsTo('cases.list')).toEqual([
      { filter: { search: 'emg' }, sort: 'importedAt', direction: 'desc', offset: 0, limit: PAGE_SIZE },
    ]);
    expect(h.state().rowAt(0)?.id).toBe(1);
    expect(h.state().list.total).toBe(1);
  });

  it('shows the newest query when an older answer arrives late', async () => {
    const slow = deferred<{ total: number; rows: ReturnType<typeof row>[] }>();
    let calls = 0;
    const h = harness({ 'cases.list': () => (++calls === 1 ? slow.promise : { total: 1, rows: [row(2)] }) });
    h.state().setFilter({ status: 'new' });
    h.state().setFilter({ status: 'reviewed' });
    await settle();
    slow.resolve({ total: 1, rows: [row(1)] });
    await settle();
    expect(h.state().list.filter).toEqual({ status: 'reviewed' });
    expect(h.state().rowAt(0)?.id).toBe(2);
  });

  it('keeps the rows on screen while a refresh fetches them again', async () => {
    const next = deferred<{ total: number; rows: ReturnType<typeof row>[] }>();
    let calls = 0;
    const h = harness({ 'cases.list': () => (++calls === 1 ? { total: 1, rows: [row(1)] } : next.promise) });
    h.state().refreshList();
    await settle();
    h.state().refreshList();
    expect(h.state().rowAt(0)?.id).toBe(1);
    expect(h.state().list.fresh).toEqual({});
    next.resolve({ total: 2, rows: [row(3), row(1)] });
    await settle();
    expect(h.state().rowAt(0)?.id).toBe(3);
  });

  it('says why the list could not be loaded', async () => {
    const h = harness({
      'cases.list': () => {
        throw new Error('database is locked');
      },
    });
    h.state().refreshList();
    await settle();
    expect(h.state().list).toMatchObject({ loading: false, error: 'database is locked' });
  });
});
