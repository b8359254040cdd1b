import type { JobResults } from '../../../shared/domain/case';
import { LIMITS } from '../../../shared/api/limits';
import type { HandlerGroup, ServiceContext } from '../context';
import type { PrivilegedHandlers } from '../context';
import { notAvailable } from '../errors';
import type { JobProgress } from '../jobs';
import { importPaths, importReceivedFiles, reparseAll } from '../../import';
import type { ImportSource } from '../../store/import-runs';
import { getImportSummary, lastImportRunId } from '../../store/import-runs';

/** While a long write job runs, tell views to refresh now and then, not on every file. */
const CHANGED_EVERY_MS = 2000;

function withChangeEvents(ctx: ServiceContext, progress: JobProgress): JobProgress {
  let last = Date.now();
  return {
    signal: progress.signal,
    update(done, total, current) {
      progress.update(done, total, current);
      const now = Date.now();
      if (now - last >= CHANGED_EVERY_MS) {
        last = now;
        ctx.emit({ type: 'changed', what: 'cases' });
      }
    },
  };
}

function startWriteJob<K extends 'import' | 'reparse'>(
  ctx: ServiceContext,
  kind: K,
  body: (progress: JobProgress) => Promise<JobResults[K]>,
): { jobId: string } {
  const { jobId } = ctx.jobs.start(kind, async (progress) => {
    try {
      return await body(withChangeEvents(ctx, progress));
    } finally {
      ctx.emit({ type: 'changed', what: 'cases' });
    }
  });
  return { jobId };
}

function importPathsJob(ctx: ServiceContext, paths: string[], source: ImportSource): { jobId: string } {
  return startWriteJob(ctx, 'import', (progress) => importPaths(ctx.db, paths, { progress }, source));
}

/**
 * An upload's import job: it starts when the upload opens, shows the files
 * arriving ("Receiving …"), then imports them once import.upload.finish says
 * all were sent. Cancelling it stops the upload and removes what arrived.
 */
function openUpload(ctx: ServiceContext, files: number) {
  const { uploadId, finished } = ctx.uploads.open(files);
  const { jobId } = startWriteJob(ctx, 'import', async (progress) => {
    const onAbort = () => ctx.uploads.abort(uploadId, new Error('Import cancelled'));
    progress.signal.addEventListener('abort', onAbort, { once: true });
    ctx.uploads.onReceived(uploadId, (count, name) => progress.update(count, files, `Receiving ${name}`));
    progress.update(0, files, 'Receiving files');
    try {
      const received = await finished;
      return await importReceivedFiles(ctx.db, received, { progress });
    } finally {
      progress.signal.removeEventListener('abort', onAbort);
      ctx.uploads.discard(uploadId);
    }
  });
  ctx.uploads.attachJob(uploadId, jobId);
  return {
    uploadId,
    jobId,
    maxFileBytes: LIMITS.letterFileBytes,
    maxFiles: LIMITS.uploadFiles,
    maxBytes: LIMITS.uploadBytes,
  };
}

export const importHandlers: HandlerGroup<
  | 'import.start'
  | 'import.upload.open'
  | 'import.upload.finish'
  | 'import.samples'
  | 'import.lastReport'
  | 'reparse.start'
  | 'jobs.cancel'
> = {
  'import.start': (args, ctx) => importPathsJob(ctx, ctx.grants.take(args.grant, 'import').paths, 'paths'),
  'import.upload.open': (args, ctx) => openUpload(ctx, args.files),
  'import.upload.finish': (args, ctx) => {
    const jobId = ctx.uploads.jobOf(args.uploadId);
    ctx.uploads.finish(args.uploadId, args.unsent);
    return { jobId };
  },
  'import.samples': (_args, ctx) => {
    const samplesDir = ctx.samplesDir;
    if (!samplesDir) throw notAvailable('The bundled sample letters');
    return importPathsJob(ctx, [samplesDir], 'samples');
  },
  'import.lastReport': (_args, ctx) => {
    const runId = lastImportRunId(ctx.db);
    return runId === null ? null : getImportSummary(ctx.db, runId);
  },
  'reparse.start': (_args, ctx) => startWriteJob(ctx, 'reparse', (progress) => reparseAll(ctx.db, { progress })),
  'jobs.cancel': (args, ctx) => ({ cancelled: ctx.jobs.cancel(args.jobId) }),
};

export const privilegedImportHandlers: Pick<PrivilegedHandlers, 'import.paths'> = {
  'import.paths': (args, ctx) => importPathsJob(ctx, args.paths, 'paths'),
};
