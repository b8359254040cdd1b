/**
 * The reviewer's queue: the case list as filtered, searched and sorted is the
 * order every "next" action follows (next / previous case, next unreviewed,
 * Reviewed → next), so a reviewer working through a search never lands on a
 * case outside it. The backend finds the neighbour (cases.neighbor) with the
 * list's own query, so the list and the queue cannot disagree. Also: status
 * changes, for the open case and for the list's selection.
 */
import type { StateCreator } from 'zustand';
import type { ReviewStatus } from '../../../shared/domain/case';
import { reviewStatusLabel } from '../../../shared/domain/fields';
import { errorMessage } from '../api/bridge';
import { reviewerOf } from './corrections';
import type { AppState } from './create';
import type { StoreDeps } from './deps';

export interface QueueSlice {
  /**
   * Row of the list the last queue move opened, so the list moves its cursor
   * there and scrolls to it (`seq` changes on every move).
   */
  revealRow: { index: number; seq: number } | null;
  /**
   * Opens the case after (or before) the open one in the list; `status`: only
   * cases with that status, going round from the other end when none follow.
   * False (with a notice) when there is none.
   */
  goToNeighbor(step: 'next' | 'previous', status?: ReviewStatus): Promise<boolean>;
  /** The next case in the list with status New. */
  nextUnreviewed(): Promise<boolean>;
  /** Marks the open case Reviewed (when it is not) and opens the next case in the list with status New. */
  reviewedAndNext(): Promise<void>;
  /** Sets the open case's review status (nothing when it already has it). */
  setStatus(status: ReviewStatus): Promise<boolean>;
  /** Sets the status of every selected case in the list. */
  setStatusOfSelected(status: ReviewStatus): Promise<void>;
}

/**
 * What the reviewer is told when the queue has nothing more in that direction. `fromCase`: the search started from
 * an open case; without one (the list view, an empty workspace) there is no "other" case and no "last" one.
 */
export function endOfQueue(
  step: 'next' | 'previous',
  status: ReviewStatus | undefined,
  filtered: boolean,
  fromCase = true,
): string {
  const where = filtered ? 'in this list (search and filters)' : 'in the list';
  if (status) return `No ${fromCase ? 'other ' : ''}case with status ${reviewStatusLabel(status)} ${where}.`;
  if (!fromCase) return `No case ${where}.`;
  return step === 'next' ? `This is the last case ${where}.` : `This is the first case ${where}.`;
}

export const createQueueSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], QueueSlice> =>
  (set, get) => {
    let seq = 0;
    return {
      revealRow: null,
      async goToNeighbor(step, status) {
        const { list, current } = get();
        try {
          const found = await deps.call('cases.neighbor', {
            filter: list.filter,
            sort: list.sort,
            direction: list.direction,
            step,
            ...(current.id !== null ? { from: current.id } : {}),
            ...(status ? { status, wrap: true } : {}),
          });
          if (!found) {
            get().notify('info', endOfQueue(step, status, Object.keys(list.filter).length > 0, current.id !== null));
            return false;
          }
          set({ selectedIds: [found.caseId], revealRow: { index: found.index, seq: ++seq } });
          await get().openCase(found.caseId);
          return true;
        } catch (error) {
          get().notify('error', errorMessage(error));
          return false;
        }
      },
      nextUnreviewed: () => get().goToNeighbor('next', 'new'),
      async reviewedAndNext() {
        const { id, detail } = get().current;
        if (id === null) {
          await get().nextUnreviewed();
          return;
        }
        // A case still opening is not passed over unmarked (a quick second Ctrl+Enter skipped it).
        if (!detail) {
          get().notify('info', 'The case is still opening: mark it when its fields show.');
          return;
        }
        if (await get().setStatus('reviewed')) await get().nextUnreviewed();
      },
      async setStatus(status) {
        const detail = get().current.detail;
        if (!detail) return false;
        if (detail.status === status) return true;
        return get().applyChange({ type: 'set-status', status });
      },
      async setStatusOfSelected(status) {
        const caseIds = get().selectedIds;
        if (caseIds.length === 0) return;
        const reviewer = reviewerOf(get().settings);
        if (!reviewer) {
          get().notify('error', 'Set your reviewer name in Settings before changing statuses.');
          get().setDialog('settings');
          return;
        }
        try {
          const { changed, unchanged } = await deps.call('cases.setStatus', { caseIds, status, reviewer });
          const label = reviewStatusLabel(status);
          get().notify(
            'success',
            `${changed} ${changed === 1 ? 'case' : 'cases'} marked ${label}` +
              (unchanged ? ` (${unchanged} already ${unchanged === 1 ? 'was' : 'were'}).` : '.'),
          );
          get().refreshList();
          void get().refreshStats();
          const open = get().current.id;
          if (open !== null && caseIds.includes(open)) {
            await get().reloadCase();
            set((s) => ({ historyVersion: s.historyVersion + 1 }));
          }
        } catch (error) {
          get().notify('error', `Statuses not changed: ${errorMessage(error)}`);
        }
      },
    };
  };
