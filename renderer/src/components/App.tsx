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
import { AnalyticsView } from '../analytics/AnalyticsView';
import type { PaneLayout } from '../store/appStore';
import { PANE_BOUNDS, type ResizablePane } from '../store/layout';

/** Widths in CSS pixels: a splitter, the case list folded to its rail, the letter's narrowest. */
const SPLITTER = 7;
const LIST_RAIL = 28;
const LETTER_MIN = 280;

/**
 * The workspace's columns: case list | letter | fields | history. The panes
 * beside the letter have the widths the reviewer chose, each capped by a share
 * of the window so the letter keeps room on a small screen; the letter takes
 * the rest. Where that still leaves the letter less than LETTER_MIN (1280 px
 * with the history open: 300 + 392 + 300 px beside it), the history gives way
 * first, down to its minimum, so the case numbers in the list and the fields
 * keep their room; past that every pane beside the letter gives way down to its
 * minimum (PANE_BOUNDS). The row never grows wider than the window: it did, and
 * the history's right edge was cut off. Without an open case the list has the
 * room (all its columns) and the fields pane only says how to start.
 */
function columns(layout: PaneLayout, caseOpen: boolean, historyShown: boolean): string {
  if (!caseOpen) return `minmax(0, 1fr) ${SPLITTER}px min(${layout.widths.fields}px, 40vw)`;
  const chosen = (pane: ResizablePane, cap: string) => `min(${layout.widths[pane]}px, ${cap})`;
  const track = (pane: ResizablePane, width: string) => `minmax(${PANE_BOUNDS[pane].min}px, ${width})`;
  const list = chosen('list', '34vw');
  const fields = chosen('fields', '42vw');
  const listColumns = layout.listCollapsed ? `${LIST_RAIL}px` : `${track('list', list)} ${SPLITTER}px`;
  let history = '';
  if (historyShown) {
    // The workspace is as wide as the window (100vw): what the others leave of it.
    const beside = layout.listCollapsed ? `${LIST_RAIL + 2 * SPLITTER}px` : `${list} - ${3 * SPLITTER}px`;
    const left = `calc(100vw - ${LETTER_MIN}px - ${beside} - ${fields})`;
    history = ` ${SPLITTER}px ${track('history', `min(${layout.widths.history}px, 26vw, ${left})`)}`;
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
  const workspace = useRef<HTMLElement>(null);
  const width = (selector: string) => workspace.current?.querySelector<HTMLElement>(selector)?.offsetWidth;

  useTheme(theme);
  useShortcuts();
  useEffect(() => {
    void init();
  }, [init]);

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
  const listShown = !caseOpen || !layout.listCollapsed;
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
          style={{ gridTemplateColumns: columns(layout, caseOpen, historyShown) }}
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
                  onToggle={() => toggleList(true)}
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
              aria-label="Show the case list"
              title="Show the case list (Ctrl+L)"
              onClick={() => toggleList(false)}
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
                onToggle={() => toggleHistory(false)}
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
