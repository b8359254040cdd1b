import { describe, expect, it } from 'vitest';
import { turnaroundOf } from '../../../backend/store/analytics';
import { turnaroundDays } from '../../../shared/domain/analytics';

/**
 * Turnaround percentiles and the mean are days to one decimal (turnaroundDays, shared/domain/analytics.ts): the
 * quartiles of whole days land on quarter days (39.75), which the view, `imr stats` and the Summary sheet printed.
 */
describe('turnaround figures', () => {
  it('are days to one decimal, half up', () => {
    expect([39.75, 30.25, 34.5, 41.5, -2.25, 7, 1 / 3].map(turnaroundDays)).toEqual([
      39.8, 30.3, 34.5, 41.5, -2.2, 7, 0.3,
    ]);
  });

  it('come out of the figures in that unit: no quarter days, no long fractions', () => {
    // Six cases as the samples have them: p25 30.5, p75 39.75, mean 34.83… before rounding.
    const counts: { days: number | null; cases: number }[] = [28, 30, 32, 36, 41, 42].map((days) => ({
      days,
      cases: 1,
    }));
    const t = turnaroundOf([...counts, { days: null, cases: 2 }]);
    expect(t).toMatchObject({
      cases: 6,
      missing: 2,
      min: 28,
      p25: 30.5,
      median: 34,
      p75: 39.8,
      p90: 41.5,
      max: 42,
      mean: 34.8,
    });
    for (const figure of [t.p25, t.median, t.p75, t.p90, t.mean]) {
      expect(figure).not.toBeNull();
      expect(turnaroundDays(figure!)).toBe(figure);
    }
  });
});
