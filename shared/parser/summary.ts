import type { Span } from '../domain/letter';
import type { Located } from './provenance';
import { foldParagraphs, trimSpan } from './text';

/** Boilerplate that opens the summary in every layout; it is not part of the case summary itself. */
const SUMMARY_PREAMBLE =
  /^\s*The\s+(?:expert|physician|medical)\s+reviewer\s+developed\s+the\s+following\s+clinical\s+case\s+summary\s+based\s+on\s+a\s+review\s+of\s+the\s+case\s+file,?\s+including\s+all\s+medical\s+records\s*:?/i;

/** The clinical case summary: the section's text without the preamble, paragraphs kept. */
export function readClinicalSummary(text: string, body: Span): Located<string> | undefined {
  const slice = text.slice(body.start, body.end);
  const preamble = SUMMARY_PREAMBLE.exec(slice);
  const from = body.start + (preamble ? preamble[0].length : 0);
  const span = trimSpan(text, from, body.end);
  const value = foldParagraphs(text.slice(span.start, span.end));
  if (!value) return undefined;
  return { value, span, confidence: 1 };
}
