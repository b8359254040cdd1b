/**
 * The case list: the query (filter, sort, direction), the pages of rows loaded
 * so far (lazily, as the virtual list scrolls) and the selection.
 *
 * Every change of query starts a new generation; an answer for an older
 * generation is dropped, so a slow first query never overwrites a newer one.
 * A refresh (same query, new data) keeps the rows on screen, marked stale,
 * while the visible pages are fetched again: no flicker.
 */
import type { StateCreator } from 'zustand';
import type { CaseFilter } from '../../../shared/api/contract';
import type { CaseRow } from '../../../shared/domain/case';
import { errorMessage } from '../api/bridge';
import type { AppState } from './create';
import type { StoreDeps } from './deps';

export const PAGE_SIZE = 200;
export type SortKey = 'caseNumber' | 'itemCount' | 'status' | 'importedAt' | 'decisionDate' | 'decisions';
export type SelectMode = 'replace' | 'toggle' | 'range';

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
  /** A damaged workspace: the backend's lines naming the cases it could not read and does not list (else empty). */
  unreadable: string[];
}

export interface ListSlice {
  list: ListState;
  selectedIds: number[];
  setFilter(patch: Partial<CaseFilter>): void;
  clearFilters(): void;
  setSort(sort: SortKey): void;
  ensurePage(page: number): void;
  refreshList(): void;
  select(id: number, mode?: SelectMode): void;
  /** Selects every loaded row (the list loads pages as they scroll into view). */
  selectAll(): void;
  /** Sets the query without fetching (the session restores the reviewer's last one before the first fetch). */
  restoreQuery(query: Pick<ListState, 'filter' | 'sort' | 'direction'>): void;
  rowAt(index: number): CaseRow | undefined;
}

// ---------------------------------------------------------------------------
// Pure rules (unit-tested)

/** The filter without empty values; search text trimmed, dropped when blank. */
export function cleanFilter(filter: CaseFilter): CaseFilter {
  // null (the items without a value), yes/no and day ranges are conditions too: the Analytics view sets them.
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    const kept = key === 'search' && typeof value === 'string' ? value.trim() : value;
    if (kept !== undefined && kept !== '') out[key] = kept;
  }
  return out as CaseFilter;
}

const noRows = (): Pick<
  ListState,
  'total' | 'pages' | 'fresh' | 'loading' | 'error' | 'lastQueryMs' | 'unreadable'
> => ({
  total: null,
  pages: {},
  fresh: {},
  loading: false,
  error: null,
  lastQueryMs: null,
  unreadable: [],
});

export const initialList = (): ListState => ({
  filter: {},
  sort: 'importedAt',
  direction: 'desc',
  generation: 0,
  ...noRows(),
});

/** A new query: no rows yet, next generation. */
export function withQuery(
  list: ListState,
  query: Partial<Pick<ListState, 'filter' | 'sort' | 'direction'>>,
): ListState {
  return { ...list, ...noRows(), ...query, generation: list.generation + 1 };
}

/** Clicking a column: the same column flips direction; a new one starts ascending for names, descending otherwise. */
export function sortedBy(list: ListState, sort: SortKey): Pick<ListState, 'sort' | 'direction'> {
  if (list.sort === sort) return { sort, direction: list.direction === 'asc' ? 'desc' : 'asc' };
  return { sort, direction: sort === 'caseNumber' ? 'asc' : 'desc' };
}

/** The same query again (data changed): rows stay, every page becomes stale. */
export function refreshed(list: ListState): ListState {
  return { ...list, generation: list.generation + 1, fresh: {} };
}

/** The list after a page arrived for `generation`; unchanged when that generation is over. */
export function pageArrived(
  list: ListState,
  page: number,
  generation: number,
  result: { total: number; rows: CaseRow[]; unreadable?: string[] },
  tookMs: number,
): ListState {
  if (list.generation !== generation) return list;
  return {
    ...list,
    total: result.total,
    unreadable: result.unreadable ?? [],
    pages: { ...list.pages, [page]: result.rows },
    fresh: { ...list.fresh, [page]: true },
    loading: false,
    error: null,
    lastQueryMs: page === 0 ? tookMs : list.lastQueryMs,
  };
}

/** Ids of every loaded row, in list order. */
export function loadedIds(pages: ListState['pages']): number[] {
  return Object.keys(pages)
    .map(Number)
    .sort((a, b) => a - b)
    .flatMap((p) => pages[p]!.map((r) => r.id));
}

/**
 * The selection after a click on `id`: replace (plain click), toggle
 * (Ctrl/Cmd), or range from the last selected row (Shift) over the loaded rows.
 */
export function nextSelection(
  selected: readonly number[],
  id: number,
  mode: SelectMode,
  ids: readonly number[],
): number[] {
  if (mode === 'toggle') return selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id];
  const anchor = selected.at(-1);
  if (mode === 'range' && anchor !== undefined) {
    const a = ids.indexOf(anchor);
    const b = ids.indexOf(id);
    if (a >= 0 && b >= 0) return [...new Set([...selected, ...ids.slice(Math.min(a, b), Math.max(a, b) + 1)])];
  }
  return [id];
}

// ---------------------------------------------------------------------------

export const createListSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], ListSlice> =>
  (set, get) => {
    const inflight = new Set<string>();
    const setList = (list: ListState) => set({ list });
    /** A new query: shown from its first page, and remembered as where the reviewer is. */
    const setQuery = (list: ListState) => {
      setList(list);
      get().ensurePage(0);
      get().rememberPlace();
    };

    async function fetchPage(page: number, generation: number): Promise<void> {
      const key = `${generation}:${page}`;
      if (inflight.has(key)) return;
      inflight.add(key);
      const { list } = get();
      if (page === 0) setList({ ...list, loading: true });
      const started = deps.now();
      try {
        const result = await deps.call('cases.list', {
          filter: list.filter,
          sort: list.sort,
          direction: list.direction,
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
        });
        setList(pageArrived(get().list, page, generation, result, deps.now() - started));
      } catch (error) {
        const now = get().list;
        if (now.generation === generation) setList({ ...now, loading: false, error: errorMessage(error) });
      } finally {
        inflight.delete(key);
      }
    }

    return {
      list: initialList(),
      selectedIds: [],
      setFilter(patch) {
        const list = get().list;
        setQuery(withQuery(list, { filter: cleanFilter({ ...list.filter, ...patch }) }));
      },
      clearFilters() {
        setQuery(withQuery(get().list, { filter: {} }));
      },
      setSort(sort) {
        const list = get().list;
        setQuery(withQuery(list, sortedBy(list, sort)));
      },
      restoreQuery(query) {
        setList(withQuery(get().list, { ...query, filter: cleanFilter(query.filter) }));
      },
      selectAll() {
        set({ selectedIds: loadedIds(get().list.pages) });
      },
      refreshList() {
        setList(refreshed(get().list));
        get().ensurePage(0);
      },
      ensurePage(page) {
        const { list } = get();
        if (!list.fresh[page]) void fetchPage(page, list.generation);
      },
      rowAt(index) {
        return get().list.pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
      },
      select(id, mode = 'replace') {
        set({ selectedIds: nextSelection(get().selectedIds, id, mode, loadedIds(get().list.pages)) });
      },
    };
  };
