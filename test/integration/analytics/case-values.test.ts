/**
 * `case_values` (migration 009), the per-case counts a breakdown under case
 * conditions reads, and the split of each case's modified items by decision
 * on it and on `cases` (migration 012), which a decision or modified
 * condition reads, kept in step with the item rows by every write: an
 * import, a correction (a changed category, medication, region, decision,
 * modified flag; an item deleted), an undo and a redo, a reparse, a write by
 * another connection; and migrations 010–012, which rebuild or fill them in
 * existing workspaces. After each, the tables equal their definition worked
 * out again from the item rows, and the figures read from them change with
 * the write.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseFilter, Change } from '../../../shared/api/contract';
import type { AnalyticsResult, StatsDimension } from '../../../shared/domain/analytics';
import type { ParsedLetter } from '../../../shared/domain/letter';
import { corpusLetter, parsedItem } from '../../unit/audit/letter-fixture';
import { createService } from '../../../backend/service/service';
import { SCHEMA_VERSION } from '../../../backend/store/database';
import { createCaseValues } from '../../../backend/store/migrations/009-case-values';
import { caseValuesRows } from '../../../backend/store/migrations/011-case-values-days';
import { migration010CaseValuesByCase } from '../../../backend/store/migrations/010-case-values-by-case';
import { ok, openWorkspace, type TestWorkspace } from '../audit/workspace';

const reviewer = 'Dana Reviewer';
const SEED = path.resolve(import.meta.dirname, '../../fixtures/corpus/synthetic/maximus-imr.txt');

/**
 * case_values as the item rows and the case rows define it (written out again here, independently of migration
 * 011's caseValuesRows): each case's items per value, of its modified ones the upheld and the overturned (012), and
 * the case's turnaround and decision day. Without `split`, as versions 9–11 stored it.
 */
const counts = (split: boolean) => {
  const of = (list: string) =>
    `COUNT(*), SUM(decision IS 'Upheld'), SUM(decision IS 'Overturned'), SUM(modified)${
      split
        ? `, SUM(decision IS 'Upheld' AND modified) AS upheld_modified,
         SUM(decision IS 'Overturned' AND modified) AS overturned_modified`
        : ''
    } FROM ${list}`;
  return `
  SELECT 'category' AS dimension, category AS value, NULL AS label, case_id, COUNT(*) AS item_count,
    SUM(decision IS 'Upheld') AS upheld, SUM(decision IS 'Overturned') AS overturned, SUM(modified) AS modified_items
    ${split ? ", SUM(decision IS 'Upheld' AND modified) AS upheld_modified, SUM(decision IS 'Overturned' AND modified) AS overturned_modified" : ''}
  FROM items GROUP BY category, case_id
  UNION ALL
  SELECT 'medication', COALESCE(lower(medication_name), ''), COALESCE(MAX(medication_name), ''), case_id, ${of('items')}
  GROUP BY lower(medication_name), case_id
  UNION ALL
  SELECT 'bodyRegion', region, NULL, case_id, ${of('item_regions')} GROUP BY region, case_id
  UNION ALL
  SELECT 'guideline', source, NULL, case_id, ${of('item_guidelines')} GROUP BY source, case_id`;
};
const COUNTS = counts(false);
const DEFINITION = `SELECT v.*, c.turnaround_days, c.decision_date FROM (${counts(true)}) v JOIN cases c ON c.id = v.case_id`;

/** Each case's modified items split by decision, as its item rows define them (migration 012). */
const CASE_SPLIT = `SELECT c.id, c.upheld_modified, c.overturned_modified,
    (SELECT COALESCE(SUM(i.decision IS 'Upheld' AND i.modified), 0) FROM items i WHERE i.case_id = c.id) AS upheld,
    (SELECT COALESCE(SUM(i.decision IS 'Overturned' AND i.modified), 0) FROM items i WHERE i.case_id = c.id) AS overturned
  FROM cases c ORDER BY c.id`;

/**
 * `cases` as versions before 012 left it: without the split columns, and `cases_turnaround` as 011 built it.
 * (Tests of older versions then take case_values back to its layout of the time.)
 */
const WITHOUT_SPLIT = `DROP INDEX cases_turnaround;
  ALTER TABLE cases DROP COLUMN upheld_modified; ALTER TABLE cases DROP COLUMN overturned_modified;
  CREATE INDEX cases_turnaround ON cases(turnaround_days, item_count, upheld, overturned, modified_items,
    decision_date, priority COLLATE NOCASE);`;

let ws: TestWorkspace;
beforeEach(() => (ws = openWorkspace()));
afterEach(() => ws.close());

