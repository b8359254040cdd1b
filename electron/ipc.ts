import { z } from 'zod';
import { isApiName, parseApiInput, unknownCall, type ApiResult, type GrantRef } from '../shared/api/contract';
import { IPC } from '../shared/api/bridge';
import { callSizeRefusal } from '../shared/api/call-size';
import { LIMITS } from '../shared/api/limits';
import { BATCH_MAX_FILES, MAX_NAME_BYTES, MAX_UPLOAD_REQUEST_BYTES } from '../shared/api/upload-frames';
import type { PrivilegedInput, PrivilegedName, PrivilegedOutput } from '../shared/api/privileged';
import { exportFilePaths } from '../shared/api/export-files';
import { isTrustedSenderFrame } from './security';

export interface IpcInvokeEvent {
  senderFrame: { url: string; parent?: unknown } | null;
}

/** The slice of Electron's ipcMain this module uses (a fake in tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** The backend process as main sees it (electron/backend-client.ts). */
export interface BackendLike {
  dispatch(name: string, args: unknown): Promise<ApiResult<unknown>>;
  privileged<N extends PrivilegedName>(name: N, args: PrivilegedInput<N>): Promise<ApiResult<PrivilegedOutput<N>>>;
  upload(uploadId: string, files: { name: string; bytes: Uint8Array }[]): Promise<ApiResult<unknown>>;
}

/** Native dialogs, shown by main (Electron's `dialog`; a fake in tests). Each resolves with absolute paths or null. */
export interface FileDialogs {
  openForImport(kind: 'files' | 'folder'): Promise<string[] | null>;
  saveForExport(format: 'xlsx' | 'csv'): Promise<string | null>;
  /** Asks before replacing files the user did not pick by name (CSV sibling files). */
  confirmReplace(paths: string[]): Promise<boolean>;
  /** Which of `paths` exist already. */
  existing(paths: string[]): string[];
}

const refused = (message: string): ApiResult<never> => ({ ok: false, error: { code: 'invalid_input', message } });

const importKind = z.enum(['files', 'folder']);
const exportRequest = z.object({ format: z.enum(['xlsx', 'csv']), allTables: z.boolean() }).strict();
/** A batch of letters (the same bounds as an HTTP upload batch: shared/api/upload-frames.ts). */
const uploadArgs = z.tuple([
  z.string().min(1).max(64),
  z
    .array(
      z
        .object({
          name: z.string().min(1).max(MAX_NAME_BYTES),
          bytes: z.instanceof(Uint8Array).refine((b) => b.length <= LIMITS.letterFileBytes, 'file too large'),
        })
        .strict(),
    )
    .min(1)
    .max(BATCH_MAX_FILES)
    .refine(
      (files) => files.reduce((sum, f) => sum + f.bytes.length, 0) <= MAX_UPLOAD_REQUEST_BYTES,
      'batch too large',
    ),
]);

/**
 * Opens the import dialog in main and grants exactly what the user chose.
 * Used by the renderer's Import button (over IPC) and by the File menu.
 */
export async function chooseImport(
  backend: BackendLike,
  dialogs: FileDialogs,
  kind: 'files' | 'folder',
): Promise<ApiResult<GrantRef | null>> {
  const paths = await dialogs.openForImport(kind);
  if (!paths || paths.length === 0) return { ok: true, value: null };
  return backend.privileged('grants.issue', { purpose: 'import', paths });
}

/** The save dialog, then a grant for exactly the file(s) this export will write. */
export async function chooseExportFile(
  backend: BackendLike,
  dialogs: FileDialogs,
  request: { format: 'xlsx' | 'csv'; allTables: boolean },
): Promise<ApiResult<GrantRef | null>> {
  const file = await dialogs.saveForExport(request.format);
  if (!file) return { ok: true, value: null };
  const paths = exportFilePaths(file, request);
  // The save dialog asked about the file the user named; ask about the sibling files too.
  const siblings = dialogs.existing(paths.slice(1));
  if (siblings.length > 0 && !(await dialogs.confirmReplace(siblings))) return { ok: true, value: null };
  return backend.privileged('grants.issue', { purpose: 'export', format: request.format, paths });
}

/**
 * Wires the IPC channels the renderer may use. Main checks the sender frame
 * and validates every message before relaying it: API calls go to the
 * renderer-facing API only (privileged calls are unknown there), file bytes
 * to an open upload, and paths are never accepted from the renderer — they
 * come from the dialogs main shows, as grants.
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  backend: () => BackendLike,
  dialogs: FileDialogs,
): () => void {
  const trusted = (event: IpcInvokeEvent) => isTrustedSenderFrame(event.senderFrame);
  const untrusted = refused('IPC from an untrusted frame was refused');

  ipcMain.handle(IPC.send, async (event, name, args) => {
    if (!trusted(event)) return untrusted;
    if (!isApiName(name)) return unknownCall(name);
    // The browser host's limit for the same call (the contract's), measured on the decoded input.
    const tooLarge = callSizeRefusal(name, args);
    if (tooLarge) return { ok: false, error: tooLarge };
    const input = parseApiInput(name, args);
    if (!input.ok) return input;
    return backend().dispatch(name, args);
  });
  ipcMain.handle(IPC.upload, async (event, ...args) => {
    if (!trusted(event)) return untrusted;
    const parsed = uploadArgs.safeParse(args);
    if (!parsed.success) return refused('Files to import were refused (missing, or over the size limits)');
    const [uploadId, files] = parsed.data;
    return backend().upload(uploadId, files);
  });
  ipcMain.handle(IPC.chooseImport, async (event, kind) => {
    if (!trusted(event)) return untrusted;
    const parsed = importKind.safeParse(kind);
    if (!parsed.success) return refused('Choose files or a folder');
    return chooseImport(backend(), dialogs, parsed.data);
  });
  ipcMain.handle(IPC.chooseExport, async (event, request) => {
    if (!trusted(event)) return untrusted;
    const parsed = exportRequest.safeParse(request);
    if (!parsed.success) return refused('Not an export request');
    return chooseExportFile(backend(), dialogs, parsed.data);
  });
  const channels = [IPC.send, IPC.upload, IPC.chooseImport, IPC.chooseExport];
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}
