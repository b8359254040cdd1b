import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { CHROMIUM_PATH } from '../../playwright.config';
import { ensureRendererBuilt } from '../../backend/hosts/web/renderer-build';
import { electronBinaryAvailable } from './fixtures';

export default async function globalSetup(): Promise<void> {
  if (process.env.IMR_E2E_HOST !== 'electron' && !fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  await ensureRendererBuilt();
  if (process.env.IMR_E2E_HOST === 'electron') {
    if (!electronBinaryAvailable()) {
      console.warn(
        '\n[test:electron] The Electron binary is not installed on this machine (its download needs the network),\n' +
          '[test:electron] so every spec that needs the desktop app is SKIPPED. `npm run test:e2e` runs them in Chromium.\n',
      );
      return;
    }
    execFileSync(process.execPath, ['scripts/build-electron.mjs'], { stdio: 'inherit' });
  }
}
