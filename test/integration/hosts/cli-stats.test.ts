/**
 * `imr stats --by … --filter … --json|--csv`: the same figures as the API the
 * Analytics view calls, through the built CLI; bad options refused with a
 * reason; text from the letters made inert in CSV.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService } from '../../../backend/service/service';
import type { ApiInput } from '../../../shared/api/contract';
import { STATS_COLUMNS, type AnalyticsResult } from '../../../shared/domain/analytics';
import type { Stats } from '../../../shared/domain/case';
import { wholeCasesNote } from '../../../backend/hosts/cli/filter-args';
import { PROJECT_ROOT, runImr } from './cli-helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-cli-stats-'));
const db = path.join(tmp, 'ws.imr.sqlite');
const corpus = path.join(PROJECT_ROOT, 'test/fixtures/corpus');

beforeAll(() => {
  const letters = ['CM16-0230651.pdf', 'CM16-0232182.pdf', 'CM16-0232543.pdf', 'CM17-0021791.pdf'].map((f) =>
    path.join(corpus, 'letters', f),
  );
  expect(runImr(['import', '--db', db, ...letters, path.join(corpus, 'seeds')]).status).toBe(0);
  const specialty = runImr([
    'correct',
    ...['--db', db, '--case', '1', '--field', 'specialty', '--value', '=SUM(1+1)', '--reviewer', 'Dana'],
  ]);
  expect(specialty.status).toBe(0);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The API's answer, as the view gets it. */
async function viaApi(args: ApiInput<'stats.analytics'>): Promise<AnalyticsResult> {
  const service = createService({ dbPath: db, host: 'test', access: 'read', samplesDir: null, settingsPath: null });
  try {
    const result = await service.send('stats.analytics', args);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  } finally {
    service.close();
  }
}

