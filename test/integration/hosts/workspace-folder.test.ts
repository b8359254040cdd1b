import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../backend/hosts/cli/commands';
import { PROJECT_ROOT, runImr } from './cli-helpers';
import { isolatedEnv, startWebHostProcess } from '../../support/web-host';

/**
 * A workspace named in a folder that does not exist (`imr import --db typo-dir/ws.sqlite`) is refused naming the
 * folder (exit 2) by every `imr` command that takes --db and by the browser host's --db, and the folder is not
 * created; a new workspace FILE in an existing folder is still created. The rule is the store's
 * (refuseMissingFolder in backend/store/workspace-file.ts).
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-ws-folder-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const LETTER = path.join(PROJECT_ROOT, 'test/fixtures/corpus/letters/CM16-0230651.pdf');

/** A command line for `name` with each required option given a plausible value (from its usage text). */
function commandLine(name: string, usage: string, db: string): string[] {
  const required = usage.replace(/\[[^\]]*\]/g, '');
  const args = [name, '--db', db];
  const sample: Record<string, string> = {
    case: 'CM16-0230651',
    reviewer: 'Dana Reviewer',
    field: 'decisionDate',
    value: '2016-01-01',
    out: path.join(tmp, `out-${name}.csv`),
  };
  for (const [, option] of required.matchAll(/--([a-z-]+) [A-Z]/g)) {
    if (option && option !== 'db') args.push(`--${option}`, sample[option] ?? 'x');
  }
  if (/ PATH\.\.\./.test(required)) args.push(LETTER);
  return args;
}

const withDb = Object.entries(COMMANDS).filter(([, c]) => /--db DB/.test(c.usage));

describe('a workspace in a folder that does not exist', () => {
  it('is every command with --db', () => {
    expect(withDb.map(([name]) => name).sort()).toEqual(
      expect.arrayContaining(['import', 'list', 'show', 'export', 'stats', 'verify']),
    );
  });

  for (const [name, command] of withDb) {
    it(`imr ${name} refuses it naming the folder, exit 2, and creates nothing`, () => {
      const cwd = fs.mkdtempSync(path.join(tmp, `${name}-`));
      const run = runImr(commandLine(name, command.usage, 'typo-dir/ws.sqlite'), { cwd });
      expect(run.stderr).toContain('There is no folder typo-dir for the workspace typo-dir/ws.sqlite');
      expect(run.status).toBe(2);
      expect(fs.readdirSync(cwd)).toEqual([]);
    });
  }

  it('a folder that is a file is named too', () => {
    const cwd = fs.mkdtempSync(path.join(tmp, 'file-'));
    fs.writeFileSync(path.join(cwd, 'notes'), 'x');
    const run = runImr(['import', '--db', 'notes/ws.sqlite', LETTER], { cwd });
    expect(run.stderr).toContain('notes is not a folder');
    expect(run.status).toBe(2);
  });

  it('a new workspace file in an existing folder is still created', () => {
    const cwd = fs.mkdtempSync(path.join(tmp, 'new-'));
    fs.mkdirSync(path.join(cwd, 'cases'));
    const run = runImr(['import', '--db', 'cases/ws.sqlite', LETTER], { cwd });
    expect(run.status, run.stderr).toBe(0);
    expect(fs.existsSync(path.join(cwd, 'cases/ws.sqlite'))).toBe(true);
  });

  it('the browser host refuses it naming the folder (exit 2), and creates nothing', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'web-'));
    const db = path.join(dir, 'typo-dir', 'ws.sqlite');
    const started = startWebHostProcess(['--db', db, '--port', '0'], dir);
    await expect(started).rejects.toThrow(`There is no folder ${path.join(dir, 'typo-dir')} for the workspace ${db}`);
    await expect(started).rejects.toThrow(/^web host exited with 2:/);
    expect(fs.existsSync(path.join(dir, 'typo-dir'))).toBe(false);
  });

  it('the browser host still creates its default workspace folder', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'web-default-'));
    const host = await startWebHostProcess(['--port', '0'], dir);
    host.child.kill('SIGTERM');
    await new Promise((resolve) => host.child.once('exit', resolve));
    const data = isolatedEnv(dir).XDG_DATA_HOME!;
    expect(fs.existsSync(path.join(data, 'imr-workbench', 'workspace.imr.sqlite'))).toBe(true);
  });
});
