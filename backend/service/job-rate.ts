/**
 * A job's rate and time left, as the progress bar shows them (issue 15).
 *
 * The rate since the job started counts its start-up (workers starting, the
 * first long PDF holding back the in-order writer) as if it were the pace of
 * every file: 2 files after 13 s of an import that then does 43 in 4 s said
 * "about 4 min 28 s left". So the pace is measured over the recent progress
 * only — from the oldest progress step within the last WINDOW_MS (or the step
 * just before the window when it holds one) to the newest — and no time left
 * is given until two steps have been seen. With the last item done, the time
 * left is 0.
 */

/** How far back the pace is measured, in ms: long enough to smooth a slow file, short enough to follow a change. */
export const RATE_WINDOW_MS = 5000;

interface Step {
  /** ms, from the job's clock. */
  at: number;
  done: number;
}

export interface RateEstimate {
  /** Items per second (recent pace; the pace since the start until there are two steps). */
  rate: number;
  /** Seconds left at that pace; null until it can be estimated (or when nothing is left to estimate). */
  etaSeconds: number | null;
}

export class RateEstimator {
  private steps: Step[] = [];

  /** `startedAt`: when the job started, ms on the same clock as `observe`. */
  constructor(private readonly startedAt: number) {}

  /** Records progress: `done` items finished at time `at` (ms). Only changes of `done` are steps. */
  observe(done: number, at: number): void {
    const last = this.steps.at(-1);
    if (done <= 0 || (last && last.done === done)) return;
    this.steps.push({ at, done });
    // Keep the newest step at or before the window's start as the anchor, and the ones inside it.
    const from = at - RATE_WINDOW_MS;
    while (this.steps.length > 2 && this.steps[1]!.at <= from) this.steps.shift();
  }

  /** The estimate at time `now` (ms) for `done` of `total` items. */
  estimate(done: number, total: number, now: number): RateEstimate {
    const overall = now > this.startedAt ? (done / (now - this.startedAt)) * 1000 : 0;
    const first = this.steps[0];
    const last = this.steps.at(-1);
    if (!first || !last || first === last || last.at <= first.at) {
      return { rate: overall, etaSeconds: done >= total && total > 0 ? 0 : null };
    }
    // Time since the newest step counts too: a stall slows the pace shown instead of freezing it.
    const rate = ((last.done - first.done) / (Math.max(now, last.at) - first.at)) * 1000;
    const remaining = Math.max(0, total - done);
    if (remaining === 0) return { rate, etaSeconds: 0 };
    return { rate, etaSeconds: rate > 0 ? Math.ceil(remaining / rate) : null };
  }
}
