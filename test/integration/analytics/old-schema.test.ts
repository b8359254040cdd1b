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
import { analytics, analyticsAvailable } from '../../../backend/store/analytics';
import { MODIFIED_SPLIT_SCHEMA } from '../../../backend/store/projection';
import { STATS_DIMENSIONS, STATS_GROUP_LIMIT } from '../../../shared/domain/analytics';
import type { CaseFilter } from '../../../shared/api/contract';
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

it("a version-11 workspace read as it is (the previous version's, on read-only media) gives the same figures as upgraded", () => {
  // Migration 012 only makes decision and modified filters cheaper: refusing such a workspace lost every figure it
  // had under the previous version (found by a fresh review).
  const asIs = oldWorkspace(path.join(dir, 'v11.sqlite'), 11);
  const upgraded = oldWorkspace(path.join(dir, 'v12.sqlite'), MODIFIED_SPLIT_SCHEMA);
  const old = new Database(asIs, { readonly: true });
  const current = new Database(upgraded, { readonly: true });
  try {
    expect(old.pragma('user_version', { simple: true })).toBe(11);
    expect(analyticsAvailable(old)).toBe(true);
    const filters: CaseFilter[] = [
      {},
      { decision: 'Upheld' },
      { decision: 'Overturned' },
      { modified: true },
      { modified: false },
      { decision: 'Upheld', modified: true },
      { decision: 'Overturned', modified: false },
      { decision: 'Upheld', bodyRegion: null },
      { modified: true, guideline: 'MTUS' },
    ];
    let items = 0;
    for (const filter of filters) {
      const query = { filter, by: STATS_DIMENSIONS, limit: STATS_GROUP_LIMIT.max };
      const figures = analytics(old, query);
      expect(figures, JSON.stringify(filter)).toEqual(analytics(current, query));
      items += figures.totals.items;
    }
    expect(items).toBeGreaterThan(0);
  } finally {
    old.close();
    current.close();
  }
});
