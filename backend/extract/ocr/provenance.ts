import type { LetterText, ParsedLetter, Span, TextLine } from '../../../shared/domain/letter';
import { OCR_ENGINE } from './tesseract';

/**
 * A value read by OCR is never as sure as one read from a PDF's text layer:
 * its confidence is at most this, and lower when Tesseract was less sure of
 * the words on its lines.
 */
export const OCR_CONFIDENCE_CEILING = 0.8;

/**
 * Marks the values of a parse whose source lies on lines read by OCR
 * (TextLine.ocr): each gets confidence ≤ OCR_CONFIDENCE_CEILING (scaled by
 * the lines' OCR confidence) and its path in `parsed.ocr.fields`. Letters
 * without OCR'd lines are returned unchanged.
 */
export function markOcrValues(parsed: ParsedLetter, letter: LetterText): ParsedLetter {
  const ocrLines = letter.lines.filter((line) => line.ocr !== undefined);
  if (ocrLines.length === 0) return parsed;
  const fields: string[] = [];
  const lower = (span: Span | undefined, current: number | undefined): number | null => {
    const sure = span ? ocrConfidence(ocrLines, span) : null;
    if (sure === null) return null;
    return Math.min(current ?? 1, Math.round(OCR_CONFIDENCE_CEILING * sure * 100) / 100);
  };
  for (const [key, span] of Object.entries(parsed.spans) as [keyof ParsedLetter['spans'], Span][]) {
    const confidence = lower(span, parsed.confidence[key]);
    if (confidence === null) continue;
    parsed.confidence[key] = confidence;
    fields.push(key);
  }
  parsed.items.forEach((item, i) => {
    for (const [key, span] of Object.entries(item.spans) as [keyof typeof item.spans, Span][]) {
      const confidence = lower(span, item.confidence[key]);
      if (confidence === null) continue;
      item.confidence[key] = confidence;
      fields.push(`items[${i}].${key}`);
    }
  });
  parsed.ocr = { pages: [...new Set(ocrLines.map((l) => l.page))].sort((a, b) => a - b), engine: OCR_ENGINE, fields };
  return parsed;
}

/** The mean OCR confidence of the OCR'd lines a span touches; null when it touches none. */
function ocrConfidence(ocrLines: readonly TextLine[], span: Span): number | null {
  let sum = 0;
  let count = 0;
  for (const line of ocrLines) {
    if (line.end < span.start || line.start >= span.end) continue;
    sum += line.ocr!;
    count++;
  }
  return count ? sum / count : null;
}
