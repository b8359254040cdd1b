import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuAction } from '../shared/api/bridge';
import { COMMAND_KEYS, electronAccelerator, type CommandKey } from '../shared/api/command-keys';

/** A command's accelerator, from the one table the review screen's keymap also reads. */
const keys = (command: CommandKey) => electronAccelerator(COMMAND_KEYS[command]);

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
        { label: 'Import Letters…', accelerator: keys('importLetters'), click: () => h.importLetters() },
        { label: 'Import a Folder…', accelerator: keys('importFolder'), click: () => h.importFolder() },
        { label: 'Export…', accelerator: keys('export'), click: () => h.send({ type: 'export-dialog' }) },
        { type: 'separator' },
        { label: 'New Workspace…', accelerator: keys('newWorkspace'), click: () => h.newWorkspace() },
        { label: 'Open Workspace…', accelerator: keys('openWorkspace'), click: () => h.openWorkspace() },
        { type: 'separator' },
        { label: 'Re-parse All Letters', click: () => h.send({ type: 'reparse' }) },
        {
          label: 'Check Workspace Integrity…',
          accelerator: keys('integrity'),
          click: () => h.send({ type: 'integrity-dialog' }),
        },
        { label: 'Settings…', accelerator: keys('settings'), click: () => h.send({ type: 'settings' }) },
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
