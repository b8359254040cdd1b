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

/** Widths in CSS pixels: a splitter, the case list folded to its rail. */
export const SPLITTER = 7;
export const LIST_RAIL = 28;
/** The letter's narrowest, whatever else is shown (a page drawn at ~40 %: the reviewer zooms or narrows a pane). */
export const LETTER_MIN = 280;
/**
 * The narrowest letter a reviewer reads without zooming: a US-letter page (612 pt) fitted at ~86 % with the pane's
 * margins (LetterPane fits the page to the pane's width less 32 px). With the history open the other panes give
 * way to keep it (historyFoldsList, App's columns): at 1280 px the letter was drawn at 50 %.
 */
export const LETTER_READABLE = 560;
/** The most of the window's width each pane beside the letter takes, whatever width was chosen. */
export const WINDOW_SHARE: Record<ResizablePane, number> = { list: 0.34, fields: 0.42, history: 0.26 };

/** A pane's width as laid out in a window `viewport` px wide: the chosen one, capped by its share, at least its min. */
export function shownWidth(layout: PaneLayout, pane: ResizablePane, viewport: number): number {
  return Math.max(PANE_BOUNDS[pane].min, Math.min(layout.widths[pane], WINDOW_SHARE[pane] * viewport));
}

/**
 * Whether the history, open beside a case, folds the case list to its rail: when the list at its width, the fields,
 * the history at its narrowest and the splitters leave the letter less than LETTER_READABLE in a window `viewport`
 * px wide (with the default widths: below 1513 px, so at 1280 and 1440 but not 1920). Folded only while the history
 * is open: closing it brings the list back, and asking for the list (its rail, Ctrl+L, Alt+1) closes the history,
 * since at that width the two do not fit beside a readable letter. The layout remembered is not changed by it.
 */
export function historyFoldsList(layout: PaneLayout, viewport: number): boolean {
  if (!layout.historyOpen || layout.listCollapsed) return false;
  const beside = shownWidth(layout, 'list', viewport) + shownWidth(layout, 'fields', viewport);
  return beside + PANE_BOUNDS.history.min + 3 * SPLITTER + LETTER_READABLE > viewport;
}

/** Whether the case list is folded to its rail: only beside an open case, by the reviewer or by the history. */
export function listFolded(layout: PaneLayout, caseOpen: boolean, viewport: number): boolean {
  return caseOpen && (layout.listCollapsed || historyFoldsList(layout, viewport));
}

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
  /**
   * Shows or hides the case list beside the letter; from Analytics, goes back to the cases with the list shown.
   * Where the open history folds the list (historyFoldsList), showing the list closes the history.
   */
  toggleList(collapsed?: boolean): void;
  /** Whether the case list is folded to its rail beside the open case: by the reviewer, or by the history. */
  listFolded(): boolean;
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
          const shown = { ...layout, listCollapsed: false };
          if (get().current.id !== null && historyFoldsList(shown, deps.viewportWidth())) shown.historyOpen = false;
          if (shown.listCollapsed !== layout.listCollapsed || shown.historyOpen !== layout.historyOpen) save(shown);
          return;
        }
        const caseOpen = get().current.id !== null;
        const viewport = deps.viewportWidth();
        const folded = caseOpen ? listFolded(layout, true, viewport) : layout.listCollapsed;
        const next = { ...layout, listCollapsed: collapsed ?? !folded };
        // Shown where the open history folds it: the history gives way (both leave the letter unreadable).
        if (!next.listCollapsed && caseOpen && historyFoldsList(next, viewport)) next.historyOpen = false;
        save(next);
      },
      listFolded: () => listFolded(get().layout, get().current.id !== null, deps.viewportWidth()),
    };
  };
