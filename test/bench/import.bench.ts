/**
 * Import throughput the way a user gets it, beside baselines measured in the
 * same run:
 *   - PDFs: `imr import` (the built CLI, a new process: start-up, worker
 *     start-up, extraction, parsing, storing, indexing) over the 40 corpus PDFs
 *     × 5 variants, against poppler's `pdftotext -layout` with 2 processes over
 *     the same files (text only, nothing parsed or stored);
 *   - text letters: `imr import` of 2,000 text letters against a bare SQLite
 *     FTS5 bulk insert of the same texts (one transaction, the store's
 *     tokenizer): the cost of only storing and indexing them.
 * Beside each user-path figure, the steady state: the same import in this
 * process (no process or module start-up), with the built worker threads.
 * Beside those, where the time goes (import-phases.ts): reading and parsing
 * one letter cold and warm on one thread, the PDF engine alone, the main
 * thread's storing per letter, and from them the ceiling — the ratio two cores
 * doing nothing but warm reading would reach — so a missed target comes with
 * its floor. Writes bench-results/import.json.
 *
 * Targets: PDF ≥ 0.5 × pdftotext -layout (2 processes), start-up included
 * (issue 11) and ≥ 1.0 × (issue 16, same measurement); text ≥ 0.5 × the FTS5
 * bulk insert (issue 11).
 *
 * Run: npm run bench -- import
 * Options (env): IMR_BENCH_PDF_COPIES (default 5 → 200 PDFs), IMR_BENCH_TEXT_LETTERS (default 2000).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { configureExtractWorker, importPaths } from '../../backend/import';
import { openDatabase } from '../../backend/store/database';
import { corpusPdfs, corpusSeeds, makeTmpDir, pdfVariant, textLetterVariant } from '../integration/import/fixtures';
import { ceilingRatio, measureReadPhases } from './import-phases';
import {
  cpuMsPer,
  hasPdftotext,
  mainCpuMsPer,
  loadAverage,
  measure,
  measureProcess,
  round,
  runPdftotext,
  type Measured,
  type ProcessRun,
} from './measure';

const ROOT = path.resolve(import.meta.dirname, '../..');
const IMR = path.join(ROOT, 'backend/hosts/cli/bin.mjs');
const BUILT_WORKER = path.join(ROOT, 'dist/node/extract-worker.mjs');
const WORKERS = 2;
const pdfCopies = Number(process.env.IMR_BENCH_PDF_COPIES ?? 5);
const textLetters = Number(process.env.IMR_BENCH_TEXT_LETTERS ?? 2000);
const resultsDir = process.env.IMR_BENCH_RESULTS ?? path.join(ROOT, 'bench-results');

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

function prepareTextLetters(dir: string): { texts: string[]; files: string[] } {
  fs.mkdirSync(dir, { recursive: true });
  const seeds = corpusSeeds().map((f) => fs.readFileSync(f, 'utf8'));
  const texts: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < textLetters; i++) {
    const text = textLetterVariant(seeds[i % seeds.length]!, i);
    const file = path.join(dir, `${String(i).padStart(5, '0')}.txt`);
    fs.writeFileSync(file, text);
    texts.push(text);
    files.push(file);
  }
  return { texts, files };
}

/** The text baseline: the same texts into an FTS5 table with the store's tokenizer, one transaction. */
function fts5BulkInsert(dbPath: string, texts: string[]): void {
  const db = new Database(dbPath);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec("CREATE VIRTUAL TABLE letters USING fts5(text, tokenize = 'porter unicode61 remove_diacritics 2')");
    const insert = db.prepare('INSERT INTO letters(text) VALUES (?)');
    db.transaction(() => {
      for (const text of texts) insert.run(text);
    })();
  } finally {
    db.close();
  }
}

/** `imr import --json` as a new process; checks every file was imported. */
async function imrImport(dbPath: string, dir: string, expected: number, env: NodeJS.ProcessEnv): Promise<ProcessRun> {
  const run = await measureProcess(process.execPath, [IMR, 'import', '--json', '--db', dbPath, dir], { env });
  if (run.value !== 0) throw new Error(`imr import failed (${run.value}): ${run.stderr}`);
  const summary = JSON.parse(run.stdout) as { imported: number };
  if (summary.imported !== expected) throw new Error(`imr import stored ${summary.imported} of ${expected}`);
  return run;
}

