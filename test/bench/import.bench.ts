/**
 * Import throughput: letters per second for a full import (read, extract,
 * parse, store, index) of PDFs and of text letters, with peak memory, and
 * poppler's `pdftotext -layout` over the same PDFs with the same two cores for
 * comparison. Writes bench-results/import.json.
 *
 * Targets (issue 4): PDF import at least half the pdftotext rate; over 1,000
 * text letters/s.
 *
 * Run: npm run bench -- import   (or: npx tsx test/bench/import.bench.ts)
 * Options (env): IMR_BENCH_PDF_COPIES (default 10 → 400 PDFs), IMR_BENCH_TEXT_LETTERS (default 2000).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { configureExtractWorker, ExtractPool, importPaths } from '../../backend/import';
import { openDatabase } from '../../backend/store/database';
import { cpuMsPer, mainCpuMsPer, measure, round } from './measure';
import { corpusPdfs, corpusSeeds, makeTmpDir, pdfVariant, textLetterVariant } from '../integration/import/fixtures';

const WORKERS = 2;
const pdfCopies = Number(process.env.IMR_BENCH_PDF_COPIES ?? 10);
const textLetters = Number(process.env.IMR_BENCH_TEXT_LETTERS ?? 2000);
const resultsDir = process.env.IMR_BENCH_RESULTS ?? path.resolve(import.meta.dirname, '../../bench-results');

function preparePdfs(dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const sources = corpusPdfs().map((f) => fs.readFileSync(f));
  for (let copy = 0; copy < pdfCopies; copy++) {
    sources.forEach((bytes, i) => {
      const file = path.join(dir, `${String(copy).padStart(3, '0')}-${String(i).padStart(2, '0')}.pdf`);
      fs.writeFileSync(file, pdfVariant(bytes, copy));
      files.push(file);
    });
  }
  return files;
}

function prepareTextLetters(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const seeds = corpusSeeds().map((f) => fs.readFileSync(f, 'utf8'));
  for (let i = 0; i < textLetters; i++) {
    fs.writeFileSync(
      path.join(dir, `${String(i).padStart(5, '0')}.txt`),
      textLetterVariant(seeds[i % seeds.length]!, i),
    );
  }
}

/** `pdftotext -layout` over every file, `parallel` processes at a time (like xargs -P2). */
async function runPdftotext(files: string[], parallel: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      await new Promise<void>((resolve, reject) => {
        const child = spawn('pdftotext', ['-layout', file, '-'], { stdio: ['ignore', 'ignore', 'ignore'] });
        child.on('error', reject);
        child.on('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`pdftotext failed on ${file} (${code})`)),
        );
      });
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
}

/**
 * The worker as the packaged app runs it: bundled to plain JS with the same
 * esbuild options as scripts/build-electron.mjs, so the numbers are not those
 * of a TypeScript loader compiling the worker in each thread.
 */
