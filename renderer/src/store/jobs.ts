/**
 * Long operations (import, export, reparse, the integrity check): starting them, their progress as
 * the backend streams it, and what each left behind (the import report, the
 * export's files). Job events are typed by kind (shared/domain/case.ts), so an
 * export's result is an ExportResult without a cast.
 */
import type { StateCreator } from 'zustand';
import type { ApiInput } from '../../../shared/api/contract';
import type { ExportResult, ImportSummary, JobEvent } from '../../../shared/domain/case';
import { importNotice } from '../../../shared/domain/report-text';
import { errorMessage } from '../api/bridge';
import type { AppState } from './create';
import type { StoreDeps } from './deps';

/** A finished job's bar stays this long, so it is seen reaching 100 %. */
export const FINISHED_JOB_MS = 2500;
/** During a long import the list shows new cases every this many files. */
export const IMPORT_REFRESH_EVERY = 25;

/**
 * The bundled samples, or the files behind a grant (a dialog Electron's main
 * process showed, a folder the browser host was started with). Files picked or
 * dropped are uploaded first (components/files.ts).
 */
export type ImportRequest = { kind: 'samples' } | { kind: 'grant'; grant: string };

export interface JobsSlice {
  /** Jobs running or just finished, by id. */
  jobs: Record<string, JobEvent>;
  importReport: ImportSummary | null;
  lastExport: ExportResult | null;
  startImport(request: ImportRequest): Promise<void>;
  cancelJob(jobId: string): Promise<void>;
  showImportReport(): Promise<void>;
  /** Starts an export; its job id, or null (with a notice) when it could not start. */
  startExport(options: ApiInput<'export.start'>): Promise<string | null>;
  /** Applies one job event from the backend. */
  onJobEvent(event: JobEvent): void;
}

/**
 * What the reviewer is told when an import ends without rejected letters
 * (shared/domain/report-text.ts, the words `imr import` uses too). Files that
 * are not letters (a folder's README) are left out quietly: they need nothing
 * from the reviewer, so the notice does not count them; the import report
 * lists them, folded away.
 */
export { importNotice };

const JOB_NAMES: Record<JobEvent['kind'], string> = {
  import: 'Import',
  export: 'Export',
  reparse: 'Re-parse',
  verify: 'Integrity check',
};

export const createJobsSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], JobsSlice> =>
  (set, get) => {
    /** After an import: a report with rejected letters opens; otherwise a short notice says what happened. */
    async function afterImport(cancelled: boolean): Promise<void> {
      try {
        const report = await deps.call('import.lastReport', {});
        set({ importReport: report });
        if (!report) return;
        // Rejected letters need the reviewer's eyes; skipped non-letters (a README) only a mention.
        if (report.rejected > 0) get().setDialog('import-report');
        else get().notify('success', importNotice(report, cancelled));
      } catch (error) {
        get().notify('error', errorMessage(error));
      }
    }

    return {
      jobs: {},
      importReport: null,
      lastExport: null,
      async startImport(request) {
        try {
          if (request.kind === 'samples') await deps.call('import.samples', {});
          else await deps.call('import.start', { grant: request.grant });
        } catch (error) {
          get().notify('error', `Import could not start: ${errorMessage(error)}`);
        }
      },
      async cancelJob(jobId) {
        try {
          await deps.call('jobs.cancel', { jobId });
        } catch (error) {
          get().notify('error', errorMessage(error));
        }
      },
      async showImportReport() {
        try {
          set({ importReport: await deps.call('import.lastReport', {}) });
          get().setDialog('import-report');
        } catch (error) {
          get().notify('error', errorMessage(error));
        }
      },
      async startExport(options) {
        try {
          const { jobId } = await deps.call('export.start', options);
          set({ lastExport: null });
          return jobId;
        } catch (error) {
          get().notify('error', `Export could not start: ${errorMessage(error)}`);
          return null;
        }
      },
      onJobEvent(event) {
        const before = get().jobs[event.jobId]?.done ?? 0;
        set((s) => ({ jobs: { ...s.jobs, [event.jobId]: event } }));
        if (event.phase === 'running') {
          // Progress events are throttled, so `done` skips numbers: refresh whenever it passes a multiple.
          // The list and the toolbar's counts together, so they never disagree.
          const passed = Math.floor(event.done / IMPORT_REFRESH_EVERY) > Math.floor(before / IMPORT_REFRESH_EVERY);
          if (event.kind === 'import' && passed) {
            get().refreshList();
            void get().refreshStats();
          }
          if (event.kind === 'verify') get().onIntegrityEvent(event);
          return;
        }
        if (event.kind === 'export') {
          if (event.phase === 'done') set({ lastExport: event.result ?? null });
        } else if (event.kind === 'verify') {
          // Read only: nothing to refresh. The integrity slice keeps the report and says how it ended.
          get().onIntegrityEvent(event);
        } else {
          get().refreshList();
          void get().refreshStats();
          if (event.kind === 'import') void afterImport(event.phase === 'cancelled');
        }
        if (event.phase === 'failed' && event.kind !== 'verify') {
          get().notify('error', `${JOB_NAMES[event.kind]} failed: ${event.error ?? 'unknown error'}`);
        }
        deps.later(() => {
          set((s) => {
            if (s.jobs[event.jobId]?.phase === 'running') return s;
            const { [event.jobId]: _finished, ...jobs } = s.jobs;
            return { jobs };
          });
        }, FINISHED_JOB_MS);
      },
    };
  };
