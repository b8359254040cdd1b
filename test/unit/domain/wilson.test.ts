import { describe, expect, it } from 'vitest';
import {
  percentText,
  percentTexts,
  proportionTexts,
  rateText,
  shareText,
  STATS_COLUMNS,
  wilsonInterval,
  type StatsGroup,
} from '../../../shared/domain/analytics';

describe('wilsonInterval (95%)', () => {
  // Reference values: scipy 1.17 `binomtest(x, n).proportion_ci(method='wilson')`, the same as R's
  // binom::binom.confint(method = "wilson") — an implementation independent of this one.
  it.each([
    [0, 10, 0, 0.2775328],
    [1, 10, 0.0178762, 0.40415],
    [5, 10, 0.2365931, 0.7634069],
    [10, 10, 0.7224672, 1],
    [81, 263, 0.2552885, 0.3662096],
    [37, 45, 0.6867018, 0.9070561],
    [1, 1, 0.2065493, 1],
    [999, 1000, 0.9943574, 0.9998235],
  ])('%i of %i → [%f, %f]', (count, n, low, high) => {
    const p = wilsonInterval(count, n);
    expect(p.rate).toBeCloseTo(count / n, 12);
    expect(p.low).toBeCloseTo(low, 6);
    expect(p.high).toBeCloseTo(high, 6);
  });

  it('is symmetric: the interval of the complement is the mirror image', () => {
    const up = wilsonInterval(37, 45);
    const down = wilsonInterval(8, 45);
    expect(down.low).toBeCloseTo(1 - up.high!, 12);
    expect(down.high).toBeCloseTo(1 - up.low!, 12);
  });

  it('is wide for a small group and narrows as the group grows', () => {
    const width = (c: number, n: number) => wilsonInterval(c, n).high! - wilsonInterval(c, n).low!;
    expect(width(3, 4)).toBeGreaterThan(0.5);
    expect(width(750, 1000)).toBeLessThan(0.06);
  });

  it('has no rate or interval for an empty group', () => {
    expect(wilsonInterval(0, 0)).toEqual({ count: 0, n: 0, rate: null, low: null, high: null });
  });

  it('refuses what is not a proportion', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(0.5, 2)).toThrow(RangeError);
  });
});

describe('percentText and rateText', () => {
  it('writes shares as a person reads them, never rounding to 0% or 100%', () => {
    expect([0, 1, 0.5, 0.824, 0.042, 0.975, 0.9996, 0.0004, null].map(percentText)).toEqual([
      '0%',
      '100%',
      '50%',
      '82%',
      '4.2%',
      '97.5%',
      '>99.9%',
      '<0.1%',
      '—',
    ]);
  });

  it('gives every rate its interval and its n', () => {
    expect(rateText(wilsonInterval(37, 45))).toBe('82.2% (95% CI 68.7%–90.7%, n = 45)');
    expect(rateText(wilsonInterval(20, 40))).toBe('50% (95% CI 35%–65%, n = 40)');
    expect(rateText(wilsonInterval(0, 0))).toBe('no decided items (n = 0)');
  });
});

describe('a rate and its interval on one line', () => {
  it('are written with the same digits: imr stats printed "87% (80%–91.4%)"', () => {
    const p = { rate: 0.87, low: 0.8, high: 0.914, n: 100, count: 87 };
    expect(percentTexts([p.rate, p.low, p.high])).toEqual(['87.0%', '80.0%', '91.4%']);
    expect(percentTexts([0.5, 0.4, 0.6])).toEqual(['50%', '40%', '60%']);
    expect(percentTexts([0.03, 0, 0.12])).toEqual(['3.0%', '0%', '12.0%']);
    expect(percentTexts([null, null, null])).toEqual(['—', '—', '—']);
  });
});

describe('one precision rule for a rate, with or without its interval beside it', () => {
  it('a rate has the digits of its interval: 80 of 92 is "87.0%" on a card, a bar and in a table, never "87%"', () => {
    const p = wilsonInterval(80, 92); // 78.6%–92.4%: the high bound within 10 points of 100% gives all one decimal
    expect(percentText(p.rate)).toBe('87%'); // a bare share, alone
    expect(proportionTexts(p)).toEqual({ rate: '87.0%', low: '78.6%', high: '92.4%' });
    expect(rateText(p)).toBe('87.0% (95% CI 78.6%–92.4%, n = 92)');
    expect(proportionTexts(wilsonInterval(20, 40))).toEqual({ rate: '50%', low: '35%', high: '65%' });
    expect(proportionTexts(wilsonInterval(0, 0))).toEqual({ rate: '—', low: '—', high: '—' });
  });

  it("the table's share columns write each group's rate and bounds as proportionTexts does", () => {
    const group: StatsGroup = {
      value: 'DME',
      label: 'DME',
      items: 14,
      cases: 14,
      upheld: 9,
      overturned: 3,
      undecided: 2,
      upheldRate: wilsonInterval(9, 12),
      overturnedRate: wilsonInterval(3, 12),
      modified: wilsonInterval(1, 14),
    };
    const cells = Object.fromEntries(
      STATS_COLUMNS.flatMap((c) =>
        c.kind === 'share' ? [[c.header, shareText(c.value(group), c.proportion(group))]] : [],
      ),
    );
    expect(cells).toEqual({
      'Upheld rate': '75.0%',
      'Upheld 95% CI low': '46.8%',
      'Upheld 95% CI high': '91.1%',
      'Overturned rate': '25.0%',
      'Overturned 95% CI low': '8.9%',
      'Overturned 95% CI high': '53.2%',
      'Modified share': proportionTexts(group.modified).rate,
    });
    expect(cells['Modified share']).toBe('7.1%');
  });
});
