import { isApiName, parseApiInput, type ApiResult } from '../shared/api/contract';
import { IPC } from '../shared/api/bridge';
import { isTrustedSenderFrame } from './security';

export interface IpcInvokeEvent {
  senderFrame: { url: string; parent?: unknown } | null;
}

/** The slice of Electron's ipcMain this module uses (a fake in tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface BackendLike {
  dispatch(name: string, args: unknown): Promise<ApiResult<unknown>>;
}

const refused = (message: string): ApiResult<never> => ({ ok: false, error: { code: 'invalid_input', message } });

/**
 * Wires the one IPC channel the renderer may use. Main checks the sender
 * frame and validates the call against the contract before relaying it to the
 * backend process, so a compromised renderer cannot reach anything else.
 */
export function registerIpcHandlers(ipcMain: IpcMainLike, backend: () => BackendLike): () => void {
  ipcMain.handle(IPC.send, async (event, name, args) => {
    if (!isTrustedSenderFrame(event.senderFrame)) return refused('IPC from an untrusted frame was refused');
    if (!isApiName(name)) return refused(`Unknown API call: ${String(name)}`);
    const input = parseApiInput(name, args);
    if (!input.ok) return input;
    return backend().dispatch(name, args);
  });
  return () => ipcMain.removeHandler(IPC.send);
}
