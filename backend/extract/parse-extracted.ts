import type { LetterText, ParsedLetter } from '../../shared/domain/letter';
import { parseLetter } from '../../shared/parser';
import { markOcrValues } from './ocr/provenance';

/**
 * The parser as the backend runs it on extracted text (import, reparse,
 * `imr parse`): parseLetter, then values read by OCR marked as such.
 */
export function parseExtractedLetter(letter: LetterText): ParsedLetter {
  return markOcrValues(parseLetter(letter), letter);
}
