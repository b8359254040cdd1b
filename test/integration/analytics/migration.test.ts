/**
 * Migration 006 (analytics projection) on a workspace the previous version
 * wrote, with corrections in it: uncorrected cases are projected in SQL from
 * their parse, corrected ones rebuilt with their corrections right after
 * migrating — the result is the same as projecting every case afresh.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reprojectPendingCases } from '../../../backend/audit/reproject';
import { createService } from '../../../backend/service/service';
import { openDatabase, SCHEMA_VERSION } from '../../../backend/store/database';
import { OLD_WORKSPACE, oldWorkspace } from '../store/old-workspace';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-analytics-migration-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Everything the analytics read, in a stable order. */
function projection(db: Database.Database) {
  type Row = Record<string, string | number | null>;
  const all = (sql: string) => db.prepare(sql).all() as Row[];
  return {
    cases: all(
      'SELECT id, priority, application_received, decision_date, turnaround_days, modified_items FROM cases ORDER BY id',
    ),
    items: all(
      `SELECT case_id, idx, category, decision, medication_name, modified, guideline_mask, region_none FROM items
       ORDER BY case_id, idx`,
    ),
    regions: all('SELECT * FROM item_regions ORDER BY case_id, idx, region'),
    guidelines: all('SELECT * FROM item_guidelines ORDER BY case_id, idx, source'),
    specialties: all('SELECT * FROM case_specialties ORDER BY case_id, specialty'),
    caseValues: all('SELECT * FROM case_values ORDER BY dimension, value, case_id'),
  };
}

const pending = (db: Database.Database) => db.prepare('SELECT COUNT(*) FROM projection_pending').pluck().get();

describe('migration 006 (analytics projection) on a workspace of the previous version', () => {
  it('the service migrates, then rebuilds the corrected cases with their corrections', () => {
    const file = oldWorkspace(path.join(dir, 'w.sqlite'), 5);
    const service = createService({ dbPath: file, host: 'test', samplesDir: null, settingsPath: null });
    try {
      const db = service.ctx.db;
      expect(pending(db)).toBe(0);
      const p = projection(db);
      // Corrections made under version 2 (then upgraded to 5) count: a changed category, a specialty, a region, a priority, a date.
      expect(p.items.find((i) => i.case_id === 3 && i.idx === 1)).toMatchObject({ category: 'occupational therapy' });
      expect(p.items.find((i) => i.case_id === 2 && i.idx === 1)).toMatchObject({ decision: 'Upheld' });
      expect(p.specialties.filter((s) => s.case_id === 1).map((s) => s.specialty)).toEqual(['Acupuncture']);
      expect(p.regions.filter((r) => r.case_id === 4 && r.idx === 0).map((r) => r.region)).toEqual(['knee']);
      // Case 6: decided 2017-02-28, application received corrected to 2017-02-20.
      expect(p.cases.find((c) => c.id === 6)).toMatchObject({ priority: 'Expedited', turnaround_days: 8 });
      // Case 7's category change was undone: pharmacy, with the corrected medication.
      expect(p.items.find((i) => i.case_id === 7)).toMatchObject({ category: 'pharmacy', medication_name: 'Protonix' });
      // Uncorrected case 5, projected in SQL from its parse.
      expect(p.specialties.filter((s) => s.case_id === 5).length).toBeGreaterThan(0);

      // The same as projecting every case afresh through the store's own code.
      db.exec('INSERT INTO projection_pending (case_id) SELECT id FROM cases');
      expect(reprojectPendingCases(db)).toBe(OLD_WORKSPACE.cases);
      expect(projection(db)).toEqual(p);
    } finally {
      service.close();
    }
  });

  it('a read-only command (imr stats) upgrades the workspace the same way when it can', () => {
    const file = oldWorkspace(path.join(dir, 'w.sqlite'), 5);
    const service = createService({ dbPath: file, host: 'cli', access: 'read', samplesDir: null, settingsPath: null });
    try {
      expect(service.ctx.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(pending(service.ctx.db)).toBe(0);
    } finally {
      service.close();
    }
  });

  it('opened without the corrections module, corrected cases wait and analytics say how many', async () => {
    const file = oldWorkspace(path.join(dir, 'w.sqlite'), 5);
    openDatabase(file).close();
    const db = openDatabase(file, { readonly: true });
    try {
      expect(pending(db)).toBe(OLD_WORKSPACE.correctedCases);
    } finally {
      db.close();
    }
    const service = createService({ dbPath: file, host: 'cli', access: 'read', samplesDir: null, settingsPath: null });
    try {
      // Read-only: nothing can be rebuilt here, and the figures say so.
      const result = await service.send('stats.analytics', { by: ['category'] });
      expect(result.ok && result.value.pendingCases).toBe(OLD_WORKSPACE.correctedCases);
    } finally {
      service.close();
    }
    const writable = createService({ dbPath: file, host: 'test', samplesDir: null, settingsPath: null });
    try {
      expect(pending(writable.ctx.db)).toBe(0);
    } finally {
      writable.close();
    }
  });
});
