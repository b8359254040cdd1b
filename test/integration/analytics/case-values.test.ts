/**
 * `case_values` (migration 009), the per-case counts a breakdown under case
 * conditions reads, kept in step with the item rows by every write: an
 * import, a correction (a changed category, medication, region, decision; an
 * item deleted), an undo and a reparse. After each, the table equals its
 * definition worked out again from the item rows, and the figures read from
 * it (no item condition) change with the write.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../../shared/api/contract';
import type { AnalyticsResult, StatsDimension } from '../../../shared/domain/analytics';
import type { ParsedLetter } from '../../../shared/domain/letter';
import { corpusLetter, parsedItem } from '../../unit/audit/letter-fixture';
import { ok, openWorkspace, type TestWorkspace } from '../audit/workspace';

const reviewer = 'Dana Reviewer';
const SEED = path.resolve(import.meta.dirname, '../../fixtures/corpus/synthetic/maximus-imr.txt');

/** case_values as the item rows define it (the same definition as migration 009's, over every case). */
const DEFINITION = `
  SELECT 'category' AS dimension, category AS value, NULL AS label, case_id, COUNT(*) AS item_count,
    SUM(decision IS 'Upheld') AS upheld, SUM(decision IS 'Overturned') AS overturned, SUM(modified) AS modified_items
  FROM items GROUP BY category, case_id
  UNION ALL
  SELECT 'medication', COALESCE(lower(medication_name), ''), COALESCE(MAX(medication_name), ''), case_id, COUNT(*),
    SUM(decision IS 'Upheld'), SUM(decision IS 'Overturned'), SUM(modified)
  FROM items GROUP BY lower(medication_name), case_id
  UNION ALL
  SELECT 'bodyRegion', region, NULL, case_id, COUNT(*), SUM(decision IS 'Upheld'), SUM(decision IS 'Overturned'),
    SUM(modified)
  FROM item_regions GROUP BY region, case_id
  UNION ALL
  SELECT 'guideline', source, NULL, case_id, COUNT(*), SUM(decision IS 'Upheld'), SUM(decision IS 'Overturned'),
    SUM(modified)
  FROM item_guidelines GROUP BY source, case_id`;

let ws: TestWorkspace;
beforeEach(() => (ws = openWorkspace()));
afterEach(() => ws.close());

function expectInStep(): void {
  const db = ws.service.ctx.db;
  const order = 'ORDER BY dimension, value, case_id';
  const stored = db.prepare(`SELECT * FROM case_values ${order}`).all();
  expect(stored.length).toBeGreaterThan(0);
  expect(stored).toEqual(db.prepare(`SELECT * FROM (${DEFINITION}) ${order}`).all());
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
