/**
 * The renderer's state: workspace info and settings, the case list (paged,
 * loaded lazily as the virtual list scrolls), the open case, running jobs and
 * dialogs. Every backend call goes through `call()`, whose failures become a
 * readable notice instead of an exception that could blank the screen.
 */
import { create } from 'zustand';
import { call, errorMessage, getBridge } from '../api/bridge';
import type { AppInfo, CaseFilter, Change, ExportResult, Settings } from '../../../shared/api/contract';
import type {
  BackendEvent,
  CaseDetail,
  CaseRow,
  DocumentContent,
  ImportSummary,
  JobEvent,
  Stats,
} from '../../../shared/domain/case';

export const PAGE_SIZE = 200;
export type SortKey = 'caseNumber' | 'itemCount' | 'status' | 'importedAt' | 'decisionDate' | 'decisions';
export type Dialog = 'export' | 'settings' | 'import-report' | null;

export interface Notice {
  id: number;
  kind: 'error' | 'info' | 'success';
  text: string;
}

export interface Highlight {
  path: string;
  start: number;
  end: number;
  /** Bumped on every click so re-clicking the same field scrolls again. */
  seq: number;
}

export interface ListState {
  filter: CaseFilter;
  sort: SortKey;
  direction: 'asc' | 'desc';
  total: number | null;
  pages: Record<number, CaseRow[]>;
  /** Pages fetched for the current generation; others may be shown while they refresh (no flicker). */
  fresh: Record<number, true>;
  /** Increments whenever the query changes so late answers for an old query are dropped. */
  generation: number;
  loading: boolean;
  error: string | null;
  /** ms the last first-page answer took (shown to nobody; the bench reads it). */
  lastQueryMs: number | null;
}

export interface CaseState {
  id: number | null;
  detail: CaseDetail | null;
  content: DocumentContent | null;
  loading: boolean;
  error: string | null;
}

interface AppState {
  info: AppInfo | null;
  settings: Settings | null;
  stats: Stats | null;
  startupError: string | null;
  notices: Notice[];
  list: ListState;
  selectedIds: number[];
  current: CaseState;
  highlight: Highlight | null;
  jobs: Record<string, JobEvent>;
  importReport: ImportSummary | null;
  lastExport: ExportResult | null;
  dialog: Dialog;
  historyOpen: boolean;
  listCollapsed: boolean;
  historyVersion: number;
  busy: boolean;

  init(): Promise<void>;
  notify(kind: Notice['kind'], text: string): void;
  dismissNotice(id: number): void;
  setFilter(patch: Partial<CaseFilter>): void;
  clearFilters(): void;
  setSort(sort: SortKey): void;
  ensurePage(page: number): void;
  refreshList(): void;
  refreshStats(): Promise<void>;
  select(id: number, mode?: 'replace' | 'toggle' | 'range'): void;
  openCase(id: number | null): Promise<void>;
  reloadCase(): Promise<void>;
  applyChange(change: Change, reason?: string): Promise<boolean>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  nextUnreviewed(): Promise<void>;
  setHighlight(h: Omit<Highlight, 'seq'> | null): void;
  startImport(
    kind: 'samples' | 'paths' | 'files',
    payload?: string[] | { name: string; base64: string }[],
  ): Promise<void>;
  cancelJob(jobId: string): Promise<void>;
  showImportReport(): Promise<void>;
  startExport(options: Parameters<typeof call<'export.start'>>[1]): Promise<string | null>;
  saveSettings(patch: Partial<Settings>): Promise<boolean>;
  setDialog(dialog: Dialog): void;
  toggleHistory(open?: boolean): void;
  toggleList(): void;
  rowAt(index: number): CaseRow | undefined;
}

let initialised = false;
let noticeSeq = 0;
let highlightSeq = 0;
const inflightPages = new Set<string>();

const emptyList = (): Omit<ListState, 'filter' | 'sort' | 'direction'> => ({
  total: null,
  pages: {},
  fresh: {},
  generation: 0,
  loading: false,
  error: null,
  lastQueryMs: null,
});

function cleanFilter(filter: CaseFilter): CaseFilter {
  const out: CaseFilter = {};
  for (const [key, value] of Object.entries(filter) as [keyof CaseFilter, string | undefined][]) {
    if (value !== undefined && value !== '') (out as Record<string, string>)[key] = value;
  }
  if (out.search !== undefined) {
    out.search = out.search.trim();
    if (!out.search) delete out.search;
  }
  return out;
}

