import { useState } from 'react';
import { useApp } from '../store/appStore';
import { Modal } from './Modal';
import { shortcutText } from '../keyboard/keymap';

export function SettingsDialog() {
  const settings = useApp((s) => s.settings);
  const info = useApp((s) => s.info);
  const saveSettings = useApp((s) => s.saveSettings);
  const setDialog = useApp((s) => s.setDialog);
  const [name, setName] = useState(settings?.reviewerName ?? '');
  const [theme, setTheme] = useState(settings?.theme ?? 'system');
  const [error, setError] = useState<string | null>(null);
  const close = () => setDialog(null);
  const save = async () => {
    if (!name.trim()) {
      setError('Enter the name that should appear in the audit trail.');
      return;
    }
    if (await saveSettings({ reviewerName: name.trim(), theme })) close();
  };
  return (
    <Modal title="Settings" onClose={close}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label htmlFor="reviewer-name" className="field-label">
          Reviewer name
        </label>
        <input
          id="reviewer-name"
          type="text"
          value={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'reviewer-error' : 'reviewer-hint'}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
        />
        {error ? (
          <p id="reviewer-error" className="error-text small">
            {error}
          </p>
        ) : (
          <p id="reviewer-hint" className="muted small">
            Recorded with every correction you make.
          </p>
        )}
        <fieldset className="radio-group">
          <legend className="field-label">Theme</legend>
          {(['system', 'light', 'dark'] as const).map((t) => (
            <label key={t}>
              <input type="radio" name="theme" value={t} checked={theme === t} onChange={() => setTheme(t)} />{' '}
              {t === 'system' ? 'Follow the system' : t === 'light' ? 'Light' : 'Dark'}
            </label>
          ))}
        </fieldset>
        {info ? (
          <dl className="info-list small">
            <dt>Workspace</dt>
            <dd className="mono">{info.dbPath}</dd>
            <dd>
              {/* Here rather than on the top bar, which has no room for another control at 1440 px with a case
                  open (toolbar.ui.spec.ts); Alt+Shift+I and the desktop app's File menu reach it from anywhere. */}
              <button
                type="button"
                className="btn small"
                title={`That nothing was changed outside IMR Workbench (${shortcutText('integrity')})`}
                onClick={() => setDialog('integrity')}
              >
                Check workspace integrity…
              </button>
            </dd>
            <dt>Versions</dt>
            <dd>
              app {info.appVersion} · parser {info.parserVersion} · schema {info.schemaVersion}
            </dd>
          </dl>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="btn primary">
            Save settings
          </button>
        </div>
      </form>
    </Modal>
  );
}
