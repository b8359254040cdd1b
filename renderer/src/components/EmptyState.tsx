import { useApp } from '../store/appStore';
import { chooseAndImport } from './files';

export function EmptyState() {
  const samplesAvailable = useApp((s) => s.info?.samplesAvailable ?? false);
  const startImport = useApp((s) => s.startImport);
  const importing = useApp((s) => Object.values(s.jobs).some((j) => j.kind === 'import' && j.phase === 'running'));
  const listError = useApp((s) => s.list.error);
  return (
    <section className="empty-state" aria-label="Cases">
      <h1>No letters in this workspace yet</h1>
      <p>
        Import IMR final determination letters (PDF or text) to extract their fields, review them beside the original
        and export the results.
      </p>
      {listError ? (
        <p className="error-text" role="alert">
          {listError}
        </p>
      ) : null}
      <div className="empty-actions">
        {samplesAvailable ? (
          <button
            type="button"
            className="btn primary large"
            disabled={importing}
            onClick={() => void startImport({ kind: 'samples' })}
          >
            Load the sample letters
          </button>
        ) : null}
        <button type="button" className="btn large" onClick={() => void chooseAndImport('files')}>
          Choose letters…
        </button>
        <button type="button" className="btn large" onClick={() => void chooseAndImport('folder')}>
          Choose a folder…
        </button>
      </div>
      <p className="muted">Or drag letters or whole folders anywhere onto this window.</p>
    </section>
  );
}
