/**
 * `imr` as a shell user meets it: the built code with no TypeScript loader,
 * a progress line only on a terminal, and a quiet end when a reader such as
 * `head` stops early.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMR_BIN, PROJECT_ROOT, runImr } from './cli-helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-shell-'));
const letters = path.join(PROJECT_ROOT, 'test/fixtures/corpus/letters');
const seeds = path.join(PROJECT_ROOT, 'test/fixtures/corpus/seeds');
const pdfs = fs
  .readdirSync(letters)
  .filter((f) => f.endsWith('.pdf'))
  .map((f) => path.join(letters, f));
const db = path.join(tmp, 'ws.imr.sqlite');

/** Quotes for `sh -c` / `script -c`: every argument single-quoted. */
const sh = (args: string[]) => args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
const imrCommand = (args: string[]) => sh([process.execPath, IMR_BIN, ...args]);

/** Runs a shell pipeline; reports imr's own exit status (the pipeline's first command) and its stderr. */
function pipeline(imrArgs: string[], reader: string): { imrStatus: number; stdout: string; stderr: string } {
  const errFile = path.join(tmp, `stderr-${Date.now()}-${Math.random()}.txt`);
  const result = spawnSync(
    'bash',
    ['-c', `${imrCommand(imrArgs)} 2>${sh([errFile])} | ${reader}; exit \${PIPESTATUS[0]}`],
    {
      encoding: 'utf8',
    },
  );
  return { imrStatus: result.status ?? -1, stdout: result.stdout, stderr: fs.readFileSync(errFile, 'utf8') };
}

beforeAll(() => {
  const run = runImr(['import', '--db', db, ...pdfs.slice(0, 6), seeds]);
  expect(run.status).toBe(0);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('imr runs the built code', () => {
  it('loads no TypeScript and no tsx, in the main thread or the import workers', () => {
    const ws = path.join(tmp, 'loader.imr.sqlite');
    const run = spawnSync(process.execPath, [IMR_BIN, 'import', '--db', ws, pdfs[0]!, seeds], {
      encoding: 'utf8',
      // Node's own module-loading trace (both loaders; worker threads print too).
      env: { ...process.env, NODE_DEBUG: 'esm,module', NODE_OPTIONS: '' },
      maxBuffer: 256 * 1024 * 1024,
    });
    expect(run.status).toBe(0);
    const loaded = new Set(
      [...run.stderr.matchAll(/(?:file:\/\/)?(\/[^\s"']+\.(?:[cm]?[jt]sx?|json|node))\b/g)].map((m) => m[1]!),
    );
    // The trace is there (so the checks below are not vacuous): the built CLI and the built worker.
    expect(loaded).toContain(path.join(PROJECT_ROOT, 'dist/node/cli.mjs'));
    expect(loaded).toContain(path.join(PROJECT_ROOT, 'dist/node/extract-worker.mjs'));
    const typescript = [...loaded].filter((f) => /\.[cm]?tsx?$/.test(f) || f.includes('/node_modules/tsx/'));
    expect(typescript).toEqual([]);
  });

  /** The npm packages (of `names`) a CLI command loads, from Node's own module trace. */
  function packagesLoaded(args: string[], names: string[]): string[] {
    const run = spawnSync(process.execPath, [IMR_BIN, ...args], {
      encoding: 'utf8',
      env: { ...process.env, NODE_DEBUG: 'esm,module', NODE_OPTIONS: '' },
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(path.join(PROJECT_ROOT, 'dist/node/cli.mjs'));
    return names.filter((pkg) => run.stderr.includes(`/node_modules/${pkg}/`));
  }

  it('starts light: parsing loads no workspace (SQLite), opening one loads no Excel writer', () => {
    const letter = path.join(seeds, fs.readdirSync(seeds)[0]!);
    expect(packagesLoaded(['parse', letter], ['better-sqlite3', 'exceljs'])).toEqual([]);
    expect(packagesLoaded(['stats', '--db', db], ['better-sqlite3', 'exceljs'])).toEqual(['better-sqlite3']);
  });

  it('the package bin and `npm run imr` are the same launcher', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(path.join(PROJECT_ROOT, pkg.bin.imr!)).toBe(IMR_BIN);
    expect(pkg.scripts.imr).toBe(`node ${pkg.bin.imr}`);
    expect(fs.readFileSync(IMR_BIN, 'utf8')).not.toMatch(/tsx/);
  });

  it('--version prints the app version', () => {
    const run = runImr(['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^imr \d+\.\d+\.\d+\n$/);
  });
});

describe('imr in a pipeline', () => {
  it('`imr stats | head -2` ends quietly', () => {
    const run = pipeline(['stats', '--db', db], 'head -2');
    expect(run.stdout.trim().split('\n')).toHaveLength(2);
    expect(run.stderr).toBe('');
    expect(run.imrStatus).toBe(0);
  });

  it('a reader that stops after the first letter of a long output ends imr without a stack trace', () => {
    // 40 letters of NDJSON are far more than a pipe holds: imr is still writing when `head` has gone.
    const run = pipeline(['parse', '--json', ...pdfs], 'head -c 200 >/dev/null');
    expect(run.stderr).toBe('');
    expect(run.imrStatus).toBe(0);
  });

  it('prints no progress when stderr is not a terminal', () => {
    const run = runImr(['import', '--db', path.join(tmp, 'piped.imr.sqlite'), ...pdfs.slice(0, 10)]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('Import finished: 10 imported, of 10 letters.\n');
  });

  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('draws a progress line (count, rate, time left, file) on a terminal', () => {
    // util-linux `script` gives the command a pseudo-terminal and copies what it prints.
    const ws = path.join(tmp, 'tty.imr.sqlite');
    const run = spawnSync('script', ['-qec', imrCommand(['import', '--db', ws, ...pdfs]), '/dev/null'], {
      encoding: 'utf8',
      env: { ...process.env, TERM: 'xterm' },
    });
    expect(run.status).toBe(0);
    const frames = run.stdout.split('\r\x1b[2K').filter((f) => f.startsWith('import'));
    expect(frames.length).toBeGreaterThan(0);
    // Every file is counted, and the last frame before the summary names a file and a rate.
    const withRate = frames.filter((f) => /^import {2}\d+\/40 files {2}\d+% {2}[\d.]+\/s/.test(f));
    expect(withRate.length).toBeGreaterThan(0);
    expect(withRate.some((f) => /~\d+ (s|min).* left {2}.*\.pdf/.test(f))).toBe(true);
    // The line is cleared before the summary, which ends up on a line of its own.
    expect(run.stdout).toMatch(/\r\x1b\[2KImport finished: 40 imported, of 40 letters\.\r?\n/);
  });
});
