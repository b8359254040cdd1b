// The one build: plain JavaScript for everything a user runs, so no
// TypeScript loader is ever involved outside tests and development.
//
//   node scripts/build.mjs                 build everything (npm's `prepare` runs this on install)
//   node scripts/build.mjs --if-stale      rebuild only the parts whose inputs changed since the last build
//   node scripts/build.mjs node renderer   only these parts (node, electron, renderer)
//
// Parts:
//   node      dist/node/*.mjs      ESM with shared chunks: the `imr` CLI, the browser host, worker threads
//   electron  dist-electron/*.cjs  CommonJS: Electron main, preload (sandboxed preloads must be CJS), the
//                                  backend utilityProcess, and the same worker threads beside it
//   renderer  dist/renderer/       the React UI, built by Vite (vite.config.ts)
//
// Why a build at install (`prepare`) rather than on first use: the CLI's start-up
// is budgeted in tens of milliseconds, and a check of the sources on every start
// would spend them (and fail in a read-only install, or race when two `imr`
// run at once). So `npm install`/`npm ci` build once; commands that already pay
// for a long start (`npm start`, `npm run web`, the test set-ups) rebuild what is
// stale, judged by the content hashes of the exact inputs of the last build
// (esbuild's metafile), recorded in dist/build-state.json.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
const STATE_FILE = path.join(ROOT, 'dist/build-state.json');

/**
 * Every bundled entry, in one table. `out` is the output file name (without
 * extension), `parts` the outputs it goes into. Worker threads (`worker: true`)
 * go into both Node-side outputs and must be named after their source file:
 * backend/runtime/worker-files.ts finds a built worker by that name beside the
 * running bundle. To add a worker: add a row here, start it with
 * `startWorker(workerFiles(new URL('./my-worker.ts', import.meta.url)))`.
 */
export const ENTRIES = [
  { out: 'cli', source: 'backend/hosts/cli/main.ts', parts: ['node'] },
  { out: 'web', source: 'backend/hosts/web/main.ts', parts: ['node'] },
  { out: 'extract-worker', source: 'backend/import/extract-worker.ts', parts: ['node', 'electron'], worker: true },
  { out: 'verify-worker', source: 'backend/audit/verify-worker.ts', parts: ['node', 'electron'], worker: true },
  { out: 'audit-worker', source: 'backend/service/audit-worker.ts', parts: ['node', 'electron'], worker: true },
  { out: 'main', source: 'electron/main.ts', parts: ['electron'] },
  { out: 'preload', source: 'electron/preload.ts', parts: ['electron'] },
  { out: 'backend', source: 'electron/backend-process.ts', parts: ['electron'] },
];

/**
 * npm packages stay external (loaded from node_modules at run time: native modules, pdf.js's worker
 * files, exceljs) — except these pure-JS ones: zod, bundled because as a package it loads many files on
 * every start (~100 modules, ~40 ms CPU for each CLI command that opens a workspace); stemmer (search
 * snippets), a single ES module the CommonJS Electron backend could not require on every Node version.
 */
const BUNDLED_PACKAGES = ['zod', 'stemmer'];

function externalPackages() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter(
    (n) => !BUNDLED_PACKAGES.includes(n),
  );
  return [...names, ...names.map((n) => `${n}/*`)];
}

/** esbuild options per part. */
const ESBUILD_PARTS = {
  node: {
    outdir: 'dist/node',
    options: {
      format: 'esm',
      splitting: true, // the CLI, host and workers share chunks; lazy imports become chunks loaded on first use
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunk-[hash]', // beside the entries: worker-files.ts resolves workers relative to any chunk
    },
  },
  electron: {
    outdir: 'dist-electron',
    options: {
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
      // CJS has no import.meta; the Node-side modules use it to find files beside themselves.
      define: { 'import.meta.dirname': '__dirname', 'import.meta.url': 'importMetaUrl' },
      banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    },
  },
};

export const PARTS = ['node', 'electron', 'renderer'];

/** Inputs of the renderer build (Vite reports none we could record cheaply): its folders and config. */
const RENDERER_INPUTS = ['renderer', 'shared', 'vite.config.ts', 'package-lock.json'];

function checkEntries() {
  for (const entry of ENTRIES) {
    if (entry.worker && entry.out !== path.basename(entry.source).replace(/\.ts$/, '')) {
      throw new Error(`build: worker entry "${entry.out}" must be named after its source file ${entry.source}`);
    }
  }
}

function hashFile(file) {
  try {
    return createHash('sha256')
      .update(fs.readFileSync(path.join(ROOT, file)))
      .digest('hex')
      .slice(0, 16);
  } catch {
    return 'missing';
  }
}

