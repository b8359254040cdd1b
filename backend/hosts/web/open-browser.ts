/**
 * Opens an address in the user's browser with the system's own opener:
 * `open` (macOS), `start` through cmd (Windows), `xdg-open` (Linux and other
 * Unixes). Never throws: a machine without a browser still runs the host, and
 * the caller prints the address either way.
 *
 * Hand-written rather than the `open` package because of one rule it does not
 * have: on Linux without a graphical session (no DISPLAY / WAYLAND_DISPLAY),
 * xdg-open falls back to a text browser (w3m, lynx) that would take over the
 * very terminal the host prints to — so there we do not try at all.
 */
import { spawn } from 'node:child_process';

export type OpenOutcome = { opened: true; with: string } | { opened: false; reason: string };

export function browserOpener(
  url: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): { command: string; args: string[] } | { reason: string } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a cmd built-in; its first quoted argument is a window title, hence the empty "".
  if (platform === 'win32') return { command: 'cmd', args: ['/d', '/s', '/c', `start "" "${url}"`] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return { reason: 'no graphical session: DISPLAY is not set' };
  return { command: 'xdg-open', args: [url] };
}

/** Resolves once the opener has exited (or failed to start); a browser it launched keeps running on its own. */
export function openInBrowser(url: string): Promise<OpenOutcome> {
  const opener = browserOpener(url);
  if ('reason' in opener) return Promise.resolve({ opened: false, reason: opener.reason });
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(opener.command, opener.args, { stdio: 'ignore', detached: true, windowsVerbatimArguments: true });
    } catch (err) {
      resolve({ opened: false, reason: `${opener.command} could not start (${(err as Error).message})` });
      return;
    }
    child.once('error', (err: NodeJS.ErrnoException) =>
      resolve({
        opened: false,
        reason: err.code === 'ENOENT' ? `${opener.command} is not installed` : `${opener.command}: ${err.message}`,
      }),
    );
    child.once('exit', (code) =>
      resolve(
        code === 0
          ? { opened: true, with: opener.command }
          : { opened: false, reason: `${opener.command} found no browser (exit ${code})` },
      ),
    );
    child.unref();
  });
}
