/**
 * Worker thread for `imr verify`: reads and checks one range of cases
 * (verify-content.ts) on its own read-only connection, in one read
 * transaction, and posts what it finds back as it goes. One task per worker, then it ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../store/database';
import { checkContent, type ContentRange, type ContentReadings, type ContentResult } from './verify-content';
import { errorText } from '../../shared/api/error-text';

export interface VerifyTask {
  dbPath: string;
  range: ContentRange;
  /** Readings between two hand-overs (tests set it low); HAND_OVER_EVERY when absent. */
  handOverEvery?: number;
}

/** Readings as they accumulate (`readings`), then the rest with the outcome (`ok`). */
export type VerifyWorkerMessage =
  { readings: ContentReadings } | { ok: true; result: ContentResult } | { ok: false; message: string };

if (!parentPort) throw new Error('verify-worker must run in a worker thread');
const port = parentPort;
const task = workerData as VerifyTask;

try {
  const db = openDatabase(task.dbPath, { readonly: true });
  try {
    db.exec('BEGIN');
    // Readings are posted as they come, so this thread's heap stays small (see HAND_OVER_EVERY).
    const result = checkContent(
      db,
      task.range,
      (readings) => port.postMessage({ readings } satisfies VerifyWorkerMessage),
      task.handOverEvery,
    );
    port.postMessage({ ok: true, result } satisfies VerifyWorkerMessage);
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