async function steadyImport(dbPath: string, dir: string, expected: number): Promise<Measured<unknown>> {
  const db = openDatabase(dbPath);
  try {
    const m = await measure(() => importPaths(db, [dir], { workers: WORKERS }));
    if (m.value.imported !== expected) throw new Error(`in-process import stored ${m.value.imported} of ${expected}`);
    return m;
  } finally {
    db.close();
  }
}

const rate = (files: number, m: { seconds: number }) => round(files / m.seconds);

/** One import the user's way (a new `imr` process) and in steady state (in-process), each against a baseline rate. */
async function importAgainst(
  label: string,
  dir: string,
  files: number,
  baseline: { name: string; rate: number | null },
  tmp: string,
  env: NodeJS.ProcessEnv,
) {
  const user = await imrImport(path.join(tmp, `${label}-user.imr.sqlite`), dir, files, env);
  const steady = await steadyImport(path.join(tmp, `${label}-steady.imr.sqlite`), dir, files);
  const ratio = (m: { seconds: number }) => (baseline.rate ? round(rate(files, m) / baseline.rate) : null);
  const result = {
    files,
    imrImport: figures(files, user),
    steadyState: figures(files, steady),
    ratioToBaseline: ratio(user),
    steadyRatioToBaseline: ratio(steady),
    targetMet: baseline.rate ? rate(files, user) >= baseline.rate / 2 : null,
  };
  console.log(
    `imr import (${label}, start-up included): ${result.imrImport.lettersPerSecond} letters/s, ${result.imrImport.cpuMsPerLetter} ms CPU/letter, peak RSS ${result.imrImport.peakRssMb} MB → ${result.ratioToBaseline ?? '?'} × ${baseline.name}`,
  );
  console.log(
    `  steady state (in-process): ${result.steadyState.lettersPerSecond} letters/s, ${result.steadyState.cpuMsPerLetter} ms CPU/letter → ${result.steadyRatioToBaseline ?? '?'} × ${baseline.name}`,
  );
  return result;
}
const figures = (files: number, m: Measured<unknown> | ProcessRun) => ({
  lettersPerSecond: rate(files, m),
  seconds: round(m.seconds),
  cpuMsPerLetter: cpuMsPer(m as Measured<unknown>, files),
  peakRssMb: m.peakRssMb,
  // The main thread (storing; reading happens in the workers): only measurable in this process.
  ...('mainThreadCpuSeconds' in m ? { mainThreadCpuMsPerLetter: mainCpuMsPer(m, files) } : {}),
});

/**
 * What a run of `imr import` costs before it reads a letter: a new process, its modules, SQLite, a new
 * workspace and an import run — here of one file that is not a letter (skipped), so no worker starts.
 */
async function startUpCpuMs(tmp: string, env: NodeJS.ProcessEnv): Promise<number> {
  const note = path.join(tmp, 'startup-note.md');
  fs.writeFileSync(note, 'not a letter\n');
  const run = await measureProcess(
    process.execPath,
    [IMR, 'import', '--json', '--db', path.join(tmp, 'startup.imr.sqlite'), note],
    { env },
  );
  if (run.value !== 0) throw new Error(`imr import failed (${run.value}): ${run.stderr}`);
  return round(run.cpuSeconds * 1000);
}

