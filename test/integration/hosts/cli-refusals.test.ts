/**
 * A refusal of what was typed reads as the command line's, not the API's: the
 * service names its call ("export.toFile: …") for programs; `imr` leaves that
 * name out, since nobody typed it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runImr } from './cli-helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-cli-refusals-'));
const db = path.join(tmp, 'ws.imr.sqlite');

beforeAll(() => {
  const letter = path.join(PROJECT_ROOT, 'test/fixtures/realworld/16-imr-2013-notice-layout.txt');
  expect(runImr(['import', '--db', db, letter]).status).toBe(0);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

it('export --summary to a CSV file is refused with the reason, without the API call name, and writes nothing', () => {
  const out = path.join(tmp, 'cases.csv');
  const run = runImr(['export', '--db', db, '--out', out, '--summary']);
  expect(run.status).toBe(2);
  expect(run.stderr.trim()).toBe(
    'imr: summary: a Summary sheet is part of an Excel export; for CSV use imr stats --csv',
  );
  expect(fs.existsSync(out)).toBe(false);
});

it('import of a mistyped path is refused before the workspace is touched: none is created, an existing one is unchanged', () => {
  const fresh = path.join(tmp, 'new.imr.sqlite');
  const typo = path.join(tmp, 'leters');
  const run = runImr(['import', '--db', fresh, typo]);
  expect(run.status).toBe(2);
  expect(run.stderr.trim()).toBe(`imr: import: no file or folder at ${JSON.stringify(typo)}; nothing was imported`);
  expect(fs.existsSync(fresh)).toBe(false);

  // With a real letter beside the typo, nothing is imported either: the user fixes the command and runs it again.
  const letter = path.join(PROJECT_ROOT, 'test/fixtures/realworld/16-imr-2013-notice-layout.txt');
  const before = fs.readFileSync(db);
  const both = runImr(['import', '--db', db, letter, typo]);
  expect(both.status).toBe(2);
  expect(fs.readFileSync(db).equals(before)).toBe(true);
});

describe('export --out keeps what is there, as checkpoint does (backend/hosts/cli/out-file.ts)', () => {
  const partials = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.partial') || f.endsWith('.tmp'));

  it('refuses an existing file without --force (exit 2, before any work, the file unchanged), replaces it with', () => {
    const out = path.join(tmp, 'review.xlsx');
    expect(runImr(['export', '--db', db, '--out', out]).status).toBe(0);
    fs.writeFileSync(out, 'a colleague’s copy');
    const refused = runImr(['export', '--db', db, '--out', out]);
    expect(refused.stderr).toBe(
      `imr: ${out} already exists; nothing was written (add --force to replace it, or choose another name)\n`,
    );
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe('');
    expect(fs.readFileSync(out, 'utf8')).toBe('a colleague’s copy');
    expect(partials(tmp)).toEqual([]);
    // Refused before the workspace is opened: even a --db that does not exist gets this answer first.
    expect(runImr(['export', '--db', path.join(tmp, 'none.sqlite'), '--out', out]).stderr).toMatch(/already exists/);

    const forced = runImr(['export', '--db', db, '--out', out, '--force']);
    expect(forced.status).toBe(0);
    expect(forced.stdout).toMatch(/^Exported 1 case/);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('checks every file --all-tables writes: an existing FILE-corrections.csv refuses the export, nothing written', () => {
    const out = path.join(tmp, 'report.csv');
    const corrections = path.join(tmp, 'report-corrections.csv');
    fs.writeFileSync(corrections, 'kept');
    const refused = runImr(['export', '--db', db, '--out', out, '--all-tables']);
    expect(refused.stderr).toBe(
      `imr: ${corrections} already exists; nothing was written (add --force to replace it, or choose another name)\n`,
    );
    expect(refused.status).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(path.join(tmp, 'report-cases.csv'))).toBe(false);
    expect(fs.readFileSync(corrections, 'utf8')).toBe('kept');
    // The items alone do not write it: no refusal.
    expect(runImr(['export', '--db', db, '--out', out]).status).toBe(0);
    const all = runImr(['export', '--db', db, '--out', out, '--all-tables', '--force']);
    expect(all.status).toBe(0);
    expect(fs.readFileSync(corrections, 'utf8')).toMatch(/^\uFEFF?[^\n]*,/);
  });

  it('never writes over the workspace or its journal, even with --force, through links too', () => {
    const bytes = fs.readFileSync(db);
    const link = path.join(tmp, 'innocent.csv');
    fs.symlinkSync(db, link);
    const self = runImr(['export', '--db', db, '--out', link, '--force']);
    expect(self.stderr).toBe(`imr: --out ${link} is the workspace (or its journal); choose another file\n`);
    expect(self.status).toBe(2);
    // A sibling that is a link to the journal (which need not exist between uses).
    const journalLink = path.join(tmp, 'innocent2-cases.csv');
    fs.symlinkSync(`${db}-wal`, journalLink);
    const journal = runImr(['export', '--db', db, '--out', path.join(tmp, 'innocent2.csv'), '--all-tables', '--force']);
    expect(journal.stderr).toBe(
      `imr: ${journalLink} (written beside --out ${path.join(tmp, 'innocent2.csv')}) is the workspace (or its journal); choose another file\n`,
    );
    expect(journal.status).toBe(2);
    expect(fs.readFileSync(db).equals(bytes)).toBe(true);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.existsSync(path.join(tmp, 'innocent2.csv'))).toBe(false);
    // A link that points nowhere is a name taken: kept without --force.
    const dangling = path.join(tmp, 'dangling.csv');
    fs.symlinkSync(path.join(tmp, 'nowhere.csv'), dangling);
    expect(runImr(['export', '--db', db, '--out', dangling]).stderr).toMatch(/dangling\.csv already exists/);
  });
});
