// `npm run dist [-- electron-builder options]`: build the app, then package installers with
// electron-builder (build/electron-builder.config.mjs) for this OS.
//
// electron-builder recompiles native modules for Electron *in place* (node_modules/better-sqlite3/build),
// which leaves the CLI, the browser host and the tests — all on Node's ABI — unable to load SQLite
// until a 2–3 minute `npm rebuild`. So the Node build is moved aside while electron-builder runs and
// put back afterwards, whatever happens (failure, Ctrl+C).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runBuild } from './build.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const NATIVE = path.join(ROOT, 'node_modules/better-sqlite3/build');
const KEPT = `${NATIVE}.node-abi`;

function restore() {
  if (!fs.existsSync(KEPT)) return;
  fs.rmSync(NATIVE, { recursive: true, force: true });
  fs.renameSync(KEPT, NATIVE);
}

await runBuild();
restore(); // an earlier run that was killed outright
if (fs.existsSync(NATIVE)) fs.renameSync(NATIVE, KEPT);

const builder = path.join(ROOT, 'node_modules/electron-builder/cli.js');
const child = spawn(
  process.execPath,
  [builder, '--config', 'build/electron-builder.config.mjs', ...process.argv.slice(2)],
  // Its own process group, so a stop reaches the compilers it runs too, before the Node build is put back.
  { cwd: ROOT, stdio: 'inherit', detached: process.platform !== 'win32' },
);
const stop = (signal) => {
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));
child.on('exit', (code, signal) => {
  restore();
  process.exit(code ?? (signal ? 1 : 0));
});
child.on('error', (err) => {
  restore();
  console.error(`dist: could not start electron-builder (${err.message})`);
  process.exit(1);
});
