/**
 * The last filter's figures, kept per connection (backend/store/analytics.ts KeptFigures), are never served after
 * the workspace changed: a correction, its undo and redo, an import, a reparse, a write by another connection, and
 * a write inside a transaction that is then rolled back each show in the very next call on the same filter, equal
 * to what a connection that kept nothing counts.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseFilter, Change } from '../../../shared/api/contract';
import { STATS_DIMENSIONS, type AnalyticsResult, type StatsDimension } from '../../../shared/domain/analytics';
import type { ParsedLetter } from '../../../shared/domain/letter';
import { analytics } from '../../../backend/store/analytics';
import { corpusLetter, parsedItem } from '../../unit/audit/letter-fixture';
import { ok, openWorkspace, type TestWorkspace } from '../audit/workspace';

const reviewer = 'Dana Reviewer';
const SEED = path.resolve(import.meta.dirname, '../../fixtures/corpus/synthetic/maximus-imr.txt');

let ws: TestWorkspace;
beforeEach(() => (ws = openWorkspace()));
afterEach(() => ws.close());

const letter = (caseNumber: string, items: Parameters<typeof parsedItem>[0][]): ParsedLetter => ({
  ...corpusLetter(),
  caseNumber,
  items: items.map((i) => parsedItem(i)),
});

/** The figures as a fresh read-only connection (nothing kept) counts them. */
function cold(filter: CaseFilter, by: StatsDimension[]): AnalyticsResult {
  const db = new Database(ws.dbPath, { readonly: true });
  try {
    return analytics(db, { filter, by, limit: 1000 });
  } finally {
    db.close();
  }
}

const send = async (filter: CaseFilter, by: StatsDimension[]): Promise<AnalyticsResult> =>
  ok(await ws.service.send('stats.analytics', { filter, by, limit: 1000 }));

/** [label, items, cases, upheld, overturned] per group of the one breakdown asked for. */
const groups = (r: AnalyticsResult) =>
  Object.fromEntries(r.breakdowns[0]!.groups.map((g) => [g.label, [g.items, g.cases, g.upheld, g.overturned]]));

/**
 * The filters whose figures are kept below: case conditions, one item value, item conditions (a decision or
 * modified condition alone or with one value: counted from the split counts, migration 012), none.
 */
const FILTERS: CaseFilter[] = [
  {},
  { search: 'Norco' },
  { category: 'pharmacy' },
  { decision: 'Upheld' },
  { decision: 'Overturned', category: 'pharmacy' },
  { modified: true },
  { decision: 'Overturned', modified: true },
  { category: 'pharmacy', modified: false, search: 'Norco' },
];

/**
 * Each filter's view call (three breakdowns) and then every breakdown alone — the kept ones and those counted
 * later from the kept selection — equal a cold count, and so does the call right after `write`.
 */
async function expectFreshAfter(write: () => Promise<void> | void, kept: CaseFilter = {}): Promise<void> {
  for (const filter of FILTERS) {
    await send(filter, ['bodyRegion', 'category', 'month']);
    for (const by of STATS_DIMENSIONS) expect(await send(filter, [by])).toEqual(cold(filter, [by]));
  }
  // Kept: the last filter's. Every filter after the write, the kept one first. (Without conditions, nothing is kept
  // in a temporary table, which the importer's change of temp_store would drop.)
  await send(kept, [...STATS_DIMENSIONS]);
  await write();
  for (const filter of [kept, ...FILTERS]) {
    for (const by of [['category'], [...STATS_DIMENSIONS], ['priority'], ['month']] as StatsDimension[][]) {
      expect(await send(filter, by)).toEqual(cold(filter, by));
    }
  }
}

