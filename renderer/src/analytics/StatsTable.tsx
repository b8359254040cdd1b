/**
 * The figures of a breakdown as a table: the charts' text alternative, with
 * the columns `imr stats --csv` and the export's Summary sheet use
 * (STATS_COLUMNS). Each group's name opens its cases, like its bar.
 */
import { percentText, STATS_COLUMNS, type StatsBreakdown, type StatsGroup } from '../../../shared/domain/analytics';
import { groupConditions, type Conditions } from './charts';

function cell(kind: (typeof STATS_COLUMNS)[number]['kind'], value: string | number | null): string {
  if (kind === 'share') return percentText(value as number | null);
  if (kind === 'count') return typeof value === 'number' ? value.toLocaleString('en-US') : '—';
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
                  {cell(c.kind, c.value(g))}
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
                  {cell(c.kind, c.value(totals))}
                </td>
              ),
            )}
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}