const ORDER = 'ORDER BY dimension, value, case_id';
const stored = (db: Database.Database) => db.prepare(`SELECT * FROM case_values ${ORDER}`).all();
const defined = (db: Database.Database) => db.prepare(`SELECT * FROM (${DEFINITION}) ${ORDER}`).all();

function expectInStep(db = ws.service.ctx.db): void {
  expect(stored(db).length).toBeGreaterThan(0);
  expect(stored(db)).toEqual(defined(db));
  type Split = { upheld_modified: number; overturned_modified: number; upheld: number; overturned: number };
  const split = db.prepare(CASE_SPLIT).all() as Split[];
  expect(split.length).toBeGreaterThan(0);
  expect(split.map((c) => [c.upheld_modified, c.overturned_modified])).toEqual(
    split.map((c) => [c.upheld, c.overturned]),
  );
}

async function groups(dimension: StatsDimension, filter = {}): Promise<Record<string, [number, number, number]>> {
  const result: AnalyticsResult = ok(await ws.service.send('stats.analytics', { filter, by: [dimension] }));
  return Object.fromEntries(
    result.breakdowns[0]!.groups.map((g) => [g.label, [g.items, g.cases, g.upheld] as [number, number, number]]),
  );
}

const letter = (caseNumber: string, items: Parameters<typeof parsedItem>[0][]): ParsedLetter => ({
  ...corpusLetter(),
  caseNumber,
  items: items.map((i) => parsedItem(i)),
});

