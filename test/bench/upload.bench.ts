/**
 * Browser-host import of 2,000 letters picked in the browser (streamed
 * uploads, one PUT per file, four at a time) against the same letters
 * imported from a folder named on the host's command line (no upload) in the
 * same run, through the same page: what the upload costs a reviewer. Also the
 * host's peak memory, and what the old single base64 JSON body would have been.
 * Writes bench-results/upload.json.
 *
 * Run: npm run bench -- upload   (IMR_BENCH_UPLOAD_LETTERS, default 2000; IMR_BENCH_UPLOAD_KIND pdf|text)
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_PATH } from '../../playwright.config';
import { corpusPdfs, corpusSeeds, makeTmpDir, pdfVariant, textLetterVariant } from '../integration/import/fixtures';
import { round } from './measure';
import { startWebHostProcess, WEB_HOST_BIN, type WebHostProcess } from '../support/web-host';

const letters = Number(process.env.IMR_BENCH_UPLOAD_LETTERS ?? 2000);
const kind = process.env.IMR_BENCH_UPLOAD_KIND === 'text' ? 'text' : 'pdf';
const resultsDir = process.env.IMR_BENCH_RESULTS ?? path.resolve(import.meta.dirname, '../../bench-results');

function prepare(dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const pdfs = corpusPdfs().map((f) => fs.readFileSync(f));
  const seeds = corpusSeeds().map((f) => fs.readFileSync(f, 'utf8'));
  const files: string[] = [];
  for (let i = 0; i < letters; i++) {
    const file = path.join(dir, `${String(i).padStart(5, '0')}.${kind === 'pdf' ? 'pdf' : 'txt'}`);
    fs.writeFileSync(
      file,
      kind === 'pdf' ? pdfVariant(pdfs[i % pdfs.length]!, i) : textLetterVariant(seeds[i % seeds.length]!, i),
    );
    files.push(file);
  }
  return files;
}

/** The built host, as `npm run web` runs it; the user's folders (settings) inside the bench's temp folder. */
async function startHost(db: string, importFrom: string): Promise<WebHostProcess> {
  return startWebHostProcess(['--db', db, '--port', '0', '--import-from', importFrom], path.dirname(db));
}

function peakRssMb(pid: number): number {
  return Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
}

async function timeImport(page: Page, start: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await start();
  await page.getByText(/Import finished: /).waitFor({ timeout: 30 * 60_000 });
  return (performance.now() - started) / 1000;
}

async function run(): Promise<void> {
  if (!fs.existsSync(WEB_HOST_BIN)) throw new Error('The app is not built: npm run build');
  const dir = makeTmpDir('imr-upload-bench-');
  const folder = path.join(dir, 'letters');
  const files = prepare(folder);
  const totalMb = files.reduce((sum, f) => sum + fs.statSync(f).size, 0) / 1024 / 1024;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
  const results: Record<string, unknown> = {
    letters,
    kind,
    totalMb: round(totalMb),
    // The old `import.files` call: every file base64 in one JSON body (4/3 of the bytes), refused over 120 MB.
    base64JsonBodyMb: round((totalMb * 4) / 3),
    loadAverage: os.loadavg().map((l) => round(l)),
  };
  const hosts: ChildProcess[] = [];
  try {
    for (const how of ['folder named at start-up', 'upload from the browser'] as const) {
      const host = await startHost(path.join(dir, `${how.startsWith('upload') ? 'upload' : 'folder'}.sqlite`), folder);
      hosts.push(host.child);
      const page = await browser.newPage();
      await page.goto(host.url);
      await page.getByLabel('Access code').fill(host.accessCode);
      await page.getByRole('button', { name: 'Open the workbench' }).click();
      await page.getByRole('button', { name: 'Import…', exact: true }).waitFor();
      const rssBefore = peakRssMb(host.child.pid!);
      const seconds = await timeImport(page, async () => {
        if (how.startsWith('upload')) await page.locator('#import-file-input').setInputFiles(files);
        else {
          await page.getByRole('button', { name: 'Import…', exact: true }).click();
          await page.getByRole('menuitem', { name: /^From / }).click();
        }
      });
      results[how] = {
        seconds: round(seconds),
        lettersPerSecond: round(letters / seconds),
        hostPeakRssMb: round(peakRssMb(host.child.pid!)),
        hostPeakRssGrowthMb: round(peakRssMb(host.child.pid!) - rssBefore),
      };
      console.log(how, results[how]);
      await page.close();
      host.child.kill();
    }
  } finally {
    for (const child of hosts) child.kill();
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'upload.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
}

await run();
