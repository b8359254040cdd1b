import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../backend/hosts/cli/output';
import { isolatedEnv, WEB_HOST_BIN } from '../../support/web-host';
import { runImr } from './cli-helpers';

/**
 * The browser host's own command-line mistakes exit as `imr`'s do (EXIT in backend/hosts/cli/output.ts): 2 with a
 * one-line reason and the usage hint, before anything is served or created; what stops it going on is 1.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-web-usage-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function startHost(args: string[]) {
  const dir = fs.mkdtempSync(path.join(tmp, 'run-'));
  const run = spawnSync(process.execPath, [WEB_HOST_BIN, '--db', path.join(dir, 'ws.sqlite'), ...args], {
    env: isolatedEnv(dir),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { ...run, dir };
}

describe('the browser host refuses a mistaken command line like imr', () => {
  const mistakes: [string, string[], RegExp][] = [
    ['an unknown option', ['--prot', '0'], /^imr web: Unknown option '--prot'.*\(try --help\)\n$/],
    [
      'a port that is no port',
      ['--port', '70000'],
      /^imr web: --port must be 0–65535 or auto, got 70000 \(try --help\)\n$/,
    ],
    ['a port that is no number', ['--port', 'eighty'], /--port must be 0–65535 or auto, got eighty \(try --help\)/],
    ['a public host', ['--host', '0.0.0.0', '--port', '0'], /Refusing to listen on 0\.0\.0\.0.*\(try --help\)/],
    ['a stray word', ['--port', '0', 'extra'], /Unexpected argument 'extra'.*\(try --help\)/],
    [
      'an import folder that is not there',
      ['--port', '0', '--import-from', 'no-such'],
      /no such folder \(try --help\)/,
    ],
  ];
  for (const [what, args, message] of mistakes) {
    it(`${what}: exit ${EXIT.rejected}, one line saying why, nothing created`, () => {
      const run = startHost(args);
      expect(run.stderr).toMatch(message);
      expect(run.status).toBe(EXIT.rejected);
      expect(run.stdout).toBe('');
      expect(fs.existsSync(path.join(run.dir, 'ws.sqlite'))).toBe(false);
    });
  }

  it(`a workspace that is no workspace is refused too (${EXIT.rejected}); --help is not a mistake (0)`, () => {
    const letter = path.join(tmp, 'letter.txt');
    fs.writeFileSync(letter, 'not a database');
    const notWorkspace = spawnSync(process.execPath, [WEB_HOST_BIN, '--db', letter, '--port', '0'], {
      env: isolatedEnv(tmp),
      encoding: 'utf8',
    });
    expect(notWorkspace.stderr).toContain('is not an IMR Workbench workspace');
    expect(notWorkspace.status).toBe(EXIT.rejected);
    const help = startHost(['--help']);
    expect(help.stdout).toMatch(/^Usage: npm run web --/);
    expect(help.status).toBe(EXIT.ok);
  });

  it('--version prints the version imr --version prints, under its own name, and starts nothing', () => {
    const imr = runImr(['--version']);
    expect(imr.stdout).toMatch(/^imr \d+\.\d+\.\d+\S*\n$/);
    for (const flag of ['--version', '-V']) {
      const run = startHost([flag]);
      expect(run.stdout).toBe(imr.stdout.replace(/^imr /, 'imr web '));
      expect(run.stderr).toBe('');
      expect(run.status).toBe(EXIT.ok);
      expect(fs.existsSync(path.join(run.dir, 'ws.sqlite'))).toBe(false);
    }
  });
});
