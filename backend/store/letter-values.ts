import type { ItemValues, LetterValues } from '../../shared/domain/case';
import type { ParsedItem, ParsedLetter } from '../../shared/domain/letter';

/**
 * The reviewer-facing values of a parse: the parsed letter without its
 * provenance maps (spans, confidence) and warnings. This is what corrections
 * apply to and what the projection tables hold.
 */
export function parsedToValues(parsed: ParsedLetter): LetterValues {
  const { spans: _spans, confidence: _confidence, warnings: _warnings, items, ...letter } = parsed;
  return { ...letter, items: items.map(itemToValues) };
}

export function itemToValues(item: ParsedItem): ItemValues {
  const { spans: _spans, confidence: _confidence, warnings: _warnings, ...values } = item;
  return values;
}
