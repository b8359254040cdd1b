import { useApp } from '../store/appStore';
import { ImportMenu } from './ImportMenu';

function plural(n: number, word: string): string {
  return `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;
}

export function Toolbar() {
  const stats = useApp((s) => s.stats);
  const settings = useApp((s) => s.settings);
  const caseOpen = useApp((s) => s.current.id !== null);
  const historyOpen = useApp((s) => s.historyOpen);
  const listCollapsed = useApp((s) => s.listCollapsed);
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
          className="btn ghost"
          aria-pressed={!listCollapsed}
          onClick={() => useApp.getState().toggleList()}
          title="Show or hide the case list (Ctrl+L)"
        >
          Case list
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => void nextUnreviewed()}
          title="Open the next case with status New (N or Alt+N)"
        >
          Next unreviewed
        </button>
        <button
          type="button"
          className="btn ghost"
          disabled={!canUndo}
          onClick={() => void undo()}
          title="Undo last correction (Ctrl+Z)"
        >
          Undo
        </button>
        <button
          type="button"
          className="btn ghost"
          disabled={!canRedo}
          onClick={() => void redo()}
          title="Redo (Ctrl+Shift+Z)"
        >
          Redo
        </button>
        <button
          type="button"
          className="btn ghost"
          aria-pressed={historyOpen}
          disabled={!caseOpen}
          onClick={() => toggleHistory()}
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
      <button type="button" className="btn ghost reviewer-chip" onClick={() => setDialog('settings')} title="Settings">
        <span className="muted">Reviewer:</span> {settings?.reviewerName?.trim() || 'not set'}
      </button>
      <button type="button" className="btn ghost" onClick={() => setDialog('settings')}>
        Settings
      </button>
    </header>
  );
}
