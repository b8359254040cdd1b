/**
 * Analytics at scale (issue 17): 100,000 cases / ~250,000 items, through the
 * paths a user runs — the built browser host's API (what the Analytics view
 * calls after a filter change), the built `imr stats --by`, and the view
 * itself in Chromium (first paint, a filter change, a bar's linked list).
 * Baselines in the same run: the case list answering the same filter
 * (`cases.list`), and the plain `imr stats` (workspace counts).
 *
 * Target: any analytics call under 300 ms after a filter change; the view's
 * first paint under 1 s.
 *
 * Run: npm run bench -- analytics
 * Env: IMR_BENCH_ANALYTICS_CASES (default 100000), IMR_BENCH_ANALYTICS_DB (keep/reuse the workspace at this path),
 *      IMR_BENCH_ANALYTICS_RUNS (default 5), CHROMIUM_PATH (default /usr/bin/chromium).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CaseFilter } from '../../shared/api/contract';
import { STATS_DIMENSIONS, type StatsDimension } from '../../shared/domain/analytics';
import { runBuild } from '../../scripts/build.mjs';
import { generateWorkspace, loadTemplates, startHost, stats } from './bench-workspace';
import { loadAverage, measureProcess, median, round } from './measure';

const caseCount = Number(process.env.IMR_BENCH_ANALYTICS_CASES ?? 100_000);
const runs = Number(process.env.IMR_BENCH_ANALYTICS_RUNS ?? 5);
const root = path.resolve(import.meta.dirname, '../..');
const resultsDir = process.env.IMR_BENCH_RESULTS ?? path.join(root, 'bench-results');
const IMR = path.join(root, 'backend/hosts/cli/bin.mjs');

/** Filter changes a researcher makes, each different from the one before (nothing answered from a cache). */
const FILTERS: CaseFilter[] = [
  {},
  { category: 'physical therapy' },
  { decision: 'Overturned' },
  { category: 'pharmacy', decision: 'Upheld' },
  { bodyRegion: 'knee' },
  { guideline: 'ODG' },
  { specialty: 'Orthopedic Surgery' },
  { month: '2016-09' },
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
      const response = await fetch(new URL(`/api/call/${name}`, base), {
        method: 'POST',
        headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
      const body = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      const ms = performance.now() - started;
      if (!body.ok) throw new Error(`${name}: ${body.error?.message}`);
      return { ms, cpuMs: cpuMsOf(pid) - cpuBefore, value: body.value };
    },
  };
}

async function main(): Promise<void> {
  await runBuild({ parts: ['node', 'renderer'], ifStale: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-analytics-bench-'));
  const keptDb = process.env.IMR_BENCH_ANALYTICS_DB;
  const dbPath = keptDb ? path.resolve(keptDb) : path.join(dir, 'workspace.sqlite');
  let generationSeconds: number | null = null;
  if (!(keptDb && fs.existsSync(dbPath))) {
    console.log(`Generating ${caseCount.toLocaleString('en-US')} cases…`);
    const started = performance.now();
    generateWorkspace(dbPath, await loadTemplates(), caseCount);
    generationSeconds = round((performance.now() - started) / 1000);
  } else console.log(`Reusing ${dbPath}`);

  const loadAtStart = loadAverage();
  const host = await startHost(dbPath);
  const results: Record<string, ReturnType<typeof stats> & { cpuMeanMs?: number }> = {};
  const workspace = { cases: 0, items: 0 };
  try {
    const api = await apiOf(host.url, host.accessCode, host.child.pid!);
    const counts = (await api.call('stats.get', {})).value as { cases: number; items: number };
    Object.assign(workspace, { cases: counts.cases, items: counts.items });
    // One untimed call: the host's first query compiles statements and warms the page cache, as a view's first paint does.
    await api.call('stats.analytics', { by: VIEW_BY });

    const samples: Record<string, { ms: number[]; cpuMs: number[] }> = {};
    const record = (key: string, sample: { ms: number; cpuMs: number }) => {
      samples[key] ??= { ms: [], cpuMs: [] };
      samples[key].ms.push(sample.ms);
      samples[key].cpuMs.push(sample.cpuMs);
    };
    for (let run = 0; run < runs; run++) {
      for (const filter of FILTERS) {
        record('viewCall', await api.call('stats.analytics', { filter, by: VIEW_BY }));
        record('caseListBaseline', await api.call('cases.list', { filter, limit: 200 }));
        for (const by of STATS_DIMENSIONS) record(`by_${by}`, await api.call('stats.analytics', { filter, by: [by] }));
      }
      process.stdout.write(`  run ${run + 1}/${runs} done\n`);
    }
    for (const [key, s] of Object.entries(samples)) {
      results[key] = { ...stats(s.ms), cpuMeanMs: Math.round(s.cpuMs.reduce((a, b) => a + b, 0) / s.cpuMs.length) };
    }
  } finally {
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

  const labels: Record<string, string> = {
    viewCall: `view's call after a filter change (by ${VIEW_BY.join(', ')})`,
    caseListBaseline: 'baseline: cases.list, same filter',
    cliStatsByCategory: 'imr stats --by category --json (new process)',
    cliStatsPlainBaseline: 'baseline: imr stats --json (new process)',
  };
  console.log(
    `\nAnalytics, ${workspace.cases.toLocaleString('en-US')} cases / ${workspace.items.toLocaleString('en-US')} items, load average ${loadAtStart} → ${loadAverage()} (median / max):`,
  );
  for (const [key, value] of Object.entries(results)) {
    const label = labels[key] ?? `one breakdown: ${key.replace('by_', '')}`;
    const cpu = value.cpuMeanMs === undefined ? '' : `   (host CPU ${value.cpuMeanMs} ms/call)`;
    console.log(`  ${label.padEnd(64)} ${String(value.medianMs).padStart(6)} ms  / ${value.maxMs} ms${cpu}`);
  }
  fs.mkdirSync(resultsDir, { recursive: true });
  const report = {
    bench: 'analytics',
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, loadAverage: [loadAtStart, loadAverage()] },
    workspace: { ...workspace, generationSeconds },
    filters: FILTERS,
    runs,
    target: 'any analytics call < 300 ms after a filter change; first paint of the view < 1 s',
    medianOfMaxima: median(Object.values(results).map((r) => r.maxMs)),
    results,
  };
  fs.writeFileSync(path.join(resultsDir, 'analytics.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(process.cwd(), path.join(resultsDir, 'analytics.json'))}`);
  if (!keptDb) fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
