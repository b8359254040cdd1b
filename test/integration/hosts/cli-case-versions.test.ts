/**
 * A case number that several letters carry (MAXIMUS re-issued the letter, or
 * the same letter came from two files): a correction never guesses which one
 * is meant. Reading by number still shows the oldest version.
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
    expect(run.stderr).toContain(`#${ids[0]} and #${ids[1]}`);
    for (const id of ids) {
      const history = runImr(['history', '--db', db, '--case', String(id), '--json']).json<{ type: string }[]>();
      expect(history.filter((e) => e.type === 'set-field')).toEqual([]);
    }
  });

  it('is corrected when named by its internal id, and reading by number shows the oldest version', () => {
    const ids = idsOfNumber();
    const run = runImr([
      ...['correct', '--db', db, '--case', String(ids[1]), '--field', 'patientAge', '--value', '61'],
      ...['--reviewer', 'Dana'],
    ]);
    expect(run.status).toBe(0);
    const oldest = runImr(['show', '--db', db, '--case', NUMBER, '--json']).json<CaseDetail>();
    expect(oldest.id).toBe(ids[0]);
    expect(oldest.corrections).toEqual([]);
  });
});
