import { fork, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runImr } from './cli-helpers';
import { startWebHostProcess } from '../../support/web-host';

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
    if (fs.lstatSync(p).isSymbolicLink()) out[name] = `link to ${fs.readlinkSync(p)}`;
    else if (fs.statSync(p).isDirectory()) out[name] = 'folder';
    else out[name] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
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
      // truncate -s, fallocate, a copy that never got its data: SQLite called it a damaged database (exit 1).
      'a file of zero bytes only',
      (dir) => {
        fs.writeFileSync(path.join(dir, 'zeros.sqlite'), Buffer.alloc(3 * 4096));
        return path.join(dir, 'zeros.sqlite');
      },
      (db) =>
        `${db} is not an IMR Workbench workspace (it holds only zero bytes, no data; a workspace is the .sqlite file IMR Workbench created).`,
    ],
    [
      // A drive not mounted: SQLite said "unable to open database file" (exit 1), or created a workspace at the
      // link's target when only the file was missing.
      'a symbolic link to nothing',
      (dir) => {
        fs.symlinkSync(path.join(dir, 'unmounted', 'ws.sqlite'), path.join(dir, 'link.sqlite'));
        return path.join(dir, 'link.sqlite');
      },
      (db) =>
        `${db} is a symbolic link to ${path.dirname(db)}/unmounted/ws.sqlite, which does not exist; give the workspace file itself, or restore what the link points to (a workspace is never created through a broken link).`,
    ],
    [
      // a → b → a: every link exists, so "does not exist" sent the user looking for a file that is there.
      'a loop of symbolic links',
      (dir) => {
        fs.symlinkSync(path.join(dir, 'loop2.sqlite'), path.join(dir, 'loop1.sqlite'));
        fs.symlinkSync(path.join(dir, 'loop1.sqlite'), path.join(dir, 'loop2.sqlite'));
        return path.join(dir, 'loop1.sqlite');
      },
      (db) =>
        `${db} is a symbolic link to ${path.dirname(db)}/loop2.sqlite, which leads round a loop of symbolic links back to itself; give the workspace file itself, or restore what the link points to (a workspace is never created through a broken link).`,
    ],
    [
      // A trailing slash names a folder (to the OS and to SQLite): `imr import` dropped it and filled ws.sqlite,
      // while `imr list` said there was no workspace at ws.sqlite/.
      'a file named with a trailing slash',
      (dir) => {
        fs.writeFileSync(path.join(dir, 'ws.sqlite'), '');
        return `${path.join(dir, 'ws.sqlite')}/`;
      },
      (db) =>
        `${db} ends in a slash, which names a folder, but ${db.slice(0, -1)} is a file; give the workspace file without the slash (${db.slice(0, -1)}).`,
    ],
    [
      'a new workspace named with a trailing slash',
      (dir) => `${path.join(dir, 'new.sqlite')}/`,
      (db) =>
        `${db} ends in a slash, which names a folder, and there is no folder ${db.slice(0, -1)}; give the workspace file without the slash (${db.slice(0, -1)}).`,
    ],
    [
      // "/." names a folder too (ENOTDIR on a file); path.resolve drops it as it drops the slash.
      'a new workspace named with a trailing /.',
      (dir) => `${path.join(dir, 'new.sqlite')}/.`,
      (db) =>
        `${db} ends in /., which names a folder, and there is no folder ${db.slice(0, -2)}; give the workspace file without the /. (${db.slice(0, -2)}).`,
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
      // A mistake in the command line, with the hint every other one there has.
      expect(opened.stderr).toBe(`imr web: ${message(db)} (try --help)\n`);
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
    // Nor do the commands that change a workspace that exists: they wrote a whole empty workspace into it.
    for (const args of [
      ['correct', '--case', '1', '--field', 'patientAge', '--value', '40', '--reviewer', 'Dana'],
      ['undo', '--case', '1', '--reviewer', 'Dana'],
      ['redo', '--case', '1', '--reviewer', 'Dana'],
      ['reparse'],
    ]) {
      const run = runImr([args[0]!, '--db', empty, ...args.slice(1)]);
      expect({ args, stderr: run.stderr, status: run.status }).toEqual({
        args,
        stderr: `imr: ${empty} is empty: no workspace has been created in it yet.\n`,
        status: 2,
      });
      expect(fs.statSync(empty).size).toBe(0);
    }
    expect(runImr(['import', '--db', empty, LETTER]).status).toBe(0);
  });

  it('an empty file is a workspace not yet created in every host: the app and the browser host create it there', async () => {
    const { dir, home } = setUp('empty-everywhere');
    const isWorkspace = (file: string) =>
      fs.readFileSync(file).subarray(0, 16).equals(Buffer.from('SQLite format 3\0', 'latin1'));
    // The desktop app's Open workspace (its backend opens for writing).
    const forApp = path.join(dir, 'app.sqlite');
    fs.writeFileSync(forApp, '');
    expect(await appOpens(forApp, home)).toEqual({ kind: 'ready' });
    expect(isWorkspace(forApp)).toBe(true);
    // The browser host's --db: it serves the new workspace.
    const forWeb = path.join(dir, 'web.sqlite');
    fs.writeFileSync(forWeb, '');
    const host = await startWebHostProcess(['--db', forWeb, '--port', '0'], dir);
    try {
      expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(isWorkspace(forWeb)).toBe(true);
    } finally {
      host.child.kill('SIGTERM');
      await new Promise((resolve) => host.child.once('exit', resolve));
    }
  });
});