describe('case_values: each case counted per value, kept in step with its items', () => {
  it('follows imports, corrections, an item deleted and an undo; the figures read from it change with them', async () => {
    const a = ws.addCase(
      letter('CM16-0000101', [
        { treatment: 'Physical therapy', category: 'physical therapy', decision: 'Upheld', bodyRegion: ['knee'] },
        {
          treatment: 'Norco 10/325',
          category: 'pharmacy',
          decision: 'Overturned',
          medication: { name: 'Norco', strength: null, count: 60 },
        },
      ]),
    );
    ws.addCase(
      letter('CM16-0000102', [
        {
          treatment: 'NORCO #30',
          category: 'pharmacy',
          decision: 'Upheld',
          medication: { name: 'NORCO', strength: null, count: 30 },
        },
      ]),
    );
    expectInStep();
    // Both spellings are one medication, of two cases; the filter-free figures come from case_values.
    expect((await groups('medication'))['Norco']).toEqual([2, 2, 1]);
    expect(await groups('category', { search: 'Norco' })).toMatchObject({ pharmacy: [2, 2, 1] });

    const apply = async (change: Change, reason?: string) =>
      ok(await ws.service.send('corrections.apply', { caseId: a, reviewer, reason, change }));
    await apply({ type: 'set-field', path: 'items[0].category', value: 'chiropractic' });
    expectInStep();
    expect(await groups('category')).toMatchObject({ chiropractic: [1, 1, 1], pharmacy: [2, 2, 1] });
    expect((await groups('category'))['physical therapy']).toBeUndefined();

    await apply({ type: 'set-field', path: 'items[0].bodyRegion', value: ['shoulder', 'cervical spine'] });
    await apply({ type: 'set-field', path: 'items[1].decision', value: 'Upheld' }, 'the rationale upholds it');
    expectInStep();
    expect(await groups('bodyRegion')).toMatchObject({ shoulder: [1, 1, 1], 'cervical spine': [1, 1, 1] });
    expect((await groups('medication'))['Norco']).toEqual([2, 2, 2]);

    await apply({ type: 'delete-item', index: 1 }, 'a duplicate request');
    expectInStep();
    expect((await groups('medication'))['NORCO']).toEqual([1, 1, 1]);

    ok(await ws.service.send('corrections.undo', { caseId: a, reviewer }));
    expectInStep();
    expect((await groups('medication'))['Norco']).toEqual([2, 2, 2]);
  });

  it('splits modified items by decision after corrected decisions and modified flags, undo, redo and another connection', async () => {
    // Modified: the letter names what the claims administrator authorized (projection.ts isModified).
    const authorized = '6 sessions';
    const a = ws.addCase(
      letter('CM16-0000111', [
        {
          treatment: 'Physical therapy',
          category: 'physical therapy',
          decision: 'Upheld',
          bodyRegion: ['knee'],
          authorizedByClaimsAdministrator: authorized,
        },
        {
          treatment: 'Norco',
          category: 'pharmacy',
          decision: 'Overturned',
          bodyRegion: ['knee'],
          authorizedByClaimsAdministrator: authorized,
        },
        { treatment: 'MRI', category: 'imaging', decision: 'Upheld' },
        {
          treatment: 'Acupuncture',
          category: 'acupuncture',
          decision: null,
          authorizedByClaimsAdministrator: authorized,
        },
      ]),
    );
    const b = ws.addCase(
      letter('CM16-0000112', [
        {
          treatment: 'Tramadol',
          category: 'pharmacy',
          decision: 'Upheld',
          authorizedByClaimsAdministrator: authorized,
        },
      ]),
    );
    expectInStep();
    // [items, cases, upheld] per group, under a decision and/or modified condition (read from the split counts).
    expect(await groups('category', { modified: true })).toEqual({
      'physical therapy': [1, 1, 1],
      pharmacy: [2, 2, 1],
      acupuncture: [1, 1, 0],
    });
    expect(await groups('category', { decision: 'Overturned', modified: true })).toEqual({ pharmacy: [1, 1, 0] });
    expect(await groups('category', { decision: null, modified: true })).toEqual({ acupuncture: [1, 1, 0] });
    expect(await groups('bodyRegion', { decision: 'Upheld', modified: false })).toEqual({
      'no region named': [1, 1, 1],
    });
    expect(await groups('bodyRegion', { decision: 'Upheld', modified: true })).toEqual({
      knee: [1, 1, 1],
      'no region named': [1, 1, 1],
    });

    const apply = async (caseId: number, change: Change, reason?: string) =>
      ok(await ws.service.send('corrections.apply', { caseId, reviewer, reason, change }));
    // A corrected decision moves a modified item from the overturned to the upheld.
    await apply(a, { type: 'set-field', path: 'items[1].decision', value: 'Upheld' }, 'the rationale upholds it');
    expectInStep();
    expect(await groups('category', { decision: 'Overturned', modified: true })).toEqual({});
    expect(await groups('category', { modified: true })).toMatchObject({ pharmacy: [2, 2, 2] });
    // A corrected modified flag (what the claims administrator authorized), undone and redone.
    await apply(a, { type: 'set-field', path: 'items[2].authorizedByClaimsAdministrator', value: '2 views' });
    expectInStep();
    expect(await groups('category', { decision: 'Upheld', modified: true })).toMatchObject({ imaging: [1, 1, 1] });
    ok(await ws.service.send('corrections.undo', { caseId: a, reviewer }));
    expectInStep();
    expect((await groups('category', { decision: 'Upheld', modified: true })).imaging).toBeUndefined();
    ok(await ws.service.send('corrections.redo', { caseId: a, reviewer }));
    expectInStep();
    expect(await groups('category', { decision: 'Upheld', modified: true })).toMatchObject({ imaging: [1, 1, 1] });
    // Both cases decided in one month: its upheld modified items, now four.
    expect(Object.values(await groups('month', { decision: 'Upheld', modified: true }))).toEqual([[4, 2, 4]]);

    // Another connection (another app on the same workspace) corrects a decision: this one's next call counts it.
    const other = createService({ dbPath: ws.dbPath, host: 'test', samplesDir: null, settingsPath: null });
    try {
      ok(
        await other.send('corrections.apply', {
          caseId: b,
          reviewer,
          reason: 'as the letter says',
          change: { type: 'set-field', path: 'items[0].decision', value: 'Overturned' },
        }),
      );
      expectInStep(other.ctx.db);
    } finally {
      other.close();
    }
    expectInStep();
    expect(await groups('category', { decision: 'Overturned', modified: true })).toEqual({ pharmacy: [1, 1, 0] });
    const totals: AnalyticsResult = ok(
      await ws.service.send('stats.analytics', { filter: { modified: true }, by: ['category'] }),
    );
    expect(totals.cases).toBe(2);
    expect(totals.totals).toMatchObject({ items: 5, cases: 2, upheld: 3, overturned: 1, undecided: 1 });
  });

  it('follows a reparse of an imported letter', async () => {
    const { jobId } = ok(await ws.service.privileged.send('import.paths', { paths: [SEED] }));
    await ws.service.waitForJob(jobId);
    expectInStep();
    const before = await groups('category');
    // A reparse with nothing new to say rewrites the projection: the same rows, the same figures.
    const reparse = ok(await ws.service.send('reparse.start', {}));
    expect(await ws.service.waitForJob(reparse.jobId)).toMatchObject({ failed: 0 });
    expectInStep();
    expect(await groups('category')).toEqual(before);
  });
});