/** Where the time goes (import-phases.ts), with the ceiling against the baseline; printed and saved. */
async function phasesOf(
  label: string,
  files: string[],
  kind: 'pdf' | 'text',
  user: { cpuMsPerLetter: number },
  steady: { mainThreadCpuMsPerLetter?: number },
  startUpMs: number,
  baseline: { name: string; cpuMsPerFile: number; parallel: number } | null,
) {
  const read = await measureReadPhases(files, kind);
  /**
   * The import's CPU per letter (`imr import`, start-up included), phase by phase: warm reading and parsing,
   * storing on the main thread, the process's start-up before any letter spread over the files, and what is
   * left — the workers' start-up and warm-up (PDFium's WebAssembly compiled on first use, the JIT settling),
   * hand-offs between threads.
   */
  const parts = {
    readingWarm: read.warmReadCpuMsPerLetter,
    storing: steady.mainThreadCpuMsPerLetter ?? 0,
    startUp: round(startUpMs / files.length),
  };
  const rest = round(user.cpuMsPerLetter - parts.readingWarm - parts.storing - parts.startUp);
  const phases = {
    ...read,
    storeMainThreadCpuMsPerLetter: steady.mainThreadCpuMsPerLetter ?? null,
    startUpCpuMs: startUpMs,
    cpuMsPerLetterByPhase: { ...parts, workersStartAndWarmUp: rest, measured: user.cpuMsPerLetter },
    // The whole import by CPU against the baseline's (what it reaches when every core is busy, as on this machine).
    cpuRatioToBaseline: baseline ? round(baseline.cpuMsPerFile / user.cpuMsPerLetter) : null,
    ceilingRatioReadingOnly: ceilingRatio(read.warmReadCpuMsPerLetter, WORKERS, baseline),
    ...(read.warmEngineCpuMsPerLetter
      ? { ceilingRatioEngineOnly: ceilingRatio(read.warmEngineCpuMsPerLetter, WORKERS, baseline) }
      : {}),
  };
  console.log(
    `  phases (${label}, CPU per letter): read+parse warm ${phases.warmReadCpuMsPerLetter} ms (first letter cold ${phases.firstFileCpuMs} ms)` +
      (read.warmEngineCpuMsPerLetter ? `, PDF engine alone ${read.warmEngineCpuMsPerLetter} ms` : '') +
      `, storing (main thread) ${phases.storeMainThreadCpuMsPerLetter ?? '?'} ms`,
  );
  console.log(
    `  imr import, CPU per letter: ${user.cpuMsPerLetter} ms = reading warm ${parts.readingWarm} + storing ${parts.storing} + start-up ${parts.startUp} (${startUpMs} ms per run) + workers' start-up and warm-up ${rest}` +
      (phases.cpuRatioToBaseline !== null ? ` → ${phases.cpuRatioToBaseline} × ${baseline?.name} by CPU` : ''),
  );
  console.log(
    `  ceiling: ${WORKERS} cores only reading warm (no start-up, no storing) → ${phases.ceilingRatioReadingOnly ?? '?'} × ${baseline?.name ?? 'the baseline'} (by CPU)` +
      ('ceilingRatioEngineOnly' in phases ? `; the PDF engine alone → ${phases.ceilingRatioEngineOnly} ×` : ''),
  );
  return phases;
}