export const useApp = create<AppState>()((set, get) => ({
  info: null,
  settings: null,
  stats: null,
  startupError: null,
  notices: [],
  list: { filter: {}, sort: 'importedAt', direction: 'desc', ...emptyList() },
  selectedIds: [],
  current: { id: null, detail: null, content: null, loading: false, error: null },
  highlight: null,
  jobs: {},
  importReport: null,
  lastExport: null,
  dialog: null,
  historyOpen: false,
  listCollapsed: false,
  historyVersion: 0,
  busy: false,

  async init() {
    // Once per page: React StrictMode runs mount effects twice in development.
    if (initialised) return;
    initialised = true;
    const bridge = getBridge();
    bridge.onEvent((event) => handleEvent(event));
    bridge.onMenu((action) => {
      switch (action.type) {
        case 'import-files':
          void get().startImport('paths', action.paths);
          break;
        case 'import-dialog':
          document.getElementById('import-file-input')?.click();
          break;
        case 'export-dialog':
          get().setDialog('export');
          break;
        case 'settings':
          get().setDialog('settings');
          break;
        case 'reparse':
          void call('reparse.start', {}).catch((e: unknown) => get().notify('error', errorMessage(e)));
          break;
        case 'workspace-changed':
          window.location.reload();
          break;
      }
    });
    try {
      const [info, settings] = await Promise.all([call('app.info', {}), call('settings.get', {})]);
      set({ info, settings });
    } catch (error) {
      set({ startupError: errorMessage(error) });
      return;
    }
    void get().refreshStats();
    get().refreshList();
  },

  notify(kind, text) {
    const id = ++noticeSeq;
    set((s) => ({ notices: [...s.notices.slice(-4), { id, kind, text }] }));
    if (kind !== 'error') setTimeout(() => get().dismissNotice(id), 5000);
  },
  dismissNotice(id) {
    set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  },

  setFilter(patch) {
    const list = get().list;
    set({
      list: {
        ...list,
        ...emptyList(),
        filter: cleanFilter({ ...list.filter, ...patch }),
        generation: list.generation + 1,
      },
    });
    get().ensurePage(0);
  },
  clearFilters() {
    const list = get().list;
    set({ list: { ...list, ...emptyList(), filter: {}, generation: list.generation + 1 } });
    get().ensurePage(0);
  },
  setSort(sort) {
    const list = get().list;
    const direction =
      list.sort === sort ? (list.direction === 'asc' ? 'desc' : 'asc') : sort === 'caseNumber' ? 'asc' : 'desc';
    set({ list: { ...list, ...emptyList(), sort, direction, generation: list.generation + 1 } });
    get().ensurePage(0);
  },
  refreshList() {
    // Same query, new data: keep the rows on screen as stale while the list
    // component re-requests the visible pages for the new generation.
    const list = get().list;
    set({ list: { ...list, generation: list.generation + 1, fresh: {} } });
    get().ensurePage(0);
  },
  ensurePage(page) {
    const { list } = get();
    if (list.fresh[page]) return;
    void fetchPage(page, list.generation);
  },
  rowAt(index) {
    const page = Math.floor(index / PAGE_SIZE);
    return get().list.pages[page]?.[index % PAGE_SIZE];
  },
  async refreshStats() {
    try {
      set({ stats: await call('stats.get', {}) });
    } catch {
      // Stats only decorate the toolbar; the list shows real errors.
    }
  },

  select(id, mode = 'replace') {
    const { selectedIds } = get();
    if (mode === 'toggle') {
      set({ selectedIds: selectedIds.includes(id) ? selectedIds.filter((x) => x !== id) : [...selectedIds, id] });
      return;
    }
    if (mode === 'range' && selectedIds.length) {
      const anchor = selectedIds[selectedIds.length - 1]!;
      const ids = loadedIds();
      const a = ids.indexOf(anchor);
      const b = ids.indexOf(id);
      if (a >= 0 && b >= 0) {
        const range = ids.slice(Math.min(a, b), Math.max(a, b) + 1);
        set({ selectedIds: Array.from(new Set([...selectedIds, ...range])) });
        return;
      }
    }
    set({ selectedIds: [id] });
  },

  async openCase(id) {
    if (id === null) {
      set({ current: { id: null, detail: null, content: null, loading: false, error: null }, highlight: null });
      return;
    }
    const previous = get().current;
    set({
      current: {
        id,
        detail: previous.id === id ? previous.detail : null,
        content: previous.id === id ? previous.content : null,
        loading: true,
        error: null,
      },
      highlight: null,
    });
    try {
      const detail = await call('cases.get', { caseId: id });
      if (get().current.id !== id) return;
      set((s) => ({ current: { ...s.current, detail } }));
      const content =
        previous.content && previous.content.documentId === detail.documentId
          ? previous.content
          : await call('documents.content', { documentId: detail.documentId });
      if (get().current.id !== id) return;
      set((s) => ({ current: { ...s.current, content, loading: false } }));
    } catch (error) {
      if (get().current.id !== id) return;
      set((s) => ({ current: { ...s.current, loading: false, error: errorMessage(error) } }));
    }
  },
  async reloadCase() {
    const id = get().current.id;
    if (id === null) return;
    try {
      const detail = await call('cases.get', { caseId: id });
      if (get().current.id === id) set((s) => ({ current: { ...s.current, detail } }));
    } catch (error) {
      get().notify('error', errorMessage(error));
    }
  },

  async applyChange(change, reason) {
    const { current, settings } = get();
    if (current.id === null) return false;
    const reviewer = settings?.reviewerName?.trim();
    if (!reviewer) {
      get().notify('error', 'Set your reviewer name in Settings before making corrections.');
      get().setDialog('settings');
      return false;
    }
    set({ busy: true });
    try {
      const detail = await call('corrections.apply', {
        caseId: current.id,
        reviewer,
        change,
        ...(reason ? { reason } : {}),
      });
      if (get().current.id === detail.id)
        set((s) => ({ current: { ...s.current, detail }, historyVersion: s.historyVersion + 1 }));
      get().refreshList();
      void get().refreshStats();
      return true;
    } catch (error) {
      get().notify('error', `Not saved: ${errorMessage(error)}`);
      return false;
    } finally {
      set({ busy: false });
    }
  },
  async undo() {
    await undoRedo('corrections.undo');
  },
  async redo() {
    await undoRedo('corrections.redo');
  },
  async nextUnreviewed() {
    try {
      const { caseId } = await call('cases.nextUnreviewed', get().current.id ? { afterCaseId: get().current.id! } : {});
      if (caseId === null) {
        get().notify('info', 'No unreviewed cases left.');
        return;
      }
      set({ selectedIds: [caseId] });
      await get().openCase(caseId);
    } catch (error) {
      get().notify('error', errorMessage(error));
    }
  },
  setHighlight(h) {
    set({ highlight: h ? { ...h, seq: ++highlightSeq } : null });
  },

  async startImport(kind, payload) {
    try {
      if (kind === 'samples') await call('import.samples', {});
      else if (kind === 'paths') await call('import.paths', { paths: payload as string[] });
      else await call('import.files', { files: payload as { name: string; base64: string }[] });
    } catch (error) {
      get().notify('error', `Import could not start: ${errorMessage(error)}`);
    }
  },
  async cancelJob(jobId) {
    try {
      await call('jobs.cancel', { jobId });
    } catch (error) {
      get().notify('error', errorMessage(error));
    }
  },
  async showImportReport() {
    try {
      const report = await call('import.lastReport', {});
      set({ importReport: report, dialog: 'import-report' });
    } catch (error) {
      get().notify('error', errorMessage(error));
    }
  },
  async startExport(options) {
    try {
      const { jobId } = await call('export.start', options);
      set({ lastExport: null });
      return jobId;
    } catch (error) {
      get().notify('error', `Export could not start: ${errorMessage(error)}`);
      return null;
    }
  },
  async saveSettings(patch) {
    try {
      const settings = await call('settings.set', patch);
      set({ settings });
      return true;
    } catch (error) {
      get().notify('error', errorMessage(error));
      return false;
    }
  },
  setDialog(dialog) {
    set({ dialog });
  },
  toggleHistory(open) {
    set((s) => ({ historyOpen: open ?? !s.historyOpen }));
  },
  toggleList() {
    set((s) => ({ listCollapsed: !s.listCollapsed }));
  },
}));

