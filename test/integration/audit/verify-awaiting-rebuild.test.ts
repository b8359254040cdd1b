/**
 * An honest workspace of an earlier version on read-only media verifies clean. Its corrected cases' list rows
 * wait to be rebuilt with their corrections on the next writable open (projection_pending): they hold the parsed
 * values by design. A fresh review found `imr verify` of such a read-only version-10 workspace printing dozens of
 * "the list was changed outside IMR Workbench" lines about those cases, while the same file in a writable folder
 * (upgraded and rebuilt on open) verified OK. Now those cases' lists are not compared, and the report names them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { OLD_WORKSPACE, oldWorkspace } from '../store/old-workspace';
import { place, unavailable } from '../store/media';
import { runImr } from '../hosts/cli-helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-verify-old-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const why = unavailable('read-only folder');
it.skipIf(why !== null)(
  `imr verify of an honest read-only version-10 workspace: OK, naming the cases whose list awaits its rebuild${why ? ` (${why})` : ''}`,
  () => {
    const placed = place('read-only folder', oldWorkspace(path.join(tmp, 'v10.sqlite'), 10));
    try {
      const run = runImr(['verify', '--db', placed.dbPath]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const lines = run.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^OK: database intact/);
      expect(lines).toContain(
        `Case list not compared for ${OLD_WORKSPACE.correctedCases} corrected case(s) (#1, #2, #3, #4, #6, #7): it ` +
          'shows their parsed values until the workspace is opened once with write access, which rebuilds it with ' +
          'their corrections.',
      );
      const json = runImr(['verify', '--db', placed.dbPath, '--json']).json<{ awaitingRebuild: number[] }>();
      expect(json.awaitingRebuild).toEqual([1, 2, 3, 4, 6, 7]);
    } finally {
      placed.cleanup();
    }
  },
);

it('once opened with write access the lists are rebuilt and compared again: nothing awaits', () => {
  const db = oldWorkspace(path.join(tmp, 'writable.sqlite'), 10);
  const run = runImr(['verify', '--db', db, '--json']);
  expect(run.status).toBe(0);
  expect(run.json<{ ok: boolean; awaitingRebuild: number[] }>()).toMatchObject({ ok: true, awaitingRebuild: [] });
});
