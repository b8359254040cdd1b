/**
 * Thin, sandboxed preload: exposes exactly one typed object, `window.imr`.
 * No Node or Electron object ever reaches the page, and nothing in it takes
 * a path: files travel as bytes (uploads) or as grants from main's dialogs.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC, type ImrBridge, type MenuAction } from '../shared/api/bridge';
import type { ApiResult, GrantRef } from '../shared/api/contract';
import type { UploadBatchResult } from '../shared/api/upload-frames';
import type { BackendEvent } from '../shared/domain/case';

function subscribe<T>(channel: string, listener: (value: T) => void): () => void {
  const wrapped = (_event: unknown, value: T) => listener(value);
  ipcRenderer.on(channel, wrapped);
  return () => ipcRenderer.removeListener(channel, wrapped);
}

async function grantFrom(channel: string, arg: unknown): Promise<GrantRef | null> {
  const result = (await ipcRenderer.invoke(channel, arg)) as ApiResult<GrantRef | null>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const bridge: ImrBridge = {
  host: 'electron',
  send: ((name: string, args: unknown) => ipcRenderer.invoke(IPC.send, name, args)) as ImrBridge['send'],
  onEvent: (listener) => subscribe<BackendEvent>(IPC.event, listener),
  onMenu: (listener) => subscribe<MenuAction>(IPC.menu, listener),
  upload: async (uploadId, files) => {
    const batch = await Promise.all(
      files.map(async ({ name, file }) => ({ name, bytes: new Uint8Array(await file.arrayBuffer()) })),
    );
    return ipcRenderer.invoke(IPC.upload, uploadId, batch) as Promise<ApiResult<UploadBatchResult>>;
  },
  chooseImport: (kind) => grantFrom(IPC.chooseImport, kind),
  chooseExportFile: (request) => grantFrom(IPC.chooseExport, request),
};

contextBridge.exposeInMainWorld('imr', bridge);
