/**
 * Where IMR Workbench keeps a user's files when nobody names a place: the
 * default workspace and the settings in the user's data folder, exports in
 * their Downloads folder — never the current directory or the app's own
 * folder (which may be a git checkout or read-only).
 *
 * - Linux and other Unixes: `$XDG_DATA_HOME/imr-workbench` (default `~/.local/share/imr-workbench`), per the
 *   XDG Base Directory spec; Downloads from `XDG_DOWNLOAD_DIR` (env or `~/.config/user-dirs.dirs`), else `~/Downloads`.
 * - macOS: `~/Library/Application Support/IMR Workbench`, `~/Downloads`.
 * - Windows: `%APPDATA%\IMR Workbench`, `%USERPROFILE%\Downloads`.
 *
 * Functions take the environment as arguments so tests can point them anywhere.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface UserEnv {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
}

const current = (): UserEnv => ({ env: process.env, platform: process.platform, home: os.homedir() });

/** Path rules of the platform the folders are for (tests ask about other platforms). */
const paths = (u: UserEnv) => (u.platform === 'win32' ? path.win32 : path.posix);

/** An absolute path from the environment, or null (the XDG spec says relative values are to be ignored). */
function absoluteEnv(u: UserEnv, value: string | undefined): string | null {
  return value && paths(u).isAbsolute(value) ? value : null;
}

export function userDataDir(u: UserEnv = current()): string {
  const { join } = paths(u);
  if (u.platform === 'win32') {
    return join(absoluteEnv(u, u.env.APPDATA) ?? join(u.home, 'AppData', 'Roaming'), 'IMR Workbench');
  }
  if (u.platform === 'darwin') return join(u.home, 'Library', 'Application Support', 'IMR Workbench');
  return join(absoluteEnv(u, u.env.XDG_DATA_HOME) ?? join(u.home, '.local', 'share'), 'imr-workbench');
}

/** The file name of a new workspace: the default one, and the name the app's New workspace dialog offers. */
export const WORKSPACE_FILE_NAME = 'workspace.imr.sqlite';

export function defaultWorkspacePath(u: UserEnv = current()): string {
  return paths(u).join(userDataDir(u), WORKSPACE_FILE_NAME);
}

/**
 * The default workspace's path with its folder created (owner-only): the one workspace folder the app makes
 * itself. Any other workspace's folder must exist (refuseMissingFolder in backend/store/workspace-file.ts).
 */
export function ensureDefaultWorkspaceFolder(u: UserEnv = current()): string {
  const file = defaultWorkspacePath(u);
  fs.mkdirSync(paths(u).dirname(file), { recursive: true, mode: 0o700 });
  return file;
}

/** The reviewer's name and theme belong to the user, not to one workspace. */
export function userSettingsPath(u: UserEnv = current()): string {
  return paths(u).join(userDataDir(u), 'settings.json');
}

/** `XDG_DOWNLOAD_DIR="$HOME/Downloads"` from user-dirs.dirs (xdg-user-dirs' format), or null. */
function xdgDownloadDir(u: UserEnv): string | null {
  const fromEnv = absoluteEnv(u, u.env.XDG_DOWNLOAD_DIR);
  if (fromEnv) return fromEnv;
  const configHome = absoluteEnv(u, u.env.XDG_CONFIG_HOME) ?? path.join(u.home, '.config');
  try {
    const text = fs.readFileSync(path.join(configHome, 'user-dirs.dirs'), 'utf8');
    const match = /^XDG_DOWNLOAD_DIR="([^"]*)"/m.exec(text);
    if (!match) return null;
    const value = match[1]!.replace(/^\$HOME(?=\/|$)/, u.home);
    return path.isAbsolute(value) ? value : null;
  } catch {
    return null;
  }
}

/** The user's Downloads folder if it exists, else null. */
export function downloadsDir(u: UserEnv = current()): string | null {
  const candidate =
    u.platform === 'win32'
      ? path.win32.join(absoluteEnv(u, u.env.USERPROFILE) ?? u.home, 'Downloads')
      : u.platform === 'darwin'
        ? path.join(u.home, 'Downloads')
        : (xdgDownloadDir(u) ?? path.join(u.home, 'Downloads'));
  try {
    return fs.statSync(candidate).isDirectory() ? candidate : null;
  } catch {
    return null;
  }
}

/** Where an export goes when the reviewer names no file: Downloads, or `exports/` in the data folder without one. */
export function defaultExportsDir(u: UserEnv = current()): string {
  return downloadsDir(u) ?? paths(u).join(userDataDir(u), 'exports');
}
