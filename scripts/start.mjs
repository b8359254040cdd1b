// `npm start`: build the renderer and the Electron bundles, make sure
// better-sqlite3 has a binary for Electron's ABI (kept apart from the Node
// one the CLI and tests use), then launch the desktop app.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..');

function electronBinary() {
  try {
    return require('electron'); // the package's index.js returns the binary path
  } catch {
    return null;
  }
}

const electron = electronBinary();
if (!electron || !fs.existsSync(electron)) {
  console.error(
    'The Electron binary is not installed (its download failed, e.g. on an offline machine).\n' +
      'Run `npm run web -- --db workspace.imr.sqlite` to use IMR Workbench in a browser instead.',
  );
  process.exit(1);
}

const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
run(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']);
run(process.execPath, [path.join(root, 'scripts/build-electron.mjs')]);

// better-sqlite3 for Electron's ABI, built once into dist-electron/native.
const electronVersion = require('electron/package.json').version;
const nativeDir = path.join(root, 'dist-electron/native');
const stamp = path.join(nativeDir, 'electron-version');
if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== electronVersion) {
  const work = path.join(nativeDir, 'build');
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'node_modules/better-sqlite3'), work, { recursive: true });
  fs.rmSync(path.join(work, 'build'), { recursive: true, force: true });
  console.error(`Building better-sqlite3 for Electron ${electronVersion}…`);
  execFileSync(
    process.execPath,
    [
      require.resolve('node-gyp/bin/node-gyp.js'),
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: work, stdio: 'inherit' },
  );
  fs.copyFileSync(path.join(work, 'build/Release/better_sqlite3.node'), path.join(nativeDir, 'better_sqlite3.node'));
  fs.writeFileSync(stamp, electronVersion);
}

const child = spawn(electron, [path.join(root, 'dist-electron/main.cjs')], { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
