import type { BackendEvent } from '../domain/case';
import type { Send } from './contract';

/** Actions the desktop menu (or a keyboard shortcut) asks the renderer to perform. */
export type MenuAction =
  | { type: 'import-files'; paths: string[] }
  | { type: 'import-dialog' }
  | { type: 'export-dialog' }
  | { type: 'reparse' }
  | { type: 'settings' }
  | { type: 'workspace-changed'; dbPath: string };

/**
 * The one object the renderer talks to. In Electron the preload exposes it as
 * `window.imr`; in a plain browser the renderer builds it over HTTP
 * (renderer/src/api/). Nothing else crosses the boundary.
 */
export interface ImrBridge {
  host: 'electron' | 'web';
  send: Send;
  onEvent(listener: (event: BackendEvent) => void): () => void;
  onMenu(listener: (action: MenuAction) => void): () => void;
  /** Electron only: the filesystem path of a dropped File (null in a browser). */
  pathForFile(file: File): string | null;
}

/** Names of the IPC channels; the preload and main must agree on them. */
export const IPC = {
  send: 'imr:send',
  event: 'imr:event',
  menu: 'imr:menu',
} as const;
