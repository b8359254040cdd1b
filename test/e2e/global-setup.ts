import fs from 'node:fs';
import { CHROMIUM_PATH } from '../../playwright.config';
import { runBuild } from '../../scripts/build.mjs';
import { electronBinaryAvailable } from './fixtures';

/** The specs drive the built app, as a user runs it: build whatever changed since the last build. */
export default async function globalSetup(): Promise<void> {
  if (process.env.IMR_E2E_HOST !== 'electron' && !fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  if (process.env.IMR_E2E_HOST === 'electron' && !electronBinaryAvailable()) {
    console.warn(
      '\n[test:electron] The Electron binary is not installed on this machine (its download needs the network),\n' +
        '[test:electron] so every spec that needs the desktop app is SKIPPED. `npm run test:e2e` runs them in Chromium.\n',
    );
  }
  await runBuild({ parts: ['node', 'electron', 'renderer'], ifStale: true });
}
