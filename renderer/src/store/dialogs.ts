/**
 * Dialogs and notices: which dialog is open (one at a time) and the short
 * messages in the corner.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './create';
import type { StoreDeps } from './deps';

export type Dialog = 'export' | 'settings' | 'import-report' | 'shortcuts' | 'integrity' | null;

export interface Notice {
  id: number;
  kind: 'error' | 'info' | 'success';
  text: string;
}

/** How many notices stay on screen; older ones go first. */
export const MAX_NOTICES = 5;
/** Errors stay until dismissed; other notices fade after this long. */
export const NOTICE_MS = 5000;

export interface DialogsSlice {
  dialog: Dialog;
  notices: Notice[];
  notify(kind: Notice['kind'], text: string): void;
  dismissNotice(id: number): void;
  setDialog(dialog: Dialog): void;
}

/** The notices after adding one: the newest last, at most MAX_NOTICES. */
export function withNotice(notices: readonly Notice[], notice: Notice): Notice[] {
  return [...notices.slice(-(MAX_NOTICES - 1)), notice];
}

export const createDialogsSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], DialogsSlice> =>
  (set, get) => {
    let noticeSeq = 0;
    return {
      dialog: null,
      notices: [],
      notify(kind, text) {
        const id = ++noticeSeq;
        set((s) => ({ notices: withNotice(s.notices, { id, kind, text }) }));
        if (kind !== 'error') deps.later(() => get().dismissNotice(id), NOTICE_MS);
      },
      dismissNotice(id) {
        set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
      },
      setDialog(dialog) {
        set({ dialog });
      },
    };
  };
