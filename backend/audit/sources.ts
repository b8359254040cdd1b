/**
 * Where each effective value was read in the letter. Pure: a parse and the
 * effective state of its case in, the effective letter with sources out.
 *
 * The rule is one comparison: a field shows the parser's span (and
 * confidence) only while its effective value is the value the parser read
 * there. A corrected value, a split part's new treatment, a merged rationale,
 * a reviewer-added item: none was read anywhere, so none gets a source. Items
 * find their parsed item through `parsedIndex`, which the fold keeps through
 * delete, add, split, merge and reorder; nothing is matched by position or by
 * text.
 */
import type { EffectiveItem, EffectiveLetter } from '../../shared/domain/case';
import type { ConfidenceMap, ParsedLetter, SpanMap } from '../../shared/domain/letter';
import { parsedToValues } from '../store/letter-values';
import type { EffectiveState } from './apply';
import { sameValue } from '../store/canonical';

/** The spans and confidences of `parsed` for the fields whose value in `effective` is still the parsed one. */
function sourcesOf<K extends string>(
  parsedValues: Record<K, unknown>,
  effective: Record<K, unknown>,
  spans: SpanMap<K>,
  confidence: ConfidenceMap<K>,
): { spans: SpanMap<K>; confidence: ConfidenceMap<K> } {
  const out = { spans: {} as SpanMap<K>, confidence: {} as ConfidenceMap<K> };
  for (const field of Object.keys(spans) as K[]) {
    const span = spans[field];
    if (!span || !sameValue(parsedValues[field], effective[field])) continue;
    out.spans[field] = { start: span.start, end: span.end };
    const c = confidence[field];
    if (c !== undefined) out.confidence[field] = c;
  }
  return out;
}

export function effectiveLetterWithSources(parsed: ParsedLetter, state: EffectiveState): EffectiveLetter {
  const parsedValues = parsedToValues(parsed);
  const items = state.items.map((item): EffectiveItem => {
    const index = item.parsedIndex;
    const source = index === null ? undefined : parsed.items[index];
    const values = index === null ? undefined : parsedValues.items[index];
    const sources =
      source && values
        ? sourcesOf(values, item.values, source.spans, source.confidence)
        : { spans: {}, confidence: {} };
    return { ...item.values, parsedIndex: source ? index : null, ...sources };
  });
  const { items: _parsedItems, ...parsedLetter } = parsedValues;
  return {
    ...state.letter,
    items,
    ...sourcesOf(parsedLetter, state.letter, parsed.spans, parsed.confidence),
  };
}
