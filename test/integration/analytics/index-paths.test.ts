/**
 * Every way the figures are read (backend/store/analytics.ts: case_values by value or by day, a category's index
 * range, one group answered by the totals, the day conditions tested on case_values rows, a few cases looked up
 * one by one, the matching items counted per case) gives the numbers a plain reference query gives: items joined
 * to their case, the filter's conditions as the case list writes them (case-filter.ts caseClauses, itemClauses),
 * grouped. On a generated workspace of varied letters (seeded, so a failure reproduces).
 */
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseFilter } from '../../../shared/api/contract';
import { STATS_DIMENSIONS, type StatsDimension } from '../../../shared/domain/analytics';
import type { Citation, ItemCategory, ParsedItem, ParsedLetter } from '../../../shared/domain/letter';
import { analytics, turnaroundOf } from '../../../backend/store/analytics';
import { filterSql } from '../../../backend/store/case-filter';
import { citation, corpusLetter, parsedItem } from '../../unit/audit/letter-fixture';
import { openWorkspace, type TestWorkspace } from '../audit/workspace';

const CASES = 240;

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES: ItemCategory[] = ['physical therapy', 'pharmacy', 'imaging', 'acupuncture', 'chiropractic'];
const REGIONS = ['knee', 'lumbar spine', 'shoulder', 'cervical spine'];
const SOURCES: Citation['source'][] = ['MTUS', 'ACOEM', 'ODG', 'other'];
const MEDICATIONS = ['Norco', 'NORCO', 'Tramadol', 'Lyrica'];
const SPECIALTIES = ['Orthopedic Surgery', 'Pain Medicine', 'Internal Medicine'];

function letters(): ParsedLetter[] {
  const r = random(17);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const some = <T>(xs: readonly T[]) => xs.filter(() => r() < 0.35);
  const out: ParsedLetter[] = [];
  for (let n = 0; n < CASES; n++) {
    const decided = new Date(Date.UTC(2016, 0, 1) + Math.floor(r() * 300) * 86_400_000);
    const received = new Date(decided.getTime() - Math.floor(r() * 60) * 86_400_000);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const items: ParsedItem[] = [];
    for (let i = 0, count = 1 + Math.floor(r() * 3); i < count; i++) {
      const category = pick(CATEGORIES);
      items.push(
        parsedItem({
          treatment: `${category} ${n}.${i}`,
          category,
          decision: r() < 0.1 ? null : r() < 0.55 ? 'Upheld' : 'Overturned',
          bodyRegion: some(REGIONS),
          citations: some(SOURCES).map((s) => citation(s)),
          medication:
            category === 'pharmacy' && r() < 0.8 ? { name: pick(MEDICATIONS), strength: null, count: 30 } : null,
          authorizedByClaimsAdministrator: r() < 0.2 ? '6 sessions' : null,
        }),
      );
    }
    out.push({
      ...corpusLetter(),
      caseNumber: `CM16-${String(n).padStart(7, '0')}`,
      decisionDate: r() < 0.05 ? null : day(decided),
      applicationReceived: r() < 0.1 ? null : day(received),
      priority: r() < 0.1 ? null : pick(['Regular', 'Expedited', 'regular']),
      specialty: some(SPECIALTIES),
      items,
    });
  }
  return out;
}

