/**
 * The session: the workspace (app info), the reviewer's settings, the counts
 * in the toolbar, and the wiring of the host's event and menu streams to the
 * slices that act on them.
 */
import type { StateCreator } from 'zustand';
import type { AppInfo, Settings } from '../../../shared/api/contract';
import type { ChangeEvent, Stats } from '../../../shared/domain/case';
import type { MenuAction } from '../../../shared/api/bridge';
import { errorMessage } from '../api/bridge';
import { placeKey, readPlace, type Place } from './resume';
import type { AppState } from './create';
import type { StoreDeps } from './deps';

export interface SessionSlice {
  info: AppInfo | null;
  settings: Settings | null;
  stats: Stats | null;
  /** Why the workspace could not be opened; the app shows only this. */
  startupError: string | null;
  /** Connects to the host and loads the workspace (once, however often it is called). */
  init(): Promise<void>;
  refreshStats(): Promise<void>;
  saveSettings(patch: Partial<Settings>): Promise<boolean>;
  /** Applies a "something changed" event from the backend (another window, the CLI, a job). */
  onChangeEvent(event: ChangeEvent): void;
  /** Performs what the desktop menu asked. */
  onMenu(action: MenuAction): void;
  /** Remembers the open case and the list's query for this workspace (resume.ts). */
  rememberPlace(): void;
}

export const createSessionSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], SessionSlice> =>
  (set, get) => {
    let initialised = false;
    /** While the remembered case opens, what is remembered stays as it was (a failed open must not forget it). */
    let resuming = false;
    async function resumeCase(caseId: number): Promise<void> {
      resuming = true;
      try {
        set({ selectedIds: [caseId] });
        await get().openCase(caseId);
      } finally {
        resuming = false;
      }
      // A case removed since (another workspace file at the same path): start with none open, quietly.
      if (get().current.error) await get().openCase(null);
    }
    return {
      info: null,
      settings: null,
      stats: null,
      startupError: null,
      async init() {
        // Once per page: React StrictMode runs mount effects twice in development.
        if (initialised) return;
        initialised = true;
        const events = deps.events();
        events.onEvent((event) => (event.type === 'changed' ? get().onChangeEvent(event) : get().onJobEvent(event)));
        events.onMenu((action) => get().onMenu(action));
        let info: AppInfo;
        try {
          const [appInfo, settings] = await Promise.all([deps.call('app.info', {}), deps.call('settings.get', {})]);
          info = appInfo;
          set({ info, settings });
        } catch (error) {
          set({ startupError: errorMessage(error) });
          return;
        }
        // Back where the reviewer was: the same query, then the same case (if it is still there).
        const place = readPlace(deps.storage.get(placeKey(info.dbPath)));
        if (place) get().restoreQuery(place);
        void get().refreshStats();
        get().refreshList();
        if (place?.caseId) await resumeCase(place.caseId);
      },
      rememberPlace() {
        const { info, list, current } = get();
        if (!info || resuming) return;
        const place: Place = { caseId: current.id, filter: list.filter, sort: list.sort, direction: list.direction };
        deps.storage.set(placeKey(info.dbPath), JSON.stringify(place));
      },
      async refreshStats() {
        try {
          set({ stats: await deps.call('stats.get', {}) });
        } catch {
          // Stats only decorate the toolbar; the list shows real errors.
        }
      },
      async saveSettings(patch) {
        try {
          set({ settings: await deps.call('settings.set', patch) });
          return true;
        } catch (error) {
          get().notify('error', errorMessage(error));
          return false;
        }
      },
      onChangeEvent(event) {
        const state = get();
        if (event.what === 'settings') {
          deps.call('settings.get', {}).then(
            (settings) => set({ settings }),
            () => {},
          );
        } else if (event.what === 'cases') {
          state.refreshList();
          void state.refreshStats();
        } else if (event.what === 'case' && event.caseId === state.current.id && !state.busy) {
          // Someone else changed the open case (another window, the CLI); our own saves answer with the case.
          void state.reloadCase();
          set((s) => ({ historyVersion: s.historyVersion + 1 }));
        }
      },
      onMenu(action) {
        const state = get();
        switch (action.type) {
          case 'import-grant':
            void state.startImport({ kind: 'grant', grant: action.grant });
            break;
          case 'import-dialog':
            deps.page.openFilePicker();
            break;
          case 'export-dialog':
            state.setDialog('export');
            break;
          case 'settings':
            state.setDialog('settings');
            break;
          case 'integrity-dialog':
            state.setDialog('integrity');
            break;
          case 'reparse':
            deps.call('reparse.start', {}).catch((e: unknown) => state.notify('error', errorMessage(e)));
            break;
          case 'workspace-changed':
            deps.page.reload();
            break;
        }
      },
    };
  };
