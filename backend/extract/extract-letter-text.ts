import type { LetterText } from '../../shared/domain/letter';
import { ExtractionError } from './errors';
import { extractPdfText, type PdfExtractOptions } from './pdf-text';
import { sniffBytes } from './sniff';
import { decodeTextBytes } from './text-decoding';
import { textToLetterText } from './text-lines';

/**
 * Bytes of one letter file -> LetterText (text + lines with page and bold).
 * The kind is decided by content, not by extension. Throws ExtractionError
 * with a one-line `reason` for files that hold no usable letter text.
 * Stateless: safe to call concurrently from worker threads.
 */
export type ExtractOptions = PdfExtractOptions;

export async function extractLetterText(
  bytes: Uint8Array,
  fileName: string,
  options: ExtractOptions = {},
): Promise<LetterText> {
  const kind = sniffBytes(bytes);
  const claimsPdf = /\.pdf$/i.test(fileName);
  switch (kind) {
    case 'empty':
      throw new ExtractionError('empty', 'empty file: it contains no text', fileName);
    case 'pdf': {
      const end = endOfPdf(bytes);
      if (end === null) {
        // An engine would silently rebuild a cut-off file and return part of the letter; a half letter must not import as whole.
        throw new ExtractionError(
          'corrupt-pdf',
          'truncated PDF: the file ends before the PDF end marker (incomplete copy or download?)',
          fileName,
        );
      }
      // Whatever follows the last end marker (padding, junk some tools append) is not part of the PDF.
      return extractPdfText(bytes.subarray(0, end), fileName, options);
    }
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
      if (decoded.warnings.length) letter.warnings = decoded.warnings;
      if (!letter.text.trim()) throw new ExtractionError('empty', 'empty file: it contains no text', fileName);
      return letter;
    }
  }
}

const EOF_MARKER = '%%EOF';
/** PDF structure that only a (cut-off) incremental update would put after an end marker. */
const UPDATE_AFTER_EOF = /\b(?:\d+\s+\d+\s+obj|endobj|xref|trailer|startxref)\b/;

/**
 * Where the PDF ends: just after its last "%%EOF" (anywhere in the file —
 * some tools pad a letter with kilobytes of NULs or append junk, which
 * readers that look only at the last KiB reject). Null when the file has no
 * end marker, or when PDF objects follow the last one (an update that was
 * cut off): both mean an incomplete file.
 */
export function endOfPdf(bytes: Uint8Array): number | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = buffer.lastIndexOf(EOF_MARKER, undefined, 'latin1');
  if (at < 0) return null;
  const end = at + EOF_MARKER.length;
  if (UPDATE_AFTER_EOF.test(buffer.toString('latin1', end, Math.min(buffer.length, end + 64 * 1024)))) return null;
  return end;
}