async function bundleWorker(outDir: string): Promise<URL> {
  const outfile = path.join(outDir, 'extract-worker.cjs');
  await build({
    entryPoints: [path.resolve(import.meta.dirname, '../../backend/import/extract-worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    absWorkingDir: path.resolve(import.meta.dirname, '../..'),
    nodePaths: [path.resolve(import.meta.dirname, '../../node_modules')],
    define: { 'import.meta.dirname': '__dirname', 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  });
  return pathToFileURL(outfile);
}

async function main(): Promise<void> {
  const tmp = makeTmpDir('imr-bench-import-');
  try {
    configureExtractWorker({
      bootstrap: null,
      entry: await bundleWorker(path.resolve(import.meta.dirname, '../../node_modules/.cache/imr-bench')),
    });
    const pdfDir = path.join(tmp, 'pdfs');
    const textDir = path.join(tmp, 'texts');
    const pdfFiles = preparePdfs(pdfDir);
    prepareTextLetters(textDir);
    const loadBefore = os.loadavg()[0]!;
    console.log(
      `${pdfFiles.length} PDFs, ${textLetters} text letters; ${os.availableParallelism()} cores; load ${loadBefore.toFixed(2)}`,
    );

    const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
    const poppler = hasPdftotext ? await measure(() => runPdftotext(pdfFiles, WORKERS)) : null;
    const popplerRate = poppler ? pdfFiles.length / poppler.seconds : null;
    if (poppler) {
      console.log(
        `pdftotext -layout, ${WORKERS} processes: ${popplerRate!.toFixed(1)} files/s (${poppler.seconds.toFixed(2)} s, ${cpuMsPer(poppler, pdfFiles.length)} ms CPU/file)`,
      );
    }

    // Extraction alone (pdf.js in the worker pool), to tell extraction cost from pipeline cost.
    const extractOnly = await measure(async () => {
      const pool = new ExtractPool({ size: WORKERS });
      try {
        let next = 0;
        const lane = async () => {
          while (next < pdfFiles.length) {
            const file = pdfFiles[next++]!;
            const result = await pool.extract(new Uint8Array(fs.readFileSync(file)), path.basename(file));
            if (!result.ok) throw new Error(`${file}: ${result.reason}`);
          }
        };
        await Promise.all(Array.from({ length: WORKERS * 2 }, lane));
      } finally {
        await pool.close();
      }
    });
    const extractRate = pdfFiles.length / extractOnly.seconds;
    console.log(
      `pdf.js extraction only, ${WORKERS} workers: ${extractRate.toFixed(1)} files/s (${cpuMsPer(extractOnly, pdfFiles.length)} ms CPU/file)`,
    );

    const pdfDb = openDatabase(path.join(tmp, 'pdf.db'));
    const pdfImport = await measure(() => importPaths(pdfDb, [pdfDir], { workers: WORKERS }));
    pdfDb.close();
    if (pdfImport.value.imported !== pdfFiles.length) {
      throw new Error(
        `PDF import stored ${pdfImport.value.imported} of ${pdfFiles.length}: ${JSON.stringify(pdfImport.value.outcomes.find((o) => o.outcome !== 'imported'))}`,
      );
    }
    const pdfRate = pdfFiles.length / pdfImport.seconds;
    console.log(
      `PDF import (extract+parse+store+index): ${pdfRate.toFixed(1)} letters/s, peak RSS ${pdfImport.peakRssMb} MB, ` +
        `${cpuMsPer(pdfImport, pdfFiles.length)} ms CPU/letter, main thread busy ${Math.round(pdfImport.mainThreadBusy * 100)}%`,
    );

    const loadBeforeText = os.loadavg()[0]!;
    const textDb = openDatabase(path.join(tmp, 'text.db'));
    const textImport = await measure(() => importPaths(textDb, [textDir], { workers: WORKERS }));
    textDb.close();
    if (textImport.value.imported !== textLetters) {
      throw new Error(
        `text import stored ${textImport.value.imported} of ${textLetters}: ${JSON.stringify(textImport.value.outcomes.find((o) => o.outcome !== 'imported'))}`,
      );
    }
    const textRate = textLetters / textImport.seconds;
    console.log(
      `Text import: ${textRate.toFixed(0)} letters/s, peak RSS ${textImport.peakRssMb} MB, ` +
        `${cpuMsPer(textImport, textLetters)} ms CPU/letter (main thread ${mainCpuMsPer(textImport, textLetters)}), ` +
        `main thread busy ${Math.round(textImport.mainThreadBusy * 100)}%`,
    );

    const pdfTargetMet = popplerRate === null ? null : pdfRate >= popplerRate / 2;
    const results = {
      bench: 'import',
      date: new Date().toISOString(),
      worker: 'bundled extract-worker.cjs (as in the packaged app)',
      machine: {
        cores: os.availableParallelism(),
        cpu: os.cpus()[0]?.model ?? 'unknown',
        node: process.version,
        loadAverageAtStart: loadBefore,
      },
      pdf: {
        files: pdfFiles.length,
        lettersPerSecond: round(pdfRate),
        seconds: round(pdfImport.seconds),
        peakRssMb: pdfImport.peakRssMb,
        cpuMsPerLetter: cpuMsPer(pdfImport, pdfFiles.length),
        mainThreadBusy: pdfImport.mainThreadBusy,
        extractOnlyFilesPerSecond: round(extractRate),
        extractOnlyCpuMsPerFile: cpuMsPer(extractOnly, pdfFiles.length),
        pdftotextLayoutFilesPerSecond: popplerRate === null ? null : round(popplerRate),
        pdftotextCpuMsPerFile: poppler ? cpuMsPer(poppler, pdfFiles.length) : null,
        ratioToPdftotext: popplerRate === null ? null : round(pdfRate / popplerRate),
        target: 'at least 0.5 × pdftotext -layout with 2 processes',
        targetMet: pdfTargetMet,
      },
      text: {
        files: textLetters,
        lettersPerSecond: round(textRate),
        seconds: round(textImport.seconds),
        peakRssMb: textImport.peakRssMb,
        cpuMsPerLetter: cpuMsPer(textImport, textLetters),
        mainThreadCpuMsPerLetter: mainCpuMsPer(textImport, textLetters),
        loadAverageAtStart: loadBeforeText,
        mainThreadBusy: textImport.mainThreadBusy,
        target: 'over 1000 letters/s',
        targetMet: textRate > 1000,
      },
    };
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(path.join(resultsDir, 'import.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(
      `targets: PDF ${pdfTargetMet === null ? 'n/a (no pdftotext)' : pdfTargetMet ? 'met' : 'NOT met'} ` +
        `(${results.pdf.ratioToPdftotext ?? '?'} × pdftotext), text ${results.text.targetMet ? 'met' : 'NOT met'}`,
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
