/**
 * The Analytics view: the letters in aggregate, over the case list's own
 * filter, corrections applied. Every number on it is one the backend computed
 * (stats.analytics, backend/store/analytics.ts) — the same figures as `imr
 * stats --by` and the export's Summary sheet. Clicking a bar, a point or a
 * cell opens the case list filtered to exactly the cases behind it.
 */
import { useCallback, useEffect } from 'react';
import {
  DIMENSIONS,
  proportionTexts,
  rateText,
  STATS_DIMENSIONS,
  type StatsBreakdown,
  type StatsDimension,
  type TurnaroundStats,
} from '../../../shared/domain/analytics';
import { filterText } from '../../../shared/api/filter-text';
import { useApp } from '../store/appStore';
import { FilterChips } from '../components/FilterChips';
import { categoryHeatMap, DECISION_COLORS, monthTrend, rateBars, turnaroundBars, type Conditions } from './charts';
import { PlotFigure } from './PlotFigure';
import { StatsTable } from './StatsTable';
import './analytics.css';

const count = (n: number) => n.toLocaleString('en-US');

function TurnaroundTable({ turnaround, onOpen }: { turnaround: TurnaroundStats; onOpen(c: Conditions): void }) {
  return (
    <table className="stats-table">
      <caption>Cases by days from application received to decision</caption>
      <thead>
        <tr>
          <th scope="col">Days</th>
          <th scope="col" className="num">
            Cases
          </th>
        </tr>
      </thead>
      <tbody>
        {turnaround.bins.map((b) => (
          <tr key={b.label}>
            <th scope="row">
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  onOpen({
                    turnaround: {
                      ...(b.min !== null ? { min: b.min } : {}),
                      ...(b.max !== null ? { max: b.max } : {}),
                    },
                  })
                }
              >
                {b.label}
              </button>
            </th>
            <td className="num">{count(b.cases)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Legend() {
  return (
    <ul className="chart-legend" aria-label="Colours">
      {(['Upheld', 'Overturned'] as const).map((d) => (
        <li key={d}>
          <span className="swatch" style={{ background: DECISION_COLORS[d] }} aria-hidden="true" /> {d}
        </li>
      ))}
      <li>
        <span className="whisker" aria-hidden="true" /> 95% confidence interval (Wilson)
      </li>
    </ul>
  );
}

export function AnalyticsView() {
  const filter = useApp((s) => s.list.filter);
  const state = useApp((s) => s.analytics);
  const { loadAnalytics, setAnalyticsBy, openCasesFor, notify } = useApp.getState();
  const onError = useCallback((message: string) => notify('error', message), [notify]);
  const open = useCallback((conditions: Conditions) => openCasesFor(conditions), [openCasesFor]);

  // The figures follow the list's filter (one filter for both views) and the workspace's changes.
  const stats = useApp((s) => s.stats);
  useEffect(() => {
    void loadAnalytics();
  }, [filter, stats, loadAnalytics]);

  const result = state.result;
  const byDimension = (d: StatsDimension): StatsBreakdown | undefined =>
    result?.breakdowns.find((b) => b.dimension === d);
  const chosen = byDimension(state.by);
  const months = byDimension('month');
  const categories = byDimension('category');

  const chosenSpec = useCallback((w: number) => rateBars(chosen!, w), [chosen]);
  const monthSpec = useCallback((w: number) => monthTrend(months!, w), [months]);
  const heatSpec = useCallback((w: number) => categoryHeatMap(categories!, w), [categories]);
  const turnaroundSpec = useCallback((w: number) => turnaroundBars(result!.turnaround, w), [result]);

  // The figures on screen are for the filter they were computed for, which trails the chips while loading.
  const filterName = filterText(state.resultFilter ?? filter);
  const fileStem = (what: string) => `imr-${what}${filterName ? '-filtered' : ''}`;

  return (
    // data-load: which load the figures come from (the benchmark waits for a new one to be drawn).
    <div className="analytics" aria-busy={state.loading} data-load={state.generation}>
      <header className="analytics-head">
        <div>
          <h1 className="analytics-title">Analytics</h1>
          <p className="muted">
            {filterName ? `Cases matching: ${filterName}.` : 'All cases in the workspace.'} Corrections applied; each
            rate is of the decided items, with its 95% confidence interval and its n.
          </p>
        </div>
        <label className="analytics-by">
          Break down by{' '}
          <select id="analytics-by" value={state.by} onChange={(e) => setAnalyticsBy(e.target.value as StatsDimension)}>
            {STATS_DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {DIMENSIONS[d].label}
              </option>
            ))}
          </select>
        </label>
      </header>
      <FilterChips clearAll emptyFocusId="analytics-by" />
      {state.error ? (
        <p className="analytics-error" role="alert">
          The figures could not be computed: {state.error}
        </p>
      ) : null}
      {!result ? (
        state.error ? null : (
          <p role="status">Computing the figures…</p>
        )
      ) : result.cases === 0 ? (
        // No case to count: say why and what to do, not a page of empty charts and "0 of 0" rates.
        <div className="analytics-empty" role="status">
          {filterName ? (
            <p>No case matches this filter: remove a filter above to see the figures of the others.</p>
          ) : (
            <>
              <p>No letters in this workspace yet: the figures appear once letters are imported.</p>
              <p>
                <button type="button" className="btn primary" onClick={() => useApp.getState().showView('cases')}>
                  Go to import letters
                </button>
              </p>
            </>
          )}
        </div>
      ) : (
        <>
          {result.pendingCases > 0 ? (
            <p className="readonly-banner" role="status">
              {count(result.pendingCases)} corrected cases of an upgraded workspace still count with their parsed values
              here; they are brought up to date the next time the workspace is opened for writing.
            </p>
          ) : null}
          <dl className="analytics-totals" aria-label="Totals">
            <div>
              <dt>Cases</dt>
              <dd>{count(result.cases)}</dd>
            </div>
            <div>
              <dt>Items (decisions)</dt>
              <dd>{count(result.totals.items)}</dd>
            </div>
            <div>
              <dt>Upheld</dt>
              <dd>
                {proportionTexts(result.totals.upheldRate).rate}
                <small>{rateText(result.totals.upheldRate)}</small>
              </dd>
            </div>
            <div>
              <dt>Overturned</dt>
              <dd>
                {proportionTexts(result.totals.overturnedRate).rate}
                <small>{rateText(result.totals.overturnedRate)}</small>
              </dd>
            </div>
            <div>
              <dt>Modified by UR</dt>
              <dd>
                {proportionTexts(result.totals.modified).rate}
                <small>
                  {count(result.totals.modified.count)} of {count(result.totals.modified.n)} requests partially
                  authorized
                </small>
              </dd>
            </div>
            <div>
              <dt>Turnaround (median)</dt>
              <dd>
                {result.turnaround.median === null ? '—' : `${result.turnaround.median} days`}
                <small>
                  {result.turnaround.p25 === null
                    ? 'no case has both dates'
                    : `middle half ${result.turnaround.p25}–${result.turnaround.p75} days, 90% within ${result.turnaround.p90}; ${count(result.turnaround.missing)} cases lack a date`}
                </small>
              </dd>
            </div>
          </dl>
          <Legend />
          <div className="analytics-grid">
            {chosen ? (
              <PlotFigure
                id="chart-rates"
                title={`Upheld and overturned by ${chosen.label.toLowerCase()}`}
                description={
                  <>
                    Share of decided items per group, with the 95% interval as a whisker and n at the end.
                    {chosen.note ? ` ${chosen.note}` : ''}
                    {chosen.omitted.groups > 0
                      ? ` ${count(chosen.omitted.groups)} smaller groups (${count(chosen.omitted.items)} items) are not shown.`
                      : ''}{' '}
                    Click a bar to see its cases.
                  </>
                }
                spec={chosenSpec}
                wideTable
                table={<StatsTable breakdown={chosen} totals={result.totals} onOpen={open} />}
                fileName={fileStem(`by-${chosen.dimension}`)}
                onOpen={open}
                onError={onError}
              />
            ) : null}
            {categories ? (
              <PlotFigure
                id="chart-heatmap"
                title="Item category × decision"
                description="Items in each cell; the colour is that decision's share of the category's decided items. Click a cell to see its cases."
                spec={heatSpec}
                wideTable
                table={<StatsTable breakdown={categories} totals={result.totals} onOpen={open} />}
                fileName={fileStem('category-by-decision')}
                onOpen={open}
                onError={onError}
              />
            ) : null}
            {months ? (
              <PlotFigure
                id="chart-trend"
                title="Upheld rate by decision month"
                description="Share of decided items upheld each month, with its 95% band. Click a point to see that month's cases."
                spec={monthSpec}
                wideTable
                table={<StatsTable breakdown={months} onOpen={open} />}
                fileName={fileStem('upheld-by-month')}
                onOpen={open}
                onError={onError}
              />
            ) : null}
            <PlotFigure
              id="chart-turnaround"
              title="Turnaround: application received → decision"
              description={`Cases per number of days (${count(result.turnaround.cases)} with both dates, ${count(result.turnaround.missing)} without). Click a bar to see its cases.`}
              spec={turnaroundSpec}
              table={<TurnaroundTable turnaround={result.turnaround} onOpen={open} />}
              fileName={fileStem('turnaround')}
              onOpen={open}
              onError={onError}
            />
          </div>
        </>
      )}
    </div>
  );
}
