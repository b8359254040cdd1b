import type { JobResults } from '../../../shared/domain/case';
import type { HandlerGroup, ServiceContext } from '../context';
import { invalid, notAvailable } from '../errors';
import type { JobProgress } from '../jobs';
import { importInMemoryFiles, importPaths, reparseAll, type InMemoryFile } from '../../import';
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

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeDroppedFiles(files: { name: string; base64: string }[]): InMemoryFile[] {
  return files.map((file) => {
    const compact = file.base64.replace(/\s/g, '');
    if (!BASE64.test(compact)) throw invalid(`${file.name}: the file contents are not valid base64`);
    return { name: file.name, bytes: Buffer.from(compact, 'base64') };
  });
}

export const importHandlers: HandlerGroup<
  'import.paths' | 'import.files' | 'import.samples' | 'import.lastReport' | 'reparse.start' | 'jobs.cancel'
> = {
  'import.paths': (args, ctx) =>
    startWriteJob(ctx, 'import', (progress) => importPaths(ctx.db, args.paths, { progress })),
  'import.files': (args, ctx) => {
    const files = decodeDroppedFiles(args.files);
    return startWriteJob(ctx, 'import', (progress) => importInMemoryFiles(ctx.db, files, { progress }));
  },
  'import.samples': (_args, ctx) => {
    const samplesDir = ctx.samplesDir;
    if (!samplesDir) throw notAvailable('The bundled sample letters');
    return startWriteJob(ctx, 'import', (progress) => importPaths(ctx.db, [samplesDir], { progress }, 'samples'));
  },
  'import.lastReport': (_args, ctx) => {
    const runId = lastImportRunId(ctx.db);
    return runId === null ? null : getImportSummary(ctx.db, runId);
  },
  'reparse.start': (_args, ctx) => startWriteJob(ctx, 'reparse', (progress) => reparseAll(ctx.db, { progress })),
  'jobs.cancel': (args, ctx) => ({ cancelled: ctx.jobs.cancel(args.jobId) }),
};