describe('analytics: figures kept across calls on one filter follow every write', () => {
  it('a correction, its undo and redo show in the next call on the same filter', async () => {
    const a = ws.addCase(
      letter('CM16-0000301', [
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
      letter('CM16-0000302', [
        {
          treatment: 'NORCO #30',
          category: 'pharmacy',
          decision: 'Upheld',
          medication: { name: 'NORCO', strength: null, count: 30 },
        },
      ]),
    );
    const apply = async (change: Change, reason?: string) =>
      void ok(await ws.service.send('corrections.apply', { caseId: a, reviewer, reason, change }));

    // The same call twice: the second is the kept figures, equal.
    expect(groups(await send({ category: 'pharmacy' }, ['category']))).toEqual({ pharmacy: [2, 2, 1, 1] });
    expect(groups(await send({ category: 'pharmacy' }, ['category']))).toEqual({ pharmacy: [2, 2, 1, 1] });
    // A corrected decision: the very next call on the same filter counts it.
    await apply({ type: 'set-field', path: 'items[1].decision', value: 'Upheld' }, 'the rationale upholds it');
    expect(groups(await send({ category: 'pharmacy' }, ['category']))).toEqual({ pharmacy: [2, 2, 2, 0] });
    expect(groups(await send({ decision: 'Upheld' }, ['category']))).toMatchObject({ pharmacy: [2, 2, 2, 0] });
    // A corrected category, then undone and redone.
    expect(groups(await send({ decision: 'Upheld' }, ['category']))).toMatchObject({
      'physical therapy': [1, 1, 1, 0],
    });
    await apply({ type: 'set-field', path: 'items[0].category', value: 'chiropractic' });
    expect(groups(await send({ decision: 'Upheld' }, ['category']))).toEqual({
      pharmacy: [2, 2, 2, 0],
      chiropractic: [1, 1, 1, 0],
    });
    ok(await ws.service.send('corrections.undo', { caseId: a, reviewer }));
    expect(groups(await send({ decision: 'Upheld' }, ['category']))).toEqual({
      pharmacy: [2, 2, 2, 0],
      'physical therapy': [1, 1, 1, 0],
    });
    ok(await ws.service.send('corrections.redo', { caseId: a, reviewer }));
    expect(groups(await send({ decision: 'Upheld' }, ['category']))).toMatchObject({ chiropractic: [1, 1, 1, 0] });

    // Every kind of filter, every breakdown, after more corrections (a region; a decision), the filter kept before
    // each without conditions, and with item conditions (its matching items counted into a temporary table).
    await expectFreshAfter(() =>
      apply({ type: 'set-field', path: 'items[0].bodyRegion', value: ['shoulder', 'cervical spine'] }),
    );
    await expectFreshAfter(
      () => apply({ type: 'set-field', path: 'items[1].decision', value: 'Overturned' }, 'as the letter says'),
      { decision: 'Overturned', category: 'pharmacy' },
    );
    // A corrected modified flag (what the claims administrator authorized), the filter kept on it.
    expect(groups(await send({ modified: true }, ['category']))).toEqual({});
    await expectFreshAfter(
      () => apply({ type: 'set-field', path: 'items[1].authorizedByClaimsAdministrator', value: '30 tablets' }),
      { decision: 'Overturned', modified: true },
    );
    expect(groups(await send({ decision: 'Overturned', modified: true }, ['category']))).toEqual({
      pharmacy: [1, 1, 0, 1],
    });
  });

  it('an import and a reparse show in the next call on the same filter', async () => {
    const importFile = async (file: string) => {
      const { jobId } = ok(await ws.service.privileged.send('import.paths', { paths: [file] }));
      await ws.service.waitForJob(jobId);
    };
    await importFile(SEED);
    await expectFreshAfter(() => importFile(path.join(path.dirname(SEED), 'medical-professional-review.txt')));
    // (The importer changes temp_store for its run, which drops the connection's temporary tables.)
    await expectFreshAfter(async () => {
      const reparse = ok(await ws.service.send('reparse.start', {}));
      expect(await ws.service.waitForJob(reparse.jobId)).toMatchObject({ failed: 0 });
    });
  });

  it('a write by another connection, and one rolled back, show in the next call', async () => {
    ws.addCase(
      letter('CM16-0000321', [
        { treatment: 'Acupuncture', category: 'acupuncture', decision: 'Overturned', bodyRegion: ['lumbar spine'] },
        {
          treatment: 'Norco',
          category: 'pharmacy',
          decision: 'Upheld',
          medication: { name: 'Norco', strength: null, count: 1 },
        },
      ]),
    );
    const db = ws.service.ctx.db;
    const filter = { decision: 'Overturned' } as const;
    expect(groups(await send(filter, ['category']))).toEqual({ acupuncture: [1, 1, 0, 1] });
    // Another connection (another process, as far as this one can tell) changes an item's projected category.
    await expectFreshAfter(
      () => {
        const other = new Database(ws.dbPath);
        try {
          other.prepare("UPDATE items SET category = 'chiropractic' WHERE category = 'acupuncture'").run();
          other.prepare("UPDATE case_values SET value = 'chiropractic' WHERE value = 'acupuncture'").run();
        } finally {
          other.close();
        }
      },
      { search: 'Acupuncture' },
    );
    expect(groups(await send(filter, ['category']))).toEqual({ chiropractic: [1, 1, 0, 1] });

    // Inside a transaction the figures see its write, and after its rollback no longer do.
    const inside = db.transaction(() => {
      db.prepare("UPDATE items SET category = 'imaging' WHERE category = 'chiropractic'").run();
      db.prepare("UPDATE case_values SET value = 'imaging' WHERE value = 'chiropractic'").run();
      expect(groups(analytics(db, { filter, by: ['category'], limit: 1000 }))).toEqual({ imaging: [1, 1, 0, 1] });
      throw new Error('rolled back');
    });
    expect(() => inside()).toThrow('rolled back');
    expect(groups(await send(filter, ['category']))).toEqual({ chiropractic: [1, 1, 0, 1] });
    expect(await send(filter, [...STATS_DIMENSIONS])).toEqual(cold(filter, [...STATS_DIMENSIONS]));
  });

  it('a commit by another process in the middle of a call is in neither its figures nor the next call', () => {
    ws.addCase(
      letter('CM16-0000331', [
        { treatment: 'Acupuncture', category: 'acupuncture', decision: 'Overturned', bodyRegion: ['lumbar spine'] },
        { treatment: 'Chiropractic', category: 'chiropractic', decision: 'Overturned', bodyRegion: ['knee'] },
      ]),
    );
    const filter = { decision: 'Overturned' } as const;
    const by = [...STATS_DIMENSIONS];
    const before = cold(filter, by);
    // The service's connection, seen through a proxy that lets another connection commit (the acupuncture item
    // upheld) after the call's third query has been prepared: the reviewer's race, made certain.
    const db = ws.service.ctx.db;
    let prepared = 0;
    const racing = new Proxy(db, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (prop !== 'prepare' || typeof value !== 'function') {
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        }
        return (source: string) => {
          if (++prepared === 3) {
            const other = new Database(ws.dbPath);
            try {
              other.prepare("UPDATE items SET decision = 'Upheld' WHERE category = 'acupuncture'").run();
            } finally {
              other.close();
            }
          }
          return target.prepare(source);
        };
      },
    });
    const during = analytics(racing, { filter, by, limit: 1000 });
    expect(prepared).toBeGreaterThan(3);
    // One snapshot: the figures are those from before the commit, all of them.
    expect(during).toEqual(before);
    // And they are not kept as current: the next call on the same filter counts the commit.
    const after = cold(filter, by);
    expect(after).not.toEqual(before);
    expect(analytics(racing, { filter, by, limit: 1000 })).toEqual(after);
  });
});
