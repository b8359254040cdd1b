import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuAction } from '../shared/api/bridge';

export interface MenuHandlers {
  importLetters(): void;
  importFolder(): void;
  newWorkspace(): void;
  openWorkspace(): void;
  send(action: MenuAction): void;
}

/** The application menu; every item that needs the UI goes through `send`. */
export function buildMenu(h: MenuHandlers, options: { isMac: boolean; devTools: boolean }): Menu {
  const { isMac } = options;
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import Letters…', accelerator: 'CmdOrCtrl+I', click: () => h.importLetters() },
        { label: 'Import a Folder…', accelerator: 'CmdOrCtrl+Shift+I', click: () => h.importFolder() },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => h.send({ type: 'export-dialog' }) },
        { type: 'separator' },
        { label: 'New Workspace…', accelerator: 'CmdOrCtrl+Shift+N', click: () => h.newWorkspace() },
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => h.openWorkspace() },
        { type: 'separator' },
        { label: 'Re-parse All Letters', click: () => h.send({ type: 'reparse' }) },
        {
          label: 'Check Workspace Integrity…',
          accelerator: 'Alt+Shift+I',
          click: () => h.send({ type: 'integrity-dialog' }),
        },
        { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => h.send({ type: 'settings' }) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        // Development builds only (electron/main.ts decides).
        ...(options.devTools ? [{ role: 'toggleDevTools' as const }] : []),
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
