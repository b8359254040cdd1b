#!/usr/bin/env node
// `imr` (package bin, `npm run imr`): runs the built CLI, dist/node/cli.mjs.
// `npm install` builds it (the `prepare` script); a checkout installed with
// --ignore-scripts is built here once, on first use. Plain JavaScript, no
// TypeScript loader: the CLI must start in a few tens of milliseconds.
import fs from 'node:fs';

const cli = new URL('../../../dist/node/cli.mjs', import.meta.url);
if (!fs.existsSync(cli)) {
  process.stderr.write('imr: building IMR Workbench (first run after an install without scripts)…\n');
  try {
    const { runBuild } = await import('../../../scripts/build.mjs');
    await runBuild({ parts: ['node'] });
  } catch (err) {
    process.stderr.write(
      `imr: the app is not built and building it failed (${err instanceof Error ? err.message.split('\n')[0] : err}); run \`npm run build\`\n`,
    );
    process.exit(1);
  }
}
await import(cli.href);
