/**
 * Where an import's time goes, measured in the same run as the import bench,
 * so a target the import misses comes with its floor: the cost of the phases
 * no change to the importer removes.
 *
 * - Reading (extraction + parsing), on this thread, one file after another:
 *   the first file (a cold engine and JIT: what each import worker pays once),
 *   then every file warm. PDFs also get the PDF engine alone (PDFium's pages
 *   and characters, before lines and parsing).
 * - Storing: the main thread's own CPU per letter during the steady-state
 *   import (the caller passes it in), which runs while the workers read.
 *
 * From these, the ceiling: the rate if both cores did nothing but warm reading
 * — no process or worker start-up, no storing — against the baseline's, both
 * from CPU per file (see ceilingRatio).
 * An import cannot beat it; when the ceiling is under a target, the target
 * cannot be met by the importer on this machine.
 */
import fs from 'node:fs';
import { readPdfGlyphs } from '../../backend/extract/pdfium/glyphs';
import { defaultParse, readLetter } from '../../backend/import/read-letter';
import { round } from './measure';

export interface ReadPhases {
  files: number;
  /**
   * CPU of the phase's first file: on a thread that had read none, what each worker pays once (engine start,
   * lazy compilation, cold JIT). The bench measures PDFs first, so the text phase's parser is already warm.
   */
  firstFileCpuMs: number;
  /** CPU per file, warm: extraction, line building, parsing, JSON and checksums for the store. */
  warmReadCpuMsPerLetter: number;
  /** PDFs: CPU per file for the PDF engine alone (pages, characters, boxes), warm. */
  warmEngineCpuMsPerLetter?: number;
}

/** CPU milliseconds of this process while `body` runs (this thread's work; nothing else runs meanwhile). */
async function cpuMs(body: () => Promise<void>): Promise<number> {
  const before = process.cpuUsage();
  await body();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** Reads (and parses) `files` on this thread: the first cold, then all of them warm. */
export async function measureReadPhases(files: string[], kind: 'pdf' | 'text'): Promise<ReadPhases> {
  const bytes = files.map((f) => new Uint8Array(fs.readFileSync(f)));
  const read = async (b: Uint8Array) => {
    const result = await readLetter(b, kind === 'pdf' ? 'letter.pdf' : 'letter.txt', defaultParse);
    if (!result.ok) throw new Error(`bench letter not read: ${result.reason}`);
  };
  const firstFileCpuMs = await cpuMs(() => read(bytes[0]!));
  // One pass to warm the JIT (and the engine's optimized code), one measured.
  for (const b of bytes) await read(b);
  const warmRead = await cpuMs(async () => {
    for (const b of bytes) await read(b);
  });
  const phases: ReadPhases = {
    files: bytes.length,
    firstFileCpuMs: round(firstFileCpuMs),
    warmReadCpuMsPerLetter: round(warmRead / bytes.length),
  };
  if (kind === 'pdf') {
    const engine = await cpuMs(async () => {
      for (const b of bytes) await readPdfGlyphs(b, 'letter.pdf');
    });
    phases.warmEngineCpuMsPerLetter = round(engine / bytes.length);
  }
  return phases;
}

/**
 * The best ratio to the baseline an import could reach here: `cores` threads
 * reading warm and nothing else (no start-up, no storing), against the
 * baseline's CPU per file over its `baselineParallel` processes. Compared in
 * CPU, not wall time: both are CPU-bound, and on a shared machine the
 * baseline's wall time (a process per file) stretches with the load far more
 * than its CPU does.
 */
export function ceilingRatio(
  cpuMsPerLetter: number,
  cores: number,
  baseline: { cpuMsPerFile: number; parallel: number } | null,
): number | null {
  if (!baseline || cpuMsPerLetter <= 0 || baseline.cpuMsPerFile <= 0) return null;
  return round(cores / cpuMsPerLetter / (baseline.parallel / baseline.cpuMsPerFile));
}
