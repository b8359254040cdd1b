/**
 * The letters in aggregate: what the Analytics view, `imr stats --by` and the
 * export's Summary sheet show, defined once. The backend computes every figure
 * in SQL over the effective values (backend/store/analytics.ts); views print
 * them and reconstruct nothing.
 *
 * The unit is the ITEM (one treatment decided in one letter): a letter with
 * three requests is three decisions. A case-level value (the reviewer's
 * specialty, the priority, the decision month) groups the items of its cases.
 * Values that are lists count an item once in each of its values: an item
 * naming the knee and the lumbar spine counts under both, so group sizes can
 * add up to more than the total.
 */
import type { CitationSource } from './letter';

/** What the figures can be broken down by; the names are the CLI's `--by` values and the filter's keys. */
export const STATS_DIMENSIONS = [
  'category',
  'bodyRegion',
  'medication',
  'specialty',
  'guideline',
  'priority',
  'month',
] as const;
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];

export interface DimensionDef {
  key: StatsDimension;
  /** Column header and chart title. */
  label: string;
  /** Whether the value belongs to the item or to its letter (the whole case). */
  level: 'item' | 'case';
  /** A list: an item counts once in each of its values. */
  multi: boolean;
  /** The group of items without a value. */
  noneLabel: string;
  /** What a reader must know to read the numbers, shown with the chart. */
  note: string | null;
}

export const DIMENSIONS: Readonly<Record<StatsDimension, DimensionDef>> = {
  category: {
    key: 'category',
    label: 'Item category',
    level: 'item',
    multi: false,
    noneLabel: 'no category',
    note: null,
  },
  bodyRegion: {
    key: 'bodyRegion',
    label: 'Body region',
    level: 'item',
    multi: true,
    noneLabel: 'no region named',
    note: 'An item naming several body regions counts once in each of them, so the groups add up to more than the total.',
  },
  medication: {
    key: 'medication',
    label: 'Medication',
    level: 'item',
    multi: false,
    noneLabel: 'no medication named',
    note: 'Medications are grouped by name regardless of capitals; items that name no drug are one group.',
  },
  specialty: {
    key: 'specialty',
    label: 'Reviewer specialty',
    level: 'case',
    multi: true,
    noneLabel: 'no specialty given',
    note: 'A reviewer certified in several specialties counts once in each, so the groups add up to more than the total.',
  },
  guideline: {
    key: 'guideline',
    label: 'Guideline source',
    level: 'item',
    multi: true,
    noneLabel: 'no guideline cited',
    note: 'From the citations of both guideline lines (claims administrator and MAXIMUS); an item citing several sources counts once in each.',
  },
  priority: {
    key: 'priority',
    label: 'Priority',
    level: 'case',
    multi: false,
    noneLabel: 'no priority given',
    note: null,
  },
  month: {
    key: 'month',
    label: 'Decision month',
    level: 'case',
    multi: false,
    noneLabel: 'no decision date',
    note: null,
  },
};

/** The guideline sources, in the order the letters cite them most. */
export const GUIDELINE_SOURCES: readonly CitationSource[] = ['MTUS', 'ACOEM', 'ODG', 'other'];

/**
 * A share with its 95% confidence interval: `count` of `n`, `rate` = count/n,
 * [`low`, `high`] the Wilson score interval. All null when n is 0.
 */
export interface Proportion {
  count: number;
  n: number;
  rate: number | null;
  low: number | null;
  high: number | null;
}

/** z for a two-sided 95% interval (the 97.5th percentile of the standard normal). */
const Z95 = 1.959963984540054;

/**
 * The Wilson score interval for `count` successes in `n` trials (Wilson 1927;
 * Brown, Cai & DasGupta 2001 recommend it over the normal "Wald" interval,
 * which collapses to zero width at 0 % and 100 % and is far too narrow for
 * small groups). Stays inside [0, 1].
 *
 *   centre = (p + z²/2n) / (1 + z²/n),  half = z/(1 + z²/n) · √(p(1−p)/n + z²/4n²)
 *
 * Throws on a count outside 0…n or non-integers: a caller bug, never data.
 */
export function wilsonInterval(count: number, n: number, z: number = Z95): Proportion {
  if (!Number.isInteger(count) || !Number.isInteger(n) || n < 0 || count < 0 || count > n) {
    throw new RangeError(`wilsonInterval: ${count} of ${n} is not a proportion`);
  }
  if (n === 0) return { count, n, rate: null, low: null, high: null };
  const p = count / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    count,
    n,
    rate: p,
    // Exact at the ends (rounding would otherwise leave 1e-17 below 0 or above 1).
    low: count === 0 ? 0 : Math.max(0, centre - half),
    high: count === n ? 1 : Math.min(1, centre + half),
  };
}

