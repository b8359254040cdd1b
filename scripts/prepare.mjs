// npm's `prepare` (runs on `npm install` and `npm ci`): build the app, then
// make the desktop app ready where it can be — fetch the Electron binary if
// it is missing and compile better-sqlite3 for Electron's ABI. These are the
// steps that use the network (Electron's download, its headers), done at
// install time so that `npm start` never does. Where they cannot be done
// (offline, Node < 22.12, CI), `npm start` opens the app in the browser.
import { runBuild } from './build.mjs';
import {
  buildElectronNative,
  electronBinary,
  electronNativeReady,
  fetchElectronBinary,
  nodeCanInstallElectron,
} from './electron.mjs';

const say = (line) => console.error(line);

await runBuild();

let status = electronBinary();
const skip = process.env.CI ? 'CI' : process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ? 'ELECTRON_SKIP_BINARY_DOWNLOAD' : null;
const browserNote = '`npm start` will open IMR Workbench in your browser.';
if ('reason' in status && status.reason !== 'the electron package is not installed') {
  if (skip) say(`Electron: ${status.reason}; not fetching it (${skip} is set). ${browserNote}`);
  else if (!nodeCanInstallElectron()) {
    say(
      `Electron: ${status.reason}, and its installer needs Node ≥ 22.12 (this is ${process.version}). ${browserNote}`,
    );
  } else {
    say(`Electron: ${status.reason}; fetching it…`);
    const result = await fetchElectronBinary();
    say(
      result.ok
        ? 'Electron: binary installed.'
        : `Electron: could not fetch the binary (${result.reason}). ${browserNote}\n` +
            '  `npx install-electron` retries the download.',
    );
    status = electronBinary();
  }
}
if ('binary' in status && !electronNativeReady(status.version)) {
  const result = await buildElectronNative({ version: status.version, say });
  say(
    result.ok
      ? `Electron: better-sqlite3 compiled in ${result.seconds} s.`
      : `Electron: could not compile better-sqlite3 for Electron (${result.reason}); \`npm start\` will try again.`,
  );
}
