/**
 * The integrity check (`audit.verify.start`, a job of kind `verify`): starting it, plainly or against a
 * checkpoint file the user picked, and what it found. The report is the backend's (VerifyJobResult), kept as it
 * came; the dialog (components/IntegrityDialog.tsx) shows it. The check runs in the background of the service:
 * the app stays usable, the dialog can be closed, and a notice says how it ended if the dialog is not open.
 */
import type { StateCreator } from 'zustand';
import type { VerifyJobResult } from '../../../shared/api/contract';
import type { JobEventOf } from '../../../shared/domain/case';
import { errorMessage } from '../api/bridge';
import type { AppState } from './create';
import type { StoreDeps } from './deps';

export interface IntegrityState {
  /** The check running or last run; null before the first. */
  jobId: string | null;
  running: boolean;
  /** What the last check that finished found. */
  result: VerifyJobResult | null;
  /** How the last check was asked for: the full check, the checkpoint file compared with (its name). */
  full: boolean;
  checkpointName: string | null;
  /** Why the last check could not start or did not finish, one line (the backend's words). */
  error: string | null;
}

export interface IntegritySlice {
  integrity: IntegrityState;
  /** Starts a check; `checkpoint`: a checkpoint file's name and text to compare with. */
  startIntegrityCheck(options: { full: boolean; checkpoint?: { name: string; text: string } }): Promise<void>;
  /** Says why a check did not start, without asking the backend (a file refused before it was read). */
  integrityRefused(error: string): void;
  /** Applies a `verify` job event (jobs.ts routes them here). */
  onIntegrityEvent(event: JobEventOf<'verify'>): void;
}

const idle = (): IntegrityState => ({
  jobId: null,
  running: false,
  result: null,
  full: false,
  checkpointName: null,
  error: null,
});

export const createIntegritySlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], IntegritySlice> =>
  (set, get) => ({
    integrity: idle(),
    async startIntegrityCheck({ full, checkpoint }) {
      set({
        integrity: { ...idle(), running: true, full, checkpointName: checkpoint?.name ?? null },
      });
      try {
        const { jobId } = await deps.call('audit.verify.start', {
          ...(full ? { full: true } : {}),
          ...(checkpoint ? { checkpointFile: checkpoint.text } : {}),
        });
        // The job may have ended before its id came back (a small workspace): its event set the result already.
        set((s) => ({
          integrity: { ...s.integrity, jobId, running: s.integrity.result === null && !s.integrity.error },
        }));
      } catch (error) {
        set((s) => ({ integrity: { ...s.integrity, running: false, error: errorMessage(error) } }));
      }
    },
    integrityRefused(error) {
      set({ integrity: { ...idle(), error } });
    },
    onIntegrityEvent(event) {
      const { jobId: known, running } = get().integrity;
      // Another window's check (a second tab) is not this one's; before its id is back, the one this tab started is.
      if (known !== event.jobId && !(known === null && running)) return;
      if (event.phase === 'running') {
        set((s) => ({ integrity: { ...s.integrity, jobId: event.jobId, running: true } }));
        return;
      }
      const result = event.phase === 'done' ? (event.result ?? null) : null;
      // Cancelled: back to where it was before the check, with nothing to report.
      const error = event.phase === 'failed' ? (event.error ?? 'The check stopped without a report.') : null;
      set((s) => ({ integrity: { ...s.integrity, jobId: event.jobId, running: false, result, error } }));
      // Closed while it ran: say how it ended, and where the report is.
      if (get().dialog !== 'integrity') {
        if (result?.report.ok)
          get().notify('success', 'Integrity check: OK. The shield in the top bar (Alt+Shift+I) shows the report.');
        else if (result) {
          get().notify(
            'error',
            `Integrity check: ${result.report.problems.length} problem(s) found. The shield in the top bar (Alt+Shift+I) lists them.`,
          );
        } else if (error) get().notify('error', `Integrity check failed: ${error}`);
      }
    },
  });
