import { randomUUID } from 'node:crypto';
import type { JobEvent, JobEventOf, JobKind, JobResult, JobResults } from '../../shared/domain/case';
import { describeStoreFailure } from '../store/errors';
import { RateEstimator } from './job-rate';
import { errorText } from '../../shared/api/error-text';

export interface JobProgress {
  /** Report progress; cheap to call per item (events are throttled). */
  update(done: number, total: number, current: string | null): void;
  readonly signal: AbortSignal;
}

export type JobBody<T> = (progress: JobProgress) => Promise<T>;

const EMIT_INTERVAL_MS = 100;

/**
 * Runs long operations (import, export, reparse) in the background of the
 * service, streams throttled progress events and lets any host cancel them.
 */
export class JobRunner {
  private readonly running = new Map<string, AbortController>();
  private readonly finished = new Map<string, Promise<JobResult>>();

  constructor(private readonly emit: (event: JobEvent) => void) {}

  private emitOf<K extends JobKind>(event: JobEventOf<K>): void {
    // JobEventOf<K> for one K is a member of the JobEvent union; TypeScript cannot see that for a generic K.
    this.emit(event as unknown as JobEvent);
  }

  /** Starts a job of `kind`; its body must produce that kind's result (JobResults), which its events carry. */
  start<K extends JobKind>(kind: K, body: JobBody<JobResults[K]>): { jobId: string; done: Promise<JobResults[K]> } {
    const jobId = randomUUID();
    const controller = new AbortController();
    this.running.set(jobId, controller);
    const startedAt = Date.now();
    let lastEmit = 0;
    let state = { done: 0, total: 0, current: null as string | null };

    const pace = new RateEstimator(startedAt);

    const event = (phase: JobEvent['phase'], extra: Pick<JobEventOf<K>, 'result' | 'error'> = {}): JobEventOf<K> => {
      const { rate, etaSeconds } = pace.estimate(state.done, state.total, Date.now());
      return {
        type: 'job',
        jobId,
        kind,
        phase,
        done: state.done,
        total: state.total,
        current: state.current,
        rate: Math.round(rate * 10) / 10,
        etaSeconds: phase === 'running' ? etaSeconds : null,
        ...extra,
      };
    };

    const progress: JobProgress = {
      signal: controller.signal,
      update: (done, total, current) => {
        // The first item finished is always told, whatever the throttle: the bar moves as soon as one letter is in.
        const first = state.done === 0 && done > 0;
        state = { done, total, current };
        const now = Date.now();
        pace.observe(done, now);
        if (now - lastEmit >= EMIT_INTERVAL_MS || done === total || first) {
          lastEmit = now;
          this.emitOf(event('running'));
        }
      },
    };

    const done = (async () => {
      // Yield once so the caller receives the job id before the first event.
      await new Promise((resolve) => setImmediate(resolve));
      this.emitOf(event('running'));
      try {
        const result = await body(progress);
        this.emitOf(event(controller.signal.aborted ? 'cancelled' : 'done', { result }));
        return result;
      } catch (err) {
        const message = describeStoreFailure(err) ?? errorText(err);
        this.emitOf(event(controller.signal.aborted ? 'cancelled' : 'failed', { error: message }));
        throw err;
      } finally {
        this.running.delete(jobId);
      }
    })();
    // Jobs report failure through events; an unobserved rejection must not crash the host.
    done.catch(() => undefined);
    this.finished.set(jobId, done);
    return { jobId, done };
  }

  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  /** Resolves with the job's result when it ends (tests and the CLI wait on this); rejects when it fails. */
  wait(jobId: string): Promise<JobResult> | undefined {
    return this.finished.get(jobId);
  }

  cancelAll(): void {
    for (const c of this.running.values()) c.abort();
  }
}
