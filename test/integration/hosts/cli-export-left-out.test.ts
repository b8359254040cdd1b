/**
 * An export asked for a part the workspace cannot give is not a damaged export: a workspace of an earlier version
 * on a read-only folder (it cannot take the migrations analytics need) exports every case, and `imr export
 * --summary` says the Summary was left out and why, as a notice — not "Partial export: the workspace file is
 * damaged", not exit 2.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { SUMMARY_LEFT_OUT } from '../../../backend/export/summary';
import type { ExportResult } from '../../../shared/domain/case';
import { readWorkbook, sheetTable } from '../export/workspace';
import { OLD_WORKSPACE, oldWorkspace } from '../store/old-workspace';
import { place, unavailable } from '../store/media';
import { runImr } from './cli-helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-left-out-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const why = unavailable('read-only folder');
it.skipIf(why !== null)(
  `imr export --summary of a read-only version-10 workspace: complete, the Summary named as left out, exit 0${why ? ` (${why})` : ''}`,
  async () => {
    const placed = place('read-only folder', oldWorkspace(path.join(tmp, 'v10.sqlite'), 10));
    try {
      const out = path.join(placed.outDir, 'summary.xlsx');
      const run = runImr(['export', '--db', placed.dbPath, '--out', out, '--summary']);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout.trim().split('\n')).toEqual([
        expect.stringMatching(new RegExp(`^Exported ${OLD_WORKSPACE.cases} cases, `)),
        'Summary and Turnaround sheets left out: this workspace is from an earlier version and cannot be written ' +
          'here, and it must be opened once with write access to add analytics (or copy it to a folder you can ' +
          'write to and export the copy).',
      ]);
      expect(run.stdout).not.toMatch(/damaged|Partial/);

      const workbook = await readWorkbook(out);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['Cases', 'Items', 'Corrections', 'About']);
      const about = sheetTable(workbook, 'About').rows.map((r) => [r.getCell(1).value, r.getCell(2).value]);
      expect(about[0]).toEqual(['Left out', SUMMARY_LEFT_OUT]);
      expect(about.some(([key]) => key === 'Partial export' || key === 'Not exported')).toBe(false);

      const json = runImr(['export', '--db', placed.dbPath, '--out', out, '--summary', '--force', '--json']);
      expect(json.status).toBe(0);
      const result = json.json<ExportResult>();
      expect([result.leftOut, result.unreadable, result.cases]).toEqual([[SUMMARY_LEFT_OUT], [], OLD_WORKSPACE.cases]);
    } finally {
      placed.cleanup();
    }
  },
);
