/**
 * A workspace of an earlier version that cannot be upgraded where it is
 * (read-only media) has no analytics projection of the current shape
 * (migration 008): the figures say so instead of failing on a missing column,
 * and an XLSX export asked for its Summary sheet leaves it out with the reason.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { exportWorkbook } from '../../../backend/export/export-workbook';
import { SUMMARY_LEFT_OUT, summaryFigures } from '../../../backend/export/summary';
import { analyticsAvailable } from '../../../backend/store/analytics';
import { OLD_WORKSPACE, oldWorkspace } from '../store/old-workspace';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-analytics-old-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it('a version-7 workspace read as it is: no figures, and the export leaves its Summary out saying why', async () => {
  const file = oldWorkspace(path.join(dir, 'w.sqlite'), 7);
  // What a read-only open does when it cannot upgrade: read the file at its own schema.
  const db = new Database(file, { readonly: true });
  try {
    expect(analyticsAvailable(db)).toBe(false);
    expect(summaryFigures(db, {})).toBeNull();
    const written = await exportWorkbook(db, { format: 'xlsx', outPath: path.join(dir, 'out.xlsx'), summary: true });
    expect(written.cases).toBe(OLD_WORKSPACE.cases);
    // Left out, not damage: the workspace is whole, and the workbook holds every case.
    expect(written.leftOut).toEqual([SUMMARY_LEFT_OUT]);
    expect(written.unreadable).toEqual([]);
  } finally {
    db.close();
  }
});
