import { describe, expect, it } from 'vitest';
import { MAX_NOTICES, NOTICE_MS } from '../../../../renderer/src/store/dialogs';
import { placeKey, readPlace } from '../../../../renderer/src/store/resume';
import { detail, harness, settle } from './harness';

describe('dialogs slice', () => {
  it('keeps the newest notices; errors stay until dismissed, others fade', () => {
    const h = harness();
    for (let i = 0; i < MAX_NOTICES + 2; i++) h.state().notify('info', `note ${i}`);
    h.state().notify('error', 'could not save');
    expect(h.state().notices).toHaveLength(MAX_NOTICES);
    expect(h.state().notices.at(-1)?.text).toBe('could not save');
    expect(h.timers.every((t) => t.ms === NOTICE_MS)).toBe(true);
    h.runTimers();
    expect(h.state().notices.map((n) => n.text)).toEqual(['could not save']);
    h.state().dismissNotice(h.state().notices[0]!.id);
    expect(h.state().notices).toEqual([]);
  });

  it('opens and closes one dialog at a time', () => {
    const h = harness();
    h.state().setDialog('export');
    expect(h.state().dialog).toBe('export');
    h.state().setDialog('shortcuts');
    expect(h.state().dialog).toBe('shortcuts');
    h.state().setDialog(null);
    expect(h.state().dialog).toBeNull();
  });
});

describe('session slice', () => {
  const answers = () => ({
    'app.info': () => ({ appVersion: '1', host: 'test' }) as never,
    'settings.get': () => ({ reviewerName: 'Dana', theme: 'system' as const }),
    'stats.get': () => ({}) as never,
    'cases.list': () => ({ total: 0, rows: [] }),
    'cases.get': () => detail(1),
    'documents.content': () => ({ documentId: 10 }) as never,
  });

  it('loads the workspace once, however often init is called', async () => {
    const h = harness(answers());
    await h.state().init();
    await h.state().init();
    expect(h.callsTo('app.info')).toHaveLength(1);
    expect(h.state().settings?.reviewerName).toBe('Dana');
  });

  it('shows only why the workspace could not be opened', async () => {
    const h = harness({
      ...answers(),
      'app.info': () => {
        throw new Error('The workspace is damaged');
      },
    });
    await h.state().init();
    expect(h.state().startupError).toBe('The workspace is damaged');
  });

  it('reloads the open case when someone else changed it, not when its own save did', async () => {
    const h = harness(answers());
    await h.state().init();
    await h.state().openCase(1);
    const gets = () => h.callsTo('cases.get').length;
    const before = gets();
    h.emit({ type: 'changed', what: 'case', caseId: 1 });
    await settle();
    expect(gets()).toBe(before + 1);
    h.store.setState({ busy: true });
    h.emit({ type: 'changed', what: 'case', caseId: 1 });
    h.emit({ type: 'changed', what: 'case', caseId: 2 });
    await settle();
    expect(gets()).toBe(before + 1);
  });

  it('routes job events to the jobs slice and menu actions to the page', async () => {
    const h = harness(answers());
    await h.state().init();
    h.emit({
      type: 'job',
      jobId: 'j',
      kind: 'export',
      phase: 'running',
      done: 1,
      total: 2,
      current: null,
      rate: 1,
      etaSeconds: 1,
    });
    expect(h.state().jobs.j?.done).toBe(1);
    h.menu({ type: 'import-dialog' });
    h.menu({ type: 'export-dialog' });
    h.menu({ type: 'workspace-changed', dbPath: '/w' });
    expect(h.page).toMatchObject({ opened: 1, reloaded: 1 });
    expect(h.state().dialog).toBe('export');
  });

  it('returns to where the reviewer was: the same query, then the same case', async () => {
    const stored = new Map<string, string>();
    const first = harness(
      { ...answers(), 'app.info': () => ({ appVersion: '1', host: 'test', dbPath: '/w/a' }) as never },
      stored,
    );
    await first.state().init();
    first.state().setFilter({ status: 'new', search: 'emg' });
    first.state().setSort('caseNumber');
    await first.state().openCase(7);
    expect(JSON.parse(stored.get(placeKey('/w/a'))!)).toMatchObject({ caseId: 7, sort: 'caseNumber' });

    // A reload: the list asks for the same query first, then the case opens.
    const again = harness(
      { ...answers(), 'app.info': () => ({ appVersion: '1', host: 'test', dbPath: '/w/a' }) as never },
      stored,
    );
    await again.state().init();
    expect(again.state().list).toMatchObject({
      filter: { status: 'new', search: 'emg' },
      sort: 'caseNumber',
      direction: 'asc',
    });
    expect(again.callsTo('cases.list')[0]).toMatchObject({
      filter: { status: 'new', search: 'emg' },
      sort: 'caseNumber',
    });
    expect(again.state().current.id).toBe(7);
    expect(again.state().selectedIds).toEqual([7]);

    // Another workspace remembers its own place.
    const other = harness(
      { ...answers(), 'app.info': () => ({ appVersion: '1', host: 'test', dbPath: '/w/b' }) as never },
      stored,
    );
    await other.state().init();
    expect(other.state().current.id).toBeNull();
    expect(other.state().list.filter).toEqual({});
  });

  it('forgets a remembered case that is gone, quietly, and ignores a damaged memory', async () => {
    const stored = new Map([[placeKey('/w/a'), JSON.stringify({ caseId: 9, filter: { status: 'bogus' }, sort: 'x' })]]);
    const h = harness(
      {
        ...answers(),
        'app.info': () => ({ appVersion: '1', host: 'test', dbPath: '/w/a' }) as never,
        'cases.get': () => {
          throw new Error('No case with id 9 in this workspace');
        },
      },
      stored,
    );
    await h.state().init();
    expect(h.state().current).toMatchObject({ id: null, error: null });
    expect(h.state().list).toMatchObject({ filter: {}, sort: 'importedAt' });
    expect(h.state().notices).toEqual([]);
    expect(readPlace('not json')).toBeNull();
  });
});