async function main(): Promise<void> {
  if (!fs.existsSync(BUILT_WORKER)) throw new Error('The app is not built: npm run build');
  // Steady state uses the worker threads the built app starts (not the TypeScript sources through tsx).
  configureExtractWorker({ bootstrap: null, entry: pathToFileURL(BUILT_WORKER) });
  const tmp = makeTmpDir('imr-bench-import-');
  const env = { ...process.env, HOME: path.join(tmp, 'home'), XDG_DATA_HOME: path.join(tmp, 'data') };
  try {
    const pdfDir = path.join(tmp, 'pdfs');
    const textDir = path.join(tmp, 'texts');
    const pdfFiles = preparePdfs(pdfDir);
    const { texts, files: textFiles } = prepareTextLetters(textDir);
    const load = { atStart: loadAverage(), beforeText: 0, atEnd: 0 };
    console.log(
      `${pdfFiles.length} PDFs, ${texts.length} text letters; ${os.availableParallelism()} cores; load ${load.atStart}`,
    );

    const nodeStart = await measureProcess(process.execPath, ['-e', '0']);
    const startUpMs = await startUpCpuMs(tmp, env);
    console.log(
      `node -e 0: ${round(nodeStart.seconds * 1000)} ms; imr import start-up (no letter): ${startUpMs} ms CPU`,
    );

    // PDFs.
    const poppler = hasPdftotext() ? await measure(() => runPdftotext(pdfFiles, WORKERS)) : null;
    const popplerRate = poppler ? rate(pdfFiles.length, poppler) : null;
    if (poppler) {
      console.log(
        `pdftotext -layout, ${WORKERS} processes: ${popplerRate} files/s (${round(poppler.seconds)} s, ${cpuMsPer(poppler, pdfFiles.length)} ms CPU/file)`,
      );
    }
    const pdfBaseline = { name: 'pdftotext', rate: popplerRate };
    const pdfImport = await importAgainst('PDF', pdfDir, pdfFiles.length, pdfBaseline, tmp, env);
    const pdf = {
      ...pdfImport,
      phases: await phasesOf(
        'PDF',
        pdfFiles,
        'pdf',
        pdfImport.imrImport,
        pdfImport.steadyState,
        startUpMs,
        poppler ? { name: 'pdftotext', cpuMsPerFile: cpuMsPer(poppler, pdfFiles.length), parallel: WORKERS } : null,
      ),
      baseline: poppler
        ? {
            what: `pdftotext -layout, ${WORKERS} processes`,
            filesPerSecond: popplerRate,
            seconds: round(poppler.seconds),
            cpuMsPerFile: cpuMsPer(poppler, pdfFiles.length),
          }
        : null,
      target: '≥ 0.5 × pdftotext -layout with 2 processes, start-up included',
    };
    // Issue 16 asks more of the same measurement: the full PDF import at least as fast as pdftotext.
    const pdfIssue16 = {
      target: '≥ 1.0 × pdftotext -layout with 2 processes, start-up included (issue 16)',
      targetMet: pdf.ratioToBaseline === null ? null : pdf.ratioToBaseline >= 1,
      // Wall time on a shared machine favours the import as the load rises (a process per file suffers more);
      // the ratio by CPU is the one that does not move with the load.
      cpuRatioToBaseline: pdf.phases.cpuRatioToBaseline,
    };

    // Text letters.
    load.beforeText = loadAverage();
    const fts = await measure(async () => fts5BulkInsert(path.join(tmp, 'fts5.sqlite'), texts));
    const ftsRate = rate(texts.length, fts);
    console.log(
      `FTS5 bulk insert of the same texts: ${ftsRate} letters/s (${cpuMsPer(fts, texts.length)} ms CPU/letter)`,
    );
    const textBaseline = { name: 'FTS5 insert', rate: ftsRate };
    const textImport = await importAgainst('text', textDir, texts.length, textBaseline, tmp, env);
    const text = {
      ...textImport,
      // The baseline is one thread (one transaction).
      phases: await phasesOf('text', textFiles, 'text', textImport.imrImport, textImport.steadyState, startUpMs, {
        name: 'FTS5 insert',
        cpuMsPerFile: cpuMsPer(fts, texts.length),
        parallel: 1,
      }),
      baseline: {
        what: 'SQLite FTS5 bulk insert of the same texts (one transaction, the store tokenizer)',
        lettersPerSecond: ftsRate,
        seconds: round(fts.seconds),
        cpuMsPerLetter: cpuMsPer(fts, texts.length),
      },
      target: '≥ 0.5 × a bare SQLite FTS5 bulk insert of the same texts, start-up included',
    };
    load.atEnd = loadAverage();

    const results = {
      bench: 'import',
      date: new Date().toISOString(),
      path: 'imr import: backend/hosts/cli/bin.mjs → dist/node/cli.mjs, workers dist/node/extract-worker.mjs',
      machine: {
        cores: os.availableParallelism(),
        cpu: os.cpus()[0]?.model ?? 'unknown',
        node: process.version,
        loadAverage: load,
      },
      nodeStartMs: round(nodeStart.seconds * 1000),
      pdf: { ...pdf, issue16: pdfIssue16 },
      text,
    };
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(path.join(resultsDir, 'import.json'), `${JSON.stringify(results, null, 2)}\n`);
    const verdict = (met: boolean | null) => (met === null ? 'n/a' : met ? 'met' : 'NOT met');
    console.log(
      `targets: PDF ${verdict(pdf.targetMet)} at ≥ 0.5, ${verdict(pdfIssue16.targetMet)} at ≥ 1.0 (${pdf.ratioToBaseline ?? '?'} × pdftotext; by CPU ${pdfIssue16.cpuRatioToBaseline ?? '?'} ×), text ${verdict(text.targetMet)} (${text.ratioToBaseline} × FTS5); load ${load.atEnd} at the end`,
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
