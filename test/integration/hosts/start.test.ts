/**
 * `npm start` where the desktop app cannot run (no Electron binary here, or
 * `--browser` where there is one): the browser host on the default workspace
 * in the user's data folder, the address printed, a browser opened when the
 * system has one, and nothing worse than a one-line reason when it has none.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './cli-helpers';

const START = path.join(PROJECT_ROOT, 'scripts/start.mjs');
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) await stop(child);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function electronBinaryPresent(): boolean {
  const pkg = path.join(PROJECT_ROOT, 'node_modules/electron');
  try {
    return fs.existsSync(path.join(pkg, 'dist', fs.readFileSync(path.join(pkg, 'path.txt'), 'utf8').trim()));
  } catch {
    return false;
  }
}

interface Started {
  child: ChildProcess;
  url: URL;
  /** The access code printed on the line after the address. */
  accessCode: string;
  stderr: () => string;
  home: string;
  data: string;
}

/** Runs `npm start`'s script as a new user: fresh HOME and XDG data folder; resolves with the printed address and code. */
async function start(extraEnv: NodeJS.ProcessEnv = {}): Promise<Started> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-start-'));
  dirs.push(dir);
  const home = path.join(dir, 'home');
  const data = path.join(dir, 'data');
  fs.mkdirSync(home);
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_DATA_HOME: data, ...extraEnv };
  for (const name of ['DISPLAY', 'WAYLAND_DISPLAY', 'XDG_CONFIG_HOME', 'XDG_DOWNLOAD_DIR']) {
    if (!(name in extraEnv)) delete env[name];
  }
  const args = electronBinaryPresent() ? [START, '--browser'] : [START];
  const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [line, code] = await new Promise<[string, string]>((resolve, reject) => {
    let address = '';
    readline.createInterface({ input: child.stdout! }).on('line', (l) => {
      if (/^http:\/\//.test(l)) address = l;
      const access = /^access-code: (\S+)$/.exec(l);
      if (address && access) resolve([address, access[1]!]);
    });
    child.once('exit', (exit) =>
      reject(new Error(`npm start exited with ${exit} before printing an address: ${stderr}`)),
    );
  });
  return { child, url: new URL(line), accessCode: code, stderr: () => stderr, home, data };
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

/** Signs in with the access code (as the page does) and makes one call. */
async function callApi(app: Started, name: string): Promise<unknown> {
  const signIn = await fetch(`${app.url.origin}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: app.accessCode }),
  });
  const { session } = (await signIn.json()) as { session: string };
  const response = await fetch(`${app.url.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${session}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  return response.json();
}

/** Waits until the stream has printed `pattern` (the host writes its lines after the address). */
async function waitFor(read: () => string, pattern: RegExp, child: ChildProcess): Promise<string> {
  while (!pattern.test(read())) {
    if (child.exitCode !== null) throw new Error(`exited: ${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return read();
}

// Linux: the folders and the opener (xdg-open, DISPLAY) the test controls are Linux's.
describe.skipIf(process.platform !== 'linux')('npm start without the desktop app', () => {
  it('serves the app on the default workspace in the user data folder and says why', async () => {
    const app = await start();
    // The address carries no credential; the code the page asks for is printed apart.
    expect(app.url.href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(app.accessCode).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);

    const stderr = await waitFor(app.stderr, /Ctrl\+C to stop/, app.child);
    expect(stderr).toMatch(
      /IMR Workbench: starting in your browser — (the Electron .* binary has not been downloaded|you asked for the browser)/,
    );
    expect(stderr).toContain('No browser opened (no graphical session: DISPLAY is not set); open the address above');
    const workspace = path.join(app.data, 'imr-workbench/workspace.imr.sqlite');
    expect(stderr).toContain(`Workspace: ${workspace}`);
    expect(stderr).not.toMatch(/^\s+at /m);

    // The app answers: the page, and the API on the new, empty workspace with the samples offered.
    const page = await fetch(app.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(await callApi(app, 'app.info')).toMatchObject({
      ok: true,
      value: { host: 'web', dbPath: workspace, samplesAvailable: true },
    });
    expect(await callApi(app, 'stats.get')).toMatchObject({ ok: true, value: { cases: 0 } });
    expect(fs.existsSync(workspace)).toBe(true);

    // Stopping npm start stops the host it started: the address no longer answers.
    expect(await stop(app.child)).toBe(0);
    await expect(fetch(app.url)).rejects.toThrow();
  });

  it('opens the address with the system opener when there is a graphical session', async () => {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-opener-'));
    dirs.push(bin);
    const record = path.join(bin, 'opened.txt');
    fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\n`, { mode: 0o755 });
    const app = await start({ DISPLAY: ':99', PATH: `${bin}${path.delimiter}${process.env.PATH}` });
    await waitFor(app.stderr, /Opened in your browser\./, app.child);
    expect(fs.readFileSync(record, 'utf8').trim()).toBe(app.url.href);
  });
});
