import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runImr } from './cli-helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('imr CLI basics', () => {
  it('--help lists every command and exits 0', () => {
    const run = runImr(['--help']);
    expect(run.status).toBe(0);
    for (const command of [
      'parse',
      'import',
      'list',
      'show',
      'correct',
      'history',
      'verify',
      'export',
      'stats',
      'reparse',
    ]) {
      expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  it('--help states the exit codes from their one definition', async () => {
    const { EXIT_CODES_TEXT } = await import('../../../backend/hosts/cli/output');
    expect(runImr(['--help']).stdout).toContain(EXIT_CODES_TEXT);
  });

  // Every mistake in the command line exits 2, as refused input does; 1 is kept for a run that found problems.
  it('an unknown command is refused (exit 2) with a one-line reason', () => {
    const run = runImr(['frobnicate']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual(['imr: unknown command "frobnicate" (try --help)']);
  });

  it('options before the command: says to give the command first', () => {
    const run = runImr(['--db', path.join(tmp, 'x.sqlite'), 'list']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('imr: give the command first: imr list --db … (try --help)\n');
  });

  it('an unknown option is refused with the command named', () => {
    const run = runImr(['stats', '--db', path.join(tmp, 'x.sqlite'), '--bogus']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^imr: stats: Unknown option '--bogus'/);
  });

  it('an option without its value, and imr without a command, exit 2', () => {
    const missing = runImr(['list', '--db']);
    expect(missing.stderr).toMatch(/^imr: list: Option '--db <value>' argument missing/);
    expect(missing.status).toBe(2);
    const bare = runImr([]);
    expect(bare.stdout).toMatch(/^imr — IMR Workbench command line/);
    expect(bare.status).toBe(2);
  });

  it('read-only commands refuse a workspace that does not exist (exit 2: a mistyped --db), creating nothing', () => {
    const db = path.join(tmp, 'missing.sqlite');
    const run = runImr(['stats', '--db', db, '--json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`no workspace database at ${db}`);
    expect(fs.existsSync(db)).toBe(false);
  });

  it('--db is required', () => {
    const run = runImr(['list', '--json']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('imr: --db is required');
  });

  it('refuses a database written by a newer app, changing nothing', async () => {
    const db = path.join(tmp, 'newer.sqlite');
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(db);
    raw.pragma('user_version = 999');
    raw.close();
    const before = fs.readFileSync(db);
    const run = runImr(['stats', '--db', db]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/newer IMR Workbench \(schema 999/);
    expect(fs.readFileSync(db).equals(before)).toBe(true);
  });

  it('parse reports a missing file as rejected (exit 2) and keeps going', () => {
    const run = runImr(['parse', '--json', path.join(tmp, 'nope.txt')]);
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout.trim())).toEqual({ file: path.join(tmp, 'nope.txt'), error: 'file not found' });
  });

  it('export to a place that takes no file names the place, never its temporary file', () => {
    const db = path.join(tmp, 'export-places.sqlite');
    expect(runImr(['import', '--db', db, path.join(PROJECT_ROOT, 'test/fixtures/corpus/seeds')]).status).toBe(0);
    fs.writeFileSync(path.join(tmp, 'a-file'), '');
    for (const [out, reason] of [
      ['/proc/x.csv', 'a file cannot be created in that folder'],
      [path.join(tmp, 'a-file', 'x.csv'), 'part of the path is not a folder'],
    ]) {
      const run = runImr(['export', '--db', db, '--out', out!]);
      expect(run.stderr).toBe(`imr: Cannot export to ${out}: ${reason}; nothing was written\n`);
      expect(run.status).toBe(1);
    }
  });

  it('--case 0, a negative number or a number past any id says what --case takes', () => {
    const db = path.join(tmp, 'export-places.sqlite');
    for (const ref of ['0', '-3', '99999999999999999999']) {
      const run = runImr(['show', '--db', db, '--case', ref]);
      expect(run.stderr).toBe(
        `imr: --case takes a case id (1, 2, …) or an IMR case number such as CM16-0213037, not ${ref}\n`,
      );
      expect(run.status).toBe(2);
    }
  });
});
