/**
 * OCR accuracy and speed on scanned versions of the corpus letters.
 *
 * Each corpus PDF is rendered at 200 dpi in gray (`pdftoppm -r 200 -gray`,
 * or PDFium where poppler is missing), made worse like a real scan (a skew
 * of up to ±0.8°, grain, specks) and wrapped as an image-only PDF. The app
 * then reads it (PDFium draws the page, tesseract.js reads it) and the parse
 * is compared with expected.ndjson:
 *   - basic fields: the header block (case number, dates, priority), patient
 *     age and sex, the number of items, and each item's decision — target ≥ 0.97;
 *   - all fields: everything expected.ndjson lists (treatments and guideline
 *     sentences must match character for character, so OCR's small slips
 *     count here).
 * Also reported: seconds per page and pages per second (one worker thread,
 * as in one import worker), and a 1-page scan from a cold start (Tesseract
 * not yet loaded), the latency a reviewer sees for one faxed page.
 * Writes bench-results/ocr.json.
 *
 * Run: npm run bench -- ocr   (or: npx tsx test/bench/ocr.bench.ts)
 * Options (env): IMR_BENCH_OCR_LETTERS (default 8 letters of the corpus, spread over it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractLetterText, parseExtractedLetter } from '../../backend/extract';
import { renderPageGray } from '../../backend/extract/pdfium/render';
import { compareLetter, corpusPath, loadExpected } from '../integration/extract/corpus-compare';
import { degrade, scanPdf, type GrayPage } from '../integration/extract/scan-builder';
import { makeTmpDir } from '../integration/import/fixtures';
import { round } from './measure';

const DPI = 200;
const letters = Number(process.env.IMR_BENCH_OCR_LETTERS ?? 8);
const resultsDir = process.env.IMR_BENCH_RESULTS ?? path.resolve(import.meta.dirname, '../../bench-results');
const BASIC = [
  'caseNumber',
  'dateAssigned',
  'decisionDate',
  'dateOfInjury',
  'urDenialDate',
  'applicationReceived',
  'priority',
  'patientAge',
  'patientSex',
];

const hasPoppler = spawnSync('pdftoppm', ['-v']).error === undefined;

function readPgm(buffer: Buffer): GrayPage {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(buffer.toString('latin1', 0, 40));
  if (!header) throw new Error('pdftoppm did not write an 8-bit PGM');
  return {
    width: Number(header[1]),
    height: Number(header[2]),
    gray: new Uint8Array(buffer.subarray(header[0].length)),
    dpi: DPI,
  };
}

async function renderPages(file: string, tmp: string): Promise<GrayPage[]> {
  if (hasPoppler) {
    const prefix = path.join(tmp, path.basename(file, '.pdf'));
    execFileSync('pdftoppm', ['-r', String(DPI), '-gray', file, prefix]);
    return fs
      .readdirSync(tmp)
      .filter((f) => f.startsWith(path.basename(prefix)) && f.endsWith('.pgm'))
      .sort()
      .map((f) => readPgm(fs.readFileSync(path.join(tmp, f))));
  }
  const bytes = new Uint8Array(fs.readFileSync(file));
  const pages: GrayPage[] = [];
  for (let i = 0; ; i++) {
    try {
      const bitmap = await renderPageGray(bytes, i, DPI, file);
      pages.push({ width: bitmap.width, height: bitmap.height, gray: bitmap.gray, dpi: DPI });
    } catch {
      return pages;
    }
  }
}

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

async function main(): Promise<void> {
  const tmp = makeTmpDir('imr-bench-ocr-');
  try {
    const expected = loadExpected().filter((e) => e.file.endsWith('.pdf'));
    const step = Math.max(1, Math.floor(expected.length / letters));
    const chosen = expected.filter((_, i) => i % step === 0).slice(0, letters);
    const loadAtStart = os.loadavg()[0]!;
    console.log(
      `${chosen.length} scanned corpus letters at ${DPI} dpi (${hasPoppler ? 'pdftoppm' : 'PDFium'}); load ${loadAtStart.toFixed(2)}`,
    );

    // Cold start: a 1-page scan with Tesseract not yet loaded.
    const first = await renderPages(corpusPath(chosen[0]!.file), fs.mkdtempSync(path.join(tmp, 'p')));
    const onePage = scanPdf([degrade(first[0]!, { skewDegrees: 0.5, grain: 10, specks: 0.001, seed: 7 })]);
    const coldStarted = performance.now();
    const coldCpuBefore = cpuSeconds();
    await extractLetterText(onePage, 'one-page-scan.pdf');
    const coldCpu = cpuSeconds() - coldCpuBefore;
    const coldSeconds = (performance.now() - coldStarted) / 1000;
    console.log(`1-page scan, cold start: ${coldSeconds.toFixed(1)} s (${coldCpu.toFixed(1)} s CPU)`);

    let pages = 0;
    let wall = 0;
    let cpu = 0;
    let basicChecked = 0;
    let basicRight = 0;
    let allChecked = 0;
    let allRight = 0;
    const perLetter: { file: string; pages: number; seconds: number; basicWrong: string[]; allWrong: number }[] = [];
    for (const [n, letter] of chosen.entries()) {
      const rendered = await renderPages(corpusPath(letter.file), fs.mkdtempSync(path.join(tmp, 'p')));
      const scan = scanPdf(
        rendered.map((page, i) =>
          degrade(page, {
            skewDegrees: ((n * 7 + i * 3) % 17) / 10 - 0.8,
            grain: 12,
            specks: 0.002,
            seed: n * 100 + i,
          }),
        ),
      );
      const started = performance.now();
      const cpuBefore = cpuSeconds();
      const text = await extractLetterText(scan, `scan-${letter.file}`);
      const parsed = parseExtractedLetter(text);
      cpu += cpuSeconds() - cpuBefore;
      const seconds = (performance.now() - started) / 1000;
      wall += seconds;
      pages += rendered.length;
      const { checked, mismatches } = compareLetter(letter, parsed);
      allChecked += checked;
      allRight += checked - mismatches.length;
      const wrong = new Set(mismatches.map((m) => m.field));
      const basic = [
        ...BASIC.filter((f) => f in letter),
        'items.length',
        ...letter.items.map((_, i) => `items[${i}].decision`),
      ];
      basicChecked += basic.length;
      const basicWrong = basic.filter((f) => wrong.has(f));
      basicRight += basic.length - basicWrong.length;
      perLetter.push({
        file: letter.file,
        pages: rendered.length,
        seconds: round(seconds),
        basicWrong,
        allWrong: mismatches.length,
      });
      console.log(
        `${letter.file}: ${rendered.length} pages, ${seconds.toFixed(1)} s; basic ${basic.length - basicWrong.length}/${basic.length}` +
          `${basicWrong.length ? ` (wrong: ${basicWrong.join(', ')})` : ''}; all ${checked - mismatches.length}/${checked}; OCR marked: ${parsed.ocr ? 'yes' : 'NO'}`,
      );
    }
    const result = {
      bench: 'ocr',
      date: new Date().toISOString(),
      machine: { cores: os.availableParallelism(), node: process.version, loadAverageAtStart: round(loadAtStart) },
      dpi: DPI,
      renderer: hasPoppler ? 'pdftoppm -r 200 -gray' : 'PDFium',
      letters: chosen.length,
      pages,
      secondsPerPage: round(wall / pages),
      cpuSecondsPerPage: round(cpu / pages),
      pagesPerSecondOneWorker: round(pages / wall),
      onePageColdStartSeconds: round(coldSeconds),
      onePageColdStartCpuSeconds: round(coldCpu),
      basicFieldAccuracy: round(basicRight / basicChecked),
      basicFields: { checked: basicChecked, right: basicRight },
      allFieldAccuracy: round(allRight / allChecked),
      allFields: { checked: allChecked, right: allRight },
      targets: { basicFieldAccuracy: '≥ 0.97', onePageScan: '< 10 s on 2 cores' },
      perLetter,
    };
    console.log(
      `basic fields ${basicRight}/${basicChecked} = ${result.basicFieldAccuracy}; all fields ${allRight}/${allChecked} = ${result.allFieldAccuracy}; ` +
        `${result.secondsPerPage} s/page (${result.cpuSecondsPerPage} s CPU), ${result.pagesPerSecondOneWorker} pages/s per worker; 1-page cold ${result.onePageColdStartSeconds} s`,
    );
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(path.join(resultsDir, 'ocr.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
// The Tesseract worker stops on its own after an idle time; do not wait for it.
process.exit(0);
