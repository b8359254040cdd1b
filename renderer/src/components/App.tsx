import { useEffect } from 'react';
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
import { DropZone } from './DropZone';
import { PromptDialog } from './PromptDialog';
import { ErrorBoundary } from './ErrorBoundary';
import { EmptyState } from './EmptyState';
import { useShortcuts } from './shortcuts';

export function App() {
  const init = useApp((s) => s.init);
  const theme = useApp((s) => s.settings?.theme);
  const startupError = useApp((s) => s.startupError);
  const info = useApp((s) => s.info);
  const dialog = useApp((s) => s.dialog);
  const historyOpen = useApp((s) => s.historyOpen);
  const listCollapsed = useApp((s) => s.listCollapsed);
  const caseOpen = useApp((s) => s.current.id !== null);
  const isEmpty = useApp((s) => s.list.total === 0 && Object.keys(s.list.filter).length === 0);

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
      {isEmpty ? (
        <main className="workspace workspace-empty">
          <ErrorBoundary area="the start page">
            <EmptyState />
          </ErrorBoundary>
        </main>
      ) : (
        <main
          className={`workspace${caseOpen ? ' has-case' : ''}${historyOpen ? ' has-history' : ''}${listCollapsed ? ' list-collapsed' : ''}`}
        >
          <ErrorBoundary area="the case list">
            <CaseListPane />
          </ErrorBoundary>
          <ErrorBoundary area="the letter view">
            <LetterPane />
          </ErrorBoundary>
          <ErrorBoundary area="the fields form">
            <FieldsPane />
          </ErrorBoundary>
          {historyOpen && caseOpen ? (
            <ErrorBoundary area="the history panel">
              <HistoryPanel />
            </ErrorBoundary>
          ) : null}
        </main>
      )}
      <Notices />
      <DropZone />
      {dialog === 'export' ? <ExportDialog /> : null}
      {dialog === 'settings' ? <SettingsDialog /> : null}
      {dialog === 'import-report' ? <ImportReportDialog /> : null}
      <PromptDialog />
    </div>
  );
}
