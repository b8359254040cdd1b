import fs from 'node:fs';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../..');
export const RENDERER_DIST = path.join(PROJECT_ROOT, 'dist/renderer');

function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** True when dist/renderer is missing or older than the sources it is built from. */
export function rendererIsStale(): boolean {
  const index = path.join(RENDERER_DIST, 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  const sources = Math.max(
    newestMtime(path.join(PROJECT_ROOT, 'renderer')),
    newestMtime(path.join(PROJECT_ROOT, 'shared')),
    fs.statSync(path.join(PROJECT_ROOT, 'vite.config.ts')).mtimeMs,
  );
  return sources > built;
}

/**
 * Builds the renderer when needed, so `npm run web` works right after
 * `npm install`. Vite's output goes to stderr: the host's first stdout line
 * must stay the URL.
 */
export async function ensureRendererBuilt(force = false): Promise<void> {
  if (!force && !rendererIsStale()) return;
  process.stderr.write('Building the renderer…\n');
  const { build } = await import('vite');
  await build({ configFile: path.join(PROJECT_ROOT, 'vite.config.ts'), logLevel: 'warn', root: undefined });
}
