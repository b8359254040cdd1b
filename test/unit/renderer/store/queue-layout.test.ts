import { describe, expect, it } from 'vitest';
import type { ApiInput, CaseFilter } from '../../../../shared/api/contract';
import type { DocumentContent } from '../../../../shared/domain/case';
import {
  historyFoldsList,
  LAYOUT_KEY,
  listFolded,
  PANE_BOUNDS,
  readLayout,
} from '../../../../renderer/src/store/layout';
import { endOfQueue } from '../../../../renderer/src/store/queue';
import { detail, harness } from './harness';

const content = (documentId: number) => ({ documentId, kind: 'pdf' }) as unknown as DocumentContent;
const settings = () => ({ reviewerName: 'Dana', theme: 'system' as const });

describe('queue slice', () => {
  /** A list of cases 1…5 in that order, of which `reviewed` are Reviewed: what the backend's neighbour query answers. */
  function backend(reviewed: Set<number> = new Set()) {
    const ids = [1, 2, 3, 4, 5];
    return {
      'cases.neighbor': (a: ApiInput<'cases.neighbor'>) => {
        const at = a.from === undefined ? -1 : ids.indexOf(a.from);
        const order = a.step === 'previous' ? ids.slice(0, Math.max(0, at)).reverse() : ids.slice(at + 1);
        const wrapped = a.wrap ? [...order, ...ids.filter((id) => id !== a.from && !order.includes(id))] : order;
        const found = wrapped.find((id) => !a.status || (a.status === 'new') !== reviewed.has(id));
        return found === undefined ? null : { caseId: found, index: ids.indexOf(found) };
      },
      'cases.get': (a: ApiInput<'cases.get'>) =>
        ({ ...detail(Number(a.caseId)), status: reviewed.has(Number(a.caseId)) ? 'reviewed' : 'new' }) as never,
      'documents.content': (a: ApiInput<'documents.content'>) => content(a.documentId),
      'corrections.apply': (a: ApiInput<'corrections.apply'>) => {
        reviewed.add(Number(a.caseId));
        return { ...detail(Number(a.caseId)), status: 'reviewed' } as never;
      },
      'cases.list': () => ({ total: 5, rows: [] }),
      'stats.get': () => ({}) as never,
    };
  }

  it('walks the list with its own query, and says when the end is reached', async () => {
    const h = harness(backend());
    const filter: CaseFilter = { search: 'acupuncture' };
    h.state().restoreQuery({ filter, sort: 'caseNumber', direction: 'asc' });
    expect(await h.state().goToNeighbor('next')).toBe(true);
    expect(h.state().current.id).toBe(1);
    expect(h.callsTo('cases.neighbor')[0]).toEqual({ filter, sort: 'caseNumber', direction: 'asc', step: 'next' });
    await h.state().goToNeighbor('next');
    expect(h.state().current.id).toBe(2);
    expect(h.callsTo('cases.neighbor')[1]).toMatchObject({ from: 1, filter });
    expect(h.state().revealRow).toMatchObject({ index: 1 });
    expect(h.state().selectedIds).toEqual([2]);
    await h.state().openCase(5);
    expect(await h.state().goToNeighbor('next')).toBe(false);
    expect(h.state().current.id).toBe(5);
    expect(h.state().notices.at(-1)?.text).toBe(endOfQueue('next', undefined, true));
  });

  it('Reviewed → next marks the open case and opens the next New one, going round', async () => {
    const reviewed = new Set([1, 2]);
    const h = harness(backend(reviewed));
    h.store.setState({ settings: settings() });
    await h.state().openCase(4);
    await h.state().reviewedAndNext();
    expect(h.callsTo('corrections.apply')[0]).toMatchObject({
      caseId: 4,
      change: { type: 'set-status', status: 'reviewed' },
    });
    expect(h.state().current.id).toBe(5);
    await h.state().reviewedAndNext();
    // Round from the top: 1 and 2 were reviewed before, 4 and 5 now; 3 is left.
    expect(h.state().current.id).toBe(3);
    await h.state().reviewedAndNext();
    expect(h.state().current.id).toBe(3);
    expect(h.state().notices.at(-1)?.text).toBe(endOfQueue('next', 'new', false));
  });

  it('with no case open, says there is no case with status New, not "no other" one', async () => {
    const h = harness(backend(new Set([1, 2, 3, 4, 5])));
    expect(await h.state().nextUnreviewed()).toBe(false);
    expect(h.state().notices.at(-1)?.text).toBe('No case with status New in the list.');
    await h.state().openCase(2);
    expect(await h.state().nextUnreviewed()).toBe(false);
    expect(h.state().notices.at(-1)?.text).toBe('No other case with status New in the list.');
  });

  it('does not pass over a case still opening', async () => {
    const h = harness(backend());
    h.store.setState({ settings: settings() });
    h.store.setState((s) => ({ current: { ...s.current, id: 2, detail: null } }));
    await h.state().reviewedAndNext();
    expect(h.callsTo('corrections.apply')).toHaveLength(0);
    expect(h.callsTo('cases.neighbor')).toHaveLength(0);
    expect(h.state().current.id).toBe(2);
    expect(h.state().notices.at(-1)?.text).toMatch(/still opening/);
  });

  it('does not move on when the status could not be saved', async () => {
    const h = harness(backend());
    await h.state().openCase(2);
    await h.state().reviewedAndNext(); // no reviewer name set
    expect(h.callsTo('cases.neighbor')).toHaveLength(0);
    expect(h.state().current.id).toBe(2);
    expect(h.state().dialog).toBe('settings');
  });

  it('sets the status of the selected cases at once, and reloads the open one among them', async () => {
    const h = harness({
      ...backend(),
      'cases.setStatus': (a) => ({ changed: a.caseIds.length - 1, unchanged: 1 }),
    });
    h.store.setState({ settings: settings() });
    await h.state().openCase(3);
    h.store.setState({ selectedIds: [2, 3, 4] });
    const gets = h.callsTo('cases.get').length;
    await h.state().setStatusOfSelected('needs second look');
    expect(h.callsTo('cases.setStatus')).toEqual([
      { caseIds: [2, 3, 4], status: 'needs second look', reviewer: 'Dana' },
    ]);
    expect(h.state().notices.at(-1)?.text).toBe('2 cases marked Needs second look (1 already was).');
    expect(h.callsTo('cases.get').length).toBe(gets + 1);
  });
});

