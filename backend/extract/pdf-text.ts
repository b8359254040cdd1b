import type { LetterText } from '../../shared/domain/letter';
import { ExtractionError } from './errors';
import { buildLetterText } from './pdf-lines';
import { readPdfGlyphs } from './pdfium/glyphs';

/** Fewer letters than this (outside white space) means the PDF has no text layer to speak of. */
const MIN_TEXT_CHARS = 20;

/**
 * A PDF's text layer → LetterText with lines, bold, page numbers, cells and
 * every character's box (`boxes`). PDFium reads the file (see README for why
 * PDFium); lines are rebuilt from positions (pdf-lines.ts). Throws
 * ExtractionError with a reviewer-facing reason.
 */
export async function extractPdfText(bytes: Uint8Array, fileName: string): Promise<LetterText> {
  const { pages, repaired } = await readPdfGlyphs(bytes, fileName);
  if (pages.length === 0) throw new ExtractionError('corrupt-pdf', 'damaged PDF: it has no pages', fileName);
  const letter = buildLetterText(pages, fileName);
  if (letter.text.replace(/\s/g, '').length < MIN_TEXT_CHARS) {
    if (pages.every((p) => p.objectCount === 0)) {
      throw new ExtractionError(
        'corrupt-pdf',
        repaired
          ? 'damaged PDF: its structure is broken and nothing on its pages can be read'
          : 'damaged PDF or blank pages: nothing is drawn on its pages',
        fileName,
      );
    }
    throw new ExtractionError('no-text-layer', 'scanned image, no text layer: run OCR first', fileName);
  }
  return letter;
}
