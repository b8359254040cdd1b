// electron-builder configuration for `npm run dist` — the one place for packaging settings (the
// package.json "build" key stays unused so there is no second source). Extend this object: e.g. the
// Electron fuses go in `electronFuses`. Resources (icons) sit beside this file in build/.
//
// Installers: Linux AppImage + deb, Windows NSIS, macOS dmg. Each is built on its own OS (the
// native module and code signing need it); `npm run dist` builds the current platform's targets.
import fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** The Linux desktop entry (freedesktop.org Desktop Entry spec); electron-builder adds Exec, Icon, Type. */
export const desktopEntry = {
  Name: 'IMR Workbench',
  GenericName: 'IMR Letter Reviewer',
  Comment: "Review California workers' compensation IMR determination letters, offline",
  Keywords: 'IMR;independent medical review;workers compensation;utilization review;UR;MAXIMUS;determination;',
  Categories: 'Office;Viewer;',
  StartupWMClass: 'IMR Workbench',
  Terminal: 'false',
};

/** @type {import('electron-builder').Configuration} */
export default {
  appId: 'org.imrworkbench.app',
  productName: 'IMR Workbench',
  copyright: 'Copyright © IMR Workbench contributors',
  directories: { output: 'release', buildResources: 'build' },
  // What runs in the packaged app: the built renderer and Electron bundles (scripts/build.mjs; `npm run
  // dist` builds first). The better-sqlite3 compiled for `npm start` is not shipped: electron-builder
  // rebuilds native modules for the packaged Electron itself.
  files: ['dist/renderer/**', 'dist-electron/*.cjs', 'package.json'],
  extraResources: [{ from: 'samples', to: 'samples' }],
  asarUnpack: ['**/*.node'],
  // Flipped in the Electron binary when it is packaged (test/unit/electron/fuses.test.ts holds every fuse to its
  // value; SECURITY.md says why each).
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  },
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'build/icons',
    category: 'Office',
    synopsis: 'Review IMR determination letters offline',
    description: pkg.description,
    maintainer: 'IMR Workbench contributors',
    desktop: { entry: desktopEntry },
  },
  deb: { priority: 'optional' },
  win: { target: ['nsis'], icon: 'build/icon.ico' },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  mac: { target: ['dmg'], icon: 'build/icon.icns', category: 'public.app-category.productivity' },
};