function loadedIds(): number[] {
  const { pages } = useApp.getState().list;
  return Object.keys(pages)
    .map(Number)
    .sort((a, b) => a - b)
    .flatMap((p) => pages[p]!.map((r) => r.id));
}

async function fetchPage(page: number, generation: number): Promise<void> {
  const key = `${generation}:${page}`;
  if (inflightPages.has(key)) return;
  inflightPages.add(key);
  const { list } = useApp.getState();
  if (page === 0) useApp.setState({ list: { ...list, loading: true } });
  const started = performance.now();
  try {
    const result = await call('cases.list', {
      filter: list.filter,
      sort: list.sort,
      direction: list.direction,
      offset: page * PAGE_SIZE,
      limit: PAGE_SIZE,
    });
    const now = useApp.getState().list;
    if (now.generation !== generation) return;
    useApp.setState({
      list: {
        ...now,
        total: result.total,
        pages: { ...now.pages, [page]: result.rows },
        fresh: { ...now.fresh, [page]: true },
        loading: false,
        error: null,
        lastQueryMs: page === 0 ? performance.now() - started : now.lastQueryMs,
      },
    });
  } catch (error) {
    const now = useApp.getState().list;
    if (now.generation !== generation) return;
    useApp.setState({ list: { ...now, loading: false, error: errorMessage(error) } });
  } finally {
    inflightPages.delete(key);
  }
}

