/**
 * A case number that several letters carry (MAXIMUS re-issued the letter, or
 * the same letter came from two files): no command guesses which one is meant.
 * `correct` and `undo` refused already; `show` and `history` silently showed
 * the oldest letter, whose values and history may not be the ones asked for.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseRow } from '../../../shared/domain/case';
import { PROJECT_ROOT, runImr } from './cli-helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-cli-versions-'));
const db = path.join(tmp, 'ws.imr.sqlite');
const NUMBER = 'CM16-0230651';
const OTHER = 'CM16-0233794';

beforeAll(() => {
  const letter = fs.readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/corpus/letters', `${NUMBER}.pdf`));
  fs.writeFileSync(path.join(tmp, 'first.pdf'), letter);
  // The same letter with bytes after %%EOF: another file, the same case number.
  fs.writeFileSync(path.join(tmp, 'second.pdf'), Buffer.concat([letter, Buffer.from('\n% scanned again\n')]));
  expect(runImr(['import', '--db', db, path.join(tmp, 'first.pdf'), path.join(tmp, 'second.pdf')]).status).toBe(0);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The internal ids of the letters carrying NUMBER, oldest version first. */
const idsOfNumber = () =>
  runImr(['list', '--db', db, '--json'])
    .json<CaseRow[]>()
    .filter((r) => r.caseNumber === NUMBER)
    .sort((a, b) => a.version - b.version)
    .map((r) => r.id);

describe('a case number two letters carry', () => {
  it('is refused for a correction, naming both internal ids, and nothing is written', () => {
    const ids = idsOfNumber();
    expect(ids).toHaveLength(2);
    const run = runImr([
      ...['correct', '--db', db, '--case', NUMBER.toLowerCase(), '--field', 'patientAge', '--value', '61'],
      ...['--reviewer', 'Dana'],
    ]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`2 letters carry case number "${NUMBER.toLowerCase()}"`);
    expect(run.stderr).toContain(`#${ids[0]} (first.pdf) and #${ids[1]} (second.pdf)`);
    expect(run.stderr).toContain('name the one to change by its internal id');
    for (const id of ids) {
      const history = runImr(['history', '--db', db, '--case', String(id), '--json']).json<{ type: string }[]>();
      expect(history.filter((e) => e.type === 'set-field')).toEqual([]);
    }
  });

  it('is corrected when named by its internal id', () => {
    const ids = idsOfNumber();
    const run = runImr([
      ...['correct', '--db', db, '--case', String(ids[1]), '--field', 'patientAge', '--value', '61'],
      ...['--reviewer', 'Dana'],
    ]);
    expect(run.status).toBe(0);
    const oldest = runImr(['show', '--db', db, '--case', String(ids[0]), '--json']).json<CaseDetail>();
    expect(oldest.corrections).toEqual([]);
  });

  it('show and history by that number list the letters and ask for the internal id (exit 2)', () => {
    const ids = idsOfNumber();
    for (const command of ['show', 'history']) {
      for (const json of [[], ['--json']]) {
        const run = runImr([command, '--db', db, '--case', NUMBER, ...json]);
        expect(run.status, command).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toContain(
          `2 letters carry case number "${NUMBER}": internal ids #${ids[0]} (first.pdf) and #${ids[1]} (second.pdf), oldest first; name the one to show by its internal id.`,
        );
      }
    }
    // By internal id each shows its own letter.
    expect(runImr(['show', '--db', db, '--case', String(ids[1]), '--json']).json<CaseDetail>().id).toBe(ids[1]);
  });

  it('correcting a letter to a case number others carry is accepted, with a warning naming them', () => {
    const other = path.join(tmp, 'other.pdf');
    fs.copyFileSync(path.join(PROJECT_ROOT, 'test/fixtures/corpus/letters', `${OTHER}.pdf`), other);
    expect(runImr(['import', '--db', db, other]).status).toBe(0);
    const id = runImr(['list', '--db', db, '--json'])
      .json<CaseRow[]>()
      .find((r) => r.caseNumber === OTHER)!.id;
    const ids = idsOfNumber();
    const run = runImr([
      ...['correct', '--db', db, '--case', String(id), '--field', 'caseNumber', '--value', NUMBER],
      ...['--reviewer', 'Dana'],
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Case number = ${NUMBER}`);
    expect(run.stderr).toContain(
      `warning: 2 other letters carry case number ${NUMBER} (#${ids[0]} first.pdf, #${ids[1]} second.pdf); name this one by its internal id, ${id}.`,
    );
    // A number no other letter carries: no warning.
    const back = runImr([
      ...['correct', '--db', db, '--case', String(id), '--field', 'caseNumber', '--value', OTHER],
      ...['--reviewer', 'Dana'],
    ]);
    expect(back.status).toBe(0);
    expect(back.stderr).toBe('');
  });
});