describe("migration 010: a workspace that took migration 009's first layout", () => {
  /** case_values as 009 first created it (stored by value, 2026-12-01 03:39–04:15 UTC builds). */
  const FIRST_LAYOUT = `
    CREATE TABLE case_values (
      dimension TEXT NOT NULL CHECK (dimension IN ('category', 'medication', 'bodyRegion', 'guideline')),
      value TEXT NOT NULL, label TEXT,
      case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      item_count INTEGER NOT NULL, upheld INTEGER NOT NULL, overturned INTEGER NOT NULL, modified_items INTEGER NOT NULL,
      PRIMARY KEY (dimension, value, case_id)
    ) WITHOUT ROWID;
    CREATE INDEX case_values_case ON case_values(case_id, dimension);`;
  const schemaOf = (db: Database.Database) =>
    db.prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'case_values' ORDER BY name").all();

  it('is rebuilt in the layout by case when opened, and its figures are read again', async () => {
    ws.addCase(
      letter('CM16-0000201', [
        { treatment: 'Acupuncture', category: 'acupuncture', decision: 'Overturned', bodyRegion: ['lumbar spine'] },
        { treatment: 'Physical therapy', category: 'physical therapy', decision: 'Upheld', bodyRegion: ['knee'] },
      ]),
    );
    const fresh = schemaOf(ws.service.ctx.db);
    const before = await groups('category');
    ws.service.close();
    // What a build of that window left: version 9, the first layout, filled from the same item rows.
    const old = new Database(ws.dbPath);
    old.exec(`${WITHOUT_SPLIT} DROP TABLE case_values; ${FIRST_LAYOUT}; INSERT INTO case_values ${COUNTS}`);
    old.pragma('user_version = 9');
    old.close();

    const reopened = createService({ dbPath: ws.dbPath, host: 'test', samplesDir: null, settingsPath: null });
    try {
      const db = reopened.ctx.db;
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(schemaOf(db)).toEqual(fresh);
      expect(stored(db)).toEqual(defined(db));
      const result: AnalyticsResult = ok(await reopened.send('stats.analytics', { filter: {}, by: ['category'] }));
      const after = Object.fromEntries(
        result.breakdowns[0]!.groups.map((g) => [g.label, [g.items, g.cases, g.upheld]]),
      );
      expect(after).toEqual(before);
      expect(before).toMatchObject({ acupuncture: [1, 1, 0], 'physical therapy': [1, 1, 1] });
    } finally {
      reopened.close();
    }
  });

  it('leaves a workspace already in the layout by case as it is', () => {
    ws.addCase(letter('CM16-0000202', [{ treatment: 'MRI of the knee', category: 'imaging', decision: 'Upheld' }]));
    const db = ws.service.ctx.db;
    const rows = stored(db);
    const schema = schemaOf(db);
    db.transaction(() => migration010CaseValuesByCase.up(db))();
    expect(schemaOf(db)).toEqual(schema);
    expect(stored(db)).toEqual(rows);
  });
});

describe("migration 011: each case's turnaround and decision day on its case_values rows", () => {
  const analyticsSchemaOf = (db: Database.Database) =>
    db.prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name IN ('case_values', 'cases') ORDER BY name").all();

  it('fills them from the case rows on a workspace of version 10; the figures per day read them and are unchanged', async () => {
    ws.addCase({
      ...letter('CM16-0000301', [
        { treatment: 'Acupuncture', category: 'acupuncture', decision: 'Overturned', citations: [] },
        { treatment: 'Physical therapy', category: 'physical therapy', decision: 'Upheld', bodyRegion: ['knee'] },
      ]),
      decisionDate: '2016-05-20',
      applicationReceived: '2016-04-30',
    });
    ws.addCase({
      ...letter('CM16-0000302', [{ treatment: 'MRI of the knee', category: 'imaging', decision: 'Upheld' }]),
      decisionDate: '2016-06-02',
      applicationReceived: null,
    });
    const fresh = analyticsSchemaOf(ws.service.ctx.db);
    const filter = { bodyRegion: null };
    const before = ok(await ws.service.send('stats.analytics', { filter, by: ['month', 'category'] }));
    ws.service.close();
    // Version 10 as its builds left it: case_values without the days, filled from the same item rows.
    const old = new Database(ws.dbPath);
    old.exec(`${WITHOUT_SPLIT} DROP TABLE case_values; DROP INDEX cases_turnaround;`);
    old.exec('CREATE INDEX cases_turnaround ON cases(turnaround_days, item_count, upheld, overturned, modified_items)');
    createCaseValues(old);
    old.pragma('user_version = 10');
    old.close();

    const reopened = createService({ dbPath: ws.dbPath, host: 'test', samplesDir: null, settingsPath: null });
    try {
      const db = reopened.ctx.db;
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(analyticsSchemaOf(db)).toEqual(fresh);
      expect(stored(db)).toEqual(defined(db));
      expect(db.prepare('SELECT DISTINCT case_id, turnaround_days, decision_date FROM case_values').all()).toEqual([
        { case_id: 1, turnaround_days: 20, decision_date: '2016-05-20' },
        { case_id: 2, turnaround_days: null, decision_date: '2016-06-02' },
      ]);
      const after = ok(await reopened.send('stats.analytics', { filter, by: ['month', 'category'] }));
      expect(after).toEqual(before);
      expect(after.turnaround).toMatchObject({ cases: 1, missing: 1, min: 20 });
      expect(after.breakdowns[0]!.groups.map((g: { value: unknown; items: number }) => [g.value, g.items])).toEqual([
        ['2016-05', 1],
        ['2016-06', 1],
      ]);
    } finally {
      reopened.close();
    }
  });
});

