/**
 * `imr stats --by …` output: the API's figures as JSON (verbatim), CSV (one
 * row per group, the columns the view's table and the Summary sheet use) or
 * a table for people.
 */
import { stringify } from 'csv-stringify/sync';
import {
  proportionTexts,
  STATS_COLUMNS,
  type AnalyticsResult,
  type StatsBreakdown,
  type StatsGroup,
} from '../../../shared/domain/analytics';
import { directionControlsText } from '../../../shared/domain/export-characters';
import { csvTextCell, DirectionTally } from '../../export/cells';
import { printJson, printLine, printTable } from './output';

export function printAnalytics(result: AnalyticsResult, format: 'json' | 'csv' | 'text'): void {
  if (format === 'json') printJson(result);
  else if (format === 'csv') {
    const { csv, directionControls } = analyticsCsv(result);
    process.stdout.write(csv);
    // Said on stderr so the CSV on stdout stays only the table (the same wording as `imr export`).
    const replaced = directionControlsText({ directionControls });
    if (replaced) process.stderr.write(`${replaced}\n`);
  } else printText(result);
  for (const b of result.breakdowns) {
    if (b.omitted.groups > 0) {
      process.stderr.write(
        `${b.label}: ${b.omitted.groups} smaller group(s) with ${b.omitted.items} item(s) left out; --limit shows more\n`,
      );
    }
  }
  if (result.pendingCases > 0) {
    process.stderr.write(
      `${result.pendingCases} corrected case(s) are counted with their parsed values until the workspace is opened for writing once.\n`,
    );
  }
}

/**
 * RFC 4180 CSV: a row for all items, then one per group of each breakdown.
 * Shares are plain numbers 0–1 (a spreadsheet formats them); text goes through
 * the export's cell rules (formula-looking text made inert; text-direction
 * controls from a letter replaced by U+FFFD, as `imr export` does, since a
 * spreadsheet opening this CSV would show a group name reversed), since group
 * names come from the letters. `directionControls`: the cells so changed
 * ("row 3 (Group)"), for the caller to say.
 */
export function analyticsCsv(result: AnalyticsResult): {
  csv: string;
  directionControls: { cells: number; where: string[] };
} {
  const tally = new DirectionTally();
  const headers = ['Breakdown', ...STATS_COLUMNS.map((c) => c.header)];
  let rowNumber = 1; // the header row
  const text = (value: string, column: number) =>
    csvTextCell(value, tally, () => `row ${rowNumber} (${headers[column]})`);
  const row = (dimension: string, group: StatsGroup) => {
    rowNumber++;
    return [
      text(dimension, 0),
      ...STATS_COLUMNS.map((c, i) => {
        const value = c.value(group);
        return typeof value === 'string' ? text(value, i + 1) : value;
      }),
    ];
  };
  const rows = [
    headers,
    row('All', result.totals),
    ...result.breakdowns.flatMap((b) => b.groups.map((g) => row(b.label, g))),
  ];
  return {
    csv: stringify(rows, { record_delimiter: 'windows' }),
    directionControls: { cells: tally.cells, where: tally.where },
  };
}

/** "87.0% (80.2%–91.4%)": the rate and its interval written with the same digits (proportionTexts). */
function rateCell(g: StatsGroup): string {
  if (g.upheldRate.rate === null) return '—';
  const { rate, low, high } = proportionTexts(g.upheldRate);
  return `${rate} (${low}–${high})`;
}

function printText(result: AnalyticsResult): void {
  const t = result.totals;
  printLine(
    `${result.cases.toLocaleString('en-US')} case(s); ${t.items.toLocaleString('en-US')} item(s): ${t.upheld} upheld, ${t.overturned} overturned, ${t.undecided} without a decision`,
  );
  printLine(`Upheld ${rateCell(t)} of ${t.upheldRate.n} decided; modified by UR ${proportionTexts(t.modified).rate}`);
  const ta = result.turnaround;
  printLine(
    ta.cases === 0
      ? `Turnaround: no case has both an application-received and a decision date (${ta.missing} without)`
      : `Turnaround (application received → decision), ${ta.cases} case(s): median ${ta.median} days, ` +
          `middle half ${ta.p25}–${ta.p75}, 90% within ${ta.p90}, range ${ta.min}–${ta.max}; ${ta.missing} case(s) lack a date`,
  );
  for (const b of result.breakdowns) printBreakdown(b);
}

function printBreakdown(b: StatsBreakdown): void {
  printLine();
  printLine(b.label);
  if (b.note) printLine(b.note);
  printTable(
    ['Group', 'Items', 'Cases', 'Upheld', 'Overturned', 'No decision', 'Upheld rate (95% CI)'],
    b.groups.map((g) => [g.label, g.items, g.cases, g.upheld, g.overturned, g.undecided, rateCell(g)]),
  );
}
