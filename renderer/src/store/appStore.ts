/**
 * The renderer's store, bound to the real host: backend calls through the
 * bridge (Electron preload or HTTP), real timers. The state and its rules are
 * in the slices (create.ts); components read it with `useApp(selector)`.
 */
import { create } from 'zustand';
import { call, getBridge } from '../api/bridge';
import { createAppState, type AppState } from './create';

export const useApp = create<AppState>()(
  createAppState({
    call,
    events: getBridge,
    later: (fn, ms) => void setTimeout(fn, ms),
    now: () => performance.now(),
    page: {
      openFilePicker: () => document.getElementById('import-file-input')?.click(),
      reload: () => window.location.reload(),
    },
    storage: {
      get: (key) => {
        try {
          return window.localStorage.getItem(key);
        } catch {
          return null;
        }
      },
      set: (key, value) => {
        try {
          window.localStorage.setItem(key, value);
        } catch {
          // Storage full or disabled: the layout is simply not remembered.
        }
      },
    },
    viewportWidth: () => window.innerWidth,
  }),
);

export type { AppState };
export type { Dialog, Notice } from './dialogs';
export type { CaseState, Highlight } from './openCase';
export { PAGE_SIZE, type ListState, type SortKey } from './list';
export type { PaneLayout, ResizablePane } from './layout';
