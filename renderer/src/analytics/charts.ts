/**
 * The Analytics charts as Observable Plot specifications, built from the
 * backend's figures (stats.analytics) and nothing else: every length, label
 * and interval is a number the backend computed; this module only places it.
 *
 * Each clickable mark carries an aria-label that names its figure in words
 * ("physical therapy · Upheld: 82% (95% CI 68–91%, n = 45)"), and each chart
 * returns, for every such label, the case-filter conditions of the cases
 * behind it: PlotFigure turns those marks into buttons that open the list.
 */
import * as Plot from '@observablehq/plot';
import type { CaseFilter } from '../../../shared/api/contract';
import {
  proportionTexts,
  rateText,
  type Proportion,
  type StatsBreakdown,
  type StatsGroup,
  type TurnaroundStats,
} from '../../../shared/domain/analytics';

/** The two decisions' colours (also in the legend); the bars' own labels say the decision, so colour is never the only cue. */
export const DECISION_COLORS = { Upheld: '#b35f00', Overturned: '#1f7a4d' } as const;

export type Conditions = Partial<CaseFilter>;

/** A chart ready to draw: Plot's options and what each clickable mark opens. */
export interface ChartSpec {
  options: Plot.PlotOptions;
  /** aria-label of a mark → the conditions of the cases behind it. */
  targets: Map<string, Conditions>;
}

/** The filter conditions selecting a group's cases: the dimension's key with the group's value (null = none). */
export function groupConditions(breakdown: StatsBreakdown, group: StatsGroup): Conditions {
  return { [breakdown.dimension]: group.value } as Conditions;
}

interface RateRow {
  key: string;
  decision: 'Upheld' | 'Overturned';
  p: Proportion;
  label: string;
}

/** "physical therapy · Upheld: 82% (95% CI 68–91%, n = 45)" */
export function barLabel(group: string, decision: string, p: Proportion): string {
  return `${group} · ${decision}: ${rateText(p)}`;
}

/**
 * Upheld and overturned rates (of the decided items) per group, each with its
 * Wilson 95% interval as a whisker and its n written at the bar's end.
 */
export function rateBars(breakdown: StatsBreakdown, width: number): ChartSpec {
  const targets = new Map<string, Conditions>();
  const rows: RateRow[] = [];
  breakdown.groups.forEach((group, i) => {
    for (const decision of ['Upheld', 'Overturned'] as const) {
      const p = decision === 'Upheld' ? group.upheldRate : group.overturnedRate;
      const label = barLabel(group.label, decision, p);
      rows.push({ key: String(i), decision, p, label });
      targets.set(label, { ...groupConditions(breakdown, group), decision });
    }
  });
  const labels = breakdown.groups.map((g) => g.label);
  const decided = rows.filter((r) => r.p.rate !== null);
  return {
    targets,
    options: {
      width,
      height: Math.max(120, breakdown.groups.length * 46 + 50),
      marginLeft: Math.min(260, 12 + 7 * Math.max(8, ...labels.map((l) => l.length))),
      marginRight: 96,
      style: { fontSize: '12px', background: 'transparent' },
      x: { domain: [0, 100], percent: true, label: 'Share of decided items (%) →', grid: true, axis: 'top' },
      y: { domain: ['Upheld', 'Overturned'], label: null, axis: null },
      fy: {
        domain: breakdown.groups.map((_, i) => String(i)),
        label: null,
        tickFormat: (k: string) => labels[Number(k)] ?? '',
        padding: 0.2,
      },
      color: { domain: ['Upheld', 'Overturned'], range: [DECISION_COLORS.Upheld, DECISION_COLORS.Overturned] },
      marks: [
        Plot.barX(decided, {
          fy: 'key',
          y: 'decision',
          x: (r: RateRow) => r.p.rate,
          fill: 'decision',
          ariaLabel: (r: RateRow) => r.label,
          title: (r: RateRow) => r.label,
        }),
        Plot.ruleY(decided, {
          fy: 'key',
          y: 'decision',
          x1: (r: RateRow) => r.p.low,
          x2: (r: RateRow) => r.p.high,
          stroke: 'currentColor',
          strokeWidth: 1.5,
          ariaHidden: 'true',
        }),
        Plot.tickX(decided, { fy: 'key', y: 'decision', x: (r: RateRow) => r.p.low, stroke: 'currentColor' }),
        Plot.tickX(decided, { fy: 'key', y: 'decision', x: (r: RateRow) => r.p.high, stroke: 'currentColor' }),
        Plot.text(rows, {
          fy: 'key',
          y: 'decision',
          x: 1, // the right end (the percent scale shows 1 as 100%)
          // The rate with the digits of its interval (the whisker beside it, the label, the cards): proportionTexts.
          text: (r: RateRow) => `${r.decision === 'Upheld' ? 'U' : 'O'} ${proportionTexts(r.p).rate} · n ${r.p.n}`,
          textAnchor: 'start',
          dx: 6,
          fill: 'currentColor',
          ariaHidden: 'true',
        }),
      ],
    },
  };
}

