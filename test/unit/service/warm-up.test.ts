/**
 * The service's background slices (backend/service/warm-up.ts) keep out of
 * the calls' way: none runs while a call runs or within QUIET_MS of one, and
 * they run to the end once the service is quiet; stop() ends them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QUIET_MS, runInBackground, type Activity } from '../../../backend/service/warm-up';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'] });
});
afterEach(() => vi.useRealTimers());

function* counted(log: number[], n: number): Generator<void> {
  for (let i = 0; i < n; i++) {
    log.push(i);
    yield;
  }
}

describe('background slices', () => {
  it('wait while a call runs and for QUIET_MS after it, then run to the end', async () => {
    const log: number[] = [];
    const activity: Activity = { running: 1, last: performance.now() };
    const background = runInBackground(counted(log, 5), activity);
    await vi.advanceTimersByTimeAsync(10 * QUIET_MS);
    expect(log).toEqual([]);
    activity.running = 0;
    activity.last = performance.now();
    await vi.advanceTimersByTimeAsync(QUIET_MS / 2);
    expect(log).toEqual([]);
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    await background.done;
    expect(log).toEqual([0, 1, 2, 3, 4]);
  });

  it('stop ends them, and a slice that throws ends them quietly', async () => {
    const log: number[] = [];
    const stopped = runInBackground(counted(log, 1000), { running: 0, last: -Infinity });
    stopped.stop();
    await vi.runAllTimersAsync();
    await stopped.done;
    expect(log).toEqual([]);

    const failing = runInBackground(
      (function* () {
        log.push(1);
        yield;
        throw new Error('SQLITE_CORRUPT');
      })(),
      { running: 0, last: -Infinity },
    );
    await vi.runAllTimersAsync();
    await expect(failing.done).resolves.toBeUndefined();
    expect(log).toEqual([1]);
  });
});
