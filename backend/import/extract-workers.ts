/**
 * Starting extraction workers: which files (source or built), and starting
 * them early. Kept apart from the pool so a host can start workers before it
 * loads anything else (this module imports only the worker-file helpers).
 *
 * Why early: a new process spends its first ~0.3 s on one core — loading its
 * modules, SQLite, opening or creating the workspace — while the other core
 * idles; a worker then needs ~0.3 s more before its first letter comes back
 * (its own start-up, PDFium's WebAssembly compiled on first use, the parser's
 * first run). `prestartExtractWorkers` starts the workers at once and lets each
 * read a small built-in letter (extract-worker.ts, warm-up.ts), so that work
 * runs during the host's own start-up; the import's pool adopts them.
 */
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker, workerFiles, type WorkerFiles } from '../runtime/worker-files';
import type { ExtractWorkerData } from './extract-protocol';

/** The extraction worker (backend/runtime/worker-files.ts finds its source or built file). */
const DEFAULT_WORKER_FILES: WorkerFiles = workerFiles(new URL('./extract-worker.ts', import.meta.url));
let extractWorkerFiles = DEFAULT_WORKER_FILES;

/** Points new workers at other worker files (tests, other packagings); null restores the default. */
export function configureExtractWorker(files: { bootstrap?: URL | null; entry: URL } | null): void {
  extractWorkerFiles = files
    ? {
        bootstrap: files.bootstrap === undefined ? DEFAULT_WORKER_FILES.bootstrap : files.bootstrap,
        entry: files.entry,
      }
    : DEFAULT_WORKER_FILES;
  discardPrestarted();
}

/** Extraction workers a pool starts unless told otherwise: one per core, at most 4. */
export function defaultExtractWorkers(): number {
  return Math.min(4, os.availableParallelism());
}

/** A worker started ahead of its pool, and whether it has said it is ready. */
export interface StartedWorker {
  worker: Worker;
  ready: boolean;
}

let prestarted: { worker: Worker; ready: boolean; forget(): void }[] = [];

/**
 * Starts `count` extraction workers now, each warming up on a built-in letter;
 * the next pool takes them instead of starting its own. They do not keep the
 * process alive while nobody has taken them, and one that dies before is
 * simply not taken.
 */
export function prestartExtractWorkers(count = defaultExtractWorkers()): void {
  for (let i = prestarted.length; i < count; i++) {
    const worker = startWorker(extractWorkerFiles, { workerData: { warmUp: true } satisfies ExtractWorkerData });
    const entry = {
      worker,
      ready: false,
      forget: () => {
        worker.off('message', onMessage);
        worker.off('error', onGone);
        worker.off('exit', onGone);
      },
    };
    const onMessage = (message: unknown) => {
      if (typeof message === 'object' && message !== null && 'ready' in message) entry.ready = true;
    };
    const onGone = () => {
      entry.forget();
      prestarted = prestarted.filter((e) => e !== entry);
    };
    worker.on('message', onMessage);
    worker.on('error', onGone);
    worker.on('exit', onGone);
    // After the listeners: adding a 'message' listener refs the worker again.
    worker.unref();
    prestarted.push(entry);
  }
}

/** A new extraction worker: a prestarted one if any is waiting, else one started now. */
export function startExtractWorker(): StartedWorker {
  const entry = prestarted.shift();
  if (entry) {
    entry.forget();
    entry.worker.ref();
    return { worker: entry.worker, ready: entry.ready };
  }
  return { worker: startWorker(extractWorkerFiles), ready: false };
}

function discardPrestarted(): void {
  for (const entry of prestarted.splice(0)) {
    entry.forget();
    void entry.worker.terminate();
  }
}
