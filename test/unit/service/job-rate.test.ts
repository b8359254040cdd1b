import { describe, expect, it } from 'vitest';
import { RATE_WINDOW_MS, RateEstimator } from '../../../backend/service/job-rate';

describe('RateEstimator', () => {
  it('gives no time left before two steps, then the recent pace, not the start-up', () => {
    // 45 files: nothing for 12 s (workers start, a long first PDF), then 10 files a second.
    const pace = new RateEstimator(0);
    expect(pace.estimate(0, 45, 12_000)).toEqual({ rate: 0, etaSeconds: null });
    pace.observe(2, 12_100);
    expect(pace.estimate(2, 45, 12_100).etaSeconds).toBeNull();
    let eta: number | null = null;
    const etas: number[] = [];
    for (let done = 3; done <= 44; done++) {
      const at = 12_100 + (done - 2) * 100;
      pace.observe(done, at);
      eta = pace.estimate(done, 45, at).etaSeconds;
      etas.push(eta!);
    }
    // The pace since the start would say (45 − 44) / (44 / 16.3 s) ≈ 1 s only at the very end and minutes early on;
    // the recent pace says what is left: one file at 10 a second.
    expect(pace.estimate(44, 45, 16_300).rate).toBeCloseTo(10, 5);
    expect(eta).toBe(1);
    expect(etas[0]).toBe(5); // 42 left at 10/s, right from the second step
    // It settles: never rises while the pace holds.
    for (let i = 1; i < etas.length; i++) expect(etas[i]).toBeLessThanOrEqual(etas[i - 1]!);
  });

  it('says 0 left at the last item, and slows the pace shown during a stall', () => {
    const pace = new RateEstimator(0);
    pace.observe(1, 1000);
    pace.observe(2, 2000);
    expect(pace.estimate(2, 2, 2000)).toEqual({ rate: 1, etaSeconds: 0 });
    const stalled = new RateEstimator(0);
    stalled.observe(1, 1000);
    stalled.observe(2, 2000);
    expect(stalled.estimate(2, 10, 2000).etaSeconds).toBe(8);
    expect(stalled.estimate(2, 10, 3000).etaSeconds).toBe(16);
  });

  it('forgets steps older than the window', () => {
    const pace = new RateEstimator(0);
    pace.observe(1, 0 + 1);
    pace.observe(100, 1000); // a burst long ago
    for (let done = 101; done <= 110; done++) pace.observe(done, 1000 + RATE_WINDOW_MS + (done - 100) * 1000);
    // 10 steps over the last 10 s: 1 a second, not the burst's average.
    expect(pace.estimate(110, 120, 1000 + RATE_WINDOW_MS + 10_000).rate).toBeCloseTo(1, 1);
  });
});
