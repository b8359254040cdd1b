/**
 * The global keyboard shortcuts (keymap.ts says which keys; this says what
 * each does). One keydown listener on the window, in the capture phase so a
 * field's own handling of Alt+↓ (a select opening its list) never comes first.
 * An open dialog owns the keyboard: nothing here acts while one is shown.
 */
import { useEffect } from 'react';
import type { ReviewStatus } from '../../../shared/domain/case';
import { useApp, type AppState } from '../store/appStore';
import { cyclePane, focusPane, isTyping, moveField, moveItem, pressFieldButton } from './focus';
import { matchShortcut, type ShortcutId } from './keymap';
import { chooseAndImport } from '../components/files';

type GlobalId = Exclude<ShortcutId, `list-${string}` | `letter-${string}`>;

/** What each global shortcut does; false when it did nothing (the key then keeps its usual meaning). */
const ACTIONS: Record<GlobalId, (state: AppState, event: KeyboardEvent) => boolean | void> = {
  'reviewed-next': (s) => void s.reviewedAndNext(),
  'status:new': (s) => setStatus(s, 'new'),
  'status:in review': (s) => setStatus(s, 'in review'),
  'status:reviewed': (s) => setStatus(s, 'reviewed'),
  'status:needs second look': (s) => setStatus(s, 'needs second look'),
  'verify-field': () => pressFieldButton('.verify-btn'),
  'show-source': () => pressFieldButton('.locate-btn'),
  undo: (s) => void s.undo(),
  redo: (s) => void s.redo(),
  'next-field': () => moveField(1),
  'previous-field': () => moveField(-1),
  'next-item': () => moveItem(1),
  'previous-item': () => moveItem(-1),
  'next-case': (s) => void s.goToNeighbor('next'),
  'previous-case': (s) => void s.goToNeighbor('previous'),
  'next-unreviewed': (s) => void s.nextUnreviewed(),
  'focus-list': (s) => {
    if (s.listFolded()) s.toggleList(false);
    // The list may have just been shown: focus it once it is drawn.
    requestAnimationFrame(() => focusPane('list'));
  },
  'focus-letter': () => focusPane('letter'),
  'focus-fields': () => focusPane('fields'),
  'next-pane': (_s, e) => cyclePane(e.shiftKey ? -1 : 1),
  search: (s) => {
    // The list folded beside an open case (by the reviewer, or by the open history at this width) has its search
    // box hidden: show the list as Ctrl+L does (closing the history where both leave the letter unreadable), then
    // focus the box once drawn. Elsewhere without a search box (Analytics) the key stays the browser's.
    if (s.view === 'cases' && s.listFolded()) {
      s.toggleList(false);
      requestAnimationFrame(focusSearch);
      return;
    }
    if (!focusSearch()) return false;
  },
  'toggle-list': (s) => s.toggleList(),
  'toggle-history': (s) => {
    if (s.current.id === null) return false;
    s.toggleHistory();
  },
  help: (s) => s.setDialog('shortcuts'),
  export: (s) => s.setDialog('export'),
  import: () => void chooseAndImport('files'),
  integrity: (s) => s.setDialog('integrity'),
};

/** Focuses the case list's search box with its text selected; false when it is not drawn. */
function focusSearch(): boolean {
  const search = document.getElementById('case-search') as HTMLInputElement | null;
  if (!search) return false;
  search.focus();
  search.select();
  return true;
}

function setStatus(state: AppState, status: ReviewStatus): boolean {
  if (state.current.id === null) return false;
  void state.setStatus(status);
  return true;
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const state = useApp.getState();
      // Any open modal (dialogs, prompts) owns the keyboard.
      if (state.dialog || document.querySelector('[aria-modal="true"]')) return;
      const id = matchShortcut(event, 'global', isTyping(event.target));
      if (id === null || !(id in ACTIONS)) return;
      if (ACTIONS[id as GlobalId](state, event) === false) return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
