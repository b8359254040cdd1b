/**
 * `imr show` says what the app's case view raises for attention: a letter in
 * which no items were found shows why (the parser's warning), its flags, and
 * the other files carrying its case number — not just a list of header values.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runImr } from './cli-helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-cli-show-'));
const db = path.join(tmp, 'ws.imr.sqlite');

beforeAll(() => {
  // The header of a 2013 Notice letter, cut before its decisions: a letter with no items.
  const letter = fs.readFileSync(
    path.join(PROJECT_ROOT, 'test/fixtures/realworld/16-imr-2013-notice-layout.txt'),
    'utf8',
  );
  const header = letter.slice(0, letter.indexOf('MAXIMUS Federal Services, Inc. has finished'));
  fs.writeFileSync(path.join(tmp, 'first.txt'), header);
  fs.writeFileSync(path.join(tmp, 'second.txt'), `${header}\nScanned again.\n`);
  expect(runImr(['import', '--db', db, path.join(tmp, 'first.txt'), path.join(tmp, 'second.txt')]).status).toBe(0);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('imr show on a letter without items whose case number another file carries', () => {
  it('lists the flags, the other file, the parser warning and that no items were found', () => {
    const run = runImr(['show', '--db', db, '--case', '1']);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('  Flags: Duplicate case number; Parser warnings');
    expect(lines).toContain('  Same case number in 1 other file(s): #2 second.txt');
    expect(lines.some((l) => /^ {2}Parser warning: no disputed items/.test(l))).toBe(true);
    expect(lines).toContain('  Items: none found in this letter');
  });
});

describe('imr history', () => {
  it('words each event as the app does: the import by file and checksum, a correction and its undo as before → after', () => {
    const correct = ['correct', '--db', db, '--case', '2', '--field', 'patientAge', '--value', '61'];
    const corrected = runImr([...correct, '--reviewer', 'Dana', '--reason', 'typo']);
    expect(corrected.status).toBe(0);
    // The correction is confirmed by the field's label and the value as the form shows it.
    expect(corrected.stdout).toBe('Case CM13-0099001: Patient age = 61   (parsed: empty)\n');
    expect(runImr(['undo', '--db', db, '--case', '2', '--reviewer', 'Dana']).status).toBe(0);
    const run = runImr(['history', '--db', db, '--case', '2']);
    expect(run.status).toBe(0);
    const rows = run.stdout.split('\n').map((l) => l.replace(/\s+/g, ' '));
    expect(rows.some((r) => /Imported the letter second\.txt · SHA-256 [0-9a-f]{12}… · parser \d/.test(r))).toBe(true);
    expect(rows.some((r) => r.includes('Dana Changed Patient age empty → 61 typo'))).toBe(true);
    expect(rows.some((r) => r.includes('Dana Undid: Changed Patient age 61 → empty'))).toBe(true);
    // No stored JSON in the table.
    expect(run.stdout).not.toContain('{"document"');
  });
});
