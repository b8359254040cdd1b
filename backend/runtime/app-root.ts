/**
 * The app's own folder (the one holding package.json), found the same way
 * from the sources (backend/runtime/), the Node build (dist/node/), the
 * Electron bundles (dist-electron/) and a packaged app (resources/app.asar):
 * the nearest ancestor of this module that has a package.json.
 */
import fs from 'node:fs';
import path from 'node:path';

function findAppRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

export const APP_ROOT = findAppRoot(import.meta.dirname ?? process.cwd());

/** The built renderer the browser host serves (scripts/build.mjs, Vite). */
export const RENDERER_DIST = path.join(APP_ROOT, 'dist/renderer');
