import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useApp } from '../store/appStore';
import { ImportMenu } from './ImportMenu';
import { useMenuDismiss } from './useMenuDismiss';
import { shortcutText } from '../keyboard/keymap';
import { listFolded } from '../store/layout';
import { useViewportWidth } from './useViewportWidth';

function plural(n: number, word: string): string {
  return `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * How far the top bar has given way to fit its window, each step only when the one before was not enough:
 * 0 everything inline; 1 the workspace totals behind one button (TotalsMenu); 2 the reviewer chip also drops its
 * "Reviewer:" label (its tooltip and accessible name keep it) and may shrink to a short ellipsized name.
 * Set as the bar's `data-compact`, which the style sheet reads.
 */
const MOST_COMPACT = 2;

/**
 * The bar is crowded when its content is wider than it, or when the reviewer's name is ellipsized for want of room
 * rather than by the chip's own cap (a name longer than the cap is always ellipsized, with the tooltip).
 */
function crowded(bar: HTMLElement): boolean {
  const end = bar.querySelector<HTMLElement>('.toolbar-end');
  if (bar.scrollWidth > bar.clientWidth + 1 || (end && end.scrollWidth > end.clientWidth + 1)) return true;
  const chip = bar.querySelector<HTMLElement>('.reviewer-chip');
  const name = chip?.querySelector<HTMLElement>('.reviewer-name');
  if (!chip || !name || name.scrollWidth <= name.clientWidth + 1) return false;
  return chip.getBoundingClientRect().width < parseFloat(getComputedStyle(chip).maxWidth) - 1;
}

/** Sets the least compaction (MOST_COMPACT) at which `bar` is not crowded, measuring each step. */
function fit(bar: HTMLElement): void {
  for (let level = 0; level <= MOST_COMPACT; level++) {
    bar.dataset.compact = String(level);
    if (!crowded(bar)) return;
  }
}

/**
 * Keeps `bar` fitted (fit): measured, not set by breakpoints, because what the bar holds varies (a case open or
 * not, the import report button, the totals' digits, the reviewer's name, the fonts). It runs after every render
 * and on every change of the bar's width, before the browser paints, so no crowded state is ever drawn.
 */
function useFitted(bar: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    if (bar.current) fit(bar.current);
  });
  useLayoutEffect(() => {
    const el = bar.current;
    if (!el) return;
    let width = el.clientWidth;
    // Only a new width: a step may change the bar's height, which must not start the steps over.
    const observer = new ResizeObserver(() => {
      if (el.clientWidth === width) return;
      width = el.clientWidth;
      fit(el);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [bar]);
}

/** The workspace totals behind one button, for a bar without room for them inline; the panel lists them. */
function TotalsMenu({ totals }: { totals: string[] }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useMenuDismiss(open, () => setOpen(false), root);
  return (
    <div className="menu totals-menu" ref={root}>
      <button
        type="button"
        className="btn ghost totals-btn"
        aria-expanded={open}
        aria-controls="workspace-totals"
        aria-label={`Workspace totals: ${totals.join(', ')}`}
        title={totals.join(', ')}
        onClick={() => setOpen((o) => !o)}
      >
        {totals[0]} ▾
      </button>
      {open ? (
        <ul id="workspace-totals" className="menu-panel totals-panel" aria-label="Workspace totals">
          {totals.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Why Export and Analytics do nothing in an empty workspace (their tooltip and accessible description). */
const NO_LETTERS = 'No letters in this workspace yet: import letters first (Import…).';

const ICON = { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': true, focusable: false } as const;
const STROKE = {
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.7,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const;

export function Toolbar() {
  const viewport = useViewportWidth();
  const stats = useApp((s) => s.stats);
  const settings = useApp((s) => s.settings);
  const caseOpen = useApp((s) => s.current.id !== null);
  const historyOpen = useApp((s) => s.layout.historyOpen);
  const listFoldedNow = useApp((s) => listFolded(s.layout, s.current.id !== null, viewport));
  const view = useApp((s) => s.view);
  const canUndo = useApp((s) => s.current.detail?.canUndo ?? false);
  const canRedo = useApp((s) => s.current.detail?.canRedo ?? false);
  const { setDialog, nextUnreviewed, toggleHistory, undo, redo, showImportReport } = useApp.getState();
  const hasReport = useApp((s) => s.importReport !== null);
  // An empty workspace has nothing to export, count or review next: the three say so (aria-disabled, so they keep
  // focus and a keyboard reviewer reaches the reason) instead of opening an export of 0 cases, empty charts or a
  // "no case with status New" notice.
  const noLetters = stats?.cases === 0;
  const reviewer = settings?.reviewerName?.trim() || 'not set';
  const totals = stats
    ? [plural(stats.cases, 'case'), plural(stats.items, 'item'), plural(stats.corrections, 'correction')]
    : null;
  const bar = useRef<HTMLElement>(null);
  useFitted(bar);

  return (
    <header className="toolbar" ref={bar}>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          IMR
        </span>
        <span className="brand-name">Workbench</span>
      </div>
      <div className="toolbar-group">
        <ImportMenu />
        {hasReport ? (
          <button type="button" className="btn ghost" onClick={() => void showImportReport()}>
            Import report
          </button>
        ) : null}
        <button
          type="button"
          className="btn"
          aria-disabled={noLetters}
          aria-describedby={noLetters ? 'no-letters-reason' : undefined}
          onClick={() => !noLetters && setDialog('export')}
          title={noLetters ? NO_LETTERS : `Export to Excel or CSV (${shortcutText('export')})`}
        >
          Export…
        </button>
        {noLetters ? (
          <span id="no-letters-reason" className="sr-only">
            {NO_LETTERS}
          </span>
        ) : null}
      </div>
      <div className="toolbar-group">
        <button
          type="button"
          className="btn"
          aria-pressed={view === 'analytics' && !noLetters}
          aria-disabled={noLetters}
          aria-describedby={noLetters ? 'no-letters-reason' : undefined}
          onClick={() => !noLetters && useApp.getState().showView(view === 'analytics' ? 'cases' : 'analytics')}
          title={
            noLetters ? NO_LETTERS : "The letters in aggregate: rates, trends and turnaround for the list's filter"
          }
        >
          Analytics
        </button>
        <button
          type="button"
          className="btn ghost"
          aria-pressed={view === 'cases' && !listFoldedNow}
          disabled={!caseOpen && view !== 'analytics'}
          onClick={() => useApp.getState().toggleList()}
          title={
            view === 'analytics'
              ? `Back to the case list (${shortcutText('toggle-list')})`
              : `Show or hide the case list beside the letter (${shortcutText('toggle-list')})`
          }
        >
          Case list
        </button>
        <button
          type="button"
          className="btn"
          aria-disabled={noLetters}
          aria-describedby={noLetters ? 'no-letters-reason' : undefined}
          onClick={() => !noLetters && void nextUnreviewed()}
          title={
            noLetters
              ? NO_LETTERS
              : `Open the next case in the list with status New (${shortcutText('next-unreviewed')})`
          }
        >
          Next unreviewed
        </button>
        {/* Undo and Redo say they have nothing to do with aria-disabled, not disabled: a disabled button loses
            focus, so undoing the last change with Enter on Undo dropped focus to the page. */}
        <button
          type="button"
          className="btn ghost icon-btn"
          aria-disabled={!canUndo}
          onClick={() => canUndo && void undo()}
          aria-label="Undo"
          title={`Undo the last change to this case (${shortcutText('undo')})`}
        >
          <svg {...ICON}>
            <path d="M3 6.5h7a3.5 3.5 0 0 1 0 7H7" {...STROKE} />
            <path d="M6 3.5l-3 3 3 3" {...STROKE} />
          </svg>
        </button>
        <button
          type="button"
          className="btn ghost icon-btn"
          aria-disabled={!canRedo}
          onClick={() => canRedo && void redo()}
          aria-label="Redo"
          title={`Redo (${shortcutText('redo')})`}
        >
          <svg {...ICON}>
            <path d="M13 6.5H6a3.5 3.5 0 0 0 0 7h3" {...STROKE} />
            <path d="M10 3.5l3 3-3 3" {...STROKE} />
          </svg>
        </button>
        <button
          type="button"
          className="btn ghost"
          id="history-toggle"
          aria-pressed={historyOpen}
          disabled={!caseOpen}
          onClick={() => toggleHistory()}
          title={`The case's corrections, confirmations and notes (${shortcutText('toggle-history')})`}
        >
          History
        </button>
      </div>
      <div className="toolbar-end">
        {totals ? (
          <>
            <div className="toolbar-stats" aria-label="Workspace totals">
              {totals.map((t) => (
                <span key={t}>{t}</span>
              ))}
            </div>
            <TotalsMenu totals={totals} />
          </>
        ) : null}
        <button
          type="button"
          className="btn ghost reviewer-chip"
          onClick={() => setDialog('settings')}
          aria-label={`Reviewer: ${reviewer}`}
          title={`Reviewer: ${reviewer} (change in Settings)`}
        >
          <span className="muted reviewer-label">Reviewer:</span>
          <span className="reviewer-name">{reviewer}</span>
        </button>
        <button
          type="button"
          className="btn ghost icon-btn"
          aria-label="Settings"
          title="Settings: reviewer name, theme, and the workspace (its integrity check)"
          onClick={() => setDialog('settings')}
        >
          <svg {...ICON}>
            <circle cx="8" cy="8" r="2.2" {...STROKE} />
            <path
              d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4"
              {...STROKE}
            />
            <circle cx="8" cy="8" r="4.6" {...STROKE} />
          </svg>
        </button>
        <button
          type="button"
          className="btn ghost icon-btn"
          aria-label="Keyboard shortcuts"
          title={`Keyboard shortcuts (${shortcutText('help')})`}
          onClick={() => setDialog('shortcuts')}
        >
          ?
        </button>
      </div>
    </header>
  );
}