/** The figures of one group of items (or of all of them). */
export interface StatsGroup {
  /**
   * The value this group stands for, as the case filter takes it (the same key
   * as the dimension): filtering the case list by it shows exactly the cases
   * behind the group. null: the items without a value.
   */
  value: string | null;
  /** What a reader sees (the value, or the dimension's none-label). */
  label: string;
  /** Items in the group, and the cases they belong to. */
  items: number;
  cases: number;
  upheld: number;
  overturned: number;
  /** Items whose decision is not known (the parser found none and no reviewer set one). */
  undecided: number;
  /** Upheld of the decided items (upheld + overturned), with its interval. */
  upheldRate: Proportion;
  /** Overturned of the decided items, with its interval. */
  overturnedRate: Proportion;
  /** Requests UR had partially authorized (modified) of all items in the group. */
  modified: Proportion;
}

export interface StatsBreakdown {
  dimension: StatsDimension;
  label: string;
  note: string | null;
  /** Largest groups first (by items); months in calendar order; the none-group last. */
  groups: StatsGroup[];
  /** Groups left out past the limit (the smallest), and how many items they hold. */
  omitted: { groups: number; items: number };
}

/**
 * Turnaround: days from the application for IMR being received to the
 * decision, per case. Cases missing either date are counted, not guessed.
 * Each case's days are whole; the percentiles (p25, median, p75, p90) and the
 * mean are days to one decimal (turnaroundDays), so the view, `imr stats`
 * and the Summary sheet print the same figure.
 */
export interface TurnaroundStats {
  /** Cases with both dates. */
  cases: number;
  /** Cases without an application-received date or a decision date. */
  missing: number;
  min: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  p90: number | null;
  max: number | null;
  mean: number | null;
  bins: TurnaroundBin[];
}

/**
 * The unit of a turnaround figure that is not one case's (a percentile, the
 * mean): days rounded to one decimal, half up (`Math.round`: 39.75 → 39.8,
 * -2.25 → -2.2). Percentiles interpolate linearly between the cases around
 * them (as Excel's PERCENTILE.INC), so the median of 30 and 31 days is 30.5 —
 * a whole day would hide that — and quartiles land on quarter days, which
 * nobody reads as such. Applied once, where the figures are made
 * (backend/store/analytics.ts turnaroundOf); every view prints them as given.
 */
export function turnaroundDays(days: number): number {
  return Math.round(days * 10) / 10;
}

export interface TurnaroundBin {
  label: string;
  /** Inclusive bounds in days; null = unbounded. As the filter's `turnaround` takes them. */
  min: number | null;
  max: number | null;
  cases: number;
}

/**
 * Histogram edges in days. California's rules give MAXIMUS 30 days after
 * receiving the documents for a regular review (3 for an expedited one), so
 * the bins are finest around a month. A decision dated before its
 * application (negative days) is a misread or mistyped date: its own bin.
 */
export const TURNAROUND_BINS: readonly { label: string; min: number | null; max: number | null }[] = [
  { label: 'before the application (check the dates)', min: null, max: -1 },
  { label: '0–7 days', min: 0, max: 7 },
  { label: '8–14 days', min: 8, max: 14 },
  { label: '15–21 days', min: 15, max: 21 },
  { label: '22–30 days', min: 22, max: 30 },
  { label: '31–45 days', min: 31, max: 45 },
  { label: '46–60 days', min: 46, max: 60 },
  { label: '61–90 days', min: 61, max: 90 },
  { label: '91–180 days', min: 91, max: 180 },
  { label: 'over 180 days', min: 181, max: null },
];

/** Everything the Analytics view shows for one filter. */
export interface AnalyticsResult {
  /**
   * Cases the filter selects: what the case list shows for it. Letters in
   * which no item was found count here, not in `totals.cases`.
   */
  cases: number;
  /** All items the filter selects, as one group (value null, label "All items"). */
  totals: StatsGroup;
  turnaround: TurnaroundStats;
  /** One per requested dimension, in the order asked. */
  breakdowns: StatsBreakdown[];
  /**
   * Corrected cases of a workspace upgraded from an earlier version whose
   * analytics rows still hold their parsed values (rebuilt the next time the
   * workspace is opened for writing); normally 0.
   */
  pendingCases: number;
}

/** Groups a breakdown returns by default, and at most. */
export const STATS_GROUP_LIMIT = { default: 40, max: 1000 } as const;

/** How a table cell of the figures is written: text, a count, or a share (0–1) a view shows as a percentage. */
export type StatsCellKind = 'text' | 'count' | 'share';

/** A column of a table of groups; a share names the proportion it belongs to, which fixes its digits (shareText). */
export type StatsColumn =
  | { header: string; kind: 'text' | 'count'; value(group: StatsGroup): string | number | null }
  | {
      header: string;
      kind: 'share';
      value(group: StatsGroup): number | null;
      proportion(group: StatsGroup): Proportion;
    };

