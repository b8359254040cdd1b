/**
 * The Analytics view: which view the workspace shows (the case list or the
 * figures), which breakdown the reviewer looks at, and the figures the
 * backend computed for the list's own filter (stats.analytics). The view
 * prints these figures; it never counts or divides anything itself.
 *
 * The filter is the list's (`list.filter`): one filter for both views, so a
 * condition set in one holds in the other, and a bar clicked in the figures
 * becomes more conditions on that filter (`openCasesFor`).
 */
import type { StateCreator } from 'zustand';
import type { CaseFilter } from '../../../shared/api/contract';
import type { AnalyticsResult, StatsDimension } from '../../../shared/domain/analytics';
import { errorMessage } from '../api/bridge';
import type { AppState } from './create';
import type { StoreDeps } from './deps';

export type WorkspaceView = 'cases' | 'analytics';

/**
 * Breakdowns every load asks for besides the chosen one: category for the
 * category × decision heat map, month for the trend line.
 */
export const ALWAYS_BY: readonly StatsDimension[] = ['category', 'month'];

export interface AnalyticsState {
  by: StatsDimension;
  result: AnalyticsResult | null;
  /** The filter `result` is for (shown beside it, so figures never pass for another filter's). */
  resultFilter: CaseFilter | null;
  loading: boolean;
  error: string | null;
  /** Increments with every load; an answer for an older load is dropped. */
  generation: number;
  /** ms the last answer took, call included (the bench reads it). */
  lastQueryMs: number | null;
}

export interface AnalyticsSlice {
  view: WorkspaceView;
  analytics: AnalyticsState;
  showView(view: WorkspaceView): void;
  setAnalyticsBy(by: StatsDimension): void;
  /** Fetches the figures for the list's current filter. */
  loadAnalytics(): Promise<void>;
  /** The cases behind a figure: its conditions added to the list's filter, and the list shown. */
  openCasesFor(conditions: Partial<CaseFilter>): void;
}

export const initialAnalytics = (): AnalyticsState => ({
  by: 'category',
  result: null,
  resultFilter: null,
  loading: false,
  error: null,
  generation: 0,
  lastQueryMs: null,
});

/** The breakdowns one load asks for: the chosen one first, then those the other charts need, once each. */
export function breakdownsFor(by: StatsDimension): StatsDimension[] {
  return [...new Set([by, ...ALWAYS_BY])];
}

export const createAnalyticsSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], AnalyticsSlice> =>
  (set, get) => {
    const setAnalytics = (patch: Partial<AnalyticsState>) => set((s) => ({ analytics: { ...s.analytics, ...patch } }));
    return {
      view: 'cases',
      analytics: initialAnalytics(),
      showView(view) {
        set({ view });
      },
      setAnalyticsBy(by) {
        setAnalytics({ by });
        void get().loadAnalytics();
      },
      async loadAnalytics() {
        const generation = get().analytics.generation + 1;
        const filter = get().list.filter;
        setAnalytics({ generation, loading: true, error: null });
        const started = deps.now();
        try {
          const result = await deps.call('stats.analytics', { filter, by: breakdownsFor(get().analytics.by) });
          if (get().analytics.generation !== generation) return;
          setAnalytics({ result, resultFilter: filter, loading: false, lastQueryMs: deps.now() - started });
        } catch (error) {
          if (get().analytics.generation !== generation) return;
          setAnalytics({ loading: false, error: errorMessage(error) });
        }
      },
      openCasesFor(conditions) {
        get().setFilter(conditions);
        set({ view: 'cases' });
      },
    };
  };
