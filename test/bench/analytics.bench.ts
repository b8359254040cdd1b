/**
 * Analytics at scale (issue 17): 100,000 cases / ~250,000 items, through the
 * paths a user runs — the built browser host's API (what the Analytics view
 * calls after a filter change), the built `imr stats --by`, and the view
 * itself in Chromium: its first paint (Analytics clicked → totals and charts
 * drawn), a filter change inside it (a chip removed), a new breakdown, and a
 * bar's linked case list; and the first view call in a host just opened
 * (firstCalls). Baselines in the same run: the case list answering
 * the same filter (`cases.list`), and the plain `imr stats` (workspace
 * counts).
 *
 * Target: any analytics call under 300 ms after a filter change; the view's
 * first paint under 1 s.
 *
 * The workspace is generated once and kept in the bench cache
 * (bench-workspace.ts `cachedWorkspace`, keyed by generator and schema
 * version; about a minute and 1.7 GB at 100,000 cases).
 *
 * Run: npm run bench -- analytics
 * Env: IMR_BENCH_ANALYTICS_CASES (default 100000), IMR_BENCH_ANALYTICS_DB (use the workspace at this path instead),
 *      IMR_BENCH_ANALYTICS_RUNS (default 5), IMR_BENCH_CACHE (cache folder), CHROMIUM_PATH (default /usr/bin/chromium).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import type { CaseFilter } from '../../shared/api/contract';
import { LIMITS } from '../../shared/api/limits';
import { STATS_DIMENSIONS, type AnalyticsResult, type StatsDimension } from '../../shared/domain/analytics';
import { runBuild } from '../../scripts/build.mjs';
import { cachedWorkspace, startHost, stats, timeInPage } from './bench-workspace';
import { loadAverage, measureProcess, median } from './measure';

const caseCount = Number(process.env.IMR_BENCH_ANALYTICS_CASES ?? 100_000);
const runs = Number(process.env.IMR_BENCH_ANALYTICS_RUNS ?? 5);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = path.resolve(import.meta.dirname, '../..');
const resultsDir = process.env.IMR_BENCH_RESULTS ?? path.join(root, 'bench-results');
const IMR = path.join(root, 'backend/hosts/cli/bin.mjs');

/** Filter changes a researcher makes, each different from the one before (nothing answered from a cache). */
const FILTERS: CaseFilter[] = [
  {},
  { category: 'physical therapy' },
  { decision: 'Overturned' },
  { category: 'pharmacy', decision: 'Upheld' },
  // The bar click-through: two conditions on the same item.
  { decision: 'Upheld', category: 'physical therapy' },
  { bodyRegion: 'knee' },
  { guideline: 'ODG' },
  { specialty: 'Orthopedic Surgery' },
  // (A month condition is added from the workspace's own largest month: see main.)
  { priority: 'Standard', modified: true },
  { turnaround: { min: 31, max: 45 } },
  { search: 'lumbar' },
  { status: 'new', bodyRegion: null },
];

/** What the view asks after a filter change: its chosen breakdown, the category chart and heat map, the trend. */
const VIEW_BY: StatsDimension[] = ['bodyRegion', 'category', 'month'];

