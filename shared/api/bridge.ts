import type { BackendEvent } from '../domain/case';
import type { ApiResult, ExportedFile, GrantRef, Send } from './contract';
import type { UploadBatchResult } from './upload-frames';

/** Actions the desktop menu (or a keyboard shortcut) asks the renderer to perform. */
export type MenuAction =
  /** The user chose letters in the main process's open dialog: import what the grant covers. */
  | { type: 'import-grant'; grant: string }
  | { type: 'import-dialog' }
  | { type: 'export-dialog' }
  | { type: 'integrity-dialog' }
  | { type: 'reparse' }
  | { type: 'settings' }
  | { type: 'workspace-changed'; dbPath: string };

/** What the save dialog is for: the export's format and whether CSV sibling files are written too. */
export interface ExportFileRequest {
  format: 'xlsx' | 'csv';
  allTables: boolean;
}

/**
 * The one object the renderer talks to. In Electron the preload exposes it as
 * `window.imr`; in a plain browser the renderer builds it over HTTP
 * (renderer/src/api/). Nothing else crosses the boundary, and nothing in it
 * names a path: files reach the backend as uploads or through grants for
 * what the user chose in a dialog the main process shows.
 */
export interface ImrBridge {
  host: 'electron' | 'web';
  send: Send;
  onEvent(listener: (event: BackendEvent) => void): () => void;
  onMenu(listener: (action: MenuAction) => void): () => void;
  /**
   * Sends a batch of files of an open upload (import.upload.open), in order;
   * the answer counts the files stored and lists each one refused.
   */
  upload(uploadId: string, files: { name: string; file: Blob }[]): Promise<ApiResult<UploadBatchResult>>;
  /** Electron: the main process's open dialog; a grant for what the user chose, or null when cancelled. */
  chooseImport?(kind: 'files' | 'folder'): Promise<GrantRef | null>;
  /** Electron: the main process's save dialog; a grant for exactly the file(s) this export writes, or null. */
  chooseExportFile?(request: ExportFileRequest): Promise<GrantRef | null>;
  /** Browser: fetches a finished export's file and hands it to the browser's downloads. */
  download?(file: ExportedFile): Promise<void>;
}

/** Names of the IPC channels; the preload and main must agree on them. */
export const IPC = {
  send: 'imr:send',
  event: 'imr:event',
  menu: 'imr:menu',
  upload: 'imr:upload',
  chooseImport: 'imr:choose-import',
  chooseExport: 'imr:choose-export',
} as const;