async function undoRedo(name: 'corrections.undo' | 'corrections.redo'): Promise<void> {
  const state = useApp.getState();
  const id = state.current.id;
  const reviewer = state.settings?.reviewerName?.trim();
  if (id === null) return;
  if (!reviewer) {
    state.notify('error', 'Set your reviewer name in Settings first.');
    return;
  }
  try {
    const detail = await call(name, { caseId: id, reviewer });
    if (useApp.getState().current.id === id) {
      useApp.setState((s) => ({ current: { ...s.current, detail }, historyVersion: s.historyVersion + 1 }));
    }
    state.refreshList();
    void state.refreshStats();
  } catch (error) {
    state.notify('error', errorMessage(error));
  }
}

function handleEvent(event: BackendEvent): void {
  const state = useApp.getState();
  if (event.type === 'changed') {
    if (event.what === 'settings') {
      void call('settings.get', {}).then(
        (settings) => useApp.setState({ settings }),
        () => {},
      );
    } else if (event.what === 'cases') {
      state.refreshList();
      void state.refreshStats();
    } else if (event.what === 'case' && event.caseId === state.current.id && !state.busy) {
      void state.reloadCase();
      useApp.setState((s) => ({ historyVersion: s.historyVersion + 1 }));
    }
    return;
  }
  useApp.setState((s) => ({ jobs: { ...s.jobs, [event.jobId]: event } }));
  if (event.phase === 'running') {
    // Show new cases as they arrive during a long import, at most ~once a second.
    if (event.kind === 'import' && event.done > 0 && event.done % 25 === 0) state.refreshList();
    return;
  }
  if (event.kind === 'import' || event.kind === 'reparse') {
    state.refreshList();
    void state.refreshStats();
    if (event.kind === 'import') void afterImport(event);
  }
  if (event.kind === 'export') {
    if (event.phase === 'done') useApp.setState({ lastExport: (event.result as ExportResult) ?? null });
    if (event.phase === 'failed') state.notify('error', `Export failed: ${event.error ?? 'unknown error'}`);
  }
  if (event.phase === 'failed' && event.kind !== 'export') {
    state.notify(
      'error',
      `${event.kind === 'import' ? 'Import' : 'Re-parse'} failed: ${event.error ?? 'unknown error'}`,
    );
  }
  // Finished jobs stay visible briefly so the bar reaches 100 % before it goes.
  setTimeout(() => {
    useApp.setState((s) => {
      const jobs = { ...s.jobs };
      if (jobs[event.jobId]?.phase !== 'running') delete jobs[event.jobId];
      return { jobs };
    });
  }, 2500);
}

async function afterImport(event: JobEvent): Promise<void> {
  const state = useApp.getState();
  try {
    const report = await call('import.lastReport', {});
    useApp.setState({ importReport: report });
    if (!report) return;
    // Rejected letters need the reviewer's eyes; skipped non-letters (a README) only a mention.
    if (report.rejected > 0) {
      useApp.setState({ dialog: 'import-report' });
    } else {
      const parts = [`${report.imported} imported`];
      if (report.duplicate) parts.push(`${report.duplicate} already in the workspace`);
      if (report.skipped) parts.push(`${report.skipped} skipped (not letters; see Import report)`);
      state.notify('success', `Import ${event.phase === 'cancelled' ? 'cancelled' : 'finished'}: ${parts.join(', ')}.`);
    }
  } catch (error) {
    state.notify('error', errorMessage(error));
  }
}
