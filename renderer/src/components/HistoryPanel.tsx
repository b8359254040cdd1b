/** The open case's audit trail, newest first, with a box to add a note. */
import { useEffect, useState } from 'react';
import { useApp } from '../store/appStore';
import { call, errorMessage } from '../api/bridge';
import { labelForPath } from '../fields/fieldDefs';
import type { AuditEvent } from '../../../shared/domain/case';

const TYPE_LABELS: Record<AuditEvent['type'], string> = {
  'set-field': 'Changed',
  'add-item': 'Added item',
  'delete-item': 'Deleted item',
  'split-item': 'Split item',
  'merge-items': 'Merged items',
  'reorder-items': 'Reordered items',
  'set-status': 'Status',
  note: 'Note',
  undo: 'Undid',
  redo: 'Redid',
  'import-letter': 'Imported',
  parse: 'Parsed',
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'empty';
  if (typeof value === 'string') return value.length > 120 ? `${value.slice(0, 120)}…` : value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('; ');
  const json = JSON.stringify(value);
  return json.length > 120 ? `${json.slice(0, 120)}…` : json;
}

/**
 * What an import or parse event recorded, in a line: the file and the start
 * of its SHA-256 (the full checksums are in `imr history --json`), the parser
 * version.
 */
function provenanceText(value: unknown): string {
  const record = value as { document?: { fileName?: string; sha256?: string }; parse?: { parserVersion?: string } };
  const parser = record.parse?.parserVersion ? `parser ${record.parse.parserVersion}` : '';
  if (!record.document) return parser;
  const checksum = record.document.sha256 ? ` · SHA-256 ${record.document.sha256.slice(0, 12)}…` : '';
  return `${record.document.fileName ?? 'letter'}${checksum}${parser ? ` · ${parser}` : ''}`;
}

export function HistoryPanel() {
  const caseId = useApp((s) => s.current.id);
  const version = useApp((s) => s.historyVersion);
  const detailStamp = useApp((s) => s.current.detail);
  const applyChange = useApp((s) => s.applyChange);
  const toggleHistory = useApp((s) => s.toggleHistory);
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
          onClick={() => toggleHistory(false)}
        >
          ×
        </button>
      </div>
      <div className="pane-body">
        <form
          className="note-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (note.trim() && (await applyChange({ type: 'note', text: note.trim() }))) setNote('');
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
            return (
              <li key={event.id} className={`history-entry type-${event.type}`}>
                <div className="history-meta">
                  <strong>{TYPE_LABELS[event.type] ?? event.type}</strong>
                  {event.path ? <span> {labelForPath(event.path)}</span> : null}
                  {target ? (
                    <span className="muted">
                      {' '}
                      ({TYPE_LABELS[target.type]} {labelForPath(target.path)})
                    </span>
                  ) : null}
                </div>
                {event.type === 'set-field' || event.type === 'set-status' ? (
                  <div className="history-change">
                    <span className="old">{show(event.oldValue)}</span> →{' '}
                    <span className="new">{show(event.newValue)}</span>
                  </div>
                ) : event.type === 'note' ? (
                  <div className="history-change">{show(event.newValue)}</div>
                ) : event.type === 'import-letter' || event.type === 'parse' ? (
                  <div className="history-change">{provenanceText(event.newValue)}</div>
                ) : null}
                {event.reason ? <div className="history-reason">Reason: {event.reason}</div> : null}
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
