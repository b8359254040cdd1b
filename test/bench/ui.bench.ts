/**
 * The review UI at scale: 100,000 cases in the workspace, the real renderer in
 * Chromium through the browser host. Measures, inside the page (so Playwright's
 * polling does not count), how long until
 *   - the case list shows its first rows after the page starts loading,
 *   - a filter answers (list re-rendered), and a full-text search answers
 *     (rows with highlighted hits),
 *   - a jump to the middle of the list shows rows,
 *   - a case opens (fields filled) and its PDF letter is drawn with its text layer.
 * Each action runs several times; medians and maxima are printed and written to
 * bench-results/ui.json.
 *
 * The workspace is generated through the store's write functions: corpus
 * letters are extracted and parsed once and cloned with varied case numbers;
 * the first cases keep their real PDF and full letter text so opening one is
 * realistic, the rest carry a 2,000-character excerpt of their letter for the
 * search index.
 *
 * Run: npm run bench -- ui   (or: npx tsx test/bench/ui.bench.ts)
 * Env: IMR_BENCH_UI_CASES (default 100000), IMR_BENCH_UI_DB (keep/reuse the workspace at this path),
 *      IMR_BENCH_UI_RUNS (default 5), CHROMIUM_PATH (default /usr/bin/chromium).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { runBuild } from '../../scripts/build.mjs';
import { generateWorkspace, loadTemplates, startHost, stats, timeInPage } from './bench-workspace';

const caseCount = Number(process.env.IMR_BENCH_UI_CASES ?? 100_000);
const runs = Number(process.env.IMR_BENCH_UI_RUNS ?? 5);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = path.resolve(import.meta.dirname, '../..');
const resultsDir = process.env.IMR_BENCH_RESULTS ?? path.join(root, 'bench-results');

/** Sets an input's value the way React notices, then fires Enter so the query runs at once (no debounce). */
const typeAndEnter = (selector: string, value: string) => `
  const input = document.querySelector(${JSON.stringify(selector)});
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  setter.call(input, ${JSON.stringify(value)});
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));`;
const selectOption = (label: string, value: string) => `
  const select = document.querySelector('select[aria-label=${JSON.stringify(label)}]');
  select.value = ${JSON.stringify(value)};
  select.dispatchEvent(new Event('change', { bubbles: true }));`;
const listCountIs = (predicate: string) => `
  const status = document.querySelector('.list-meta [role=status]')?.textContent ?? '';
  const n = Number((status.split(' ')[0] || '').replace(/\\D/g, ''));
  return !document.querySelector('.list-meta .muted') && document.querySelector('[data-case-id]') !== null && (${predicate});`;

