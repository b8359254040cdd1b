import { useEffect, useRef } from 'react';
import { useApp } from '../store/appStore';
import { useTheme } from './theme';
import { Toolbar } from './Toolbar';
import { JobBar } from './JobBar';
import { CaseListPane } from './CaseList';
import { LetterPane } from '../letter/LetterPane';
import { FieldsPane } from './FieldsPane';
import { HistoryPanel } from './HistoryPanel';
import { Notices } from './Notices';
import { ExportDialog } from './ExportDialog';
import { SettingsDialog } from './SettingsDialog';
import { ImportReportDialog } from './ImportReportDialog';
import { ShortcutsDialog } from './ShortcutsDialog';
import { IntegrityDialog } from './IntegrityDialog';
import { DropZone } from './DropZone';
import { PromptDialog } from './PromptDialog';
import { ErrorBoundary } from './ErrorBoundary';
import { EmptyState } from './EmptyState';
import { Splitter } from './Splitter';
import { useShortcuts } from '../keyboard/useShortcuts';
import { shortcutText } from '../keyboard/keymap';
import { focusPane } from '../keyboard/focus';
import { AnalyticsView } from '../analytics/AnalyticsView';
import type { PaneLayout } from '../store/appStore';
import {
  LETTER_MIN,
  LETTER_READABLE,
  LIST_RAIL,
  historyFoldsList,
  listFolded,
  PANE_BOUNDS,
  SPLITTER,
  WINDOW_SHARE,
  type ResizablePane,
} from '../store/layout';
import { useViewportWidth } from './useViewportWidth';

/**
 * The workspace's columns: case list | letter | fields | history. The panes
 * beside the letter have the widths the reviewer chose, each capped by a share
 * of the window (WINDOW_SHARE) so the letter keeps room on a small screen; the
 * letter takes the rest, never less than LETTER_MIN. With the history open the
 * letter is kept readable (LETTER_READABLE): where the list, the fields and the
 * history would leave it less, the list folds to its rail (`folded`,
 * historyFoldsList: at 1280 and 1440 px with the default widths), and the
 * history gives way down to its minimum; past that every pane beside the letter
 * gives way down to its minimum (PANE_BOUNDS). The row never grows wider than
 * the window: it did, and the history's right edge was cut off. Without an open
 * case the list has the room (all its columns) and the fields pane only says
 * how to start.
 */
function columns(layout: PaneLayout, caseOpen: boolean, historyShown: boolean, folded: boolean): string {
  if (!caseOpen) return `minmax(0, 1fr) ${SPLITTER}px min(${layout.widths.fields}px, 40vw)`;
  const chosen = (pane: ResizablePane) => `min(${layout.widths[pane]}px, ${WINDOW_SHARE[pane] * 100}vw)`;
  const track = (pane: ResizablePane, width: string) => `minmax(${PANE_BOUNDS[pane].min}px, ${width})`;
  const list = chosen('list');
  const fields = chosen('fields');
  const listColumns = folded ? `${LIST_RAIL}px` : `${track('list', list)} ${SPLITTER}px`;
  let history = '';
  if (historyShown) {
    // The workspace is as wide as the window (100vw): what the others leave of it.
    const beside = folded ? `${LIST_RAIL + 2 * SPLITTER}px` : `${list} - ${3 * SPLITTER}px`;
    const left = `calc(100vw - ${LETTER_READABLE}px - ${beside} - ${fields})`;
    history = ` ${SPLITTER}px ${track('history', `min(${layout.widths.history}px, ${WINDOW_SHARE.history * 100}vw, ${left})`)}`;
  }
  return `${listColumns} minmax(${LETTER_MIN}px, 1fr) ${SPLITTER}px ${track('fields', fields)}${history}`;
}