function listFiles(rel) {
  const full = path.join(ROOT, rel);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [rel];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .filter((d) => d.name !== 'node_modules' && !d.name.startsWith('.'))
    .flatMap((d) => listFiles(path.join(rel, d.name)));
}

/** What decides a part's output besides its inputs: this script and the locked dependency versions. */
function configHash() {
  return `${hashFile('scripts/build.mjs')}:${hashFile('package-lock.json')}`;
}

function fingerprint(files) {
  return Object.fromEntries(files.sort().map((f) => [f, hashFile(f)]));
}

function readState() {
  try {
    return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
  } catch {
    return {};
  }
}

function outputsExist(part) {
  if (part === 'renderer') return fs.existsSync(path.join(ROOT, 'dist/renderer/index.html'));
  const { outdir } = ESBUILD_PARTS[part];
  const ext = ESBUILD_PARTS[part].options.outExtension['.js'];
  return ENTRIES.filter((e) => e.parts.includes(part)).every((e) =>
    fs.existsSync(path.join(ROOT, outdir, `${e.out}${ext}`)),
  );
}

/** True when a part must be built: no record, missing outputs, or any recorded input or the config changed. */
export function isStale(part, state = readState()) {
  const recorded = state[part];
  if (!recorded || recorded.config !== configHash() || !outputsExist(part)) return true;
  const files = part === 'renderer' ? RENDERER_INPUTS.flatMap(listFiles) : Object.keys(recorded.inputs);
  const now = fingerprint(files);
  const before = recorded.inputs;
  return (
    Object.keys(now).length !== Object.keys(before).length || Object.entries(now).some(([f, h]) => before[f] !== h)
  );
}

async function buildEsbuildPart(part) {
  const { outdir, options } = ESBUILD_PARTS[part];
  const entryPoints = Object.fromEntries(ENTRIES.filter((e) => e.parts.includes(part)).map((e) => [e.out, e.source]));
  // Build beside the old output and swap, so a command started meanwhile never sees half a build.
  const target = path.join(ROOT, outdir);
  const staging = `${target}.building-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints,
    outdir: staging,
    bundle: true,
    platform: 'node',
    target: 'node20',
    external: externalPackages(),
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    ...options,
  });
  // A bundle beside the project's other outputs (e.g. dist-electron/native) keeps those.
  if (fs.existsSync(target)) {
    for (const name of fs.readdirSync(target)) {
      if (/\.(mjs|cjs)(\.map)?$/.test(name)) fs.rmSync(path.join(target, name));
    }
  }
  fs.mkdirSync(target, { recursive: true });
  for (const name of fs.readdirSync(staging)) fs.renameSync(path.join(staging, name), path.join(target, name));
  fs.rmSync(staging, { recursive: true, force: true });
  // Bundled packages are covered by package-lock.json in the config hash.
  return Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
}

async function buildRenderer() {
  const { build: viteBuild } = await import('vite');
  // Always React's production build: Vite keeps a NODE_ENV it finds, and a build started by vitest's global setup
  // (NODE_ENV=test) wrote React's development bundle (1.43 MB instead of 1.19), which npm run web, the e2e specs
  // and the benches then reused as up to date: the Analytics view's first paint measured 695–786 ms instead of
  // 468–495 (npm run bench -- analytics, 2026-12-01).
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await viteBuild({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
  return RENDERER_INPUTS.flatMap(listFiles);
}

/** Builds the given parts (all by default); with `ifStale`, only those whose inputs changed. Returns what it built. */
export async function runBuild({
  parts = PARTS,
  ifStale = false,
  log = (line) => process.stderr.write(`${line}\n`),
} = {}) {
  checkEntries();
  const state = readState();
  const todo = parts.filter((p) => !ifStale || isStale(p, state));
  for (const part of todo) {
    const started = performance.now();
    const inputs = part === 'renderer' ? await buildRenderer() : await buildEsbuildPart(part);
    state[part] = { config: configHash(), inputs: fingerprint(inputs), builtAt: new Date().toISOString() };
    fs.mkdirSync(path.dirname(STATE_FILE), { recursive: true });
    fs.writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 1)}\n`);
    log(`Built ${part} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  return todo;
}

if (path.resolve(process.argv[1] ?? '') === import.meta.filename) {
  const args = process.argv.slice(2);
  const ifStale = args.includes('--if-stale');
  const quiet = args.includes('--quiet');
  const parts = args.filter((a) => !a.startsWith('--'));
  const unknown = parts.filter((p) => !PARTS.includes(p));
  if (unknown.length > 0) {
    process.stderr.write(`build: unknown part ${unknown.join(', ')} (parts: ${PARTS.join(', ')})\n`);
    process.exit(2);
  }
  runBuild({ parts: parts.length ? parts : PARTS, ifStale, log: quiet ? () => {} : undefined }).catch((err) => {
    process.stderr.write(`build failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
