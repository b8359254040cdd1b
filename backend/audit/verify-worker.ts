/**
 * Worker thread for `imr verify`: reads and checks one range of cases
 * (verify-content.ts) on its own read-only connection, in one read
 * transaction, and posts the result back. One task per worker, then it ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../store/database';
import { checkContent, type ContentRange, type ContentResult } from './verify-content';
import { errorText } from '../../shared/api/error-text';

export interface VerifyTask {
  dbPath: string;
  range: ContentRange;
}

export type VerifyWorkerMessage = { ok: true; result: ContentResult } | { ok: false; message: string };

if (!parentPort) throw new Error('verify-worker must run in a worker thread');
const port = parentPort;
const task = workerData as VerifyTask;

try {
  const db = openDatabase(task.dbPath, { readonly: true });
  try {
    db.exec('BEGIN');
    port.postMessage({ ok: true, result: checkContent(db, task.range) } satisfies VerifyWorkerMessage);
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
    db.close();
  }
} catch (err) {
  port.postMessage({
    ok: false,
    message: errorText(err),
  } satisfies VerifyWorkerMessage);
}
