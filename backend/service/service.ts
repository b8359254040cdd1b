import fs from 'node:fs';
import path from 'node:path';
import {
  apiWrites,
  isApiName,
  parseApiInput,
  type ApiName,
  type ApiOutput,
  type ApiResult,
  type AppInfo,
  type Send,
} from '../../shared/api/contract';
import type { BackendEvent, JobResult } from '../../shared/domain/case';
import { APP_ROOT } from '../runtime/app-root';
import { defaultExportsDir, userSettingsPath } from '../runtime/user-dirs';
import { openDatabase } from '../store/database';
import { WorkspaceOpenError } from '../store/errors';
import type { Handlers, ServiceContext } from './context';
import { toApiError } from './errors';
import { JobRunner } from './jobs';
import { SettingsStore } from './settings';
import { WriteGuard } from './write-guard';
import { appHandlers } from './handlers/app';
import { caseHandlers } from './handlers/cases';
import { importHandlers } from './handlers/import';
import { correctionHandlers } from './handlers/corrections';
import { exportHandlers } from './handlers/export';

export interface ServiceOptions {
  dbPath: string;
  host: AppInfo['host'];
  /** Bundled sample letters; defaults to the app's samples/ folder. */
  samplesDir?: string | null;
  /** Where exports go when the caller names no file; defaults to the user's Downloads folder (runtime/user-dirs.ts). */
  exportsDir?: string;
  /** Settings JSON file; defaults to settings.json in the user's data folder. null keeps settings in memory. */
  settingsPath?: string | null;
  /**
   * 'write' (default): open for writing, creating the workspace if absent; if
   * the file cannot be written here (read-only file, folder or disk, full disk,
   * damaged) it is opened for reading and every call that writes is refused
   * with the reason. 'read': open for reading only (the CLI's read commands).
   */
  access?: 'read' | 'write';
}

export interface Service {
  send: Send;
  /** Untyped entry for hosts that receive a name from outside (IPC, HTTP). */
  dispatch(name: unknown, args: unknown): Promise<ApiResult<unknown>>;
  onEvent(listener: (event: BackendEvent) => void): () => void;
  /** Resolves when a job started through this service ends. */
  waitForJob(jobId: string): Promise<JobResult | undefined>;
  readonly ctx: ServiceContext;
  close(): void;
}

export const handlers: Handlers = {
  ...appHandlers,
  ...caseHandlers,
  ...importHandlers,
  ...correctionHandlers,
  ...exportHandlers,
};

/** The sample letters shipped beside the app (samples/), or null where they are not. */
export function defaultSamplesDir(): string | null {
  const dir = path.join(APP_ROOT, 'samples');
  return fs.existsSync(dir) ? dir : null;
}

/** Opens a workspace and returns the one API every host serves. */
export function createService(options: ServiceOptions): Service {
  const { db, readOnly } = openWorkspace(options.dbPath, options.access ?? 'write');
  const listeners = new Set<(event: BackendEvent) => void>();
  const emit = (event: BackendEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener (closed socket, gone window) must not stop the others.
      }
    }
  };
  const ctx: ServiceContext = {
    db,
    dbPath: options.dbPath,
    host: options.host,
    samplesDir: options.samplesDir === undefined ? defaultSamplesDir() : options.samplesDir,
    exportsDir: options.exportsDir ?? defaultExportsDir(),
    writes: new WriteGuard(db, readOnly),
    jobs: new JobRunner(emit),
    settings: new SettingsStore(options.settingsPath === undefined ? userSettingsPath() : options.settingsPath),
    emit,
  };

  async function dispatch(name: unknown, args: unknown): Promise<ApiResult<unknown>> {
    if (!isApiName(name)) {
      // The name comes from outside: never echo more than a name's worth of it.
      const shown = typeof name === 'string' && name.length <= 64 ? name : `${String(name).slice(0, 63)}…`;
      return { ok: false, error: { code: 'invalid_input', message: `Unknown API call: ${shown}` } };
    }
    const input = parseApiInput(name, args);
    if (!input.ok) return input;
    try {
      if (apiWrites(name)) ctx.writes.assertWritable();
      const handler = handlers[name] as (a: unknown, c: ServiceContext) => unknown;
      return { ok: true, value: await handler(input.value, ctx) };
    } catch (err) {
      ctx.writes.noteFailure(err);
      return { ok: false, error: toApiError(err) };
    }
  }

  return {
    ctx,
    dispatch,
    send: (<N extends ApiName>(name: N, args: unknown) =>
      dispatch(name, args) as Promise<ApiResult<ApiOutput<N>>>) as Send,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitForJob: (jobId) => ctx.jobs.wait(jobId) ?? Promise.resolve(undefined),
    close() {
      ctx.jobs.cancelAll();
      listeners.clear();
      if (db.open) db.close();
    },
  };
}

/**
 * The workspace connection for `access`, and why writes are refused (null when
 * they are not). A workspace that cannot be opened for writing here is opened
 * for reading, so it can still be listed, verified and exported.
 */
function openWorkspace(
  dbPath: string,
  access: 'read' | 'write',
): { db: ReturnType<typeof openDatabase>; readOnly: string | null } {
  if (access === 'read') {
    return { db: openDatabase(dbPath, { readonly: true }), readOnly: 'This workspace was opened for reading only.' };
  }
  try {
    return { db: openDatabase(dbPath), readOnly: null };
  } catch (err) {
    if (!(err instanceof WorkspaceOpenError) || err.kind === 'busy' || !fs.existsSync(dbPath)) throw err;
    return { db: openDatabase(dbPath, { readonly: true }), readOnly: err.message };
  }
}
