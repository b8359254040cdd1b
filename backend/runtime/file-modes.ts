/**
 * Files with patient data are the user's alone. Platform rule with no service
 * state, so every host — the CLI, the browser host, Electron's main process
 * and its backend process — applies the same one.
 */

/** Owner-only. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Every file a host process creates from now on is owner-only unless created
 * with an explicit wider mode: the workspace, its WAL and SHM, settings,
 * exports, uploads. Each host entry calls this first; the files that matter
 * also set their mode explicitly, so a library caller with a lax umask is
 * covered too.
 */
export function ownerOnlyUmask(): void {
  process.umask(0o077);
}
