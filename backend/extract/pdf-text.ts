import type { LetterText } from '../../shared/domain/letter';
import { errorLine } from '../../shared/api/error-text';
import { ExtractionError } from './errors';
import { ocrPageGlyphs } from './ocr/ocr-glyphs';
import { cleanScan, toPgm } from './ocr/scan-image';
import { recognizeLines } from './ocr/tesseract';
import { buildLetterText } from './pdf-lines';
import { readPdfGlyphs, type PageGlyphs } from './pdfium/glyphs';
import { renderPageGray } from './pdfium/render';

/** Fewer letters than this (outside white space) means the PDF has no text to speak of. */
const MIN_TEXT_CHARS = 20;
/** A page with fewer characters than this in its text layer, mostly covered by images, is a scan. */
const SCAN_MAX_TEXT_CHARS = 200;
const SCAN_MIN_IMAGE_COVERAGE = 0.5;
/** Scanned pages are drawn at this resolution for OCR (the usual scan and fax resolution). */
export const OCR_DPI = 200;
/** Bounds on one file's work (README "Bounds"). */
export const MAX_PAGES = 500;
export const MAX_OCR_PAGES = 12;

export interface PdfExtractOptions {
  /** Called before each scanned page is read by OCR (seconds of work each): lets a caller extend its deadline. */
  onOcrPage?(page: number, scannedPages: number): void;
}

/**
 * A PDF → LetterText with lines, bold, page numbers, cells and every
 * character's box. PDFium reads the text layer (see README for the engine
 * choice); pages that are scans (an image, little or no text) are drawn by
 * PDFium and read by OCR, their lines marked with the OCR confidence.
 * Throws ExtractionError with a reviewer-facing reason.
 */
export async function extractPdfText(
  bytes: Uint8Array,
  fileName: string,
  options: PdfExtractOptions = {},
): Promise<LetterText> {
  const { pages, repaired } = await readPdfGlyphs(bytes, fileName);
  if (pages.length === 0) throw new ExtractionError('corrupt-pdf', 'damaged PDF: it has no pages', fileName);
  if (pages.length > MAX_PAGES) {
    throw new ExtractionError(
      'too-complex',
      `too many pages: ${pages.length} (a determination letter has a few; at most ${MAX_PAGES} are read)`,
      fileName,
    );
  }
  const scans = pages.filter(isScan);
  if (scans.length > MAX_OCR_PAGES) {
    throw new ExtractionError(
      'too-complex',
      `scanned PDF of ${scans.length} pages: OCR reads at most ${MAX_OCR_PAGES} scanned pages per letter`,
      fileName,
    );
  }
  const read: PageGlyphs[] = [];
  for (const page of pages)
    read.push(isScan(page) ? await readScan(bytes, page, scans.length, fileName, options) : page);
  const letter = buildLetterText(read, fileName);
  const chars = letter.text.replace(/\s/g, '').length;
  if (chars < MIN_TEXT_CHARS) throw noText(pages, scans.length, repaired, fileName, chars);
  return letter;
}

function isScan(page: PageGlyphs): boolean {
  return nonSpaceChars(page.text) < SCAN_MAX_TEXT_CHARS && page.imageCoverage >= SCAN_MIN_IMAGE_COVERAGE;
}

function nonSpaceChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x20) n++;
  return n;
}

/** Draws a scanned page and reads it by OCR; the page's own few characters (a fax header) are in the drawing too. */
async function readScan(
  bytes: Uint8Array,
  page: PageGlyphs,
  scannedPages: number,
  fileName: string,
  options: PdfExtractOptions,
): Promise<PageGlyphs> {
  options.onOcrPage?.(page.page, scannedPages);
  const bitmap = await renderPageGray(bytes, page.page - 1, OCR_DPI, fileName);
  let lines;
  try {
    lines = await recognizeLines(
      toPgm(cleanScan(bitmap.gray, bitmap.width, bitmap.height), bitmap.width, bitmap.height),
    );
  } catch (err) {
    throw new ExtractionError(
      'no-text-layer',
      `scanned page ${page.page} could not be read by OCR (${errorLine(err, 100)})`,
      fileName,
    );
  }
  return ocrPageGlyphs(page.page, lines, bitmap);
}

/**
 * Why a PDF with fewer than MIN_TEXT_CHARS characters of text is refused, by
 * what it does hold: scans OCR found nothing in, nothing drawn at all, a few
 * characters (`chars`, outside white space: a one-word page once read "the
 * pages hold only drawings"), or drawings only.
 */
function noText(
  pages: PageGlyphs[],
  scans: number,
  repaired: boolean,
  fileName: string,
  chars: number,
): ExtractionError {
  if (scans > 0) {
    return new ExtractionError(
      'no-text-layer',
      scans === 1 ? 'scanned page, no letter text found by OCR' : `${scans} scanned pages, no letter text found by OCR`,
      fileName,
    );
  }
  if (pages.every((p) => p.objectCount === 0)) {
    return new ExtractionError(
      'corrupt-pdf',
      repaired
        ? 'damaged PDF: its structure is broken and nothing on its pages can be read'
        : 'damaged PDF or blank pages: nothing is drawn on its pages',
      fileName,
    );
  }
  if (chars > 0) {
    return new ExtractionError(
      'no-text-layer',
      `only ${chars} character${chars === 1 ? '' : 's'} of text: too little for an IMR determination letter`,
      fileName,
    );
  }
  return new ExtractionError(
    'no-text-layer',
    'no text layer: the pages hold only drawings (no text, and no scanned image to read by OCR)',
    fileName,
  );
}
