/**
 * Offline OCR with tesseract.js (Tesseract 5 compiled to WebAssembly,
 * Apache-2.0) and the English LSTM model from `@tesseract.js-data/eng`
 * (4.0.0_best_int, what tesseract.js itself uses by default).
 *
 * Nothing is downloaded: the model is read from the installed package
 * (`langPath` is a local folder, which tesseract.js reads from disk; a URL is
 * never formed) and `cacheMethod: 'none'` keeps it from writing a copy into
 * the working folder. One Tesseract worker per import worker thread, started
 * on the first scanned page and stopped after a short idle time, so the
 * ~150 MB it holds is only held while scans are being read.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Worker } from 'tesseract.js';

/** tesseract.js and model versions, recorded with OCR'd letters. */
export const OCR_ENGINE = 'tesseract.js 7.0.0, eng 4.0.0_best_int';
/** Stop the Tesseract worker after this long without a page to read. */
const IDLE_MS = 20_000;

export interface OcrBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrWord {
  text: string;
  /** 0–100, Tesseract's word confidence. */
  confidence: number;
  bbox: OcrBox;
  /** The word's characters with their boxes (bitmap pixels, y down). */
  symbols: { text: string; bbox: OcrBox }[];
}

export interface OcrLine {
  bbox: OcrBox;
  /** The line's baseline, bitmap pixels. */
  baseline: OcrBox | null;
  /** Tesseract's row height (x-height plus ascenders), pixels: about the font's em. */
  rowHeight: number | null;
  words: OcrWord[];
}

let worker: Promise<Worker> | null = null;
let idle: NodeJS.Timeout | null = null;

function modelFolder(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

async function startWorker(): Promise<Worker> {
  // tesseract.js (~100 modules) loads on the first scanned page, not with every import worker or CLI start.
  const { createWorker, OEM } = await import('tesseract.js');
  return createWorker('eng', OEM.LSTM_ONLY, {
    langPath: modelFolder(),
    cacheMethod: 'none',
    gzip: true,
    errorHandler: () => undefined,
  });
}

async function stop(): Promise<void> {
  const current = worker;
  worker = null;
  if (current) await current.then((w) => w.terminate()).catch(() => undefined);
}

/**
 * Reads the text lines of a page image (a PGM or other image file's bytes).
 * Throws if Tesseract fails; the worker is then replaced on the next call.
 */
export async function recognizeLines(image: Buffer): Promise<OcrLine[]> {
  if (idle) clearTimeout(idle);
  worker ??= startWorker();
  const current = worker;
  try {
    const { data } = await (await current).recognize(image, {}, { blocks: true, text: false });
    const lines: OcrLine[] = [];
    for (const block of data.blocks ?? []) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines) {
          const attributes = (line as { rowAttributes?: { rowHeight?: number } }).rowAttributes;
          lines.push({
            bbox: line.bbox,
            baseline: line.baseline ?? null,
            rowHeight: attributes?.rowHeight ?? null,
            words: line.words.map((word) => ({
              text: word.text,
              confidence: word.confidence,
              bbox: word.bbox,
              symbols: word.symbols.map((symbol) => ({ text: symbol.text, bbox: symbol.bbox })),
            })),
          });
        }
      }
    }
    return lines;
  } catch (err) {
    if (worker === current) await stop();
    throw err;
  } finally {
    idle = setTimeout(() => void stop(), IDLE_MS);
    idle.unref();
  }
}