/** The upheld rate per decision month, its 95% band, and a point per month that opens that month's cases. */
export function monthTrend(breakdown: StatsBreakdown, width: number): ChartSpec {
  const targets = new Map<string, Conditions>();
  const months = breakdown.groups
    .filter((g) => g.value !== null && g.upheldRate.rate !== null)
    .map((g) => {
      const label = `${g.label} · Upheld: ${rateText(g.upheldRate)}`;
      targets.set(label, groupConditions(breakdown, g));
      return { month: g.value!, p: g.upheldRate, label };
    });
  type Row = (typeof months)[number];
  // Months as points in calendar order (the backend's order), one tick each, thinned when there are many.
  const every = Math.max(1, Math.ceil(months.length / Math.max(2, Math.floor(width / 70))));
  return {
    targets,
    options: {
      width,
      height: 260,
      marginLeft: 48,
      marginRight: 24,
      style: { fontSize: '12px', background: 'transparent' },
      x: {
        type: 'point',
        domain: months.map((m) => m.month),
        label: 'Decision month',
        ticks: months.filter((_, i) => i % every === 0).map((m) => m.month),
        padding: 0.3,
      },
      y: { domain: [0, 100], percent: true, label: '↑ Upheld (% of decided items)', grid: true },
      marks: [
        Plot.areaY(months, {
          x: 'month',
          y1: (r: Row) => r.p.low,
          y2: (r: Row) => r.p.high,
          fill: DECISION_COLORS.Upheld,
          fillOpacity: 0.15,
          ariaHidden: 'true',
        }),
        Plot.lineY(months, { x: 'month', y: (r: Row) => r.p.rate, stroke: DECISION_COLORS.Upheld, ariaHidden: 'true' }),
        Plot.dot(months, {
          x: 'month',
          y: (r: Row) => r.p.rate,
          r: 5,
          fill: DECISION_COLORS.Upheld,
          stroke: 'white',
          ariaLabel: (r: Row) => r.label,
          title: (r: Row) => r.label,
        }),
      ],
    },
  };
}

const HEAT_COLUMNS = ['Upheld', 'Overturned', 'No decision'] as const;
/** The heat map's cells without a rate (a pale grey, distinct from the palest rate colour). */
const NO_RATE = '#e3e6ea';

/**
 * Item category × decision: the count in each cell, coloured by that
 * decision's rate within the category (the backend's rate of decided items;
 * "No decision" cells are grey: they have no rate).
 */