describe('layout slice', () => {
  it('remembers widths within bounds and which panes are shown', () => {
    const h = harness();
    h.state().resizePane('list', 10);
    expect(h.state().layout.widths.list).toBe(PANE_BOUNDS.list.min);
    h.state().resizePane('fields', 512.4);
    h.state().toggleList();
    h.state().toggleHistory(true);
    const again = harness({}, h.stored);
    expect(again.state().layout).toEqual({
      widths: { list: PANE_BOUNDS.list.min, fields: 512, history: PANE_BOUNDS.history.initial },
      listCollapsed: true,
      historyOpen: true,
    });
  });

  it('folds the list while the history leaves the letter unreadable; asking for the list closes the history', async () => {
    const h = harness({
      'cases.get': (a) => detail(Number(a.caseId)),
      'documents.content': (a) => content(a.documentId),
    });
    await h.state().openCase(1);
    h.state().toggleHistory(true);
    // Default widths: 300 + 392 + 240 + 3 × 7 beside the letter leave it under LETTER_READABLE below 1513 px.
    for (const [width, folded] of [
      [1280, true],
      [1440, true],
      [1920, false],
    ] as const) {
      h.viewport = width;
      expect(h.state().listFolded(), `${width} px`).toBe(folded);
      expect(historyFoldsList(h.state().layout, width)).toBe(folded);
    }
    h.viewport = 1280;
    h.state().toggleList(false);
    expect(h.state().layout).toMatchObject({ historyOpen: false, listCollapsed: false });
    expect(h.state().listFolded()).toBe(false);
    // Folded by choice, the list stays folded when the history closes; the reviewer's fold is remembered as such.
    h.state().toggleList(true);
    h.state().toggleHistory(true);
    h.state().toggleHistory(false);
    expect(h.state().listFolded()).toBe(true);
    // Folded by choice with the history open: shown, the history gives way too (else it would fold it again).
    h.state().toggleHistory(true);
    h.state().toggleList();
    expect(h.state().layout).toMatchObject({ historyOpen: false, listCollapsed: false });
    // At 1920 both fit: the history stays.
    h.viewport = 1920;
    h.state().toggleList(true);
    h.state().toggleHistory(true);
    h.state().toggleList(false);
    expect(h.state().layout).toMatchObject({ historyOpen: true, listCollapsed: false });
    // No case open: nothing is folded.
    expect(listFolded(h.state().layout, false, 1280)).toBe(false);
  });

  it('reads a damaged or edited memory as the default layout, keeping what is valid', () => {
    expect(readLayout('{oops')).toEqual(readLayout(null));
    expect(readLayout(JSON.stringify({ widths: { list: 1e9, fields: 'wide' }, historyOpen: 'yes' }))).toMatchObject({
      widths: { list: PANE_BOUNDS.list.max, fields: PANE_BOUNDS.fields.initial },
      historyOpen: false,
    });
    const h = harness({}, new Map([[LAYOUT_KEY, 'null']]));
    expect(h.state().layout).toEqual(readLayout(null));
  });
});
