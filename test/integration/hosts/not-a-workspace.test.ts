import { fork, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runImr } from './cli-helpers';

/**
 * A letter or a folder given where the workspace belongs (`--db`, or a wrong
 * pick in the app's Open workspace dialog) is named for what it is, in the
 * same words by the CLI and the desktop app's backend, and nothing is written
 * or created — not "damaged", not "disk I/O error".
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-not-ws-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const LETTER = path.join(PROJECT_ROOT, 'test/fixtures/corpus/letters/CM16-0230651.pdf');

/** Every file under `dir` with the SHA-256 of its bytes (folders as themselves). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const p = path.join(dir, name);
    out[name] = fs.statSync(p).isDirectory()
      ? 'folder'
      : crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  }
  return out;
}

/** The desktop app's backend (the bundle Electron main forks) opening `db`: its first message. */
function appOpens(db: string, home: string): Promise<{ kind: string; message?: string }> {
  const child = fork(path.join(PROJECT_ROOT, 'dist-electron/backend.cjs'), [], {
    execArgv: ['-r', path.join(import.meta.dirname, 'parent-port-shim.cjs')],
    env: { PATH: process.env.PATH ?? '', HOME: home, IMR_DB: db },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  return new Promise((resolve) =>
    child.once('message', (m) => {
      child.kill();
      resolve(m as { kind: string; message?: string });
    }),
  );
}

function setUp(name: string): { dir: string; home: string } {
  const dir = path.join(tmp, name);
  const home = path.join(tmp, `${name}-home`);
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(home, { recursive: true });
  return { dir, home };
}

describe('a --db that is not a workspace', () => {
  const cases: [string, (dir: string) => string, (db: string) => string][] = [
    [
      'a PDF letter',
      (dir) => {
        fs.copyFileSync(LETTER, path.join(dir, 'some.pdf'));
        return path.join(dir, 'some.pdf');
      },
      (db) =>
        `${db} is not an IMR Workbench workspace (it is not a SQLite database; a workspace is the .sqlite file IMR Workbench created).`,
    ],
    [
      'a folder',
      (dir) => {
        fs.mkdirSync(path.join(dir, 'letters'));
        fs.copyFileSync(LETTER, path.join(dir, 'letters', 'a.pdf'));
        return path.join(dir, 'letters');
      },
      (db) => `${db} is a folder; give the workspace file in it (a .sqlite file, e.g. ${db}/workspace.imr.sqlite).`,
    ],
    [
      "another program's SQLite database",
      (dir) => {
        const raw = new Database(path.join(dir, 'other.sqlite'));
        raw.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Dana')");
        raw.close();
        return path.join(dir, 'other.sqlite');
      },
      (db) =>
        `${db} is not an IMR Workbench workspace (it is a SQLite database of another program; a workspace is the .sqlite file IMR Workbench created).`,
    ],
    [
      'a device',
      () => '/dev/null',
      (db) =>
        `${db} is not a file (a device, pipe or socket); give the workspace file (the .sqlite file IMR Workbench created).`,
    ],
  ];

  it.each(cases)('%s: the CLI says what it is, exits 2, and writes nothing', (label, make, message) => {
    const { dir } = setUp(`cli-${label.replace(/\W+/g, '-')}`);
    const db = make(dir);
    const before = snapshot(dir);
    for (const args of [
      ['list', '--db', db],
      ['verify', '--db', db],
      ['export', '--db', db, '--out', path.join(os.tmpdir(), 'never-written.csv')],
      ['import', '--db', db, LETTER],
      ['correct', '--db', db, '--case', '1', '--field', 'patientAge', '--value', '40', '--reviewer', 'Dana'],
    ]) {
      const run = runImr(args);
      expect(run.stderr).toBe(`imr: ${message(db)}\n`);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it.each(cases)(
    '%s: the desktop app refuses to open it in the same words, writing nothing',
    async (label, make, message) => {
      const { dir, home } = setUp(`app-${label.replace(/\W+/g, '-')}`);
      const db = make(dir);
      const before = snapshot(dir);
      expect(await appOpens(db, home)).toEqual({ kind: 'fatal', message: message(db) });
      expect(snapshot(dir)).toEqual(before);
    },
  );

  it.each(cases)(
    '%s: the browser host says the same, and a value starting with - is a value there too',
    (label, make, message) => {
      const { dir, home } = setUp(`web-${label.replace(/\W+/g, '-')}`);
      const db = make(dir);
      const before = snapshot(dir);
      const web = (args: string[]) =>
        spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'dist/node/web.mjs'), ...args], {
          env: { PATH: process.env.PATH ?? '', HOME: home, XDG_DATA_HOME: path.join(home, 'data') },
          encoding: 'utf8',
          timeout: 60_000,
        });
      const opened = web(['--db', db, '--port', '0']);
      expect(opened.stderr).toBe(`imr web: ${message(db)}\n`);
      // A refused input, as imr counts it (EXIT.rejected).
      expect(opened.status).toBe(2);
      expect(web(['--db', db, '--port', '-5']).stderr).toBe(
        'imr web: --port must be 0–65535 or auto, got -5 (try --help)\n',
      );
      expect(snapshot(dir)).toEqual(before);
    },
  );

  it('names the workspace files a folder holds', () => {
    const { dir } = setUp('named');
    runImr(['import', '--db', path.join(dir, 'ws.sqlite'), LETTER]);
    const run = runImr(['list', '--db', dir]);
    expect(run.stderr).toBe(
      `imr: ${dir} is a folder; give the workspace file in it (a .sqlite file, e.g. ${dir}/ws.sqlite).\n`,
    );
    expect(run.status).toBe(2);
    // Given the file, it opens.
    expect(runImr(['list', '--db', path.join(dir, 'ws.sqlite'), '--json']).status).toBe(0);
  });

  it('still calls a workspace whose first page was wiped damaged, and creates one in an empty file only by importing', () => {
    const { dir } = setUp('wiped');
    const db = path.join(dir, 'ws.sqlite');
    runImr(['import', '--db', db, LETTER]);
    const fd = fs.openSync(db, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096), 0, 4096, 0);
    fs.closeSync(fd);
    const run = runImr(['list', '--db', db]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/damaged/);
    const empty = path.join(dir, 'empty.sqlite');
    fs.writeFileSync(empty, '');
    // Reading does not turn an empty file into a workspace; importing does.
    const list = runImr(['list', '--db', empty]);
    expect(list.stderr).toBe(`imr: ${empty} is empty: no workspace has been created in it yet.\n`);
    // No such workspace (yet): refused like a --db that is not there (EXIT.rejected), not a failure.
    expect(list.status).toBe(2);
    expect(fs.statSync(empty).size).toBe(0);
    expect(runImr(['import', '--db', empty, LETTER]).status).toBe(0);
  });
});
