/**
 * The aggregates against numbers worked out by hand on a small workspace:
 * corrections count (a changed category, a changed decision, a changed
 * priority), lists count an item once per value, and every group's case count
 * is what the case list shows for the group's filter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseFilter } from '../../../shared/api/contract';
import {
  DIMENSIONS,
  STATS_DIMENSIONS,
  type AnalyticsResult,
  type StatsBreakdown,
} from '../../../shared/domain/analytics';
import type { Citation, ParsedItem, ParsedLetter } from '../../../shared/domain/letter';
import { citation, corpusLetter, parsedItem } from '../../unit/audit/letter-fixture';
import { ok, openWorkspace, type TestWorkspace } from '../audit/workspace';

const reviewer = 'Dana Reviewer';
const cite = (source: Citation['source']): Citation => citation(source);

function letter(fields: Partial<ParsedLetter>, items: Partial<ParsedItem>[]): ParsedLetter {
  return { ...corpusLetter(), ...fields, items: items.map((i) => parsedItem(i)) };
}

/*
 * A: decided 2016-03-10, received 2016-02-10 (29 days), Regular, Orthopedic Surgery + Pain Medicine
 *   A0 physical therapy, Upheld, knee + lumbar spine, MTUS + ODG, modified (UR authorized 6 of 12 sessions)
 *   A1 pharmacy, Overturned, Norco, MTUS
 * B: decided 2016-03-25, received 2016-03-20 (5 days), Expedited → corrected to Regular, orthopedic surgery
 *   B0 physical therapy, Overturned, knee
 *   B1 acupuncture, Upheld, ACOEM
 *   B2 pharmacy, no decision, NORCO
 * C: decided 2016-04-02, no application date, no priority, no specialty
 *   C0 imaging, Upheld → corrected to Overturned, lumbar spine, ODG twice
 *   C1 physical therapy → corrected to chiropractic, Upheld, shoulder
 * D: no decision date, no priority, no specialty, no items (it counts in the cases of case-level groups)
 */
let ws: TestWorkspace;
const ids: Record<'A' | 'B' | 'C' | 'D', number> = { A: 0, B: 0, C: 0, D: 0 };

beforeAll(async () => {
  ws = openWorkspace();
  ids.A = ws.addCase(
    letter(
      {
        caseNumber: 'CM16-0000001',
        decisionDate: '2016-03-10',
        applicationReceived: '2016-02-10',
        priority: 'Regular',
        specialty: ['Orthopedic Surgery', 'Pain Medicine'],
      },
      [
        {
          treatment: 'Physical therapy 12 sessions',
          category: 'physical therapy',
          decision: 'Upheld',
          bodyRegion: ['knee', 'lumbar spine'],
          citations: [cite('MTUS'), { ...cite('ODG'), from: 'claimsAdministrator' }],
          authorizedByClaimsAdministrator: '6 sessions',
        },
        {
          treatment: 'Norco 10/325mg #60',
          category: 'pharmacy',
          decision: 'Overturned',
          medication: { name: 'Norco', strength: '10/325 mg', count: 60 },
          citations: [cite('MTUS')],
        },
      ],
    ),
  );
  ids.B = ws.addCase(
    letter(
      {
        caseNumber: 'CM16-0000002',
        decisionDate: '2016-03-25',
        applicationReceived: '2016-03-20',
        priority: 'Expedited',
        specialty: ['orthopedic surgery'],
      },
      [
        {
          treatment: 'Physical therapy knee',
          category: 'physical therapy',
          decision: 'Overturned',
          bodyRegion: ['knee'],
        },
        { treatment: 'Acupuncture x6', category: 'acupuncture', decision: 'Upheld', citations: [cite('ACOEM')] },
        {
          treatment: 'NORCO #30',
          category: 'pharmacy',
          decision: null,
          medication: { name: 'NORCO', strength: null, count: 30 },
        },
      ],
    ),
  );
  ids.C = ws.addCase(
    letter(
      {
        caseNumber: 'CM16-0000003',
        decisionDate: '2016-04-02',
        applicationReceived: null,
        priority: null,
        specialty: [],
      },
      [
        {
          treatment: 'MRI lumbar spine',
          category: 'imaging',
          decision: 'Upheld',
          bodyRegion: ['lumbar spine'],
          citations: [cite('ODG'), { ...cite('ODG'), from: 'claimsAdministrator' }],
        },
        {
          treatment: 'Manipulation shoulder',
          category: 'physical therapy',
          decision: 'Upheld',
          bodyRegion: ['shoulder'],
        },
      ],
    ),
  );
  ids.D = ws.addCase(
    letter(
      { caseNumber: 'CM16-0000004', decisionDate: null, applicationReceived: null, priority: null, specialty: [] },
      [],
    ),
  );

  const correct = async (caseId: number, path: string, value: unknown, reason?: string) =>
    ok(
      await ws.service.send('corrections.apply', {
        caseId,
        reviewer,
        reason,
        change: { type: 'set-field', path, value },
      }),
    );
  await correct(ids.C, 'items[1].category', 'chiropractic');
  await correct(ids.C, 'items[0].decision', 'Overturned', 'the rationale finds the MRI necessary');
  await correct(ids.B, 'priority', 'Regular');
});
afterAll(() => ws.close());

