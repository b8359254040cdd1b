import { useLayoutEffect, useRef } from 'react';
import { useApp } from '../store/appStore';
import { focusPane } from '../keyboard/focus';
import { chooseAndImport } from './files';

export function EmptyState() {
  const samplesAvailable = useApp((s) => s.info?.samplesAvailable ?? false);
  const startImport = useApp((s) => s.startImport);
  const importing = useApp((s) => Object.values(s.jobs).some((j) => j.kind === 'import' && j.phase === 'running'));
  const listError = useApp((s) => s.list.error);
  // The first letters in, this page gives way to the list: focus in it (the button that started the import) goes
  // to the list rather than falling to the page, where the next Tab would start over from the top bar. A layout
  // effect's cleanup runs before the page leaves the document, while it still holds focus.
  const page = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const section = page.current;
    return () => {
      if (section?.contains(document.activeElement)) requestAnimationFrame(() => focusPane('list'));
    };
  }, []);
  return (
    <section className="empty-state" aria-label="Cases" ref={page}>
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
            // aria-disabled, not disabled: a disabled button loses focus, which fell to the page on Enter.
            aria-disabled={importing}
            onClick={() => !importing && void startImport({ kind: 'samples' })}
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