export function categoryHeatMap(breakdown: StatsBreakdown, width: number): ChartSpec {
  const targets = new Map<string, Conditions>();
  const cells = breakdown.groups.flatMap((g, i) =>
    HEAT_COLUMNS.map((column) => {
      const count = column === 'Upheld' ? g.upheld : column === 'Overturned' ? g.overturned : g.undecided;
      const p = column === 'Upheld' ? g.upheldRate : column === 'Overturned' ? g.overturnedRate : null;
      const label = `${g.label} · ${column}: ${count.toLocaleString('en-US')} of ${g.items.toLocaleString('en-US')} items${p ? `, ${rateText(p)}` : ''}`;
      const decision = column === 'No decision' ? null : column;
      if (count > 0) targets.set(label, { ...groupConditions(breakdown, g), decision });
      return {
        key: String(i),
        column,
        count,
        rate: p?.rate ?? null,
        rateText: p ? proportionTexts(p).rate : '',
        label,
      };
    }),
  );
  type Cell = (typeof cells)[number];
  const labels = breakdown.groups.map((g) => g.label);
  return {
    targets,
    options: {
      width: Math.min(width, 640),
      height: breakdown.groups.length * 30 + 50,
      marginLeft: Math.min(260, 12 + 7 * Math.max(8, ...labels.map((l) => l.length))),
      style: { fontSize: '12px', background: 'transparent' },
      x: { domain: [...HEAT_COLUMNS], label: null, axis: 'top' },
      y: {
        domain: breakdown.groups.map((_, i) => String(i)),
        label: null,
        tickFormat: (k: string) => labels[Number(k)],
      },
      // "No decision" has no rate: a pale grey, never darker than the palest rate, so it cannot read as a large value.
      color: { type: 'linear', domain: [0, 1], range: ['#f3f5f8', '#2457a6'], unknown: NO_RATE },
      marks: [
        Plot.cell(cells, {
          x: 'column',
          y: 'key',
          fill: (c: Cell) => (c.column === 'No decision' ? null : c.rate),
          inset: 1,
          ariaLabel: (c: Cell) => c.label,
          title: (c: Cell) => c.label,
        }),
        Plot.text(cells, {
          x: 'column',
          y: 'key',
          text: (c: Cell) => (c.rate === null ? c.count.toLocaleString('en-US') : `${c.count} · ${c.rateText}`),
          fill: (c: Cell) => (c.rate !== null && c.rate > 0.55 ? 'white' : 'black'),
          ariaHidden: 'true',
        }),
      ],
    },
  };
}

/** A bin's tick label, short enough to stay inside the chart when rotated (the bar's own label says it in full). */
const shortBin = (label: string) => (label.startsWith('before') ? '< 0 days (check)' : label);

/** Cases per turnaround bin (application received → decision), each bar opening its cases. */
export function turnaroundBars(turnaround: TurnaroundStats, width: number): ChartSpec {
  const targets = new Map<string, Conditions>();
  const bins = turnaround.bins.map((b) => {
    const label = `${b.label}: ${b.cases.toLocaleString('en-US')} case${b.cases === 1 ? '' : 's'}`;
    const range: { min?: number; max?: number } = {};
    if (b.min !== null) range.min = b.min;
    if (b.max !== null) range.max = b.max;
    if (b.cases > 0) targets.set(label, { turnaround: range });
    return { ...b, label };
  });
  type Bin = (typeof bins)[number];
  return {
    targets,
    options: {
      width,
      height: 240,
      marginBottom: 70,
      marginLeft: 48,
      style: { fontSize: '12px', background: 'transparent' },
      x: {
        domain: bins.map((b) => b.label),
        label: null,
        tickRotate: -25,
        tickFormat: (l: string) => shortBin(l.split(':')[0]!),
      },
      y: { label: '↑ Cases', grid: true },
      marks: [
        Plot.barY(bins, {
          x: 'label',
          y: 'cases',
          fill: (b: Bin) => (b.max !== null && b.max < 0 ? '#b3261e' : '#2457a6'),
          ariaLabel: (b: Bin) => b.label,
          title: (b: Bin) => b.label,
        }),
        Plot.ruleY([0]),
      ],
    },
  };
}
