// `npm start`: the desktop app where Electron can run; otherwise the same app
// in the system's browser, served by the loopback browser host on the default
// workspace in the user's data folder. Either way it says which mode started
// and why, rebuilds only what changed since the last build, fetches nothing,
// and turns expected situations into one-line messages, not stack traces.
//   npm start                 desktop app, or the browser where it cannot run
//   npm start -- --browser    the browser even where the desktop app could run
import { spawn } from 'node:child_process';
import path from 'node:path';
import { runBuild } from './build.mjs';
import { buildElectronNative, electronBinary, electronNativeReady, nodeCanInstallElectron } from './electron.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const say = (line) => process.stderr.write(`IMR Workbench: ${line}\n`);

/** Why the desktop app cannot start here, or null when it can. */
function desktopUnavailable(electron) {
  if (process.argv.includes('--browser')) return 'you asked for the browser (--browser)';
  if ('reason' in electron) {
    const hint = nodeCanInstallElectron()
      ? '`npx install-electron` downloads it'
      : `Electron's installer needs Node ≥ 22.12, this is ${process.version}`;
    return `${electron.reason} (${hint})`;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'there is no graphical session for a desktop window (DISPLAY is not set)';
  }
  return null;
}

/** Runs a child with our terminal, passes on Ctrl+C / termination, and exits with its code. */
function runChild(command, args) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('error', (err) => {
    say(`could not start ${path.basename(command)} (${err.message})`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

async function build(parts) {
  try {
    await runBuild({ parts, ifStale: true, log: (line) => say(line) });
  } catch (err) {
    say(`the build failed: ${err instanceof Error ? err.message.split('\n')[0] : err}`);
    process.exit(1);
  }
}

async function startBrowser(why) {
  say(`starting in your browser — ${why}.`);
  await build(['node', 'renderer']);
  runChild(process.execPath, [path.join(ROOT, 'dist/node/web.mjs'), '--open', '--port', 'auto']);
}

async function startDesktop(electron) {
  await build(['node', 'electron', 'renderer']);
  if (!electronNativeReady(electron.version)) {
    const result = await buildElectronNative({ version: electron.version, say });
    if (!result.ok) {
      await startBrowser(`better-sqlite3 could not be compiled for Electron (${result.reason})`);
      return;
    }
    say(`compiled better-sqlite3 for Electron in ${result.seconds} s.`);
  }
  say(`starting the desktop app (Electron ${electron.version}).`);
  runChild(electron.binary, [path.join(ROOT, 'dist-electron/main.cjs')]);
}

const electron = electronBinary();
const why = desktopUnavailable(electron);
if (why === null) await startDesktop(electron);
else await startBrowser(why);