async function stats(filter: CaseFilter = {}): Promise<AnalyticsResult> {
  return ok(await ws.service.send('stats.analytics', { filter, by: [...STATS_DIMENSIONS] }));
}
const breakdown = (r: AnalyticsResult, dimension: StatsBreakdown['dimension']) =>
  r.breakdowns.find((b) => b.dimension === dimension)!;
/** [label, items, cases, upheld, overturned, undecided] per group, in order. */
const rows = (b: StatsBreakdown) =>
  b.groups.map((g) => [g.label, g.items, g.cases, g.upheld, g.overturned, g.undecided]);

describe('analytics on a small workspace, worked out by hand', () => {
  it('totals count effective decisions, and the list count includes letters without items', async () => {
    const r = await stats();
    expect(r.cases).toBe(4);
    expect(r.totals).toMatchObject({ items: 7, cases: 3, upheld: 3, overturned: 3, undecided: 1 });
    expect(r.totals.upheldRate).toMatchObject({ count: 3, n: 6, rate: 0.5 });
    expect(r.totals.modified).toMatchObject({ count: 1, n: 7 });
    expect(r.pendingCases).toBe(0);
  });

  it('by category: the corrected category and decision count, largest groups first', async () => {
    expect(rows(breakdown(await stats(), 'category'))).toEqual([
      ['pharmacy', 2, 2, 0, 1, 1],
      ['physical therapy', 2, 2, 1, 1, 0],
      ['acupuncture', 1, 1, 1, 0, 0],
      ['chiropractic', 1, 1, 1, 0, 0],
      ['imaging', 1, 1, 0, 1, 0],
    ]);
  });

  it('by body region and guideline: an item counts once in each of its values, once per source', async () => {
    const r = await stats();
    expect(rows(breakdown(r, 'bodyRegion'))).toEqual([
      ['knee', 2, 2, 1, 1, 0],
      ['lumbar spine', 2, 2, 1, 1, 0],
      ['shoulder', 1, 1, 1, 0, 0],
      ['no region named', 3, 2, 1, 1, 1],
    ]);
    expect(rows(breakdown(r, 'guideline'))).toEqual([
      ['MTUS', 2, 1, 1, 1, 0],
      ['ODG', 2, 2, 1, 1, 0],
      ['ACOEM', 1, 1, 1, 0, 0],
      ['no guideline cited', 3, 2, 1, 1, 1],
    ]);
    expect(breakdown(r, 'bodyRegion').note).toMatch(/counts once in each/);
  });

  it('by medication, specialty and priority: regardless of capitals; the corrected priority counts', async () => {
    const r = await stats();
    const medication = breakdown(r, 'medication');
    expect(rows(medication)[0]).toEqual([expect.stringMatching(/^norco$/i), 2, 2, 0, 1, 1]);
    expect(medication.groups.at(-1)).toMatchObject({ value: null, label: 'no medication named', items: 5 });
    expect(rows(breakdown(r, 'specialty'))).toEqual([
      [expect.stringMatching(/^orthopedic surgery$/i), 5, 2, 2, 2, 1],
      ['Pain Medicine', 2, 1, 1, 1, 0],
      // C's two items, in C and D: a case-level group counts the cases the list shows.
      ['no specialty given', 2, 2, 1, 1, 0],
    ]);
    expect(rows(breakdown(r, 'priority'))).toEqual([
      ['Regular', 5, 2, 2, 2, 1],
      ['no priority given', 2, 2, 1, 1, 0],
    ]);
  });

  it('by month, in calendar order; a group of letters without items shows with 0 items', async () => {
    expect(rows(breakdown(await stats(), 'month'))).toEqual([
      ['2016-03', 5, 2, 2, 2, 1],
      ['2016-04', 2, 1, 1, 1, 0],
      ['no decision date', 0, 1, 0, 0, 0],
    ]);
  });

  it('turnaround: per case, from the application received to the decision', async () => {
    const t = (await stats()).turnaround;
    expect(t).toMatchObject({ cases: 2, missing: 2, min: 5, max: 29, median: 17, p25: 11, mean: 17 });
    expect(t.bins.filter((b) => b.cases > 0).map((b) => [b.label, b.cases])).toEqual([
      ['0–7 days', 1],
      ['22–30 days', 1],
    ]);
  });

  it('a filter selects items: physical therapy · Upheld is one item of one case (C1 is chiropractic now)', async () => {
    const filter: CaseFilter = { category: 'physical therapy', decision: 'Upheld' };
    const r = await stats(filter);
    expect(r.totals).toMatchObject({ items: 1, cases: 1, upheld: 1 });
    const list = ok(await ws.service.send('cases.list', { filter }));
    expect(list.rows.map((row) => row.id)).toEqual([ids.A]);
  });

  it('item conditions hold for the same item, in the list and in the figures', async () => {
    const check = async (filter: CaseFilter, cases: number[], items: number) => {
      const listed = ok(await ws.service.send('cases.list', { filter, sort: 'caseNumber', direction: 'asc' }));
      const r = await stats(filter);
      expect([filter, listed.rows.map((row) => row.id), r.cases, r.totals.items]).toEqual([
        filter,
        cases,
        cases.length,
        items,
      ]);
    };
    // B has an upheld item and a pharmacy item, but no upheld pharmacy item.
    await check({ category: 'pharmacy', decision: 'Upheld' }, [], 0);
    // B0 is a knee without a guideline; C0 cites ODG for the lumbar spine: only A0 is both.
    await check({ bodyRegion: 'knee', guideline: 'ODG' }, [ids.A], 1);
    // C0's decision was corrected to Overturned; A0 (lumbar spine too) is upheld.
    await check({ bodyRegion: 'lumbar spine', decision: 'Overturned' }, [ids.C], 1);
    await check({ specialty: 'orthopedic surgery', guideline: 'MTUS', decision: 'Overturned' }, [ids.A], 1);
  });

  it('filters on the new dimensions, including "no value"', async () => {
    const list = async (filter: CaseFilter) =>
      ok(await ws.service.send('cases.list', { filter, sort: 'caseNumber', direction: 'asc' })).rows.map((r) => r.id);
    expect(await list({ bodyRegion: null })).toEqual([ids.A, ids.B]);
    expect(await list({ specialty: 'ORTHOPEDIC SURGERY' })).toEqual([ids.A, ids.B]);
    expect(await list({ specialty: null })).toEqual([ids.C, ids.D]);
    expect(await list({ turnaround: { min: 0, max: 7 } })).toEqual([ids.B]);
    expect(await list({ turnaround: null })).toEqual([ids.C, ids.D]);
    expect(await list({ month: '2016-03' })).toEqual([ids.A, ids.B]);
    expect(await list({ month: null })).toEqual([ids.D]);
    expect(await list({ guideline: 'ODG', decision: 'Overturned' })).toEqual([ids.C]);
    expect(await list({ modified: true })).toEqual([ids.A]);
    expect(await list({ medication: 'norco' })).toEqual([ids.A, ids.B]);
    expect(await list({ decision: null })).toEqual([ids.B]);
    expect(await list({ priority: 'expedited' })).toEqual([]);
  });

  it('every group of every breakdown links to exactly its cases, with and without a filter', async () => {
    // Item conditions on every kind of row a breakdown reads (items, the lists' copies of the item's values), case
    // conditions that select some cases and all of them, and both at once.
    const bases = [
      {},
      { decision: 'Upheld' },
      { specialty: 'orthopedic surgery' },
      { guideline: 'ODG' },
      { guideline: null },
      { bodyRegion: null },
      { bodyRegion: 'lumbar spine' },
      { category: 'chiropractic' },
      { medication: 'norco' },
      { status: 'new' },
      { status: 'new', bodyRegion: null },
      { priority: 'Regular', modified: true },
      { search: 'knee' },
      { month: '2016-03', decision: 'Overturned' },
    ] satisfies CaseFilter[];
    for (const base of bases) {
      const r = await stats(base);
      // A breakdown by a list the base filters on (guideline MTUS among ODG items) has no filter of its own.
      for (const b of r.breakdowns.filter((b) => !(b.dimension in base && DIMENSIONS[b.dimension].multi))) {
        for (const group of b.groups) {
          const filter = { ...base, [b.dimension]: group.value } as CaseFilter;
          const listed = ok(await ws.service.send('cases.list', { filter })).total;
          expect([b.dimension, group.label, listed]).toEqual([b.dimension, group.label, group.cases]);
          // The group's figures are the totals of its own filter (the same items, counted another way).
          const again = (await stats(filter)).totals;
          const figures = (g: typeof group) => [g.items, g.upheld, g.overturned, g.undecided, g.modified.count];
          expect([base, b.dimension, group.label, ...figures(again)]).toEqual([
            base,
            b.dimension,
            group.label,
            ...figures(group),
          ]);
        }
      }
    }
  });

  it('a filter that can match nothing answers zeros, not an error', async () => {
    const r = await stats({ search: '"*"' });
    expect(r.cases).toBe(0);
    expect(r.totals.upheldRate.rate).toBeNull();
  });

  it('refuses a malformed filter with a clear message', async () => {
    const month = await ws.service.send('stats.analytics', { filter: { month: '2016-13' } });
    expect(month.ok || month.error.message).toMatch(/month is written YYYY-MM/);
    const by = await ws.service.send('stats.analytics', { by: ['category', 'nope' as never] });
    expect(by.ok).toBe(false);
  });
});
