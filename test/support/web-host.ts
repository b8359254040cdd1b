/**
 * The built browser host as a user starts it (`npm run web`), for e2e specs,
 * integration tests and benchmarks alike: one place that knows what the host
 * prints (line 1 the address, line 2 `access-code: …`) and how a client signs
 * in (backend/hosts/web/sessions.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

/** The built browser host (scripts/build.mjs; the e2e global set-up rebuilds it when stale). */
export const WEB_HOST_BIN = path.join(PROJECT_ROOT, 'dist/node/web.mjs');

export interface WebHostProcess {
  /** The address printed (no credential in it). */
  url: string;
  origin: string;
  /** The access code printed on the second line. */
  accessCode: string;
  child: ChildProcess;
  stderr: () => string;
}

/**
 * The environment of a host the tests start: the user's data and Downloads
 * folders (settings, default exports) inside `dir`, so no test reads or writes
 * the real user's files or another test's settings.
 */
export function isolatedEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: path.join(dir, 'home'),
    XDG_DATA_HOME: path.join(dir, 'data'),
  };
  for (const name of ['XDG_CONFIG_HOME', 'XDG_DOWNLOAD_DIR', 'APPDATA', 'USERPROFILE', 'DISPLAY', 'WAYLAND_DISPLAY']) {
    delete env[name];
  }
  return env;
}

/**
 * Starts the built browser host with `args` (e.g. `--db`, `--port 0`),
 * isolated in `dir` (isolatedEnv), and resolves once it has printed its
 * address and access code; rejects with its stderr if it exits or takes
 * longer than `timeoutMs`.
 */
export async function startWebHostProcess(args: string[], dir: string, timeoutMs = 30_000): Promise<WebHostProcess> {
  const child = spawn(process.execPath, [WEB_HOST_BIN, ...args], {
    cwd: PROJECT_ROOT,
    env: isolatedEnv(dir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [address, codeLine] = await new Promise<string[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${stderr}`)), timeoutMs);
    const lines = readline.createInterface({ input: child.stdout! });
    const seen: string[] = [];
    lines.on('line', (line) => {
      seen.push(line);
      if (seen.length < 2) return;
      clearTimeout(timer);
      lines.close();
      resolve(seen);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}: ${stderr}`));
    });
  });
  const url = new URL(address!);
  return {
    url: address!,
    origin: url.origin,
    accessCode: /^access-code: (\S+)$/.exec(codeLine ?? '')?.[1] ?? '',
    child,
    stderr: () => stderr,
  };
}

/** Swaps the access code for a session, as the page does; the headers an API call then needs. */
export async function signInOverHttp(origin: string, accessCode: string): Promise<Record<string, string>> {
  const response = await fetch(`${origin}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: accessCode }),
  });
  if (response.status !== 201) throw new Error(`sign-in refused: ${response.status} ${await response.text()}`);
  const { session } = (await response.json()) as { session: string };
  return { Authorization: `Bearer ${session}`, 'Content-Type': 'application/json' };
}