describe('migration 012: the modified items split by decision on cases and case_values', () => {
  const analyticsSchemaOf = (db: Database.Database) =>
    db.prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name IN ('case_values', 'cases') ORDER BY name").all();

  it('fills them from the item rows on a workspace of version 11; the figures under a decision or modified condition are unchanged', async () => {
    const authorized = '6 sessions';
    ws.addCase(
      letter('CM16-0000401', [
        {
          treatment: 'Acupuncture',
          category: 'acupuncture',
          decision: 'Overturned',
          authorizedByClaimsAdministrator: authorized,
        },
        { treatment: 'Physical therapy', category: 'physical therapy', decision: 'Upheld', bodyRegion: ['knee'] },
        { treatment: 'Norco', category: 'pharmacy', decision: 'Upheld', authorizedByClaimsAdministrator: authorized },
      ]),
    );
    ws.addCase(
      letter('CM16-0000402', [
        {
          treatment: 'MRI of the knee',
          category: 'imaging',
          decision: null,
          authorizedByClaimsAdministrator: authorized,
        },
      ]),
    );
    const fresh = analyticsSchemaOf(ws.service.ctx.db);
    const calls: { filter: CaseFilter; by: StatsDimension[] }[] = [
      { filter: { modified: true }, by: ['category', 'bodyRegion', 'month', 'priority'] },
      { filter: { decision: 'Overturned' }, by: ['category', 'month'] },
      { filter: { decision: 'Upheld', category: 'pharmacy' }, by: ['bodyRegion', 'month'] },
    ];
    const before: AnalyticsResult[] = [];
    for (const call of calls) before.push(ok(await ws.service.send('stats.analytics', call)));
    ws.service.close();
    // Version 11 as its builds left it: no split columns, case_values in 011's layout from the same item rows.
    const old = new Database(ws.dbPath);
    old.exec(`${WITHOUT_SPLIT} DROP TABLE case_values;`);
    old.exec(`CREATE TABLE case_values (
      dimension TEXT NOT NULL CHECK (dimension IN ('category', 'medication', 'bodyRegion', 'guideline')),
      value TEXT NOT NULL, label TEXT, case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      item_count INTEGER NOT NULL, upheld INTEGER NOT NULL, overturned INTEGER NOT NULL, modified_items INTEGER NOT NULL,
      turnaround_days INTEGER, decision_date TEXT, PRIMARY KEY (case_id, dimension, value)) WITHOUT ROWID;
      INSERT INTO case_values ${caseValuesRows('', true)};`);
    old.pragma('user_version = 11');
    expect(old.prepare('SELECT COUNT(*) FROM case_values').pluck().get()).toBeGreaterThan(0);
    old.close();

    const reopened = createService({ dbPath: ws.dbPath, host: 'test', samplesDir: null, settingsPath: null });
    try {
      const db = reopened.ctx.db;
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(analyticsSchemaOf(db)).toEqual(fresh);
      expectInStep(db);
      expect(db.prepare('SELECT id, upheld_modified, overturned_modified FROM cases ORDER BY id').all()).toEqual([
        { id: 1, upheld_modified: 1, overturned_modified: 1 },
        { id: 2, upheld_modified: 0, overturned_modified: 0 },
      ]);
      for (const [n, call] of calls.entries())
        expect(ok(await reopened.send('stats.analytics', call))).toEqual(before[n]);
      expect(before[0]!.totals).toMatchObject({ items: 3, cases: 2, upheld: 1, overturned: 1, undecided: 1 });
    } finally {
      reopened.close();
    }
  });
});
