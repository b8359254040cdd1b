import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runImr } from './cli-helpers';

/**
 * What `imr` prints for people goes to a terminal, and much of it comes from
 * outside: file names in an imported folder, values typed through any host,
 * reviewer names and reasons. A terminal obeys escape sequences (clear the
 * screen, move the cursor up and erase a line of the audit trail, set the
 * window title) and bidi controls reorder what a line shows. The human output
 * must show such characters as visible escapes, never emit them.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-cli-terminal-'));
const db = path.join(tmp, 'ws.imr.sqlite');
const letters = path.join(tmp, 'letters');
const seed = path.join(PROJECT_ROOT, 'test/fixtures/corpus/seeds/001_f7c04554d3ec6a02.txt');
const ESC = '\u001b';
const BEL = '\u0007';
const CSI = '\u009b';
const RLO = '\u202e';
const HOSTILE_NAME = `letter${ESC}]0;owned${BEL}${ESC}[2J.txt`;
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

beforeAll(() => {
  fs.mkdirSync(letters);
  fs.copyFileSync(seed, path.join(letters, HOSTILE_NAME));
  fs.writeFileSync(path.join(letters, `not-a-letter${ESC}[1A${ESC}[2K.txt`), 'hello');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('imr prints control characters as visible escapes', () => {
  it('import names a hostile file without emitting its escapes', () => {
    const run = runImr(['import', '--db', db, letters]);
    expect(run.status).toBe(2);
    expect(run.stdout + run.stderr).not.toMatch(FORBIDDEN);
    // Not a letter inside: rejected, named on stderr.
    expect(run.stderr).toContain('not-a-letter\\u001b[1A\\u001b[2K.txt');
  });

  it('refuses a typed escape sequence in a value or reason, without emitting it', () => {
    const change = runImr([
      'correct',
      '--db',
      db,
      '--case',
      '1',
      '--field',
      'items[0].treatment',
      '--value',
      `PT${ESC}[2J${CSI}31m ${RLO}x`,
      '--reviewer',
      'Eve',
    ]);
    expect(change.status).toBe(2);
    expect(change.stderr).toContain('items[0].treatment cannot contain U+001B (a control character)');
    expect(change.stdout + change.stderr).not.toMatch(FORBIDDEN);
    const reason = runImr([
      'correct',
      '--db',
      db,
      '--case',
      '1',
      '--field',
      'priority',
      '--value',
      'Expedited',
      '--reviewer',
      'Eve',
      '--reason',
      `hidden${ESC}[8m`,
    ]);
    expect(reason.status).toBe(2);
    expect(reason.stderr).toContain('a reason cannot contain U+001B');
  });

  it("show, list and history show the escapes of a letter's file name as text", () => {
    for (const args of [['show', '--case', '1'], ['list'], ['history', '--case', '1']]) {
      const run = runImr([...args, '--db', db]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout + run.stderr, args[0]).not.toMatch(FORBIDDEN);
    }
    expect(runImr(['list', '--db', db]).stdout).toContain('letter\\u001b]0;owned\\u0007');
    expect(runImr(['show', '--db', db, '--case', '1']).stdout).toContain('letter\\u001b]0;owned\\u0007');
  });

  it('an error that quotes the input does not emit its escapes', () => {
    const run = runImr([
      'correct',
      '--db',
      db,
      '--case',
      '1',
      '--field',
      `decisionDate${ESC}[2Jsoon`,
      '--value',
      'soon',
      '--reviewer',
      'Eve',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('\\u001b[2Jsoon');
    expect(run.stderr).not.toMatch(FORBIDDEN);
  });

  it('refuses a reviewer name with control or bidi characters (it is the audit trail\'s "who")', () => {
    for (const name of [`Eve${ESC}[1A${ESC}[2K`, 'Eve\nMallory', `Eve${RLO}yrollaM`]) {
      const run = runImr(['undo', '--db', db, '--case', '1', '--reviewer', name]);
      expect(run.status, name).toBe(2);
      expect(run.stderr).toMatch(/reviewer name .*control/i);
    }
    const history = runImr(['history', '--db', db, '--case', '1', '--json']).json<{ type: string }[]>();
    expect(history.filter((e) => e.type === 'undo')).toEqual([]);
  });

  it('refuses a reviewer name nobody can see, naming the character (history showed a blank reviewer)', () => {
    const before = runImr(['history', '--db', db, '--case', '1', '--json']).json<unknown[]>().length;
    for (const [name, code] of [
      ['\u200b', 'U+200B'],
      ['\u3164', 'U+3164'],
      ['\u2800', 'U+2800'],
      ['\u2060', 'U+2060'],
      ['\u00ad', 'U+00AD'],
      // Invisible marks after a letter they do not vary: 'Dana' twice, as two reviewers.
      ['Dana\ufe0f', 'U+FE0F'],
      ['Dana\u{e0100}', 'U+E0100'],
      ['Da\u034fna', 'U+034F'],
    ] as const) {
      const run = runImr([
        'correct',
        '--db',
        db,
        '--case',
        '1',
        '--field',
        'priority',
        '--value',
        'Expedited',
        '--reviewer',
        name,
      ]);
      expect(run.status, code).toBe(2);
      expect(run.stderr).toContain(`reviewer name cannot contain ${code}`);
    }
    expect(runImr(['history', '--db', db, '--case', '1', '--json']).json<unknown[]>()).toHaveLength(before);
  });
});
