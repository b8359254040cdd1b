/**
 * One chart of the Analytics view: drawn by Observable Plot into an SVG, its
 * clickable marks made into buttons (keyboard too: Tab, Enter or Space) that
 * open the cases behind them, with a table of the same figures as its text
 * alternative and SVG / PNG export.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import * as Plot from '@observablehq/plot';
import type { ChartSpec, Conditions } from './charts';
import { savePng, saveSvg } from './exportImage';

interface Props {
  id: string;
  title: string;
  /** What the chart shows, in words (also its accessible description). */
  description: ReactNode;
  /** Builds the chart for a width in CSS pixels. */
  spec: (width: number) => ChartSpec;
  /** The same figures as a table (the text alternative). */
  table: ReactNode;
  fileName: string;
  /** The table has many columns (STATS_COLUMNS): shown as a table, the card takes the grid's whole row. */
  wideTable?: boolean;
  onOpen(conditions: Conditions): void;
  onError(message: string): void;
}

export function PlotFigure({ id, title, description, spec, table, fileName, wideTable, onOpen, onError }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [asTable, setAsTable] = useState(false);
  const open = useRef(onOpen);
  useEffect(() => {
    open.current = onOpen;
  }, [onOpen]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [asTable]);

  useEffect(() => {
    const el = host.current;
    if (!el || width < 100 || asTable) return;
    const { options, targets } = spec(width);
    const svg = Plot.plot({ ...options, ariaLabel: title }) as unknown as SVGSVGElement;
    for (const mark of svg.querySelectorAll<SVGElement>('[aria-label]')) {
      const conditions = targets.get(mark.getAttribute('aria-label') ?? '');
      if (!conditions) {
        // Plot labels its groups ("bar", "x-axis tick") and marks that open nothing: a label needs a role.
        if (mark !== svg && !mark.hasAttribute('role'))
          mark.setAttribute('role', mark.tagName === 'g' ? 'group' : 'img');
        continue;
      }
      mark.setAttribute('role', 'button');
      mark.setAttribute('tabindex', '0');
      mark.classList.add('chart-target');
      mark.addEventListener('click', () => open.current(conditions));
      mark.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          open.current(conditions);
        }
      });
    }
    el.replaceChildren(svg);
    return () => svg.remove();
  }, [spec, width, asTable, title]);

  const svgOf = () => host.current?.querySelector('svg') ?? null;
  const exportAs = (kind: 'svg' | 'png') => {
    const svg = svgOf();
    if (!svg) return onError('Show the chart (not the table) to export it as an image.');
    if (kind === 'svg') saveSvg(svg, fileName);
    else savePng(svg, fileName).catch((err: unknown) => onError(err instanceof Error ? err.message : String(err)));
  };

  return (
    <section
      className={`chart-card${asTable && wideTable ? ' wide' : ''}`}
      aria-labelledby={`${id}-title`}
      data-chart={id}
    >
      <header className="chart-head">
        <h3 id={`${id}-title`}>{title}</h3>
        <div className="chart-actions" role="group" aria-label={`${title}: view and export`}>
          <button
            type="button"
            className="btn ghost small"
            aria-pressed={asTable}
            onClick={() => setAsTable((t) => !t)}
          >
            {asTable ? 'Chart' : 'Table'}
          </button>
          <button type="button" className="btn ghost small" disabled={asTable} onClick={() => exportAs('svg')}>
            SVG
          </button>
          <button type="button" className="btn ghost small" disabled={asTable} onClick={() => exportAs('png')}>
            PNG
          </button>
        </div>
      </header>
      <p className="chart-description" id={`${id}-description`}>
        {description}
      </p>
      {asTable ? (
        <div className="chart-table">{table}</div>
      ) : (
        <div className="chart-plot" ref={host} aria-describedby={`${id}-description`} />
      )}
    </section>
  );
}
