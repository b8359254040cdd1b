/**
 * The renderer's state, one zustand store made of slices (in the manner of
 * Signal Desktop's ts/state/ducks): each slice owns its part of the state and
 * the actions on it, and reaches the others only through the combined store.
 *
 * | slice         | owns                                                             |
 * | ------------- | ---------------------------------------------------------------- |
 * | session.ts    | workspace info, settings, toolbar counts, host events and menu   |
 * | list.ts       | the case list's query, pages and selection                       |
 * | openCase.ts   | the open case, its letter and the highlighted source             |
 * | corrections.ts| saving changes, undo and redo                                    |
 * | jobs.ts       | imports, exports, reparses and what they left                    |
 * | integrity.ts  | the workspace integrity check and its report                     |
 * | queue.ts      | next / previous in the list's order, statuses (one or many)      |
 * | layout.ts     | pane widths, hidden panes (remembered on this machine)           |
 * | analytics.ts  | the view shown (cases / analytics), the figures for the filter    |
 * | dialogs.ts    | dialogs and notices                                              |
 *
 * `createAppState(deps)` takes the backend and the clock as arguments
 * (deps.ts); appStore.ts binds it to the real bridge, tests to fakes.
 */
import type { StateCreator } from 'zustand';
import { createAnalyticsSlice, type AnalyticsSlice } from './analytics';
import { createCorrectionsSlice, type CorrectionsSlice } from './corrections';
import type { StoreDeps } from './deps';
import { createDialogsSlice, type DialogsSlice } from './dialogs';
import { createJobsSlice, type JobsSlice } from './jobs';
import { createIntegritySlice, type IntegritySlice } from './integrity';
import { createListSlice, type ListSlice } from './list';
import { createOpenCaseSlice, type OpenCaseSlice } from './openCase';
import { createLayoutSlice, type LayoutSlice } from './layout';
import { createQueueSlice, type QueueSlice } from './queue';
import { createSessionSlice, type SessionSlice } from './session';

export type AppState = SessionSlice &
  ListSlice &
  OpenCaseSlice &
  CorrectionsSlice &
  QueueSlice &
  JobsSlice &
  IntegritySlice &
  LayoutSlice &
  AnalyticsSlice &
  DialogsSlice;

export function createAppState(deps: StoreDeps): StateCreator<AppState> {
  return (...a) => ({
    ...createSessionSlice(deps)(...a),
    ...createListSlice(deps)(...a),
    ...createOpenCaseSlice(deps)(...a),
    ...createCorrectionsSlice(deps)(...a),
    ...createQueueSlice(deps)(...a),
    ...createJobsSlice(deps)(...a),
    ...createIntegritySlice(deps)(...a),
    ...createLayoutSlice(deps)(...a),
    ...createAnalyticsSlice(deps)(...a),
    ...createDialogsSlice(deps)(...a),
  });
}