async function main(): Promise<void> {
  if (!fs.existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath} (set CHROMIUM_PATH)`);
  await runBuild({ parts: ['node', 'renderer'], ifStale: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-ui-bench-'));
  const keptDb = process.env.IMR_BENCH_UI_DB;
  const dbPath = keptDb ? path.resolve(keptDb) : path.join(dir, 'workspace.sqlite');
  let generationSeconds: number | null = null;
  if (!(keptDb && fs.existsSync(dbPath))) {
    console.log('Extracting and parsing corpus letters as templates…');
    const templates = await loadTemplates();
    console.log(`Generating ${caseCount.toLocaleString('en-US')} cases…`);
    const started = performance.now();
    generateWorkspace(dbPath, templates, caseCount);
    generationSeconds = Math.round((performance.now() - started) / 100) / 10;
    console.log(`  done in ${generationSeconds} s (database ${Math.round(fs.statSync(dbPath).size / 1e6)} MB)`);
  } else {
    console.log(`Reusing ${dbPath}`);
  }

  const host = await startHost(dbPath);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
  const results: Record<string, ReturnType<typeof stats>> = {};
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // First list render: navigation start → sign-in form (page load, JS), plus sign-in → first rows painted
    // (session, app.info, first cases.list page). The reviewer's typing of the access code is not counted.
    const firstRender: number[] = [];
    for (let i = 0; i < runs; i++) {
      await page.goto(host.url);
      await page.getByLabel('Access code').waitFor();
      const formReady = (await page.evaluate('performance.now()')) as number;
      await page.getByLabel('Access code').fill(host.accessCode);
      const submitted = (await page.evaluate(
        "(() => { const t = performance.now(); document.querySelector('form.sign-in-card').requestSubmit(); return t; })()",
      )) as number;
      await page.waitForSelector('[data-case-id]');
      const painted = (await page.evaluate(
        'new Promise((r) => requestAnimationFrame(() => r(performance.now())))',
      )) as number;
      firstRender.push(formReady + (painted - submitted));
    }
    results.firstListRender = stats(firstRender);

    const filter: number[] = [];
    const search: number[] = [];
    const jump: number[] = [];
    const open: number[] = [];
    const letter: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Filter: cases with an imaging item, then back to everything.
      filter.push(
        await timeInPage(page, selectOption('Category filter', 'imaging'), listCountIs(`n > 0 && n < ${caseCount}`)),
      );
      filter.push(await timeInPage(page, selectOption('Category filter', ''), listCountIs(`n === ${caseCount}`)));
      // Search with highlighted hits, varying the word so no answer is cached.
      const word = ['lumbar', 'acupuncture', 'tramadol', 'cervical', 'physical therapy'][i % 5]!;
      search.push(
        await timeInPage(
          page,
          typeAndEnter('#case-search', word),
          listCountIs(`n > 0 && !!document.querySelector('[data-case-id] mark')`),
        ),
      );
      search.push(await timeInPage(page, typeAndEnter('#case-search', ''), listCountIs(`n === ${caseCount}`)));
      // Jump to a far row (End key in the grid) and wait for real rows there.
      jump.push(
        await timeInPage(
          page,
          `const grid = document.getElementById('case-grid'); grid.focus(); grid.dispatchEvent(new KeyboardEvent('keydown', { key: ${i % 2 === 0 ? "'End'" : "'Home'"}, bubbles: true }));`,
          `const rows = [...document.querySelectorAll('[role=row][aria-rowindex]')].map((r) => Number(r.getAttribute('aria-rowindex'))); return rows.length > 3 && document.querySelectorAll('.grid-row.placeholder').length === 0 && ${i % 2 === 0 ? `Math.max(...rows) === ${caseCount + 1}` : 'Math.min(...rows) <= 2'};`,
        ),
      );
    }
    // Opening a case: generated numbers are CM13–CM15, so sorting by case number descending puts the real letters on top.
    await page.getByRole('columnheader', { name: 'Case number' }).getByRole('button').click();
    await page.waitForTimeout(500);
    await page.getByRole('columnheader', { name: 'Case number' }).getByRole('button').click();
    await page.waitForTimeout(500);
    const realNumbers = await page.$$eval('[data-case-id] .case-number', (els) =>
      els.map((e) => e.textContent ?? '').filter((t) => /^CM1[67]-/.test(t)),
    );
    if (realNumbers.length < 2) throw new Error('the real letters are not on the first screen of the list');
    for (let i = 0; i < runs; i++) {
      const caseNumber = realNumbers[i % realNumbers.length]!;
      const rowSelector = `[data-case-id]:has(.case-number)`;
      const click = `[...document.querySelectorAll(${JSON.stringify(rowSelector)})].find((r) => r.querySelector('.case-number').textContent === ${JSON.stringify(caseNumber)}).click();`;
      const t0 = (await page.evaluate('performance.now()')) as number;
      open.push(
        await timeInPage(
          page,
          click,
          `return document.querySelector('input[data-path="caseNumber"]')?.value === ${JSON.stringify(caseNumber)};`,
        ),
      );
      // The letter: first PDF page with its text layer (timed from the same click).
      const drawn = await timeInPage(
        page,
        '',
        `return document.querySelector('.pdf-page .textLayer span') !== null && document.querySelector('.letter-pane .pane-title')?.textContent?.includes(${JSON.stringify(caseNumber)}) === true;`,
      );
      const t1 = (await page.evaluate('performance.now()')) as number;
      void drawn;
      letter.push(t1 - t0);
    }
    results.filter = stats(filter);
    results.search = stats(search);
    results.jumpToRow = stats(jump);
    results.caseOpenFields = stats(open);
    results.caseOpenLetterDrawn = stats(letter);
  } finally {
    await browser.close();
    host.child.kill('SIGTERM');
    if (!keptDb) fs.rmSync(dir, { recursive: true, force: true });
  }

  const labels: Record<string, string> = {
    firstListRender: 'first list render (navigation → rows painted)',
    filter: 'filter answered (category on/off)',
    search: 'full-text search answered (hits highlighted / cleared)',
    jumpToRow: 'jump to first/last row (End/Home)',
    caseOpenFields: 'case open: fields filled',
    caseOpenLetterDrawn: 'case open: PDF drawn with text layer',
  };
  console.log(`\nUI with ${caseCount.toLocaleString('en-US')} cases (median / max of ${runs} runs):`);
  for (const [key, value] of Object.entries(results)) {
    console.log(`  ${labels[key]!.padEnd(56)} ${String(value.medianMs).padStart(6)} ms  / ${value.maxMs} ms`);
  }
  fs.mkdirSync(resultsDir, { recursive: true });
  const report = {
    bench: 'ui',
    at: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      browser: chromiumPath,
    },
    workspace: { cases: caseCount, generationSeconds },
    runs,
    results,
  };
  fs.writeFileSync(path.join(resultsDir, 'ui.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(process.cwd(), path.join(resultsDir, 'ui.json'))}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
