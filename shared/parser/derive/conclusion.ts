import type { Conclusion } from '../../domain/letter';

/**
 * The rationale's closing verdict. The last statement of necessity wins
 * ("... Therefore, the request is not medically necessary."); a few other
 * closing wordings ("non-certified", "medical necessity has not been
 * established") are read with lower confidence.
 */
const VERDICT =
  /\b(?:(not|non)[\s-]+(?:been\s+)?(?:established\s+as\s+)?medically\s+necessary|medically\s+necessary|(non)-?\s*certified|(?:is|are)\s+(?:therefore\s+)?(not\s+)?certified|medical\s+necessity\s+(?:(?:has|have)\s+(not\s+been|been)|(?:is|was)\s+(not)?\s*(?:established|substantiated)|(cannot|can)\s+be\s+(?:established|supported))|(?:is|are)\s+(not\s+)?a\s+medical\s+necessity)/gi;

export function readConclusion(
  rationale: string | null,
): { value: Conclusion; index: number; length: number; confidence: number } | null {
  if (!rationale) return null;
  let last: RegExpExecArray | null = null;
  let m: RegExpExecArray | null;
  VERDICT.lastIndex = 0;
  while ((m = VERDICT.exec(rationale))) last = m;
  if (!last) return weakVerdict(rationale);
  const phrase = last[0].toLowerCase();
  const negative =
    /\b(?:not|non|cannot)\b|non-?\s*certified|not\s+been/.test(phrase) ||
    // "medically necessary" preceded by "not" across a line wrap or with an adverb ("is not currently medically necessary").
    /\bnot\s+(?:\w+\s+)?$/i.test(rationale.slice(Math.max(0, last.index - 24), last.index));
  const strong = /medically\s+necessary|medical\s+necessity$/.test(phrase);
  return {
    value: negative ? 'not medically necessary' : 'medically necessary',
    index: last.index,
    length: last[0].length,
    confidence: strong ? 0.9 : 0.7,
  };
}

/** Without any statement of necessity, the last "is (not) recommended / supported / warranted" decides, weakly. */
const WEAK_VERDICT =
  /\b(?:is|are|was|were)\s+(not\s+)?(?:\w+\s+)?(?:recommended|supported|warranted|indicated|appropriate)\b/gi;

function weakVerdict(
  rationale: string,
): { value: Conclusion; index: number; length: number; confidence: number } | null {
  let last: RegExpExecArray | null = null;
  let m: RegExpExecArray | null;
  WEAK_VERDICT.lastIndex = 0;
  while ((m = WEAK_VERDICT.exec(rationale))) last = m;
  if (!last) return null;
  return {
    value: last[1] ? 'not medically necessary' : 'medically necessary',
    index: last.index,
    length: last[0].length,
    confidence: 0.5,
  };
}