interface Api {
  /** Wall time of the round trip, and CPU the host spent on it (10 ms ticks: meaningful as a mean of many calls). */
  call(name: string, args: unknown): Promise<{ ms: number; cpuMs: number; value: unknown }>;
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc, 10 ms ticks). */
function cpuMsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Signs in with the host's access code (as the page does) and calls the API with that session. */
async function apiOf(url: string, accessCode: string, pid: number): Promise<Api> {
  const base = new URL(url);
  const signIn = await fetch(new URL('/api/session', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: accessCode }),
  });
  if (!signIn.ok) throw new Error(`sign-in: ${signIn.status} ${await signIn.text()}`);
  const { session } = (await signIn.json()) as { session: string };
  return {
    async call(name, args) {
      const cpuBefore = cpuMsOf(pid);
      const started = performance.now();
      let response: Response;
      try {
        response = await fetch(new URL(`/api/call/${name}`, base), {
          method: 'POST',
          headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json' },
          body: JSON.stringify(args),
          // The host's own limit plus a margin: a query runs synchronously, so the host cannot answer its timeout
          // while the query runs; without this, fetch gives up only after 300 s with a bare "fetch failed".
          signal: AbortSignal.timeout(CALL_LIMIT_MS),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const why = cause?.code ?? cause?.message ?? (error as Error).message;
        throw new Error(
          `${name} ${JSON.stringify(args)}: no answer after ${Math.round(performance.now() - started)} ms (${why})`,
          { cause: error },
        );
      }
      const body = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      const ms = performance.now() - started;
      if (!body.ok) throw new Error(`${name}: ${body.error?.message}`);
      return { ms, cpuMs: cpuMsOf(pid) - cpuBefore, value: body.value };
    },
  };
}

/** How long a call may take before the bench stops waiting: the host's call limit and 5 s. */
const CALL_LIMIT_MS = LIMITS.callTimeoutMs + 5_000;

/** Clicks a button by its visible text (the toolbar's Analytics toggles the view). */
const clickButton = (text: string) =>
  `[...document.querySelectorAll('button')].find((b) => b.textContent.trim() === ${JSON.stringify(text)}).click();`;

/**
 * The Analytics view shows the figures of a load newer than the last one
 * seen (its data-load), drawn: nothing busy, the totals and every chart's SVG
 * in place. Remembers that load for the next measurement.
 */
const viewDrawn = `
  const el = document.querySelector('.analytics');
  if (!el || el.getAttribute('aria-busy') !== 'false' || Number(el.dataset.load) <= (window.__imrSeenLoad ?? 0)) return false;
  if (!el.querySelector('.analytics-totals')) return false;
  const charts = ['chart-rates', 'chart-heatmap', 'chart-trend', 'chart-turnaround'];
  if (!charts.every((c) => el.querySelector('[data-chart=' + c + '] .chart-plot svg'))) return false;
  window.__imrSeenLoad = Number(el.dataset.load);
  return true;`;

/** The case list shows `n` cases, loaded. */
const listShows = (n: number) => `
  const status = document.querySelector('.list-meta [role=status]')?.textContent ?? '';
  return !document.querySelector('.list-meta .muted') && document.querySelector('[data-case-id]') !== null
    && Number((status.split(' ')[0] || '').replace(/\\D/g, '')) === ${n};`;

/** Chooses an option of a select (CSS selector) the way React notices. */
const setSelect = (selector: string, value: string) => `
  const select = document.querySelector(${JSON.stringify(selector)});
  select.value = ${JSON.stringify(value)};
  select.dispatchEvent(new Event('change', { bubbles: true }));`;

/**
 * The view as a reviewer uses it, timed inside the page (bench-workspace.ts
 * timeInPage): Analytics opened on everything and on two item conditions set
 * in the list (decision Upheld + category physical therapy), a chip removed in
 * the view, a bar clicked through to its cases, the breakdown changed.
 */
async function measureView(page: Page, url: string, accessCode: string, counts: ViewCounts) {
  await page.goto(url);
  await page.getByLabel('Access code').fill(accessCode);
  await page.evaluate("document.querySelector('form.sign-in-card').requestSubmit()");
  await timeInPage(page, '', listShows(counts.all));
  const samples: Record<string, number[]> = {
    firstPaint: [],
    firstPaintFiltered: [],
    filterChange: [],
    barToList: [],
    breakdownChange: [],
  };
  // (waitForFunction would evaluate a string, which the app's Content-Security-Policy refuses.)
  const waitList = (n: number) => timeInPage(page, '', listShows(n));
  const byCycle: StatsDimension[] = ['bodyRegion', 'specialty', 'guideline', 'medication', 'priority', 'month'];
  for (let run = 0; run < runs; run++) {
    samples.firstPaint!.push(await timeInPage(page, clickButton('Analytics'), viewDrawn));
    samples.breakdownChange!.push(
      await timeInPage(page, setSelect('.analytics-by select', byCycle[run % byCycle.length]!), viewDrawn),
    );
    samples.breakdownChange!.push(await timeInPage(page, setSelect('.analytics-by select', 'category'), viewDrawn));
    await page.evaluate(clickButton('Analytics'));
    await waitList(counts.all);
    // Two item conditions in the list (untimed), then the view on them.
    await page.evaluate(setSelect('select[aria-label="Decision filter"]', 'Upheld'));
    await waitList(counts.upheld);
    await page.evaluate(setSelect('select[aria-label="Category filter"]', 'physical therapy'));
    await waitList(counts.upheldPt);
    samples.firstPaintFiltered!.push(await timeInPage(page, clickButton('Analytics'), viewDrawn));
    samples.filterChange!.push(
      await timeInPage(
        page,
        `document.querySelector('.analytics button[aria-label="Remove filter Decision: Upheld"]').click();`,
        viewDrawn,
      ),
    );
    samples.barToList!.push(
      await timeInPage(
        page,
        `document.querySelector('[data-chart="chart-rates"] [role=button][aria-label^="physical therapy · Upheld: "]').dispatchEvent(new MouseEvent('click', { bubbles: true }));`,
        listShows(counts.upheldPt),
      ),
    );
    await page.evaluate(setSelect('select[aria-label="Category filter"]', ''));
    await page.evaluate(setSelect('select[aria-label="Decision filter"]', ''));
    await waitList(counts.all);
  }
  return samples;
}

/** Filters whose first call in a fresh host is timed (firstCalls): the view unfiltered and the costliest kinds. */
const FIRST_FILTERS: CaseFilter[] = [
  {},
  { search: 'lumbar' },
  { guideline: 'ODG' },
  { status: 'new', bodyRegion: null },
];

/**
 * The first view call of a filter in a host just started, as a user meets it:
 * the host opened, what the app asks on opening (the toolbar's counts, the
 * case list), then Analytics at once — nothing read before but what those
 * read. A fresh host per filter and run; the same call again after it, for
 * comparison.
 */
async function firstCalls(dbPath: string): Promise<Record<string, { ms: number[]; cpuMs: number[]; again: number[] }>> {
  const out: Record<string, { ms: number[]; cpuMs: number[]; again: number[] }> = {};
  for (let run = 0; run < runs; run++) {
    for (const filter of FIRST_FILTERS) {
      const host = await startHost(dbPath);
      try {
        const api = await apiOf(host.url, host.accessCode, host.child.pid!);
        await Promise.all([api.call('stats.get', {}), api.call('cases.list', { filter: {}, limit: 200 })]);
        const first = await api.call('stats.analytics', { filter, by: VIEW_BY });
        const again = await api.call('stats.analytics', { filter, by: VIEW_BY });
        const key = JSON.stringify(filter);
        out[key] ??= { ms: [], cpuMs: [], again: [] };
        out[key].ms.push(first.ms);
        out[key].cpuMs.push(first.cpuMs);
        out[key].again.push(again.ms);
      } finally {
        host.child.kill('SIGTERM');
        await new Promise((resolve) =>
          host.child.exitCode !== null ? resolve(null) : host.child.once('exit', resolve),
        );
      }
    }
  }
  return out;
}

interface ViewCounts {
  all: number;
  upheld: number;
  upheldPt: number;
}

async function main(): Promise<void> {
  if (!fs.existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath} (set CHROMIUM_PATH)`);
  await runBuild({ parts: ['node', 'renderer'], ifStale: true });
  const keptDb = process.env.IMR_BENCH_ANALYTICS_DB;
  let dbPath: string;
  let generationSeconds: number | null = null;
  if (keptDb) {
    dbPath = path.resolve(keptDb);
    if (!fs.existsSync(dbPath)) throw new Error(`IMR_BENCH_ANALYTICS_DB: no workspace at ${dbPath}`);
  } else ({ path: dbPath, generationSeconds } = await cachedWorkspace(caseCount));

  const loadAtStart = loadAverage();
  const loads: Record<string, number> = {};
  const first = await firstCalls(dbPath);
  loads.firstCalls = loadAverage();
  const hostStarted = performance.now();
  const host = await startHost(dbPath);
  // Start-up as a user waits for it: the workspace opened (migrations, if any) and the address printed.
  const hostStartMs = Math.round(performance.now() - hostStarted);
  const results: Record<string, ReturnType<typeof stats> & { cpuMeanMs?: number }> = {};
  const perFilter: Record<string, ReturnType<typeof stats>> = {};
  const workspace = { cases: 0, items: 0 };
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const api = await apiOf(host.url, host.accessCode, host.child.pid!);
    const counts = (await api.call('stats.get', {})).value as { cases: number; items: number };
    Object.assign(workspace, { cases: counts.cases, items: counts.items });
    // One untimed call: the host's first query compiles statements and warms the page cache, as a view's first paint does.
    const warm = (await api.call('stats.analytics', { by: VIEW_BY })).value as AnalyticsResult;
    // A month the workspace has (its busiest), so the month condition selects cases.
    const months = warm.breakdowns.find((b) => b.dimension === 'month')!.groups.filter((g) => g.value !== null);
    const busiest = months.reduce((a, b) => (b.cases > a.cases ? b : a));
    FILTERS.splice(FILTERS.length - 1, 0, { month: busiest.value! });

    const samples: Record<string, { ms: number[]; cpuMs: number[] }> = {};
    const record = (key: string, sample: { ms: number; cpuMs: number }) => {
      samples[key] ??= { ms: [], cpuMs: [] };
      samples[key].ms.push(sample.ms);
      samples[key].cpuMs.push(sample.cpuMs);
    };
    const byFilter = new Map<string, number[]>();
    for (let run = 0; run < runs; run++) {
      for (const filter of FILTERS) {
        const view = await api.call('stats.analytics', { filter, by: VIEW_BY });
        record('viewCall', view);
        // Every analytics call on this filter (the view's and each breakdown alone), for the slowest filters.
        const calls = byFilter.get(JSON.stringify(filter)) ?? [];
        byFilter.set(JSON.stringify(filter), calls);
        calls.push(view.ms);
        record('caseListBaseline', await api.call('cases.list', { filter, limit: 200 }));
        for (const by of STATS_DIMENSIONS) {
          const one = await api.call('stats.analytics', { filter, by: [by] });
          record(`by_${by}`, one);
          calls.push(one.ms);
        }
      }
      process.stdout.write(`  run ${run + 1}/${runs} done\n`);
    }
    for (const [key, s] of Object.entries(samples)) {
      results[key] = { ...stats(s.ms), cpuMeanMs: Math.round(s.cpuMs.reduce((a, b) => a + b, 0) / s.cpuMs.length) };
    }
    for (const [filter, ms] of byFilter) perFilter[filter] = stats(ms);
    loads.api = loadAverage();

    // The view in Chromium, 1280×720 (the smallest screen the app is laid out for).
    const total = async (filter: CaseFilter) =>
      ((await api.call('cases.list', { filter, limit: 1 })).value as { total: number }).total;
    const viewCounts = {
      all: await total({}),
      upheld: await total({ decision: 'Upheld' }),
      upheldPt: await total({ decision: 'Upheld', category: 'physical therapy' }),
    };
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const view = await measureView(page, host.url, host.accessCode, viewCounts);
    for (const [key, ms] of Object.entries(view)) results[`view_${key}`] = stats(ms);
    loads.view = loadAverage();
  } finally {
    await browser.close();
    host.child.kill('SIGTERM');
  }

  // The CLI as a user runs it: a new process, start-up included, beside the plain counts.
  const cli: Record<string, number[]> = { statsByCategory: [], statsPlain: [] };
  for (let run = 0; run < runs; run++) {
    const by = await measureProcess(process.execPath, [IMR, 'stats', '--db', dbPath, '--by', 'category', '--json']);
    const plain = await measureProcess(process.execPath, [IMR, 'stats', '--db', dbPath, '--json']);
    cli.statsByCategory!.push(by.seconds * 1000);
    cli.statsPlain!.push(plain.seconds * 1000);
  }
  results.cliStatsByCategory = stats(cli.statsByCategory!);
  results.cliStatsPlainBaseline = stats(cli.statsPlain!);
  loads.cli = loadAverage();

  const labels: Record<string, string> = {
    viewCall: `view's call after a filter change (by ${VIEW_BY.join(', ')})`,
    caseListBaseline: 'baseline: cases.list, same filter',
    cliStatsByCategory: 'imr stats --by category --json (new process)',
    cliStatsPlainBaseline: 'baseline: imr stats --json (new process)',
    view_firstPaint: 'view: first paint (Analytics clicked → figures drawn)',
    view_firstPaintFiltered: 'view: first paint, decision Upheld + physical therapy',
    view_filterChange: 'view: filter change (a chip removed) → redrawn',
    view_breakdownChange: 'view: breakdown changed → redrawn',
    view_barToList: 'view: bar clicked → its cases listed',
  };
  console.log(
    `\nAnalytics, ${workspace.cases.toLocaleString('en-US')} cases / ${workspace.items.toLocaleString('en-US')} items (median / max); load average at start ${loadAtStart}, after the API calls ${loads.api}, the view ${loads.view}, the CLI ${loads.cli}:`,
  );
  console.log(
    `  ${'host start-up with the workspace (address printed)'.padEnd(64)} ${String(hostStartMs).padStart(6)} ms`,
  );
  for (const [key, value] of Object.entries(results)) {
    const label = labels[key] ?? `one breakdown: ${key.replace('by_', '')}`;
    const cpu = value.cpuMeanMs === undefined ? '' : `   (host CPU ${value.cpuMeanMs} ms/call)`;
    console.log(`  ${label.padEnd(64)} ${String(value.medianMs).padStart(6)} ms  / ${value.maxMs} ms${cpu}`);
  }
  console.log(
    '  first view call in a fresh host (counts and list loaded, then Analytics at once), per filter: median / max (CPU mean; the same call again):',
  );
  for (const [filter, value] of Object.entries(first)) {
    const cpu = Math.round(value.cpuMs.reduce((a, b) => a + b, 0) / value.cpuMs.length);
    console.log(
      `    ${filter.padEnd(62)} ${String(stats(value.ms).medianMs).padStart(6)} ms  / ${stats(value.ms).maxMs} ms   (CPU ${cpu} ms; again ${stats(value.again).medianMs} ms)`,
    );
  }
  console.log("  every analytics call (the view's and each breakdown alone) per filter:");
  for (const [filter, value] of Object.entries(perFilter)) {
    console.log(`    ${filter.padEnd(62)} ${String(value.medianMs).padStart(6)} ms  / ${value.maxMs} ms`);
  }
  fs.mkdirSync(resultsDir, { recursive: true });
  const report = {
    bench: 'analytics',
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, loadAverage: { start: loadAtStart, ...loads } },
    workspace: { ...workspace, generationSeconds, hostStartMs },
    filters: FILTERS,
    runs,
    target: 'any analytics call < 300 ms after a filter change; first paint of the view < 1 s',
    medianOfMaxima: median(Object.values(results).map((r) => r.maxMs)),
    results,
    perFilter,
    firstCalls: Object.fromEntries(
      Object.entries(first).map(([filter, value]) => [filter, { ...stats(value.ms), again: stats(value.again) }]),
    ),
  };
  fs.writeFileSync(path.join(resultsDir, 'analytics.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(process.cwd(), path.join(resultsDir, 'analytics.json'))}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