describe('imr stats --by', () => {
  it('--json is exactly what the API gives the Analytics view', async () => {
    const run = runImr(['stats', '--db', db, '--by', 'category', '--json']);
    expect(run.status).toBe(0);
    const cli = run.json<AnalyticsResult>();
    expect(cli).toEqual(await viaApi({ by: ['category'] }));
    expect(cli.breakdowns[0]!.groups.reduce((sum, g) => sum + g.items, 0)).toBe(cli.totals.items);
  });

  it('--filter takes the case filter: KEY=VALUE, none, ranges, booleans and JSON', async () => {
    const run = runImr([
      'stats',
      ...['--db', db, '--by', 'bodyRegion,month', '--json'],
      ...['--filter', 'decision=Upheld', '--filter', 'guideline=MTUS', '--filter', 'turnaround=20..40'],
      ...['--filter', 'modified=false', '--filter', '{"specialty":null}'],
    ]);
    expect(run.status).toBe(0);
    const filter = {
      decision: 'Upheld',
      guideline: 'MTUS',
      turnaround: { min: 20, max: 40 },
      modified: false,
      specialty: null,
    } as const;
    expect(run.json()).toEqual(await viaApi({ by: ['bodyRegion', 'month'], filter }));
    const none = runImr(['stats', '--db', db, '--by', 'category', '--filter', 'bodyRegion=none', '--json']);
    expect(none.json()).toEqual(await viaApi({ by: ['category'], filter: { bodyRegion: null } }));
    // A choice is taken regardless of capitals, as a user types it.
    const region = runImr(['stats', '--db', db, '--by', 'category', '--filter', 'bodyRegion=Lumbar Spine', '--json']);
    expect(region.json()).toEqual(await viaApi({ by: ['category'], filter: { bodyRegion: 'lumbar spine' } }));
    expect(region.json<AnalyticsResult>().cases).toBeGreaterThan(0);
    const lower = runImr(['stats', '--db', db, '--by', 'category', '--filter', 'decision=upheld', '--json']);
    expect(lower.status).toBe(0);
    expect(lower.json()).toEqual(await viaApi({ by: ['category'], filter: { decision: 'Upheld' } }));
    const flag = runImr(['stats', '--db', db, '--by', 'category', '--filter', 'flag=Parser-Warnings', '--json']);
    expect(flag.json()).toEqual(await viaApi({ by: ['category'], filter: { flag: 'parser-warnings' } }));
  });

  it('--csv: a row for all items and one per group, shares as numbers, letter text made inert', () => {
    const run = runImr(['stats', '--db', db, '--by', 'category,specialty', '--csv']);
    expect(run.status).toBe(0);
    const rows = parse(run.stdout, { bom: true }) as string[][];
    expect(rows[0]).toEqual(['Breakdown', ...STATS_COLUMNS.map((c) => c.header)]);
    expect(rows[1]![0]).toBe('All');
    const json = runImr(['stats', '--db', db, '--by', 'category,specialty', '--json']).json<AnalyticsResult>();
    expect(rows.length).toBe(2 + json.breakdowns.reduce((n, b) => n + b.groups.length, 0));
    const rate = Number(rows[1]![STATS_COLUMNS.findIndex((c) => c.header === 'Upheld rate') + 1]);
    expect(rate).toBeCloseTo(json.totals.upheldRate.rate!, 12);
    // The corrected specialty "=SUM(1+1)" is text in a spreadsheet, never a formula.
    expect(rows.some((r) => r[1] === "'=SUM(1+1)")).toBe(true);
    expect(run.stdout).not.toMatch(/^[^\n]*,=SUM/m);
  });

  it('a table for people names each breakdown, its note, and the rates with intervals', () => {
    const run = runImr(['stats', '--db', db, '--by', 'bodyRegion']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Body region$/m);
    expect(run.stdout).toMatch(/counts once in each/);
    expect(run.stdout).toMatch(/Upheld rate \(95% CI\)/);
    expect(run.stdout).toMatch(/\d+% \(\d+(\.\d)?%–\d+(\.\d)?%\)/);
  });

  it('without --by or --filter it still prints the workspace counts', () => {
    const stats = runImr(['stats', '--db', db, '--json']).json<Stats>();
    expect(stats).toMatchObject({ cases: 9, corrections: 1 });
  });

  it.each([
    [['--by', 'nope'], /--by takes category, bodyRegion, medication, .* not "nope"/],
    // A dimension named twice, in the command line's words (was the API's "by: a dimension is listed twice").
    [
      ['--by', 'category, month,category'],
      /^imr: --by names category twice; --by takes category, bodyRegion, medication, specialty, guideline, priority, month \(comma-separated, each once\)\n$/,
    ],
    [['--filter', 'colour=red'], /unknown key "colour"; keys: status, decision/],
    [
      ['--filter', 'month=2016-13'],
      /^imr: --filter month: a month is written YYYY-MM, e\.g\. 2016-03 \(got "2016-13"\)\n$/,
    ],
    [
      ['--filter', 'turnaround=soon'],
      /^imr: --filter turnaround takes whole days from -100000 to 100000 as MIN\.\.MAX, MIN\.\. or \.\.MAX, or none \(no value\) \(got soon\)\n$/,
    ],
    // Beyond what a number holds exactly (2^53), in the same words, not the validator's "expected int to be <=…".
    [
      ['--filter', 'turnaround=1..99999999999999999999'],
      /^imr: --filter turnaround takes whole days from -100000 to 100000 as .* \(got "1\.\.99999999999999999999"\)\n$/,
    ],
    // An empty value asks for nothing: refused, saying what the key takes (was zod's "Too small: expected string
    // to have >=1 characters" for medication, and every case for search).
    [
      ['--filter', 'medication='],
      /^imr: --filter medication= gives no value; medication takes text of at most 500 characters, or none \(no value\)\n$/,
    ],
    [
      ['--filter', 'category='],
      /^imr: --filter category= gives no value; category takes one of pharmacy, .*, other\n$/,
    ],
    [['--filter', 'search='], /^imr: --filter search= gives no value; search takes text of at most 500 characters\n$/],
    [
      ['--filter', 'month='],
      /^imr: --filter month= gives no value; month takes a month written YYYY-MM, e\.g\. 2016-03, or none \(no value\)\n$/,
    ],
    // JSON is checked key by key in the same words (was "filter.category: Invalid option: expected one of …").
    [['--filter', '{"category":5}'], /^imr: --filter category takes one of pharmacy, .*, other \(got 5\)\n$/],
    [['--filter', '{"bogus":1}'], /^imr: --filter: unknown key "bogus"; keys: status, decision, /],
    [
      ['--filter', '{"turnaround":{"min":"a"}}'],
      /^imr: --filter turnaround takes whole days from -100000 to 100000 .* \(got \{"min":"a"\}\)\n$/,
    ],
    [['--filter', '{"month":"x"}'], /^imr: --filter month: a month is written YYYY-MM, e\.g\. 2016-03 \(got "x"\)\n$/],
    [
      ['--filter', 'turnaround=40..10'],
      /^imr: --filter turnaround: the fewest days \(min\) is more than the most \(max\) \(got "40\.\.10"\)\n$/,
    ],
    [['--filter', '{nope'], /not valid JSON/],
    // Keys with set choices name them, from the filter's schema, instead of the validator's words.
    [
      ['--filter', 'decision=maybe'],
      /^imr: --filter decision takes one of Upheld, Overturned, or none \(no value\) \(got "maybe"\)\n$/,
    ],
    [['--filter', 'status=none'], /--filter status takes one of new, "in review", reviewed, "needs second look" \(got/],
    [['--filter', 'category=massage'], /takes one of pharmacy, "physical therapy", .*, other \(got "massage"\)/],
    // A flag is one of the flags: flag=duplicate matched no case, silently.
    [
      ['--filter', 'flag=duplicate'],
      /^imr: --filter flag takes one of duplicate-case-number, parser-warnings, contradiction, orphaned-correction, unknown-format, read-by-ocr \(got "duplicate"\)\n$/,
    ],
    [['--by', 'category', '--json', '--csv'], /--json or --csv/],
    [['--by', 'category', '--limit', '-1'], /^imr: --limit takes a whole number of groups from 1 to 1000\n$/],
    [['--by', 'category', '--limit', '2.5'], /--limit takes a whole number of groups from 1 to 1000/],
  ])('refuses %j with a reason (exit 2, as every mistake in the command line)', (args, message) => {
    const run = runImr(['stats', '--db', db, ...args]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('refuses a key given twice instead of counting the last one alone (exit 2)', () => {
    const twice = runImr(['stats', '--db', db, '--filter', 'category=pharmacy', '--filter', 'category=imaging']);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toBe(
      'imr: --filter category is given twice; a filter takes one value per key (different keys all apply)\n',
    );
    expect(twice.stdout).toBe('');
    const viaJson = runImr([
      'stats',
      '--db',
      db,
      '--filter',
      'decision=Upheld',
      '--filter',
      '{"decision":"Overturned"}',
    ]);
    expect(viaJson.status).toBe(2);
    expect(viaJson.stderr).toMatch(/--filter decision is given twice/);
    const both = runImr(['list', '--db', db, '--status', 'new', '--filter', 'status=reviewed']);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/--status and --filter status both given; give it once/);
    expect(both.stdout).toBe('');
  });

  it.each([
    'decision=maybe',
    'month=2016-13',
    'status=none',
    'turnaround=40..10',
    'modified=maybe',
    'turnaround=soon',
    '{nope',
    'category',
    'colour=red',
  ])('a refused value, --filter %s, exits 2 (a refused input)', (arg) => {
    expect(runImr(['stats', '--db', db, '--filter', arg]).status).toBe(2);
  });
});

describe('imr list and imr export take the same --filter', () => {
  it('list --filter lists exactly the cases stats --filter counts; export --filter exports them', () => {
    const stats = runImr(['stats', '--db', db, '--by', 'category', '--filter', 'decision=Overturned', '--json']);
    const cases = stats.json<AnalyticsResult>().cases;
    expect(cases).toBeGreaterThan(0);
    expect(cases).toBeLessThan(9);

    const list = runImr(['list', '--db', db, '--filter', 'decision=overturned', '--json']);
    expect(list.status).toBe(0);
    expect(list.json<unknown[]>()).toHaveLength(cases);

    const out = path.join(tmp, 'overturned.csv');
    const worded = runImr([
      'export',
      '--db',
      db,
      '--out',
      path.join(tmp, 'worded.csv'),
      '--filter',
      'decision=Overturned',
    ]);
    expect(worded.status).toBe(0);
    expect(wholeCasesNote({ month: '2016-03', search: 'knee' })).toBeNull();
    expect(wholeCasesNote({ category: 'pharmacy', modified: true, month: '2016-03' })).toMatch(
      /^--filter category, modified selects cases/,
    );
    expect(worded.stdout).toContain(
      '--filter decision selects cases with a matching item; each case is exported with all its items ' +
        '(imr stats counts the matching items only).',
    );
    const exported = runImr(['export', '--db', db, '--out', out, '--filter', 'decision=Overturned', '--json']);
    expect(exported.status).toBe(0);
    expect(exported.json()).toMatchObject({ cases });
    const rows = parse(fs.readFileSync(out), { bom: true, columns: true }) as Record<string, string>[];
    expect(new Set(rows.map((r) => r['Case ID'])).size).toBe(cases);
  });

  it('refuses a bad filter before anything is written', () => {
    const out = path.join(tmp, 'never.csv');
    const run = runImr(['export', '--db', db, '--out', out, '--filter', 'decision=maybe']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--filter decision takes one of Upheld, Overturned/);
    expect(fs.existsSync(out)).toBe(false);
    expect(runImr(['list', '--db', db, '--filter', 'colour=red']).stderr).toMatch(/unknown key "colour"/);
  });
});
