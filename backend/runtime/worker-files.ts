/**
 * Where a worker thread's code is, the same way for every worker: from source
 * (tsx, vitest) the TypeScript file, started through worker-bootstrap.mjs;
 * from the build (scripts/build.mjs) the compiled file of the same name beside
 * the running bundle — `dist/node/<name>.mjs` for the CLI and browser host,
 * `dist-electron/<name>.cjs` for the desktop app's backend process.
 *
 * A new worker needs one row in scripts/build.mjs's ENTRIES (`worker: true`,
 * output name = the source file's name) and `startWorker(workerFiles(new
 * URL('./my-worker.ts', import.meta.url)))` where it is started.
 */
import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export interface WorkerFiles {
  /** Plain-JS launcher that loads `entry` (needed for .ts entries); null to start `entry` directly. */
  bootstrap: URL | null;
  entry: URL;
}

const here = new URL(import.meta.url);

/** True when this code runs from the build output (plain JS), false from TypeScript sources. */
export const RUNNING_BUILT = !/\.[cm]?tsx?$/.test(here.pathname);

/**
 * The files to start for the worker whose source is `source` (a .ts URL next
 * to the caller). Built: `<source name><this bundle's extension>` beside this
 * module, since the build puts every entry and shared chunk in one folder.
 */
export function workerFiles(source: URL): WorkerFiles {
  if (!RUNNING_BUILT) return { bootstrap: new URL('./worker-bootstrap.mjs', here), entry: source };
  const name = path.posix.basename(source.pathname).replace(/\.[cm]?tsx?$/, '');
  return { bootstrap: null, entry: new URL(`./${name}${path.posix.extname(here.pathname)}`, here) };
}

/**
 * Starts a worker. Built workers start without the parent's execArgv, so no
 * TypeScript loader or inspector flag follows them. `workerData`, if given,
 * must be an object (the bootstrap adds the entry URL to it).
 */
export function startWorker(files: WorkerFiles, options: WorkerOptions = {}): Worker {
  if (!files.bootstrap) return new Worker(files.entry, { ...options, execArgv: [] });
  const data = (options.workerData ?? {}) as Record<string, unknown>;
  return new Worker(files.bootstrap, { ...options, workerData: { ...data, imrWorkerEntry: files.entry.href } });
}