/** The groups' figures by a plain query: each matching item joined to its case (and to its list rows). */
function reference(db: Database.Database, filter: CaseFilter, dimension: StatsDimension | null) {
  const sql = filterSql(filter);
  if (sql === 'no-match') throw new Error('no-match');
  const key: Record<StatsDimension, [string, string]> = {
    category: ['i.category', ''],
    medication: ['lower(i.medication_name)', ''],
    bodyRegion: ["NULLIF(r.region, '')", 'JOIN item_regions r ON r.case_id = i.case_id AND r.idx = i.idx'],
    guideline: ["NULLIF(g.source, '')", 'JOIN item_guidelines g ON g.case_id = i.case_id AND g.idx = i.idx'],
    specialty: ["NULLIF(s.specialty, '')", 'JOIN case_specialties s ON s.case_id = c.id'],
    priority: ['lower(c.priority)', ''],
    month: ['substr(c.decision_date, 1, 7)', ''],
  };
  const [group, join] = dimension ? key[dimension] : ['NULL', ''];
  const where = [...sql.caseClauses, ...sql.itemClauses];
  const rows = db
    .prepare(
      `SELECT ${group} AS value, COUNT(*) AS items, COUNT(DISTINCT i.case_id) AS cases,
         SUM(i.decision IS 'Upheld') AS upheld, SUM(i.decision IS 'Overturned') AS overturned,
         SUM(i.decision IS NULL) AS undecided, SUM(i.modified) AS modified
       FROM cases c ${sql.joins} JOIN items i ON i.case_id = c.id ${sql.itemJoins} ${join}
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY ${group}`,
    )
    .all(...sql.itemJoinParams, ...sql.caseParams, ...sql.itemParams) as Record<string, unknown>[];
  return rows.sort((a, b) => String(a.value).localeCompare(String(b.value)));
}

/** The turnaround per day of the matching cases (with a matching item, where there are item conditions). */
function referenceDays(db: Database.Database, filter: CaseFilter) {
  const sql = filterSql(filter);
  if (sql === 'no-match') throw new Error('no-match');
  const items = sql.itemClauses.length || sql.itemJoins ? sql : null;
  const where = [
    ...sql.caseClauses,
    ...(items
      ? [
          `c.id IN (SELECT i.case_id FROM items i ${sql.itemJoins} ${sql.itemClauses.length ? `WHERE ${sql.itemClauses.join(' AND ')}` : ''})`,
        ]
      : []),
  ];
  return db
    .prepare(
      `SELECT c.turnaround_days AS days, COUNT(*) AS cases FROM cases c ${sql.joins}
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY c.turnaround_days ORDER BY c.turnaround_days`,
    )
    .all(...sql.caseParams, ...(items ? [...sql.itemJoinParams, ...sql.itemParams] : [])) as {
    days: number | null;
    cases: number;
  }[];
}

const FILTERS: CaseFilter[] = [
  {},
  // One item value: case_values by turnaround and by day (migration 011); with day conditions tested on its rows.
  { guideline: 'ODG' },
  { guideline: null },
  { bodyRegion: null },
  { medication: 'norco' },
  { category: 'pharmacy' },
  { guideline: 'ODG', turnaround: { min: 10, max: 40 } },
  { guideline: 'MTUS', month: '2016-05' },
  { category: 'imaging', turnaround: { min: 0, max: 5 } },
  // Conditions on the days only: the case's own index range; case_values rows tested (many) or looked up (few).
  { turnaround: { min: 5, max: 50 } },
  { turnaround: { min: 30, max: 33 } },
  { turnaround: { max: 15 } },
  { turnaround: null },
  { month: '2016-07' },
  { month: '2016-07', turnaround: { min: 10 } },
  // Two item conditions: a category's index range, the category breakdown as one group; a decision tested as a value.
  { decision: 'Upheld', category: 'physical therapy' },
  { category: 'pharmacy', decision: 'Overturned', month: '2016-03' },
  { decision: 'Overturned' },
  { decision: null },
  { modified: true, priority: 'regular' },
  { bodyRegion: 'knee', decision: 'Upheld' },
  { specialty: 'Pain Medicine', guideline: 'ODG' },
  // A decision and/or modified condition, alone or with one value: each case's counts split by them (migration 012),
  // with case conditions of every kind (many cases, a few looked up, days, a search).
  { modified: true },
  { modified: false },
  { decision: 'Upheld', modified: true },
  { decision: 'Overturned', modified: false },
  { decision: null, modified: true },
  { decision: null, modified: false },
  { modified: true, guideline: 'ODG' },
  { decision: 'Upheld', bodyRegion: null },
  { decision: 'Overturned', medication: 'norco', modified: true },
  { decision: null, guideline: 'MTUS', turnaround: { min: 10, max: 40 } },
  { modified: true, month: '2016-07' },
  { decision: 'Overturned', turnaround: { min: 5, max: 50 } },
  { decision: 'Upheld', turnaround: { max: 15 }, modified: true },
  { modified: true, turnaround: { min: 30, max: 33 } },
  { decision: 'Overturned', specialty: 'Pain Medicine' },
  { modified: true, search: 'pharmacy' },
  { decision: 'Upheld', search: 'acupuncture', category: 'acupuncture' },
  { modified: false, status: 'new' },
  // A case condition every case meets (all are new here): counted first, no selected cases written.
  { status: 'new', bodyRegion: null },
  { status: 'new', decision: 'Upheld' },
  // A full-text search: its cases written once (never counted first), read through or looked up.
  { search: 'pharmacy' },
  { search: 'pharmacy', decision: 'Upheld', category: 'pharmacy' },
  { search: 'acupuncture', bodyRegion: null },
  // A condition asking for no value of a breakdown: that breakdown is its "none" group, the totals (no scan).
  { medication: null },
  { medication: null, decision: 'Overturned' },
  { decision: 'Upheld', bodyRegion: null },
  { guideline: null, category: 'imaging' },
  { bodyRegion: null, guideline: null, medication: null },
];

