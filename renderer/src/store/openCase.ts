/**
 * The open case: its detail (values, sources, corrections) and letter, and
 * the source highlighted in the letter. Opening another case while one loads
 * drops the late answers of the first.
 */
import type { StateCreator } from 'zustand';
import type { CaseDetail, DocumentContent } from '../../../shared/domain/case';
import { errorMessage } from '../api/bridge';
import type { AppState } from './create';
import type { StoreDeps } from './deps';

export interface CaseState {
  id: number | null;
  detail: CaseDetail | null;
  content: DocumentContent | null;
  loading: boolean;
  error: string | null;
}

export interface Highlight {
  /** The field whose source it is ("decisionDate", "items[0].treatment"). */
  path: string;
  /** Offsets into the letter text, end exclusive, as the backend gave them. */
  start: number;
  end: number;
  /** Bumped on every click so re-clicking the same field scrolls again. */
  seq: number;
}

export interface OpenCaseSlice {
  current: CaseState;
  highlight: Highlight | null;
  openCase(id: number | null): Promise<void>;
  reloadCase(): Promise<void>;
  setHighlight(h: Omit<Highlight, 'seq'> | null): void;
}

export const closedCase = (): CaseState => ({ id: null, detail: null, content: null, loading: false, error: null });

/** The state while case `id` loads: what is already known of it stays on screen (a reload of the same case). */
export function loading(previous: CaseState, id: number): CaseState {
  const same = previous.id === id;
  return {
    id,
    detail: same ? previous.detail : null,
    content: same ? previous.content : null,
    loading: true,
    error: null,
  };
}

export const createOpenCaseSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], OpenCaseSlice> =>
  (set, get) => {
    let highlightSeq = 0;
    /** Sets part of the open case, only while `id` is still the case shown. */
    const ifStillOpen = (id: number, patch: Partial<CaseState>) => {
      if (get().current.id === id) set((s) => ({ current: { ...s.current, ...patch } }));
    };
    return {
      current: closedCase(),
      highlight: null,
      async openCase(id) {
        if (id === null) {
          set({ current: closedCase(), highlight: null });
          get().rememberPlace();
          return;
        }
        const previous = get().current;
        // Every open is the reviewer's (a row, Next unreviewed, N, a version link): show it, even from Analytics.
        set({ current: loading(previous, id), highlight: null, view: 'cases' });
        get().rememberPlace();
        try {
          const detail = await deps.call('cases.get', { caseId: id });
          ifStillOpen(id, { detail });
          // The letter is the same document's when a case is reopened: keep it rather than fetch it again.
          const content =
            previous.content && previous.content.documentId === detail.documentId
              ? previous.content
              : await deps.call('documents.content', { documentId: detail.documentId });
          ifStillOpen(id, { content, loading: false });
        } catch (error) {
          ifStillOpen(id, { loading: false, error: errorMessage(error) });
        }
      },
      async reloadCase() {
        const id = get().current.id;
        if (id === null) return;
        try {
          ifStillOpen(id, { detail: await deps.call('cases.get', { caseId: id }) });
        } catch (error) {
          get().notify('error', errorMessage(error));
        }
      },
      setHighlight(h) {
        set({ highlight: h ? { ...h, seq: ++highlightSeq } : null });
      },
    };
  };