export function App() {
  const init = useApp((s) => s.init);
  const theme = useApp((s) => s.settings?.theme);
  const startupError = useApp((s) => s.startupError);
  const info = useApp((s) => s.info);
  const unreadable = useApp((s) => s.list.unreadable);
  const dialog = useApp((s) => s.dialog);
  const layout = useApp((s) => s.layout);
  const toggleList = useApp((s) => s.toggleList);
  const toggleHistory = useApp((s) => s.toggleHistory);
  const caseOpen = useApp((s) => s.current.id !== null);
  const view = useApp((s) => s.view);
  const isEmpty = useApp((s) => s.list.total === 0 && Object.keys(s.list.filter).length === 0);
  const viewport = useViewportWidth();
  const workspace = useRef<HTMLElement>(null);
  const width = (selector: string) => workspace.current?.querySelector<HTMLElement>(selector)?.offsetWidth;

  useTheme(theme);
  useShortcuts();
  useEffect(() => {
    void init();
  }, [init]);
  const folded = listFolded(layout, caseOpen, viewport);
  useFocusKeptWhenListFolds(folded);

  if (startupError) {
    return (
      <div className="startup-error" role="alert">
        <h1>IMR Workbench could not start</h1>
        <p>{startupError}</p>
        <button type="button" className="btn primary" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
  if (!info) {
    return (
      <div className="startup" role="status">
        Opening workspace…
      </div>
    );
  }

  const historyShown = layout.historyOpen && caseOpen;
  const listShown = !folded;
  // Shown again, would the list leave the letter unreadable beside the history? Then showing it closes the history.
  const showingClosesHistory = historyShown && historyFoldsList({ ...layout, listCollapsed: false }, viewport);
  return (
    <div className="app">
      <Toolbar />
      <JobBar />
      {info.readOnly ? (
        // The backend says why (read-only file, folder or disk; full disk; damaged): shown as it says it.
        <div className="readonly-banner" role="status">
          {info.readOnly}
        </div>
      ) : null}
      {unreadable.length > 0 ? (
        // The list was read around damage in the workspace file: the backend names what it left out.
        <div className="readonly-banner" role="status" data-testid="unreadable-cases">
          The workspace file is damaged: the list shows the cases that could be read. Run imr verify for the full
          report, export what can be read, and import the letters again into a new workspace.
          <details>
            <summary>Not listed</summary>
            {/* Scrolls when long: focusable, so the keyboard can scroll it too. */}
            <ul tabIndex={0} aria-label="Cases not listed">
              {unreadable.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </details>
        </div>
      ) : null}
      {isEmpty ? (
        <main className="workspace workspace-empty">
          <ErrorBoundary area="the start page">
            <EmptyState />
          </ErrorBoundary>
        </main>
      ) : view === 'analytics' ? (
        <main className="workspace workspace-analytics">
          <ErrorBoundary area="the Analytics view">
            <AnalyticsView />
          </ErrorBoundary>
        </main>
      ) : (
        <main
          ref={workspace}
          className={`workspace${caseOpen ? ' has-case' : ''}`}
          style={{ gridTemplateColumns: columns(layout, caseOpen, historyShown, folded) }}
        >
          {listShown ? (
            <>
              <ErrorBoundary area="the case list">
                <CaseListPane />
              </ErrorBoundary>
              {caseOpen ? (
                <Splitter
                  pane="list"
                  side="left"
                  label="Case list width"
                  onToggle={() => {
                    toggleList(true);
                    // The splitter goes with the list: focus goes to the rail that shows it again, not to the page.
                    requestAnimationFrame(() => document.querySelector<HTMLElement>('.pane-rail')?.focus());
                  }}
                  measure={() => width('.case-pane')}
                />
              ) : (
                <div className="splitter static" aria-hidden="true" />
              )}
            </>
          ) : (
            <button
              type="button"
              className="pane-rail"
              aria-label={showingClosesHistory ? 'Show the case list (closes the history)' : 'Show the case list'}
              title={
                showingClosesHistory
                  ? `Show the case list (${shortcutText('toggle-list')}). At this window width the list and the history beside the letter would leave it too small to read: the history closes.`
                  : `Show the case list (${shortcutText('toggle-list')})`
              }
              onClick={() => {
                toggleList(false);
                // The rail goes: focus goes to the list it showed, not to the page.
                requestAnimationFrame(() => focusPane('list'));
              }}
            >
              <span aria-hidden="true">Cases ›</span>
            </button>
          )}
          {caseOpen ? (
            <>
              <ErrorBoundary area="the letter view">
                <LetterPane />
              </ErrorBoundary>
              <Splitter pane="fields" side="right" label="Fields width" measure={() => width('.fields-pane')} />
            </>
          ) : null}
          <ErrorBoundary area="the fields form">
            <FieldsPane />
          </ErrorBoundary>
          {historyShown ? (
            <>
              <Splitter
                pane="history"
                side="right"
                label="History width"
                onToggle={() => {
                  toggleHistory(false);
                  // The splitter goes with the history: focus goes to the top bar's History button, as from its ×.
                  document.getElementById('history-toggle')?.focus();
                }}
                measure={() => width('.history-pane')}
              />
              <ErrorBoundary area="the history panel">
                <HistoryPanel />
              </ErrorBoundary>
            </>
          ) : null}
        </main>
      )}
      <Notices />
      <DropZone />
      {dialog === 'export' ? <ExportDialog /> : null}
      {dialog === 'settings' ? <SettingsDialog /> : null}
      {dialog === 'import-report' ? <ImportReportDialog /> : null}
      {dialog === 'shortcuts' ? <ShortcutsDialog /> : null}
      {dialog === 'integrity' ? <IntegrityDialog /> : null}
      <PromptDialog />
    </div>
  );
}

/**
 * The case list folded under the focus — the history opened beside it (Alt+H, its button) or the window narrowed
 * where both leave the letter unreadable (historyFoldsList): the focused row went with the list and focus fell to the
 * page, so the next Tab started again at the top bar (found by a fresh review). The rail that shows the list again
 * takes it. A fold the reviewer asked for hands focus on itself (the splitter's and the rail's handlers).
 */
function useFocusKeptWhenListFolds(folded: boolean): void {
  const before = useRef(folded);
  useEffect(() => {
    const wasFolded = before.current;
    before.current = folded;
    const active = document.activeElement;
    if (folded && !wasFolded && (active === null || active === document.body)) {
      document.querySelector<HTMLElement>('.pane-rail')?.focus();
    }
  }, [folded]);
}
