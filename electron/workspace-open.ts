import { errorText } from '../shared/api/error-text';

/** What opening a workspace needs from main (Electron's backend process, dialog and state file; fakes in tests). */
export interface WorkspaceOpener {
  /** Starts a backend on `dbPath` (stopping the one before); `ready` rejects with the store's reason. */
  start(dbPath: string): { ready: Promise<void> };
  /** Keeps `dbPath` as the workspace to open at the next start. */
  remember(dbPath: string): void;
  /** Tells the user why a workspace could not be opened. */
  showError(message: string): void;
  /** Tells the window that another workspace is open now. */
  announce(dbPath: string): void;
}

/**
 * Opens `dbPath`. It is remembered for the next start only once it opened; if
 * it does not open (a letter or a folder picked in Open workspace: the store
 * says which), the reason is shown and `fallback` — the workspace that was
 * open — is opened again, so one wrong pick never leaves the window without a
 * workspace, or the app failing on it at every start. Resolves with the
 * workspace open at the end (or null when none could be).
 */
export async function openWorkspace(
  opener: WorkspaceOpener,
  dbPath: string,
  fallback?: string,
): Promise<string | null> {
  try {
    await opener.start(dbPath).ready;
    opener.remember(dbPath);
    return dbPath;
  } catch (err) {
    opener.showError(`The workspace could not be opened:\n${errorText(err)}`);
    if (fallback === undefined || fallback === dbPath) return null;
    const reopened = await openWorkspace(opener, fallback);
    if (reopened !== null) opener.announce(reopened);
    return reopened;
  }
}
