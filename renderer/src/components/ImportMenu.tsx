/**
 * The toolbar's Import button: letters, a folder, or a folder the browser host
 * was started with. One button keeps the toolbar on one line; the choices open
 * Electron's native dialogs or the browser's pickers (files.ts).
 */
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../store/appStore';
import { chooseAndImport, importFiles } from './files';
import { useMenuDismiss } from './useMenuDismiss';
import { rovingKeyDown } from '../keyboard/roving';
import { shortcutText } from '../keyboard/keymap';

export function ImportMenu() {
  const importFolders = useApp((s) => s.info?.importFolders ?? []);
  // A read-only workspace cannot take letters: say why on the button instead of after the picker.
  const readOnly = useApp((s) => s.info?.readOnly ?? null);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // React has no prop for it: the browser's folder picker (files arrive with their path in the folder).
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);
  useMenuDismiss(
    open,
    () => setOpen(false),
    root,
    () => root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus(),
  );

  const choose = (action: () => void) => {
    setOpen(false);
    action();
  };
  const onPicked = (e: React.ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    e.target.value = '';
    if (files.length) void importFiles(files);
  };

  return (
    <div
      className="menu"
      ref={root}
      // Tab past the open menu closes it, as a menu does; focus goes where the key sent it.
      onBlur={(e) => {
        if (open && !root.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        type="button"
        className="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        disabled={readOnly !== null}
        title={readOnly ?? `Import letters (${shortcutText('import')}) or a folder of them`}
      >
        Import…
      </button>
      {open ? (
        // A menu's items are reached with the arrow keys (and Home, End), as role="menu" tells a screen reader.
        <div
          className="menu-panel"
          role="menu"
          aria-label="Import"
          onKeyDown={(e) => {
            // Shift+Tab from an item lands on the Import button, inside the menu's root, so the blur rule below keeps
            // the menu open: close it here; focus still moves as the key says.
            if (e.key === 'Tab' && e.shiftKey) setOpen(false);
            else rovingKeyDown(e);
          }}
        >
          <button type="button" role="menuitem" data-roving onClick={() => choose(() => void chooseAndImport('files'))}>
            Letters (PDF or text)…
          </button>
          <button
            type="button"
            role="menuitem"
            data-roving
            onClick={() => choose(() => void chooseAndImport('folder'))}
          >
            A folder of letters…
          </button>
          {importFolders.map((folder) => (
            <button
              key={folder.grant}
              type="button"
              role="menuitem"
              data-roving
              title={`${folder.label} (named when the host started)`}
              onClick={() => choose(() => void useApp.getState().startImport({ kind: 'grant', grant: folder.grant }))}
            >
              From {folder.label.split(/[\\/]/).filter(Boolean).pop() ?? folder.label}
            </button>
          ))}
        </div>
      ) : null}
      <input
        id="import-file-input"
        type="file"
        multiple
        accept=".pdf,.txt,.text,application/pdf,text/plain"
        hidden
        aria-label="Letters to import"
        onChange={onPicked}
      />
      <input
        id="import-folder-input"
        ref={folderInput}
        type="file"
        multiple
        hidden
        aria-label="Folder of letters to import"
        onChange={onPicked}
      />
    </div>
  );
}
