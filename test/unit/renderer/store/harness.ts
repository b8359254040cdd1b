/**
 * A store with a fake backend and a fake clock: each test says what the
 * backend answers (and when), and runs the delayed work (fading notices,
 * finished jobs) by hand.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ImrBridge, MenuAction } from '../../../../shared/api/bridge';
import type { ApiInput, ApiName, ApiOutput } from '../../../../shared/api/contract';
import type { BackendEvent, CaseDetail, CaseRow } from '../../../../shared/domain/case';
import { createAppState, type AppState } from '../../../../renderer/src/store/create';
import type { StoreDeps } from '../../../../renderer/src/store/deps';

type Handler<N extends ApiName> = (args: ApiInput<N>) => ApiOutput<N> | Promise<ApiOutput<N>>;
export type Handlers = { [N in ApiName]?: Handler<N> };

export interface Harness {
  store: StoreApi<AppState>;
  state(): AppState;
  /** Every call made, in order. */
  calls: { name: ApiName; args: unknown }[];
  callsTo(name: ApiName): unknown[];
  /** Delayed work scheduled through `later`, not yet run. */
  timers: { fn: () => void; ms: number }[];
  runTimers(): void;
  /** What the host would push: backend events and menu actions. */
  emit(event: BackendEvent): void;
  menu(action: MenuAction): void;
  page: { openFilePicker: () => void; reload: () => void; opened: number; reloaded: number };
  /** What the store remembered on "this machine" (deps.storage), by key. */
  stored: Map<string, string>;
  handlers: Handlers;
  /** The window's width the store is told (deps.viewportWidth), in CSS pixels; 1440 unless a test sets it. */
  viewport: number;
}

export function harness(handlers: Handlers = {}, stored = new Map<string, string>()): Harness {
  const calls: Harness['calls'] = [];
  const timers: Harness['timers'] = [];
  const eventListeners: ((event: BackendEvent) => void)[] = [];
  const menuListeners: ((action: MenuAction) => void)[] = [];
  const page = {
    opened: 0,
    reloaded: 0,
    openFilePicker: () => void page.opened++,
    reload: () => void page.reloaded++,
  };
  let clock = 0;
  const deps: StoreDeps = {
    async call(name, args) {
      calls.push({ name, args });
      const handler = h.handlers[name] as Handler<typeof name> | undefined;
      if (!handler) throw new Error(`no fake answer for ${name}`);
      return handler(args);
    },
    events: (): Pick<ImrBridge, 'onEvent' | 'onMenu'> => ({
      onEvent: (listener) => {
        eventListeners.push(listener);
        return () => undefined;
      },
      onMenu: (listener) => {
        menuListeners.push(listener);
        return () => undefined;
      },
    }),
    later: (fn, ms) => void timers.push({ fn, ms }),
    now: () => (clock += 10),
    page,
    storage: { get: (key) => stored.get(key) ?? null, set: (key, value) => void stored.set(key, value) },
    viewportWidth: () => h.viewport,
  };
  const store = createStore<AppState>()(createAppState(deps));
  const h: Harness = {
    store,
    state: () => store.getState(),
    calls,
    callsTo: (name) => calls.filter((c) => c.name === name).map((c) => c.args),
    timers,
    runTimers() {
      for (const timer of timers.splice(0)) timer.fn();
    },
    emit: (event) => eventListeners.forEach((l) => l(event)),
    menu: (action) => menuListeners.forEach((l) => l(action)),
    page,
    stored,
    handlers,
    viewport: 1440,
  };
  return h;
}

/** A promise the test resolves when it chooses (a slow backend answer). */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: Error): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

export function row(id: number, caseNumber = `CM16-${String(id).padStart(7, '0')}`): CaseRow {
  return {
    id,
    caseNumber,
    file: `${caseNumber}.pdf`,
    status: 'new',
    itemCount: 1,
    upheld: 1,
    overturned: 0,
    flags: [],
    format: 'imr-2016',
    decisionDate: null,
    importedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
  };
}

/** A case detail with just what the store reads. */
export function detail(id: number, documentId = id * 10): CaseDetail {
  return {
    id,
    documentId,
    status: 'new',
    corrections: [],
    verified: [],
    confirmation: { confirmed: 0, total: 13 },
    canUndo: false,
    canRedo: false,
  } as unknown as CaseDetail;
}
