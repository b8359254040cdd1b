/** The `?` overlay: every keyboard shortcut, from the one keymap (keyboard/keymap.ts). */
import { useApp } from '../store/appStore';
import { comboText, shortcutGroups } from '../keyboard/keymap';
import { Modal } from './Modal';

const MAC = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

export function ShortcutsDialog() {
  const setDialog = useApp((s) => s.setDialog);
  return (
    <Modal title="Keyboard shortcuts" onClose={() => setDialog(null)} wide>
      <p className="muted small">
        Tab and Shift+Tab go from field to field; Enter saves a field, Escape takes an edit back. Shortcuts with Alt or
        Ctrl work while you type in a field, except undo and redo (Ctrl+Z, Ctrl+Y), which there are the field&apos;s
        own, for your typing; the case&apos;s Undo is the top bar&apos;s, or Ctrl+Z outside the form. Single keys only
        outside the form.
      </p>
      <div className="shortcut-groups">
        {shortcutGroups().map(({ group, shortcuts }) => (
          <section key={group} className="shortcut-group" aria-labelledby={`keys-${group}`}>
            <h3 id={`keys-${group}`}>{group}</h3>
            <dl>
              {shortcuts.map((s) => (
                <div key={s.id} className="shortcut-row">
                  <dt>
                    {s.keys.map((k, i) => (
                      <span key={i}>
                        {i > 0 ? <span className="muted"> or </span> : null}
                        <kbd>{comboText(k, MAC)}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{s.label}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn primary" onClick={() => setDialog(null)}>
          Close
        </button>
      </div>
    </Modal>
  );
}
