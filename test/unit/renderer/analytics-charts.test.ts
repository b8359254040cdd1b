/**
 * The charts place the backend's figures and nothing else: every clickable
 * mark names its figure (with n and interval) and opens exactly the filter
 * conditions of its group.
 */
import { describe, expect, it } from 'vitest';
import {
  barLabel,
  categoryHeatMap,
  monthTrend,
  rateBars,
  turnaroundBars,
} from '../../../renderer/src/analytics/charts';
import {
  wilsonInterval,
  type StatsBreakdown,
  type StatsGroup,
  type TurnaroundStats,
} from '../../../shared/domain/analytics';

function group(value: string | null, label: string, upheld: number, overturned: number, undecided = 0): StatsGroup {
  const decided = upheld + overturned;
  return {
    value,
    label,
    items: decided + undecided,
    cases: decided + undecided,
    upheld,
    overturned,
    undecided,
    upheldRate: wilsonInterval(upheld, decided),
    overturnedRate: wilsonInterval(overturned, decided),
    modified: wilsonInterval(0, decided + undecided),
  };
}

const breakdown = (dimension: StatsBreakdown['dimension'], groups: StatsGroup[]): StatsBreakdown => ({
  dimension,
  label: dimension,
  note: null,
  groups,
  omitted: { groups: 0, items: 0 },
});

describe('analytics charts', () => {
  const categories = breakdown('category', [
    group('physical therapy', 'physical therapy', 9, 3),
    group('DME', 'DME', 1, 1, 2),
  ]);

  it('a bar per group and decision, labelled with its rate, interval and n, opening group + decision', () => {
    const { targets } = rateBars(categories, 800);
    const label = barLabel('physical therapy', 'Upheld', wilsonInterval(9, 12));
    expect(label).toBe('physical therapy · Upheld: 75.0% (95% CI 46.8%–91.1%, n = 12)'); // Wilson 9 of 12: 0.468–0.911 (hand-computed)
    expect(label).toContain('n = 12)');
    expect(targets.get(label)).toEqual({ category: 'physical therapy', decision: 'Upheld' });
    expect([...targets.values()]).toContainEqual({ category: 'DME', decision: 'Overturned' });
    expect(targets.size).toBe(4);
  });

  it("a bar's rate and a heat-map cell's rate have the digits of their interval, as the label and the cards", () => {
    // The text each mark writes (Observable Plot keeps a mark's channels as given).
    type TextMark = { data: unknown[]; channels: { text?: { value: (row: unknown) => string } } };
    const texts = (marks: unknown) =>
      (marks as TextMark[]).flatMap((m) => (m.channels.text ? m.data.map((row) => m.channels.text!.value(row)) : []));
    // Wilson 9 of 12: 46.8%–91.1%; 3 of 12: 8.9%–53.2%; 1 of 2: 9.5%–90.5% — each with a bound near an end.
    expect(texts(rateBars(categories, 800).options.marks)).toEqual([
      'U 75.0% · n 12',
      'O 25.0% · n 12',
      'U 50.0% · n 2',
      'O 50.0% · n 2',
    ]);
    expect(texts(categoryHeatMap(categories, 800).options.marks)).toEqual([
      '9 · 75.0%',
      '3 · 25.0%',
      '0',
      '1 · 50.0%',
      '1 · 50.0%',
      '2',
    ]);
  });

  it('the none-group opens the cases without a value (null), as the filter takes it', () => {
    const regions = breakdown('bodyRegion', [group(null, 'no region named', 2, 0)]);
    expect([...rateBars(regions, 800).targets.values()]).toContainEqual({ bodyRegion: null, decision: 'Upheld' });
  });

  it('heat map cells open category + decision, "No decision" included; empty cells open nothing', () => {
    const { targets } = categoryHeatMap(categories, 800);
    expect([...targets.values()]).toContainEqual({ category: 'DME', decision: null });
    expect([...targets.values()]).not.toContainEqual({ category: 'physical therapy', decision: null });
  });

  it('the trend has a point per dated month (the undated group is left off the time axis)', () => {
    const months = breakdown('month', [group('2016-03', '2016-03', 1, 1), group(null, 'no decision date', 1, 0)]);
    expect([...monthTrend(months, 800).targets.values()]).toEqual([{ month: '2016-03' }]);
  });

  it('turnaround bars open their day range; open-ended bins have one bound', () => {
    const turnaround = {
      bins: [
        { label: 'before the application (check the dates)', min: null, max: -1, cases: 1 },
        { label: '8–14 days', min: 8, max: 14, cases: 3 },
        { label: 'over 180 days', min: 181, max: null, cases: 0 },
      ],
    } as TurnaroundStats;
    expect([...turnaroundBars(turnaround, 800).targets.values()]).toEqual([
      { turnaround: { max: -1 } },
      { turnaround: { min: 8, max: 14 } },
    ]);
  });
});
