// Bundles the Electron main, preload and backend utility process into
// dist-electron/*.cjs with esbuild. npm packages stay external (electron-builder
// ships node_modules), so native modules resolve at run time.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
  // import.meta.dirname is used by Node-side modules; in CJS bundles __dirname is the equivalent.
  define: { 'import.meta.dirname': '__dirname', 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

await build({
  ...common,
  entryPoints: {
    main: 'electron/main.ts',
    preload: 'electron/preload.ts',
    backend: 'electron/backend-process.ts',
    // PDF text extraction worker threads, started by backend/import/extract-pool.ts from beside backend.cjs.
    'extract-worker': 'backend/import/extract-worker.ts',
  },
  outdir: 'dist-electron',
  outExtension: { '.js': '.cjs' },
  external: ['electron'],
});
console.error('Built dist-electron/{main,preload,backend,extract-worker}.cjs');
