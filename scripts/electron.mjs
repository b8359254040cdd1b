// Is the Electron binary on this machine, and can it be fetched? Electron 45
// no longer downloads its binary when installed: `require('electron')`
// downloads it on first use (and on an offline machine dies with a raw
// "fetch failed" stack trace). So nothing here requires the package; we read
// the files its installer leaves behind.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const PKG_DIR = path.join(ROOT, 'node_modules/electron');

/** The installed electron package's version, or null without the package. */
export function electronVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(PKG_DIR, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** Electron 45's installer (@electron/get) asks for Node ≥ 22.12 (its package.json "engines"). */
export function nodeCanInstallElectron(version = process.versions.node) {
  const [major, minor] = version.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 12);
}

/** `{ binary }` when the Electron executable for this version is on disk, else `{ reason }` (one sentence). */
export function electronBinary() {
  const version = electronVersion();
  if (!version) return { reason: 'the electron package is not installed' };
  try {
    const relative = fs.readFileSync(path.join(PKG_DIR, 'path.txt'), 'utf8').trim();
    const installed = fs.readFileSync(path.join(PKG_DIR, 'dist/version'), 'utf8').trim().replace(/^v/, '');
    const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(PKG_DIR, 'dist'), relative);
    if (installed === version && fs.existsSync(binary)) return { binary, version };
    return { reason: `the downloaded Electron binary is not version ${version}` };
  } catch {
    return { reason: `the Electron ${version} binary has not been downloaded on this machine` };
  }
}

/**
 * Runs Electron's own installer (download, checksum, unzip) once, at install
 * time. Resolves `{ ok: true }` or `{ ok: false, reason }` with a one-line
 * reason; never rejects, never prints the installer's stack traces.
 */
export function fetchElectronBinary({ timeoutMs = 180_000 } = {}) {
  if (!nodeCanInstallElectron()) {
    return Promise.resolve({
      ok: false,
      reason: `Electron ${electronVersion()}'s installer needs Node ≥ 22.12 (this is ${process.version})`,
    });
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(PKG_DIR, 'install.js')], {
      cwd: PKG_DIR,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: err.message });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0 && 'binary' in electronBinary()) resolve({ ok: true });
      else {
        const first = stderr.split('\n').find((l) => /\w/.test(l) && !/^\s+at /.test(l)) ?? `exit ${code}`;
        resolve({ ok: false, reason: code === null ? 'the download timed out' : first.trim() });
      }
    });
  });
}

const NATIVE_DIR = path.join(ROOT, 'dist-electron/native');
const NATIVE_STAMP = path.join(NATIVE_DIR, 'electron-version');

/**
 * better-sqlite3 compiled for Electron's ABI, kept apart from the Node build
 * in node_modules that the CLI and tests use; electron/main.ts hands it to
 * the backend process through IMR_SQLITE_BINDING.
 */
export function electronNativeReady(version = electronVersion()) {
  try {
    return (
      fs.readFileSync(NATIVE_STAMP, 'utf8') === version && fs.existsSync(path.join(NATIVE_DIR, 'better_sqlite3.node'))
    );
  } catch {
    return false;
  }
}

/**
 * Compiles better-sqlite3 for Electron (node-gyp against Electron's headers,
 * which node-gyp downloads once into its cache). About 1–2 minutes on two
 * cores. Resolves `{ ok: true, seconds }` or `{ ok: false, reason }` with the
 * compiler's first error line; never rejects.
 */
export async function buildElectronNative({ version = electronVersion(), say = (line) => console.error(line) } = {}) {
  const started = performance.now();
  const work = path.join(NATIVE_DIR, 'build');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(NATIVE_DIR, { recursive: true });
  fs.cpSync(path.join(ROOT, 'node_modules/better-sqlite3'), work, { recursive: true });
  fs.rmSync(path.join(work, 'build'), { recursive: true, force: true });
  say(
    `Compiling better-sqlite3 for Electron ${version} (Electron's ABI differs from Node's; once per Electron version, about 1–2 minutes)…`,
  );
  const gyp = path.join(ROOT, 'node_modules/node-gyp/bin/node-gyp.js');
  const args = [
    'rebuild',
    '--release',
    `--target=${version}`,
    '--runtime=electron',
    '--dist-url=https://electronjs.org/headers',
  ];
  const output = [];
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [gyp, ...args], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (c) => output.push(c));
    child.stderr.on('data', (c) => output.push(c));
    child.on('error', () => resolve(-1));
    child.on('exit', (c) => resolve(c));
  });
  if (code !== 0) {
    const lines = Buffer.concat(output).toString('utf8').split('\n');
    const reason =
      lines.find((l) => /gyp ERR! (stack )?Error:|error:/i.test(l))?.trim() ?? `node-gyp exited with ${code}`;
    return { ok: false, reason };
  }
  fs.copyFileSync(path.join(work, 'build/Release/better_sqlite3.node'), path.join(NATIVE_DIR, 'better_sqlite3.node'));
  fs.writeFileSync(NATIVE_STAMP, version);
  fs.rmSync(work, { recursive: true, force: true });
  return { ok: true, seconds: Math.round((performance.now() - started) / 1000) };
}
