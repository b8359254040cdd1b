import { runBuild } from '../scripts/build.mjs';

/**
 * Tests that run the app as a user does (the `imr` CLI, `npm start`, the
 * Electron backend bundle) need the build to match the sources: rebuild
 * whatever changed since the last build (a no-op right after `npm install`).
 */
export default async function globalSetup(): Promise<void> {
  await runBuild({ ifStale: true });
}
