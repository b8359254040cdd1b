import type { LetterText } from '../../shared/domain/letter';
import { ExtractionError } from './errors';
import { extractPdfText } from './pdf-text';
import { sniffBytes } from './sniff';
import { decodeTextBytes } from './text-decoding';
import { textToLetterText } from './text-lines';

/**
 * Bytes of one letter file -> LetterText (text + lines with page and bold).
 * The kind is decided by content, not by extension. Throws ExtractionError
 * with a one-line `reason` for files that hold no usable letter text.
 * Stateless: safe to call concurrently from worker threads.
 */
export async function extractLetterText(bytes: Uint8Array, fileName: string): Promise<LetterText> {
  const kind = sniffBytes(bytes);
  const claimsPdf = /\.pdf$/i.test(fileName);
  switch (kind) {
    case 'empty':
      throw new ExtractionError('empty', 'empty file: it contains no text', fileName);
    case 'pdf':
      return extractPdfText(bytes, fileName);
    case 'html':
      throw new ExtractionError(
        'not-a-pdf',
        claimsPdf
          ? 'not a PDF: the file is a saved web page (HTML)'
          : 'web page (HTML), not a letter file: save the letter as PDF or plain text',
        fileName,
      );
    case 'binary':
      throw new ExtractionError(
        claimsPdf ? 'not-a-pdf' : 'binary-text',
        claimsPdf
          ? 'not a PDF: the file does not start with a PDF header'
          : 'binary data, not text: is this really a text letter?',
        fileName,
      );
    case 'text': {
      const decoded = decodeTextBytes(bytes);
      // Content decides, so a text letter misnamed ".pdf" still imports; but bytes that only
      // pass as Windows-1252 under a .pdf name are far more likely garbage than a letter.
      if (claimsPdf && decoded.encoding === 'windows-1252') {
        throw new ExtractionError('not-a-pdf', 'not a PDF: the file does not start with a PDF header', fileName);
      }
      const letter = textToLetterText(decoded.text, decoded.encoding);
      if (!letter.text.trim()) throw new ExtractionError('empty', 'empty file: it contains no text', fileName);
      return letter;
    }
  }
}
