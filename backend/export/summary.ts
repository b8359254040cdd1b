/**
 * The workbook's optional Summary and Turnaround sheets: the Analytics figures
 * (backend/store/analytics.ts) for the export's filter, every breakdown, in the
 * columns the view's table and `imr stats --csv` use (STATS_COLUMNS).
 */
import type Database from 'better-sqlite3';
import type { CaseFilter } from '../../shared/api/contract';
import {
  STATS_COLUMNS,
  STATS_DIMENSIONS,
  STATS_GROUP_LIMIT,
  type AnalyticsResult,
  type StatsCellKind,
  type StatsGroup,
} from '../../shared/domain/analytics';
import { analytics, analyticsAvailable } from '../store/analytics';
import type { CellValue } from './cells';
import type { ColumnKind } from './columns';
import type { HeaderSpec } from './table-writer';

export const SUMMARY_SHEET = 'Summary';
export const TURNAROUND_SHEET = 'Turnaround';

/**
 * The figures, read before any cursor opens on the export's connection (it
 * allows one statement at a time then); null when the workspace is of an
 * earlier version that could not be upgraded where it is (analyticsAvailable).
 */
export function summaryFigures(db: Database.Database, filter: CaseFilter | undefined): AnalyticsResult | null {
  if (!analyticsAvailable(db)) return null;
  return analytics(db, { filter: filter ?? {}, by: STATS_DIMENSIONS, limit: STATS_GROUP_LIMIT.max });
}

/**
 * Why a requested Summary sheet is left out of an export of such a workspace: not damage (the export holds every
 * case and correction), a part asked for that this workspace cannot give until it is upgraded, which needs write
 * access (ExportResult.leftOut: the About sheet, `imr export`, the export dialog).
 */
export const SUMMARY_LEFT_OUT =
  'Summary and Turnaround sheets left out: this workspace is from an earlier version and cannot be written here, ' +
  'and it must be opened once with write access to add analytics (or copy it to a folder you can write to and ' +
  'export the copy).';

const KIND: Record<StatsCellKind, ColumnKind> = { text: 'text', count: 'integer', share: 'percent' };

export const SUMMARY_HEADER: readonly HeaderSpec[] = [
  { header: 'Breakdown', kind: 'text', width: 20 },
  ...STATS_COLUMNS.map((c) => ({ header: c.header, kind: KIND[c.kind], width: c.kind === 'text' ? 36 : 12 })),
];

/** One row per group: all items first, then each breakdown's groups in the view's order. */
export function summaryRows(figures: AnalyticsResult): CellValue[][] {
  const row = (breakdown: string, group: StatsGroup): CellValue[] => [
    breakdown,
    ...STATS_COLUMNS.map((c) => c.value(group)),
  ];
  return [row('All', figures.totals), ...figures.breakdowns.flatMap((b) => b.groups.map((g) => row(b.label, g)))];
}

export function turnaroundEntries(figures: AnalyticsResult): [string, CellValue][] {
  const t = figures.turnaround;
  return [
    ['What', 'Days from the application for IMR being received to the decision, per case.'],
    ['Cases with both dates', t.cases],
    ['Cases missing a date', t.missing],
    ['Shortest (days)', t.min],
    ['25th percentile', t.p25],
    ['Median', t.median],
    ['75th percentile', t.p75],
    ['90th percentile', t.p90],
    ['Longest', t.max],
    ['Mean', t.mean],
    ...t.bins.map((bin): [string, CellValue] => [`Cases ${bin.label}`, bin.cases]),
  ];
}

/** What the About sheet says of the summary. */
export const SUMMARY_ABOUT =
  'Summary: items upheld and overturned per group, for the exported filter. An item is one treatment decided in one ' +
  'letter; rates are of the decided items, with 95% Wilson score intervals. Lists (body regions, guideline sources, ' +
  'reviewer specialties) count an item once in each of its values, so those groups add up to more than the total.';
