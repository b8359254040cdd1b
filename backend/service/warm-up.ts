/**
 * Work the service does while no call is waiting: one slice at a time, each
 * after the event loop has taken what arrived (setImmediate), so a user's call
 * waits at most one slice (a few ms) behind it. For reading ahead into the
 * connection's page cache (handlers/stats.ts `warmFigures`); a slice that
 * throws (a damaged page) ends it quietly: the calls report their own errors.
 */
export interface Background {
  /** Resolves when every slice ran, or it stopped. */
  readonly done: Promise<void>;
  stop(): void;
}

export function runInBackground(slices: Iterator<void>): Background {
  let stopped = false;
  let timer: NodeJS.Immediate | undefined;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const step = () => {
    if (stopped) return;
    try {
      if (slices.next().done) return end();
    } catch {
      return end();
    }
    timer = setImmediate(step);
  };
  const end = () => {
    stopped = true;
    finish();
  };
  timer = setImmediate(step);
  return {
    done,
    stop() {
      if (timer) clearImmediate(timer);
      end();
    },
  };
}
