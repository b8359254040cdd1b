/**
 * Worker thread for the app's integrity check (verify-job.ts): runs the whole of `verifyWorkspace` on a
 * read-only connection of its own, so the service's thread — which answers every other call — is never held up
 * by verify's checks on the main thread (SQLite's quick_check, the chain walk: seconds at 100,000 cases).
 * Posts one message: the report, or the error as the service's job runner describes errors (its SQLite code
 * kept). One task per worker, then it ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../store/database';
import { verifyWorkspace } from '../audit';
import type { AuditCheckpoint, VerifyReport } from '../../shared/api/contract';
import { errorText } from '../../shared/api/error-text';

export interface AuditTask {
  dbPath: string;
  full: boolean;
  against?: AuditCheckpoint;
}

export type AuditWorkerMessage =
  { ok: true; report: VerifyReport } | { ok: false; message: string; code: string | null; name: string };

if (!parentPort) throw new Error('audit-worker must run in a worker thread');
const port = parentPort;
const task = workerData as AuditTask;

// Not top-level await: the desktop app's build of this file is CommonJS.
void (async () => {
  try {
    const db = openDatabase(task.dbPath, { readonly: true });
    try {
      const report = await verifyWorkspace(db, task.dbPath, {
        ...(task.full ? { full: true } : {}),
        ...(task.against ? { against: task.against } : {}),
      });
      port.postMessage({ ok: true, report } satisfies AuditWorkerMessage);
    } finally {
      db.close();
    }
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    port.postMessage({
      ok: false,
      message: errorText(err),
      code: typeof code === 'string' ? code : null,
      name: err instanceof Error ? err.name : 'Error',
    } satisfies AuditWorkerMessage);
  }
})();
