import { useApp } from '../store/appStore';
import { ImportMenu } from './ImportMenu';
import { shortcutText } from '../keyboard/keymap';

function plural(n: number, word: string): string {
  return `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;
}

export function Toolbar() {
  const stats = useApp((s) => s.stats);
  const settings = useApp((s) => s.settings);
  const caseOpen = useApp((s) => s.current.id !== null);
  const historyOpen = useApp((s) => s.layout.historyOpen);
  const listCollapsed = useApp((s) => s.layout.listCollapsed);
  const view = useApp((s) => s.view);
  const canUndo = useApp((s) => s.current.detail?.canUndo ?? false);
  const canRedo = useApp((s) => s.current.detail?.canRedo ?? false);
  const { setDialog, nextUnreviewed, toggleHistory, undo, redo, showImportReport } = useApp.getState();
  const hasReport = useApp((s) => s.importReport !== null);

  return (
    <header className="toolbar">
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
          onClick={() => setDialog('export')}
          title="Export to Excel or CSV (Ctrl+E)"
        >
          Export…
        </button>
      </div>
      <div className="toolbar-group">
        <button
          type="button"
          className="btn"
          aria-pressed={view === 'analytics'}
          onClick={() => useApp.getState().showView(view === 'analytics' ? 'cases' : 'analytics')}
          title="The letters in aggregate: rates, trends and turnaround for the list's filter"
        >
          Analytics
        </button>
        <button
          type="button"
          className="btn ghost"
          aria-pressed={view === 'cases' && !listCollapsed}
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
          onClick={() => void nextUnreviewed()}
          title={`Open the next case in the list with status New (${shortcutText('next-unreviewed')})`}
        >
          Next unreviewed
        </button>
        <button
          type="button"
          className="btn ghost"
          disabled={!canUndo}
          onClick={() => void undo()}
          title={`Undo the last change to this case (${shortcutText('undo')})`}
        >
          Undo
        </button>
        <button
          type="button"
          className="btn ghost"
          disabled={!canRedo}
          onClick={() => void redo()}
          title={`Redo (${shortcutText('redo')})`}
        >
          Redo
        </button>
        <button
          type="button"
          className="btn ghost"
          aria-pressed={historyOpen}
          disabled={!caseOpen}
          onClick={() => toggleHistory()}
          title={`The case's corrections, confirmations and notes (${shortcutText('toggle-history')})`}
        >
          History
        </button>
      </div>
      <div className="toolbar-spacer" />
      {stats ? (
        <div className="toolbar-stats" aria-label="Workspace totals">
          <span>{plural(stats.cases, 'case')}</span>
          <span>{plural(stats.items, 'item')}</span>
          <span>{plural(stats.corrections, 'correction')}</span>
        </div>
      ) : null}
      <button
        type="button"
        className="btn ghost reviewer-chip"
        onClick={() => setDialog('settings')}
        title={`Reviewer: ${settings?.reviewerName?.trim() || 'not set'} (change in Settings)`}
      >
        <span className="muted">Reviewer:</span>{' '}
        <span className="reviewer-name">{settings?.reviewerName?.trim() || 'not set'}</span>
      </button>
      <button type="button" className="btn ghost" onClick={() => setDialog('settings')}>
        Settings
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
    </header>
  );
}
