/** The open case's audit trail, newest first, with a box to add a note. */
import { useEffect, useState } from 'react';
import { useApp } from '../store/appStore';
import { CaseNumbers } from './CaseNumbers';
import { call, errorMessage } from '../api/bridge';
import { eventChange, eventTitle } from '../../../shared/domain/audit-text';
import type { AuditEvent } from '../../../shared/domain/case';

export function HistoryPanel() {
  const caseId = useApp((s) => s.current.id);
  const version = useApp((s) => s.historyVersion);
  const detailStamp = useApp((s) => s.current.detail);
  const applyChange = useApp((s) => s.applyChange);
  const toggleHistory = useApp((s) => s.toggleHistory);
  const caseIdForNote = caseId ?? undefined;
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');

  useEffect(() => {
    if (caseId === null) return;
    let cancelled = false;
    call('corrections.history', { caseId })
      .then((list) => {
        if (!cancelled) {
          setEvents(list);
          setError(null);
        }
      })
      .catch((e: unknown) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
  }, [caseId, version, detailStamp]);

  const byId = new Map((events ?? []).map((e) => [e.id, e]));
  return (
    <aside className="pane history-pane" aria-label="History">
      <div className="pane-head">
        <h2 className="pane-title">History</h2>
        <button
          type="button"
          className="btn ghost small"
          aria-label="Close history"
          onClick={() => {
            toggleHistory(false);
            // The panel and this button go: focus goes to the top bar's History button, which opens it again.
            document.getElementById('history-toggle')?.focus();
          }}
        >
          ×
        </button>
      </div>
      <div className="pane-body">
        <form
          className="note-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (note.trim() && (await applyChange({ type: 'note', text: note.trim() }, undefined, caseIdForNote)))
              setNote('');
          }}
        >
          <label htmlFor="note-input" className="field-label">
            Add a note
          </label>
          <textarea id="note-input" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          <button type="submit" className="btn small" disabled={!note.trim()}>
            Add note
          </button>
        </form>
        {error ? (
          <p className="error-text" role="alert">
            {error}
          </p>
        ) : null}
        {events === null && !error ? <p className="muted">Loading…</p> : null}
        {events && !events.some((e) => e.type !== 'import-letter' && e.type !== 'parse') ? (
          <p className="muted">No corrections yet. The letter is as parsed.</p>
        ) : null}
        <ol className="history-list">
          {[...(events ?? [])].reverse().map((event) => {
            const target = event.targetEventId !== null ? byId.get(event.targetEventId) : undefined;
            // An undo or redo changes what its target changed: shown as that change, in its direction.
            const change = eventChange(event, target);
            return (
              <li key={event.id} className={`history-entry type-${event.type}`}>
                <div className="history-meta">
                  <strong>{eventTitle(event, target)}</strong>
                </div>
                {change === null ? null : 'text' in change ? (
                  <div className="history-change">
                    <CaseNumbers text={change.text} />
                  </div>
                ) : (
                  <div className="history-change">
                    <span className="old">
                      <CaseNumbers text={change.before} />
                    </span>{' '}
                    →{' '}
                    <span className="new">
                      <CaseNumbers text={change.after} />
                    </span>
                  </div>
                )}
                {event.reason ? (
                  <div className="history-reason">
                    Reason: <CaseNumbers text={event.reason} />
                  </div>
                ) : null}
                <div className="muted small">
                  {event.reviewer} · <time dateTime={event.at}>{new Date(event.at).toLocaleString()}</time>
                </div>
              </li>
            );
          })}
        </ol>
      </div>
    </aside>
  );
}
