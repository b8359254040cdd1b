/**
 * A refusal of what was typed reads as the command line's, not the API's: the
 * service names its call ("export.toFile: …") for programs; `imr` leaves that
 * name out, since nobody typed it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
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