/**
 * The columns of a table of groups: the view's table (the charts' text
 * alternative), `imr stats --csv` and the export's Summary sheet. Rates are
 * shares of the decided items; "modified" of all items.
 */
export const STATS_COLUMNS: readonly StatsColumn[] = [
  { header: 'Group', kind: 'text', value: (g) => g.label },
  { header: 'Items', kind: 'count', value: (g) => g.items },
  { header: 'Cases', kind: 'count', value: (g) => g.cases },
  { header: 'Upheld', kind: 'count', value: (g) => g.upheld },
  { header: 'Overturned', kind: 'count', value: (g) => g.overturned },
  { header: 'No decision', kind: 'count', value: (g) => g.undecided },
  { header: 'Upheld rate', kind: 'share', value: (g) => g.upheldRate.rate, proportion: (g) => g.upheldRate },
  { header: 'Upheld 95% CI low', kind: 'share', value: (g) => g.upheldRate.low, proportion: (g) => g.upheldRate },
  { header: 'Upheld 95% CI high', kind: 'share', value: (g) => g.upheldRate.high, proportion: (g) => g.upheldRate },
  {
    header: 'Overturned rate',
    kind: 'share',
    value: (g) => g.overturnedRate.rate,
    proportion: (g) => g.overturnedRate,
  },
  {
    header: 'Overturned 95% CI low',
    kind: 'share',
    value: (g) => g.overturnedRate.low,
    proportion: (g) => g.overturnedRate,
  },
  {
    header: 'Overturned 95% CI high',
    kind: 'share',
    value: (g) => g.overturnedRate.high,
    proportion: (g) => g.overturnedRate,
  },
  { header: 'Modified by UR', kind: 'count', value: (g) => g.modified.count },
  { header: 'Modified share', kind: 'share', value: (g) => g.modified.rate, proportion: (g) => g.modified },
];

/**
 * Digits after the point for shares shown together: one when any of them lies
 * within 10 points of 0% or 100% (where whole percents hide the difference:
 * 97% may be 96.5% or 97.4%), else none. One rule for a rate and its interval
 * together, so a line never mixes them ("87% (80%–91.4%)").
 */
function percentDigits(shares: readonly (number | null)[]): 0 | 1 {
  return shares.some((s) => s !== null && s > 0 && s < 1 && (s < 0.1 || s > 0.9)) ? 1 : 0;
}

function formatPercent(share: number | null, digits: 0 | 1): string {
  if (share === null) return '—';
  const percent = share * 100;
  if (percent === 0 || percent === 100) return `${percent}%`;
  const text = percent.toFixed(digits);
  if (Number(text) >= 100) return '>99.9%';
  if (Number(text) <= 0) return '<0.1%';
  return `${text}%`;
}

/**
 * A share as a person reads it: whole percents, one decimal near the ends
 * ("4.2%", "97.5%"), and never 0% or 100% for a share that is not exactly that.
 * For a share that is a rate with a 95% interval, use proportionTexts (or
 * shareText), so that it has the digits its interval is written with.
 */
export function percentText(share: number | null): string {
  return formatPercent(share, percentDigits([share]));
}

/** Shares shown side by side (a rate and its interval), as percentText writes them but all with the same digits. */
export function percentTexts(shares: readonly (number | null)[]): string[] {
  const digits = percentDigits(shares);
  return shares.map((s) => formatPercent(s, digits));
}

/**
 * The one precision rule for a rate (a Proportion): its rate, low and high
 * are written with the same digits (percentTexts), wherever the rate is shown
 * and whether or not its interval is shown beside it — a card, a bar's label,
 * a heat-map cell, a table row, `imr stats` — so the bar whose whisker reads
 * "80.0%–91.4%" says "87.0%", as the card above it does, never "87%".
 */
export function proportionTexts(p: Proportion): { rate: string; low: string; high: string } {
  const [rate, low, high] = percentTexts([p.rate, p.low, p.high]) as [string, string, string];
  return { rate, low, high };
}

/** One share of a proportion (its rate or a bound, as a table column holds it) with that proportion's digits. */
export function shareText(share: number | null, of: Proportion): string {
  return formatPercent(share, percentDigits([of.rate, of.low, of.high]));
}

/** "82% (95% CI 68–91%, n = 45)": a rate with its interval and its n, as every view writes it. */
export function rateText(p: Proportion): string {
  if (p.rate === null) return 'no decided items (n = 0)';
  const { rate, low, high } = proportionTexts(p);
  return `${rate} (95% CI ${low}–${high}, n = ${p.n.toLocaleString('en-US')})`;
}
