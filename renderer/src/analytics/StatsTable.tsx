/**
 * The figures of a breakdown as a table: the charts' text alternative, with
 * the columns `imr stats --csv` and the export's Summary sheet use
 * (STATS_COLUMNS). Each group's name opens its cases, like its bar.
 */
import {
  shareText,
  STATS_COLUMNS,
  type StatsBreakdown,
  type StatsColumn,
  type StatsGroup,
} from '../../../shared/domain/analytics';
import { groupConditions, type Conditions } from './charts';

/** A cell as the view writes it: a rate or a bound with its proportion's digits, as on the bars and cards. */
function cell(column: StatsColumn, group: StatsGroup): string {
  if (column.kind === 'share') return shareText(column.value(group), column.proportion(group));
  const value = column.value(group);
  if (column.kind === 'count') return typeof value === 'number' ? value.toLocaleString('en-US') : '—';
  return value === null ? '—' : String(value);
}

interface Props {
  breakdown: StatsBreakdown;
  totals?: StatsGroup;
  onOpen(conditions: Conditions): void;
}

export function StatsTable({ breakdown, totals, onOpen }: Props) {
  return (
    <table className="stats-table">
      <caption>{breakdown.label}: items by group, rates of the decided items with 95% intervals</caption>
      <thead>
        <tr>
          {STATS_COLUMNS.map((c) => (
            <th key={c.header} scope="col" className={c.kind === 'text' ? '' : 'num'}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {breakdown.groups.map((g) => (
          <tr key={`${g.value}`}>
            {STATS_COLUMNS.map((c, i) =>
              i === 0 ? (
                <th key={c.header} scope="row">
                  <button type="button" className="link-button" onClick={() => onOpen(groupConditions(breakdown, g))}>
                    {g.label}
                  </button>
                </th>
              ) : (
                <td key={c.header} className="num">
                  {cell(c, g)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
      {totals ? (
        <tfoot>
          <tr>
            {STATS_COLUMNS.map((c, i) =>
              i === 0 ? (
                <th key={c.header} scope="row">
                  {totals.label}
                </th>
              ) : (
                <td key={c.header} className="num">
                  {cell(c, totals)}
                </td>
              ),
            )}
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}
