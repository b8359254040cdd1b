/**
 * Corrections to the open case: one change at a time, each saved as an audit
 * event by the backend, which answers with the case as it now is. Undo and redo
 * are audit events too.
 */
import type { StateCreator } from 'zustand';
import type { Change, Settings } from '../../../shared/api/contract';
import { errorMessage } from '../api/bridge';
import type { AppState } from './create';
import type { StoreDeps } from './deps';

export interface CorrectionsSlice {
  /** A change is being saved (events about the open case are not reloaded meanwhile). */
  busy: boolean;
  /** Bumped after every change the history panel should show. */
  historyVersion: number;
  /**
   * Saves one change to the open case, or to case `caseId`: a change asked
   * for before a prompt (a reason, treatments) goes to the case it was asked
   * on, even if another case was opened meanwhile. False (with a notice saying
   * why) when it was not saved.
   */
  applyChange(change: Change, reason?: string, caseId?: number): Promise<boolean>;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

/** The reviewer name every correction is recorded under, or null when none is set. */
export function reviewerOf(settings: Settings | null): string | null {
  const name = settings?.reviewerName?.trim();
  return name ? name : null;
}

export const createCorrectionsSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], CorrectionsSlice> =>
  (set, get) => {
    /** After a saved change: show the case as the backend returned it, refresh what counts it. */
    const saved = (detail: AppState['current']['detail'] & object) => {
      if (get().current.id === detail.id) {
        set((s) => ({ current: { ...s.current, detail }, historyVersion: s.historyVersion + 1 }));
      }
      get().refreshList();
      void get().refreshStats();
    };

    async function undoRedo(name: 'corrections.undo' | 'corrections.redo'): Promise<void> {
      const id = get().current.id;
      if (id === null) return;
      const reviewer = reviewerOf(get().settings);
      if (!reviewer) {
        get().notify('error', 'Set your reviewer name in Settings first.');
        return;
      }
      try {
        saved(await deps.call(name, { caseId: id, reviewer }));
      } catch (error) {
        get().notify('error', errorMessage(error));
      }
    }

    return {
      busy: false,
      historyVersion: 0,
      async applyChange(change, reason, caseId) {
        const id = caseId ?? get().current.id;
        if (id === null) return false;
        const reviewer = reviewerOf(get().settings);
        if (!reviewer) {
          get().notify('error', 'Set your reviewer name in Settings before making corrections.');
          get().setDialog('settings');
          return false;
        }
        set({ busy: true });
        try {
          saved(await deps.call('corrections.apply', { caseId: id, reviewer, change, ...(reason ? { reason } : {}) }));
          return true;
        } catch (error) {
          get().notify('error', `Not saved: ${errorMessage(error)}`);
          return false;
        } finally {
          set({ busy: false });
        }
      },
      undo: () => undoRedo('corrections.undo'),
      redo: () => undoRedo('corrections.redo'),
    };
  };
