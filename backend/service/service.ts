import fs from 'node:fs';
import path from 'node:path';
import {
  apiWrites,
  isApiName,
  parseApiInput,
  unknownCall,
  type ApiName,
  type ApiOutput,
  type ApiResult,
  type AppInfo,
  type Send,
} from '../../shared/api/contract';
import { LIMITS } from '../../shared/api/limits';
import {
  isPrivilegedName,
  parsePrivilegedInput,
  privilegedWrites,
  type PrivilegedName,
  type PrivilegedOutput,
  type PrivilegedSend,
} from '../../shared/api/privileged';
import type { UploadBatchResult } from '../../shared/api/upload-frames';
import type { BackendEvent, JobResult } from '../../shared/domain/case';
import { APP_ROOT } from '../runtime/app-root';
import { userSettingsPath } from '../runtime/user-dirs';
import { openDatabase } from '../store/database';
import { WorkspaceOpenError } from '../store/errors';
import type { Handlers, PrivilegedHandlers, ServiceContext } from './context';
import { toApiError } from './errors';
import { GrantStore } from './grants';
import { JobRunner } from './jobs';
import { Outbox, type Download } from './outbox';
import { FileJournal, JOURNAL_FILE, removeJournalled } from './partial-journal';
import { PrivateDir, privateRootFor } from './private-dir';
import { SettingsStore } from './settings';
import { UploadSpool, type IncomingFile } from './uploads';
import { WriteGuard } from './write-guard';
import { appHandlers } from './handlers/app';
import { caseHandlers } from './handlers/cases';
import { importHandlers, privilegedImportHandlers } from './handlers/import';
import { correctionHandlers } from './handlers/corrections';
import { exportHandlers, privilegedExportHandlers } from './handlers/export';
import { grantHandlers } from './handlers/grants';
import { reprojectPendingCases } from '../audit/reproject';
import { statsHandlers, warmFigures } from './handlers/stats';
import { runInBackground, type Activity } from './warm-up';

export interface ServiceOptions {
  dbPath: string;
  host: AppInfo['host'];
  /** Bundled sample letters; defaults to the app's samples/ folder. */
  samplesDir?: string | null;
  /** Owner-only folder for uploads and downloads in transit; defaults to `<db>.private`. */
  privateDir?: string;
  /** Settings JSON file; defaults to settings.json in the user's data folder. null keeps settings in memory. */
  settingsPath?: string | null;
  /**
   * 'write' (default): open for writing, creating the workspace if absent; if
   * the file cannot be written here (read-only file, folder or disk, full disk,
   * damaged) it is opened for reading and every call that writes is refused
   * with the reason. 'read': open for reading only (the CLI's read commands).
   */
  access?: 'read' | 'write';
  /**
   * How long a call may take before it answers with a timeout error; default
   * LIMITS.callTimeoutMs. Infinity for none: the CLI runs one command in its own
   * process, where `imr verify` of a large workspace reads gigabytes for
   * minutes and the user stops it with Ctrl+C (a timeout would give up on an
   * answer whose work goes on).
   */
  callTimeoutMs?: number;
  /**
   * Read ahead, between calls, what the first figures read (handlers/stats.ts `warmFigures`): for the app's
   * hosts, which keep a workspace open for a session; not for a one-command CLI process. Default false.
   */
  warmUp?: boolean;
}

export interface Service {
  /** The renderer-facing API, typed. */
  send: Send;
  /**
   * The renderer-facing API for hosts that receive a name from outside: the
   * only entry Electron IPC and HTTP may use. Privileged names are unknown here.
   */
  dispatch(name: unknown, args: unknown): Promise<ApiResult<unknown>>;
  /** Calls that name paths (shared/api/privileged.ts): for the CLI and a host's own trusted side only. */
  privileged: {
    send: PrivilegedSend;
    dispatch(name: unknown, args: unknown): Promise<ApiResult<unknown>>;
  };
  /** The bytes of uploads and downloads, which travel outside the JSON calls (HTTP PUT/GET, IPC). */
  files: {
    /** Stores a batch of files of an open upload (import.upload.open); see UploadSpool.receiveBatch. */
    receive(uploadId: string, files: AsyncIterable<IncomingFile> | Iterable<IncomingFile>): Promise<UploadBatchResult>;
    /** A finished export waiting for the browser, or null. */
    download(downloadId: string): Download | null;
    /**
     * The export to send, taken so no other request gets it (Outbox.claim), or
     * null; then `downloaded` once sent in full (the file is removed), or
     * `unclaim` if the send broke off (it can be downloaded again).
     */
    claim(downloadId: string): Download | null;
    unclaim(downloadId: string): void;
    /** Call once the download was sent in full: the file is removed. */
    downloaded(downloadId: string): void;
  };
  onEvent(listener: (event: BackendEvent) => void): () => void;
  /** Resolves when a job started through this service ends. */
  waitForJob(jobId: string): Promise<JobResult | undefined>;
  readonly ctx: ServiceContext;
  /** Resolves when the reading ahead (`warmUp`) has ended, or at once without it. */
  readonly warmedUp: Promise<void>;
  close(): void;
}

export const handlers: Handlers = {
  ...appHandlers,
  ...caseHandlers,
  ...importHandlers,
  ...correctionHandlers,
  ...exportHandlers,
  ...statsHandlers,
};

