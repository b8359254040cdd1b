/**
 * The panes' layout: how wide the case list, the fields and the history are
 * (the letter takes the rest), and which of them are hidden. Remembered on
 * this machine (deps.storage), so the screen a reviewer arranged is the one
 * they find the next day.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './create';
import type { StoreDeps } from './deps';

export type ResizablePane = 'list' | 'fields' | 'history';

export interface PaneLayout {
  /** Widths in CSS pixels of the panes beside the letter, while a case is open. */
  widths: Record<ResizablePane, number>;
  listCollapsed: boolean;
  historyOpen: boolean;
}

/**
 * Bounds of each width. The defaults leave the letter ~570 px at a 1280 px
 * window (a US-letter page drawn at ~90 %, readable) with a compact case list
 * beside it; the list shows all its columns from ~560 px.
 */
export const PANE_BOUNDS: Record<ResizablePane, { min: number; max: number; initial: number }> = {
  list: { min: 200, max: 900, initial: 300 },
  fields: { min: 320, max: 900, initial: 392 },
  history: { min: 240, max: 600, initial: 300 },
};

/** How far one arrow-key press on a splitter moves it (Shift: STEP_LARGE). */
export const STEP = 16;
export const STEP_LARGE = 80;

export const LAYOUT_KEY = 'imr.layout.v1';

export const defaultLayout = (): PaneLayout => ({
  widths: { list: PANE_BOUNDS.list.initial, fields: PANE_BOUNDS.fields.initial, history: PANE_BOUNDS.history.initial },
  listCollapsed: false,
  historyOpen: false,
});

export function clampWidth(pane: ResizablePane, width: number): number {
  const { min, max } = PANE_BOUNDS[pane];
  return Math.round(Math.max(min, Math.min(max, width)));
}

/** A stored layout read back; anything missing or out of bounds is the default (storage is the user's to edit). */
export function readLayout(stored: string | null): PaneLayout {
  const layout = defaultLayout();
  if (!stored) return layout;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return layout;
  }
  if (typeof value !== 'object' || value === null) return layout;
  const v = value as Partial<Record<keyof PaneLayout, unknown>>;
  const widths = (typeof v.widths === 'object' && v.widths !== null ? v.widths : {}) as Record<string, unknown>;
  for (const pane of Object.keys(PANE_BOUNDS) as ResizablePane[]) {
    const w = widths[pane];
    if (typeof w === 'number' && Number.isFinite(w)) layout.widths[pane] = clampWidth(pane, w);
  }
  if (typeof v.listCollapsed === 'boolean') layout.listCollapsed = v.listCollapsed;
  if (typeof v.historyOpen === 'boolean') layout.historyOpen = v.historyOpen;
  return layout;
}

export interface LayoutSlice {
  layout: PaneLayout;
  /** Sets a pane's width (clamped to its bounds) and remembers it. */
  resizePane(pane: ResizablePane, width: number): void;
  toggleHistory(open?: boolean): void;
  /** Shows or hides the case list beside the letter; from Analytics, goes back to the cases with the list shown. */
  toggleList(collapsed?: boolean): void;
}

export const createLayoutSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], LayoutSlice> =>
  (set, get) => {
    const save = (layout: PaneLayout) => {
      set({ layout });
      deps.storage.set(LAYOUT_KEY, JSON.stringify(layout));
    };
    return {
      layout: readLayout(deps.storage.get(LAYOUT_KEY)),
      resizePane(pane, width) {
        const layout = get().layout;
        const next = clampWidth(pane, width);
        if (layout.widths[pane] !== next) save({ ...layout, widths: { ...layout.widths, [pane]: next } });
      },
      toggleHistory(open) {
        const layout = get().layout;
        save({ ...layout, historyOpen: open ?? !layout.historyOpen });
      },
      toggleList(collapsed) {
        const layout = get().layout;
        // From Analytics (which has no list beside it) the case list is asked for: show the cases, list open.
        if (get().view === 'analytics') {
          set({ view: 'cases' });
          if (layout.listCollapsed) save({ ...layout, listCollapsed: false });
          return;
        }
        save({ ...layout, listCollapsed: collapsed ?? !layout.listCollapsed });
      },
    };
  };
