/**
 * The app's integrity check (`audit.verify.start`): `verifyWorkspace` as a job, on a worker thread
 * (audit-worker.ts) so that the calls keep being answered while it runs.
 *
 * Why a thread: verify hashes the letters on worker threads of its own, but it checks the database (quick_check,
 * or integrity_check with `full`) and walks the chain on the thread that called it — at 100,000 cases that is
 * seconds to tens of seconds during which the browser host or the desktop app's backend answered nothing (not
 * even the case list). Why a job: a call answers within LIMITS.callTimeoutMs (60 s) and verify of a large
 * workspace takes longer; a job shows as running, can be cancelled (the thread is stopped) and ends with its
 * report in the job's event. An in-memory workspace (tests) has no file for a thread to open: verified here.
 */
import type { Worker } from 'node:worker_threads';
import type { AuditCheckpoint, VerifyJobResult, VerifyReport } from '../../shared/api/contract';
import { verifyWorkspace } from '../audit';
import { startWorker, workerFiles } from '../runtime/worker-files';
import type { AuditTask, AuditWorkerMessage } from './audit-worker';
import type { ServiceContext } from './context';

const auditWorkerFiles = workerFiles(new URL('./audit-worker.ts', import.meta.url));

/** An error from the thread, as the job runner describes it (describeStoreFailure reads the SQLite code). */
class WorkerError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** Runs verify on a thread of its own; rejects with the thread's error, or when `signal` stops it. */
function verifyOnThread(task: AuditTask, signal: AbortSignal): Promise<VerifyReport> {
  return new Promise<VerifyReport>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = startWorker(auditWorkerFiles, { workerData: task });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', stop);
      fn();
    };
    const stop = () => {
      settle(() => reject(new Error('The integrity check was cancelled.')));
      void worker.terminate();
    };
    signal.addEventListener('abort', stop, { once: true });
    worker.once('message', (message: AuditWorkerMessage) =>
      settle(() =>
        message.ok ? resolve(message.report) : reject(new WorkerError(message.message, message.code ?? undefined)),
      ),
    );
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`The integrity check stopped unexpectedly (exit code ${code}).`))),
    );
  });
}

/**
 * Starts the check as a job and returns its id; the job ends with the report and, when it is OK, a checkpoint
 * of the head it verified (`checkpointOf`, the one `audit.checkpoint` makes).
 */
export function startVerifyJob(
  ctx: ServiceContext,
  options: { full: boolean; against?: AuditCheckpoint },
  checkpointOf: (report: VerifyReport) => AuditCheckpoint | null,
): { jobId: string } {
  return ctx.jobs.start('verify', async (progress): Promise<VerifyJobResult> => {
    const report = ctx.db.memory
      ? await verifyWorkspace(ctx.db, ctx.dbPath, {
          ...(options.full ? { full: true } : {}),
          ...(options.against ? { against: options.against } : {}),
        })
      : await verifyOnThread({ dbPath: ctx.dbPath, ...options }, progress.signal);
    return { report, checkpoint: checkpointOf(report) };
  });
}
