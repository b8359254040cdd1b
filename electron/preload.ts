/**
 * Thin, sandboxed preload: exposes exactly one typed object, `window.imr`.
 * No Node or Electron object ever reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { IPC, type ImrBridge, type MenuAction } from '../shared/api/bridge';
import type { BackendEvent } from '../shared/domain/case';

function subscribe<T>(channel: string, listener: (value: T) => void): () => void {
  const wrapped = (_event: unknown, value: T) => listener(value);
  ipcRenderer.on(channel, wrapped);
  return () => ipcRenderer.removeListener(channel, wrapped);
}

const bridge: ImrBridge = {
  host: 'electron',
  send: ((name: string, args: unknown) => ipcRenderer.invoke(IPC.send, name, args)) as ImrBridge['send'],
  onEvent: (listener) => subscribe<BackendEvent>(IPC.event, listener),
  onMenu: (listener) => subscribe<MenuAction>(IPC.menu, listener),
  pathForFile: (file) => {
    try {
      return webUtils.getPathForFile(file) || null;
    } catch {
      return null;
    }
  },
};

contextBridge.exposeInMainWorld('imr', bridge);