let ws: TestWorkspace;
beforeAll(() => {
  ws = openWorkspace();
  for (const parsed of letters()) ws.addCase(parsed);
});
afterAll(() => ws.close());

describe('analytics: every query path gives the numbers of a plain reference query', () => {
  it.each(FILTERS.map((f) => [JSON.stringify(f), f] as const))('%s', (_name, filter) => {
    const db = ws.service.ctx.db;
    const result = analytics(db, { filter, by: STATS_DIMENSIONS, limit: 1000 });
    const figures = (g: { items: number; cases: number; upheld: number; overturned: number; undecided: number }) => ({
      items: g.items,
      cases: g.cases,
      upheld: g.upheld,
      overturned: g.overturned,
      undecided: g.undecided,
    });
    const [all] = reference(db, filter, null);
    expect(figures(result.totals)).toEqual(
      all
        ? {
            items: all.items,
            cases: all.cases,
            upheld: all.upheld,
            overturned: all.overturned,
            undecided: all.undecided,
          }
        : figures({ items: 0, cases: 0, upheld: 0, overturned: 0, undecided: 0 }),
    );
    expect(result.totals.modified.count).toBe(all ? all.modified : 0);
    // The turnaround's per-day counts, through its summary: n, missing, quantiles and bins.
    const days = referenceDays(db, filter);
    const cases = days.filter((d) => d.days !== null).reduce((s, d) => s + d.cases, 0);
    expect(result.turnaround.cases).toBe(cases);
    expect(result.turnaround.missing).toBe(days.filter((d) => d.days === null).reduce((s, d) => s + d.cases, 0));
    expect(result.turnaround.min).toBe(cases ? days.find((d) => d.days !== null)!.days : null);
    // Quantiles, mean and bins too: the per-day counts reach turnaroundOf in day order from every path.
    expect(result.turnaround).toEqual(turnaroundOf(days));
    for (const breakdown of result.breakdowns) {
      const got = breakdown.groups
        .map((g) => ({
          value: g.value === null ? null : String(g.value).toLowerCase(),
          ...figures(g),
          modified: g.modified.count,
        }))
        .sort((a, b) => String(a.value).localeCompare(String(b.value)));
      const want = reference(db, filter, breakdown.dimension).map((r) => ({
        value: r.value === null ? null : String(r.value).toLowerCase(),
        items: r.items,
        cases: r.cases,
        upheld: r.upheld,
        overturned: r.overturned,
        undecided: r.undecided,
        modified: r.modified,
      }));
      expect({ dimension: breakdown.dimension, groups: got }).toEqual({ dimension: breakdown.dimension, groups: want });
      expect(breakdown.omitted.groups).toBe(0);
      if (breakdown.dimension === 'priority') {
        // Spellings grouped regardless of capitals ('Regular', 'regular') show as the greatest, whatever the path.
        const sql = filterSql(filter);
        if (sql === 'no-match') throw new Error('no-match');
        const where = [
          ...sql.caseClauses,
          `c.id IN (SELECT i.case_id FROM items i ${sql.itemJoins} WHERE 1 ${sql.itemClauses.map((c) => `AND ${c}`).join(' ')})`,
        ];
        const labels = db
          .prepare(
            `SELECT MAX(c.priority) AS label FROM cases c ${sql.joins} WHERE ${where.join(' AND ')}
             GROUP BY c.priority COLLATE NOCASE`,
          )
          .pluck()
          .all(...sql.caseParams, ...sql.itemJoinParams, ...sql.itemParams);
        expect(breakdown.groups.map((g) => (g.value === null ? null : g.label)).sort()).toEqual(
          (labels as (string | null)[]).sort(),
        );
      }
    }
  });

  // Figures kept across calls on one filter (analytics.ts KeptFigures): the view's call, then each breakdown alone,
  // each counted from the kept selection and matching items (month and priority then in passes of their own), equal
  // the figures of one call asking for all of them right after another filter.
  it.each(FILTERS.map((f) => [JSON.stringify(f), f] as const))('kept across calls: %s', (_name, filter) => {
    const db = ws.service.ctx.db;
    const call = (by: StatsDimension[]) => analytics(db, { filter, by, limit: 1000 });
    analytics(db, { filter: { month: '1999-01' }, by: ['category'], limit: 1000 });
    const all = call([...STATS_DIMENSIONS]);
    analytics(db, { filter: { month: '1999-01' }, by: ['category'], limit: 1000 });
    const view = call(['bodyRegion', 'category', 'month']);
    expect(view.totals).toEqual(all.totals);
    expect(view.turnaround).toEqual(all.turnaround);
    for (const by of [...STATS_DIMENSIONS].reverse()) {
      const one = call([by]);
      expect({ ...one, breakdowns: [] }).toEqual({ ...all, breakdowns: [] });
      expect(one.breakdowns[0]).toEqual(all.breakdowns.find((b) => b.dimension === by));
    }
  });

  it('covers both sides of each choice on this workspace (a few cases looked up, many read through)', () => {
    const db = ws.service.ctx.db;
    const count = (filter: CaseFilter) => {
      const sql = filterSql(filter);
      if (sql === 'no-match') return 0;
      return db
        .prepare(`SELECT COUNT(*) FROM cases c ${sql.joins} WHERE ${sql.caseClauses.join(' AND ')}`)
        .pluck()
        .get(...sql.caseParams) as number;
    };
    // MANY_CASES (case-filter.ts) is 3 and DAYS_TESTED (analytics.ts) 10: one range holds more than a third of the
    // cases (read through), one between a tenth and a third (looked up, but case_values tested), one fewer.
    expect(count({ turnaround: { min: 5, max: 50 } }) * 3).toBeGreaterThan(CASES);
    expect(count({ turnaround: { max: 15 } }) * 3).toBeLessThan(CASES);
    expect(count({ turnaround: { max: 15 } }) * 10).toBeGreaterThan(CASES);
    expect(count({ turnaround: { min: 30, max: 33 } }) * 10).toBeLessThan(CASES);
    expect(count({ turnaround: { min: 30, max: 33 } })).toBeGreaterThan(0);
    // A case condition every case meets (selectCases counts it first), and searches selecting some.
    expect(count({ status: 'new' })).toBe(CASES);
    for (const search of ['pharmacy', 'acupuncture']) {
      expect(count({ search })).toBeGreaterThan(0);
      expect(count({ search })).toBeLessThan(CASES);
    }
    // Each "none" condition keeps items whose other values vary.
    for (const filter of [{ medication: null }, { bodyRegion: null }, { guideline: null }] as const) {
      const result = analytics(db, { filter, by: ['category'], limit: 1000 });
      expect(result.breakdowns[0]!.groups.length).toBeGreaterThan(1);
    }
  });
});
