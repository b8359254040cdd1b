import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuAction } from '../shared/api/bridge';

export interface MenuHandlers {
  importLetters(): void;
  newWorkspace(): void;
  openWorkspace(): void;
  send(action: MenuAction): void;
}

/** The application menu; every item that needs the UI goes through `send`. */
export function buildMenu(h: MenuHandlers, isMac: boolean): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import Letters…', accelerator: 'CmdOrCtrl+I', click: () => h.importLetters() },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => h.send({ type: 'export-dialog' }) },
        { type: 'separator' },
        { label: 'New Workspace…', accelerator: 'CmdOrCtrl+Shift+N', click: () => h.newWorkspace() },
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => h.openWorkspace() },
        { type: 'separator' },
        { label: 'Re-parse All Letters', click: () => h.send({ type: 'reparse' }) },
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
        ...(process.env.IMR_DEVTOOLS ? [{ role: 'toggleDevTools' as const }] : []),
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