export const privilegedHandlers: PrivilegedHandlers = {
  ...privilegedImportHandlers,
  ...privilegedExportHandlers,
  ...grantHandlers,
};

/**
 * Runs a handler as one call: a thrown failure becomes an error value, and an
 * answer that takes longer than `timeoutMs` a timeout error (long work runs
 * as a job and answers at once).
 */
export async function answerCall(
  run: () => unknown,
  name: string,
  timeoutMs: number = LIMITS.callTimeoutMs,
): Promise<ApiResult<unknown>> {
  const answer = (async (): Promise<ApiResult<unknown>> => {
    try {
      return { ok: true, value: await run() };
    } catch (err) {
      return { ok: false, error: toApiError(err) };
    }
  })();
  // (setTimeout would fire at once for Infinity.)
  if (!Number.isFinite(timeoutMs)) return answer;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ApiResult<never>>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          error: { code: 'timeout', message: `${name} did not answer within ${timeoutMs / 1000} s` },
        }),
      timeoutMs,
    );
    timer.unref();
  });
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

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
  const privateDir = new PrivateDir(options.privateDir ?? privateRootFor(options.dbPath));
  // A run that was killed: its uploads and downloads go, and so do the hidden
  // temporary files of exports it was writing (listed in its journal).
  privateDir.sweepStale((dir) => removeJournalled(path.join(dir, JOURNAL_FILE)));
  const ctx: ServiceContext = {
    db,
    dbPath: options.dbPath,
    host: options.host,
    samplesDir: options.samplesDir === undefined ? defaultSamplesDir() : options.samplesDir,
    writes: new WriteGuard(db, readOnly),
    privateDir,
    grants: new GrantStore(),
    uploads: new UploadSpool(() => privateDir.sub('uploads')),
    outbox: new Outbox(() => privateDir.sub('outbox')),
    partials: new FileJournal(() => path.join(privateDir.ensure(), JOURNAL_FILE)),
    jobs: new JobRunner(emit),
    settings: new SettingsStore(options.settingsPath === undefined ? userSettingsPath() : options.settingsPath),
    emit,
  };

  // Calls running and when the last one started or ended: the reading ahead keeps out of their way.
  const activity: Activity = { running: 0, last: -Infinity };
  const warming = options.warmUp ? runInBackground(warmFigures(db), activity) : null;

  /** One call: refused in a workspace that cannot be written if it writes; failures noted for the write guard. */
  function run(name: string, writes: boolean, handle: () => unknown): Promise<ApiResult<unknown>> {
    return answerCall(
      async () => {
        activity.running++;
        activity.last = performance.now();
        try {
          if (writes) ctx.writes.assertWritable();
          return await handle();
        } catch (err) {
          ctx.writes.noteFailure(err);
          throw err;
        } finally {
          activity.running--;
          activity.last = performance.now();
        }
      },
      name,
      options.callTimeoutMs,
    );
  }

  async function dispatch(name: unknown, args: unknown): Promise<ApiResult<unknown>> {
    if (!isApiName(name)) return unknownCall(name);
    const input = parseApiInput(name, args);
    if (!input.ok) return input;
    const handler = handlers[name] as (a: unknown, c: ServiceContext) => unknown;
    return run(name, apiWrites(name), () => handler(input.value, ctx));
  }

  async function dispatchPrivileged(name: unknown, args: unknown): Promise<ApiResult<unknown>> {
    if (!isPrivilegedName(name)) return unknownCall(name);
    const input = parsePrivilegedInput(name, args);
    if (!input.ok) return input;
    const handler = privilegedHandlers[name] as (a: unknown, c: ServiceContext) => unknown;
    return run(name, privilegedWrites(name), () => handler(input.value, ctx));
  }

  return {
    ctx,
    warmedUp: warming?.done ?? Promise.resolve(),
    dispatch,
    send: (<N extends ApiName>(name: N, args: unknown) =>
      dispatch(name, args) as Promise<ApiResult<ApiOutput<N>>>) as Send,
    privileged: {
      dispatch: dispatchPrivileged,
      send: (<N extends PrivilegedName>(name: N, args: unknown) =>
        dispatchPrivileged(name, args) as Promise<ApiResult<PrivilegedOutput<N>>>) as PrivilegedSend,
    },
    files: {
      receive: (uploadId, files) => ctx.uploads.receiveBatch(uploadId, files),
      download: (id) => ctx.outbox.get(id),
      claim: (id) => ctx.outbox.claim(id),
      unclaim: (id) => ctx.outbox.release(id),
      downloaded: (id) => ctx.outbox.remove(id),
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitForJob: (jobId) => ctx.jobs.wait(jobId) ?? Promise.resolve(undefined),
    close() {
      warming?.stop();
      ctx.jobs.cancelAll();
      ctx.uploads.closeAll();
      listeners.clear();
      if (db.open) db.close();
      privateDir.remove();
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
    return {
      db: openDatabase(dbPath, { readonly: true, reproject: reprojectPendingCases }),
      readOnly: 'This workspace was opened for reading only.',
    };
  }
  try {
    return { db: openDatabase(dbPath, { reproject: reprojectPendingCases }), readOnly: null };
  } catch (err) {
    if (!(err instanceof WorkspaceOpenError) || err.kind === 'busy' || !fs.existsSync(dbPath)) throw err;
    return { db: openDatabase(dbPath, { readonly: true, reproject: reprojectPendingCases }), readOnly: err.message };
  }
}
