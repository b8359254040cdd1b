/**
 * Work the service does while it is idle: one slice at a time, and only when
 * no call is running and none has for QUIET_MS, so a user's calls never queue
 * behind it. Each slice runs after the event loop has taken what arrived
 * (setImmediate); a request still being read when a slice starts waits for
 * that slice only (a few ms). For reading ahead into the connection's page
 * cache (handlers/stats.ts `warmFigures`); a slice that throws (a damaged
 * page) ends it quietly: the calls report their own errors.
 *
 * Why wait for quiet: a request takes several turns of the event loop to be
 * read and answered, and a slice ran in each, so a call that came while the
 * slices ran waited for several of them (on a loaded machine, a first
 * Analytics call 170 ms of CPU took 350 ms).
 */
export interface Background {
  /** Resolves when every slice ran, or it stopped. */
  readonly done: Promise<void>;
  stop(): void;
}

/** When the service's calls last ran: slices wait for QUIET_MS without one. */
export interface Activity {
  /** Calls running now. */
  running: number;
  /** performance.now() when the last call started or ended. */
  last: number;
}

/** How long after a call the slices wait, in ms: the app's calls come in bursts (a list, its counts, a figure). */
export const QUIET_MS = 100;

export function runInBackground(slices: Iterator<void>, activity: Activity): Background {
  let stopped = false;
  let immediate: NodeJS.Immediate | undefined;
  let timer: NodeJS.Timeout | undefined;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const step = () => {
    if (stopped) return;
    const quietFor = performance.now() - activity.last;
    if (activity.running > 0 || quietFor < QUIET_MS) {
      timer = setTimeout(step, Math.max(1, QUIET_MS - quietFor));
      timer.unref();
      return;
    }
    try {
      if (slices.next().done) return end();
    } catch {
      return end();
    }
    immediate = setImmediate(step);
  };
  const end = () => {
    stopped = true;
    finish();
  };
  immediate = setImmediate(step);
  return {
    done,
    stop() {
      if (immediate) clearImmediate(immediate);
      if (timer) clearTimeout(timer);
      end();
    },
  };
}
