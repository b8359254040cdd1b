import type { Span } from '../domain/letter';
import { LAYOUTS } from './layouts';
import type { Located } from './provenance';
import { foldParagraphs, trimSpan } from './text';

/**
 * The boilerplate that opens the summary ("The expert reviewer developed the
 * following clinical case summary…", "Disclaimer: The following case summary
 * was taken directly from…"), as the layouts declare it. Any layout's is
 * accepted: anchored at the summary's start, it cannot take real content.
 */
const PREAMBLE = new RegExp(
  `^\\s*(?:${[...new Set(LAYOUTS.map((l) => l.summaryPreamble).filter(Boolean))].join('|')})`,
  'i',
);

/** The clinical case summary: the section's text without the preamble, paragraphs kept. */
export function readClinicalSummary(text: string, body: Span): Located<string> | undefined {
  const slice = text.slice(body.start, body.end);
  const preamble = PREAMBLE.exec(slice);
  const from = body.start + (preamble ? preamble[0].length : 0);
  const span = trimSpan(text, from, body.end);
  const value = foldParagraphs(text.slice(span.start, span.end));
  if (!value) return undefined;
  return { value, span, confidence: 1 };
}
