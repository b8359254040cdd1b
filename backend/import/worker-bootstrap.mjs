// Entry point of every importer worker thread (plain JavaScript on purpose).
//
// Worker threads do not reliably inherit a TypeScript loader: under `npx tsx`
// they do (tsx passes its hooks through execArgv), under vitest they do not
// (vitest transforms modules itself, in-process only), and in the packaged app
// there is no TypeScript at all. So the worker starts here, in plain JS, and
// registers tsx only when the real entry is a .ts file and the worker did not
// inherit tsx from the parent (a second registration works but costs ~100 MB
// per worker). The bundled app starts its compiled worker without this file.
import { workerData } from 'node:worker_threads';

const { entry } = workerData;
if (typeof entry !== 'string') throw new Error('worker-bootstrap: workerData.entry (module URL) is required');
const tsxInherited = process.execArgv.some((a) => a.includes('tsx'));
if (!tsxInherited && /\.[cm]?ts$/.test(new URL(entry).pathname)) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(entry);
