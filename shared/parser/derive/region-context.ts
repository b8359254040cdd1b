import type { ItemCategory, ParsedItem, Span } from '../../domain/letter';
import { FoldedText } from '../text';
import { findRegionMentions, regionsOf, type BodyRegion } from './body-region';

/**
 * Body regions of items whose treatment names none, from their context, with
 * lower confidence:
 * - a service that belongs to an operation ("Associated surgical service:
 *   cold therapy unit", "post-operative physical therapy", "pre-operative
 *   labs") takes the regions of the letter's surgery items (0.6);
 * - otherwise the rationale: the regions named in its first sentence that
 *   restates the request ("The request for physical therapy for the lumbar
 *   spine is not medically necessary") or, for a service of an operation, that
 *   names the operation ("status post right shoulder arthroscopy") (0.5).
 * Only for categories that are done to a part of the body: a drug, a
 * psychological service or home care has no region of its own.
 */
const REGIONAL: ReadonlySet<ItemCategory> = new Set([
  'physical therapy',
  'occupational therapy',
  'chiropractic',
  'acupuncture',
  'imaging',
  'electrodiagnostics',
  'injections',
  'surgery',
  'DME',
]);

const OF_AN_OPERATION =
  /\b(?:post-?\s*op(?:erative(?:ly)?)?|pre-?\s*op(?:erative(?:ly)?)?|peri-?\s*operative|associated\s+surgical|surgical\s+services?|(?:after|following|for|with)\s+(?:the\s+)?(?:surgery|operation|procedure))\b/i;
const OPERATION_WORDS =
  /\b(?:status\s+post|s\/p|surgery|surgical|operation|operative|arthroscop\w*|\w+ectomy|\w+otomy|\w+plasty|fusion|repair|reconstruction|replacement|release|decompression)\b/i;
const RESTATES_REQUEST = /\brequest(?:s|ed)?\b/i;

export function fillRegionsFromContext(
  text: string,
  items: ParsedItem[],
  categoryOf: (item: ParsedItem) => ItemCategory = (i) => i.category,
): void {
  const operations = items.filter((i) => categoryOf(i) === 'surgery' && hasRegions(i));
  for (const item of items) {
    if (hasRegions(item) || !REGIONAL.has(categoryOf(item)) || !item.treatment) continue;
    const ofOperation = OF_AN_OPERATION.test(item.treatment);
    const sources = operations.filter((o) => o !== item);
    if (ofOperation && sources.length) {
      const regions = [...new Set(sources.flatMap((o) => o.bodyRegion))] as BodyRegion[];
      set(item, regions, sources[0]!.spans.bodyRegion, 0.6);
      continue;
    }
    const rationale = item.spans.rationale;
    if (!rationale) continue;
    const found = fromRationale(text, rationale, ofOperation);
    if (found) set(item, found.regions, found.span, 0.5);
  }
}

function hasRegions(item: ParsedItem): boolean {
  return item.bodyRegion.length > 0;
}

function set(item: ParsedItem, regions: BodyRegion[], span: Span | undefined, confidence: number): void {
  if (!regions.length) return;
  item.bodyRegion = regions;
  if (span) item.spans.bodyRegion = { ...span };
  item.confidence.bodyRegion = confidence;
}

function fromRationale(
  text: string,
  rationale: Span,
  ofOperation: boolean,
): { regions: BodyRegion[]; span: Span | undefined } | null {
  const folded = new FoldedText(text, rationale.start, rationale.end);
  const mentions = findRegionMentions(folded.value);
  if (!mentions.length) return null;
  const wanted = ofOperation ? OPERATION_WORDS : RESTATES_REQUEST;
  // Sentence by sentence, only those that name a region.
  const sentence = /[^.!?]*(?:[.!?]+(?=\s+[A-Z]|\s*$)|$)/g;
  for (let m = sentence.exec(folded.value); m && m[0]; m = sentence.exec(folded.value)) {
    const start = m.index;
    const end = start + m[0].length;
    const inside = mentions.filter((x) => x.index >= start && x.index + x.length <= end);
    if (!inside.length || !wanted.test(m[0])) continue;
    const regions = regionsOf(inside);
    const kept = inside.filter((x) => regions.includes(x.region));
    const first = kept[0]!;
    const last = kept[kept.length - 1]!;
    return { regions, span: folded.spanOf(first.index, last.index + last.length) };
  }
  return null;
}
