// Entry of worker threads when running from source (tsx, vitest); plain
// JavaScript on purpose. The built app (scripts/build.mjs) starts its compiled
// workers directly and never loads this file.
//
// Worker threads do not reliably inherit a TypeScript loader: under the `tsx`
// CLI they do (its hooks come through execArgv), under `node --import tsx` on
// Node 20 and under vitest they do not. So the worker starts here, tries the
// real entry, and only if Node cannot load a .ts file registers tsx in this
// thread and loads it again. Registering only when needed matters: a second
// tsx registration works but costs ~100 MB per worker.
import { workerData } from 'node:worker_threads';

const entry = workerData?.imrWorkerEntry;
if (typeof entry !== 'string') throw new Error('worker-bootstrap: workerData.imrWorkerEntry (module URL) is required');

try {
  await import(entry);
} catch (err) {
  const isTypeScript = /\.[cm]?ts$/.test(new URL(entry).pathname);
  if (!isTypeScript || err?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw err;
  const { register } = await import('tsx/esm/api');
  register();
  // A new URL: the failed attempt stays cached under the old one.
  const retry = new URL(entry);
  retry.searchParams.set('tsx', '1');
  await import(retry.href);
}
